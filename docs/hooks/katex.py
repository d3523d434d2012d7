"""MkDocs hook: typeset every formula at build time with KaTeX (from node_modules, no CDN).

Pages then show their math with no script, and TeX that KaTeX cannot parse fails the build, naming
the page and the formula.

`BYHAND_MATH=client` builds the rejected alternative instead, for `make bench` to measure against:
the formulas are left as TeX and KaTeX typesets them in the reader's browser (still from the site
itself, never a CDN). Nothing is checked at build time in that mode, so it is never published.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from byhand.tex import TeXError, typeset

KATEX = Path(__file__).resolve().parents[2] / "node_modules" / "katex"
_MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
_FOR_SEARCH: dict[str, str] = {}  # page -> its content with each formula as TeX, for the search index
_DELIMITERS = {"\\(": "\\)", "\\[": "\\]"}
CLIENT = os.environ.get("BYHAND_MATH", "build") == "client"
_CLIENT_SCRIPTS = ("katex.min.js", "contrib/auto-render.min.js")
_CLIENT_START = """document.addEventListener("DOMContentLoaded", () => renderMathInElement(document.body, {
  delimiters: [{left: "\\\\(", right: "\\\\)", display: false}, {left: "\\\\[", right: "\\\\]", display: true}],
  throwOnError: false}));
"""


def on_config(config, **_: object):
    if not KATEX.is_dir():
        raise PluginError(f"KaTeX is missing at {KATEX}: run `make site`, which installs it with npm ci")
    if os.environ.get("BYHAND_MATH", "build") not in ("build", "client"):
        raise PluginError(f"BYHAND_MATH: expected 'build' or 'client', got {os.environ['BYHAND_MATH']!r}")
    if CLIENT:
        config.extra_javascript.extend(["assets/katex/" + Path(s).name for s in _CLIENT_SCRIPTS]
                                       + ["assets/katex/start.js"])
    return config


def _source(match: re.Match, page) -> tuple[str, bool]:
    """The TeX of one arithmatex element, and whether it is display math."""
    body = html.unescape(match[2]).strip()
    opener = body[:2]
    if opener not in _DELIMITERS or not body.endswith(_DELIMITERS[opener]):
        raise PluginError(f"docs/{page.file.src_uri}: unexpected math markup {body[:80]!r}")
    return body[2:-2].strip(), opener == "\\["


def on_page_content(content: str, page, **_: object) -> str:
    if CLIENT:
        return content
    def typeset_one(match: re.Match) -> str:
        tex, display = _source(match, page)
        try:
            math = typeset(tex, display=display)
        except TeXError as error:
            raise PluginError(f"docs/{page.file.src_uri}: KaTeX cannot typeset a formula: {error}\n"
                              f"    formula: {tex[:300]}") from None
        return f'<{match[1]} class="arithmatex">{math}</{match[1]}>'

    _FOR_SEARCH[page.file.src_uri] = _MATH.sub(lambda m: html.escape(_source(m, page)[0]), content)
    return _MATH.sub(typeset_one, content)


# Material's search indexes page.content in on_page_context. KaTeX's output holds each formula three
# times (MathML, its TeX annotation, the HTML rendering), and data-search-exclude cannot skip part of it
# (the search parser matches nested elements by tag name), so the index sees the TeX alone, once.
@event_priority(100)
def _tex_for_search(context, page, **_: object):
    page.content, page.byhand_typeset = _FOR_SEARCH.pop(page.file.src_uri, page.content), page.content
    return context


@event_priority(-100)
def _typeset_for_readers(context, page, **_: object):
    page.content = page.byhand_typeset
    return context


on_page_context = CombinedEvent(_tex_for_search, _typeset_for_readers)


def on_post_build(config, **_: object) -> None:
    """Serve KaTeX's stylesheet, fonts and copy-as-TeX script from the site itself."""
    dest = Path(config.site_dir) / "assets" / "katex"
    (dest / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(KATEX / "dist" / "katex.min.css", dest / "katex.min.css")
    shutil.copy2(KATEX / "dist" / "contrib" / "copy-tex.min.js", dest / "copy-tex.min.js")
    if CLIENT:
        for script in _CLIENT_SCRIPTS:
            shutil.copy2(KATEX / "dist" / script, dest / Path(script).name)
        (dest / "start.js").write_text(_CLIENT_START)
    for font in (KATEX / "dist" / "fonts").glob("*.woff2"):  # every current browser takes woff2 first
        shutil.copy2(font, dest / "fonts" / font.name)
