"""Repeating the worked step, $W \\leftarrow W - \\eta\\, \\partial L/\\partial W$, for a budget of steps.

Stopping rule: ``STEPS`` steps, fixed in advance, or fewer if a step does not lower the loss (the
learning rate is too large, or rounding has taken over). A budget claims nothing about how close
the run gets: that is measured afterwards, from the loss, by
[`fraction_lost`][byhand.training.fraction_lost] and [`power_law`][byhand.training.power_law].

Each step is the core's pass, [`byhand.core.run`][byhand.core.run], on the one example, after one
validation of the inputs before the loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand import validate
from byhand.core import Params, run

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


def train(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, eta: float,
          steps: int = STEPS) -> History:
    """Repeat the step from ``(W1, W2)`` under the stopping rule; return the whole history, with
    ``steps + 1`` entries per quantity, or fewer if a step did not lower the loss. Each step computes

    $$
    \\begin{gathered}
    a^{(1)} = \\sigma(W^{(1)} x), \\\\
    \\hat y = \\sigma(W^{(2)} a^{(1)}), \\\\
    \\delta^{(2)} = 2(\\hat y - y)\\, \\hat y (1 - \\hat y), \\\\
    \\delta^{(1)} = W^{(2)\\top} \\delta^{(2)} \\odot a^{(1)} \\odot (1 - a^{(1)}),
    \\end{gathered}
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
    validate.network(W1, W2, x)
    y, eta = validate.real("y", y), validate.positive("eta", eta, "learning rate")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps: expected a positive integer, got {steps!r}")
    params, X, Y = Params(W1.astype(float), W2.astype(float)), x[:, np.newaxis].astype(float), np.array([[y]])
    passes, reason = [], "budget"
    for t in range(steps + 1):
        p = run(params, X, Y, checked=True)  # validated once, above
        passes.append(p)
        if t > 0 and not p.loss < passes[-2].loss:  # also stops on a NaN loss
            reason = "no decrease"
            break
        if t < steps:
            params = params.minus(eta, p.grads)  # both layers from the old weights
    # Read off every pass at once: per step, numpy's call overhead on arrays this small would cost
    # more than the pass itself.
    column = lambda name: np.array([getattr(p, name) for p in passes], dtype=float).reshape(len(passes))  # noqa: E731
    G1 = np.array([p.grads.W1 for p in passes])
    G2 = np.array([p.grads.W2 for p in passes])
    grad_norm = np.sqrt((G1 ** 2).sum(axis=(1, 2)) + (G2 ** 2).sum(axis=(1, 2)))
    return History(column("loss"), column("Y_hat"), column("Z2"), column("dYhat_dZ2"), column("Delta2"),
                   grad_norm, params.W1, params.W2, reason)


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
