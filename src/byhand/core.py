"""The network's one forward and backward pass: N examples at once, any widths, optional rounding.

Examples are the columns of ``X``; $\\sigma$ acts entry by entry and $\\odot$ is the entry-by-entry
product. Forward:

$$
\\begin{gathered}
Z^{(1)} = W^{(1)} X, \\\\
A^{(1)} = \\sigma(Z^{(1)}), \\\\
Z^{(2)} = W^{(2)} A^{(1)}, \\\\
\\hat Y = \\sigma(Z^{(2)}), \\\\
L = \\tfrac1N \\textstyle\\sum_m (y_m - \\hat y_m)^2
\\end{gathered}
$$

Backward, each local derivative beside the quantity it multiplies:

$$
\\begin{gathered}
\\frac{\\partial L}{\\partial \\hat Y} = \\tfrac2N (\\hat Y - Y), \\\\
\\sigma'(Z^{(2)}) = \\hat Y \\odot (1 - \\hat Y), \\\\
\\Delta^{(2)} = \\frac{\\partial L}{\\partial \\hat Y} \\odot \\sigma'(Z^{(2)}), \\\\
\\frac{\\partial L}{\\partial W^{(2)}} = \\Delta^{(2)} A^{(1)\\top},
\\end{gathered}
$$

$$
\\begin{gathered}
\\sigma'(Z^{(1)}) = A^{(1)} \\odot (1 - A^{(1)}), \\\\
\\Delta^{(1)} = (W^{(2)\\top} \\Delta^{(2)}) \\odot \\sigma'(Z^{(1)}), \\\\
\\frac{\\partial L}{\\partial W^{(1)}} = \\Delta^{(1)} X^\\top .
\\end{gathered}
$$

For N = 1 this is the worked example's single-example loss $(y - \\hat y)^2$ and its gradient. Every
module that needs a pass (the walkthrough, the step, training, the rounding calculator, the batch
page) calls [`run`][byhand.core.run]; the three gradient forms the pages teach are checked against it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from byhand import validate

Rounding = Callable[[str, np.ndarray], np.ndarray]
"""Applied to each intermediate as it is computed, ``rounding(name, value)``: the calculator of the
rounding page rounds what a person writes down; ``None`` keeps every value exact."""


def sigma(z: np.ndarray | float) -> np.ndarray | float:
    """Sigmoid, $\\sigma(z) = 1 / (1 + e^{-z})$."""
    z = np.asarray(z, dtype=float)
    if z.size and min(z.flat) < -700:  # exp(-z) overflows to inf, which gives the right limit, 0
        # (min over .flat: on the few entries of a pass, a tenth of the cost of ndarray.min)
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-z))
    return 1.0 / (1.0 + np.exp(-z))


def dsigma(z: np.ndarray | float) -> np.ndarray | float:
    """Its derivative, $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$."""
    s = sigma(z)
    return s * (1.0 - s)


@dataclass(frozen=True)
class Params:
    """The weights, layer by layer: ``W1`` (h, n) into the hidden layer, ``W2`` (1, h) into the output."""

    W1: np.ndarray
    W2: np.ndarray

    def __post_init__(self) -> None:
        validate.network(self.W1, self.W2)

    @classmethod
    def trusted(cls, W1: np.ndarray, W2: np.ndarray) -> Params:
        """Params from arrays the pass itself produced, so already of matching shapes: not validated."""
        params = object.__new__(cls)
        object.__setattr__(params, "W1", W1)
        object.__setattr__(params, "W2", W2)
        return params

    def minus(self, eta: float, grads: Params, rounding: Rounding | None = None) -> Params:
        """One step, $W^{(k)} - \\eta\\, \\partial L / \\partial W^{(k)}$ for every layer (``grads`` has
        their shapes); with ``rounding``, each new weight is rounded as it is written down."""
        q = rounding or _exact
        return Params.trusted(q("W1_new", self.W1 - eta * grads.W1), q("W2_new", self.W2 - eta * grads.W2))


@dataclass(frozen=True)
class Pass:
    """Every intermediate of one forward and backward pass (shapes for h hidden units, N examples).

    Attributes
    ----------
    Z1, A1, dsigma_Z1, Delta1 : (h, N) ndarray
    Z2, Y_hat, dL_dYhat, dYhat_dZ2, Delta2 : (1, N) ndarray
    loss : float
    grads : Params
        $\\partial L / \\partial W^{(1)}$ (h, n) and $\\partial L / \\partial W^{(2)}$ (1, h).
    """

    Z1: np.ndarray
    A1: np.ndarray
    Z2: np.ndarray
    Y_hat: np.ndarray
    loss: float
    dL_dYhat: np.ndarray
    dYhat_dZ2: np.ndarray
    Delta2: np.ndarray
    dsigma_Z1: np.ndarray
    Delta1: np.ndarray
    grads: Params


def _exact(_: str, value: np.ndarray) -> np.ndarray:
    return value


def run(params: Params, X: np.ndarray, Y: np.ndarray, rounding: Rounding | None = None,
        checked: bool = False) -> Pass:
    """The forward and backward pass of ``params`` on ``X`` (n, N) with targets ``Y`` (N,) or (1, N).

    ``rounding(name, value)`` is applied to each intermediate as it is computed (names as in
    [`Pass`][byhand.core.Pass], ``loss``, ``dL_dW1``, ``dL_dW2``). ``checked=True`` skips the
    validation of ``X`` and ``Y``, for a caller that validated them once before a loop of passes.
    """
    if not checked:
        Y = validate.batch(params.W1, X, Y)
    q = rounding or _exact
    W1, W2 = params.W1, params.W2
    N = X.shape[1]
    Z1 = q("Z1", W1 @ X)  # (h, n) (n, N) -> (h, N)
    A1 = q("A1", sigma(Z1))
    Z2 = q("Z2", W2 @ A1)  # (1, h) (h, N) -> (1, N)
    Y_hat = q("Y_hat", sigma(Z2))
    loss = float(q("loss", ((Y - Y_hat) ** 2).sum() / N))  # the mean, without np.mean's overhead
    dL_dYhat = q("dL_dYhat", (2.0 / N) * (Y_hat - Y))
    dYhat_dZ2 = q("dYhat_dZ2", Y_hat * (1.0 - Y_hat))  # sigma'(Z2), read off Y_hat
    Delta2 = q("Delta2", dL_dYhat * dYhat_dZ2)  # dL/dZ2
    dL_dW2 = q("dL_dW2", Delta2 @ A1.T)  # (1, N) (N, h) -> (1, h)
    dsigma_Z1 = q("dsigma_Z1", A1 * (1.0 - A1))
    Delta1 = q("Delta1", (W2.T @ Delta2) * dsigma_Z1)  # dL/dZ1, (h, N)
    dL_dW1 = q("dL_dW1", Delta1 @ X.T)  # (h, N) (N, n) -> (h, n)
    return Pass(Z1, A1, Z2, Y_hat, loss, dL_dYhat, dYhat_dZ2, Delta2, dsigma_Z1, Delta1,
                Params.trusted(dL_dW1, dL_dW2))


def loss(params: Params, X: np.ndarray, Y: np.ndarray) -> float:
    """The loss alone, $\\tfrac1N \\sum_m (y_m - \\hat y_m)^2$, from the one pass (the referee's function)."""
    return run(params, X, Y).loss


def random(seed: int, n: int = 3, h: int = 2, N: int = 1) -> tuple[Params, np.ndarray, np.ndarray]:
    """A seeded random network and batch, the one generator of the tests and the pages:
    ``(Params(W1 (h, n), W2 (1, h)), X (n, N), Y (N,))``, weights and inputs standard normal, Y in (0, 1)."""
    if min(n, h, N) < 1:
        raise ValueError(f"n, h, N: expected at least 1 each, got {(n, h, N)}")
    rng = np.random.default_rng(seed)
    return Params(rng.normal(size=(h, n)), rng.normal(size=(1, h))), rng.normal(size=(n, N)), rng.uniform(size=N)
