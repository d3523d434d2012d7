"""The errata as counts and reports: the summary table of the page, and the plain table and JSON of
`python -m byhand errata`. The page's slips and confirmed claims are written by [`byhand.errata.page`][byhand.errata.page]."""

from __future__ import annotations

import json
from collections import Counter

from byhand.errata.check import VERDICTS, Verdict
from byhand.errata.claims import KINDS

BADGE = {"correct": "correct", "rounding": "rounding carried forward", "wrong": "wrong"}
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
    """The slips: claims that are not correct, one group per distinct slip (the claims that share a
    ``slip`` are its occurrences), in the order of their first occurrence."""
    found: dict[str, list[Verdict]] = {}
    for v in sorted(verdicts, key=lambda v: v.claim.line):
        if v.verdict != "correct":
            found.setdefault(v.claim.slip or v.claim.id, []).append(v)
    return list(found.values())


def _cell(slips: int, occurrences: int) -> str:
    return str(slips) if slips == occurrences else f"{slips} ({occurrences})"


def markdown_table(rows: list[str], kind: str = "") -> str:
    """A Markdown table in the wrapper that ``docs/assets/errata.css`` compacts (``kind``: a class more)."""
    return "\n".join([f'<div class="errata-table{" " + kind if kind else ""}" markdown>', "", *rows, "", "</div>"])


def summary(verdicts: list[Verdict]) -> str:
    """Markdown table by kind: claims confirmed, and distinct slips by verdict with, in brackets where
    they differ, their occurrences."""
    confirmed = Counter(v.claim.kind for v in verdicts if v.verdict == "correct")
    slips = Counter((g[0].claim.kind, g[0].verdict) for g in groups(verdicts))
    occurrences = Counter((v.claim.kind, v.verdict) for g in groups(verdicts) for v in g)
    head = ("| kind | confirmed | " + " | ".join(SHORT[k] for k in VERDICTS[1:]) + " | claims |\n|---|"
            + "---:|" * (len(VERDICTS) + 1))
    rows = [f"| {kind} | {confirmed[kind]} | " + " | ".join(_cell(slips[kind, k], occurrences[kind, k])
                                                          for k in VERDICTS[1:])
            + f" | {sum(v.claim.kind == kind for v in verdicts)} |" for kind in KINDS]
    totals = [_cell(sum(slips[kd, k] for kd in KINDS), sum(occurrences[kd, k] for kd in KINDS)) for k in VERDICTS[1:]]
    total = f"| **all** | **{sum(confirmed.values())}** | " + " | ".join(f"**{t}**" for t in totals)
    return markdown_table([head, *rows, total + f" | **{len(verdicts)}** |"])
