"""Two pages walked by the keyboard alone, in Chromium at 1280 px: a walkthrough page (its code is in
disclosures, with copy buttons) and the companion notebook (its download link); the walkthrough page
again at 390 px, where the navigation is a drawer that the menu button opens (a phone with a keyboard, or
a desktop zoomed to 400%).

From the top of the page, Tab is pressed until the focus comes round to where it started (at most 200
presses), and each element it lands on is recorded and measured while it has the focus:
- it shows a ring: a solid outline (or a box shadow with a spread) at least 2px wide, whose colour has a
  contrast of 3:1 or more against what lies behind the ring (WCAG 2.2's focus appearance, roughly), not cut
  off by a box that clips what it paints (a scroll box, content-visibility), the element not covered;
- the search, the palette toggle, a code disclosure's summary, a copy button and, on the notebook page,
  the download link are all reached (at 390 px, the menu button too, and no link of the closed drawer;
  in the open drawer, the checkbox of each panel, which Space opens and closes, and nothing a panel
  covers); the focus moves in the page's order (no positive tabindex), so the
  header's controls come before the article's;
- Escape closes the search that focusing it opened; Enter and Space open a disclosure, and the next Tab
  reaches the copy button inside it (closed, its code and button are not shown, so not reachable).
Then the palette is switched to dark by keyboard (Tab to its toggle, Enter) and the page is walked again,
measuring every ring on the dark palette.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import animations_done, scaled
from test_browser import CONTRAST_RATIO, WIDTHS, Visit, browser, server, visit  # noqa: F401  (fixtures)

pytestmark = pytest.mark.full  # in `make test`, not in `make check`

PRESSES = 200  # more than any page has stops: the walk fails if Tab has not come round by then
WIDTH = 2  # px: the thinnest ring that counts
CONTRAST = 3  # the least contrast of a ring against what is behind it

# What a reader must reach on each page, by what the page calls it.
KINDS = {
    "search": ".md-search__input, label[for='__search']",  # the box at 1280 px; the button that opens it on a phone
    "palette toggle": ".md-option",  # a radio button hidden at zero size, shown by the label after it
    "code disclosure": "details.byhand-code > summary",
    "copy button": ".md-clipboard, .md-code__button[data-md-type='copy']",
    "notebook download": "a[download][href$='.ipynb']",
    "navigation menu": "[data-md-toggle='drawer']",  # a checkbox hidden at zero size, shown by the header's menu button
}
PAGES = {
    "network.md": ["search", "palette toggle", "code disclosure", "copy button"],
    "companion.py": ["search", "palette toggle", "copy button", "notebook download"],
}
ON_A_PHONE = ["navigation menu"]  # what a reader must also reach at 390 px

# The element with the focus, marked with the press that reached it; its name, what kind of control it
# is, where it is, and whatever keeps its focus ring from being seen. Null when nothing has the focus
# (after the last element, the focus leaves the page once before it comes round).
FOCUSED = r"""([step, kinds, thinnest, least]) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.hasAttribute('data-walk')) return {again: true};
  el.setAttribute('data-walk', step);
  const describe = e => {
    const cls = [...e.classList].filter(c => c !== 'focus-visible')[0];
    const text = (e.getAttribute('aria-label') || e.getAttribute('title') || e.textContent || '').trim().replace(/\s+/g, ' ');
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (cls ? '.' + cls : '') + (text ? ` "${text.slice(0, 40)}"` : '');
  };
  const kind = Object.keys(kinds).find(k => el.matches(kinds[k])) || null;
  const details = el.closest('details.byhand-code');
  const stop = {name: describe(el), kind, problems: [], again: false,
                disclosure: details ? [...document.querySelectorAll('details.byhand-code')].indexOf(details) : -1,
                region: el.closest('.md-header, .md-skip') ? 'header' : el.closest('article') ? 'article' : 'other'};
  const problems = stop.problems;

  // What shows the focus: the element, or, for a radio button hidden at zero size, the label of its group
  // that is not hidden (the theme's palette toggle: two buttons, one label shown); for a checkbox hidden so,
  // its label in the header (the drawer's menu button) or, for a panel's checkbox in the drawer, the row
  // that opens the panel while it is closed and the arrow at the panel's top while it is open.
  let shown = el;
  const size = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  // The drawer's checkbox, while the drawer is open and covers the menu button, shows it on the drawer.
  const label = el.matches('input[type=radio]') ? el.parentElement.querySelector(':scope > label:not([hidden])')
    : el.matches('[data-md-toggle=drawer]') ? (el.checked ? document.querySelector('.md-sidebar--primary')
      : [...el.labels].find(l => l.closest('.md-header')))
    : el.matches('input[type=checkbox]') && (el.checked ? el.parentElement.querySelector(':scope > .md-nav > .md-nav__title')
      : el.nextElementSibling);
  if (!size(el) && label) {
    shown = label;
    stop.name += label.matches('label') ? ' (shown by its label)' : ' (shown by the drawer)';
  }
  const W = innerWidth, H = innerHeight;
  const onScreen = r => r.right > 0 && r.bottom > 0 && r.left < W && r.top < H && r.width > 0 && r.height > 0;
  const part = [...shown.getClientRects()].find(onScreen);
  if (!part || getComputedStyle(shown).visibility !== 'visible') {
    problems.push('shows nothing: it has no visible box on screen');
    return stop;
  }
  const x = (Math.max(part.left, 0) + Math.min(part.right, W)) / 2, y = (Math.max(part.top, 0) + Math.min(part.bottom, H)) / 2;
  const hit = document.elementFromPoint(x, y);
  if (hit && hit !== shown && !shown.contains(hit)) problems.push(`covered by ${describe(hit)}`);

  // Colours: computed styles give rgb() or rgba(); a ring's colour is laid over what is behind it.
  const rgba = c => { if (!/^rgba?\(/.test(c)) throw new Error(`a colour this check cannot read: ${c}`);
    const m = c.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[3] * top[i] + (1 - top[3]) * under[i]).concat([1]);
""" + CONTRAST_RATIO + r"""  const css = c => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
  // Behind a point: the backgrounds of the boxes there, from the first opaque one up (the canvas is white).
  const behind = (px, py) => {
    const layers = [];
    for (const e of document.elementsFromPoint(px, py)) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((under, c) => over(c, under), [255, 255, 255, 1]);
  };
  let opacity = 1;  // an element drawn half transparent draws its ring so too
  for (let e = shown; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
  // Boxes that cut off what leaves them, a ring too: scroll boxes, and paint containment (content-visibility
  // brings it), whose cut overflow-clip-margin moves outwards.
  // A box positioned absolutely (or fixed) is cut off only by the boxes from its containing block up: the
  // nearest positioned, transformed or contained ancestor (for a fixed one, transformed or contained).
  const clippers = [];
  let escape = getComputedStyle(shown).position;
  for (let e = shown.parentElement; e && e !== document.body; e = e.parentElement) {
    const s = getComputedStyle(e);
    const paint = /paint|strict|content/.test(s.contain) || ['auto', 'hidden'].includes(s.contentVisibility);
    const contains = paint || /layout/.test(s.contain) || s.transform !== 'none';
    if (escape === 'fixed' ? !contains : escape === 'absolute' ? !(contains || s.position !== 'static') : false) continue;
    escape = ['absolute', 'fixed'].includes(s.position) ? s.position : 'static';
    if (!paint && s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const clip = paint || s.overflowX === 'clip' || s.overflowY === 'clip';
    const margin = clip ? parseFloat((s.overflowClipMargin || '').match(/-?[\d.]+(?=px)/) || 0) : 0;
    clippers.push([e, margin]);
  }

  const s = getComputedStyle(shown), rings = [];
  if (s.outlineStyle !== 'none' && s.outlineStyle !== 'hidden') rings.push({kind: 'outline', style: s.outlineStyle,
      width: parseFloat(s.outlineWidth), colour: s.outlineColor, offset: parseFloat(s.outlineOffset)});
  for (const shadow of s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\))/)) {
    const colour = (shadow.match(/rgba?\([^)]*\)/) || ['rgb(0, 0, 0)'])[0];
    const [dx, dy, , spread] = (shadow.replace(colour, '').match(/-?[\d.]+px/g) || []).map(parseFloat).concat([0, 0, 0, 0]);
    if (!/inset/.test(shadow) && dx === 0 && dy === 0 && spread > 0)
      rings.push({kind: 'box-shadow', style: 'solid', width: spread, colour, offset: 0});
  }
  if (!rings.length) {
    problems.push(`no focus ring (outline: ${s.outlineStyle} ${s.outlineWidth}; box-shadow: ${s.boxShadow})`);
    return stop;
  }
  const judged = rings.map(ring => {
    const faults = [], label = `${ring.kind} ${ring.colour} ${ring.width}px ${ring.style}`;
    // "auto" is the browser's own ring, drawn as it likes: its width and colour cannot be measured; dashes
    // and dots leave gaps.
    if (ring.style !== 'solid') faults.push(`${label}: not a solid ring`);
    if (ring.width < thinnest) faults.push(`${label}: under ${thinnest}px wide`);
    // The ring's centre line, on each side, at the middle of what is on screen; negative: inside the box.
    const d = ring.offset + ring.width / 2, r = shown.getBoundingClientRect();
    const sides = {top: [x, r.top - d], bottom: [x, r.bottom + d], left: [r.left - d, y], right: [r.right + d, y]};
    const colour = rgba(ring.colour), seen = [];
    for (const [side, [px, py]] of Object.entries(sides)) {
      if (px < 0 || py < 0 || px >= W || py >= H) continue;
      const cut = clippers.find(([c, m]) => { const b = c.getBoundingClientRect();
        return px < b.left - m || px > b.right + m || py < b.top - m || py > b.bottom + m; });
      if (cut) { faults.push(`${label}: cut off on the ${side} by ${describe(cut[0])}`); continue; }
      const under = behind(px, py), c = ratio(over([...colour.slice(0, 3), colour[3] * opacity], under), under);
      seen.push([c, side, under]);
    }
    if (!seen.length && !faults.some(f => f.includes('cut off'))) faults.push(`${label}: the ring lies outside the window`);
    const worst = seen.sort((a, b) => a[0] - b[0])[0];
    if (worst && worst[0] < least)
      faults.push(`${label}: contrast ${worst[0].toFixed(2)}:1 against ${css(worst[2])} (${worst[1]}), under ${least}:1`);
    if (!faults.length) stop.ring = `${label}, ${worst[0].toFixed(2)}:1 against ${css(worst[2])}`;  // for a person reading a walk
    return faults;
  });
  if (judged.every(f => f.length)) problems.push(...judged.flat());
  return stop;
}"""

DOCUMENT_ORDER = "() => [...document.querySelectorAll('[data-walk]')].map(e => Number(e.dataset.walk))"
POSITIVE_TABINDEX = """() => [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0)
  .map(e => `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 40)}" (tabindex=${e.getAttribute('tabindex')})`)"""
SEARCH_OPEN = "() => document.querySelector('[data-md-toggle=search]').checked"


def ready(v: Visit) -> Visit:
    """Wait for the theme's script to have set the page up, as a reader meets it: its copy buttons, which it
    adds to every code block last, are there."""
    v.tab.wait_for_function("sel => [...document.querySelectorAll('pre > code')].every(c => c.parentElement.querySelector(sel))",
                            arg=KINDS["copy button"], timeout=scaled(10_000))
    return v


def focused(v: Visit, step: int) -> dict | None:
    return v.tab.evaluate(FOCUSED, [step, KINDS, WIDTH, CONTRAST])


def on(v: Visit, kind: str) -> bool:
    return v.tab.evaluate("sel => document.activeElement.matches(sel)", KINDS[kind])


def reach(v: Visit, kind: str) -> None:
    """Press Tab until a ``kind`` of control has the focus."""
    for _ in range(PRESSES):
        v.tab.keyboard.press("Tab")
        if on(v, kind):
            return
    pytest.fail(f"Tab did not reach a {kind} in {PRESSES} presses")


OPENS = 2_000  # ms: the theme opens the search as its box takes the focus, a moment later


def search_opens(v: Visit, notes: list[str], wait: float | None = None) -> None:
    """With the focus on the search box, wait for the search to open, so that the box is measured as it shows."""
    try:
        v.tab.wait_for_function(SEARCH_OPEN, timeout=scaled(OPENS) if wait is None else wait)
    except PlaywrightTimeout:
        notes.append("focusing the search box did not open the search")


def walk(v: Visit, page: str, scheme: str, here: bool = False) -> tuple[list[dict], list[str]]:
    """Press Tab until the focus comes round to an element it has already reached; return the stops (with
    ``here``, the first is the element that has the focus as the walk starts) and what went wrong on the way:
    Escape leaving the search open, Enter or Space not opening a code disclosure."""
    v.tab.evaluate("() => document.querySelectorAll('[data-walk]').forEach(e => e.removeAttribute('data-walk'))")
    stops, notes, keys = [], [], ["Enter", "Space"]  # disclosures are opened with each key in turn
    if here:
        stops.append(focused(v, 0))
    for _ in range(PRESSES):
        v.tab.keyboard.press("Tab")
        if on(v, "search"):
            search_opens(v, notes)
        stop = focused(v, len(stops))
        if stop is None:
            continue  # the focus left the page, after its last element
        if stop["again"]:
            return stops, notes
        stops.append(stop)
        if stop["kind"] == "search" and v.tab.evaluate(SEARCH_OPEN):
            v.tab.keyboard.press("Escape")
            if v.tab.evaluate(SEARCH_OPEN):
                notes.append(f"Escape left the search open ({stop['name']})")
        if stop["kind"] == "code disclosure" and not v.tab.evaluate("() => document.activeElement.parentElement.open"):
            stop["key"] = keys[0]
            keys.reverse()
            v.tab.keyboard.press(stop["key"])
            stop["opened"] = v.tab.evaluate("() => document.activeElement.parentElement.open")
            if not stop["opened"]:
                notes.append(f"{stop['key']} on {stop['name']} (disclosure {stop['disclosure']}) did not open it")
    pytest.fail(f"{page} ({scheme}): Tab did not come round to where it started in {PRESSES} presses; "
                f"the last it reached: {[s['name'] for s in stops[-5:]]}")


def problems(v: Visit, stops: list[dict], notes: list[str], wanted: list[str]) -> list[str]:
    """Every way the walk fell short, each naming its element: rings, what was not reached, the order."""
    found = list(notes)
    found += [f"{s['name']}: {p}" for s in stops for p in s["problems"]]
    reached = {s["kind"] for s in stops}
    found += [f"not reached by Tab: a {kind} ({KINDS[kind]})" for kind in wanted if kind not in reached]
    for i, s in enumerate(stops):
        if s.get("opened"):
            after = stops[i + 1] if i + 1 < len(stops) else {"name": "nothing", "kind": None, "disclosure": -1}
            if after["kind"] != "copy button" or after["disclosure"] != s["disclosure"]:
                found.append(f"after opening {s['name']} (disclosure {s['disclosure']}), Tab went to {after['name']}, "
                             "not the copy button inside it")
    found += [f"positive tabindex, so the focus leaves the page's order: {e}" for e in v.tab.evaluate(POSITIVE_TABINDEX)]
    marks = v.tab.evaluate(DOCUMENT_ORDER)  # the presses that reached each element, in the page's order
    for a, b in zip(marks, marks[1:]):
        if a > b:
            found.append(f"out of the page's order: Tab reached {stops[b]['name']} (press {b + 1}) "
                         f"before {stops[a]['name']} (press {a + 1}), which comes first in the page")
            break
    header = [i for i, s in enumerate(stops) if s["region"] == "header"]
    article = [i for i, s in enumerate(stops) if s["region"] == "article"]
    if header and article and article[0] < header[-1]:
        found.append(f"the article's {stops[article[0]]['name']} (press {article[0] + 1}) comes before "
                     f"the header's {stops[header[-1]]['name']} (press {header[-1] + 1})")
    return found


def to_dark(v: Visit) -> list[str]:
    """Tab to the palette toggle and press Enter, as a reader does: the theme switches to its dark palette
    and moves the focus to the other toggle."""
    reach(v, "palette toggle")
    v.tab.keyboard.press("Enter")
    scheme = v.tab.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    return [] if scheme == "slate" else [f"Enter on the palette toggle left the page in {scheme!r}, not the dark palette"]


def walked_by_keyboard(v: Visit, page: str, wanted: list[str] | None = None) -> dict[str, list[dict]]:
    """Walk ``page`` in light; switch to dark by keyboard and walk it again. Fails naming every problem."""
    stops, notes = walk(v, page, "light")
    found = [f"(light) {p}" for p in problems(v, stops, notes, PAGES[page] if wanted is None else wanted)]
    found += [f"(dark) {p}" for p in to_dark(v)]
    dark, notes = walk(v, page, "dark", here=True)
    found += [f"(dark) {s['name']}: {p}" for s in dark for p in s["problems"]] + [f"(dark) {n}" for n in notes]
    width = v.tab.viewport_size["width"]
    assert found == [], f"{page} at {width}px, walked by keyboard:\n  " + "\n  ".join(found)
    return {"light": stops, "dark": dark}


@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_works_with_the_keyboard_alone(site, visit, page):  # noqa: F811
    """Every stop shows a ring in both palettes; the page's controls are reached, in order; the search
    closes on Escape and the disclosures open on Enter and Space."""
    v = ready(visit(page))
    walks = walked_by_keyboard(v, page)
    # The walks checked something: the same controls measured in both palettes, both keys tried on disclosures.
    light, dark = ([s["name"].replace("__palette_1", "__palette_0") for s in walks[k]] for k in ("light", "dark"))
    assert len(light) >= 20 and sorted(light) == sorted(n.replace("light mode", "dark mode") for n in dark), (light, dark)
    if "code disclosure" in PAGES[page]:
        assert {s.get("key") for s in walks["light"] if s.get("opened")} == {"Enter", "Space"}
    assert v.errors == [] and v.failed == [] and v.foreign == [], (v.errors, v.failed, v.foreign)


DRAWER_OPEN = "() => document.querySelector('[data-md-toggle=drawer]').checked"
IN_THE_DRAWER = "() => !!document.activeElement.closest('.md-sidebar--primary')"
FORGET_THE_WALK = "() => document.querySelectorAll('[data-walk]').forEach(e => e.removeAttribute('data-walk'))"


def drawer_walk(v: Visit) -> list[dict]:
    """From where the focus is, Tab until it has entered the open drawer and left it: each stop inside."""
    v.tab.evaluate(FORGET_THE_WALK)
    stops: list[dict] = []
    for _ in range(PRESSES):
        v.tab.keyboard.press("Tab")
        if v.tab.evaluate(IN_THE_DRAWER):
            stops.append(focused(v, len(stops)))
        elif stops:
            return stops
    pytest.fail(f"with the drawer open, Tab did not leave it in {PRESSES} presses: {[s['name'] for s in stops]}")


def toggle_panel(v: Visit, name: str) -> list[str]:
    """Shift+Tab back to the drawer's checkbox named ``name`` and press Space, then let the panel slide."""
    for _ in range(PRESSES):
        v.tab.keyboard.press("Shift+Tab")
        if v.tab.evaluate("() => document.activeElement.getAttribute('aria-label')") == name:
            v.tab.keyboard.press("Space")
            animations_done(v.tab)
            return []
    return [f"Shift+Tab did not reach the checkbox of the drawer's panel {name!r}"]


def drawer_problems(stops: list[dict], names: list[str]) -> list[str]:
    """What is wrong with the stops of the open drawer: a ring, a stop not shown; and their names, in order."""
    found = [f"{s['name']}: {p}" for s in stops for p in s["problems"]]
    if [s["name"] for s in stops] != names:
        found.append(f"Tab reached {[s['name'] for s in stops]}, not {names}")
    return found


def panel(name: str) -> str:
    return f'input#{name[0]}.md-nav__toggle "{name[1]}" (shown by its label)'


SECTION = ['a.md-nav__link "The forward pass"', 'a.md-nav__link "The output-layer gradient"',
           'a.md-nav__link "The hidden-layer gradient"', 'a.md-nav__link "The update and the new prediction"',
           'a.md-nav__link "The tensor form"']
SECTIONS = [panel(("__nav_3", "Beyond the post")), panel(("__nav_4", "Practice")), panel(("__nav_5", "Reference"))]


def drawer_walks(v: Visit) -> list[str]:
    """Open the drawer from the menu button, and walk the section it shows; close that panel and walk the
    list of sections after it; open "Beyond the post" and walk into it. Every problem on the way."""
    reach(v, "navigation menu")
    v.tab.keyboard.press("Space")
    if not v.tab.evaluate(DRAWER_OPEN):
        return ["Space on the menu button did not open the navigation drawer"]
    animations_done(v.tab)
    v.tab.evaluate(FORGET_THE_WALK)
    found = drawer_problems([focused(v, 0)], ['input#__drawer.md-toggle "Navigation" (shown by the drawer)'])
    found += drawer_problems(drawer_walk(v), [panel(("__nav_2", "The worked example")),
                                             'a.md-nav__link "Read before you start"',  # the section's first page
                                             panel(("__toc", "Table of contents"))] + SECTION)
    if moved := toggle_panel(v, "The worked example"):
        return found + moved
    found += drawer_problems(drawer_walk(v), SECTIONS)
    if moved := toggle_panel(v, "Beyond the post"):
        return found + moved
    found += drawer_problems(drawer_walk(v)[:1], ['a.md-nav__link "Checking the gradient"'])
    v.tab.keyboard.press("Shift+Tab")  # back into the drawer, then Escape
    v.tab.keyboard.press("Escape")
    animations_done(v.tab)
    if v.tab.evaluate(DRAWER_OPEN):
        return found + ["Escape did not close the navigation drawer"]
    v.tab.evaluate(FORGET_THE_WALK)
    return found + drawer_problems([focused(v, 0)], ['input#__drawer.md-toggle "Navigation" (shown by its label)'])


def test_on_a_phone_the_keyboard_opens_the_navigation_and_its_panels(site, visit):  # noqa: F811
    """At 390 px, in both palettes, Tab reaches the menu button (its ring on the button) and no link of the
    closed drawer, which is off the screen. Space on the button opens the drawer on the page's section:
    Tab reaches the arrow that closes the section's panel, the row that opens the page's table of contents
    and the section's links, each on the screen with its ring, and nothing the panel covers. Space on the
    arrow closes the panel: Tab reaches the rows of the sections after it, and Space on one opens it.
    While the drawer is open its checkbox shows its ring round the drawer (the menu button is under it);
    Escape closes it, and the ring is on the menu button again."""
    v = ready(visit("network.md", width=WIDTHS["phone"]))
    walks = walked_by_keyboard(v, "network.md", PAGES["network.md"] + ON_A_PHONE)
    for palette, stops in walks.items():
        assert len(stops) >= 20, (palette, [s["name"] for s in stops])
        assert not [s for s in stops if s["name"].startswith("a.md-nav__link")], (palette, [s["name"] for s in stops])
    found = [f"(dark) {p}" for p in drawer_walks(v)]  # the walk left the page in the dark palette
    light = ready(visit("network.md", width=WIDTHS["phone"]))
    found += [f"(light) {p}" for p in drawer_walks(light)]
    assert found == [], "network.md at 390px, the drawer walked by keyboard:\n  " + "\n  ".join(found)
    for each in (v, light):
        assert each.errors == [] and each.failed == [] and each.foreign == [], (each.errors, each.failed, each.foreign)


# The theme's own panels: their checkboxes out of reach, the list under an open panel in the Tab order.
THEMES_PANELS = """.md-nav--primary .md-nav__toggle { display: none !important }
.md-nav--primary, .md-nav--primary * { visibility: visible !important }"""
# The theme's own drawer: its links rendered and focusable while it is closed, its checkbox out of reach.
THEMES_DRAWER = """[data-md-toggle="drawer"] { display: none !important }
.md-sidebar--primary .md-sidebar__scrollwrap { content-visibility: visible !important }""" + THEMES_PANELS


def test_the_phone_walks_fail_on_the_themes_own_drawer(site, visit):  # noqa: F811
    """With the drawer as the theme leaves it, the walk at 390 px names the links Tab reaches off the
    screen and the menu button it cannot reach; with the theme's own panels, the drawer's walk names the
    links under the open panel and the panels' checkboxes it cannot reach."""
    v = ready(visit("network.md", width=WIDTHS["phone"]))
    v.tab.add_style_tag(content=THEMES_DRAWER)
    with pytest.raises(AssertionError) as failed:
        walked_by_keyboard(v, "network.md", PAGES["network.md"] + ON_A_PHONE)
    message = str(failed.value)
    assert "network.md at 390px" in message, message
    for line in ('(light) a.md-nav__link "Home": shows nothing: it has no visible box on screen',
                 '(dark) a.md-nav__link "The forward pass": shows nothing: it has no visible box on screen',
                 f"(light) not reached by Tab: a navigation menu ({KINDS['navigation menu']})"):
        assert line in message, message
    v = ready(visit("network.md", width=WIDTHS["phone"]))
    v.tab.add_style_tag(content=THEMES_PANELS)
    found = drawer_walks(v)
    assert any(p.startswith('a.md-nav__link "Home": covered by') for p in found), found
    assert found[-1] == "Shift+Tab did not reach the checkbox of the drawer's panel 'The worked example'", found


def test_the_palette_toggle_shows_its_ring_on_a_page_opened_dark(site, visit):  # noqa: F811
    """A reader whose system is dark opens the page in the dark palette: the toggle the Tab key reaches
    there shows its ring on the label that is shown."""
    v = ready(visit("forward.md", scheme="dark"))
    assert v.tab.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    reach(v, "palette toggle")
    stop = focused(v, 0)
    assert stop["problems"] == [], f"{stop['name']}: {stop['problems']}"


NO_RING = "*:focus, *:focus-visible { outline: none !important; box-shadow: none !important }"


def test_the_focus_ring_check_fails_when_it_should(site, visit):  # noqa: F811
    """With every focus ring switched off, the walk fails, naming the elements that show no ring."""
    v = ready(visit("network.md"))
    v.tab.add_style_tag(content=NO_RING)
    with pytest.raises(AssertionError) as failed:
        walked_by_keyboard(v, "network.md")
    message = str(failed.value)
    for name in ('a.md-skip "Skip to content"', 'summary "The code behind this result"',
                 'button.md-code__button "Copy to clipboard"', 'a.md-nav__link "Home"'):
        assert f"(light) {name}: no focus ring" in message, message
        assert f"(dark) {name}: no focus ring" in message, message


FAULTS = """() => {
  // Rings too thin, too faint, the browser's own, cut off, outside the window; a toggle's label with none.
  const style = document.createElement('style');
  style.textContent = `
    details.byhand-code > summary:focus-visible { outline-width: 1px !important }
    .md-logo:focus-visible { outline-style: auto !important }
    .md-nav--primary .md-nav__link:focus-visible { outline-color: rgb(250, 250, 250) !important }
    .md-sidebar--secondary .md-nav__item:nth-child(1) { overflow: hidden }
    .md-sidebar--secondary .md-nav__item:nth-child(2) { contain: paint }
    .md-skip:focus-visible { position: fixed; inset: 0; margin: 0 }
    .md-header .md-option + label { outline: none !important }
    [data-md-toggle="search"]:not(:checked) ~ .md-header .md-search__scrollwrap { visibility: visible }`;
  document.head.append(style);
  // A link out of order; the first disclosure's copy button gone, the second disclosure not opening;
  // Escape kept from the search; a box over a link.
  const link = [...document.querySelectorAll('article a[href]')].pop();
  link.setAttribute('tabindex', '1');
  const [first, second] = document.querySelectorAll('details.byhand-code');
  first.querySelector('.md-code__button').style.display = 'none';
  second.querySelector('summary').addEventListener('click', e => e.preventDefault());
  addEventListener('keydown', e => { if (e.key === 'Escape') e.stopImmediatePropagation(); }, true);
  const cover = document.createElement('div'), covered = document.querySelector('a.md-nav__link--active');
  cover.id = 'cover';
  covered.addEventListener('focus', () => { const r = covered.getBoundingClientRect();
    cover.style.cssText = `position: fixed; left: ${r.left}px; top: ${r.top}px; width: ${r.width}px; height: ${r.height}px; background: #fff; z-index: 5`; });
  document.body.append(cover);
  return link.textContent.trim();
}"""


def test_the_keyboard_checks_fail_when_they_should(site, visit):  # noqa: F811
    """Each of the walk's checks fails, naming the element, when its fault is put into the page."""
    v = ready(visit("network.md"))
    link = v.tab.evaluate(FAULTS)
    stops, notes = walk(v, "network.md", "light")
    found = "\n".join(problems(v, stops, notes, PAGES["network.md"]))
    expected = [  # patterns, each the start of a line of the report
        r'summary "The code behind this result": outline rgb\(82, 108, 254\) 1px solid: under 2px wide',
        r'a\.md-header__button "Gradient Descent, by Hand": outline .* auto: not a solid ring',
        r'a\.md-nav__link "Home": outline rgb\(250, 250, 250\) 2px solid: contrast 1\.04:1 against rgb\(255, 255, 255\)',
        r'a\.md-nav__link "The sigmoid and its slope": outline .*: cut off on the \w+ by li\.md-nav__item',
        r'a\.md-nav__link "The loss": outline .*: cut off on the \w+ by li\.md-nav__item',
        r'a\.md-skip "Skip to content": outline rgb\(255, 255, 255\) 2px solid: the ring lies outside the window',
        r'input#__palette_0\.md-option "Switch to dark mode" \(shown by its label\): no focus ring',
        r'div\.md-search__scrollwrap "[^"]*": shows nothing: it has no visible box on screen',
        r'a\.md-nav__link "The network and its notation": covered by div#cover',
        rf'positive tabindex, so the focus leaves the page\'s order: a "{re.escape(link)}" \(tabindex=1\)',
        rf'out of the page\'s order: Tab reached a "{re.escape(link)}" \(press 1\)',
        rf'the article\'s a "{re.escape(link)}" \(press 1\) comes before the header\'s',
        r'after opening summary "The code behind this result" \(disclosure 0\), Tab went to .*, not the copy button inside it',
        r'Space on summary "The code behind this result" \(disclosure 1\) did not open it',
        r"not reached by Tab: a copy button",
        r'Escape left the search open \(input\.md-search__input "Search"\)',
    ]
    missing = [e for e in expected if not re.search("^" + e, found, re.M)]
    assert missing == [], f"not reported: {missing}\nreported:\n{found}"

    # Enter kept from the palette toggle; the search's switch stuck off, so focusing its box does not open it.
    v.tab.evaluate("""() => {
      addEventListener('keydown', e => { if (e.key === 'Enter' && e.target.matches('.md-option')) e.stopImmediatePropagation(); }, true);
      Object.defineProperty(document.querySelector('[data-md-toggle=search]'), 'checked', {get: () => false, set: () => {}});
    }""")
    assert to_dark(v) == ["Enter on the palette toggle left the page in 'default', not the dark palette"]
    reach(v, "search")
    notes = []
    search_opens(v, notes, wait=300)
    assert notes == ["focusing the search box did not open the search"]
