"""The one validation of inputs: every public function checks its arguments here, with the same rules.

Each check raises ValueError with a message that starts with the argument's name and says what was
expected: ``"eta: expected a positive number, got True"``. Booleans, strings, complex numbers and
non-finite values are never numbers here; an integer too large for a float is not finite.
"""

from __future__ import annotations

import math

import numpy as np


def real(name: str, value: object) -> float:
    """A finite real number as a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise ValueError(f"{name}: expected a real number, got {value!r}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise ValueError(f"{name}: expected a finite number, got {value}")
    return number


def positive(name: str, value: object, what: str = "number") -> float:
    """A finite real number above zero, as a float: ``what`` names it (a learning rate, a step)."""
    number = real(name, value)
    if not number > 0:
        raise ValueError(f"{name}: expected a positive {what}, got {value!r}")
    return number


def array(name: str, value: object, ndim: int) -> np.ndarray:
    """A finite ``ndim``-d numpy array of real numbers, as it is."""
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf" or value.ndim != ndim:
        raise ValueError(f"{name}: expected a {ndim}-d array of real numbers, got {value!r}")
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{name}: expected finite numbers, got {value.tolist()}")
    return value


def network(W1: object, W2: object, x: object | None = None) -> None:
    """W1 (h, n), W2 (1, h) and, if given, one example x (n,), all finite real arrays."""
    h, n = array("W1", W1, 2).shape
    if array("W2", W2, 2).shape != (1, h):
        raise ValueError(f"W2: expected shape (1, {h}) to match W1 {W1.shape}, got {W2.shape}")
    if x is not None and array("x", x, 1).shape != (n,):
        raise ValueError(f"x: expected shape ({n},) to match W1 {W1.shape}, got {x.shape}")


def batch(W1: np.ndarray, X: object, Y: object) -> np.ndarray:
    """X (n, N >= 1) for W1 (h, n), Y (N,) or (1, N); returns Y as a float (1, N) array."""
    if not isinstance(X, np.ndarray) or X.dtype.kind not in "iuf" or X.ndim != 2 or X.shape[1] < 1:
        raise ValueError(f"X: expected a 2-d array (n inputs, N >= 1 examples) of real numbers, got {X!r}")
    if X.shape[0] != W1.shape[1]:
        raise ValueError(f"X: expected {W1.shape[1]} rows (inputs) to match W1 {W1.shape}, got {X.shape}")
    array("X", X, 2)
    N = X.shape[1]
    Y = np.asarray(Y)
    if Y.dtype.kind not in "iuf" or Y.shape not in ((N,), (1, N)) or not np.all(np.isfinite(Y)):
        raise ValueError(f"Y: expected {N} finite targets in shape ({N},) or (1, {N}), got {Y!r}")
    return Y.reshape(1, N).astype(float)
