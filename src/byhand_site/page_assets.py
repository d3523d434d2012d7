"""A stylesheet that every page links but only some pages use is dropped from the others.

mkdocstrings adds its stylesheet to every page of the site; only a page that shows API documentation
(its ``doc doc-`` classes) uses it. Any other page would block its first paint on a file it never applies.
"""

from __future__ import annotations

import re

# stylesheet (as the theme links it, relative to the site) -> markup that shows a page uses it
USED_BY = {"assets/_mkdocstrings.css": 'class="doc doc-'}


def drop_unused(html: str) -> str:
    """``html`` without the ``<link rel="stylesheet">`` of each stylesheet in USED_BY that it does not use."""
    for sheet, marker in USED_BY.items():
        if marker not in html:
            html = re.sub(rf'\s*<link rel="stylesheet" href="[^"]*{re.escape(sheet)}">', "", html)
    return html
