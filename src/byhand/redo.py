"""Redo a printed line by hand: evaluate the arithmetic a formula prints, and judge a printed result.

A *printed line* shows operands and a result, ``(-0.2203)(0.2)(0.2055)(1) = -0.009056``. A reader
with a calculator takes the printed operands as exact, evaluates them, and rounds to the precision
the result is printed with. The line *reproduces* when that gives the printed result:

$$
\\bigl|\\,\\mathrm{value}(\\text{printed operands}) - \\text{printed result}\\,\\bigr|
\\le \\tfrac12\\, 10^{-d}
$$

where $d$ is the number of decimals the result shows (``-0.009056``: $d = 6$; ``1.2 \\times 10^{-5}``:
$d = 6$). Ties count as reproducing, so the rule does not depend on how a tie is rounded. Vectors and
matrices reproduce entry by entry. The site's pages and the post's errata are judged by this one rule.

The printed TeX is read by [`byhand.texarith`][byhand.texarith]; numpy is not needed. This module is
the rule for judging a printed number, used for the site's lines and the post's alike.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from byhand.texarith import Literal, NotArithmetic, Value, entries, scalar, evaluate, is_literal

__all__ = ["Literal", "NotArithmetic", "decimals", "evaluate", "is_literal", "off_by", "reproduces", "rounded"]


def decimals(printed: str) -> int:
    """How many decimals a printed number claims: ``"0.0412"`` -> 4, ``"2"`` -> 0."""
    return Literal(printed).decimals


def rounded(value: float, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals, from its exact binary value (ties to even)."""
    return Decimal(float(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def off_by(value: Value, printed: Value) -> list[Decimal]:
    """For each entry: how far ``value`` is from the printed number, in units of its last printed digit."""
    value, printed = scalar(value), scalar(printed)
    values, shown = entries(value), entries(printed)
    if len(values) != len(shown) or isinstance(value, list) != isinstance(printed, list) or (
            isinstance(value, list) and len(value) != len(printed)):
        raise ValueError("the value and the printed result have different shapes")
    return [abs(v - p).scaleb(p.decimals) for v, p in zip(values, shown)]


def reproduces(operands: str, result: str) -> bool:
    """Whether the printed ``operands``, evaluated and rounded to the printed ``result``'s precision,
    give that result: every entry within half a unit of its last printed digit."""
    value, printed = evaluate(operands), evaluate(result)
    if not all(isinstance(p, Literal) for p in entries(printed)):
        raise NotArithmetic(f"the result must be printed numbers, got {result!r}")
    return all(units <= Decimal("0.5") for units in off_by(value, printed))
