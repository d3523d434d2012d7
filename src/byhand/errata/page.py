"""The errata page's sections as Markdown: each slip under a heading in words, the post's form beside
the correct one, a repeated slip once with its places, and the confirmed claims as one table.

The counts and the plain-text and JSON reports are in [`byhand.errata.report`][byhand.errata.report].
"""

from __future__ import annotations

import re
from decimal import Decimal

from byhand import redo
from byhand.errata.check import Verdict
from byhand.errata.claims import PLACEHOLDER
from byhand.errata.claims import SEVERITIES
from byhand.errata.report import BADGE, consequences, groups, markdown_table, severity
from byhand.errata.typesetting import parses
from byhand.walkthrough import SYMBOLS

MARKED = re.compile(r"(\$[^$]+\$|`[^`]+`)")
"""A span of an explanation marked as math (`$...$`) or as code (backticks)."""


def explanation_markdown(text: str) -> str:
    """Markdown for an explanation: marked spans stay as they are, elsewhere `_` and `*` are literal."""
    pieces = MARKED.split(text)  # the marked spans land at the odd positions
    return "".join(p if i % 2 else p.replace("_", "\\_").replace("*", "\\*") for i, p in enumerate(pieces))


def _number(value: str | list) -> str:
    """Printed numbers as TeX: a scalar, a vector as a tuple (one line of text), a matrix as a pmatrix."""
    if not isinstance(value, list):
        return value
    if not isinstance(value[0], list):
        return "(" + r",\ ".join(value) + ")"
    return r"\begin{pmatrix}" + r" \\ ".join(" & ".join(row) for row in value) + r"\end{pmatrix}"


def _value(value: str | list, v: Verdict) -> str:
    """A claimed or correct value as Markdown: math typeset where it parses, else labelled TeX source."""
    if v.claim.kind == "number":
        return f"${_number(value)}$"
    if v.claim.kind == "text":
        return explanation_markdown(value)
    tex = " ".join(value.split())  # one line: a formula the post broke over lines stays one span
    return f"${tex}$" if parses(tex) else f"(TeX source) `{tex}`"


def heading(v: Verdict, by_id: dict[str, Verdict]) -> str:
    """The slip in words, its math as `$...$`: the claim's ``heading`` with its placeholders filled in
    (`<claimed>`, `<correct>`, or `<id>`, the number that claim printed, which must be confirmed)."""
    def number(match: re.Match) -> str:
        name = match[1]
        if name in ("claimed", "correct"):
            value = v.claim.claimed if name == "claimed" else v.correct
        elif by_id[name].verdict == "correct":
            value = by_id[name].claim.claimed
        else:
            raise ValueError(f"claim {v.claim.id!r}: its heading quotes {name!r}, which is not confirmed")
        if not isinstance(value, str):
            raise ValueError(f"claim {v.claim.id!r}: its heading can only quote a single number, not {value!r}")
        return value
    return explanation_markdown(PLACEHOLDER.sub(number, v.claim.heading or v.claim.id.replace("-", " ")))


LINE = re.compile(r"\b(?:(at|in|on|from) )?([Ll])ine (\d+)")


def _why(text: str, by_id: dict[str, Verdict]) -> str:
    """An explanation as Markdown, its references to the post's source lines (which its published page does
    not show) given as the post's section: the section of the last claim at or before that line."""
    starts = sorted((v.claim.line, v.claim.section) for v in by_id.values())

    def section(match: re.Match) -> str:
        before = [name for line, name in starts if line <= int(match[3])]
        if not before:
            return match[0]
        return f"{match[1] if match[1] in ('from', 'in') else 'in'} *{before[-1]}*" if match[1] or match[2] == "l" \
            else f"*{before[-1]}*"
    return LINE.sub(section, explanation_markdown(text))


def _title(v: Verdict, by_id: dict[str, Verdict]) -> str:
    return f"### {heading(v, by_id)} {{#{v.claim.id}}}"


def where(c) -> str:
    """Where a claim is in the post, as a reader of its published page finds it: the section heading and
    a short quote (the post's page has no line numbers; the data keeps the source line)."""
    quote = " ".join(c.quote.split())
    if "\\" in quote or "{" in quote:  # a formula: typeset where it parses and is short, else the value says where
        return f"in *{c.section}*, at ${quote}$" if len(quote) <= 60 and parses(quote) else f"in *{c.section}*"
    quote = quote if len(quote) <= 60 else quote[:57].rstrip() + "…"
    return f"in *{c.section}*, at “{explanation_markdown(quote)}”"


def _post(v: Verdict) -> str:
    """What the post says: a text slip as its sentence with the slip in bold."""
    c = v.claim
    if c.kind != "text" or c.claimed == c.quote or c.claimed not in c.quote:
        return _value(c.claimed, v)
    before, after = (explanation_markdown(p) for p in c.quote.lstrip("# ").split(c.claimed, 1))
    return f"“{before}**{_value(c.claimed, v)}**{after}”"


def _fix(post: str, correct: str, wide: bool = False) -> list[str]:
    """What the post says beside the correct form (``docs/assets/errata.css`` sets them side by side on a
    wide screen, unless ``wide``), each a paragraph of Markdown."""
    return [f'<div class="errata-fix{" errata-wide" if wide else ""}" markdown>',
            f'<p class="errata-post" markdown="span"><span class="errata-label">the post:</span> {post}</p>',
            f'<p class="errata-correct" markdown="span"><span class="errata-label">correct:</span> {correct}</p>',
            "</div>", ""]


def slip(v: Verdict, by_id: dict[str, Verdict], verdicts: list[Verdict] = (), listed: set | None = None) -> str:
    """One slip as Markdown: a heading in words; what the post says beside the correct form; what the slip
    does, where it is, why; the post's own line redone where it has one; the lines that follow from it."""
    c = v.claim
    why = f"**{SEVERITIES[severity(v)].capitalize()}**, {where(c)}. " + _why(c.explanation, by_id)
    parts = [_title(v, by_id), "", *_fix(_post(v), _value(v.correct, v)), why.strip(), ""]
    if c.by_hand and not redo.is_literal(c.by_hand):  # a restated number has no line to redo
        parts += ["Redone by hand from the post's own printed numbers:" + _redone(c.by_hand), "{: .errata-redo }", ""]
    return "\n".join(parts + _following(v, verdicts, set() if listed is None else listed, by_id))


def _following(v: Verdict, verdicts, listed: set, by_id: dict[str, Verdict]) -> list[str]:
    """The lines that follow from a slip, each correct given it, with the value it should have had; a line
    already listed under an earlier slip (``listed``, updated) is counted, not repeated."""
    every = consequences(v, list(verdicts))
    later = [f for f in every if f.claim.id not in listed]
    listed.update(f.claim.id for f in every)
    again = len(every) - len(later)
    also = [f"It also spoils {again} line{'s' * (again != 1)} listed above, under an earlier slip.", ""] if again else []
    if not later:
        return also
    items = [f'- <span id="{f.claim.id}"></span>{where(f.claim)}: {_value(f.claim.claimed, f)}, where the '
             f"correct value is {_value(f.correct, f)}" if f.claim.kind == "number" else
             f'- <span id="{f.claim.id}"></span>{where(f.claim)}: {_why(f.claim.explanation, by_id)}'
             for f in later]
    return also + [f"Lines that follow from it, each correct given the slip ({len(later)}):", "", *items, ""]


def _redone(tex: str) -> str:
    """The post's line redone: inline for a number; for a matrix of products (too wide for a phone as
    one display), entry by entry."""
    single = tex.startswith(r"\begin{pmatrix}") and tex.endswith(r"\end{pmatrix}") and tex.count(r"\begin{pmatrix}") == 1
    if r"\\" not in tex:
        return f" ${tex} = {_exact(tex)}$."
    if not single:
        return f"\n\n$$\n\\begin{{aligned}}\n&{tex} \\\\\n&= {_exact(tex)}\n\\end{{aligned}}\n$$\n"
    rows = tex.removeprefix(r"\begin{pmatrix}").removesuffix(r"\end{pmatrix}").split(r"\\")
    return "".join(f"<br>entry $({j + 1}, {i + 1})$: ${entry.strip()} = {_exact(entry.strip())}$"
                   for j, row in enumerate(rows) for i, entry in enumerate(row.split("&")))


def _exact(tex: str) -> str:
    """The value of the post's operands as TeX: exact where it has at most 8 decimals, else to 8 digits."""
    def show(d) -> str:
        d = d if d == d.quantize(Decimal("1e-8")) else Decimal(f"{d:.8g}")
        return f"{d.normalize():f}"

    value = redo.evaluate(tex)
    if not isinstance(value, list):
        return show(value)
    return r"\begin{pmatrix}" + r" \\ ".join(" & ".join(show(v) for v in row) for row in value) + r"\end{pmatrix}"


def repeated(group: list[Verdict], by_id: dict[str, Verdict]) -> str:
    """One slip made at several places: one heading, what the post writes at each place beside the
    correct form at the first, and the explanations that say more than the heading."""
    first, lines = group[0], [v.claim.line for v in group]
    places = [("" if v is first else f'<span id="{v.claim.id}"></span>')  # an anchor for each later place
              + _value(v.claim.claimed, v) for v in group]
    notes = list(dict.fromkeys(_why(v.claim.explanation, by_id) for v in group))
    return "\n".join([_title(first, by_id), "",
                      *_fix(" · ".join(places), f"{_value(first.correct, first)}, and so on",
                            wide=True),
                      f"**{SEVERITIES[severity(first)].capitalize()}**, at {len(group)} places, in "
                      f"{' and '.join(dict.fromkeys(f'*{v.claim.section}*' for v in group))}. " + " ".join(notes), ""])


def slips(verdicts: list[Verdict]) -> str:
    """Every slip as Markdown, in the order of the post; a repeated slip once, with its places."""
    by_id = {v.claim.id: v for v in verdicts}
    listed: set[str] = set()
    return "\n".join(slip(g[0], by_id, verdicts, listed) if len(g) == 1 else repeated(g, by_id) for g in groups(verdicts))


def _runs(verdicts: list[Verdict]) -> list[list[Verdict]]:
    """The confirmed claims in order, with the consecutive entries of one matrix (one section, no entry
    twice) together: the post writes them as one matrix."""
    runs: list[list[Verdict]] = []
    for v in (v for v in verdicts if v.verdict == "correct"):
        last = runs[-1][-1].claim if runs else None
        same_matrix = last and (last.quantity, last.section) == (v.claim.quantity, v.claim.section)
        if v.claim.index and same_matrix and last.index and v.claim.index not in {w.claim.index for w in runs[-1]}:
            runs[-1].append(v)
        else:
            runs.append([v])
    return runs


def _row(run: list[Verdict], verdicts: list[Verdict]) -> tuple[str, str, str]:
    """Where (the post's section), what and what the post says, for one confirmed claim or the entries of one
    matrix."""
    c, last = run[0].claim, run[-1].claim
    what = f"${SYMBOLS[c.quantity]}$" if c.quantity else c.kind
    if len(run) == 1:
        entry = "entry $(" + ", ".join(str(k + 1) for k in c.index) + ")$ of " if c.index else ""
        return c.section, entry + what, _value(c.claimed, run[0])
    cells = {v.claim.index: " ".join(v.claim.claimed.split()) for v in run}
    rows, cols = (max(i[k] for i in cells) + 1 for k in (0, 1))
    tex = r" \\ ".join(" & ".join(cells.get((i, j), r"\ast") for j in range(cols)) for i in range(rows))
    slips = [f"[a slip]({'#' + w.claim.id})" for w in verdicts
             if w.verdict != "correct" and w.claim.quantity == c.quantity and c.line < w.claim.line < last.line]
    what = f"the matrix in {what}" + (f"; $\\ast$ is {', '.join(slips)}" if slips else "")
    return c.section, what, f"$\\begin{{pmatrix}}{tex}\\end{{pmatrix}}$"


def confirmed(verdicts: list[Verdict]) -> str:
    """Markdown table of the claims that hold, one row for each thing the post says: where, what, and what
    it says (a value the post prints at several lines is one row, and so are the entries of a matrix)."""
    rows: dict[tuple[str, str], list[str]] = {}
    for run in _runs(verdicts):
        where, what, said = _row(run, verdicts)
        rows.setdefault((what, said), []).append(where)
    return markdown_table(["| section of the post | what | the post says |", "|---|---|---|"] + [
        f"| {', '.join(dict.fromkeys(where))} | {what} | {said} |" for (what, said), where in rows.items()], "errata-stack")
