"""Central finite differences: the referee for the analytic gradients, every weight and bias of every layer.

$$
\\frac{\\partial L}{\\partial w} \\approx \\frac{L(w + h) - L(w - h)}{2h},
\\quad \\text{error } O(h^2)
$$
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from byhand import validate
from byhand.core import Layer, Network, Params, evaluate, loss, targets

# Below the float64 balance point (3 eps |L| / |L'''|)^(1/3) of h^2 |L'''| / 6 truncation and eps |L| / h
# round-off (about 9e-6 when |L| = |L'''| = 1), on the safer side: a step k times too small
# multiplies the best error by about 2k/3, one k times too large by about k^2/3, and |L'''| is unknown.
STEP = 1e-6  # docs/checks.md measures both errors and the balance point for the worked example


def central_of(loss: Callable[[np.ndarray, np.ndarray], float], W1: np.ndarray, W2: np.ndarray,
               h: float = STEP) -> tuple[np.ndarray, np.ndarray]:
    """Central-difference estimate of the gradient of ``loss(W1, W2)``, one weight at a time."""
    validate.positive("h", h, "step")
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


def central_batch(params: Params, X: np.ndarray, Y: np.ndarray, h: float = STEP) -> tuple[np.ndarray, np.ndarray]:
    """Central-difference estimate of ``(dL_dW1, dL_dW2)`` for the mean loss over the examples ``X``."""
    Y = validate.batch(params.W1, X, Y)  # ValueError naming the first bad argument, before any arithmetic
    return central_of(lambda V1, V2: loss(Params.trusted(V1, V2), X, Y), params.W1, params.W2, h)


def central(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, h: float = STEP):
    """Central-difference estimate of ``(dL_dW1, dL_dW2)`` for one example."""
    validate.network(W1, W2, x)
    return central_batch(Params(W1, W2), x[:, np.newaxis], np.array([validate.real("y", y)]), h)


def central_network(net: Network, X: np.ndarray, Y: np.ndarray, loss: str = "squared",
                    h: float = STEP) -> tuple[tuple, tuple]:
    """Central-difference estimate of every ``(dW, db)`` of ``net`` (``db`` ``None`` for a layer without
    bias), the parameters moved one at a time: two forward passes per parameter."""
    validate.positive("h", h, "step")
    Y = targets(net, X, Y)
    params = [[layer.W.astype(float), None if layer.b is None else layer.b.astype(float)] for layer in net.layers]

    moved = Network([Layer(W, b) for W, b in params])  # holds the copies, which are moved in place

    def at() -> float:
        return evaluate(moved, X, Y, loss, checked=True)

    grads = [[None, None] for _ in params]
    for l, pair in enumerate(params):
        for which, array in enumerate(pair):
            if array is None:
                continue
            grad = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                w = array[index]
                array[index] = w + h
                up = at()
                array[index] = w - h
                down = at()
                array[index] = w
                grad[index] = (up - down) / (2 * h)
            grads[l][which] = grad
    return tuple(g[0] for g in grads), tuple(g[1] for g in grads)
