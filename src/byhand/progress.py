"""What a run of repeated steps does, measured from its [`History`][byhand.training.History].

Three ways a run can go, by where the target $y$ lies against the sigmoid's range $(0, 1)$:

- inside: a prediction equal to $y$ exists, the loss falls geometrically (about the same fraction
  every step, [`geometric`][byhand.progress.geometric]) until float64 rounding stops it
  ([`stall`][byhand.progress.stall]);
- on an edge ($y = 0$ or $1$): the error $e = |y - \\hat y|$ and the slope $\\sigma' = e(1 - e)$
  shrink together and the loss falls like $1/t$ ([`tenfold`][byhand.progress.tenfold]); a rule that
  stops when a step removes less than a fraction $r$ of the loss stops near step $1/r$
  ([`relative_stop`][byhand.progress.relative_stop]);
- outside: the prediction approaches the nearer end, [`nearest_end`][byhand.progress.nearest_end].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand.training import fraction_lost, power_law

Z_ONE = 53 * np.log(2)
"""$53 \\ln 2$: beyond this $z$, $e^{-z} < 2^{-53}$, so $1 + e^{-z}$ rounds to exactly 1 in float64 and
the computed $\\sigma(z)$ is exactly 1."""
Z_ZERO = -np.log(np.finfo(float).max)
"""$-\\ln(\\text{largest double})$: below this $z$, $e^{-z}$ overflows to infinity and the computed
$\\sigma(z)$ is exactly 0."""


def nearest_end(y: float) -> int:
    """The end of the sigmoid's range that a prediction chasing a target $y \\notin (0, 1)$ approaches:
    1 for $y \\ge 1$, else 0."""
    return 1 if y >= 1 else 0


@dataclass(frozen=True)
class Law:
    """The fit $L_t \\approx c\\, t^p$ over steps ``start``..``stop``, and what it says there.

    Attributes
    ----------
    start, stop : int
        The window: the last tenfold stretch of the run, ``stop // 10``..``stop``.
    p, c : float
        The fitted power and constant, from [`power_law`][byhand.training.power_law].
    tL, tf : (stop - start + 1,) ndarray
        $t \\cdot L_t$ and $t \\cdot f_t$ for $t$ = start..stop ($f_t$ from
        [`fraction_lost`][byhand.training.fraction_lost]): both stay near constants under a $1/t$ law.
    within : float
        $\\exp \\max_t |\\log(L_t / (c\\, t^p))|$: the largest factor between the loss and the fit.
    """

    start: int
    stop: int
    p: float
    c: float
    tL: np.ndarray
    tf: np.ndarray
    within: float


def tenfold(loss: np.ndarray) -> Law:
    """The power law of the loss $L_0..L_T$ over its last tenfold stretch, steps $T/10$..$T$ (T >= 10)."""
    loss = np.asarray(loss, dtype=float)
    a, b = (len(loss) - 1) // 10, len(loss) - 1
    p, c = power_law(loss, a, b)  # raises unless 1 <= a < b
    t, L = np.arange(a, b + 1), loss[a:b + 1]
    within = float(np.exp(np.abs(np.log(L / (c * t ** p))).max()))
    return Law(a, b, p, c, t * L, t * fraction_lost(loss)[a - 1:b], within)


@dataclass(frozen=True)
class Geometric:
    """The fractions $f_t$ of the loss removed at steps ``start``..``stop``, and the factor
    ``per_hundred`` $= (1 - \\bar f)^{100}$ by which a steady fall at their mean $\\bar f$ multiplies
    the loss every hundred steps."""

    start: int
    stop: int
    fractions: np.ndarray
    per_hundred: float


def geometric(loss: np.ndarray) -> Geometric:
    """The middle of a run of T >= 10 steps, $T/5$..$4T/5$: past the start and before any stall."""
    loss = np.asarray(loss, dtype=float)
    T = len(loss) - 1
    if T < 10:
        raise ValueError(f"loss: expected at least 10 steps, got {T}")
    a, b = T // 5, 4 * T // 5
    middle = fraction_lost(loss)[a - 1:b]
    return Geometric(a, b, middle, float((1 - middle.mean()) ** 100))


def relative_stop(loss: np.ndarray, r: float) -> int:
    """The first step $t$ whose fraction removed, $f_t = (L_{t-1} - L_t)/L_{t-1}$, is below $r$: where the
    rule "stop when a step removes less than a fraction r" stops. Raises if no step of the run does."""
    below = fraction_lost(loss) < r
    if not below.any():
        raise ValueError(f"r: no step of the run removes less than {r!r} of the loss")
    return int(np.argmax(below)) + 1


@dataclass(frozen=True)
class Stall:
    """The last steps of a run in units of ``ulp``, the spacing of doubles near the target:
    ``moves[k]`` is $|\\hat y_{t+1} - \\hat y_t| / \\text{ulp}$ for the last ``len(moves)`` steps."""

    ulp: float
    moves: np.ndarray


def stall(y_hat: np.ndarray, y: float, steps: int = 7) -> Stall:
    """How far each of the last ``steps`` steps moved the prediction, in spacings of doubles near $y$."""
    y_hat = np.asarray(y_hat, dtype=float)
    if not 1 <= steps < len(y_hat):
        raise ValueError(f"steps: expected 1 <= steps <= {len(y_hat) - 1}, got {steps!r}")
    ulp = float(np.spacing(y))
    return Stall(ulp, np.abs(np.diff(y_hat[-(steps + 1):])) / ulp)
