"""Training to convergence: repeat the worked step, $W \\leftarrow W - \\eta\\, \\partial L/\\partial W$,
until the loss stops improving.

Stopping rule: stop after the first step that lowers the loss by less than ``REL_TOL`` of its value
($L_{t-1} - L_t < 10^{-4} L_{t-1}$), or that does not lower it at all, or after ``MAX_STEPS``
steps, whichever comes first. Each step takes its loss and gradient from one vectorised pass,
[`byhand.batch.backprop`][byhand.batch.backprop] with N = 1, which equals the single-example pass (tested); that halves the
work of calling [`byhand.step.step`][byhand.step.step], which runs a second forward pass for the new loss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand.batch import backprop
from byhand.network import dsigma

REL_TOL = 1e-4
MAX_STEPS = 100_000


@dataclass(frozen=True)
class History:
    """Every step of a training run; index t is after t steps (t = 0 is the start).

    Attributes
    ----------
    loss, y_hat, z2, slope : (T + 1,) ndarray
        Loss, prediction, output pre-activation and $\\sigma'(z^{(2)}) = \\hat y (1 - \\hat y)$.
    grad_norm : (T + 1,) ndarray
        Frobenius norm of the whole gradient (both layers) at each step's weights.
    W1, W2 : ndarray
        The final weights, (h, n) and (1, h).
    reason : str
        Why training stopped: ``"converged"``, ``"no decrease"`` or ``"step cap"``.
    """

    loss: np.ndarray
    y_hat: np.ndarray
    z2: np.ndarray
    slope: np.ndarray
    grad_norm: np.ndarray
    W1: np.ndarray
    W2: np.ndarray
    reason: str

    @property
    def steps(self) -> int:
        return len(self.loss) - 1


def train(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, eta: float,
          rel_tol: float = REL_TOL, max_steps: int = MAX_STEPS) -> History:
    """Repeat the worked step from ``(W1, W2)`` under the stopping rule; return the whole history."""
    if not (isinstance(rel_tol, float) and 0 < rel_tol < 1):
        raise ValueError(f"rel_tol: expected a float between 0 and 1, got {rel_tol!r}")
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 1:
        raise ValueError(f"max_steps: expected a positive integer, got {max_steps!r}")
    if not (isinstance(eta, (int, float)) and np.isfinite(eta) and eta > 0):
        raise ValueError(f"eta: expected a positive, finite learning rate, got {eta!r}")
    X, Y = np.asarray(x, dtype=float)[:, None], np.array([y], dtype=float)
    rows, reason = [], "step cap"
    for t in range(max_steps + 1):
        b = backprop(W1, W2, X, Y)  # loss and gradient at the weights after t steps
        rows.append((b.loss, float(b.Y_hat[0, 0]), float(b.Z2[0, 0]),
                     float(np.sqrt((b.dL_dW1 ** 2).sum() + (b.dL_dW2 ** 2).sum()))))
        if t > 0:
            drop = rows[-2][0] - b.loss
            if drop <= 0 or drop < rel_tol * rows[-2][0]:
                reason = "no decrease" if drop <= 0 else "converged"
                break
        if t < max_steps:
            W1, W2 = W1 - eta * b.dL_dW1, W2 - eta * b.dL_dW2  # both from the same (old) weights
    loss, y_hat, z2, grad_norm = (np.array(c) for c in zip(*rows))
    return History(loss, y_hat, z2, dsigma(z2), grad_norm, W1, W2, reason)
