"""The network: sigmoid activation and the forward pass of a one-hidden-layer, one-output net.

$$
z^{(1)} = W^{(1)} x,\\quad a^{(1)} = \\sigma(z^{(1)}),\\quad
z^{(2)} = W^{(2)} a^{(1)},\\quad \\hat y = \\sigma(z^{(2)}),\\quad L = (y - \\hat y)^2
$$
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def sigma(z: np.ndarray | float) -> np.ndarray | float:
    """Sigmoid, $\\sigma(z) = 1 / (1 + e^{-z})$."""
    with np.errstate(over="ignore"):  # exp(-z) = inf for very negative z gives the right limit, 0
        return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def dsigma(z: np.ndarray | float) -> np.ndarray | float:
    """Its derivative, $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$."""
    s = sigma(z)
    return s * (1.0 - s)


def check_real(name: str, value: object) -> float:
    """A finite real number as a float.

    Parameters
    ----------
    name : str
        The argument's name, to start the error message.
    value : int, float or numpy scalar
        Booleans, strings, arrays and complex numbers are not real numbers here; an integer too
        large for a float is not finite.

    Raises
    ------
    ValueError
        ``"{name}: expected a real number ..."`` or ``"{name}: expected a finite number ..."``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name}: expected a real number, got {value!r}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"{name}: expected a finite number, got {value}")
    return number


def check_network(W1: np.ndarray, W2: np.ndarray, x: np.ndarray) -> None:
    """Raise ValueError unless W1 is (h, n), W2 is (1, h), x is (n,), all finite."""
    for name, value, ndim in (("W1", W1, 2), ("W2", W2, 2), ("x", x, 1)):
        if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf" or value.ndim != ndim:
            raise ValueError(f"{name}: expected a {ndim}-d array of real numbers, got {value!r}")
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{name}: expected finite numbers, got {value.tolist()}")
    h, n = W1.shape
    if W2.shape != (1, h):
        raise ValueError(f"W2: expected shape (1, {h}) to match W1 {W1.shape}, got {W2.shape}")
    if x.shape != (n,):
        raise ValueError(f"x: expected shape ({n},) to match W1 {W1.shape}, got {x.shape}")


@dataclass(frozen=True)
class Forward:
    """Every intermediate of one forward pass.

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


def forward(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float) -> Forward:
    """Forward pass for one example.

    Parameters
    ----------
    W1 : (h, n) ndarray
    W2 : (1, h) ndarray
    x : (n,) ndarray
    y : float
        Target.
    """
    check_network(W1, W2, x)
    y = check_real("y", y)
    z1 = W1 @ x
    a1 = sigma(z1)
    z2 = float((W2 @ a1)[0])
    y_hat = float(sigma(z2))
    return Forward(z1=z1, a1=a1, z2=z2, y_hat=y_hat, loss=(y - y_hat) ** 2)
