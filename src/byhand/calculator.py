"""The worked step as a person with a calculator does it: every intermediate rounded to k decimals.

Each quantity is computed from the already rounded quantities before it, in the order of the pages,
and rounded to k decimals before it is written down: the person reads it off a display of
[`DISPLAY`][byhand.calculator.DISPLAY] significant digits and rounds what it shows, halves away from zero
(0.125 -> 0.13, -0.125 -> -0.13; ``decimal.ROUND_HALF_UP``), so 0.41 - 0.005 (0.404999... in binary)
shows as the tie 0.405 and is written as 0.41. The update eta*g is subtracted from the weight, not
written down on its own. With ``k=None`` nothing is rounded: [`byhand.walkthrough.compute`][byhand.walkthrough.compute].
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np

from byhand.example import Example
from byhand.core import Params, run

KEYS = ("z1", "a1", "z2", "y_hat", "loss", "dL_dyhat", "dyhat_dz2", "dL_dz2", "dL_dW2", "dsigma_z1",
        "dL_dW1", "W1_new", "W2_new", "z1_new", "a1_new", "z2_new", "y_hat_new", "loss_new")
"""The quantities of the worked step, in the order a person with a calculator computes them."""
DISPLAY = 12
"""Significant digits of the calculator's display: each result is read off it, then rounded."""
_WIDE = Context(prec=60)  # room for every quantize below


def _unit(k: int) -> Decimal:
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise ValueError(f"k: expected a number of decimals >= 0 or None, got {k!r}")
    return Decimal(1).scaleb(-k)


def shown(v: float) -> Decimal:
    """The float ``v`` as the display shows it: its exact binary value to ``DISPLAY`` significant digits."""
    d = Decimal(float(v))
    last = Decimal(1).scaleb(d.adjusted() - DISPLAY + 1)
    return d if d == 0 else d.quantize(last, rounding=ROUND_HALF_UP, context=_WIDE)


def round_to(value: np.ndarray | float, k: int | None) -> np.ndarray | float:
    """``value`` (scalar or array) as shown, rounded to ``k`` decimals, halves away from zero (no -0); k=None: as is."""
    if k is None:
        return value
    unit = _unit(k)
    one = lambda v: float(shown(v).quantize(unit, rounding=ROUND_HALF_UP, context=_WIDE)) + 0.0  # noqa: E731
    return one(value) if np.ndim(value) == 0 else np.vectorize(one, otypes=[float])(value)


def written(value: float, k: int) -> str:
    """``value`` as the person writes it with ``k`` decimals: ``0.5600``, ``-0.13``, ``0.00``."""
    return f"{round_to(float(value), k):.{k}f}"


def half_unit(k: int) -> float:
    """Half a unit of the k-th decimal, $\\tfrac12 \\cdot 10^{-k}$: the most one rounding can move a value."""
    return float(_unit(k) / 2)


WRITTEN_DOWN = frozenset({"Z1", "A1", "Z2", "Y_hat", "loss", "dL_dYhat", "dYhat_dZ2", "Delta2", "dL_dW2",
                          "dsigma_Z1", "dL_dW1", "W1_new", "W2_new"})
"""The intermediates of [`byhand.core.run`][byhand.core.run] that a person writes down, and so rounds;
$\\delta^{(1)}$ is not among them: the person multiplies $\\delta^{(2)} w^{(2)}_{1,j} \\sigma'(z^{(1)}_j) x_i$
in one go for each entry of $\\partial L / \\partial W^{(1)}$."""


# Where each quantity is in the pass: (stage, the core's name for it, what to take: the column of its
# one example, its single entry, or all of it).
_COLUMN, _ENTRY, _ALL = (slice(None), 0), (0, 0), ...
_SOURCES = {"z1": ("before", "Z1", _COLUMN), "a1": ("before", "A1", _COLUMN), "z2": ("before", "Z2", _ENTRY),
            "y_hat": ("before", "Y_hat", _ENTRY), "loss": ("before", "loss", _ALL),
            "dL_dyhat": ("before", "dL_dYhat", _ENTRY), "dyhat_dz2": ("before", "dYhat_dZ2", _ENTRY),
            "dL_dz2": ("before", "Delta2", _ENTRY), "dL_dW2": ("before", "dL_dW2", _ALL),
            "dsigma_z1": ("before", "dsigma_Z1", _COLUMN), "dL_dz1": ("before", "Delta1", _COLUMN),
            "dL_dW1": ("before", "dL_dW1", _ALL), "W1_new": ("update", "W1_new", _ALL), "W2_new": ("update", "W2_new", _ALL),
            "z1_new": ("after", "Z1", _COLUMN), "a1_new": ("after", "A1", _COLUMN), "z2_new": ("after", "Z2", _ENTRY),
            "y_hat_new": ("after", "Y_hat", _ENTRY), "loss_new": ("after", "loss", _ALL)}


def _step(ex: Example, k: int | None) -> tuple[dict, dict]:
    """The step with the calculator's rounding injected: for every quantity of ``_SOURCES``, the value
    written down (rounded to k decimals where a person writes it) and the value computed just before, from
    the written-down values before it."""
    if k is not None:
        _unit(k)
    stage, written, computed = "before", {}, {}

    def q(name: str, value):
        computed[stage, name] = value
        written[stage, name] = round_to(value, k) if name in WRITTEN_DOWN else value
        return written[stage, name]

    params, X, Y = Params(ex.W1, ex.W2), ex.x[:, np.newaxis], np.array([ex.y])
    before = run(params, X, Y, q)
    stage = "update"
    new = params.minus(ex.eta, before.grads, q)
    stage = "after"
    run(new, X, Y, q, checked=True)

    def quantities(values: dict) -> dict:
        taken = {key: values[stage, name] if part is _ALL else values[stage, name][part]
                 for key, (stage, name, part) in _SOURCES.items()}
        return {key: float(v) if _SOURCES[key][2] is _ENTRY else v for key, v in taken.items()}

    return quantities(written), quantities(computed)


def calculator_step(ex: Example, k: int | None) -> dict[str, np.ndarray | float]:
    """Every quantity of the worked step (the names of [`KEYS`][byhand.calculator.KEYS]), each rounded to
    ``k`` decimals: the core's pass and update with the calculator's rounding injected.

    Inputs (x, y, W1, W2, eta) are taken as given; the person rounds what they compute.
    """
    written, _ = _step(ex, k)
    return {key: written[key] for key in KEYS}


def carried_step(ex: Example, k: int) -> dict[str, np.ndarray | float]:
    """Every quantity (and $\\delta^{(1)}$, ``dL_dz1``) as the calculator computes it from the numbers written
    before it with k decimals, before it is itself rounded: what a person who rounds earlier numbers gets,
    at whatever precision they write the result."""
    return _step(ex, k)[1]


def drift(ex: Example, k: int) -> dict[str, float]:
    """For each quantity, $\\max |\\text{k-decimal value} - \\text{exact value}|$ over its entries, as shown."""
    exact, run = calculator_step(ex, None), calculator_step(ex, k)
    gap = lambda a, b: max(abs(shown(u) - shown(v)) for u, v in zip(np.ravel(a), np.ravel(b)))  # noqa: E731
    return {key: float(gap(run[key], exact[key])) for key in KEYS}


def correctly_rounded(ex: Example, k: int) -> dict[str, bool]:
    """For each quantity, whether the k-decimal step wrote down the exact value rounded to k decimals."""
    exact, run = calculator_step(ex, None), calculator_step(ex, k)
    return {key: bool(np.array_equal(run[key], round_to(exact[key], k))) for key in KEYS}


def stays(weight: float, update: float, k: int) -> bool:
    """Whether $w - u$ rounded to ``k`` decimals is $w$ again, decided from the update $u$ alone.

    A weight with at most k decimals stays when $|u| < \\tfrac12 \\cdot 10^{-k}$, or when
    $|u| = \\tfrac12 \\cdot 10^{-k}$ and $|w - u| < |w|$: that tie is rounded away from zero, back to w.
    A weight with more than k decimals never stays: writing it down with k decimals changes it.
    """
    unit = _unit(k)
    w, u, half = shown(weight), shown(update), unit / 2
    return w == w.quantize(unit) and (abs(u) < half or (abs(u) == half and abs(w - u) < abs(w)))


@dataclass(frozen=True)
class Move:
    """One weight in the k-decimal step; ``name`` ("W1" or "W2") and ``index`` locate it."""

    name: str
    index: tuple[int, int]
    weight: float  # before the step
    gradient: float  # as the person wrote it down
    update: float  # eta * gradient: what the person subtracts
    exact: float  # eta * the full-precision gradient
    new: float  # the new weight the person wrote down
    stays: bool  # predicted from the update alone, by [`stays`][byhand.calculator.stays]
    held: bool  # would stay even with the full-precision update: k decimals cannot record the step


def moves(ex: Example, k: int) -> list[Move]:
    """Every weight whose full-precision update is not zero, as the k-decimal step moves it (or not)."""
    exact, run, out = calculator_step(ex, None), calculator_step(ex, k), []
    for name, W in (("W1", ex.W1), ("W2", ex.W2)):
        for index in np.ndindex(W.shape):
            g, g_exact = float(run[f"dL_d{name}"][index]), float(exact[f"dL_d{name}"][index])
            if g_exact != 0:
                w, u, exact_u = float(W[index]), ex.eta * g, ex.eta * g_exact
                out.append(Move(name, index, w, g, u, exact_u, float(run[f"{name}_new"][index]), stays(w, u, k),
                                stays(w, exact_u, k)))
    return out
