"""A stylesheet or script that every page links but only some pages use is dropped from the others.

mkdocstrings adds its stylesheet to every page of the site; only a page that shows API documentation
(its ``doc doc-`` classes) uses it. KaTeX's stylesheet and its copy script serve only a page with a
typeset formula (the 404 page has none). Any other page would fetch them for nothing, and block its first
paint on the stylesheets.
"""

from __future__ import annotations

import re

# the file (as the theme links it, relative to the site) -> markup that shows a page uses it
USED_BY = {"assets/_mkdocstrings.css": 'class="doc doc-',
           "assets/katex/katex.min.css": 'class="katex',
           "assets/katex/copy-tex.min.js": 'class="katex'}


def drop_unused(html: str) -> str:
    """``html`` without the ``<link rel="stylesheet">`` or ``<script src>`` of each file in USED_BY that it
    does not use."""
    for path, marker in USED_BY.items():
        if marker not in html:
            name = re.escape(path)
            html = re.sub(rf'\s*(?:<link rel="stylesheet" href="[^"]*{name}">|<script src="[^"]*{name}"[^>]*></script>)', "", html)
    return html
