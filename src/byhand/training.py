"""Repeating the worked step, $W \\leftarrow W - \\eta\\, \\partial L/\\partial W$, for a budget of steps.

Stopping rule: ``STEPS`` steps, fixed in advance, or fewer if a step does not lower the loss (the
learning rate is too large, or rounding has taken over). A budget claims nothing about how close
the run gets: that is measured afterwards, from the loss, by
[`fraction_lost`][byhand.training.fraction_lost] and [`power_law`][byhand.training.power_law].

Each step runs the formulas of [`byhand.batch.backprop`][byhand.batch.backprop] for one example,
entry by entry on Python floats, after one validation of the inputs by
[`byhand.network.check_network`][byhand.network.check_network]: for a network this small a numpy
call costs more than the arithmetic inside it. The tests hold every step to the core's pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from operator import mul

import numpy as np

from byhand.network import check_network, check_real

STEPS = 10_000


@dataclass(frozen=True)
class History:
    """Every step of a run; index t is after t steps (t = 0 is the start).

    Attributes
    ----------
    loss, y_hat, z2, slope : (T + 1,) ndarray
        Loss, prediction, output pre-activation and $\\sigma'(z^{(2)}) = \\hat y (1 - \\hat y)$.
    dL_dz2 : (T + 1,) ndarray
        $\\delta^{(2)} = \\partial L / \\partial z^{(2)} = 2 (\\hat y - y)\\, \\sigma'(z^{(2)})$.
    grad_norm : (T + 1,) ndarray
        Frobenius norm of the whole gradient (both layers) at each step's weights. Each layer's
        gradient is an outer product, so $\\|\\delta^{(2)} a^{(1)\\top}\\| = |\\delta^{(2)}|\\, \\|a^{(1)}\\|$
        and $\\|\\delta^{(1)} x^\\top\\| = \\|\\delta^{(1)}\\|\\, \\|x\\|$.
    W1, W2 : ndarray
        The final weights, (h, n) and (1, h).
    reason : str
        Why the run stopped: ``"budget"`` or ``"no decrease"``.
    """

    loss: np.ndarray
    y_hat: np.ndarray
    z2: np.ndarray
    slope: np.ndarray
    dL_dz2: np.ndarray
    grad_norm: np.ndarray
    W1: np.ndarray
    W2: np.ndarray
    reason: str

    @property
    def steps(self) -> int:
        return len(self.loss) - 1


def _sigma(z: float) -> float:
    """$1 / (1 + e^{-z})$ on a float, as [`byhand.network.sigma`][byhand.network.sigma]: 0 if $e^{-z}$ overflows."""
    try:
        return 1.0 / (1.0 + math.exp(-z))
    except OverflowError:
        return 0.0


def train(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, eta: float,
          steps: int = STEPS) -> History:
    """Repeat the step from ``(W1, W2)`` under the stopping rule; return the whole history, with
    ``steps + 1`` entries per quantity, or fewer if a step did not lower the loss. Each step computes

    $$
    a^{(1)} = \\sigma(W^{(1)} x),\\quad \\hat y = \\sigma(W^{(2)} a^{(1)}),\\quad
    \\delta^{(2)} = 2(\\hat y - y)\\, \\hat y (1 - \\hat y),\\quad
    \\delta^{(1)} = W^{(2)\\top} \\delta^{(2)} \\odot a^{(1)} \\odot (1 - a^{(1)}),
    $$

    then updates both layers from those same weights:
    $W^{(2)} \\leftarrow W^{(2)} - \\eta\\, \\delta^{(2)} a^{(1)\\top}$ and
    $W^{(1)} \\leftarrow W^{(1)} - \\eta\\, \\delta^{(1)} x^\\top$.

    Parameters
    ----------
    W1 : (h, n) ndarray
    W2 : (1, h) ndarray
    x : (n,) ndarray
    y, eta : float
        Target and learning rate (> 0).
    steps : int
        The budget, >= 1.
    """
    check_network(W1, W2, x)
    y, eta = check_real("y", y), check_real("eta", eta)
    if not eta > 0:
        raise ValueError(f"eta: expected a positive learning rate, got {eta!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps: expected a positive integer, got {steps!r}")
    V1, v2, xs = W1.astype(float).tolist(), W2[0].astype(float).tolist(), x.astype(float).tolist()
    exp, hypot, norm_x = math.exp, math.hypot, math.hypot(*xs)
    rows, reason = [], "budget"
    for t in range(steps + 1):
        z1 = [sum(map(mul, row, xs)) for row in V1]  # z(1) = W1 x
        a1 = [1.0 / (1.0 + exp(-z)) if z > -700.0 else _sigma(z) for z in z1]  # _sigma, inlined for speed
        z2 = sum(map(mul, v2, a1))  # z(2) = W2 a(1)
        y_hat = 1.0 / (1.0 + exp(-z2)) if z2 > -700.0 else _sigma(z2)
        s = y_hat * (1.0 - y_hat)  # sigma'(z(2))
        delta2 = 2.0 * (y_hat - y) * s  # dL/dz(2)
        delta1 = [w * delta2 * (a * (1.0 - a)) for w, a in zip(v2, a1)]  # dL/dz(1)
        loss = (y - y_hat) ** 2
        rows.append((loss, y_hat, z2, s, delta2, hypot(delta2 * hypot(*a1), hypot(*delta1) * norm_x)))
        if t > 0 and not loss < rows[-2][0]:  # also stops on a NaN loss
            reason = "no decrease"
            break
        if t < steps:  # dL/dW2 = delta2 a(1)^T and dL/dW1 = delta(1) x^T, both at the old weights
            v2 = [w - eta * (delta2 * a) for w, a in zip(v2, a1)]
            V1 = [[w - eta * (d * xi) for w, xi in zip(row, xs)] for row, d in zip(V1, delta1)]
    columns = (np.array(c) for c in zip(*rows))
    return History(*columns, np.array(V1), np.array([v2]), reason)


def fraction_lost(loss: np.ndarray) -> np.ndarray:
    """$f_t = (L_{t-1} - L_t) / L_{t-1}$, the fraction of the loss that step t removes; index t - 1.

    A constant fraction is a geometric fall, $L_t = L_0 (1 - f)^t$; a fraction near $1/t$ is a
    fall like $1/t$.
    """
    loss = np.asarray(loss, dtype=float)
    if loss.ndim != 1 or len(loss) < 2 or not (loss > 0).all():
        raise ValueError(f"loss: expected a 1-d array of at least two positive values, got {loss!r}")
    return -np.diff(loss) / loss[:-1]


def power_law(loss: np.ndarray, start: int, stop: int) -> tuple[float, float]:
    """Least-squares fit of $\\log L_t = \\log c + p \\log t$ over the steps $t$ = start..stop: ``(p, c)``.

    A loss that falls like $c\\, t^{p}$ draws a straight line of slope $p$ on log-log axes.
    """
    loss = np.asarray(loss, dtype=float)
    if not 1 <= start < stop < len(loss) or not (loss[start:stop + 1] > 0).all():
        raise ValueError(f"start, stop: expected 1 <= start < stop <= {len(loss) - 1} over positive "
                         f"losses, got {start}, {stop}")
    p, log_c = np.polyfit(np.log(np.arange(start, stop + 1)), np.log(loss[start:stop + 1]), 1)
    return float(p), float(np.exp(log_c))
