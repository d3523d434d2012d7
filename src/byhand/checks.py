"""The gradient check: every analytic form against central differences, weight by weight.

For each weight $w$ the table holds the value $g$ of every form in [`byhand.gradients.FORMS`][byhand.gradients.FORMS],
the central-difference estimate $c$ and the error $|g - c|$. [`verify`][byhand.checks.verify] raises unless
the forms agree with each other to ``AGREE`` and with central differences to ``REFEREE`` (both scaled by
$1 + |\\cdot|$).

The step $h$ of a central difference trades two errors: truncation, $h^2 |L'''| / 6$, and the
round-off of two losses each computed to about $\\varepsilon |L|$, which their difference divided by
$2h$ turns into about $\\varepsilon |L| / h$. With $M$ the largest $|L'''|$ over the weights,

$$
E(h) = \\frac{h^2 M}{6} + \\frac{\\varepsilon |L|}{h}, \\qquad
h^* = \\left(\\frac{3 \\varepsilon |L|}{M}\\right)^{1/3}, \\qquad E(h^*) = \\frac{h^{*2} M}{2}.
$$
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from byhand.gradients import FORMS, Gradient
from byhand.numerical import STEP, central
from byhand.tolerances import AGREE, REFEREE

EPS = float(np.finfo(float).eps)  # spacing of float64 numbers near 1
WIDE = 1e-3  # step H of the third-derivative estimate; its round-off, about 3 eps |L| / H^3, stays small


@dataclass(frozen=True)
class Row:
    """One weight: ``layer`` (1 or 2), 0-based ``index`` into its matrix, each form, the estimate."""

    layer: int
    index: tuple[int, int]
    forms: dict[str, float]
    central: float

    def error(self, form: str) -> float:
        """$|g - c|$ for the form's value $g$: the quantity ``verify`` bounds by ``REFEREE`` $(1 + |c|)$."""
        return abs(self.forms[form] - self.central)

    def worst(self) -> float:
        """The largest ``error`` over the forms."""
        return max(self.error(name) for name in self.forms)

    def digits(self) -> int | None:
        """Significant digits every form shares with $c$: $\\lfloor -\\log_{10} r \\rfloor$ for the largest
        relative error $r = |g - c| / \\max(|g|, |c|)$; ``None`` when every form equals $c$ exactly."""
        r = max(self.error(name) / max(abs(g), abs(self.central)) if g != self.central else 0.0
                for name, g in self.forms.items())
        return None if r == 0 else int(np.floor(-np.log10(r)))


def table(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float,
          forms: dict[str, Callable[..., Gradient]] = FORMS, h: float = STEP) -> list[Row]:
    """One [`Row`][byhand.checks.Row] per weight, ``W1`` row by row and then ``W2``, at step ``h``."""
    values = {name: form(W1, W2, x, y) for name, form in forms.items()}
    estimate = central(W1, W2, x, y, h)
    return [Row(layer, index, {name: float(g[layer - 1][index]) for name, g in values.items()},
                float(estimate[layer - 1][index]))
            for layer, W in ((1, W1), (2, W2)) for index in np.ndindex(W.shape)]


def verify(rows: list[Row], agree: float = AGREE, referee: float = REFEREE) -> None:
    """Raise AssertionError naming the weight and form that disagree beyond the tolerances.

    Forms agree when $|g - g_0| \\le$ ``agree`` $(1 + |g_0|)$ with $g_0$ the first form;
    a form passes the referee when $|g - c| \\le$ ``referee`` $(1 + |c|)$.
    """
    for row in rows:
        where = f"weight w^({row.layer})_{row.index[0] + 1},{row.index[1] + 1}"
        first, g0 = next(iter(row.forms.items()))
        for name, g in row.forms.items():
            if abs(g - g0) > agree * (1 + abs(g0)):
                raise AssertionError(f"{where}: form {name!r} gives {g!r}, form {first!r} gives {g0!r}")
            if row.error(name) > referee * (1 + abs(row.central)):
                raise AssertionError(f"{where}: form {name!r} gives {g!r}, central differences {row.central!r}")


def third(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, H: float = WIDE) -> np.ndarray:
    """$L'''$ along each weight, in ``table`` order, from the referee's own truncation term.

    $c(h) = L' + h^2 L''' / 6 + O(h^4)$, so $c(2H) - c(H) = H^2 L''' / 2 + O(H^4)$ and
    $L''' \\approx 2\\,\\bigl(c(2H) - c(H)\\bigr) / H^2$.
    """
    wide, narrow = (np.concatenate([np.ravel(g) for g in central(W1, W2, x, y, s)]) for s in (2 * H, H))
    return 2 * (wide - narrow) / H**2


def model(h: float, loss: float, M: float) -> float:
    """Predicted worst error $E(h) = h^2 M / 6 + \\varepsilon |L| / h$."""
    return h * h * M / 6 + EPS * abs(loss) / h


def balance(loss: float, M: float) -> float:
    """The step $h^* = (3 \\varepsilon |L| / M)^{1/3}$ that minimises ``model``."""
    return (3 * EPS * abs(loss) / M) ** (1 / 3)


def sweep(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, steps: Iterable[float]) -> list[float]:
    """Measured worst error $\\max |g - c(h)|$ over weights and forms, for each step $h$."""
    return [max(row.worst() for row in table(W1, W2, x, y, h=h)) for h in steps]


def steepest(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, H: float = WIDE) -> tuple[float, int, tuple[int, int]]:
    """$M = \\max |L'''|$ over the weights, from [`third`][byhand.checks.third], and the weight it is
    along: ``(M, layer, index)``, with ``layer`` and 0-based ``index`` as in [`Row`][byhand.checks.Row]."""
    t = np.abs(third(W1, W2, x, y, H))
    k = int(np.argmax(t))
    layer, W, flat = (1, W1, k) if k < W1.size else (2, W2, k - W1.size)
    return float(t[k]), layer, tuple(int(i) for i in np.unravel_index(flat, W.shape))


def factor(a: float, b: float) -> float:
    """How far apart two positive numbers are as a ratio, $\\max(a/b,\\, b/a) \\ge 1$."""
    return max(a / b, b / a)
