"""The code blocks of the pages: each one timed, shown instead of run when execution is off, and each
failure located: ``docs/page.md:LINE: block 'id' failed: ExceptionType: message``, the line being the
fence's in the Markdown source (``mkdocs_byhand.fences``).

markdown-exec alone logs an anonymous warning and renders the traceback into the page. Its fences are
SuperFences custom fences whose ``format`` is ``markdown_exec.formatter`` (the documented way to enable
it); [`CodeBlocks.wrap_fences`][mkdocs_byhand.blocks.CodeBlocks.wrap_fences] wraps that ``format`` in
the site's Markdown configuration, so no module state of markdown-exec is replaced.
"""

from __future__ import annotations

import html
import logging
import time

import markdown_exec

from mkdocs_byhand.budget import Timings
from mkdocs_byhand.disclosure import fold
from mkdocs_byhand.fences import PageFences

TRACEBACK = "Traceback (most recent call last)"
# Where markdown-exec logs a failing block: under "mkdocs.plugins" when its MkDocs plugin is loaded,
# else under its own name.
_LOGGERS = ("mkdocs.plugins.markdown_exec", "markdown_exec")


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
        The summary of the ``<details>`` a ``source="below"`` block's code is folded into
        (``mkdocs_byhand.disclosure``); None: markdown-exec's output is left as it is.
    """

    def __init__(self, timings: Timings, execute: bool, docs: str = "docs", disclosure: str | None = None) -> None:
        self.timings, self.execute, self.docs, self.disclosure = timings, execute, docs, disclosure
        self.failures: list[str] = []  # blocks of the page being converted that failed, as messages
        self._page, self._fences = "", PageFences()

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
        self._page, self._fences, self.failures = page, PageFences(markdown), []

    def _run(self, source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
        """A SuperFences ``format``: markdown-exec's, timed, with a failure recorded with its line and name.

        markdown-exec reports a failure by a log record only (no exception, no return value; its docs
        name no other signal), so a handler listens to its loggers while this block runs, and only then.
        """
        warnings, loggers = _Warnings(), [logging.getLogger(name) for name in _LOGGERS]
        for logger in loggers:
            logger.addHandler(warnings)
        started, rendered, line = time.perf_counter(), "", self._fences.line(source)
        try:
            if not self.execute:
                return f'<pre><code class="language-{language}">{html.escape(source)}</code></pre>'
            rendered = markdown_exec.formatter(source, language, css_class, options, md, **kwargs)
            if not self.disclosure:
                return rendered
            shown = fold(rendered, md.is_block_level, self.disclosure)
            # markdown-exec files the headings a block prints under the HTML it returned, to put them
            # in the page's table of contents: file them under the HTML returned instead.
            if "markdown_exec_insert_headings" in md.treeprocessors and shown != rendered:
                headings = md.treeprocessors["markdown_exec_insert_headings"].headings
                if rendered in headings:
                    headings[shown] = headings.pop(rendered)
            return shown
        finally:
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

    def check(self) -> list[str]:
        """After the page's conversion: the messages of its blocks that failed."""
        failures, self.failures = self.failures, []
        return failures
