"""MkDocs hook: a page rendered from a notebook is the same HTML on every build.

nbformat gives each cell read from a jupytext ``.py`` source a random id (from ``uuid4``) and
nbconvert writes it into the page as ``id="cell-id=..."``, so two builds of one commit would differ.
This hook numbers the cells of such pages in order instead: ``cell-id=1``, ``cell-id=2``, ...
Markdown pages are left alone.
"""

from __future__ import annotations

import itertools
import re

_CELL_ID = re.compile(r'id="cell-id=[^"]*"')


def on_post_page(output: str, page, **_: object) -> str:
    if page.file.src_uri.endswith(".md"):
        return output
    number = itertools.count(1)
    return _CELL_ID.sub(lambda _: f'id="cell-id={next(number)}"', output)
