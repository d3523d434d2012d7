"""The errata as text: a summary, the slips, the confirmed claims, as Markdown or a plain table."""

from __future__ import annotations

import json
from decimal import Decimal
import re
from collections import Counter

from byhand import redo
from byhand.errata.check import VERDICTS, Verdict
from byhand.errata.claims import KINDS
from byhand.errata.typesetting import parses

BADGE = {"correct": "correct", "rounding": "rounding carried forward", "wrong": "wrong"}


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


def summary(verdicts: list[Verdict]) -> str:
    """Markdown table by kind: claims confirmed, and distinct slips by verdict with, in brackets where
    they differ, their occurrences."""
    confirmed = Counter(v.claim.kind for v in verdicts if v.verdict == "correct")
    slips = Counter((g[0].claim.kind, g[0].verdict) for g in groups(verdicts))
    occurrences = Counter((v.claim.kind, v.verdict) for g in groups(verdicts) for v in g)
    head = ("| kind | confirmed | " + " | ".join(BADGE[k] for k in VERDICTS[1:]) + " | claims |\n|---|"
            + "---:|" * (len(VERDICTS) + 1))
    rows = [f"| {kind} | {confirmed[kind]} | " + " | ".join(_cell(slips[kind, k], occurrences[kind, k])
                                                          for k in VERDICTS[1:])
            + f" | {sum(v.claim.kind == kind for v in verdicts)} |" for kind in KINDS]
    totals = [_cell(sum(slips[kd, k] for kd in KINDS), sum(occurrences[kd, k] for kd in KINDS)) for k in VERDICTS[1:]]
    total = f"| **all** | **{sum(confirmed.values())}** | " + " | ".join(f"**{t}**" for t in totals)
    return "\n".join([head, *rows, total + f" | **{len(verdicts)}** |"])


def _quote(v: Verdict) -> str:
    quote = v.claim.quote
    if v.claim.kind != "text" and "$" not in quote and parses(quote):
        return f"$$\n{quote}\n$$"
    return "```latex\n" + quote + "\n```" if v.claim.kind != "text" else "> " + quote.replace("\n", "\n> ")


def _value(value: str | list, kind: str) -> str:
    if kind == "number":
        return f"`{_flat(value)}`"
    return f"${value}$" if kind == "formula" and parses(value) else f"`{value}`"


MARKED = re.compile(r"(\$[^$]+\$|`[^`]+`)")
"""A span of an explanation marked as math (`$...$`) or as code (backticks)."""


def explanation_markdown(text: str) -> str:
    """Markdown for an explanation: marked spans stay as they are, elsewhere `_` and `*` are literal."""
    pieces = MARKED.split(text)  # the marked spans land at the odd positions
    return "".join(p if i % 2 else p.replace("_", "\\_").replace("*", "\\*") for i, p in enumerate(pieces))


def slip(v: Verdict) -> str:
    """One slip as Markdown: where, the quote, what the post says, the correct form, why."""
    c = v.claim
    parts = [f"### Line {c.line}: {c.id.replace('-', ' ')} {{#{c.id}}}",
             f"*{c.section}* · {c.kind} · **{BADGE[v.verdict]}**", "", _quote(v), "",
             f"- the post: {_value(c.claimed, c.kind)}", f"- correct: {_value(v.correct, c.kind)}"]
    if v.entries:
        parts.append("- entry by entry: " + ", ".join(BADGE[e] for e in v.entries))
    if c.explanation:
        parts.append("- why: " + explanation_markdown(c.explanation))
    if c.carries_into:
        parts.append("- carries into: " + ", ".join(f"[line {t}](#{t})" for t in c.carries_into))
    if c.by_hand:  # display math: a matrix of products is too wide to sit inline on a phone
        parts += ["", "Redone by hand from the post's own printed numbers:", "", f"$$\n{c.by_hand} = {_exact(c.by_hand)}\n$$"]
    return "\n".join(parts) + "\n"


def _exact(tex: str) -> str:
    """The value of the post's operands as TeX: exact where it has at most 8 decimals, else to 8 digits."""
    def show(d) -> str:
        d = d if d == d.quantize(Decimal("1e-8")) else Decimal(f"{d:.8g}")
        return f"{d.normalize():f}"

    value = redo.evaluate(tex)
    if not isinstance(value, list):
        return show(value)
    return r"\begin{pmatrix}" + r" \\ ".join(" & ".join(show(v) for v in row) for row in value) + r"\end{pmatrix}"


def repeated(group: list[Verdict]) -> str:
    """One slip that occurs at several places: its name, and each occurrence with its quote and why."""
    first = group[0].claim
    parts = [f"### Lines {', '.join(str(v.claim.line) for v in group)}: {first.slip} {{#{first.id}}}",
             f"one slip, {len(group)} occurrences · {first.kind} · **{BADGE[group[0].verdict]}**", ""]
    for v in group:
        anchor = "" if v.claim.id == first.id else f'<span id="{v.claim.id}"></span>'
        parts += [f"{anchor}**Line {v.claim.line}**, *{v.claim.section}*: "
                  + explanation_markdown(v.claim.explanation), "", _quote(v), ""]
    return "\n".join(parts) + "\n"


def slips(verdicts: list[Verdict]) -> str:
    """Every slip as Markdown, in the order of the post; a repeated slip once, with its occurrences."""
    return "\n".join(slip(g[0]) if len(g) == 1 else repeated(g) for g in groups(verdicts))


def confirmed(verdicts: list[Verdict]) -> str:
    """Markdown table of the claims that hold."""
    rows = ["| line | section | kind | the post says |", "|---:|---|---|---|"]
    rows += [f"| {v.claim.line} | {v.claim.section} | {v.claim.kind} | {_value(v.claim.claimed, v.claim.kind)} |"
             for v in verdicts if v.verdict == "correct"]
    return "\n".join(rows)
