"""MkDocs hook: typeset every formula at build time with KaTeX (from node_modules, no CDN).

Pages then show their math with no script, and TeX that KaTeX cannot parse fails the build, naming
the page and the formula.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from byhand.tex import TeXError, typeset

KATEX = Path(__file__).resolve().parents[2] / "node_modules" / "katex"
_MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
_DELIMITERS = {"\\(": "\\)", "\\[": "\\]"}


def on_config(config, **_: object):
    if not KATEX.is_dir():
        raise PluginError(f"KaTeX is missing at {KATEX}: run `make site`, which installs it with npm ci")
    return config


def on_page_content(content: str, page, **_: object) -> str:
    def replace(match: re.Match) -> str:
        tag, body = match[1], html.unescape(match[2]).strip()
        opener = body[:2]
        if opener not in _DELIMITERS or not body.endswith(_DELIMITERS[opener]):
            raise PluginError(f"docs/{page.file.src_uri}: unexpected math markup {body[:80]!r}")
        tex = body[2:-2].strip()
        try:
            math = typeset(tex, display=opener == "\\[")
        except TeXError as error:
            raise PluginError(f"docs/{page.file.src_uri}: KaTeX cannot typeset a formula: {error}\n"
                              f"    formula: {tex[:300]}") from None
        return f'<{tag} class="arithmatex">{math}</{tag}>'

    return _MATH.sub(replace, content)


def on_post_build(config, **_: object) -> None:
    """Serve KaTeX's stylesheet and fonts from the site itself."""
    dest = Path(config.site_dir) / "assets" / "katex"
    (dest / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(KATEX / "dist" / "katex.min.css", dest / "katex.min.css")
    for font in (KATEX / "dist" / "fonts").glob("*.woff2"):  # every current browser takes woff2 first
        shutil.copy2(font, dest / "fonts" / font.name)
