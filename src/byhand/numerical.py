"""Central finite differences: the referee for the analytic gradients.

$$
\\frac{\\partial L}{\\partial w} \\approx \\frac{L(w + h) - L(w - h)}{2h},
\\quad \\text{error } O(h^2)
$$
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from byhand.network import check_real, forward

# Below the float64 balance point (3 eps |L| / |L'''|)^(1/3) of h^2 |L'''| / 6 truncation and eps |L| / h
# round-off (about 9e-6 when |L| = |L'''| = 1), on the safer side: a step k times too small
# multiplies the best error by about 2k/3, one k times too large by about k^2/3, and |L'''| is unknown.
STEP = 1e-6  # docs/checks.md measures both errors and the balance point for the worked example


def central_of(loss: Callable[[np.ndarray, np.ndarray], float], W1: np.ndarray, W2: np.ndarray,
               h: float = STEP) -> tuple[np.ndarray, np.ndarray]:
    """Central-difference estimate of the gradient of ``loss(W1, W2)``, one weight at a time."""
    if not check_real("h", h) > 0:
        raise ValueError(f"h: expected a positive step, got {h}")
    grads = []
    for which in (0, 1):
        weights = [W1.astype(float), W2.astype(float)]
        grad = np.zeros_like(weights[which])
        for index in np.ndindex(grad.shape):
            w = weights[which][index]
            weights[which][index] = w + h
            up = loss(*weights)
            weights[which][index] = w - h
            down = loss(*weights)
            weights[which][index] = w
            grad[index] = (up - down) / (2 * h)
        grads.append(grad)
    return tuple(grads)


def central(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, h: float = STEP):
    """Central-difference estimate of ``(dL_dW1, dL_dW2)`` for one example."""
    forward(W1, W2, x, y)  # ValueError naming the first bad argument, before any arithmetic on them
    return central_of(lambda V1, V2: forward(V1, V2, x, y).loss, W1, W2, h)
