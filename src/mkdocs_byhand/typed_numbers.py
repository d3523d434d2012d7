"""A number typed by hand into a page's prose, where a code block could print it: the ``typed_numbers`` option.

A tutorial whose numbers are printed by code should type none: a typed number is not checked, and goes
stale when the code changes. With the option on, each decimal number in a page's Markdown outside code
(fences, inline code: code output is printed, not typed) and outside link targets fails the build, named
with file and line. Math typed into the page counts: math printed by a block is code output. A number
that is right to type (a version, a constant of the field) is allowed in ``mkdocs.yml``
(``typed_numbers_allowed``: the number as typed, for every page, or ``page.md: number`` for one page) or
in the page's front matter (``typed_numbers_allowed: [number, ...]``).
"""

from __future__ import annotations

import re

DECIMAL = re.compile(r"(?<![\w.])[-+\u2212]?\d+\.\d+(?!\w|\.\d)")  # a full stop may end the sentence
_OPENING = re.compile(r"\s*(`{3,}|~{3,})")
_NOT_PROSE = re.compile(r"(`+).+?\1|\]\([^)]*\)|<!--.*?-->")  # inline code, a link's target, a comment


def typed(markdown: str, first: int = 0) -> list[tuple[int, str]]:
    """Each decimal number of ``markdown`` outside code, with its line (``first`` lines precede the text)."""
    hits, fence = [], None
    for number, line in enumerate(markdown.splitlines(), first + 1):
        opening = _OPENING.match(line)
        if opening:
            fence = opening[1] if fence is None else (None if line.strip().startswith(fence) else fence)
            continue
        if fence is None:
            hits += [(number, found) for found in DECIMAL.findall(_NOT_PROSE.sub(" ", line))]
    return hits


def check(markdown: str, where: str, first: int, allowed: list[str], meta_allowed=()) -> list[str]:
    """The failures of page ``where`` (``docs/page.md``): each number typed that neither list allows."""
    page = where.split("/", 1)[-1]
    ok = {a.split(":", 1)[1].strip() for a in allowed if ":" in a and a.split(":", 1)[0].strip() == page}
    ok |= {a.strip() for a in allowed if ":" not in a} | {str(a) for a in meta_allowed or ()}
    return [f"{where}:{line}: the prose types the number {number}: print it from a code block, or allow it "
            f"(the byhand plugin's typed_numbers_allowed)" for line, number in typed(markdown, first) if number not in ok]
