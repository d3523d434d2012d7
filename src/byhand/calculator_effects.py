"""What the rounding page reads off [the calculator][byhand.calculator]: equal numbers written with
different decimals, weights that do not move, and the post's numbers that carry rounding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from byhand import errata
from byhand.calculator import KEYS, Move, calculator_step, moves, shown, written
from byhand.example import Example
from byhand.redo import decimals
from byhand.walkthrough import compute


def same_written(runs: dict[int, dict], keys: Iterable[str]) -> list[tuple[str, tuple[int, ...]]]:
    """``(key, ks)`` for each scalar quantity among ``keys`` and each group ``ks`` of two or more numbers
    of decimals (keys of ``runs``, the calculator's steps by k) whose steps wrote down the same value."""
    ks = list(runs)
    return [(key, group) for key in keys if np.ndim(runs[ks[0]][key]) == 0
            for group in sorted({tuple(k for k in ks if runs[k][key] == runs[j][key]) for j in ks})
            if len(group) > 1]


def frozen_layers(ex: Example, ks: Iterable[int]) -> list[tuple[int, str]]:
    """``(k, name)`` for each k and layer ("W1", "W2") in which no weight that the full-precision step
    moves is moved by the k-decimal step."""
    return [(k, name) for k in ks for name in ("W1", "W2")
            if {m.stays for m in moves(ex, k) if m.name == name} == {True}]


def tie(m: Move, k: int) -> bool:
    """Whether the update $\\eta\\, g$, as the display shows it, is exactly half a unit of the k-th decimal:
    then $w - \\eta\\, g$ is a tie, rounded away from zero."""
    return abs(shown(m.update)) == Decimal(1).scaleb(-k) / 2


def ties(still: Sequence[tuple[int, Move]]) -> list[tuple[int, Move]]:
    """The ``(k, move)`` pairs whose update is a [tie][byhand.calculator_effects.tie]."""
    return [(k, m) for k, m in still if tie(m, k)]


def survivors(still: Sequence[tuple[int, Move]]) -> list[tuple[int, Move]]:
    """The ``(k, move)`` pairs whose rounded gradient is not zero and whose update is not a tie: the
    update alone, smaller than half a unit, held the weight back."""
    return [(k, m) for k, m in still if m.gradient != 0 and not tie(m, k)]


@dataclass(frozen=True)
class Carried:
    """One entry the errata judge as rounding carried forward: the post's ``line``, the ``quantity``
    and 1-based ``index`` ("2,1"; "" for a scalar), the number ``printed``, the ``correct`` number at that
    precision, and what the calculator writes with as many decimals (None if it does not compute it)."""

    line: int
    quantity: str
    index: str
    printed: str
    correct: str
    calculator: str | None


def carried(ex: Example) -> list[Carried]:
    """Every entry of the post's claims with the verdict "rounding", in the order of the claims, beside
    the calculator's step on ``ex`` with the entry's printed number of decimals."""
    w, steps, out = compute(ex), {}, []
    for v in (v for v in errata.check_all(errata.load(), w) if "rounding" in (v.entries or (v.verdict,))):
        q, at = v.claim.quantity, tuple(v.claim.index)
        verdicts = v.entries or (v.verdict,)
        for n, (p, c, verdict) in enumerate(zip(np.ravel(v.claim.claimed), np.ravel(v.correct), verdicts)):
            idx = ",".join(str(i + 1) for i in at + np.unravel_index(n, np.shape(np.asarray(w[q])[at])))
            k = decimals(p)
            if q in KEYS and k not in steps:
                steps[k] = calculator_step(ex, k)
            calc = written(np.ravel(np.asarray(steps[k][q])[at])[n], k) if q in KEYS else None
            if verdict == "rounding":
                out.append(Carried(v.claim.line, q, idx, str(p), str(c), calc))
    return out
