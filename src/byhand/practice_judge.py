"""The rule that judges a practice sheet: every answer against the exact value, the student's own
earlier answers, rounding carried forward and the named slips. The page's script
(docs/assets/practice-judge.js) implements the same rule; generated cases hold the two to each other.

An entry typed with $d$ decimals *fits* a value $v$ when $|a - v| \\le \\tfrac12 10^{-d} + 10^{-15}|v|$:
within half a unit of its last digit (the rule every printed line of the site obeys), with room for the
last bits of a double pasted from a program. An answer fits a value when every entry does. Then, for
one quantity, in this order:

- *correct*: it fits the exact value (with fewer than two significant digits of it: *coarse*). When a
  slip's value fits too, the verdict stays correct and says how many decimals tell them apart;
- *follows* or *rounding*: it fits what the [worked pass][byhand.practice_pass.worked] gives from the
  student's own earlier answers, or (rounding) what writing every earlier number with 2, 3 or 4
  decimals gives. *follows* when an earlier answer it is computed from was wrong (named), else *rounding*;
- *wrong*, naming every slip whose value fits (one: a diagnosis; several: "this could be ... or ...");
  *coarse* when nothing fits and it has too few digits to judge;
- *invalid*: it cannot be read as the quantity's numbers ([`BadInput`][byhand.practice_judge.BadInput]).
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from byhand.practice_pass import EXACT, PARENTS, worked

SLACK = Decimal("1e-15")
"""Relative room for a pasted double: a program's float64 result is within a few units of $2^{-52}$ of the value."""
MAX_EXPONENT = 50
"""Largest power of ten an answer may use (``1e-3`` is read; ``1e-99`` is refused)."""
MAX_TELL = 20
"""The most decimals the page asks for to tell the right value from a slip's."""
JUDGED = ("correct", "rounding", "follows", "coarse", "wrong")


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


def places(number: str) -> int:
    """Decimals of a typed number: 0.250 -> 3, 1988e-4 -> 4, 12 -> 0."""
    return max(0, -Decimal(number).as_tuple().exponent)


def fits(a: str, v: Decimal, units: int = 1) -> bool:
    """Whether ``v`` is within ``units`` halves of a unit of the last digit of ``a`` (plus the slack)."""
    with localcontext(EXACT):
        return abs(Decimal(a) - v) <= Decimal(5 * units).scaleb(-places(a) - 1) + SLACK * abs(v)


def coarse(a: str, v: Decimal) -> bool:
    """Too few digits to stand for ``v``: not ``v`` exactly, and a unit of its last digit is more than a
    tenth of ``v`` (fewer than two of its significant digits)."""
    return Decimal(a) != v and v != 0 and abs(v) < Decimal(1).scaleb(1 - places(a))


def _round(v: Decimal, d: int, how=ROUND_HALF_UP) -> str:
    with localcontext(EXACT):
        return str(v.quantize(Decimal(1).scaleb(-d), rounding=how))


def flat(value) -> list[Decimal]:
    if isinstance(value, list):
        return [e for v in value for e in flat(v)]
    return [value if isinstance(value, Decimal) else Decimal(value)]


def _tell(exact: list[Decimal], other: list[Decimal] | None, d: int) -> int | None:
    """The fewest decimals, above d, at which the exact value rounded no longer fits ``other`` in some
    entry (``other`` None: no longer reads as the exact value cut instead of rounded)."""
    for k in range(d + 1, MAX_TELL + 1):
        if other is None and any(_round(e, k) != _round(e, k, ROUND_DOWN) for e in exact):
            return k
        if other is not None and not all(fits(_round(e, k), o) for e, o in zip(exact, other)):
            return k
    return None


def _cut(a: list[str], exact: list[Decimal]) -> bool:
    """Every entry is the exact value rounded or cut at its decimals, and at least one is cut."""
    cut = [_round(e, places(x), ROUND_DOWN) for x, e in zip(a, exact)]
    return any(not fits(x, e) for x, e in zip(a, exact)) and all(
        fits(x, e) or Decimal(x) == Decimal(c) for x, e, c in zip(a, exact, cut))


def judge(a: list[str], q: dict, follow: list[Decimal], blame: list[str]) -> dict:
    """The verdict on the entries ``a`` of one answer, against the published quantity ``q`` (exact,
    carried, slips), what the student's own earlier answers give (``follow``) and the earlier answers
    found wrong that those come from (``blame``)."""
    exact = flat(q["exact"])
    slips = {s: flat(v) for s, v in q["slips"].items() if len(flat(v)) == len(a) and flat(v) != exact}
    fitting = [s for s, v in slips.items() if all(fits(x, e) for x, e in zip(a, v))]
    near = [s for s, v in slips.items()  # within one unit: a slip's own route rounds too
            if all(fits(x, e, 2) and not coarse(x, e) for x, e in zip(a, v))]
    d = max(places(x) for x in a)
    if all(fits(x, e) for x, e in zip(a, exact)):
        if any(coarse(x, e) for x, e in zip(a, exact)):
            return {"verdict": "coarse", "slips": []}
        tells = [_tell(exact, slips[s], d) for s in fitting]
        return {"verdict": "correct", "slips": fitting, "decimals": d,
                "tell": None if None in tells or not tells else max(tells)}
    if follow != exact and all(fits(x, f) or fits(x, e) for x, f, e in zip(a, follow, exact)):
        return {"verdict": "follows" if blame else "rounding", "blame": blame}
    chains = [flat(c) for c in q["carried"]]
    if all(fits(x, e) or fits(x, f) or any(fits(x, c[n]) for c in chains)
           for n, (x, e, f) in enumerate(zip(a, exact, follow))):
        return {"verdict": "rounding", "blame": []}
    if not any(coarse(x, e) for x, e in zip(a, exact)) and _cut(a, exact):
        near.append("truncated")
    if near:
        return {"verdict": "wrong", "slips": near}
    return {"verdict": "coarse" if any(coarse(x, e) for x, e in zip(a, exact)) else "wrong", "slips": []}


def _shape(value) -> tuple:
    if not isinstance(value, list):
        return ()
    return (len(value),) + _shape(value[0])


def _nest(entries: list[Decimal], shape: tuple):
    if not shape:
        return entries[0]
    if len(shape) == 1:
        return list(entries)
    return [entries[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]


def judge_sheet(exercise: dict, texts: dict[str, str]) -> dict[str, dict]:
    """The verdict on every typed answer of one exercise (its published data), in the order of the
    page: each against what the student's own earlier answers give. Invalid answers are not used."""
    given = {k: _nest(flat(v), _shape(v)) for k, v in exercise["given"].items()}
    out, answers = {}, {}
    for name in PARENTS:
        if name not in texts:
            continue
        shape = _shape(exercise["quantities"][name]["exact"])
        try:
            entries, flipped = parse(texts[name], shape)
        except BadInput as error:
            out[name] = {"verdict": "invalid", "message": str(error)}
            continue
        if flipped:  # a matrix typed with its columns as rows: judged as typed, read back for the pass
            entries = [entries[c * shape[0] + r] for r in range(shape[0]) for c in range(shape[1])]
        out[name] = {"entries": entries, "flipped": flipped}
        answers[name] = _nest([Decimal(e) for e in entries], shape)
    follow = worked(given, answers)
    blame: dict[str, list[str]] = {}
    for name in PARENTS:
        before = sorted({b for p in PARENTS[name] for b in blame.get(p, [])}, key=list(PARENTS).index)
        blame[name] = before
        if "entries" not in out.get(name, {}):
            continue
        result = out[name]
        q = exercise["quantities"][name]
        if result["flipped"]:
            verdict = judge(result["entries"], q, flat(follow[name]), before)
            out[name] = {"verdict": "wrong", "slips": ["transposed"]} if verdict["verdict"] in (
                "correct", "rounding", "follows") else {"verdict": "wrong", "slips": []}
        else:
            out[name] = judge(result["entries"], q, flat(follow[name]), before)
        verdict = out[name]["verdict"]
        blame[name] = [name] if verdict == "wrong" else before if verdict == "follows" else []
    return out
