"""The general case: N examples at once, any layer widths, forward and backward as matrix products.

Examples are the columns of ``X``. With $\\sigma$ applied entry by entry and
$\\odot$ the entry-by-entry product:

$$
Z^{(1)} = W^{(1)} X,\\quad A^{(1)} = \\sigma(Z^{(1)}),\\quad Z^{(2)} = W^{(2)} A^{(1)},\\quad
\\hat Y = \\sigma(Z^{(2)}),\\quad L = \\frac1N \\sum_n (y_n - \\hat y_n)^2
$$

    \\Delta^{(2)} = \\tfrac2N (\\hat Y - Y) \\odot \\hat Y \\odot (1 - \\hat Y),\\quad
    \\frac{\\partial L}{\\partial W^{(2)}} = \\Delta^{(2)} A^{(1)\\top},\\quad
    \\Delta^{(1)} = W^{(2)\\top} \\Delta^{(2)} \\odot A^{(1)} \\odot (1 - A^{(1)}),\\quad
    \\frac{\\partial L}{\\partial W^{(1)}} = \\Delta^{(1)} X^\\top

For N = 1 this is the single-example loss $(y - \\hat y)^2$ and its gradient.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand.network import check_network, sigma
from byhand.numerical import STEP, central_of


@dataclass(frozen=True)
class Batch:
    """Forward and backward pass over N examples.

    Attributes
    ----------
    Z1, A1 : (h, N) ndarray
        Hidden pre-activations and activations, one column per example.
    Z2, Y_hat : (1, N) ndarray
        Output pre-activations and predictions.
    loss : float
        Mean squared error over the N examples.
    Delta2 : (1, N) ndarray
        $\\partial L / \\partial Z^{(2)}$.
    Delta1 : (h, N) ndarray
        $\\partial L / \\partial Z^{(1)}$.
    dL_dW1 : (h, n) ndarray
    dL_dW2 : (1, h) ndarray
    """

    Z1: np.ndarray
    A1: np.ndarray
    Z2: np.ndarray
    Y_hat: np.ndarray
    loss: float
    Delta2: np.ndarray
    Delta1: np.ndarray
    dL_dW1: np.ndarray
    dL_dW2: np.ndarray


def check_batch(W1: np.ndarray, W2: np.ndarray, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Validate shapes and return ``Y`` as a (1, N) array; ValueError names what is wrong."""
    if not isinstance(X, np.ndarray) or X.dtype.kind not in "iuf" or X.ndim != 2 or X.shape[1] < 1:
        raise ValueError(f"X: expected a 2-d array (n inputs, N >= 1 examples) of real numbers, got {X!r}")
    check_network(W1, W2, X[:, 0])
    if not np.all(np.isfinite(X)):
        raise ValueError(f"X: expected finite numbers, got {X.tolist()}")
    N = X.shape[1]
    Y = np.asarray(Y)
    if Y.dtype.kind not in "iuf" or Y.shape not in ((N,), (1, N)) or not np.all(np.isfinite(Y)):
        raise ValueError(f"Y: expected {N} finite targets in shape ({N},) or (1, {N}), got {Y!r}")
    return Y.reshape(1, N).astype(float)


def loss(W1: np.ndarray, W2: np.ndarray, X: np.ndarray, Y: np.ndarray) -> float:
    """The mean squared error $\\frac1N \\sum_n (y_n - \\hat y_n)^2$ alone (forward pass only)."""
    Y = check_batch(W1, W2, X, Y)
    Y_hat = sigma(W2 @ sigma(W1 @ X))
    return float(np.mean((Y - Y_hat) ** 2))


def backprop(W1: np.ndarray, W2: np.ndarray, X: np.ndarray, Y: np.ndarray) -> Batch:
    """Forward and backward pass for ``X`` (n, N), ``Y`` (N,) or (1, N), ``W1`` (h, n), ``W2`` (1, h)."""
    Y = check_batch(W1, W2, X, Y)
    N = X.shape[1]
    Z1 = W1 @ X  # (h, n) (n, N) -> (h, N)
    A1 = sigma(Z1)  # (h, N)
    Z2 = W2 @ A1  # (1, h) (h, N) -> (1, N)
    Y_hat = sigma(Z2)  # (1, N)
    Delta2 = (2.0 / N) * (Y_hat - Y) * (Y_hat * (1.0 - Y_hat))  # dL/dZ2, (1, N)
    dL_dW2 = Delta2 @ A1.T  # (1, N) (N, h) -> (1, h)
    Delta1 = (W2.T @ Delta2) * (A1 * (1.0 - A1))  # dL/dZ1, (h, N)
    dL_dW1 = Delta1 @ X.T  # (h, N) (N, n) -> (h, n)
    return Batch(Z1, A1, Z2, Y_hat, float(np.mean((Y - Y_hat) ** 2)), Delta2, Delta1, dL_dW1, dL_dW2)


def central(W1: np.ndarray, W2: np.ndarray, X: np.ndarray, Y: np.ndarray, h: float = STEP):
    """Central-difference estimate of ``(dL_dW1, dL_dW2)`` for the batch loss: the referee."""
    check_batch(W1, W2, X, Y)
    return central_of(lambda V1, V2: loss(V1, V2, X, Y), W1, W2, h)


def random_batch(seed: int, n: int, h: int, N: int):
    """A seeded random network and batch: ``(W1 (h, n), W2 (1, h), X (n, N), Y (N,))``, Y in (0, 1)."""
    if min(n, h, N) < 1:
        raise ValueError(f"n, h, N: expected at least 1 each, got {(n, h, N)}")
    rng = np.random.default_rng(seed)
    return rng.normal(size=(h, n)), rng.normal(size=(1, h)), rng.normal(size=(n, N)), rng.uniform(size=N)
