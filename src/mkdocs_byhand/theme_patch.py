"""Six statements of the theme's script, changed in the built site, and each table wrapped in the
theme's scroll box as the page is built: a page starts without restyling every element it holds, and
without laying out the code of its closed disclosures.

As it starts, mkdocs-material's palette code (``bundle.*.min.js``, mkdocs-material 9.8.2) inserts a
``<meta name="color-scheme">`` into the head, sets its content, and marks the body
``data-md-color-switching`` until the next frame, which palette.css reads as ``[data-md-color-switching] *``
(no transitions while the colours switch). The page is parsed whole by then, and Chromium restyles every
element at each of the three: the meta is read for the whole document, and the mark's rule matches every
element. On a page of a few thousand elements that is most of the theme's start-up (tests/test_browser.py
counts the full restyles; ``make bench`` runs Lighthouse).

The template (``theme/main.html``) does the same work at the top of the body, before the article is
parsed, where a restyle costs nothing: it applies the palette the theme would choose, and inserts the meta
with its content. The theme's script then finds nothing to change:

- it takes the template's meta rather than inserting its own;
- it sets the meta's content only when the palette's colour scheme differs from it;
- it marks the body as switching only when the reader switches, not for the palette it starts with,
  which is already applied.

The theme also wraps each table of the article (``table:not([class])``) in its scroll box as it starts,
taking the table out of the page and putting it back, which restyles the whole table. The build wraps
them instead ([`wrap_tables`][mkdocs_byhand.theme_patch.wrap_tables]), in the same two boxes, and the
theme's script leaves a table that is wrapped already.

The theme measures each code block as it starts, to make a block that scrolls sideways focusable (on a
device that hovers): it reads the block's size, and its width from the nearest box that has one. Our code
blocks sit in closed disclosures (``<details>``), whose content the browser does not lay out, so each read
made the browser style and lay out that block alone, one after another, in the task that handles the
page's load. The script now measures nothing inside a closed disclosure: such a block counts as 0 by 0
(no scrolling, as nothing of it shows) and its size is watched through the disclosure, so opening it
measures the block as before, and closing it counts it 0 again.

Each is off unless its option turns it on: ``theme_startup`` (the palette's statements and the code
blocks') and ``wrap_tables`` (the tables, and the statement that leaves them wrapped). The statements were
written for mkdocs-material 9.8.2; at start-up the plugin reads the theme's own script, and an option
whose statements are not each there exactly once (another version of the theme) is skipped, all of it,
with one info line: the site builds with the theme's script as it ships. Patching twice (``mkdocs serve``
rebuilding) changes nothing.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger("mkdocs.plugins.byhand")


class Patch(NamedTuple):
    name: str
    old: str
    new: str
    option: str = "theme_startup"  # the plugin's option that asks for it


PATCHES = (
    Patch("take the template's color-scheme meta",
          'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);',
          'let o=document.querySelector(\'meta[name="color-scheme"]\')'
          '||document.head.appendChild(x("meta",{name:"color-scheme"}));'),
    Patch("set the meta's content only when it changes",
          "return o.content=a.colorScheme,",
          "return o.content!==a.colorScheme&&(o.content=a.colorScheme),"),
    Patch("mark the body as switching only when the reader switches",
          'let i=new T;return i.subscribe(s=>{if(document.body.setAttribute("data-md-color-switching",""),',
          'let i=new T,f=!0;return i.subscribe(s=>{if(f?f=!1:document.body.setAttribute("data-md-color-switching",""),'),
    Patch("leave a table the build has wrapped",
          "function ti(e){return e.replaceWith(ei),ei.replaceWith(Un(e)),$({ref:e})}",
          'function ti(e){return e.parentElement.classList.contains("md-typeset__table")'
          "||(e.replaceWith(ei),ei.replaceWith(Un(e))),$({ref:e})}", "wrap_tables"),
    Patch("watch an element in a closed disclosure through the disclosure",
          "function Le(e){let t=e;for(;t.clientWidth===0&&t.parentElement;)t=t.parentElement;"
          "return Ia.pipe(O(r=>r.observe(t)),b(r=>cn.pipe(g(o=>o.target===t),A(()=>r.unobserve(t)))),"
          "m(()=>de(e)),Q(de(e)))}",
          'function Le(e){let c=e.closest("details:not([open])"),t=c||e,n=()=>c&&!c.open?{width:0,height:0}:de(e);'
          "for(;t.clientWidth===0&&t.parentElement;)t=t.parentElement;return Ia.pipe(O(r=>r.observe(t)),"
          "b(r=>cn.pipe(g(o=>o.target===t),A(()=>r.unobserve(t)))),m(n),Q(n()))}"),
    Patch("a code block 0 wide does not scroll",
          "function es(e){return Le(e).pipe(m(({width:t})=>({scrollable:At(e).width>t})),",
          "function es(e){return Le(e).pipe(m(({width:t})=>({scrollable:t>0&&At(e).width>t})),"),
)

# A table the theme wraps (no class attribute) that holds no other table.
_TABLE = re.compile(r"<table>(?:(?!<table[\s>]).)*?</table>", re.S)


def wrap_tables(html: str) -> str:
    """``html`` with each ``<table>`` that has no class (those the theme wraps) inside the theme's scroll
    box, as its script would put it: ``div.md-typeset__scrollwrap > div.md-typeset__table > table``."""
    return _TABLE.sub(lambda m: f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{m[0]}</div></div>', html)


def theme_script(theme_dirs: list[str]) -> Path | None:
    """The theme's own script (``assets/javascripts/bundle.*.min.js``, first in the theme's folders), if any."""
    for folder in theme_dirs:
        bundles = sorted(Path(folder, "assets", "javascripts").glob("bundle.*.min.js"))
        if bundles:
            return bundles[0]
    return None


def applicable(script: str, options: set[str], version: str = "") -> tuple[Patch, ...]:
    """The patches of the ``options`` asked for whose statements are each in ``script`` exactly once (or
    patched already); an option with a statement missing is left out, all of it, said in one info line."""
    chosen = []
    for option in sorted(options):
        patches = [p for p in PATCHES if p.option == option]
        missing = [p.name for p in patches if not (script.count(p.old) == 1 or (script.count(p.new) == 1 and p.old not in script))]
        if missing:
            log.info(f"byhand: {option} skipped: the theme's script {version}does not hold the statement of "
                     f"{', '.join(map(repr, missing))} (written for mkdocs-material 9.8.2); the script is left as it ships")
        else:
            chosen += patches
    return tuple(p for p in PATCHES if p in chosen)


def patch(script: str, patches: tuple[Patch, ...] = PATCHES) -> str:
    """``script`` (the theme's bundle) with each patch's ``old`` statement replaced by its ``new`` one
    (each statement is there once: [`applicable`][mkdocs_byhand.theme_patch.applicable] chose them)."""
    for p in patches:
        if script.count(p.new) != 1 or p.old in script:
            script = script.replace(p.old, p.new, 1)
    return script


def patch_site(site_dir: str | Path, patches: tuple[Patch, ...]) -> Path | None:
    """Patch the theme's bundle in the built site; returns its path (None: no bundle there)."""
    bundles = sorted(Path(site_dir, "assets", "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1 or not patches:
        return None
    bundles[0].write_text(patch(bundles[0].read_text(encoding="utf-8"), patches), encoding="utf-8")
    return bundles[0]
