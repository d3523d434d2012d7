"""The rule that judges a practice sheet: every answer against the exact value, the student's own
earlier answers, rounding carried forward and the named slips. The page's script
(docs/assets/practice-judge.js) implements the same rule; generated cases hold the two to each other.

An entry typed with $d$ decimals *fits* a value $v$ when $|a - v| \\le \\tfrac12 10^{-d} + 10^{-12}\\max(|v|, 1)$:
within half a unit of its last digit (the rule every printed line of the site obeys), with room for a
double pasted from a program, whose float64 sums may cancel: $10^{-12}$ of the value, and at least
$10^{-12}$, since every term of the step is below 10 (a sum of such terms that cancels to 0.0036 still
carries their rounding, some $10^{-16}$). No named slip of any exercise is that close to the right value
(a test checks every one). An answer fits a value when every entry does. Then, for
one quantity, in this order:

- *correct*: it fits the exact value (with fewer than two significant digits of it: *coarse*). When a
  slip's value fits too, the verdict stays correct and says how many decimals tell them apart;
- *follows* or *rounding*: it fits what the [worked pass][byhand.practice_pass.worked] gives from the
  student's own earlier answers (for $\\hat y$ after the step, also with the second pass's $z^{(1)}$,
  $a^{(1)}$ and $z^{(2)}$ written with 2, 3 or 4 decimals or significant digits), or (rounding) what writing every earlier number with 2, 3 or 4
  decimals gives. *follows* when an earlier answer it is computed from was wrong (named), else *rounding*;
- *wrong*, naming every slip whose value is within one unit of its last digit (a slip's own route
  rounds too), or of which it is the exact value cut instead of rounded: one is a diagnosis, several
  are said as such ("this could be ... or ..."); *coarse* when none is and it has too few digits;
- *invalid*: it cannot be read as the quantity's numbers ([`parse`][byhand.practice_input.parse] raises).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from byhand.practice_input import BadInput, not_transposed, parse
from byhand.practice_pass import EXACT, PARENTS, ROUNDINGS, second_pass, worked

SLACK = Decimal("1e-12")
"""Room for a pasted double, relative to the value and at least absolute: float64 arithmetic on terms below 10."""
MAX_TELL = 20
"""The most decimals the page asks for to tell the right value from a slip's."""


def places(number: str) -> int:
    """Decimals of a typed number: 0.250 -> 3, 1988e-4 -> 4, 12 -> 0."""
    return max(0, -Decimal(number).as_tuple().exponent)


def fits(a: str, v: Decimal, units: int = 1) -> bool:
    """Whether ``v`` is within ``units`` halves of a unit of the last digit of ``a`` (plus the slack)."""
    with localcontext(EXACT):
        return abs(Decimal(a) - v) <= Decimal(5 * units).scaleb(-places(a) - 1) + SLACK * max(abs(v), Decimal(1))


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


def judge(a: list[str], q: dict, follow: list[Decimal], blame: list[str], also: list | None = None) -> dict:
    """The verdict on the entries ``a`` of one answer, against the published quantity ``q`` (exact,
    carried, slips), what the student's own earlier answers give (``follow``; ``also``: the same with
    the intermediates written down rounded) and the earlier answers found wrong that those come from (``blame``)."""
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
    for f in [follow] + (also or []):
        if f != exact and all(fits(x, v) or fits(x, e) for x, v, e in zip(a, f, exact)):
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


LOCAL = ("sign", "decimal", "decimal-down", "truncated", "transposed")
"""Slips made at the quantity itself; every other slip is one made earlier and carried into it."""


def judge_sheet(exercise: dict, texts: dict[str, str]) -> dict[str, dict]:
    """The verdict on every typed answer of one exercise (its published data), in the order of the
    page: each against what the student's own earlier answers give. Invalid answers are not used. A
    carried slip is not named when the student's own answer to a quantity it comes through rules it out
    (that answer was judged, and not as that slip)."""
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
        if flipped:  # a matrix typed with its columns as rows: read back, then the transpose slip or refused
            entries = [entries[c * shape[0] + r] for r in range(shape[0]) for c in range(shape[1])]
        out[name] = {"entries": entries, "flipped": flipped}
        answers[name] = _nest([Decimal(e) for e in entries], shape)
    follow = worked(given, answers)
    for name in [n for n in PARENTS if out.get(n, {}).get("flipped")]:  # the transpose of an accepted value, or not read
        back = judge(out[name]["entries"], exercise["quantities"][name], flat(follow[name]), [])["verdict"]
        if back in ("correct", "rounding", "follows"):
            out[name] = {"verdict": "wrong", "slips": ["transposed"]}
        else:
            out[name] = {"verdict": "invalid", "message": not_transposed(_shape(exercise["quantities"][name]["exact"]))}
            del answers[name]
            follow = worked(given, answers)
    chosen = {k: answers.get(k, follow[k]) for k in ("W1_new", "W2_new")}  # the second pass, rounded as a hand does
    also = {"y_hat_new": [[second_pass(given["x"], chosen["W1_new"], chosen["W2_new"], r)] for r in ROUNDINGS]}
    blame: dict[str, list[str]] = {}
    ruled: dict[str, set] = {}
    for name in PARENTS:
        before = sorted({b for p in PARENTS[name] for b in blame.get(p, [])}, key=list(PARENTS).index)
        blame[name] = before
        ruled[name] = {s for p in PARENTS[name] for s in ruled[p] | (
            set(exercise["quantities"][p]["slips"]) - set(LOCAL) - set(out[p].get("slips", []))
            if out.get(p, {}).get("verdict", "invalid") != "invalid" else set())}
        if "entries" not in out.get(name, {}):
            blame[name] = [name] if out.get(name, {}).get("verdict") == "wrong" else before  # transposed
            continue
        out[name] = judge(out[name]["entries"], exercise["quantities"][name], flat(follow[name]), before, also.get(name))
        if out[name]["verdict"] == "wrong":
            out[name]["slips"] = [s for s in out[name]["slips"] if s not in ruled[name]]
        verdict = out[name]["verdict"]
        blame[name] = [name] if verdict == "wrong" else before if verdict == "follows" else []
    return out
