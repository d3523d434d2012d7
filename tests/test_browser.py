"""Every page in a real browser (Debian's Chromium driven by Playwright), served under a project subpath.

Each page is loaded once and checked in all three views a reader meets: light at 1280 px, light at a
390 px phone width (the same tab, resized; there every display equation and table must fit its column),
then dark at 1280 px (the palette switched with the page's
own toggle, as a reader does). One more load searches for every page, with the index loaded once. With BYHAND_SCREENSHOTS=1 (`make screenshots`),
screenshots of the three views are written to tests/screenshots/ (outside site/, so they are never
published) for a person to look at; `make test` leaves them out, since they check nothing and cost
half of the browser's time.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import FRAMES as FRAMES_JS
from conftest import ROOT, SUBPATH, frames, nav_pages, page_dir, scaled
from test_katex import katex_own_markup

pytestmark = pytest.mark.full  # in `make test`, not in `make check`

PAGES = nav_pages()
SITE = ROOT / "site"  # the session's site (tests/conftest.py)
WIDTHS = {"desktop": 1280, "phone": 390}


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is not installed, so the browser tests cannot run. Install Debian's package: "
                    "`apt-get install -y chromium` (`make test` does this when it runs as root).")
    return path


def url_path(page: str) -> str:
    if page.startswith("/"):  # a path on the server, as is
        return page
    return SUBPATH + page_dir(page)


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SUBPATH only: a root-absolute link anywhere in it gets a 404. A missing
    page gets the site's 404.html, as GitHub Pages does."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.path.startswith(SUBPATH) or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "missing" / "outside-the-project-subpath")
        return super().translate_path("/" + path[len(SUBPATH):])

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_SubpathHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# Every host but the local server fails to resolve, so nothing leaves the machine; the tests record any
# such request and fail, naming it.
CHROMIUM_ARGS = ["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        new_context = launched.new_context

        def patient_context(**options):
            """A context whose waits (30 s each by Playwright's default) scale with the machine's load."""
            context = new_context(**options)
            context.set_default_timeout(scaled(30_000))
            return context

        launched.new_context = patient_context
        yield launched
        launched.close()


class Visit:
    """One page load, recording console errors, failed requests and requests to other hosts."""

    def __init__(self, browser, server: str, page: str, width: int, scheme: str):
        self.origin, self.origin_url = urlsplit(server).netloc, server
        self.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        self.tab = self.context.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.urls: list[str] = []  # every request of the tab, in order
        self.context.on("request", self._record)
        self.tab.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))
        self.tab.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        self.tab.goto(server + url_path(page), wait_until="load")
        self.tab.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
        self.tab.evaluate("document.fonts.ready")

    def _record(self, request) -> None:
        self.urls.append(request.url)
        if urlsplit(request.url).netloc != self.origin and not request.url.startswith(("data:", "blob:")):
            self.foreign.append(request.url)

    def requested(self, path: str) -> bool:
        return any(urlsplit(url).path.endswith(path) for url in self.urls)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened: list[Visit] = []

    def open_page(page: str, width: int = WIDTHS["desktop"], scheme: str = "light") -> Visit:
        opened.append(Visit(browser, server, page, width, scheme))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


TALLEST = 8000  # CSS px of a page a screenshot keeps: past that (the API reference) its cost outgrows its use


def screenshot(v: Visit, page: str, kind: str) -> None:
    if os.environ.get("BYHAND_SCREENSHOTS") != "1":
        return
    out = SCREENSHOTS / kind / (page.rsplit(".", 1)[0] + ".png")
    out.parent.mkdir(parents=True, exist_ok=True)
    size = v.tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    v.tab.screenshot(path=str(out), full_page=True, clip={"x": 0, "y": 0, "width": size[0],
                                                         "height": min(size[1], TALLEST)})


MATH_STATE = """() => {
  const formulas = [...document.querySelectorAll('article .arithmatex')];
  const bad = formulas.filter(f => {
    const k = f.querySelector('.katex-html');
    const box = k && k.getBoundingClientRect();
    return !box || box.width === 0 || box.height === 0;
  });
  return {formulas: formulas.length, unrendered: bad.map(f => f.textContent.slice(0, 80)),
          errors: document.querySelectorAll('.katex-error').length,
          fonts: document.fonts.check('1em KaTeX_Main') && document.fonts.check('italic 1em KaTeX_Math')};
}"""


TOO_WIDE = """() => {
  // Every block laid out, as it is once the reader comes to it: a block that skips its rendering can keep
  // the layout of the last width it was drawn at (a formula 656px wide at 1280, read so at 390).
  const whole = document.head.appendChild(document.createElement('style'));
  whole.textContent = '.md-content__inner * { content-visibility: visible !important; }';
  // The room: the content box of the block a display equation or a table sits in (the article, an
  // admonition, a list item), not the theme's scroll boxes around them, which hide what does not fit.
  const room = el => {
    const box = (el.closest('.md-typeset__scrollwrap') || el).parentElement, style = getComputedStyle(box);
    return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  const wide = [];
  for (const math of document.querySelectorAll('article div.arithmatex')) {
    const katex = math.querySelector('.katex'), html = katex && katex.querySelector('.katex-html');
    if (!html) continue;  // not typeset: MATH_STATE names it
    const content = document.createRange();
    content.selectNodeContents(html);  // the typeset formula itself, however wide its box
    const need = Math.max(katex.scrollWidth, html.scrollWidth, content.getBoundingClientRect().width);
    const tex = (math.querySelector('annotation') || {textContent: ''}).textContent.trim().replace(/\\s+/g, ' ');
    if (need > room(math) + 1) wide.push(`formula ${tex.slice(0, 60)} (${Math.ceil(need)}px in ${room(math)}px)`);
  }
  for (const table of document.querySelectorAll('article table')) {
    const need = Math.max(table.scrollWidth, table.getBoundingClientRect().width);
    const head = [...table.querySelectorAll('th')].map(th => th.textContent.trim()).join(' | ');
    if (need > room(table) + 1) wide.push(`table ${head.slice(0, 60)} (${Math.ceil(need)}px in ${room(table)}px)`);
  }
  whole.remove();
  return wide;
}"""


def fits_a_phone(v: Visit, page: str) -> None:
    """At a phone's width the page does not scroll sideways, and every display equation and table fits
    its column: measured by the width of its content, not of the theme's scroll box around it."""
    v.tab.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    v.tab.wait_for_function(f"() => window.innerWidth === {WIDTHS['phone']}")
    overflow = v.tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page}: the page is {overflow}px wider than a {WIDTHS['phone']}px phone"
    wide = v.tab.evaluate(TOO_WIDE)
    assert wide == [], f"{page}: wider than their column on a {WIDTHS['phone']}px phone: " + "; ".join(wide)
    screenshot(v, page, "phone")
    v.tab.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def switch_to_dark(v: Visit) -> None:
    """Click the palette toggle, as a reader does; the page then carries the dark scheme."""
    v.tab.click("label[title='Switch to dark mode']")
    v.tab.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")


# WCAG 2.x contrast of two colours given as [r, g, b, ...] (0 to 255): the one formula of the browser
# checks (body text here, focus rings in tests/test_keyboard.py).
CONTRAST_RATIO = """
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [p, q] = [lum(a), lum(b)].sort((s, t) => t - s); return (p + 0.05) / (q + 0.05); };
"""
CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);""" + CONTRAST_RATIO + """
  const background = getComputedStyle(document.body).backgroundColor;
  const worst = {};
  for (const selector of ['article p', 'article li', 'article .katex', 'article h1', 'article td']) {
    for (const el of document.querySelectorAll(selector)) {
      const r = ratio(rgb(getComputedStyle(el).color), rgb(background));
      if (!(selector in worst) || r < worst[selector]) worst[selector] = r;
    }
  }
  return {scheme: document.body.getAttribute('data-md-color-scheme'), worst};
}"""


# axe-core, pinned in package-lock.json, is injected from node_modules into the tested page only: the site
# never loads it. Every WCAG 2.1 A and AA rule runs; a serious or critical violation fails, named. The
# typeset math is left out (thousands of spans on some pages; it is text in the page's own colour, which
# `readable` checks, with its MathML for screen readers). The theme's transitions are switched off in the
# tested tab (Visit), so that a view is checked as it settles, not halfway through a drawer's fade.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = """async rules => {
  const only = rules ? {type: 'rule', values: rules} : {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']};
  const result = await axe.run({exclude: [['.katex']]}, {runOnly: only, resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}`);
}"""


# The dark palette changes the page's colours and nothing else (the toggle's label aside), so the dark views
# are checked by the WCAG rules that read colours; the light views by every WCAG 2.1 A and AA rule. On the
# pages of many formulas this saves a third of axe's time (it walks every element for each rule run).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def accessible(v: Visit, page: str, scheme: str, width: int = WIDTHS["desktop"]) -> None:
    """axe-core on the page as shown, at ``width``: no serious or critical violation (in the dark palette,
    of the rules that read colours)."""
    if width != WIDTHS["desktop"]:
        v.tab.set_viewport_size({"width": width, "height": 900})
        v.tab.wait_for_function(f"() => window.innerWidth === {width}")
    if not v.tab.evaluate("typeof axe !== 'undefined'"):
        v.tab.add_script_tag(path=str(AXE))
    found = v.tab.evaluate(SERIOUS, COLOUR_RULES if scheme == "dark" else None)
    if width != WIDTHS["desktop"]:
        v.tab.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    assert found == [], f"{page} ({scheme}, {width}px): serious accessibility violations: {found}"


def readable(v: Visit, page: str, scheme: str) -> None:
    state = v.tab.evaluate(CONTRAST)
    assert state["scheme"] == {"light": "default", "dark": "slate"}[scheme]
    low = {k: round(r, 2) for k, r in state["worst"].items() if r < 4.5}  # WCAG AA for body text
    assert low == {}, f"{page} ({scheme}): contrast below 4.5:1: {low}"


def title_word(page: str) -> str:
    """The longest word of the page's title, as its h1 shows it: what a reader would search for."""
    from conftest import html_of  # the built page, read once per page

    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html_of(SITE, page), re.S)[1]
    title = re.sub(r"<[^>]+>|&[#\w]+;", " ", h1).replace("`", " ")
    return max(re.findall(r"\w+", title), key=len)  # a word, without the punctuation around it


def search_finds(v: Visit, queries: dict[str, str], wait: float | None = None) -> None:
    """Open the search once (its index loads in a worker; a query before that is dropped), then type
    each page's query, as a reader types it, and expect a result that links that page."""
    v.tab.click("input.md-search__input")
    v.tab.wait_for_function("() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)",
                            timeout=scaled(10_000))
    box = v.tab.locator("input.md-search__input")
    wait = scaled(5_000) if wait is None else wait
    for page, word in queries.items():
        target = v.origin_url + url_path(page)
        box.fill(word[:-1])
        box.press(word[-1])  # the last letter as a keystroke, which the theme's search listens for
        try:
            v.tab.wait_for_function("target => [...document.querySelectorAll('.md-search-result__link')]"
                                    ".some(a => a.href.split('#')[0] === target)", arg=target, timeout=wait)
        except Exception:
            links = v.tab.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
            raise AssertionError(f"{page}: searching {word!r} found only {links}") from None


@pytest.mark.parametrize("page", PAGES)
def test_page_in_the_browser(site, visit, page):
    """One load: clean (no console error, failed or foreign request, traceback), math rendered with its
    fonts, readable in light, fits a phone (the page, and each display equation and table in its column),
    readable in dark; no serious or critical accessibility violation in either palette at either width. Search is tested for every page at once below."""
    v = visit(page)
    assert v.foreign == [], f"{page}: requests to hosts other than the site: {v.foreign}"
    assert v.failed == [], f"{page}: failed requests: {v.failed}"
    assert v.errors == [], f"{page}: console errors: {v.errors}"
    assert not v.requested("search/search_index.json"), f"{page}: the search index was loaded before the search was opened"
    text = v.tab.inner_text("article")
    for bad in ("Traceback (most recent call last)", "ParseError", "Error:"):
        assert bad not in text, f"{page}: the page shows {bad!r}"
    math = v.tab.evaluate(MATH_STATE)
    assert math["errors"] == 0 and math["unrendered"] == [], f"{page}: {math}"
    if math["formulas"]:
        assert math["fonts"], f"{page}: KaTeX's fonts did not load"
    readable(v, page, "light")
    accessible(v, page, "light")
    screenshot(v, page, "desktop")
    fits_a_phone(v, page)
    accessible(v, page, "light", WIDTHS["phone"])
    switch_to_dark(v)
    readable(v, page, "dark")
    accessible(v, page, "dark")
    accessible(v, page, "dark", WIDTHS["phone"])
    screenshot(v, page, "desktop-dark")
    assert v.errors == [] and v.failed == [] and v.foreign == [], (v.errors, v.failed, v.foreign)


def test_search_finds_every_page(site, visit):
    """Each page's longest title word, typed into the search, finds that page."""
    v = visit("index.md")
    assert not v.requested("search/search_index.json"), "the search index was loaded before the search was opened"
    search_finds(v, {page: title_word(page) for page in PAGES})
    assert v.requested("search/search_index.json")
    assert v.errors == [] and v.failed == [] and v.foreign == [], (v.errors, v.failed, v.foreign)


def test_the_index_check_sees_an_index_loaded_with_the_page(site, browser, server):
    """Without the template's script that holds it back, the theme asks for the search index as it
    starts, and the check that each page test makes sees it."""
    context = browser.new_context()
    context.route("**/forward/", lambda route: route.fulfill(
        response=(r := route.fetch()), body=re.sub(r"<script>\s*\(\(\) => \{.*?byhandIndex.*?</script>", "", r.text(), flags=re.S)))
    v = Visit.__new__(Visit)  # one load, recorded as Visit records it
    v.urls, tab = [], context.new_page()
    context.on("request", lambda request: v.urls.append(request.url))
    tab.goto(server + url_path("forward.md"), wait_until="networkidle")
    assert v.requested("search/search_index.json")
    context.close()


def style_invalidations(browser, server: str, page: str, route: tuple | None = None) -> list[dict]:
    """What marked elements for a new style from the moment the theme's script starts until the page has
    settled, as Chromium's trace records it (element, reason, and whether its subtree too). The page's
    first style, as it is parsed, comes before and is not among them."""
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900})
    if route:  # (URL pattern, handler)
        context.route(*route)
    tab = context.new_page()
    browser.start_tracing(page=tab, categories=["devtools.timeline", "disabled-by-default-devtools.timeline",
                                                "disabled-by-default-devtools.timeline.invalidationTracking"])
    tab.goto(server + url_path(page), wait_until="load")
    frames(tab, 3)  # the palette's last change waits for an animation frame after load
    events = sorted(json.loads(browser.stop_tracing())["traceEvents"], key=lambda e: e["ts"])
    context.close()
    start = min((e for e in events if e["name"] == "EvaluateScript"
                 and "/javascripts/bundle." in e["args"].get("data", {}).get("url", "")), key=lambda e: e["ts"])
    # The trace covers the whole browser: Chromium's own pages (a new tab's search box registers custom
    # properties, restyling its root) are left out; only the page's frame counts.
    return [e["args"]["data"] for e in events if e["name"] == "StyleRecalcInvalidationTracking"
            and e["ts"] >= start["ts"] and e["args"].get("data", {}).get("frame") == start["args"]["data"]["frame"]]


def full_restyles(browser, server: str, page: str, route: tuple | None = None) -> list[str]:
    """Each change to the root or the body that every element's style depends on, once the theme starts."""
    return [f"{data['nodeName'].split()[0]} {data['reason']}" for data in style_invalidations(browser, server, page, route)
            if data.get("subtree") and data["nodeName"].split()[0] in ("HTML", "BODY")]


THEME_BUNDLE = "**/javascripts/bundle.*.min.js"


def theme_bundle(route) -> None:
    """Serve the theme's own script, as mkdocs-material ships it, in place of the patched one."""
    [original] = Path(material.__file__).parent.glob("templates/assets/javascripts/bundle.*.min.js")
    route.fulfill(path=original, content_type="text/javascript")


def test_the_theme_starts_without_restyling_the_page(site, browser, server):
    """Nothing marks the whole page for a new style once the theme's script starts: the template set the
    root's classes and applied the palette before the article was parsed, and the theme's patched script
    (mkdocs_byhand.theme_patch) changes none of them. With the theme's own script served instead, it inserts
    a second color-scheme meta, sets its content and marks the body as switching, and the check sees the
    page restyled at least three times."""
    page = "hidden-gradient.md"
    ours = full_restyles(browser, server, page)
    assert ours == [], f"{page}: {len(ours)} full restyles as the theme starts: {ours}"
    unpatched = full_restyles(browser, server, page, route=(THEME_BUNDLE, theme_bundle))
    assert len(unpatched) >= 3, f"{page} with the theme's own script: only {len(unpatched)} full restyles: {unpatched}"


CODE_SCROLLS = """() => [...document.querySelectorAll('details.byhand-code pre > code')].map(code =>
  `${code.scrollWidth > code.clientWidth ? 'scrolls' : 'fits'}, ${code.hasAttribute('tabindex') ? 'focusable' : 'not focusable'}`)"""


# As a reader opens them: each brought on screen first (where the browser draws its block and reports its
# size), then opened. Not clicked: a click that scrolls a summary into view can land elsewhere as the
# skipped blocks above it are drawn and grow.
OPEN_EACH_ON_SCREEN = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (const details of document.querySelectorAll('details.byhand-code')) {
    details.scrollIntoView({block: 'center'});
    await frame();
    details.open = true;
    await frame();
  }
}"""


def test_the_theme_lays_out_no_closed_code_disclosure_as_it_starts(site, browser, server):
    """The theme measures each code block as it starts (one that scrolls sideways becomes focusable); with
    mkdocs_byhand.theme_patch it measures nothing inside a closed disclosure, so the browser lays out none of
    them; with the theme's own script it styles and lays out each one. Opened, at a phone's width in a
    browser that hovers, each block that scrolls is focusable and no other is, as with the theme's own."""
    page = "hidden-gradient.md"
    def forced(route: tuple | None = None) -> list[str]:
        """Disclosures whose content the theme's script made the browser lay out (a skipped block drawn as
        it nears the screen is recorded with the same reason, but by no script)."""
        return [d["nodeName"] for d in style_invalidations(browser, server, page, route) if d["reason"] == "DisplayLock"
                and "/javascripts/bundle." in (d.get("stackTrace") or [{}])[0].get("url", "")
                and d["nodeName"].startswith(("SLOT id='details-content'", "DETAILS"))]

    assert (ours := forced()) == [], f"{page}: closed disclosures laid out as the theme starts: {ours}"
    unpatched = forced((THEME_BUNDLE, theme_bundle))
    assert len(unpatched) >= 3, f"{page} with the theme's own script: {len(unpatched)} closed disclosures laid out"
    opened = []
    for route in (None, (THEME_BUNDLE, theme_bundle)):
        context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900})
        if route:
            context.route(*route)
        tab = context.new_page()
        tab.goto(server + url_path(page), wait_until="load")
        if not route:  # measured by nobody while closed (the theme's own script makes them focusable there)
            assert tab.evaluate(CODE_SCROLLS) and all(s.endswith(", not focusable") for s in tab.evaluate(CODE_SCROLLS))
        tab.evaluate(OPEN_EACH_ON_SCREEN)
        try:  # the theme's size watch reports on a later frame
            tab.wait_for_function(f"({CODE_SCROLLS})().every(s => s === 'scrolls, focusable' || s === 'fits, not focusable')",
                                  timeout=scaled(5000))
        except PlaywrightTimeoutError:
            pass  # the assertions below name what is wrong
        opened.append(tab.evaluate(CODE_SCROLLS))
        context.close()
    ours, theirs = opened
    assert "scrolls, focusable" in ours and all(s in ("scrolls, focusable", "fits, not focusable") for s in ours), ours
    assert ours == theirs


# What a screen reader is given: the browser's accessibility tree for the page, with accessibility on from
# the start as when a screen reader runs (Chromium's --force-renderer-accessibility). Turned on only after
# the load, as CDP's Accessibility domain does by itself, Chromium leaves out what the skipped blocks hold.
EXPOSED = """() => ({maths: document.querySelectorAll('article math').length,
  tableSkipped: !document.querySelector('article table').checkVisibility({contentVisibilityAuto: true})})"""


def test_a_screen_reader_is_given_every_formula_and_what_the_skipped_blocks_hold(site, browser, server):
    """On the errata page on a phone, most blocks skip their rendering (content-visibility: auto, in
    docs/assets/extra.css), but the accessibility tree still holds the MathML of every formula and the
    errata's table, which is not drawn. With the same blocks made content-visibility: hidden (content
    a browser keeps from assistive technology), the check sees formulas and the table go missing."""
    page = "errata.md"
    reader = browser.browser_type.launch(executable_path=chromium(), args=[*CHROMIUM_ARGS, "--force-renderer-accessibility"])

    def given(css: str = "") -> tuple[dict, int, dict]:
        tab = reader.new_page(viewport={"width": WIDTHS["phone"], "height": 900})
        if css:
            extra = (site / "assets" / "extra.css").read_text()
            tab.route("**/assets/extra.css", lambda route: route.fulfill(body=extra + css, content_type="text/css"))
        tab.goto(server + url_path(page), wait_until="load")
        cdp = tab.context.new_cdp_session(tab)
        nodes = [n for n in cdp.send("Accessibility.getFullAXTree")["nodes"] if not n.get("ignored")]
        maths = sum(n.get("role", {}).get("value") == "MathMLMath" for n in nodes)
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        element = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article table"})["nodeId"]
        [node] = cdp.send("Accessibility.getPartialAXTree", {"nodeId": element, "fetchRelatives": False})["nodes"]
        texts = cdp.send("Accessibility.queryAXTree", {"nodeId": element, "role": "StaticText"})["nodes"]
        table = {"role": node.get("role", {}).get("value"), "ignored": node.get("ignored", False), "texts": len(texts)}
        dom = tab.evaluate(EXPOSED)
        tab.close()
        return dom, maths, table

    try:
        dom, maths, table = given()
        assert dom["tableSkipped"], f"{page}: its table is drawn at load, so this checks nothing skipped"
        assert maths == dom["maths"], f"{page}: {maths} of {dom['maths']} formulas' MathML in the accessibility tree"
        assert table["role"] == "table" and not table["ignored"] and table["texts"] > 0, f"{page}: its table, skipped: {table}"
        dom, maths, table = given(".md-content__inner > :nth-child(n+7) { content-visibility: hidden !important; }")
        assert maths < dom["maths"] and table["ignored"], f"made hidden: {maths} of {dom['maths']} formulas, table {table}"
    finally:
        reader.close()


TABLES = """() => ({moved: window.byhandMoved || [], unwrapped: [...document.querySelectorAll('article table:not([class])')]
  .filter(t => !t.parentElement.matches('.md-typeset__scrollwrap > .md-typeset__table')).length})"""


def test_the_theme_keeps_the_tables_the_build_wrapped(site, browser, server):
    """The build puts each table in the theme's two scroll boxes, and the theme's script leaves it there:
    no table is taken out of the page as it starts (which would restyle the whole table). With the
    theme's own script served instead, it takes each one out to wrap it again, and the check sees it."""
    def tables(route: tuple | None = None) -> dict:
        context = browser.new_context()
        if route:
            context.route(*route)
        tab = context.new_page()
        tab.add_init_script("""new MutationObserver(records => records.forEach(r => r.removedNodes.forEach(n =>
          n.nodeName === 'TABLE' && (window.byhandMoved ??= []).push(n.nodeName)))).observe(document,
          {childList: true, subtree: true})""")
        tab.goto(server + url_path("checks.md"), wait_until="load")
        found = tab.evaluate(TABLES)
        context.close()
        return found

    assert tables() == {"moved": [], "unwrapped": 0}
    [original] = Path(material.__file__).parent.glob("templates/assets/javascripts/bundle.*.min.js")
    theirs = tables(("**/javascripts/bundle.*.min.js", lambda route: route.fulfill(path=original, content_type="text/javascript")))
    assert len(theirs["moved"]) >= 3 and theirs["unwrapped"] == 0, theirs


PALETTE = """() => ({scheme: document.body.getAttribute('data-md-color-scheme'),
  metas: [...document.querySelectorAll('meta[name=color-scheme]')].map(m => m.content),
  shown: [...document.querySelectorAll('[data-md-component=palette] label')].filter(l => !l.hidden).map(l => l.title),
  switching: window.byhandSwitching || []})"""


def test_the_palette_starts_applied_and_switches_as_the_theme_does(site, browser, server):
    """A reader whose system prefers dark, on a first visit, gets the dark palette from the first frame
    (the template applies what the theme would); the page has one color-scheme meta, saying dark, and the
    toggle to light. Switching marks the body as switching (no transitions) while the colours change, then
    the meta says light; the choice is kept for the next page."""
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.add_init_script("""new MutationObserver(records => records.forEach(r => (window.byhandSwitching ??= [])
      .push(document.body.hasAttribute('data-md-color-switching')))).observe(document,
      {attributes: true, subtree: true, attributeFilter: ['data-md-color-switching']})""")
    tab.goto(server + url_path("network.md"), wait_until="load")
    frames(tab)  # the theme's palette code settles on the next animation frame
    assert tab.evaluate(PALETTE) == {"scheme": "slate", "metas": ["dark"], "shown": ["Switch to light mode"],
                                     "switching": []}
    tab.click("label[title='Switch to light mode']")
    tab.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    frames(tab)
    assert tab.evaluate(PALETTE) == {"scheme": "default", "metas": ["light"], "shown": ["Switch to dark mode"],
                                     "switching": [True, False]}
    tab.goto(server + url_path("forward.md"), wait_until="load")
    assert tab.evaluate(PALETTE)["scheme"] == "default"
    context.close()


# What the browser laid out far below the first screen (more than three screens down, where no block is
# drawn yet), read from the rendering itself (checkVisibility), not from the style that asks for it: each
# element inside a block (a paragraph, list item, table cell, heading, formula, code block or table) whose
# rendering was not skipped, counted by the block's place in the article. A box that skips is itself laid
# out, as a placeholder; what it holds is not.
FAR_LAID_OUT = """() => {
  const far = 3 * innerHeight, found = {};
  const where = e => { const p = []; for (; e && !e.matches('.md-content__inner'); e = e.parentElement)
    p.unshift(e.tagName.toLowerCase() + [...e.classList].slice(0, 2).map(c => '.' + c).join('')); return p.join(' > '); };
  for (const e of document.querySelectorAll('.md-content__inner *')) {
    const block = e.parentElement.closest('p, li, td, th, h1, h2, h3, h4, h5, h6, .arithmatex, pre, table, label');
    if (!block || block.getBoundingClientRect().top < far || getComputedStyle(e).contentVisibility === 'auto'
        || !e.checkVisibility({contentVisibilityAuto: true})) continue;
    const k = where(block).replace(/div\\.doc\\.doc-(object|contents|children) > /g, '');
    found[k] = (found[k] || 0) + 1;
  }
  return found;
}"""
# The companion notebook is laid out whole: its code cells scroll sideways on a phone, and the theme makes
# a code block focusable when it measures it too wide, which it does not do for a block that skips.
FAR_PAGES = ["checks.md", "errata.md", "hidden-gradient.md", "practice.md", "reference/index.md",
             "reference/beyond.md", "reference/site.md"]


@pytest.mark.parametrize("page", FAR_PAGES)
def test_far_from_the_first_screen_nothing_is_laid_out(visit, page):
    """docs/assets/extra.css (and practice.css): every block far below a phone's first screen skips its
    style, layout and paint until the reader comes near it (content-visibility: auto), so that the theme's
    start-up lays out the first screen, not every formula. Asking is not enough: the browser ignores it on
    a box it cannot contain (mkdocstrings draws its tables with display: table), so the check reads what
    was laid out, and names the blocks whose content was."""
    v = visit(page, WIDTHS["phone"])
    frames(v.tab)  # the frames after the load draw the blocks near the screen
    far = v.tab.evaluate(FAR_LAID_OUT)
    assert far == {}, f"{page} at {WIDTHS['phone']}px, laid out more than three screens down: {far}"


def test_the_far_check_fails_when_it_should(visit):
    """With mkdocstrings' own display for its tables, the reference's parameter tables are laid out
    however far they are, and the check names them; so are the checks page's tables, with their rule taken away."""
    v = visit("reference/index.md", WIDTHS["phone"])
    v.tab.add_style_tag(content=".md-content__inner .doc .md-typeset__table { display: table !important; }")
    frames(v.tab)
    far = v.tab.evaluate(FAR_LAID_OUT)
    assert far and all("md-typeset__table > table" in k for k in far), far
    v = visit("checks.md", WIDTHS["phone"])
    v.tab.add_style_tag(content=".md-typeset__table { content-visibility: visible !important; }")
    frames(v.tab)
    far = v.tab.evaluate(FAR_LAID_OUT)
    assert far and all("md-typeset__table" in k for k in far), far


# Every glyph of the article's formulas: its formula, its place among that formula's glyphs, its text and
# where it is drawn on the page (px), with every block laid out and the fonts in.
GLYPHS = """async () => {
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const out = [];
  document.querySelectorAll('article .arithmatex .katex-html').forEach((k, f) => {
    let n = 0;
    for (const e of k.querySelectorAll('*')) {
      if (e.children.length || !e.textContent || e.matches('.vlist-s')) continue;  // KaTeX's strut cell: no ink
      const r = e.getBoundingClientRect();
      out.push([f, n++, e.textContent, r.left + scrollX, r.top + scrollY, r.width]);
    }
  });
  return out;
}"""
FORMULAS_TEX = """() => [...document.querySelectorAll('article .arithmatex')].map(a =>
  [a.querySelector('annotation[encoding="application/x-tex"]').textContent, !!a.querySelector('.katex-display')])"""
KATEX_OWN = "html => document.querySelectorAll('article .arithmatex').forEach((a, i) => { a.innerHTML = html[i]; })"
LAID_OUT_WHOLE = ".md-content__inner * { content-visibility: visible !important; }"
MOVED = 0.15  # px: a glyph further than this from where KaTeX's own markup draws it has moved


def glyphs_moved_from_katex_own(v: Visit, fault: str | None = None) -> tuple[int, list[str]]:
    """Every glyph of the page's formulas, drawn with the site's lean vlists (``fault``: a stylesheet
    added first) and then with KaTeX's own markup put in their place: how many glyphs, and those that moved."""
    v.tab.add_style_tag(content=LAID_OUT_WHOLE + (fault or ""))
    lean = v.tab.evaluate(GLYPHS)
    formulas = v.tab.evaluate(FORMULAS_TEX)
    v.tab.evaluate(KATEX_OWN, katex_own_markup(formulas))
    own = v.tab.evaluate(GLYPHS)
    assert len(own) == len(lean) > 0, (len(own), len(lean))
    moved = [f"{formulas[a[0]][0]!r}, glyph {a[1]} {a[2]!r}: at ({a[3]:.1f}, {a[4]:.1f}) {a[5]:.1f} wide, "
             f"KaTeX's own at ({b[3]:.1f}, {b[4]:.1f}) {b[5]:.1f} wide"
             for a, b in zip(lean, own) if a[:3] != b[:3] or max(abs(p - q) for p, q in zip(a[3:], b[3:])) > MOVED]
    return len(lean), moved


@pytest.mark.parametrize(("page", "width"), [("errata.md", "desktop"), ("errata.md", "phone"),
                                             ("hidden-gradient.md", "desktop"), ("tensor.md", "desktop"),
                                             ("reference/beyond.md", "desktop")])
def test_the_lean_math_draws_every_glyph_where_katex_own_markup_does(visit, page, width):
    """mkdocs_byhand/katex_server.cjs drops the table of every KaTeX vlist (fractions, scripts, accents,
    matrices); drawn so, each glyph of each formula lands where KaTeX's own markup puts it, to a sixth of a
    pixel, in the page as a reader gets it (the theme's stylesheets, the page's width)."""
    count, moved = glyphs_moved_from_katex_own(visit(page, WIDTHS[width]))
    assert moved == [], f"{page} at {WIDTHS[width]}px, {len(moved)} of {count} glyphs moved:\n  " + "\n  ".join(moved[:20])


def test_the_lean_math_check_fails_when_it_should(visit):
    """Sized by its border, as the theme sizes every box, a lean vlist loses its depth: the glyphs of
    every stack with a part below the baseline move, and the check names them."""
    count, moved = glyphs_moved_from_katex_own(visit("hidden-gradient.md"),
                                               fault=".katex .vlist-t.vlist-lean { box-sizing: border-box !important; }")
    assert len(moved) > 100 and any("w^{(1)}_{j,i}" in m for m in moved), moved[:5]


def settled(tab, measure: str, quiet: float = 3.0) -> object:
    """``measure`` once it reads the same three times, two frames apart each: a busy machine draws late,
    so it waits up to ``quiet`` seconds on a quiet machine, longer on a busy one."""
    read = f"async () => {{ await ({FRAMES_JS})(2); return ({measure})(); }}"
    deadline, seen = time.monotonic() + scaled(quiet), []
    while time.monotonic() < deadline:
        seen = [*seen[-2:], tab.evaluate(read)]
        if len(seen) == 3 and seen[0] == seen[1] == seen[2]:
            return seen[0]
    pytest.fail(f"still changing after {scaled(quiet):.0f} s: {measure}: {seen}")


# What above the anchor's heading skips its rendering (content-visibility: auto, not near the screen).
SKIPPED_ABOVE = """() => { const h = document.getElementById(location.hash.slice(1));
  return [...document.querySelectorAll('.md-content__inner *')].filter(e => !e.contains(h)
    && (e.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)
    && e.checkVisibility() && !e.checkVisibility({contentVisibilityAuto: true})).length; }"""


def test_a_page_opened_at_an_anchor_shows_its_section_at_the_top(browser, server):
    """A link to a section (from another page, or a reload) puts the section's heading where scrolling to
    it puts it on the page with nothing skipped, at a desktop's and a phone's width: the template marks
    such a load, and nothing above the heading skips its rendering. Without the mark, the blocks above
    skip theirs and the browser scrolls by their placeholder sizes, so the heading can be pushed off the
    screen as they are drawn; whether it is in a given load is a race with the drawing (a busy machine
    draws late, and loses it), so the check that sees the fault is the count of skipped blocks above."""
    top = "() => Math.round(document.getElementById(location.hash.slice(1)).getBoundingClientRect().top)"

    def heading_top(page: str, section: str, width: int, route: tuple | None = None) -> tuple[int, int, int]:
        """Where the heading is once the page opened at it has settled, and how many elements above it
        skip their rendering; and where it is on the page with nothing skipped (the site's stylesheet
        served with skipping taken away)."""
        seen = []
        for routes in ([route] if route else [], [("**/assets/extra.css", lambda r: r.fulfill(
                response=(f := r.fetch()), body=f.text() + "\n* { content-visibility: visible !important; }"))]):
            context = browser.new_context(viewport={"width": width, "height": 900})
            for each in routes:
                context.route(*each)
            tab = context.new_page()
            tab.goto(server + url_path(page) + "#" + section, wait_until="load")
            seen.append((settled(tab, top), tab.evaluate(SKIPPED_ABOVE)))  # drawn in the frames after the load
            context.close()
        return seen[0][0], seen[1][0], seen[0][1]

    for page, section in (("hidden-gradient.md", "why-it-is-called-backpropagation"), ("errata.md", "confirmed-claims")):
        for width in (WIDTHS["desktop"], WIDTHS["phone"]):
            opened, scrolled, skipped = heading_top(page, section, width)
            assert skipped == 0, f"{page}#{section} at {width}px: {skipped} elements above the heading skip their rendering"
            assert abs(opened - scrolled) <= 2, f"{page}#{section} at {width}px: the heading is at {opened}px, not {scrolled}px"
    unmarked = re.compile(r"<script>if \(location\.hash\)[^<]*</script>")
    opened, scrolled, skipped = heading_top("hidden-gradient.md", "why-it-is-called-backpropagation", WIDTHS["desktop"], (
        f"**{url_path('hidden-gradient.md')}", lambda route: route.fulfill(response=(r := route.fetch()), body=unmarked.sub("", r.text()))))
    assert skipped > 0, f"without the mark, nothing above the heading skips its rendering (heading at {opened}px, {scrolled}px)"


POSITIONS = """() => [...document.querySelectorAll('article :is(h2, h3, p, li, table, pre, .arithmatex)')]
  .map(e => Math.round(e.getBoundingClientRect().top + scrollY))"""


def test_skipping_its_rendering_moves_nothing(browser, server):
    """A page laid out whole (a window taller than the page, so nothing is skipped) has every heading,
    paragraph, table, code block and formula where it is without the skipping rules: a skipped box is laid
    out on its own, and a margin or a baseline that no longer meets the outside would move what follows.
    With the table's alignment taken away, or a code block skipping as a whole, what follows moves and
    the check sees it."""
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 30_000})
    tab = context.new_page()

    def moved(page: str, fault: str = "") -> int:
        tab.goto(server + url_path(page), wait_until="load")
        if fault:
            tab.add_style_tag(content=fault)
        frames(tab)
        laid_out = tab.evaluate(POSITIONS)
        tab.add_style_tag(content="* { content-visibility: visible !important; }")
        frames(tab)
        return sum(a != b for a, b in zip(laid_out, tab.evaluate(POSITIONS)))

    for page in ("index.md", "general.md", "errata.md", "practice.md", "reference/index.md", "reference/beyond.md"):
        assert moved(page) == 0, f"{page}: skipping moves {moved(page)} elements"
    assert moved("index.md", ".md-typeset__table { vertical-align: baseline !important; }") > 0
    assert moved("general.md", ":where(.md-content__inner > div.highlight) { content-visibility: auto !important; }") > 0
    context.close()


def test_search_fails_when_a_page_is_not_found(site, visit):
    """The search check fails, naming the page, when what is typed does not find it."""
    v = visit("index.md")
    with pytest.raises(AssertionError, match=r"forward\.md: searching 'zxqvj' found only \[\]"):
        search_finds(v, {"forward.md": "zxqvj"}, wait=500)


def test_the_accessibility_check_fails_when_it_should(visit):
    """A paragraph of low contrast and an image without a text alternative are named, with their rules."""
    v = visit("forward.md")
    v.tab.evaluate("() => { const p = document.createElement('p'); p.textContent = 'faint';"
                   " p.style.color = 'rgb(200, 200, 200)'; document.querySelector('article').append(p);"
                   " const img = document.createElement('img'); img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';"
                   " document.querySelector('article').append(img); }")
    with pytest.raises(AssertionError, match=r"forward\.md \(light, 1280px\): .*color-contrast.*image-alt"):
        accessible(v, "forward.md", "light")
    switch_to_dark(v)  # there: the colour rules, which still see the faint paragraph (faint on dark too)
    v.tab.evaluate("() => { document.querySelector('article p:last-of-type').style.color = 'rgb(60, 60, 60)'; }")
    with pytest.raises(AssertionError, match=r"forward\.md \(dark, 390px\): .*color-contrast"):
        accessible(v, "forward.md", "dark", WIDTHS["phone"])


def test_each_view_fails_when_it_should(visit):
    """The three checks that moved into one load still fail: a page made wider than a phone, a display
    equation and a table wider than their column (inside scroll boxes, so the page itself does not
    grow), a low-contrast paragraph in each palette."""
    v = visit("forward.md")
    v.tab.evaluate("() => { const p = document.createElement('p'); p.id = 'wide'; p.textContent = 'wide';"
                   " p.style.width = '2000px'; document.querySelector('article').append(p); }")
    with pytest.raises(AssertionError, match="wider than a 390px phone"):
        fits_a_phone(v, "forward.md")
    tex = r"x = \text{an injected formula, far too long for a phone to show it in full}"
    v.tab.evaluate("""tex => {
      document.getElementById('wide').remove();
      const math = document.querySelector('article div.arithmatex').cloneNode(true);
      math.querySelector('annotation').textContent = tex;
      const filler = document.createElement('span');
      filler.style.cssText = 'display: inline-block; width: 600px';
      math.querySelector('.katex-html').append(filler);
      const table = document.createElement('div');  // in the theme's scroll boxes, as the build puts a table
      table.className = 'md-typeset__scrollwrap';
      table.innerHTML = '<div class="md-typeset__table"><table><thead><tr><th>an injected</th><th>table</th></tr>'
        + '</thead><tbody><tr><td>' + 'x'.repeat(120) + '</td><td>1</td></tr></tbody></table></div>';
      document.querySelector('article').append(math, table);
    }""", tex)
    assert v.tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0  # both in scroll boxes
    with pytest.raises(AssertionError) as failed:
        fits_a_phone(v, "forward.md")
    message = str(failed.value).splitlines()[0]
    assert message.startswith(f"forward.md: wider than their column on a 390px phone: formula {tex[:60]} ("), message
    assert re.search(r"px\); table an injected \| table \(\d+px in \d+px\)$", message), message
    v.tab.evaluate("() => document.querySelector('article p').style.color = 'rgb(180, 180, 180)'")
    with pytest.raises(AssertionError, match=r"forward.md \(light\): contrast below 4.5:1"):
        readable(v, "forward.md", "light")
    switch_to_dark(v)
    v.tab.evaluate("() => document.querySelector('article p').style.color = 'rgb(60, 60, 70)'")
    with pytest.raises(AssertionError, match=r"forward.md \(dark\): contrast below 4.5:1"):
        readable(v, "forward.md", "dark")


def test_copying_a_formula_gives_its_tex(visit):
    v = visit("forward.md")
    copied = v.tab.evaluate("""() => {
      const math = document.querySelector('article .arithmatex .katex');
      const range = document.createRange();
      range.selectNode(math);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      let text = null;
      document.addEventListener('copy', e => { text = e.clipboardData.getData('text/plain'); });
      document.execCommand('copy');
      return {text, tex: math.querySelector('annotation').textContent};
    }""")
    assert copied["text"] == f"${copied['tex']}$", copied


def test_the_404_page_finds_its_assets_under_the_subpath(visit):
    missing = f"{SUBPATH}no/such/page/"
    v = visit(missing)  # its links are absolute, from site_url, so they work at any depth
    assert v.tab.inner_text("article h1") == "404 - Not found"
    failed = [f for f in v.failed if not f.endswith(missing)]  # the page itself is rightly a 404
    errors = [e for e in v.errors if "status of 404" not in e]  # its console line; asset 404s are in failed
    assert failed == [] and v.foreign == [] and errors == [], (failed, v.foreign, errors)
    assert v.tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
