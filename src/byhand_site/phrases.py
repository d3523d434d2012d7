"""Short pieces of prose and LaTeX that several sentences of the pages share.

Each returns text for a sentence to print; numbers come from [`byhand_site.render.tex`][byhand_site.render.tex].
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from byhand_site.render import tex


def change(u: float, v: float) -> str:
    """How a positive quantity changed from ``u`` to ``v``: "fell from $u$ to $v$, by a factor
    $u/v$" (or "rose ..., by a factor $v/u$"): the factor is always the larger over the smaller."""
    if not (u > 0 and v > 0):
        raise ValueError(f"u, v: expected two positive numbers, got {u!r}, {v!r}")
    return f"{'fell' if v < u else 'rose'} from ${tex(u)}$ to ${tex(v)}$, by a factor ${tex(max(u, v) / min(u, v))}$"


def listed(items: Sequence[str]) -> str:
    """``a, b and c``: two or more items as a list in a sentence."""
    if len(items) < 2:
        raise ValueError(f"items: expected at least two, got {list(items)!r}")
    return ", ".join(items[:-1]) + " and " + items[-1]


MATRIX = re.compile(r"W\^\{\((\d)\)\}")
"""A weight matrix in a symbol, $W^{(k)}$, whose entries are written $w^{(k)}_{j,i}$."""


def entry(symbol: str, index: str) -> str:
    """LaTeX for the entry at the 1-based ``index`` ("1,2"; "" for a scalar) of the quantity ``symbol``.

    A weight matrix's entry is the weight itself, ``W^{(1)}`` at "1,2" is $w^{(1)}_{1,2}$ (also inside a
    longer symbol: $\\partial L/\\partial w^{(1)}_{1,2}$); any other symbol is put in brackets and indexed,
    $\\left(a^{(1)}\\right)_{2}$.
    """
    label = MATRIX.sub(rf"w^{{(\1)}}_{{{index}}}", symbol)
    return label if label != symbol or not index else rf"\left({symbol}\right)_{{{index}}}"
