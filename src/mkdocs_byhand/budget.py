"""Each page's code timed, with a warning (not a failure) when it takes longer than its budget.

A Markdown page's time is the sum over its code blocks (the code and the rendering of its output),
which ``mkdocs_byhand.blocks.CodeBlocks`` adds up. A notebook page's time
is its execution, from the kernel's start to its last cell (it runs beside the other pages).

Over budget, a warning names the page, its time and the limit, on a logger of its own (not under
``mkdocs``): the build is strict, and a slow page is worth a look but not a failed build, least of
all on a busy CI machine.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

LOGGER = "mkdocs_byhand.budget"


def _log() -> logging.Logger:
    log = logging.getLogger(LOGGER)
    if not log.handlers:  # once per process: `mkdocs serve` builds many times
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        log.addHandler(handler)
        log.propagate = False  # strict mode counts the warnings of the "mkdocs" loggers only
    return log


class Timings:
    """Per page: the number of code blocks, their seconds, and a notebook page's seconds.

    Parameters
    ----------
    page_budget, notebook_budget : float
        Seconds of code allowed per Markdown page and per notebook page.
    docs : str
        The docs directory as messages name it (``docs``).
    """

    def __init__(self, page_budget: float, notebook_budget: float, docs: str = "docs") -> None:
        self.page_budget, self.notebook_budget, self.docs = page_budget, notebook_budget, docs
        self.pages: dict[str, dict] = {}
        self.page: str | None = None  # the page being converted, if any
        self._start = 0.0
        self._log = _log()

    def start(self, page: str) -> None:
        """``page``'s Markdown is final: its conversion, and so its code, runs next."""
        self.page, self._start = page, time.perf_counter()
        self.pages[page] = {"blocks": 0, "block_seconds": 0.0, "notebook": None}

    def add_block(self, seconds: float) -> None:
        if self.page is not None:
            record = self.pages[self.page]
            record["blocks"] += 1
            record["block_seconds"] += seconds

    def stop(self, page: str, notebook: bool, seconds: float | None = None) -> None:
        """``page`` is converted: record a notebook's time (``seconds`` if it ran elsewhere, from its
        kernel's start to its last cell; else the page's conversion), and warn past the budget."""
        record, self.page = self.pages[page], None
        if notebook:
            record["notebook"] = time.perf_counter() - self._start if seconds is None else seconds
        spent, limit = (record["notebook"], self.notebook_budget) if notebook else (record["block_seconds"], self.page_budget)
        if spent > limit:
            option = "notebook_budget" if notebook else "page_budget"
            self._log.warning(f"budget: {self.docs}/{page}: its code took {spent:.3f} s, over the {limit:g} s"
                              f" budget per {'notebook' if notebook else 'page'} (the byhand plugin's {option})")

    def write(self, path: str) -> None:
        """The timings as JSON, for ``make bench``."""
        Path(path).write_text(json.dumps(self.pages, indent=1), encoding="utf-8")
