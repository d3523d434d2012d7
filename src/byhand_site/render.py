"""The one formatter: numbers, vectors, matrices and indexed symbols as text or LaTeX.

Precision policy: every value is computed in float64 and shown to ``SIG`` significant digits, rounded
half to even at the last shown digit. Trailing zeros are dropped only when the value is exact at the
shown precision (``0.5``, not ``0.5000``; but ``0.5600`` for 0.559961). Zero is ``0`` (never ``-0``);
a non-zero value whose magnitude is below ``1e-4`` or at least ``1e4`` is shown in scientific notation,
so no non-zero value is ever shown as ``0.0000``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import numpy as np

from byhand import redo

SIG = 4
GUARD = 4  # a line's operands may show up to this many more digits, so that the line reproduces by hand
SMALL, LARGE = 1e-4, 1e4
POLICY = (
    f"Every number is computed in double precision and shown to {SIG} significant digits; "
    "trailing zeros are dropped only where the value is exact at that precision, and values below "
    f"{SMALL:g} or from {LARGE:g} up in magnitude are shown in scientific notation."
)
LINES = (
    f"Where a line shows operands and a result, the result has {SIG} significant digits and the operands "
    f"as many as it takes, up to {SIG + GUARD}, for the line to redo by hand: take the printed operands "
    "as they stand, evaluate them, round to the last digit of the printed result, and you get the printed "
    "result (a value exactly halfway counts either way)."
)
_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _real(v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
        if isinstance(v, np.ndarray) and v.size == 1 and v.dtype.kind in "iuf":
            v = v.item()
        else:
            raise ValueError(f"expected a real number, got {v!r}")
    v = float(v)
    if not math.isfinite(v):
        raise ValueError(f"expected a finite number, got {v}")
    return v


def parts(v: object, sig: int = SIG) -> tuple[str, str, int | None]:
    """Split ``v`` into (sign, digits, exponent or None) under the precision policy."""
    v = _real(v)
    if sig < 1:
        raise ValueError(f"sig: expected at least 1 significant digit, got {sig}")
    if v == 0:
        return "", "0", None
    sign = "-" if v < 0 else ""
    a = abs(v)
    if a < SMALL or a >= LARGE:
        mantissa, exponent = f"{a:.{sig - 1}e}".split("e")
        return sign, _trim(mantissa, a, sig), int(exponent)
    decimals = max(sig - 1 - math.floor(math.log10(a)), 0)
    digits = f"{a:.{decimals}f}"
    if float(digits) >= 10 ** (sig - decimals - 1) * 10 and decimals > 0:  # 9.99995 rounded up a digit
        digits = f"{a:.{decimals - 1}f}"
    return sign, _trim(digits, a, sig), None


def _trim(digits: str, a: float, sig: int) -> str:
    """Drop trailing zeros only when the shown value is exact to ~1e-12 relative."""
    if "." not in digits:
        return digits
    exact = math.isclose(float(f"{a:.{sig - 1}e}"), a, rel_tol=1e-12)
    return digits.rstrip("0").rstrip(".") if exact else digits


def tex(v: object, sig: int = SIG) -> str:
    """LaTeX for a scalar: ``-0.1653``, ``1.234 \\times 10^{-5}``."""
    sign, digits, exponent = parts(v, sig)
    return sign + digits + ("" if exponent is None else f" \\times 10^{{{exponent}}}")


def text(v: object, sig: int = SIG) -> str:
    """Plain text for a scalar, with a true minus sign: ``\u22120.1653``, ``1.234 \u00d7 10\u207b\u2075``."""
    sign, digits, exponent = parts(v, sig)
    tail = "" if exponent is None else " \u00d7 10" + str(exponent).translate(_SUPERSCRIPT)
    return sign.replace("-", "\u2212") + digits + tail


def pmatrix(a: object, sig: int = SIG) -> str:
    """LaTeX ``pmatrix``: a 1-d array as a column, a 2-d array as it is."""
    array = np.asarray(a)
    if array.dtype.kind not in "iuf" or array.ndim not in (1, 2):
        raise ValueError(f"expected a 1-d or 2-d array of real numbers, got {a!r}")
    rows = array[:, np.newaxis] if array.ndim == 1 else array
    body = r" \\ ".join(" & ".join(tex(v, sig) for v in row) for row in rows)
    return rf"\begin{{pmatrix}} {body} \end{{pmatrix}}"


def weight(layer: int, j: int, i: int) -> str:
    """The weight symbol for 0-based ``W{layer}[j, i]``: $w^{(layer)}_{j+1,i+1}$."""
    return f"w^{{({layer})}}_{{{j + 1},{i + 1}}}"


def display(*sides: str, rel: str = "=") -> str:
    """A display equation, ``$$ a = b = c $$``, as Markdown for arithmatex; ``rel`` is the first relation."""
    head = f"{sides[0]} {rel} {sides[1]}" if len(sides) > 1 else sides[0]
    return "\n$$\n" + " = ".join([head, *sides[2:]]) + "\n$$\n"


def aligned_block(rows: Sequence[str], gap: str = "2pt") -> str:
    """A display equation of ``rows`` in an ``aligned`` environment, ``gap`` apart (``&`` marks where rows align)."""
    return "\n$$\n\\begin{aligned}\n" + f" \\\\[{gap}]\n".join(rows) + "\n\\end{aligned}\n$$\n"


def steps(first: str, *rest: str, rel: str = "=", left: bool = False) -> str:
    """A chain set as on paper, one relation per line: ``first rel rest[0]``, then one ``= side`` per line.

    The ``=`` signs line up under ``rel``; with ``left``, every line starts at the left margin instead,
    which leaves the most room (on a phone) when ``first`` is wide.
    """
    if not rest:
        raise ValueError("steps: expected at least two sides")
    head = f"&{first} {rel} {rest[0]}" if left else f"{first} &{rel} {rest[0]}"
    return aligned_block([head] + [f"&= {side}" for side in rest[1:]])


def equations(*pairs: tuple[str, str], end: str = "") -> str:
    """Several equations ``(left, right)``, one per line, their ``=`` signs aligned; a comma ends each line
    but the last, which ends with ``end``."""
    marks = [","] * (len(pairs) - 1) + [end]
    return aligned_block([f"{left} &= {right}{mark}" for (left, right), mark in zip(pairs, marks)], gap="4pt")


def table(head: list[str], rows: list[list[str]], align: str) -> str:
    """A display-math ``array`` (compact enough for a phone at footnote size): LaTeX cells, a rule under ``head``."""
    lines = [" & ".join(row) for row in [head, *rows]]
    body = lines[0] + " \\\\[2pt] \\hline\n" + " \\\\[3pt]\n".join(lines[1:])
    return f"\n$$\n\\footnotesize\\begin{{array}}{{{align}}}\n{body}\n\\end{{array}}\n$$\n"


class NotReproduced(ValueError):
    """A printed line whose operands, redone by hand, do not give its printed result."""


def _operand(v: object, sig: int, bare: bool) -> str:
    """An operand in a line: a matrix, or a number (in parentheses when negative, unless ``bare``)."""
    if isinstance(v, np.ndarray) and v.ndim:
        return pmatrix(v, sig)
    shown = tex(v, sig)
    return shown if bare or not shown.startswith("-") else f"({shown})"


def _reads_as_shown(v: object, digits: int) -> bool:
    """Whether ``v`` with ``digits`` significant digits, cut back to ``SIG`` by a reader (halves up or to
    even), gives what the site shows elsewhere: 0.7109495 may not appear as 0.71095, which reads as 0.7110."""
    for x in np.ravel(np.asarray(v, dtype=float)):
        shown, longer = redo.evaluate(tex(x)), redo.evaluate(tex(x, digits))  # read as a reader reads them
        if shown == 0:
            continue
        unit = Decimal(1).scaleb(shown.adjusted() - SIG + 1)
        if any(longer.quantize(unit, rounding=r) != shown.quantize(unit, rounding=r) for r in (ROUND_HALF_UP, ROUND_HALF_EVEN)):
            return False
    return True


def _fit(template: str, operands: Sequence, result: object, sig: int, most: int = SIG + GUARD) -> tuple[int, str, str]:
    """(digits, operands' TeX, result's TeX) for the fewest operand digits, from ``sig`` to ``most``, that reproduce."""
    pieces = template.split("{}")
    if len(pieces) != len(operands) + 1:
        raise ValueError(f"the template {template!r} has {len(pieces) - 1} places for {len(operands)} operands")
    bare = [(k == 0 and not pieces[0].strip()) or (pieces[k].endswith("(") and pieces[k + 1].startswith(")"))
            for k in range(len(operands))]
    shown = pmatrix(result) if isinstance(result, np.ndarray) and result.ndim else tex(result)
    for digits in range(sig, most + 1):
        if not all(_reads_as_shown(v, digits) for v in operands):
            continue
        numbers = [_operand(v, digits, b) for v, b in zip(operands, bare)]
        line = pieces[0] + "".join(n + p for n, p in zip(numbers, pieces[1:]))
        if redo.reproduces(line, shown):
            return digits, line, shown
    if most == SIG:
        raise NotReproduced(f"the carried line {template!r} = {shown} does not reproduce from its operands as they "
                            f"were printed, {[tex(v) for v in np.ravel(np.asarray(operands[0]))]}...: an operand "
                            "is not the value written down before it")
    raise NotReproduced(f"the line {line} = {shown} does not reproduce by hand even with {most} digits")


def worked(template: str, operands: Sequence, result: object, sig: int = SIG) -> tuple[str, str]:
    """TeX for the operands and the result of one line of arithmetic, such that the line reproduces.

    ``template`` is TeX with one ``{}`` per operand, such as ``"2({} - {})"``; a scalar operand is
    shown as a number (a negative one in parentheses where the template does not already put it in
    some), an array as a ``pmatrix``. The result is shown to ``SIG`` significant digits. The operands
    are shown to ``sig`` digits (``SIG`` by default), or to as many more (up to ``SIG + GUARD``) as it
    takes for the printed operands, evaluated exactly and rounded to the printed result's precision,
    to give the printed result (the rule of [`byhand.redo`][byhand.redo]).

    Raises
    ------
    NotReproduced
        Where no precision up to ``SIG + GUARD`` digits reproduces the result, naming the line.
    """
    return _fit(template, operands, result, sig)[1:]


def worked_rows(template: str, rows: Sequence[tuple[Sequence, object]]) -> list[tuple[str, str]]:
    """[`worked`][byhand_site.render.worked] for several lines of one template, all shown to one precision:
    the most digits any one of them needs, so a number reads the same in every line."""
    sig = max(_fit(template, operands, result, SIG)[0] for operands, result in rows)
    return [worked(template, operands, result, sig) for operands, result in rows]


def line(*sides: str, by_hand: tuple[str, Sequence], result: object, aligned: bool = False, left: bool = False,
         rel: str = "=", exact: object = None) -> str:
    """A display equation ending in a line that reproduces by hand: ``sides = operands = result``.

    ``by_hand`` is the ``(template, operands)`` of [`worked`][byhand_site.render.worked]; ``aligned`` sets
    one ``=`` per line, as [`steps`][byhand_site.render.steps] does (``left``: flush left); ``rel`` is the
    relation after the first side (``\\leftarrow`` for an update), which then needs a second side: the
    printed operands must follow an ``=`` for a reader, or a test, to redo them.

    With ``exact`` (the full-precision value), the line is a link of the walkthrough's carried chain: its
    operands are the numbers written down before it, printed with the same digits and never a guard digit
    more (raising [`NotReproduced`][byhand_site.render.NotReproduced] where they do not give ``result``),
    and where carrying them moves ``result`` off ``exact``, [`exact_note`][byhand_site.render.exact_note]
    follows the line.
    """
    if rel != "=" and len(sides) < 2:
        raise ValueError(f"a line with {rel} after its first side needs a second side before its numbers")
    if exact is None:
        numbers, shown = worked(*by_hand, result)
    else:
        numbers, shown = _fit(*by_hand, result, SIG, most=SIG)[1:]
    note = "" if exact is None else exact_note(sides[0] if rel == "=" else sides[0] + r"_{\text{new}}", result, exact)
    if aligned or left:
        return steps(*sides, numbers, shown, rel=rel, left=left) + note
    return display(*sides, numbers, shown, rel=rel) + note


def carried_rows(template: str, rows: Sequence[tuple[Sequence, object]]) -> list[tuple[str, str]]:
    """(operands' TeX, result's TeX) for lines of the carried chain: operands as written before, no guard digit."""
    return [_fit(template, operands, result, SIG, most=SIG)[1:] for operands, result in rows]


CARRIED = (
    f"Each result is written down with {SIG} significant digits, and every later line starts from the number "
    "as written, so a reader who copies each result and carries it on gets every later result. Within one "
    "line the calculator keeps all its digits. Where carrying the written numbers moves a result away from "
    "the full-precision value, the exact value is shown beside it."
)


def moved(carried_value: object, exact: object) -> list[tuple[int, ...]]:
    """The entries (indices; ``()`` for a scalar) where ``carried_value`` and ``exact`` print differently."""
    a, b = np.asarray(carried_value, dtype=float), np.asarray(exact, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"carried value and exact value have different shapes: {a.shape} and {b.shape}")
    return [k for k in np.ndindex(a.shape) if tex(a[k]) != tex(b[k])]


_COUNT = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def exact_note(symbol: str, carried_value: object, exact: object) -> str:
    """A short paragraph (class ``exact``, by attr_list) giving the full-precision value where the carried one prints
    differently, and why; empty where they print alike."""
    where = moved(carried_value, exact)
    if not where:
        return ""
    exact_tex = pmatrix(exact) if np.ndim(exact) else tex(exact)
    which = ("its last digit" if np.ndim(exact) == 0 else
             "the last digit of " + ("one entry" if len(where) == 1 else f"{_COUNT.get(len(where), len(where))} entries"))
    return (f"\nExact: ${symbol} = {exact_tex}$. The numbers this line starts from were written down rounded, "
            f"and that rounding, carried forward, moves {which}.\n{{: .exact }}\n")
