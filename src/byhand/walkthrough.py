"""Every quantity of one worked example, computed once; the pages and the errata read from here."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from byhand import example as example_mod
from byhand.core import Params, run
from byhand.gradients import FORMS
from byhand.network import of_pass
from byhand.tolerances import agree


@dataclass(frozen=True)
class Walkthrough:
    """All quantities of the worked example, named as on the notation page.

    Shapes: x (3,), W1 (2, 3), W2 (1, 2), z1, a1, dsigma_z1 and dL_dz1 (2,), dz2_dW1 and dL_dW1
    (2, 3), dL_dW2 (1, 2); the rest are floats. ``*_new`` are after one step.
    """

    example: example_mod.Example
    x: np.ndarray
    y: float
    eta: float
    W1: np.ndarray
    W2: np.ndarray
    z1: np.ndarray
    a1: np.ndarray
    z2: float
    y_hat: float
    loss: float
    dL_dyhat: float  # 2 (y_hat - y)
    dyhat_dz2: float  # sigma'(z2)
    dL_dz2: float  # dL_dyhat * dyhat_dz2
    dL_dW2: np.ndarray
    dsigma_z1: np.ndarray  # sigma'(z1)
    dL_dz1: np.ndarray  # delta1 = (W2^T delta2) * sigma'(z1), the error sent back to the hidden layer
    dz2_dW1: np.ndarray  # [j, i] = w2_{1,j} sigma'(z1_j) x_i, so dL_dW1 = dL_dz2 * dz2_dW1
    dL_dW1: np.ndarray
    W1_new: np.ndarray
    W2_new: np.ndarray
    z1_new: np.ndarray
    a1_new: np.ndarray
    z2_new: float
    y_hat_new: float
    loss_new: float

    def quantities(self) -> dict[str, np.ndarray | float]:
        """Every numeric quantity by its name (all fields but ``example``)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "example"}

    def __getitem__(self, key: str) -> np.ndarray | float:
        if key == "example" or key not in self.__dataclass_fields__:
            raise KeyError(f"no quantity {key!r}; expected one of {sorted(self.quantities())}")
        return getattr(self, key)


SYMBOLS = {
    "x": "x", "y": "y", "eta": r"\eta", "W1": "W^{(1)}", "W2": "W^{(2)}",
    "z1": "z^{(1)}", "a1": "a^{(1)}", "z2": "z^{(2)}", "y_hat": r"\hat y", "loss": "L",
    "dL_dyhat": r"\partial L / \partial \hat y", "dyhat_dz2": r"\partial \hat y / \partial z^{(2)} = \sigma'(z^{(2)})",
    "dL_dz2": r"\delta^{(2)} = \partial L / \partial z^{(2)}", "dL_dW2": r"\partial L / \partial W^{(2)}",
    "dsigma_z1": r"\sigma'(z^{(1)})", "dL_dz1": r"\delta^{(1)} = \partial L / \partial z^{(1)}", "dz2_dW1": r"\partial z^{(2)} / \partial W^{(1)}",
    "dL_dW1": r"\partial L / \partial W^{(1)}",
    "W1_new": r"W^{(1)} \text{ after the step}", "W2_new": r"W^{(2)} \text{ after the step}",
    "z1_new": r"z^{(1)} \text{ after the step}", "a1_new": r"a^{(1)} \text{ after the step}",
    "z2_new": r"z^{(2)} \text{ after the step}", "y_hat_new": r"\hat y \text{ after the step}",
    "loss_new": r"L \text{ after the step}",
}
"""The symbol of each quantity of [`Walkthrough`][byhand.walkthrough.Walkthrough], by its name in the code
and in the golden JSON."""


def compute(ex: example_mod.Example | None = None) -> Walkthrough:
    """Compute the walkthrough of ``ex`` (default: [`byhand.example.load`][byhand.example.load]), from one
    pass of the core before the step and one after it; the taught gradient forms must agree with it."""
    ex = ex or example_mod.load()
    params, X, Y = Params(ex.W1, ex.W2), ex.x[:, np.newaxis], np.array([ex.y])
    before = run(params, X, Y)
    new = params.minus(ex.eta, before.grads)
    after = of_pass(run(new, X, Y, checked=True))
    for name, form in FORMS.items():  # the forms must agree with the core before any of them is shown
        dW1, dW2 = form(ex.W1, ex.W2, ex.x, ex.y)
        if not (agree(dW1, before.grads.W1) and agree(dW2, before.grads.W2)):
            raise AssertionError(f"gradient form {name!r} disagrees with the core's pass")
    f = of_pass(before)
    return Walkthrough(
        example=ex, x=ex.x, y=ex.y, eta=ex.eta, W1=ex.W1, W2=ex.W2,
        z1=f.z1, a1=f.a1, z2=f.z2, y_hat=f.y_hat, loss=f.loss,
        dL_dyhat=float(before.dL_dYhat[0, 0]), dyhat_dz2=float(before.dYhat_dZ2[0, 0]),
        dL_dz2=float(before.Delta2[0, 0]), dL_dW2=before.grads.W2, dsigma_z1=before.dsigma_Z1[:, 0],
        dL_dz1=before.Delta1[:, 0], dz2_dW1=np.outer(ex.W2[0] * before.dsigma_Z1[:, 0], ex.x), dL_dW1=before.grads.W1,
        W1_new=new.W1, W2_new=new.W2, z1_new=after.z1, a1_new=after.a1, z2_new=after.z2,
        y_hat_new=after.y_hat, loss_new=after.loss,
    )
