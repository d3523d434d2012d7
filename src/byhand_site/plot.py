"""Plots as inline SVG, drawn with matplotlib at build time, readable in the light and the dark palette.

Text, axes and ticks are drawn in a placeholder colour that is then replaced by ``currentColor``, so
they take the page's text colour; the background is transparent; the data colours are mid-tone and
read on white and on the dark slate palette alike. The SVG is deterministic (fixed ``svg.hashsalt``,
no date), so the same data give the same bytes. It carries a ``<title>`` and a ``<desc>`` written
from the data, which screen readers announce in place of the drawing.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import numpy as np

from byhand_site.render import text

INK = "#010203"  # placeholder for currentColor: matplotlib needs a real colour to draw with
BLUE, ORANGE = "#2f8fdf", "#f0762a"
POINTS = 600  # at most this many points per curve
_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078"
                             "\u2079")


def _power_of_ten(value: float, _position=None) -> str:
    """A log-axis tick as plain text, ``10⁻³``; but 1 to 10000 written out (steps read better so)."""
    exponent = round(np.log10(value))
    return f"{10 ** exponent:d}" if 0 <= exponent <= 4 else "10" + str(exponent).translate(_SUPERSCRIPT)


def _log_axis(axis) -> None:
    """Ticks on the powers of ten only, labelled in plain text: no mathtext to parse, no minor ticks."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    axis.set_major_locator(LogLocator(base=10))
    axis.set_major_formatter(FuncFormatter(_power_of_ten))
    axis.set_minor_locator(NullLocator())


def _svg(fig, title: str, desc: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None}, bbox_inches="tight")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):].replace(INK, "currentColor")
    head_end = svg.index(">")
    head = svg[:head_end]
    for attribute in ("width", "height"):  # scale with the page: width from CSS, shape from viewBox
        start = head.index(f' {attribute}="')
        head = head[:start] + head[head.index('"', start + len(attribute) + 3) + 1:]
    label = ' aria-labelledby="byhand-plot-title" aria-describedby="byhand-plot-desc"'
    alt = (f'<title id="byhand-plot-title">{escape(title)}</title>'
           f'<desc id="byhand-plot-desc">{escape(desc)}</desc>')  # one plot a page: fixed ids
    return head + ' class="byhand-plot" width="100%" role="img"' + label + ">" + alt + svg[head_end + 1:]


def _describe(steps, loss, y_hat, y, log_steps: bool, log_loss: bool, fit) -> str:
    first, last = int(steps[0]), int(steps[-1])
    scale = lambda log: "logarithmic" if log else "linear"  # noqa: E731
    axes = (f"both axes {scale(log_steps)}" if log_steps == log_loss
            else f"the loss axis {scale(log_loss)}, the step axis {scale(log_steps)}")
    parts = [f"Top panel, {axes}: the loss goes from {text(loss[0])} at step {first} to "
             f"{text(loss[-1])} at step {last}."]
    if fit is not None:
        p, c, start, stop = fit
        parts.append(f"A wide band shows the fitted law, L = {text(c)} \u00d7 t to the power {text(p)}, "
                     f"from step {start} to step {stop}.")
    parts.append(f"Bottom panel: the prediction goes from {text(y_hat[0])} to {text(y_hat[-1])}; a "
                 f"dashed line marks the target y = {text(y)}.")
    return " ".join(parts)


def training_svg(loss: np.ndarray, y_hat: np.ndarray, y: float, *, log_steps: bool = False,
                 fit: tuple[float, float, int, int] | None = None,
                 title: str = "Loss and prediction against the step") -> str:
    """Two panels against the step $t$: the loss (log scale) and the prediction with the target.

    With ``log_steps`` the step axis is logarithmic too and starts at step 1, so a loss falling like
    $c\\, t^{p}$ draws a straight line of slope $p$; without it the step axis is linear and a loss
    that loses a fixed fraction per step draws a straight line. ``fit = (p, c, start, stop)`` draws
    $c\\, t^{p}$ over steps start..stop, as a wide band under the loss. ``title`` names the plot for
    screen readers, and a description written from the data goes with it.
    """
    from matplotlib import rc_context  # imported here: matplotlib is a docs dependency, not a runtime one
    from matplotlib.figure import Figure

    loss, y_hat = np.asarray(loss, dtype=float), np.asarray(y_hat, dtype=float)
    if loss.ndim != 1 or loss.shape != y_hat.shape or len(loss) < 3:
        raise ValueError(f"loss, y_hat: expected two 1-d arrays of the same length >= 3, got "
                         f"{loss.shape} and {y_hat.shape}")
    first, last = (1 if log_steps else 0), len(loss) - 1
    spaced = np.geomspace if log_steps else np.linspace  # even spacing on the axis as drawn
    steps = np.unique(spaced(first, last, min(last + 1 - first, POINTS)).round().astype(int))
    loss, y_hat = loss[steps], y_hat[steps]  # enough points for the eye, a small SVG
    style = {"svg.hashsalt": "byhand", "svg.fonttype": "none", "font.size": 12, "text.color": INK,
             "axes.edgecolor": INK, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
             "axes.spines.top": False, "axes.spines.right": False}
    with rc_context(style):
        fig = Figure(figsize=(6.2, 4.8))  # no pyplot: no global state, no GUI backend, nothing to close
        top, bottom = fig.subplots(2, 1, sharex=True)
        top.plot(steps, loss, color=BLUE, linewidth=2, zorder=2, label="loss L")
        if fit is not None:
            p, c, start, stop = fit
            t = np.geomspace(start, stop, 50)
            top.plot(t, c * t ** p, color=ORANGE, linewidth=7, alpha=0.45, zorder=1,  # a band under the loss
                     solid_capstyle="butt", label="fitted c\u00b7t\u1d56")
            top.legend(frameon=False, loc="upper right")
        log_loss = bool((loss > 0).all())
        if log_loss:
            top.set_yscale("log")
            _log_axis(top.yaxis)
        top.set_ylabel("loss L")
        bottom.plot(steps, y_hat, color=BLUE, linewidth=2, label="prediction \u0177")
        bottom.axhline(y, color=ORANGE, linestyle="--", linewidth=1.5, label="target y")
        bottom.set_ylabel("prediction \u0177")
        bottom.set_xlabel("step t" + (" (log scale)" if log_steps else ""))
        if log_steps:
            bottom.set_xscale("log")
            _log_axis(bottom.xaxis)
        bottom.legend(frameon=False, loc="lower right" if y_hat[-1] > y_hat[0] else "upper right")
        for ax in (top, bottom):
            ax.grid(True, color=INK, alpha=0.15)
        return _svg(fig, title, _describe(steps, loss, y_hat, y, log_steps, log_loss, fit))
