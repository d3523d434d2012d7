"""No broken link in the built site: every internal link and anchor resolves, none is root-absolute.

MkDocs checks the links written in Markdown (`validation:` in mkdocs.yml, strict); this checks the
finished HTML, so links made by code blocks, the notebook, mkdocstrings and the theme are covered too.
Links to other hosts are not fetched (no network in CI); they are listed by the browser tests if loaded.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import SUBPATH

LINKING = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src")}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in LINKING and value is not None:
                self.links.append(value)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Every internal link in the site's HTML that does not resolve, as 'page: link (why)'."""
    pages = {p: parse(p) for p in site.rglob("*.html") if "screenshots" not in p.parts}
    broken = []
    for path, page in pages.items():
        where = path.relative_to(site)
        for link in page.links:
            url = urlsplit(link)
            if url.scheme or url.netloc or link.startswith(("mailto:", "data:")):
                continue  # another host: not fetched here
            if url.path.startswith("/") and not url.path.startswith(SUBPATH):
                broken.append(f"{where}: {link} (root-absolute: breaks under a project subpath)")
                continue
            base = site / "." if url.path.startswith(SUBPATH) else path.parent  # the 404 page's links
            rest = url.path.removeprefix(SUBPATH)
            target = (base / unquote(rest)).resolve() if url.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{where}: {link} (no such file)")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{where}: {link} (no anchor #{url.fragment})")
    return broken


def test_no_internal_link_or_anchor_is_broken(site):
    assert broken_links(site) == []


def test_the_link_check_can_fail(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2><a href="#here">ok</a>')
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="https://example.org/x">other host</a>'
        '<a href="b/">missing page</a> <a href="a/#gone">missing anchor</a> <a href="/a/">root</a>'
        f'<img src="img/missing.svg"> <a href="{SUBPATH}a/#here">ok from the 404 page</a>')
    assert broken_links(tmp_path) == [
        "index.html: b/ (no such file)",
        "index.html: a/#gone (no anchor #gone)",
        "index.html: /a/ (root-absolute: breaks under a project subpath)",
        "index.html: img/missing.svg (no such file)",
    ]


@pytest.mark.parametrize("page", ["index.html", "reference/index.html", "companion/index.html"])
def test_pages_link_to_each_other(site, page):
    assert len([link for link in parse(site / page).links if not urlsplit(link).scheme]) > 20
