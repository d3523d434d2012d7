"""An MkDocs hook for ``make serve``, which rebuilds only the page you save (``--dirty``).

- A dirty rebuild renders only the pages whose source changed, so the API reference's pages, whose
  mkdocstrings blocks (``::: module``) register every anchor that autorefs resolves, were not rendered
  and a link such as ``[step][byhand.step.step]`` warned that its target was missing. When a changed
  page has such a link, the reference's pages are rendered too, so the links resolve as in a full
  build (it costs their rendering, about a second here; a rebuild of a page without one costs nothing more).
- MkDocs warns on every dirty rebuild that links may be inaccurate: ``make serve`` asks for dirty
  rebuilds on purpose, and ``make site`` is the strict, whole build, so that one notice is dropped.
"""

from __future__ import annotations

import logging
import re

# A mkdocstrings block: three colons at the start of a line, then the object's path.
_API_BLOCK = re.compile(r"^:::\s+\S", re.M)
# A cross-reference autorefs resolves: [title][dotted.identifier].
_API_LINK = re.compile(r"\]\[\w+(\.\w+)+\]")
_DIRTY_NOTICE = "A 'dirty' build is being performed"


class _DropDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(_DIRTY_NOTICE)


def on_startup(command: str, dirty: bool) -> None:
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyNotice())


def on_files(files, config):
    """If a changed page links into the API, mark each page with mkdocstrings blocks as changed too, so
    that a dirty rebuild renders it. (In a whole build every page is rendered and this changes nothing.)"""
    pages = files.documentation_pages()
    if any(file.is_modified() and _API_LINK.search(file.content_string) for file in pages):
        for file in pages:
            if _API_BLOCK.search(file.content_string):
                file.is_modified = lambda: True
    return files
