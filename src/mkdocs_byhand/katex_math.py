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

from mkdocs_byhand.katex import KaTeX, Missing, TeXError

_MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
LEAN_CSS = Path(__file__).with_name("katex_lean.css")
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
    lean : bool
        Lean vlists, and their CSS appended to KaTeX's stylesheet (the ``lean_math`` option).

    KaTeX and Node.js are looked for when a page first has math: a site without math needs neither.
    """

    def __init__(self, package: Path, client: bool, docs: str = "docs", lean: bool = False) -> None:
        self.package, self.client, self.docs, self.lean = package, client, docs, lean
        self.katex = KaTeX(package, lean=lean)
        self._pending: dict[str, tuple] = {}  # page -> its formulas and their KaTeX ticket, until typeset

    def scripts(self) -> list[str]:
        """The site's scripts that typeset in the browser (client mode only)."""
        if not self.client:
            return []
        return [f"assets/katex/{Path(s).name}" for s in _CLIENT_SCRIPTS] + ["assets/katex/start.js"]

    def typeset(self, content: str, page) -> str:
        """Hand ``page``'s formulas to KaTeX, and return ``content`` with each formula as TeX: the search
        plugin indexes that, before [`typeset_for_readers`][mkdocs_byhand.katex_math.PageMath.typeset_for_readers]
        puts KaTeX's output in its place."""
        if self.client:
            return content
        formulas = [self._source(m, page) for m in _MATH.finditer(content)]
        if not formulas:
            return content
        try:
            self._pending[page.file.src_uri] = (formulas, self.katex.submit(formulas))
        except Missing as missing:
            raise PluginError(f"{self.docs}/{page.file.src_uri} has math, which the byhand plugin typesets at build "
                              f"time: {missing}") from None
        tex = iter(formulas)
        return _MATH.sub(lambda m: f"<{m[1]} class=\"arithmatex\">{html.escape(next(tex)[0])}</{m[1]}>", content)

    # Material's search indexes page.content in on_page_context. KaTeX's output holds each formula three
    # times (MathML, its TeX annotation, the HTML rendering), and data-search-exclude cannot skip part of it
    # (the search parser matches nested elements by tag name), so the index sees the TeX alone, once.
    def typeset_for_readers(self, page) -> None:
        """After the search plugin: each formula of the page's content (as other plugins have left it:
        autorefs links it in between) replaced by KaTeX's output; a formula KaTeX cannot parse fails
        the build, naming the page and the formula."""
        if page.file.src_uri not in self._pending:
            return
        formulas, ticket = self._pending.pop(page.file.src_uri)
        typeset = iter(zip(formulas, self.katex.results(ticket), strict=True))

        def reader_math(match: re.Match) -> str:
            (tex, _), math = next(typeset)
            if isinstance(math, TeXError):
                raise PluginError(f"{self.docs}/{page.file.src_uri}: KaTeX cannot typeset a formula: {math}\n"
                                  f"    formula: {tex[:300]}")
            return f'<{match[1]} class="arithmatex">{math}</{match[1]}>'

        page.content, found = _MATH.subn(reader_math, page.content)
        if found != len(formulas):
            raise PluginError(f"{self.docs}/{page.file.src_uri}: {len(formulas)} formulas were typeset, but the "
                              f"page holds {found} now: a plugin between on_page_content and on_page_context changed them")

    def copy_assets(self, site_dir: str) -> None:
        """Serve KaTeX's stylesheet, fonts and copy-as-TeX script from the site itself."""
        dist, dest = self.package / "dist", Path(site_dir) / "assets" / "katex"
        if not dist.is_dir():  # no page had math (else the build has stopped): nothing links these
            return
        (dest / "fonts").mkdir(parents=True, exist_ok=True)
        # KaTeX's stylesheet as KaTeX ships it; with lean vlists, the boxes they need (katex_lean.css) after
        # KaTeX's rules, in the same file, so that a page that draws them has their rules.
        if self.lean and not self.client:
            lean = LEAN_CSS.read_text(encoding="utf-8")
            (dest / "katex.min.css").write_text((dist / "katex.min.css").read_text(encoding="utf-8") + "\n" + lean, encoding="utf-8")
        else:
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
