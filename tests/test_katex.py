"""The lean vlist (mkdocs_byhand/katex_server.cjs): KaTeX's own markup for a formula, less its tables.

Its boxes are checked against KaTeX's in the browser (tests/test_browser.py); here, its markup, against
KaTeX's own markup for the same formula (the server's ``plain`` request), read with the standard library.
"""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser

import pytest

from mkdocs_byhand.katex import SERVER, KaTeX, node_path
from conftest import ROOT

PACKAGE = ROOT / "node_modules" / "katex"
FORMULAS = [  # a superscript, both scripts, a fraction, an accent, limits, a matrix, a root: each kind of stack
    (r"W^{(1)}", False), (r"w^{(1)}_{j,i}", False), (r"\frac{\partial L}{\partial w^{(2)}_{1,j}}", True),
    (r"\hat y", False), (r"\sum_{k=1}^{h} a_k", True), (r"\begin{pmatrix} 0.1 \\ 0.2 \end{pmatrix}", True),
    (r"\sqrt{x^2}", False),
]


def katex_own_markup(formulas) -> list[str]:
    """KaTeX's own markup for each (tex, display), from the build's KaTeX server and options (its plain request)."""
    node = node_path()
    request = json.dumps([{"tex": t, "display": d, "plain": True} for t, d in formulas])
    out = subprocess.run([node, str(SERVER), str(PACKAGE)], input=request + "\n", capture_output=True, text=True, check=True)
    return [a["html"] for a in json.loads(out.stdout)]


class Stacks(HTMLParser):
    """The elements of an HTML fragment, and each vlist's numbers, in em: KaTeX's (its first row's cell
    height; its depth row's, or 0) or the lean one's (its padding; its height and its lowering)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements, self.classes, self.vlists = 0, [], []
        self.open: list[list | None] = []  # per open element: the numbers of the KaTeX vlist it starts, else None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes, style = (a.get("class") or "").split(), a.get("style") or ""
        em = {k: float(v) for k, v in re.findall(r"([a-z-]+):(-?[\d.]+)em", style)}
        self.elements += 1
        self.classes += classes
        record = None
        if "vlist-lean" in classes:
            self.vlists.append((em["padding-top"], em["height"], -em["vertical-align"]))
        elif classes[:1] == ["vlist-t"]:
            record = [None, 0.0, 0.0]
            self.vlists.append(record)
        elif classes == ["vlist"]:
            table = next(r for r in reversed(self.open) if r is not None)  # the vlist this cell belongs to
            if table[0] is None:
                table[0] = em["height"]
            else:
                table[1] = table[2] = em["height"]  # the depth row's cell: the depth below the baseline
        self.open.append(record)

    def handle_endtag(self, tag):
        self.open.pop()

    def numbers(self) -> list[tuple]:
        return sorted(tuple(v) for v in self.vlists)


@pytest.fixture(scope="module")
def katex():
    k = KaTeX(PACKAGE, lean=True)
    yield k
    k.close()


def test_the_lean_vlist_keeps_katex_numbers_and_drops_its_tables(katex):
    """Each formula's lean markup has KaTeX's stacks, each with KaTeX's height and depth, no table part, and
    fewer elements than KaTeX's own."""
    for (tex, display), own in zip(FORMULAS, katex_own_markup(FORMULAS)):
        ours, theirs = Stacks(katex.typeset(tex, display)), Stacks(own)
        assert not {"vlist-r", "vlist-s", "vlist-t2"} & set(ours.classes), tex
        assert "vlist-r" in theirs.classes, tex  # KaTeX's own still has its tables: the comparison means something
        assert ours.numbers() == theirs.numbers() and ours.numbers(), tex
        assert ours.elements < theirs.elements, (tex, ours.elements, theirs.elements)


def test_the_numbers_check_sees_a_wrong_depth(katex):
    """A lean vlist given another depth no longer matches KaTeX's."""
    tex, display = FORMULAS[1]
    html = katex.typeset(tex, display)
    spoiled = re.sub(r"height:(0\.\d+)em;vertical-align:-(0\.\d+)em", "height:0.9em;vertical-align:-0.9em", html, count=1)
    assert spoiled != html
    assert Stacks(html).numbers() == Stacks(katex_own_markup([(tex, display)])[0]).numbers()
    assert Stacks(spoiled).numbers() != Stacks(html).numbers()
