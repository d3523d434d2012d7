"""The fences of a page that markdown-exec runs, with their lines in the Markdown source: a failure is
named ``docs/page.md:LINE``, as pytest-markdown-docs names it."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

# A fence that markdown-exec runs: ```python exec="on" ... (its truthy values, quoted or not)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})[^\n]*\bexec=[\"']?(?:1|true|on|yes)\b", re.I)


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based, in the page's Markdown
    body: str  # dedented, as SuperFences hands it to markdown-exec


def executed_fences(markdown: str) -> list[Fence]:
    """The fences of ``markdown`` that markdown-exec runs, with their lines."""
    lines, fences, n = markdown.split("\n"), [], 0
    while n < len(lines):
        opening = _FENCE.match(lines[n])
        if opening is None:
            n += 1
            continue
        mark, end = opening["mark"], n + 1
        while end < len(lines) and not lines[end].strip().startswith(mark[0] * len(mark)):
            end += 1
        fences.append(Fence(n + 1, textwrap.dedent("\n".join(lines[n + 1:end])).strip("\n")))
        n = end + 1
    return fences


class PageFences:
    """The executed fences of one page, each claimed by the block that runs it."""

    def __init__(self, markdown: str = "") -> None:
        self.fences: list[Fence | None] = list(executed_fences(markdown))
        self.next = 0  # the fence after the last one claimed

    def line(self, source: str) -> str:
        """The line of the fence that holds ``source``: the first unclaimed fence with that body, else the
        next in order (a body that a Markdown extension changed); ``?`` when there is none."""
        body = source.strip("\n")
        index = next((i for i, f in enumerate(self.fences) if f is not None and f.body == body), self.next)
        if index >= len(self.fences) or self.fences[index] is None:
            return "?"
        fence, self.fences[index] = self.fences[index], None  # claimed: a second block with this body is the next one
        self.next = max(self.next, index + 1)
        return str(fence.line)
