"""The network for one example: the sigmoid and the forward pass of the pages, from the core's pass.

$$
z^{(1)} = W^{(1)} x,\\quad a^{(1)} = \\sigma(z^{(1)}),\\quad
z^{(2)} = W^{(2)} a^{(1)},\\quad \\hat y = \\sigma(z^{(2)}),\\quad L = (y - \\hat y)^2
$$
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand import validate
from byhand.core import Params, Pass, dsigma, run, sigma

__all__ = ["Forward", "dsigma", "forward", "of_pass", "sigma"]


@dataclass(frozen=True)
class Forward:
    """Every intermediate of one example's forward pass.

    Attributes
    ----------
    z1, a1 : (h,) ndarray
        Hidden pre-activations and activations.
    z2, y_hat, loss : float
        Output pre-activation, prediction and squared-error loss.
    """

    z1: np.ndarray
    a1: np.ndarray
    z2: float
    y_hat: float
    loss: float


def of_pass(p: Pass) -> Forward:
    """The forward half of a one-example [`Pass`][byhand.core.Pass], as vectors and scalars."""
    return Forward(z1=p.Z1[:, 0], a1=p.A1[:, 0], z2=float(p.Z2[0, 0]), y_hat=float(p.Y_hat[0, 0]), loss=p.loss)


def forward(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float) -> Forward:
    """Forward pass for one example: the core's pass with N = 1.

    Parameters
    ----------
    W1 : (h, n) ndarray
    W2 : (1, h) ndarray
    x : (n,) ndarray
    y : float
        Target.
    """
    validate.network(W1, W2, x)
    return of_pass(run(Params(W1, W2), x[:, np.newaxis], np.array([validate.real("y", y)])))
