"""One gradient-descent step: every gradient from the pre-update weights, then one update.

$$
W^{(k)} \\leftarrow W^{(k)} - \\eta\\, \\frac{\\partial L}{\\partial W^{(k)}}
$$
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand import validate
from byhand.core import Params, run
from byhand.gradients import FORMS
from byhand.network import Forward, of_pass


@dataclass(frozen=True)
class Step:
    """The result of one step: gradients used, new weights, and the forward pass they give."""

    dL_dW1: np.ndarray
    dL_dW2: np.ndarray
    W1_new: np.ndarray
    W2_new: np.ndarray
    after: Forward


def step(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, eta: float, form: str | None = None) -> Step:
    """Take one simultaneous step of size ``eta`` (> 0) on one example.

    The gradient comes from the core's pass ([`byhand.core.run`][byhand.core.run]), or from one of
    the taught forms of [`FORMS`][byhand.gradients.FORMS] when ``form`` names it.
    """
    eta = validate.positive("eta", eta, "learning rate")
    if form is not None and form not in FORMS:
        raise ValueError(f"form: expected one of {sorted(FORMS)}, got {form!r}")
    validate.network(W1, W2, x)
    params, X, Y = Params(W1, W2), x[:, np.newaxis], np.array([validate.real("y", y)])
    grads = run(params, X, Y).grads if form is None else Params(*FORMS[form](W1, W2, x, y))
    new = params.minus(eta, grads)  # both layers from the old weights
    return Step(grads.W1, grads.W2, new.W1, new.W2, of_pass(run(new, X, Y, checked=True)))
