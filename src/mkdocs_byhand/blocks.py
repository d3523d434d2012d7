"""The code blocks of the pages: each one timed, shown instead of run when execution is off, and a failure
located: the build stops naming the page and the block.

markdown-exec alone logs an anonymous warning and renders the traceback into the page. Its fences are
SuperFences custom fences whose ``format`` is ``markdown_exec.formatter`` (the documented way to enable
it); [`CodeBlocks.wrap_fences`][byhand_site.blocks.CodeBlocks.wrap_fences] wraps that ``format`` in
the site's Markdown configuration, so no module state of markdown-exec is replaced.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Callable

import markdown_exec
from mkdocs.exceptions import PluginError

from byhand_site.budget import Timings

# markdown-exec's `source="below"`: the result, then the source as a highlighted code block, last.
_SOURCE_BELOW = re.compile(r'(<div class="(?:language-python )?highlight"><pre>(?:(?!<div class="(?:language-python )?highlight">).)*</div>)\s*$', re.S)
_ONE_PARAGRAPH = re.compile(r"\s*<p>(?:(?!</?(?:p|div|table|pre|ul|ol|h\d)\b).)*</p>\s*", re.S)
_FIRST_TAG = re.compile(r"</?([^ >]+)")  # the tag HTML opens with, read as Python-Markdown reads it
DISCLOSURE = ('<details class="byhand-code"><summary>The code behind this result</summary>\n{code}\n</details>')

# Where markdown-exec logs a failing block: under "mkdocs.plugins" when its MkDocs plugin is loaded,
# else under its own name.
_LOGGERS = ("mkdocs.plugins.markdown_exec", "markdown_exec")


class _Warnings(logging.Handler):
    """Counts the warnings markdown-exec logs while one block runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


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
    """

    def __init__(self, timings: Timings, execute: bool, docs: str = "docs") -> None:
        self.timings, self.execute, self.docs = timings, execute, docs
        self.failures: list[str] = []  # blocks of the page being converted that failed

    def wrap_fences(self, mdx_configs: dict) -> int:
        """Wrap the ``format`` of every markdown-exec fence in ``mdx_configs``; how many were wrapped."""
        fences = mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
        wrapped = 0
        for fence in fences:
            if fence.get("format") is markdown_exec.formatter:
                fence["format"] = self._run
                wrapped += 1
        return wrapped

    def _run(self, source: str, language: str, css_class: str, options: dict, md, **kwargs) -> str:
        """A SuperFences ``format``: markdown-exec's, timed, with a failure recorded under the block's name.

        markdown-exec reports a failure by a log record only (no exception, no return value; its docs
        name no other signal), so a handler listens to its loggers while this block runs, and only then.
        """
        warnings, loggers = _Warnings(), [logging.getLogger(name) for name in _LOGGERS]
        for logger in loggers:
            logger.addHandler(warnings)
        started = time.perf_counter()
        try:
            if not self.execute:
                return f'<pre><code class="language-{language}">{html.escape(source)}</code></pre>'
            rendered = markdown_exec.formatter(source, language, css_class, options, md, **kwargs)
            shown = self.disclose(rendered, md.is_block_level)
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
            if warnings.count:
                name = options.get("id") or options.get("extra", {}).get("title", "")
                self.failures.append(name or "(block without id or title)")

    @staticmethod
    def disclose(rendered: str, is_block_level: Callable[[str], bool]) -> str:
        """A block shown with ``source="below"``: its code folded into a disclosure under the result, so
        that the result reads as part of the text; a block whose result is one paragraph (a sentence
        that states a number) gets no code at all, like the prose around it.

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
        if _ONE_PARAGRAPH.fullmatch(result):
            return result
        result = result.strip()
        first = _FIRST_TAG.match(result)
        if first is None or not (first[1][0] in "!?@%" or is_block_level(first[1])):
            result = f"<p>{result}</p>"
        return result + "\n" + DISCLOSURE.format(code=found[1])

    def start(self) -> None:
        """A page's conversion starts: no block of it has failed yet."""
        self.failures = []

    def check(self, content: str, page) -> None:
        """After the page's conversion: a failed block, or a traceback in the HTML, fails the build."""
        failures, self.failures = self.failures, []
        where = f"{self.docs}/{page.file.src_uri}"
        if failures:
            names = ", ".join(f"'{f}'" for f in failures)
            raise PluginError(f"{where}: code block {names} failed; its traceback is logged above")
        if "Traceback (most recent call last)" in content:
            raise PluginError(f"{where}: the page contains a rendered Python traceback")
