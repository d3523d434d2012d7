"""MkDocs hook: time each page's code, and warn when a page's code takes longer than its budget.

Every markdown-exec formatter is wrapped with a timer, so a page's block time is the sum over its
blocks (the code and the rendering of its output). A page rendered by mkdocs-jupyter (any source that
is not ``.md``) is timed whole, from its markdown to its HTML: that is the notebook's execution.

The budget is ``BUDGET`` seconds per page and ``NOTEBOOK_BUDGET`` per notebook, whose kernel alone
takes seconds to start (``$BYHAND_PAGE_BUDGET`` and ``$BYHAND_NOTEBOOK_BUDGET`` override them). Over it, the
hook logs a warning naming the page, its time and the limit, on its own logger: the build is strict,
and a slow page is worth a look but not a failed build, least of all on a busy CI machine.

For ``make bench``: ``$BYHAND_TIMINGS`` names a JSON file to write the timings to, and
``BYHAND_EXEC=off`` shows each block's source instead of running it and has mkdocs-jupyter convert
notebooks without executing them (same pages, no code run).
"""

from __future__ import annotations

import html
import json
import logging
import os
import time
from pathlib import Path

import markdown_exec
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

BUDGET = 2.0  # seconds of code per page; today's slowest page takes about a tenth of that
NOTEBOOK_BUDGET = 10.0  # seconds per notebook page: a kernel start (~3.5 s here) plus its cells
_state: dict = {"page": None, "start": 0.0, "pages": {}}
log = logging.getLogger("byhand.budget")  # not under "mkdocs": strict mode does not count it
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


def _budget(notebook: bool = False) -> float:
    name, default = ("BYHAND_NOTEBOOK_BUDGET", NOTEBOOK_BUDGET) if notebook else ("BYHAND_PAGE_BUDGET", BUDGET)
    value = os.environ.get(name, str(default))
    try:
        return float(value)
    except ValueError:
        raise PluginError(f"{name}: expected seconds, got {value!r}") from None


def _executing() -> bool:
    value = os.environ.get("BYHAND_EXEC", "on")
    if value not in ("on", "off"):
        raise PluginError(f"BYHAND_EXEC: expected 'on' or 'off', got {value!r}")
    return value == "on"


def _timed(format_block):
    original = getattr(format_block, "__wrapped__", format_block)  # `mkdocs serve` reloads this hook

    def timed(*, code: str, md, **options):
        started = time.perf_counter()
        try:
            if _executing():
                return original(code=code, md=md, **options)
            return f'<pre><code class="language-python">{html.escape(code)}</code></pre>'
        finally:
            record = _state["pages"].get(_state["page"])
            if record is not None:
                record["blocks"] += 1
                record["block_seconds"] += time.perf_counter() - started

    timed.__wrapped__ = original
    return timed


def on_config(config, **_: object):
    _budget(), _budget(notebook=True), _executing()  # a bad setting fails now, not at the first block
    for language, format_block in markdown_exec.formatters.items():
        markdown_exec.formatters[language] = _timed(format_block)
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None and not _executing():
        jupyter.config["execute"] = False  # read per page, in its on_pre_page
    _state["pages"] = {}
    return config


@event_priority(-100)  # last: after every other hook has changed the markdown
def on_page_markdown(markdown: str, page, **_: object) -> str:
    _state["page"] = page.file.src_uri
    _state["pages"][page.file.src_uri] = {"blocks": 0, "block_seconds": 0.0, "notebook": None}
    _state["start"] = time.perf_counter()
    return markdown


@event_priority(100)  # first: before the other hooks post-process the HTML
def on_page_content(content: str, page, **_: object) -> str:
    record = _state["pages"][page.file.src_uri]
    if not page.file.src_uri.endswith(".md"):  # rendered, and executed, by mkdocs-jupyter
        record["notebook"] = time.perf_counter() - _state["start"]
    _state["page"] = None
    notebook = record["notebook"] is not None
    spent, limit = record["notebook"] if notebook else record["block_seconds"], _budget(notebook)
    if spent > limit:
        log.warning(f"budget: docs/{page.file.src_uri}: its code took {spent:.3f} s, over the {limit:g} s"
                    f" budget per {'notebook' if notebook else 'page'} (docs/hooks/budget.py)")
    return content


def on_post_build(config, **_: object) -> None:
    out = os.environ.get("BYHAND_TIMINGS")
    if out:
        Path(out).write_text(json.dumps(_state["pages"], indent=1), encoding="utf-8")
