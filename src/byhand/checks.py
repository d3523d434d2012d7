"""The gradient check: every analytic form against central differences, weight by weight.

For each weight $w$ the table holds the value of every form in [`byhand.gradients.FORMS`][byhand.gradients.FORMS],
the central-difference estimate $c$, and the relative error
$|g - c| / \\max(|g|, |c|)$ of each form $g$ (0 where both are 0). [`verify`][byhand.checks.verify] raises
unless the forms agree with each other to ``AGREE`` and with central differences to ``REFEREE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from byhand.gradients import FORMS, Gradient
from byhand.numerical import central

AGREE = 1e-12  # between analytic forms: they differ only by float64 summation order
REFEREE = 1e-7  # against central differences, h = 1e-6: O(h^2) truncation plus O(eps / h) round-off


@dataclass(frozen=True)
class Row:
    """One weight: ``layer`` (1 or 2), 0-based ``index`` into its matrix, each form, the estimate."""

    layer: int
    index: tuple[int, int]
    forms: dict[str, float]
    central: float

    def error(self, form: str) -> float:
        """Relative error of ``form`` against the central difference."""
        g, c = self.forms[form], self.central
        scale = max(abs(g), abs(c))
        return 0.0 if scale == 0 else abs(g - c) / scale


def table(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float,
          forms: dict[str, Callable[..., Gradient]] = FORMS) -> list[Row]:
    """One [`Row`][byhand.checks.Row] per weight, ``W1`` row by row and then ``W2``."""
    values = {name: form(W1, W2, x, y) for name, form in forms.items()}
    estimate = central(W1, W2, x, y)
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
            if abs(g - row.central) > referee * (1 + abs(row.central)):
                raise AssertionError(f"{where}: form {name!r} gives {g!r}, central differences {row.central!r}")
