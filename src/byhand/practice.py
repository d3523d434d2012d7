"""Practice by hand: seeded exercises, what a careful hand gets, what common slips give, and the rule
that judges a typed answer.

Everything is computed here, when the site is built, and published with the practice page as data; the
page's script only compares a typed answer with those published values, by the rule of
[`judge`][byhand.practice.judge] (its Python statement, which the browser test holds the script to).

The rule, entry by entry, for an answer typed with $d$ decimals:

- *correct* when it is within half a unit of its last digit of the exact value, $|a - v| \\le \\tfrac12 10^{-d}$
  (the rule every printed line of the site obeys, [`byhand.redo`][byhand.redo]);
- *rounding carried forward* when it is not, keeps the exact value's sign, and is within half a unit of
  what the step gives when every earlier number is written down with 2, 3 or 4 decimals (the calculator
  of the rounding page, [`byhand.calculator`][byhand.calculator]; the answer itself may keep more digits);
- *wrong* otherwise. A vector or matrix takes its worst entry's verdict.

An answer needs, in each entry, two of the significant digits of the value it stands for (unless it is
that value exactly), and may not be one a slip would also pass: such an answer is *coarse*, and the
reader is asked for more digits. A wrong answer is
matched against the slip models, the values a named slip gives, within one unit of the answer's last
digit (the nearest one), after a check for a last digit cut instead of rounded.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import numpy as np

from byhand import example as example_mod
from byhand.calculator import carried_step
from byhand.core import dsigma
from byhand.walkthrough import compute

QUANTITIES = ("z1", "a1", "z2", "y_hat", "loss", "dyhat_dz2", "dL_dz2", "dL_dW2", "dsigma_z1", "dL_dz1", "dL_dW1",
              "W1_new", "W2_new", "y_hat_new", "loss_new")
"""What the reader computes, in order; each is named as in the golden JSON."""
CARRIED = (2, 3, 4)
"""Decimals a person may write every intermediate with: their answers count as rounding carried forward."""
SIG = 9
"""Significant digits of the published values: more than anyone types; the rule reads these same strings."""
SLIPS = {
    "sign": "The sign is the wrong way round: check each minus sign on the way (ŷ − y, and the step W − η∂L/∂W).",
    "truncated": "The last digit is cut instead of rounded: round it (up when the next digit is 5 or more).",
    "no-step": "This is the value before the step: with the new weights, or with enough decimals to show the change.",
    "no-square": "The square is missing: L = (y − ŷ)².",
    "decimal": "The decimal point has slipped one place to the right.",
    "decimal-down": "The decimal point has slipped one place to the left.",
    "sigma-for-slope": "This is σ(z), the activation, where the slope σ′(z) = σ(z)(1 − σ(z)) belongs.",
    "slope-for-sigma": "This is the slope σ′(z) where the activation σ(z) belongs.",
    "slope-shifted": "σ′ is evaluated at z⁽²⁾ with its decimal point slipped (the post takes σ′ at 2.17 instead of 0.217).",
    "slope-of-output": "σ′ is evaluated at ŷ; it belongs at z⁽²⁾, where it equals ŷ(1 − ŷ).",
    "no-two": "The factor 2 of ∂L/∂ŷ = 2(ŷ − y) is missing.",
    "no-eta": "The learning rate is missing: the step is W − η ∂L/∂W.",
    "uphill": "The step goes uphill: the gradient was added instead of subtracted.",
    "transposed": "The matrix is transposed: row j holds the weights into hidden unit j, one column per input.",
    "W2-first": "W⁽²⁾ was updated before the hidden gradient was taken: δ⁽¹⁾ uses the old W⁽²⁾.",
    "post-slope-and-sign": "σ′ at 2.17 instead of 0.217 and a lost sign of 2(ŷ − y), the post's two slips, carried into this result.",
    "post-uphill": "The step goes uphill: the gradient's sign was lost on the way (with σ′ taken at 2.17, as in the post), "
                   "so the weights move the wrong way.",
}
"""Each slip model's one-sentence diagnosis."""
SECTIONS = {"z1": "forward.md", "a1": "forward.md", "z2": "forward.md", "y_hat": "forward.md", "loss": "forward.md",
            "dyhat_dz2": "output-gradient.md", "dL_dz2": "output-gradient.md", "dL_dW2": "output-gradient.md",
            "dsigma_z1": "hidden-gradient.md", "dL_dz1": "hidden-gradient.md", "dL_dW1": "hidden-gradient.md", "W1_new": "update.md",
            "W2_new": "update.md", "y_hat_new": "update.md", "loss_new": "update.md"}
"""The walkthrough page that explains each quantity."""


def exercises(count: int = 24, seed: int = 2023) -> list[example_mod.Example]:
    """The site's own example first, then seeded ones with friendly numbers: weights with one decimal,
    inputs small integers, the target 0 or 1, and a learning rate of 0.1 or 0.5."""
    rng = np.random.default_rng(seed)
    found = [example_mod.load()]
    while len(found) < count:
        W1 = rng.integers(-9, 10, size=(2, 3)) / 10
        W2 = rng.integers(-9, 10, size=(1, 2)) / 10
        x = rng.integers(0, 4, size=3).astype(float)
        if not (W1.all() and W2.all() and x.any()):  # a zero weight or input makes a step trivial
            continue
        found.append(replace(found[0], name=f"Exercise {len(found) + 1}", x=x, y=float(rng.integers(0, 2)),
                             W1=W1, W2=W2, eta=float(rng.choice([0.1, 0.5]))))
    return found


def _slips(ex: example_mod.Example) -> dict[str, dict[str, np.ndarray]]:
    """For each quantity, the value each slip model gives."""
    w = compute(ex)
    z2_shifted = 10 * w.z2
    slope_shifted = dsigma(z2_shifted)
    post_delta2 = -w.dL_dyhat * slope_shifted  # the post: sigma' at 10 z2, and the sign of 2(y_hat - y) lost
    out = {q: {"sign": -np.asarray(w[q]), "decimal": 10 * np.asarray(w[q])} for q in QUANTITIES}
    for q in QUANTITIES:
        out[q]["decimal-down"] = np.asarray(w[q]) / 10
    out["a1"]["slope-for-sigma"] = dsigma(w.z1)
    out["y_hat"]["slope-for-sigma"] = dsigma(w.z2)
    out["dyhat_dz2"] |= {"sigma-for-slope": w.y_hat, "slope-shifted": slope_shifted, "slope-of-output": dsigma(w.y_hat)}
    out["dsigma_z1"]["sigma-for-slope"] = w.a1
    out["dL_dz2"] |= {"no-two": w.dL_dz2 / 2, "slope-shifted": w.dL_dyhat * slope_shifted, "post-slope-and-sign": post_delta2}
    ratio = post_delta2 / w.dL_dz2
    for q in ("dL_dW2", "dL_dW1"):
        out[q] |= {"no-two": w[q] / 2, "post-slope-and-sign": w[q] * ratio}
    out["dL_dW1"]["transposed"] = w.dL_dW1.T
    W2_first = np.outer(w.W2_new[0] * w.dL_dz2 * w.dsigma_z1, w.x)  # delta1 through the already updated W2
    out["dL_dW1"]["W2-first"] = W2_first
    for q, W, g in (("W1_new", w.W1, w.dL_dW1), ("W2_new", w.W2, w.dL_dW2)):
        out[q] = {"no-step": W, "no-eta": W - g, "uphill": W + w.eta * g, "post-uphill": W - w.eta * g * ratio}
    out["y_hat_new"]["no-step"] = w.y_hat
    out["loss_new"]["no-step"] = w.loss
    for q, y_hat in (("loss", w.y_hat), ("loss_new", w.y_hat_new)):
        out[q]["no-square"] = abs(w.y - y_hat)
    out["dL_dz1"] |= {"W2-first": w.W2_new[0] * w.dL_dz2 * w.dsigma_z1, "post-slope-and-sign": w.dL_dz1 * ratio}
    out["W1_new"]["W2-first"] = w.W1 - w.eta * W2_first
    out["W1_new"]["transposed"] = w.W1_new.T
    return out


def _published(value) -> list | str:
    """A value as published: nested lists of decimal strings with ``SIG`` significant digits."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return f"{float(array):.{SIG}g}"
    return [_published(v) for v in array]


def exercise_data(ex: example_mod.Example) -> dict:
    """One exercise as the page publishes it: the givens, and for each quantity its exact value, the
    values carried with 2, 3 and 4 decimals, and the value of each slip model."""
    w, carried = compute(ex), {k: carried_step(ex, k) for k in CARRIED}
    slips = _slips(ex)
    return {"name": ex.name, "given": {k: _published(getattr(ex, k)) for k in ("x", "y", "W1", "W2", "eta")},
            "quantities": {q: {"exact": _published(w[q]), "carried": [_published(carried[k][q]) for k in CARRIED],
                               "slips": {s: _published(v) for s, v in slips[q].items()}} for q in QUANTITIES}}


# ---- the rule (the page's script implements the same, and a browser test compares them) --------------

class BadInput(ValueError):
    """An answer that cannot be read as the expected numbers; never judged wrong."""


def parse(text: str) -> list[list[str]]:
    """A typed answer as rows of number strings: ``"0.75, 0.71"``, ``"0, -0.0041; 0, -0.0091"``, ``"−.5"``,
    ``"1e-3"``, ``"0,5"`` (a lone decimal comma)."""
    text = text.strip().replace("\u2212", "-").replace("\u2013", "-")
    if not text:
        raise BadInput("The answer is empty: type a number.")
    rows = []
    for row in text.split(";"):
        row = row.strip().strip("[]()").strip()
        if re.fullmatch(r"[-+]?\d*,\d+", row):  # one number with a decimal comma
            row = row.replace(",", ".")
        rows.append([_number(p) for p in re.split(r"[,\s]+", row) if p])
    return rows


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")  # as the page's script reads one


def _number(part: str) -> str:
    if not _NUMBER.fullmatch(part):
        raise BadInput(f"'{part}' is not a number: type digits, a sign and a decimal point, like -0.22.")
    return part


def _decimals(number: str) -> int:
    return max(0, -Decimal(number).as_tuple().exponent)


def _units(answer: str, value: str) -> Decimal:
    """How far ``value`` is from ``answer``, in units of the answer's last digit."""
    return abs(Decimal(answer) - Decimal(value)).scaleb(_decimals(answer))


def _coarse(answer: str, target: str) -> bool:
    """Whether ``answer`` has too few digits to stand for ``target``: it is not ``target`` exactly, and a
    unit of its last digit is more than a tenth of ``target`` (fewer than two of its significant digits)."""
    a, t = Decimal(answer), Decimal(target)
    return a != t and t != 0 and abs(t) < Decimal(1).scaleb(1 - _decimals(answer))


def _flat(value) -> list[str]:
    return [e for row in value for e in (row if isinstance(row, list) else [row])] if isinstance(value, list) else [value]


def judge(text: str, published: dict) -> tuple[str, str | None]:
    """``(verdict, slip)`` for a typed answer to one published quantity.

    The verdict is ``"correct"``, ``"rounding"`` or ``"wrong"`` by the rule of this module's docstring,
    or ``"coarse"`` for an answer with too few digits to tell a slip from the right value: an entry
    with fewer than two of the exact value's significant digits, or an answer a slip model's value
    would also pass (then ``slip`` names it). For a wrong answer, ``slip`` is ``"truncated"`` when the
    entries that are off were cut instead of rounded, else the slip model nearest the answer within one
    unit of its last digit (the answer not coarse for it), or None. Raises
    [`BadInput`][byhand.practice.BadInput] for what cannot be read or has the wrong number of entries.
    """
    answer = [e for row in parse(text) for e in row]
    exact = _flat(published["exact"])
    if len(answer) != len(exact):
        raise BadInput(f"Expected {len(exact)} number{'s' if len(exact) > 1 else ''}, got {len(answer)}.")
    half = Decimal("0.5")
    verdicts = []
    for n, (a, v) in enumerate(zip(answer, exact)):
        if _units(a, v) <= half:
            verdicts.append("correct")
        elif (Decimal(a) < 0) == (Decimal(v) < 0) and any(_units(a, _flat(c)[n]) <= half for c in published["carried"]):
            verdicts.append("rounding")
        else:
            verdicts.append("wrong")
    verdict = "wrong" if "wrong" in verdicts else "rounding" if "rounding" in verdicts else "correct"
    coarse = any(_coarse(a, v) for a, v in zip(answer, exact))
    slips = [(slip, _flat(value)) for slip, value in published["slips"].items() if len(_flat(value)) == len(answer)]
    if verdict != "wrong":
        if coarse:
            return "coarse", None
        for slip, value in slips:  # an answer a slip would also give says nothing yet
            if value != exact and all(_units(a, s) <= half for a, s in zip(answer, value)):
                return "coarse", slip
        return verdict, None
    cut = [Decimal(a) != 0 and abs(Decimal(a)) < abs(Decimal(v)) and (Decimal(a) < 0) == (Decimal(v) < 0)
           and _units(a, v) < 1 for a, v in zip(answer, exact)]
    if not coarse and all(c or w != "wrong" for c, w in zip(cut, verdicts)):
        return verdict, "truncated"
    near = [(max(_units(a, s) for a, s in zip(answer, value)), n, slip) for n, (slip, value) in enumerate(slips)
            if not any(_coarse(a, s) for a, s in zip(answer, value))]
    near = [m for m in near if m[0] <= 1]
    if near:
        return verdict, min(near)[2]
    return ("coarse" if coarse else verdict), None
