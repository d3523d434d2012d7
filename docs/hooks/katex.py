"""MkDocs hook: typeset every formula at build time with KaTeX (from node_modules, no CDN).

Pages then show their math with no script, and TeX that KaTeX cannot parse fails the build, naming
the page and the formula. One node process serves the whole build, one JSON line per formula.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "node_modules" / "katex"
SERVER = Path(__file__).with_name("katex_server.cjs")
_MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
_DELIMITERS = {"\\(": "\\)", "\\[": "\\]"}
_server: list[subprocess.Popen] = []


def _node() -> subprocess.Popen:
    if not _server or _server[0].poll() is not None:
        if not KATEX.is_dir():
            raise PluginError(f"KaTeX is missing at {KATEX}: run `make site`, which installs it with npm ci")
        _server[:] = [subprocess.Popen(["node", str(SERVER)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True, cwd=ROOT)]
        atexit.register(_server[0].kill)
    return _server[0]


def typeset(tex: str, display: bool) -> dict[str, str]:
    """KaTeX's answer for one formula: ``{"html": ...}`` or ``{"error": ...}``."""
    node = _node()
    node.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
    node.stdin.flush()
    return json.loads(node.stdout.readline())


def on_page_content(content: str, page, **_: object) -> str:
    def replace(match: re.Match) -> str:
        tag, body = match[1], html.unescape(match[2]).strip()
        opener = body[:2]
        if opener not in _DELIMITERS or not body.endswith(_DELIMITERS[opener]):
            raise PluginError(f"docs/{page.file.src_uri}: unexpected math markup {body[:80]!r}")
        tex = body[2:-2].strip()
        answer = typeset(tex, display=opener == "\\[")
        if "error" in answer:
            raise PluginError(f"docs/{page.file.src_uri}: KaTeX cannot typeset a formula: "
                              f"{answer['error']}\n    formula: {tex[:300]}")
        return f'<{tag} class="arithmatex">{answer["html"]}</{tag}>'

    return _MATH.sub(replace, content)


def on_post_build(config, **_: object) -> None:
    """Serve KaTeX's stylesheet and fonts from the site itself."""
    dest = Path(config.site_dir) / "assets" / "katex"
    (dest / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(KATEX / "dist" / "katex.min.css", dest / "katex.min.css")
    for font in (KATEX / "dist" / "fonts").glob("*.woff2"):  # every current browser takes woff2 first
        shutil.copy2(font, dest / "fonts" / font.name)
