"""Every quantity of one worked example, computed once; the pages and the errata read from here."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np

from byhand import example as example_mod
from byhand.core import Params, run
from byhand.gradients import FORMS
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


SIG = 4
"""The walkthrough's one precision: every result is written down with this many significant digits, and
later lines go on from what was written (a carried chain, as a student with a calculator works)."""


def written(value: np.ndarray | float, sig: int = SIG) -> np.ndarray | float:
    """``value`` rounded to ``sig`` significant digits, half to even on its exact binary value: the number
    the site's formatter prints, as a float (``0.559961`` -> ``0.56``, printed ``0.5600``)."""
    def one(v: float) -> float:
        d = Decimal(float(v))
        return 0.0 if d == 0 else float(d.quantize(Decimal(1).scaleb(d.adjusted() - sig + 1), ROUND_HALF_EVEN))
    return one(value) if np.ndim(value) == 0 else np.vectorize(one, otypes=[float])(value)


def compute(ex: example_mod.Example | None = None) -> Walkthrough:
    """Compute the walkthrough of ``ex`` (default: [`byhand.example.load`][byhand.example.load]), from one
    pass of the core before the step and one after it; the taught gradient forms must agree with it."""
    ex = ex or example_mod.load()
    for name, form in FORMS.items():  # the forms must agree with the core before any of them is shown
        dW1, dW2 = form(ex.W1, ex.W2, ex.x, ex.y)
        exact = run(Params(ex.W1, ex.W2), ex.x[:, np.newaxis], np.array([ex.y])).grads
        if not (agree(dW1, exact.W1) and agree(dW2, exact.W2)):
            raise AssertionError(f"gradient form {name!r} disagrees with the core's pass")
    return _walk(ex, None)


def carried(ex: example_mod.Example | None = None, sig: int = SIG) -> Walkthrough:
    """The walkthrough as the pages print it: each quantity computed from the quantities before it as they
    were written down, rounded to ``sig`` significant digits ([`written`][byhand.walkthrough.written]).

    Each field holds the value computed from the written numbers, before it is itself written down, so the
    formatter prints it with the digits of the line that computes it; the next line uses it rounded. The
    hidden layer's error $\\delta^{(1)}$ is written down too: $\\partial L / \\partial W^{(1)} = \\delta^{(1)} x^\\top$
    multiplies the written $\\delta^{(1)}$.
    """
    return _walk(ex or example_mod.load(), sig)


def _walk(ex: example_mod.Example, sig: int | None) -> Walkthrough:
    computed: dict[str, np.ndarray] = {}
    stage = "before"

    def q(name: str, value: np.ndarray) -> np.ndarray:
        computed[stage, name] = value
        return value if sig is None else written(value, sig)

    params, X, Y = Params(ex.W1, ex.W2), ex.x[:, np.newaxis], np.array([ex.y])
    before = run(params, X, Y, q)
    stage = "update"
    new = params.minus(ex.eta, before.grads, q)
    stage = "after"
    after = run(new, X, Y, q, checked=True)
    b = lambda name: computed["before", name]  # noqa: E731
    a = lambda name: computed["after", name]  # noqa: E731
    W2, dsigma_z1 = ex.W2, b("dsigma_Z1")[:, 0]
    return Walkthrough(
        example=ex, x=ex.x, y=ex.y, eta=ex.eta, W1=ex.W1, W2=W2,
        z1=b("Z1")[:, 0], a1=b("A1")[:, 0], z2=float(b("Z2")[0, 0]), y_hat=float(b("Y_hat")[0, 0]),
        loss=float(b("loss")), dL_dyhat=float(b("dL_dYhat")[0, 0]), dyhat_dz2=float(b("dYhat_dZ2")[0, 0]),
        dL_dz2=float(b("Delta2")[0, 0]), dL_dW2=b("dL_dW2"), dsigma_z1=dsigma_z1, dL_dz1=b("Delta1")[:, 0],
        dz2_dW1=np.outer(W2[0] * (dsigma_z1 if sig is None else written(dsigma_z1, sig)), ex.x), dL_dW1=b("dL_dW1"),
        W1_new=computed["update", "W1_new"], W2_new=computed["update", "W2_new"],
        z1_new=a("Z1")[:, 0], a1_new=a("A1")[:, 0], z2_new=float(a("Z2")[0, 0]),
        y_hat_new=float(a("Y_hat")[0, 0]), loss_new=float(a("loss")),
    )
