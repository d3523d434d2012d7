"""MkDocs hook: a code block that fails stops the build with a message naming its page and block.

markdown-exec alone logs an anonymous warning and renders the traceback into the page. This hook
listens to that warning, remembers the page being rendered, and raises once the page is converted.
"""

from __future__ import annotations

import logging
import re

from mkdocs.exceptions import PluginError

_BLOCK = re.compile(r"Execution of (\w+) code block (?:'(?P<id>[^']*)' )?exited with")
_state: dict[str, object] = {"page": None, "failures": []}


class _Recorder(logging.Handler):
    """Collects markdown-exec failures while a page is being converted."""

    def emit(self, record: logging.LogRecord) -> None:
        match = _BLOCK.search(record.getMessage())
        if match and _state["page"] is not None:
            _state["failures"].append(match["id"] or "(block without id or title)")


def on_config(config, **_: object):
    root = logging.getLogger("mkdocs.plugins")
    if not any(type(h).__name__ == "_Recorder" for h in root.handlers):
        root.addHandler(_Recorder(level=logging.WARNING))
    return config


def on_page_markdown(markdown: str, page, **_: object) -> str:
    _state["page"], _state["failures"] = page.file.src_uri, []
    return markdown


def on_page_content(html: str, page, **_: object) -> str:
    failures, _state["page"] = list(_state["failures"]), None
    where = f"docs/{page.file.src_uri}"
    if failures:
        names = ", ".join(f"'{f}'" for f in failures)
        raise PluginError(f"{where}: code block {names} failed; its traceback is logged above")
    if "Traceback (most recent call last)" in html:
        raise PluginError(f"{where}: the page contains a rendered Python traceback")
    return html
