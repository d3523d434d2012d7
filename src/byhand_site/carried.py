"""Lines of a carried chain, as a hand-worked post writes them: every number written to ``k`` decimals,
each operand a number written before, each result redone from its printed operands by
[`byhand.redo`][byhand.redo]'s rule (the rule of [`render.line`][byhand_site.render.line], at a fixed
number of decimals instead of significant digits)."""

from __future__ import annotations

from collections.abc import Sequence

from byhand import redo
from byhand.calculator import written
from byhand_site.render import NotReproduced, display, steps

SIZE = r"\small"  # numbers of many decimals: a chain set a size smaller fits a phone's width


def shown(v: float, k: int) -> str:
    """``v`` written to ``k`` decimals; trailing zeros dropped only where that is ``v`` exactly (an input
    such as 0.15 is shown as given)."""
    text = written(v, k)
    if "." in text and float(text) == v:
        text = text.rstrip("0").rstrip(".")
    return text


def number(v: float, k: int) -> str:
    """``v`` as an operand: [`shown`][byhand_site.carried.shown], in parentheses when negative."""
    text = shown(v, k)
    return f"({text})" if text.startswith("-") else text


def _filled(template: str, operands: Sequence[float], result: float, k: int, lhs: str) -> tuple[str, str]:
    pieces = template.split("{}")
    if len(pieces) != len(operands) + 1:
        raise ValueError(f"the template {template!r} has {len(pieces) - 1} places for {len(operands)} operands")
    tex = pieces[0] + "".join(number(v, k) + p for v, p in zip(operands, pieces[1:]))
    out = shown(result, k)
    if not redo.reproduces(tex, out):
        raise NotReproduced(f"the line {lhs} = {tex} = {out} does not reproduce by hand")
    return tex, out


def rows(lhs: str, template: str, operands: Sequence[float], result: float, k: int, middle: str | None = None,
         rel: str = "=") -> list[str]:
    """Rows of an aligned block, flush left and checked as ``line`` checks them: ``lhs rel operands``, then
    ``= result``; with ``middle`` (the formula in symbols), ``lhs rel middle``, ``= operands``, ``= result``,
    which leaves a long line of numbers the whole width (of a phone)."""
    tex, out = _filled(template, operands, result, k, lhs)
    if middle is None:
        return [f"&{lhs} {rel} {tex}", f"&= {out}"]
    return [f"&{lhs} {rel} {middle}", f"&= {tex}", f"&= {out}"]


def line(lhs: str, template: str, operands: Sequence[float], result: float, k: int, aligned: bool = False) -> str:
    """``lhs = operands = result``, the operands and result written to ``k`` decimals (``template`` has one
    ``{}`` per operand); raises NotReproduced where the printed operands do not give the printed result."""
    tex, out = _filled(template, operands, result, k, lhs)
    return steps(lhs, tex, out) if aligned else display(lhs, tex, out)


def block(rows: Sequence[str]) -> str:
    """A display of ``rows`` (from [`rows`][byhand_site.carried.rows]) in an ``aligned`` environment, a size smaller."""
    return f"\n$$\n{SIZE}\\begin{{aligned}}\n" + " \\\\[2pt]\n".join(rows) + "\n\\end{aligned}\n$$\n"
