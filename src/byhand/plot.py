"""Plots as inline SVG, drawn with matplotlib at build time, readable in the light and the dark palette.

Text, axes and ticks are drawn in a placeholder colour that is then replaced by ``currentColor``, so
they take the page's text colour; the background is transparent; the data colours are mid-tone and
read on white and on the dark slate palette alike. The SVG is deterministic (fixed ``svg.hashsalt``,
no date), so the same data give the same bytes.
"""

from __future__ import annotations

import io

import numpy as np

INK = "#010203"  # placeholder for currentColor: matplotlib needs a real colour to draw with
BLUE, ORANGE = "#2f8fdf", "#f0762a"
POINTS = 600  # at most this many points per curve


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None}, bbox_inches="tight")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):].replace(INK, "currentColor")
    head_end = svg.index(">")
    head = svg[:head_end]
    for attribute in ("width", "height"):  # scale with the page: width from CSS, shape from viewBox
        start = head.index(f' {attribute}="')
        head = head[:start] + head[head.index('"', start + len(attribute) + 3) + 1:]
    return head + ' class="byhand-plot" width="100%" role="img"' + svg[head_end:]


def training_svg(loss: np.ndarray, y_hat: np.ndarray, y: float, title: str = "") -> str:
    """Two panels against the step: the loss (log scale) and the prediction with the target."""
    from matplotlib import rc_context  # imported here: matplotlib is a docs dependency, not a runtime one
    from matplotlib.figure import Figure

    loss, y_hat = np.asarray(loss, dtype=float), np.asarray(y_hat, dtype=float)
    if loss.ndim != 1 or loss.shape != y_hat.shape or len(loss) < 2:
        raise ValueError(f"loss, y_hat: expected two 1-d arrays of the same length >= 2, got "
                         f"{loss.shape} and {y_hat.shape}")
    keep = np.unique(np.linspace(0, len(loss) - 1, min(len(loss), POINTS)).round().astype(int))
    steps, loss, y_hat = keep, loss[keep], y_hat[keep]  # enough points for the eye, a small SVG
    style = {"svg.hashsalt": "byhand", "svg.fonttype": "none", "font.size": 11, "text.color": INK,
             "axes.edgecolor": INK, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
             "axes.spines.top": False, "axes.spines.right": False}
    with rc_context(style):
        fig = Figure(figsize=(7, 5.2))  # no pyplot: no global state, no GUI backend, nothing to close
        top, bottom = fig.subplots(2, 1, sharex=True)
        top.plot(steps, loss, color=BLUE, linewidth=2)
        top.set_yscale("log" if (loss > 0).all() else "linear")
        top.set_ylabel("loss L")
        bottom.plot(steps, y_hat, color=BLUE, linewidth=2, label="prediction \u0177")
        bottom.axhline(y, color=ORANGE, linestyle="--", linewidth=1.5, label="target y")
        bottom.set_ylabel("prediction \u0177")
        bottom.set_xlabel("step")
        bottom.legend(frameon=False, loc="lower right" if y_hat[-1] > y_hat[0] else "upper right")
        for ax in (top, bottom):
            ax.grid(True, color=INK, alpha=0.15)
        if title:
            top.set_title(title)
        return _svg(fig)
