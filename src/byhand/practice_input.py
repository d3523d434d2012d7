"""How the practice page reads a typed answer: numbers, rows, brackets, decimal commas, and the shape
the quantity needs; anything else is refused with a message that says how to type it. The page's
script (docs/assets/practice-judge.js) reads answers the same way."""

from __future__ import annotations

import re
from decimal import Decimal

MAX_EXPONENT = 50
"""Largest power of ten an answer may use (``1e-3`` is read; ``1e-99`` is refused)."""


class BadInput(ValueError):
    """An answer that cannot be read as the quantity's numbers; never judged wrong."""


_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _numbers(rows: list[str]) -> list[list[str]] | None:
    out = [[p for p in re.split(r"\s*,\s*|\s+", row.strip()) if p] for row in rows]
    return out if all(_NUMBER.fullmatch(p) for row in out for p in row) else None


def _fits_shape(rows: list[list[str]], shape: tuple) -> bool:
    sizes = [len(r) for r in rows]
    if len(shape) == 2 and shape[0] > 1:
        return sizes == [shape[1]] * shape[0]
    n = 1 if not shape else shape[-1]
    return sizes == [n] or (n > 1 and sizes == [1] * n)  # a vector as one row, or as one column


def _expected(shape: tuple) -> str:
    if not shape:
        return "one number"
    if len(shape) == 2 and shape[0] > 1:
        return f"{shape[0]} rows of {shape[1]} numbers, rows separated by ; (like 1, 2, 3; 4, 5, 6)"
    return f"{shape[-1]} numbers, separated by a comma and a space (like 0.25, 0.5)"


def not_transposed(shape: tuple) -> str:
    """Why a matrix typed with rows and columns swapped is refused when it is not the transpose of a value
    the page accepts (the right 6 numbers split the wrong way)."""
    return f"Expected {_expected(shape)}; got {shape[1]} rows of {shape[0]}."


def parse(text: str, shape: tuple) -> tuple[list[str], bool]:
    """A typed answer as its entries, row by row, and whether it was typed transposed (a matrix's
    columns as rows). Reads ``−`` and ``–`` as minus, brackets round the answer and its rows, ``;`` between
    rows, a decimal comma where no other reading fits (``0,7503, 0,7109``), ``.5`` and ``1e-3``."""
    t = text.strip().replace("\u2212", "-").replace("\u2013", "-").replace("\u00a0", " ")
    if not t:
        raise BadInput("The answer is empty: type a number.")
    if "/" in t:
        raise BadInput("Fractions are not read: type the fraction's decimal value (1/4 as 0.25).")
    t = re.sub(r"\]\s*[,;]?\s*\[", ";", t)  # [[a, b], [c, d]] -> [[a, b; c, d]]
    while len(t) > 1 and t[0] in "[(" and t[-1] in "])":
        t = t[1:-1].strip()
    if re.search(r"[\[\]()]", t):
        raise BadInput("Brackets are read only around the whole answer and its rows: type rows separated by ;.")
    rows = t.split(";")
    readings = [_numbers(rows)]
    if "." not in t and re.search(r"[0-9],[0-9]", t):  # a comma between digits may be a decimal comma
        readings.append(_numbers([re.sub(r"(?<=[0-9]),(?=[0-9])", ".", r) for r in rows]))
    fitting = [r for r in readings if r is not None and _fits_shape(r, shape)]
    transposed = [r for r in readings if r is not None and len(shape) == 2 and shape[0] > 1
                  and _fits_shape(r, shape[::-1])]
    if len(readings) > 1 and len(fitting) != 1:
        raise BadInput("A comma between digits reads two ways here: type decimals with a point (0.7503), or "
                       "with a comma and separate the numbers with a comma and a space (0,7503, 0,7109).")
    if not fitting and not transposed:
        bad = next((p for p in re.split(r"[\s,;]+", t) if p and not _NUMBER.fullmatch(p)), None)
        if bad is not None:
            raise BadInput(f"'{bad}' is not a number: type digits, a sign and a decimal point, like -0.22.")
        sizes = [len(r) for r in readings[0]]
        got = f"{sum(sizes)} number{'s' if sum(sizes) != 1 else ''}" + (
            f" in rows of {', '.join(map(str, sizes))}" if len(sizes) > 1 else "")
        raise BadInput(f"Expected {_expected(shape)}; got {got}.")
    rows_read, flipped = (fitting[0], False) if fitting else (transposed[0], True)
    entries = [p for row in rows_read for p in row]
    if any(abs(Decimal(p).adjusted()) > MAX_EXPONENT for p in entries if Decimal(p) != 0):
        raise BadInput(f"A number beyond 10^±{MAX_EXPONENT} is out of range here.")
    return entries, flipped
