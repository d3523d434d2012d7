"""The gradient of the loss with respect to W1 and W2, three ways.

Each form returns ``(dL_dW1, dL_dW2)`` with the shapes of ``(W1, W2)``; ``FORMS`` lists them so that
tests and the checks page loop over one registry. With ``delta2 = dL/dz2 = 2 (y_hat - y) sigma'(z2)``:

- component: one partial derivative at a time, the chain rule summed over hidden units k;
- vector: ``dL/dW2 = delta2 a1^T``, ``dL/dW1 = (W2^T delta2 * sigma'(z1)) x^T`` (outer products);
- tensor: the (h, h, n) Jacobian ``dz1/dW1`` built explicitly and contracted.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from byhand.network import dsigma, forward

Gradient = tuple[np.ndarray, np.ndarray]


def _delta2(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float):
    f = forward(W1, W2, x, y)
    dL_dyhat = 2.0 * (f.y_hat - y)  # d/dy_hat (y - y_hat)^2
    dyhat_dz2 = dsigma(f.z2)
    return f, dL_dyhat * dyhat_dz2


def component(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float) -> Gradient:
    """Component form.

    $$
    \\frac{\\partial L}{\\partial w^{(2)}_{1,j}} = \\delta^{(2)} a^{(1)}_j, \\qquad
    \\frac{\\partial L}{\\partial w^{(1)}_{j,i}} = \\delta^{(2)} \\sum_k w^{(2)}_{1,k}\\,
    \\sigma'(z^{(1)}_k)\\, \\frac{\\partial z^{(1)}_k}{\\partial w^{(1)}_{j,i}},
    \\quad \\frac{\\partial z^{(1)}_k}{\\partial w^{(1)}_{j,i}} = [k = j]\\, x_i
    $$
    """
    f, delta2 = _delta2(W1, W2, x, y)
    h, n = W1.shape
    dL_dW2 = np.zeros((1, h))
    dL_dW1 = np.zeros((h, n))
    for j in range(h):
        dL_dW2[0, j] = delta2 * f.a1[j]
        for i in range(n):
            dz1_dw = [x[i] if k == j else 0.0 for k in range(h)]  # only z1_j depends on w_{j,i}
            dL_dW1[j, i] = delta2 * sum(W2[0, k] * dsigma(f.z1[k]) * dz1_dw[k] for k in range(h))
    return dL_dW1, dL_dW2


def vector(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float) -> Gradient:
    """Vector form: $\\partial L/\\partial W^{(2)} = \\delta^{(2)} a^{(1)\\top}$,
    $\\partial L/\\partial W^{(1)} = \\big(W^{(2)\\top}\\delta^{(2)} \\odot \\sigma'(z^{(1)})\\big)\\, x^\\top$.
    """
    f, delta2 = _delta2(W1, W2, x, y)
    dL_dW2 = delta2 * f.a1[np.newaxis, :]
    delta1 = W2[0] * delta2 * dsigma(f.z1)  # dL/dz1, shape (h,)
    return np.outer(delta1, x), dL_dW2


def dz1_dW1(h: int, x: np.ndarray) -> np.ndarray:
    """The Jacobian $\\partial z^{(1)}_k / \\partial w^{(1)}_{j,i} = [k = j]\\, x_i$, shape (h, h, n)."""
    return np.einsum("kj,i->kji", np.eye(h), x)


def tensor(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float) -> Gradient:
    """Tensor form: $\\delta^{(2)}\\, W^{(2)}\\, \\mathrm{diag}(\\sigma'(z^{(1)}))$ (1 x h)
    contracted with the (h, h, n) Jacobian $\\partial z^{(1)}/\\partial W^{(1)}$.
    """
    f, delta2 = _delta2(W1, W2, x, y)
    dz2_da1 = W2  # (1, h)
    da1_dz1 = np.diag(dsigma(f.z1))  # (h, h)
    row = delta2 * (dz2_da1 @ da1_dz1)[0]  # dL/dz1, (h,)
    dL_dW1 = np.einsum("k,kji->ji", row, dz1_dW1(W1.shape[0], x))
    dz2_dW2 = f.a1[np.newaxis, :]  # (1, h): z2 = sum_j w2_{1,j} a1_j
    return dL_dW1, delta2 * dz2_dW2


FORMS: dict[str, Callable[..., Gradient]] = {
    "component": component,
    "vector": vector,
    "tensor": tensor,
}
"""The gradient forms by name; each maps ``(W1, W2, x, y)`` to ``(dL_dW1, dL_dW2)``."""
