"""The worked step as a person with a calculator does it: every intermediate rounded to k decimals.

Each quantity is computed from the already rounded quantities before it, in the order of the pages,
and rounded before it is written down. Rounding is half up (away from zero at a tie, as calculators
and school arithmetic do), applied to the shortest decimal that reads back as the float
(``repr``), so that a product such as 0.15 x 0.5 counts as the tie 0.075 a calculator would show.
With ``k=None`` nothing is rounded and the result equals [`byhand.walkthrough.compute`][byhand.walkthrough.compute].
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from byhand.example import Example
from byhand.network import sigma

KEYS = ("z1", "a1", "z2", "y_hat", "loss", "dL_dyhat", "dyhat_dz2", "dL_dz2", "dL_dW2", "dsigma_z1",
        "dL_dW1", "W1_new", "W2_new", "z1_new", "a1_new", "z2_new", "y_hat_new", "loss_new")
"""The quantities of the worked step, in the order a person with a calculator computes them."""


def round_to(value: np.ndarray | float, k: int | None) -> np.ndarray | float:
    """``value`` (scalar or array) rounded half up to ``k`` decimals; unchanged for ``k=None``."""
    if k is None:
        return value
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise ValueError(f"k: expected a number of decimals >= 0 or None, got {k!r}")
    unit = Decimal(1).scaleb(-k)
    one = lambda v: float(Decimal(repr(float(v))).quantize(unit, rounding=ROUND_HALF_UP)) + 0.0  # noqa: E731
    return one(value) if np.ndim(value) == 0 else np.vectorize(one, otypes=[float])(value)


def _forward(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, q) -> dict:
    z1 = q(W1 @ x)
    a1 = q(sigma(z1))
    z2 = q(float((W2 @ a1)[0]))
    y_hat = q(float(sigma(z2)))
    return {"z1": z1, "a1": a1, "z2": z2, "y_hat": y_hat, "loss": q((y - y_hat) ** 2)}


def calculator_step(ex: Example, k: int | None) -> dict[str, np.ndarray | float]:
    """Every quantity of the worked step (the names of [`KEYS`][byhand.rounding.KEYS]), each rounded to ``k`` decimals.

    Inputs (x, y, W1, W2, eta) are taken as given; the person rounds what they compute.
    """
    q = lambda v: round_to(v, k)  # noqa: E731
    out = _forward(ex.W1, ex.W2, ex.x, ex.y, q)
    out["dL_dyhat"] = q(2.0 * (out["y_hat"] - ex.y))
    out["dyhat_dz2"] = q(out["y_hat"] * (1.0 - out["y_hat"]))  # sigma'(z2) read off y_hat
    out["dL_dz2"] = q(out["dL_dyhat"] * out["dyhat_dz2"])
    out["dL_dW2"] = q(out["dL_dz2"] * out["a1"][np.newaxis, :])
    out["dsigma_z1"] = q(out["a1"] * (1.0 - out["a1"]))
    out["dL_dW1"] = q(np.outer(out["dL_dz2"] * ex.W2[0] * out["dsigma_z1"], ex.x))
    out["W1_new"] = q(ex.W1 - ex.eta * out["dL_dW1"])
    out["W2_new"] = q(ex.W2 - ex.eta * out["dL_dW2"])
    after = _forward(out["W1_new"], out["W2_new"], ex.x, ex.y, q)
    out.update({f"{key}_new": value for key, value in after.items()})
    return {key: out[key] for key in KEYS}


def drift(ex: Example, k: int) -> dict[str, float]:
    """For each quantity, the largest absolute difference between the k-decimal and the exact step."""
    exact, rounded = calculator_step(ex, None), calculator_step(ex, k)
    return {key: float(np.max(np.abs(np.asarray(rounded[key]) - exact[key]))) for key in KEYS}


def wiped_out(ex: Example, k: int) -> list[tuple[str, tuple[int, ...]]]:
    """Gradient entries that are non-zero in exact arithmetic but 0 at ``k`` decimals."""
    exact, rounded = calculator_step(ex, None), calculator_step(ex, k)
    return [(key, index) for key in ("dL_dW1", "dL_dW2") for index in np.ndindex(exact[key].shape)
            if exact[key][index] != 0 and rounded[key][index] == 0]
