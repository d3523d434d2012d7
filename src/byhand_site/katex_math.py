"""The math of the pages: every formula typeset at build time with KaTeX (from node_modules, no CDN).

Pages then show their math with no script, and TeX that KaTeX cannot parse fails the build, naming
the page and the formula.

The ``client`` math mode builds the rejected alternative instead, for ``make bench`` to measure against:
the formulas are left as TeX and KaTeX typesets them in the reader's browser (still from the site
itself, never a CDN). Nothing is checked at build time in that mode, so it is never published.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from byhand_site.katex import KaTeX, TeXError

_MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
_DELIMITERS = {"\\(": "\\)", "\\[": "\\]"}
_CLIENT_SCRIPTS = ("katex.min.js", "contrib/auto-render.min.js")
_CLIENT_START = """document.addEventListener("DOMContentLoaded", () => renderMathInElement(document.body, {
  delimiters: [{left: "\\\\(", right: "\\\\)", display: false}, {left: "\\\\[", right: "\\\\]", display: true}],
  throwOnError: false}));
"""


class PageMath:
    """Typesets the arithmatex elements of each page, and keeps each page's TeX for the search index.

    Parameters
    ----------
    package : Path
        The ``katex`` npm package.
    client : bool
        Leave the TeX for KaTeX in the browser instead (the rejected option, for ``make bench``).
    docs : str
        The docs directory as messages name it (``docs``).
    """

    def __init__(self, package: Path, client: bool, docs: str = "docs") -> None:
        if not package.is_dir():
            raise PluginError(f"KaTeX is missing at {package}: run `make site`, which installs it with npm ci")
        self.package, self.client, self.docs = package, client, docs
        self.katex = KaTeX(package)
        self._for_search: dict[str, str] = {}  # page -> its content with each formula as TeX
        self._typeset: dict[str, str] = {}  # page -> its content as readers get it

    def scripts(self) -> list[str]:
        """The site's scripts that typeset in the browser (client mode only)."""
        if not self.client:
            return []
        return [f"assets/katex/{Path(s).name}" for s in _CLIENT_SCRIPTS] + ["assets/katex/start.js"]

    def typeset(self, content: str, page) -> str:
        """``content`` with each formula typeset; a formula KaTeX cannot parse fails the build."""
        if self.client:
            return content

        def typeset_one(match: re.Match) -> str:
            tex, display = self._source(match, page)
            try:
                math = self.katex.typeset(tex, display=display)
            except TeXError as error:
                raise PluginError(f"{self.docs}/{page.file.src_uri}: KaTeX cannot typeset a formula: {error}\n"
                                  f"    formula: {tex[:300]}") from None
            return f'<{match[1]} class="arithmatex">{math}</{match[1]}>'

        self._for_search[page.file.src_uri] = _MATH.sub(lambda m: html.escape(self._source(m, page)[0]), content)
        return _MATH.sub(typeset_one, content)

    # Material's search indexes page.content in on_page_context. KaTeX's output holds each formula three
    # times (MathML, its TeX annotation, the HTML rendering), and data-search-exclude cannot skip part of it
    # (the search parser matches nested elements by tag name), so the index sees the TeX alone, once.
    def tex_for_search(self, page) -> None:
        """Before the search plugin indexes ``page``: its content with each formula as TeX."""
        self._typeset[page.file.src_uri] = page.content
        page.content = self._for_search.pop(page.file.src_uri, page.content)

    def typeset_for_readers(self, page) -> None:
        """After the search plugin: the typeset content back."""
        page.content = self._typeset.pop(page.file.src_uri, page.content)

    def copy_assets(self, site_dir: str) -> None:
        """Serve KaTeX's stylesheet, fonts and copy-as-TeX script from the site itself."""
        dist, dest = self.package / "dist", Path(site_dir) / "assets" / "katex"
        (dest / "fonts").mkdir(parents=True, exist_ok=True)
        shutil.copy2(dist / "katex.min.css", dest / "katex.min.css")
        shutil.copy2(dist / "contrib" / "copy-tex.min.js", dest / "copy-tex.min.js")
        if self.client:
            for script in _CLIENT_SCRIPTS:
                shutil.copy2(dist / script, dest / Path(script).name)
            (dest / "start.js").write_text(_CLIENT_START)
        for font in (dist / "fonts").glob("*.woff2"):  # every current browser takes woff2 first
            shutil.copy2(font, dest / "fonts" / font.name)

    def _source(self, match: re.Match, page) -> tuple[str, bool]:
        """The TeX of one arithmatex element, and whether it is display math."""
        body = html.unescape(match[2]).strip()
        opener = body[:2]
        if opener not in _DELIMITERS or not body.endswith(_DELIMITERS[opener]):
            raise PluginError(f"{self.docs}/{page.file.src_uri}: unexpected math markup {body[:80]!r}")
        return body[2:-2].strip(), opener == "\\["
