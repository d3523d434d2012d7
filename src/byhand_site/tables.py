"""Small Markdown tables the pages print, each from numbers the package computed.

Cells are LaTeX numbers from [`byhand_site.render.tex`][byhand_site.render.tex]; each function returns
the table's lines joined by newlines, without a trailing newline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from byhand.walkthrough import Walkthrough
from byhand_site.render import tex


def headline(w: Walkthrough) -> str:
    """The home page's table: the prediction and the loss before the step and after one step."""
    return "\n".join([
        "| quantity | before the step | after one step |",
        "|---|---|---|",
        f"| prediction $\\hat y$ | ${tex(w.y_hat)}$ | ${tex(w.y_hat_new)}$ |",
        f"| loss $L = (y - \\hat y)^2$ | ${tex(w.loss)}$ | ${tex(w.loss_new)}$ |",
    ])


def power_law(loss: np.ndarray, start: int, stop: int) -> str:
    """The loss $L_t$ and $t \\cdot L_t$ at steps ``start``, ``2 start``, ``5 start`` and ``stop``: a
    $1/t$ law keeps the last column nearly constant while the loss falls tenfold."""
    rows = [f"| ${k}$ | ${tex(loss[k])}$ | ${tex(k * loss[k])}$ |" for k in (start, 2 * start, 5 * start, stop)]
    return "\n".join(["| step $t$ | loss $L_t$ | $t \\cdot L_t$ |\n|---:|---:|---:|", *rows])


def sweep(powers: Iterable[int], measured: Sequence[float], predicted: Sequence[float]) -> str:
    """One row per step $s = 10^{-k}$, k in ``powers``: the measured worst error of the central
    difference beside the estimate $E(s)$, both to two significant digits."""
    rows = [f"| $10^{{-{k}}}$ | ${tex(e, sig=2)}$ | ${tex(p, sig=2)}$ |" for k, e, p in zip(powers, measured, predicted)]
    return "\n".join(["| $s$ | worst $\\lvert g - c \\rvert$, measured | $E(s)$, estimated |\n|---:|---:|---:|", *rows])
