"""One gradient-descent step: every gradient from the pre-update weights, then one update.

$$
W^{(k)} \\leftarrow W^{(k)} - \\eta\\, \\frac{\\partial L}{\\partial W^{(k)}}
$$
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand.gradients import FORMS
from byhand.network import Forward, check_real, forward


@dataclass(frozen=True)
class Step:
    """The result of one step: gradients used, new weights, and the forward pass they give."""

    dL_dW1: np.ndarray
    dL_dW2: np.ndarray
    W1_new: np.ndarray
    W2_new: np.ndarray
    after: Forward


def step(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, eta: float, form: str = "vector") -> Step:
    """Take one simultaneous step of size ``eta`` (> 0) using gradient form ``form``."""
    if not check_real("eta", eta) > 0:
        raise ValueError(f"eta: expected a positive learning rate, got {eta!r}")
    if form not in FORMS:
        raise ValueError(f"form: expected one of {sorted(FORMS)}, got {form!r}")
    dL_dW1, dL_dW2 = FORMS[form](W1, W2, x, y)
    W1_new, W2_new = W1 - eta * dL_dW1, W2 - eta * dL_dW2  # both from the old weights
    return Step(dL_dW1, dL_dW2, W1_new, W2_new, forward(W1_new, W2_new, x, y))
