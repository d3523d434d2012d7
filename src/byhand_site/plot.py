"""The training plot as inline SVG, written directly at build time, readable in both palettes.

Two panels of lines against the step, with logarithmic or linear axes: small enough to write out
(a few milliseconds here, where drawing it with matplotlib took a second and a half, most of
it the import). Text, axes and ticks are drawn in ``currentColor``, so they take the page's text
colour; the background is transparent; the data colours are mid-tone and read on white and on the
dark slate palette alike. The same data give the same bytes. The SVG carries a ``<title>`` and a
``<desc>`` written from the data, which screen readers announce in place of the drawing.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

import numpy as np

from byhand_site.render import text

BLUE, ORANGE = "#2f8fdf", "#f0762a"
POINTS = 600  # at most this many points per curve
WIDTH, LEFT, RIGHT = 620, 84, 606  # the drawing's width and the plotting area's left and right edges
TOP_PANEL, BOTTOM_PANEL = (14, 200), (236, 422)  # each panel's top and bottom edges
HEIGHT = 478
_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078"
                             "\u2079")


def _power_of_ten(exponent: int) -> str:
    """A log-axis tick as plain text, ``10⁻³``; but 1 to 10000 written out (steps read better so)."""
    return f"{10 ** exponent:d}" if 0 <= exponent <= 4 else "10" + str(exponent).translate(_SUPERSCRIPT)


class _Axis:
    """One axis: data to position (on a log or linear scale, with a 5% margin each side), and its ticks."""

    def __init__(self, values: np.ndarray, log: bool, near: float, far: float) -> None:
        v = np.log10(values) if log else np.asarray(values, dtype=float)
        low, high = float(v.min()), float(v.max())
        pad = 0.05 * (high - low) if high > low else 0.5
        self.low, self.high, self.log, self.near, self.far = low - pad, high + pad, log, near, far

    def __call__(self, values) -> np.ndarray:
        v = np.log10(values) if self.log else np.asarray(values, dtype=float)
        return self.near + (v - self.low) / (self.high - self.low) * (self.far - self.near)

    def ticks(self) -> list[tuple[float, str]]:
        """(value, label): the powers of ten on a log axis; steps of 1, 2 or 5 times a power of ten on a linear one."""
        if self.log:
            return [(10.0 ** k, _power_of_ten(k)) for k in range(math.ceil(self.low), math.floor(self.high) + 1)]
        rough = (self.high - self.low) / 5
        power = 10.0 ** math.floor(math.log10(rough))
        step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
        first = math.ceil(self.low / step - 1e-9)
        values = [k * step for k in range(first, math.floor(self.high / step + 1e-9) + 1)]
        return [(v, text_number(v, decimals)) for v in values]


def text_number(v: float, decimals: int) -> str:
    """A tick label: fixed decimals, a true minus sign, no "-0"."""
    label = f"{v:.{decimals}f}"
    return "0" if float(label) == 0 else label.replace("-", "\u2212")


def _points(xs: np.ndarray, ys: np.ndarray) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))


def _panel(x: _Axis, y: _Axis, ylabel: str, x_labels: bool) -> list[str]:
    """A panel's grid, axes, ticks and labels."""
    top, bottom = y.far, y.near
    out = ['<g stroke="currentColor" stroke-opacity="0.15">']
    out += [f'<line x1="{LEFT}" x2="{RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>' for v, _ in y.ticks()]
    out += [f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top}" y2="{bottom}"/>' for v, _ in x.ticks()]
    out.append("</g>")
    out.append(f'<path d="M{LEFT},{top}V{bottom}H{RIGHT}" fill="none" stroke="currentColor"/>')
    for v, label in y.ticks():
        out.append(f'<line x1="{LEFT - 4}" x2="{LEFT}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="currentColor"/>'
                   f'<text x="{LEFT - 7}" y="{y(v):.1f}" text-anchor="end" dominant-baseline="central">{label}</text>')
    for v, label in x.ticks():
        out.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{bottom}" y2="{bottom + 4}" stroke="currentColor"/>')
        if x_labels:
            out.append(f'<text x="{x(v):.1f}" y="{bottom + 21}" text-anchor="middle">{label}</text>')
    middle = (top + bottom) / 2
    out.append(f'<text transform="translate(18 {middle:.1f}) rotate(-90)" text-anchor="middle" '
               f'dominant-baseline="central">{escape(ylabel)}</text>')
    return out


def _legend(entries: list[tuple[str, str]], right: float, top: float) -> list[str]:
    """Entries (label, line attributes) stacked at the top right corner ``(right, top)``."""
    out = []
    for n, (label, line) in enumerate(entries):
        y = top + 10 + 22 * n
        out.append(f'<line x1="{right - 170}" x2="{right - 142}" y1="{y}" y2="{y}" {line}/>'
                   f'<text x="{right - 134}" y="{y}" dominant-baseline="central">{escape(label)}</text>')
    return out


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
    loss, y_hat = np.asarray(loss, dtype=float), np.asarray(y_hat, dtype=float)
    if loss.ndim != 1 or loss.shape != y_hat.shape or len(loss) < 3:
        raise ValueError(f"loss, y_hat: expected two 1-d arrays of the same length >= 3, got "
                         f"{loss.shape} and {y_hat.shape}")
    first, last = (1 if log_steps else 0), len(loss) - 1
    spaced = np.geomspace if log_steps else np.linspace  # even spacing on the axis as drawn
    steps = np.unique(spaced(first, last, min(last + 1 - first, POINTS)).round().astype(int))
    loss, y_hat = loss[steps], y_hat[steps]  # enough points for the eye, a small SVG
    log_loss = bool((loss > 0).all())
    x = _Axis(steps, log_steps, LEFT, RIGHT)
    top = _Axis(loss, log_loss, TOP_PANEL[1], TOP_PANEL[0])
    bottom = _Axis(np.append(y_hat, y), False, BOTTOM_PANEL[1], BOTTOM_PANEL[0])
    line = f'fill="none" stroke="{BLUE}" stroke-width="2"'
    out = _panel(x, top, "loss L", x_labels=False) + _panel(x, bottom, "prediction \u0177", x_labels=True)
    legend_top = [("loss L", f'stroke="{BLUE}" stroke-width="2"')]
    if fit is not None:
        p, c, start, stop = fit
        t = np.geomspace(start, stop, 50)
        out.append(f'<polyline points="{_points(x(t), top(c * t ** p))}" fill="none" stroke="{ORANGE}" '
                   'stroke-width="7" stroke-opacity="0.45"/>')  # a band under the loss
        legend_top.append(("fitted c\u00b7t\u1d56", f'stroke="{ORANGE}" stroke-width="7" stroke-opacity="0.45"'))
    out.append(f'<polyline points="{_points(x(steps), top(loss))}" {line}/>')
    target = f'stroke="{ORANGE}" stroke-width="1.5" stroke-dasharray="6 3"'
    out.append(f'<line x1="{LEFT}" x2="{RIGHT}" y1="{bottom(y):.1f}" y2="{bottom(y):.1f}" {target}/>')
    out.append(f'<polyline points="{_points(x(steps), bottom(y_hat))}" {line}/>')
    out += _legend(legend_top, RIGHT, TOP_PANEL[0] + 6)
    rising = y_hat[-1] > y_hat[0]  # the legend goes where the curve is not
    legend_y = BOTTOM_PANEL[1] - 56 if rising else BOTTOM_PANEL[0] + 6
    out += _legend([("prediction \u0177", f'stroke="{BLUE}" stroke-width="2"'), ("target y", target)], RIGHT, legend_y)
    out.append(f'<text x="{(LEFT + RIGHT) / 2}" y="{HEIGHT - 8}" text-anchor="middle">step t'
               f'{" (log scale)" if log_steps else ""}</text>')
    desc = _describe(steps, loss, y_hat, y, log_steps, log_loss, fit)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="byhand-plot" '
            'width="100%" role="img" aria-labelledby="byhand-plot-title" aria-describedby="byhand-plot-desc" '
            'font-size="16" font-family="system-ui, sans-serif" fill="currentColor">'
            f'<title id="byhand-plot-title">{escape(title)}</title>'  # one plot a page: fixed ids
            f'<desc id="byhand-plot-desc">{escape(desc)}</desc>' + "".join(out) + "</svg>")
