"""The code blocks of the pages: each one timed, shown instead of run when execution is off, and each
failure located: ``docs/page.md:LINE: block 'id' failed: ExceptionType: message``, the line being the
fence's in the Markdown source.

markdown-exec alone logs an anonymous warning and renders the traceback into the page. Its fences are
SuperFences custom fences whose ``format`` is ``markdown_exec.formatter`` (the documented way to enable
it); [`CodeBlocks.wrap_fences`][mkdocs_byhand.blocks.CodeBlocks.wrap_fences] wraps that ``format`` in
the site's Markdown configuration, so no module state of markdown-exec is replaced.
"""

from __future__ import annotations

import html
import logging
import re
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass

import markdown_exec

from mkdocs_byhand.budget import Timings

# markdown-exec's `source="below"`: the result, then the source as a highlighted code block, last.
_SOURCE_BELOW = re.compile(r'(<div class="(?:language-python )?highlight"><pre>(?:(?!<div class="(?:language-python )?highlight">).)*</div>)\s*$', re.S)
_ONE_PARAGRAPH = re.compile(r"\s*<p>(?:(?!</?(?:p|div|table|pre|ul|ol|h\d)\b).)*</p>\s*", re.S)
_FIRST_TAG = re.compile(r"</?([^ >]+)")  # the tag HTML opens with, read as Python-Markdown reads it
DISCLOSURE = '<details class="byhand-code"><summary>{summary}</summary>\n{code}\n</details>'
TRACEBACK = "Traceback (most recent call last)"
# A fence that markdown-exec runs: ```python exec="on" ... (its truthy values, quoted or not)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})[^\n]*\bexec=[\"']?(?:1|true|on|yes)\b", re.I)

# Where markdown-exec logs a failing block: under "mkdocs.plugins" when its MkDocs plugin is loaded,
# else under its own name.
_LOGGERS = ("mkdocs.plugins.markdown_exec", "markdown_exec")


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
        mark, body = opening["mark"], []
        end = n + 1
        while end < len(lines) and not lines[end].strip().startswith(mark[0] * len(mark)):
            body.append(lines[end])
            end += 1
        fences.append(Fence(n + 1, textwrap.dedent("\n".join(body)).strip("\n")))
        n = end + 1
    return fences


class _Warnings(logging.Handler):
    """Keeps the warnings markdown-exec logs while one block runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def last_line(log_message: str) -> str:
    """What a failing block's output ends with (a Python traceback: ``ExceptionType: message``)."""
    output = log_message.split("Output is:", 1)[-1]
    lines = [line.strip() for line in output.splitlines() if line.strip() and not line.strip().startswith("```")]
    return lines[-1] if lines else "(no output)"


class CodeBlocks:
    """Runs (or shows) each markdown-exec block, timing it and remembering the blocks that failed.

    Parameters
    ----------
    timings : Timings
        Where each block's time is added, to the page being converted.
    execute : bool
        Run the blocks; if false, show each block's source instead (same pages, no code run).
    docs : str
        The docs directory as messages name it (``docs``).
    disclosure : str or None
        The summary of the ``<details>`` a ``source="below"`` block's code is folded into; None: markdown-exec's
        output is left as it is.
    drop_sentence_code : bool
        With a disclosure: a block whose result is one paragraph shows no code.
    """

    def __init__(self, timings: Timings, execute: bool, docs: str = "docs", disclosure: str | None = None,
                 drop_sentence_code: bool = False) -> None:
        self.timings, self.execute, self.docs = timings, execute, docs
        self.disclosure, self.drop_sentence_code = disclosure, drop_sentence_code
        self.ran = 0  # blocks run (or shown) in this build
        self.failures: list[str] = []  # blocks of the page being converted that failed, as messages
        self._page, self._fences, self._index = "", [], 0

    def wrap_fences(self, mdx_configs: dict) -> int:
        """Wrap the ``format`` of every markdown-exec fence in ``mdx_configs``; how many were wrapped."""
        fences = mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
        wrapped = 0
        for fence in fences:
            if fence.get("format") is markdown_exec.formatter:
                fence["format"] = self._run
                wrapped += 1
        return wrapped

    def start(self, page: str, markdown: str) -> None:
        """``page``'s conversion starts (its final ``markdown``): no block of it has failed yet."""
        self._page, self._fences, self._index, self.failures = page, executed_fences(markdown), 0, []

    def _line(self, source: str) -> str:
        """The line of the fence that holds ``source``: the first unclaimed fence with that body, else the
        next in order (a body that a Markdown extension changed)."""
        index = next((i for i, f in enumerate(self._fences) if f.body == source.strip("\n")), None)
        index = self._index if index is None else index
        if index >= len(self._fences):
            return "?"
        fence = self._fences.pop(index)
        self._fences.insert(index, Fence(fence.line, "\0"))  # claimed: a second block with this body is the next one
        self._index = max(self._index, index + 1)
        return str(fence.line)

    def _run(self, source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
        """A SuperFences ``format``: markdown-exec's, timed, with a failure recorded with its line and name.

        markdown-exec reports a failure by a log record only (no exception, no return value; its docs
        name no other signal), so a handler listens to its loggers while this block runs, and only then.
        """
        warnings, loggers = _Warnings(), [logging.getLogger(name) for name in _LOGGERS]
        for logger in loggers:
            logger.addHandler(warnings)
        started, rendered = time.perf_counter(), ""
        line = self._line(source)
        try:
            if not self.execute:
                return f'<pre><code class="language-{language}">{html.escape(source)}</code></pre>'
            rendered = markdown_exec.formatter(source, language, css_class, options, md, **kwargs)
            shown = self.disclose(rendered, md.is_block_level) if self.disclosure else rendered
            # markdown-exec files the headings a block prints under the HTML it returned, to put them
            # in the page's table of contents: file them under the HTML returned instead.
            if "markdown_exec_insert_headings" in md.treeprocessors and shown != rendered:
                headings = md.treeprocessors["markdown_exec_insert_headings"].headings
                if rendered in headings:
                    headings[shown] = headings.pop(rendered)
            return shown
        finally:
            self.ran += 1
            self.timings.add_block(time.perf_counter() - started)
            for logger in loggers:
                logger.removeHandler(warnings)
            name = options.get("id") or options.get("extra", {}).get("title", "")
            where = f"{self.docs}/{self._page}:{line}: block {f'{name!r}' if name else '(no id or title)'}"
            if warnings.messages:
                self.failures.append(f"{where} failed: {last_line(warnings.messages[0])}")
            elif str(rendered).count(TRACEBACK) > (source.count(TRACEBACK) if options.get("source") else 0):
                # printed by the code (the source, when shown, may hold the words)
                self.failures.append(f"{where} printed a Python traceback")

    def disclose(self, rendered: str, is_block_level: Callable[[str], bool]) -> str:
        """A block shown with ``source="below"``: its code folded into a disclosure under the result, so
        that the result reads as part of the text; with ``drop_sentence_code``, a block whose result is
        one paragraph (a sentence that states a number) gets no code at all, like the prose around it.

        Python-Markdown puts a block's HTML inside ``<p>`` unless its first tag is block-level
        (``is_block_level``, the page's own ``Markdown.is_block_level``); a result that opens with an
        inline element, such as a bare ``<svg>``, gets its own paragraph here, closed before the
        disclosure, which a paragraph may not hold (else the page ends it with a stray ``</p>``).
        """
        rendered = str(rendered)  # markdown-exec's Markup would escape what is added to it
        found = _SOURCE_BELOW.search(rendered)
        if found is None:
            return rendered
        result = rendered[:found.start()]
        if self.drop_sentence_code and _ONE_PARAGRAPH.fullmatch(result):
            return result
        result = result.strip()
        first = _FIRST_TAG.match(result)
        if first is None or not (first[1][0] in "!?@%" or is_block_level(first[1])):
            result = f"<p>{result}</p>"
        return result + "\n" + DISCLOSURE.format(summary=html.escape(self.disclosure), code=found[1])

    def check(self) -> list[str]:
        """After the page's conversion: the messages of its blocks that failed."""
        failures, self.failures = self.failures, []
        return failures
