"""A ``source="below"`` block's code folded into a disclosure under its result (the ``code_disclosure``
option), so that the result reads as part of the text and its code is one click away.

markdown-exec renders such a block as its result, then its source as a highlighted code block, last.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_SOURCE_BELOW = re.compile(r'(<div class="(?:language-python )?highlight"><pre>(?:(?!<div class="(?:language-python )?highlight">).)*</div>)\s*$', re.S)
_FIRST_TAG = re.compile(r"</?([^ >]+)")  # the tag HTML opens with, read as Python-Markdown reads it
DISCLOSURE = '<details class="byhand-code"><summary>{summary}</summary>\n{code}\n</details>'


def fold(rendered: str, is_block_level: Callable[[str], bool], summary: str) -> str:
    """``rendered`` (a block's HTML from markdown-exec) with the code shown below its result folded into a
    ``<details>`` whose summary is ``summary``. The code is never dropped: a block that should read as
    prose, with no code, leaves out ``source="below"``.

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
    result = result.strip()
    first = _FIRST_TAG.match(result)
    if first is None or not (first[1][0] in "!?@%" or is_block_level(first[1])):
        result = f"<p>{result}</p>"
    return result + "\n" + DISCLOSURE.format(summary=html.escape(summary), code=found[1])
