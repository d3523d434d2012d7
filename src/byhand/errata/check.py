"""Verdicts: a pure function of (claims, walkthrough).

Numbers are compared at the precision the post printed them with: ``"0.554"`` claims three decimals.
``correct`` when equal to the computed value rounded to those decimals. ``rounding`` (rounding carried
forward) when it is not, but redoing the post's own line by hand gives it: the post's printed operands
(the claim's ``by_hand``), evaluated and rounded to the printed precision, give the printed number (the
rule of [`byhand.redo`][byhand.redo], which checks the site's own lines too), and every earlier printed
result those operands take from the post (``operands``) is itself correct or carried rounding.
``follows`` where the number is wrong only because an earlier slip carried into it (it is named in the
``carries_into`` of a slip) and redoing the post's own line from its printed operands gives it: correct
given the slip. ``wrong`` otherwise, including any lost sign. Vectors and matrices are checked entry by entry; the
claim takes the worst.
Formulas with an expression are evaluated on the worked example and on random networks; typesetting
claims are checked by [`byhand.errata.typesetting`][byhand.errata.typesetting] on what the post's readers saw
(``seen``, where its renderer dropped something); text and other formula claims are wrong where the correct
form differs, and follow from a slip that carries into them.
"""

from __future__ import annotations

import math

from dataclasses import dataclass, replace
from decimal import Decimal

import numpy as np

from byhand import redo
from byhand.redo import decimals, rounded
from byhand.errata.claims import Claim
from byhand.example import Example
from byhand.core import dsigma, random, sigma
from byhand.errata.typesetting import parses
from byhand.walkthrough import Walkthrough, compute

VERDICTS = ("correct", "rounding", "wrong", "follows")
FORMULA_TOLERANCE = 1e-9  # evaluated expressions agree to float64 round-off when they are the same formula
RANDOM_NETWORKS = 5


@dataclass(frozen=True)
class Verdict:
    """A claim, its verdict, and the correct value (numbers at the printed precision) or form."""

    claim: Claim
    verdict: str
    correct: str | list
    entries: tuple[str, ...] = ()  # per-entry verdicts of a vector or matrix claim


def compare(printed: str, value: float, by_hand: Decimal | None = None) -> str:
    """The verdict for one printed number against the computed ``value``; ``by_hand`` is the exact
    value of the post's own printed operands for it, where the claim records them."""
    claimed, places = Decimal(printed), decimals(printed)
    if claimed == rounded(value, places):
        return "correct"
    if claimed != 0 and value != 0 and (claimed < 0) != (value < 0):
        return "wrong"  # a lost sign is never a rounding slip
    if by_hand is not None and redo.off_by(by_hand, redo.Literal(printed))[0] <= Decimal("0.5"):
        return "rounding"
    return "wrong"


def _show(value: float, places: int) -> str:
    """The computed value as the post would have printed it (no "-0")."""
    d = rounded(value, places)
    return str(abs(d) if d == 0 else d)


def _by_hand(claim: Claim, size: int, known: dict[str, str]) -> list:
    """The exact value of each entry of the post's own line, or Nones where there is no honest one."""
    if claim.by_hand is None or any(known.get(k) not in ("correct", "rounding") for k in claim.operands):
        return [None] * size  # no line to redo, or it takes a result the post got wrong
    value = redo.evaluate(claim.by_hand)
    entries = [a for row in value for a in row] if isinstance(value, list) else [value]
    if len(entries) != size:
        raise ValueError(f"claim {claim.id!r}: by_hand has {len(entries)} entries for {size} claimed")
    return entries


def _numbers(claim: Claim, w: Walkthrough, known: dict[str, str]) -> Verdict:
    value = np.asarray(w[claim.quantity], dtype=float)[claim.index] if claim.index else np.asarray(w[claim.quantity])
    printed = np.array(claim.claimed, dtype=object)
    if printed.shape != np.shape(value):
        raise ValueError(f"claim {claim.id!r}: claimed has shape {printed.shape} but {claim.quantity}"
                         f"{list(claim.index) or ''} has shape {np.shape(value)}")
    pairs = list(zip(printed.ravel(), np.ravel(value)))
    entries = tuple(compare(p, v, h) for (p, v), h in zip(pairs, _by_hand(claim, len(pairs), known)))
    correct = np.array([_show(v, _places(p, v)) for p, v in pairs], dtype=object).reshape(printed.shape)
    return Verdict(claim, max(entries, key=VERDICTS.index), correct.tolist() if correct.ndim else str(correct),
                   entries if printed.ndim else ())


def _places(printed: str, value: float) -> int:
    """Decimals to show the correct value with: the printed number's, or more where the printed number is
    larger (a slipped decimal point: 2.17 for 0.2172 is corrected as 0.217, with as many digits)."""
    digits = len(str(abs(Decimal(printed))).replace(".", "").lstrip("0"))
    if value == 0 or digits == 0:
        return decimals(printed)
    return max(decimals(printed), digits - 1 - math.floor(math.log10(abs(value))))


def namespaces(w: Walkthrough) -> list[tuple[dict, Walkthrough]]:
    """The evaluation namespace of the worked example and of seeded random networks."""
    randoms = [random(seed) for seed in range(RANDOM_NETWORKS)]
    walks = [w] + [compute(Example(x=X[:, 0], y=float(Y[0]), W1=p.W1, W2=p.W2, eta=0.1)) for p, X, Y in randoms]
    names = ("x", "y", "eta", "W1", "W2", "z1", "a1", "z2", "y_hat", "loss")
    return [({"__builtins__": {}, "sigma": sigma, "dsigma": dsigma, **{n: v[n] for n in names}}, v) for v in walks]


def _evaluates_to_quantity(claim: Claim, expr: str, spaces) -> bool:
    for namespace, walk in spaces:
        target = np.asarray(walk[claim.quantity])[claim.index] if claim.index else walk[claim.quantity]
        if not np.allclose(eval(expr, namespace), target, rtol=FORMULA_TOLERANCE, atol=1e-12):  # noqa: S307
            return False
    return True


def check(claim: Claim, w: Walkthrough, spaces=None, known: dict[str, str] | None = None) -> Verdict:
    """The verdict on one claim; ``known`` holds the verdicts on earlier claims, by id."""
    if claim.kind == "number":
        return _numbers(claim, w, known or {})
    if claim.kind == "typesetting":
        if not parses(claim.correct):
            raise ValueError(f"claim {claim.id!r}: its correct form does not typeset either")
        return Verdict(claim, "correct" if parses(claim.seen or claim.claimed) else "wrong", claim.correct)
    if claim.expr is not None:
        spaces = spaces or namespaces(w)
        if not _evaluates_to_quantity(claim, claim.correct_expr, spaces):
            raise ValueError(f"claim {claim.id!r}: correct_expr does not equal {claim.quantity}")
        return Verdict(claim, "correct" if _evaluates_to_quantity(claim, claim.expr, spaces) else "wrong",
                       claim.correct)
    return Verdict(claim, "correct" if claim.claimed == claim.correct else "wrong", claim.correct)


def _follows(v: Verdict, carried: set[str]) -> Verdict:
    """``v`` as a consequence where an earlier slip carries into it and its own line, redone from the post's
    printed operands, gives what it prints (a text or formula claim a slip carries into follows from it)."""
    if v.verdict not in ("rounding", "wrong") or v.claim.id not in carried:
        return v
    c = v.claim
    if c.kind == "number":
        if c.by_hand is None:
            return v
        printed = redo.evaluate(_number_tex(c.claimed))
        if not all(units <= Decimal("0.5") for units in redo.off_by(redo.evaluate(c.by_hand), printed)):
            return v
    return replace(v, verdict="follows")


def _number_tex(claimed: str | list) -> str:
    if isinstance(claimed, str):
        return claimed
    rows = claimed if isinstance(claimed[0], list) else [[e] for e in claimed]
    return r"\begin{pmatrix}" + r" \\ ".join(" & ".join(row) for row in rows) + r"\end{pmatrix}"


def check_all(claims: list[Claim], w: Walkthrough) -> list[Verdict]:
    """Verdicts on every claim, in the order of the data; a slip's consequences judged given the slip."""
    spaces, known, verdicts, carried = namespaces(w), {}, [], set()
    for c in claims:
        judged = check(c, w, spaces, known)
        known[c.id] = judged.verdict  # as judged on its own: an operand carrying rounding still carries rounding
        v = _follows(judged, carried)
        verdicts.append(v)
        if v.verdict != "correct":
            carried.update(c.carries_into)
    return verdicts
