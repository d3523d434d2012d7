"""The worked step as a person with a calculator does it: every intermediate rounded to k decimals.

Each quantity is computed from the already rounded quantities before it, in the order of the pages,
and rounded to k decimals before it is written down: the person reads it off a display of
[`DISPLAY`][byhand.rounding.DISPLAY] significant digits and rounds what it shows, halves away from zero
(0.125 -> 0.13, -0.125 -> -0.13; ``decimal.ROUND_HALF_UP``), so 0.41 - 0.005 (0.404999... in binary)
shows as the tie 0.405 and is written as 0.41. The update eta*g is subtracted from the weight, not
written down on its own. With ``k=None`` nothing is rounded: [`byhand.walkthrough.compute`][byhand.walkthrough.compute].
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

import numpy as np

from byhand.example import Example
from byhand.network import sigma

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


def table(head: list[str], rows: list[list[str]], align: str) -> str:
    """A display-math ``array`` (compact enough for a phone at footnote size): LaTeX cells, a rule under ``head``."""
    lines = [" & ".join(row) for row in [head, *rows]]
    body = lines[0] + " \\\\[2pt] \\hline\n" + " \\\\[3pt]\n".join(lines[1:])
    return f"\n$$\n\\footnotesize\\begin{{array}}{{{align}}}\n{body}\n\\end{{array}}\n$$\n"


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
    stays: bool  # predicted from the update alone, by [`stays`][byhand.rounding.stays]
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
