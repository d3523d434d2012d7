"""The errata as counts and reports: the summary table of the page, and the plain table and JSON of
`python -m byhand errata`. The page's slips and confirmed claims are written by [`byhand.errata.page`][byhand.errata.page]."""

from __future__ import annotations

import json
from collections import Counter

from byhand.errata.check import VERDICTS, Verdict
from byhand.errata.claims import KINDS, SEVERITIES, Claim

BADGE = {"correct": "correct", "rounding": "rounding carried forward", "wrong": "wrong", "follows": "follows from a slip"}
SHORT = {**BADGE, "rounding": "rounding"}  # table headers, narrow enough for a phone


def as_records(verdicts: list[Verdict]) -> list[dict]:
    """One JSON-ready record per claim."""
    return [{"id": v.claim.id, "section": v.claim.section, "line": v.claim.line, "kind": v.claim.kind,
             "quote": v.claim.quote, "claimed": v.claim.claimed, "correct": v.correct,
             "verdict": v.verdict, "explanation": v.claim.explanation} for v in verdicts]


def as_json(verdicts: list[Verdict]) -> str:
    return json.dumps(as_records(verdicts), indent=2, ensure_ascii=False)


def _flat(value: str | list) -> str:
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value) if any(isinstance(v, list) for v in value) else ", ".join(value)
    return value


def as_table(verdicts: list[Verdict]) -> str:
    """A plain-text table for the terminal."""
    rows = [("line", "kind", "verdict", "id", "claimed -> correct")]
    rows += [(str(v.claim.line), v.claim.kind, v.verdict, v.claim.id,
              f"{_flat(v.claim.claimed)} -> {_flat(v.correct)}"[:90]) for v in verdicts]
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    lines = ["  ".join(c.ljust(wd) for c, wd in zip(r[:4], widths)) + "  " + r[4] for r in rows]
    counts = Counter(v.verdict for v in verdicts)
    return "\n".join(lines + ["", ", ".join(f"{counts[k]} {k}" for k in VERDICTS) + f" of {len(verdicts)} claims"])


def groups(verdicts: list[Verdict]) -> list[list[Verdict]]:
    """The slips of the post's own: claims that are neither correct nor follow from an earlier slip, one
    group per distinct slip (the claims that share a ``slip`` are its occurrences), most serious first
    (``SEVERITIES``), then in the order of the post."""
    found: dict[str, list[Verdict]] = {}
    for v in sorted(verdicts, key=lambda v: (list(SEVERITIES).index(severity(v)), v.claim.line)
                    if v.verdict in ("rounding", "wrong") else (0, 0)):
        if v.verdict in ("rounding", "wrong"):
            found.setdefault(v.claim.slip or v.claim.id, []).append(v)
    return list(found.values())


def severity(v: Verdict) -> str:
    """What a slip does, a key of ``SEVERITIES``: its claim's class, carried rounding where the engine found
    it, and notation for a formula, typesetting or text slip that names none."""
    c: Claim = v.claim
    if c.severity:
        return c.severity
    if v.verdict == "rounding":
        return "rounding"
    if c.kind != "number":
        return "notation"
    raise ValueError(f"claim {c.id!r}: a wrong number must name its severity, one of {list(SEVERITIES)}")


def consequences(slip: Verdict, verdicts: list[Verdict]) -> list[Verdict]:
    """The claims that follow from ``slip``: reached through ``carries_into`` (also past a later slip that
    inherits it), those judged ``follows``."""
    by_id, seen, todo = {v.claim.id: v for v in verdicts}, set(), list(slip.claim.carries_into)
    while todo:
        v = by_id[todo.pop(0)]
        if v.claim.id not in seen:
            seen.add(v.claim.id)
            todo += v.claim.carries_into
    found = [by_id[k] for k in seen if by_id[k].verdict == "follows"]
    return sorted(found, key=lambda v: v.claim.line)


def _cell(slips: int, occurrences: int) -> str:
    return str(slips) if slips == occurrences else f"{slips} ({occurrences})"


def markdown_table(rows: list[str], kind: str = "") -> str:
    """A Markdown table in the wrapper that ``docs/assets/errata.css`` compacts (``kind``: a class more)."""
    return "\n".join([f'<div class="errata-table{" " + kind if kind else ""}" markdown>', "", *rows, "", "</div>"])


def summary(verdicts: list[Verdict]) -> str:
    """Markdown table by what a slip does, most serious first: the post's own slips, the places they are
    made, and the later lines that follow from them (correct given the slip)."""
    rows = ["| what the slip does | slips | places | lines that follow |", "|---|---:|---:|---:|"]
    for key, label in SEVERITIES.items():
        slips = [g for g in groups(verdicts) if severity(g[0]) == key]
        follow = {c.claim.id for g in slips for v in g for c in consequences(v, verdicts)}
        rows.append(f"| {label} | {len(slips)} | {sum(map(len, slips))} | {len(follow)} |")
    return markdown_table(rows)
