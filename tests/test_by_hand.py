"""Every displayed line reproduces by hand: the built HTML, read as a reader with a calculator reads it.

This does not ask the renderer how a line was made. It takes the TeX of every formula in the built
pages (KaTeX keeps it in an ``<annotation>``), splits it into chains of sides joined by ``=``, and
wherever a side of arithmetic on printed numbers is followed by a side of printed numbers, redoes the
arithmetic exactly and requires the printed result at its printed precision (the rule of
``byhand.redo``). Unit tests of that evaluator, against values worked out independently, are below.
"""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal
from pathlib import Path

import pytest

from byhand import redo
from conftest import html_of, nav_pages

ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)
BEGIN_END = re.compile(r"\\(begin|end)\{(?:aligned|align\*?|gathered|split)\}")


def _split(tex: str, separators: tuple[str, ...]) -> list[str]:
    """Split at separators outside braces, parentheses and environments."""
    parts, depth, start, k = [], 0, 0, 0
    while k < len(tex):
        if tex.startswith(r"\begin", k) or tex[k] in "{(":
            depth += 1
        elif tex.startswith(r"\end", k) or tex[k] in "})":
            depth -= 1
        elif tex[k] == "\\" and not tex.startswith("\\\\", k):
            k += 2  # an escaped character or the start of a command: \{ \( \, ...
            continue
        if depth == 0:
            hit = next((s for s in separators if tex.startswith(s, k)), None)
            if hit:
                parts.append(tex[start:k])
                k = start = k + len(hit)
                continue
        k += 1 + tex.startswith("\\\\", k)
    return parts + [tex[start:]]


def chains(tex: str) -> list[list[str]]:
    """The chains of a formula: each a list of sides joined by ``=``. In an aligned block, a row that
    starts with ``=`` continues the chain of the row above."""
    rows = _split(BEGIN_END.sub(" ", tex), ("\\\\",))
    out: list[list[str]] = []
    for row in rows:
        row = " ".join(_split(re.sub(r"^\[[^\]]*\]", "", row.strip()), ("&",)))  # \\[4pt]: row spacing
        sides = [s.strip() for s in _split(row, ("=",))]
        if out and len(sides) > 1 and not sides[0]:
            out[-1].extend(sides[1:])
        elif any(sides):
            out.append(sides)
    return out


def arithmetic_sides(chain: list[str]) -> list[tuple[str, str]]:
    """(operands, result) for each side of ``chain`` that is arithmetic on printed numbers followed by a
    printed result."""
    found = []
    for left, right in zip(chain, chain[1:]):
        if redo.is_literal(right) and not redo.is_literal(left):
            try:
                redo.evaluate(left)
            except redo.NotArithmetic:
                continue
            found.append((left, right))
    return found


def checked_lines(tex: str) -> list[tuple[str, str, bool]]:
    """(operands, result, reproduces) for every arithmetic side followed by a printed result."""
    return [(left, right, redo.reproduces(left, right)) for chain in chains(tex) for left, right in arithmetic_sides(chain)]


def page_lines(html: str) -> list[tuple[str, str, bool]]:
    return [line for tex in ANNOTATION.findall(html) for line in checked_lines(htmllib.unescape(tex))]


def _failures(site: Path, page: str) -> list[str]:
    return [f"{page}: {a} = {b}" for a, b, ok in page_lines(html_of(site, page)) if not ok]


def test_every_line_reproduces(site):
    lines = {page: page_lines(html_of(site, page)) for page in nav_pages()}
    bad = [f"{page}: {a} = {b}" for page, found in lines.items() for a, b, ok in found if not ok]
    assert bad == [], "lines that do not reproduce by hand:\n" + "\n".join(bad)
    counted = {page: len(found) for page, found in lines.items()}
    # how many lines each walkthrough page prints (one per weighted sum, sigmoid, product, update, ...):
    # fewer means the reader of the HTML no longer recognises a line, and would pass it unchecked
    least = {"forward.md": 6, "output-gradient.md": 4, "hidden-gradient.md": 3, "update.md": 7, "tensor.md": 2,
             "errata.md": 5}
    assert {p: min(counted[p], n) for p, n in least.items()} == least, counted


@pytest.mark.full  # a second build: in `make test`, not in `make check`
def test_every_line_reproduces_on_the_other_example(other_site):
    bad = [f for page in nav_pages() for f in _failures(other_site, page)]
    assert bad == [], "lines that do not reproduce by hand:\n" + "\n".join(bad)


def test_an_injected_line_that_does_not_reproduce_is_named(site):
    html = htmllib.unescape(html_of(site, "output-gradient.md"))
    a, b = next((a, b) for a, b, ok in page_lines(html) if ok and re.fullmatch(r"-?\d+\.\d+", b))
    bumped = b[:-1] + str((int(b[-1]) + 1) % 10)  # one unit off in the last printed digit
    assert f"{a} = {b}" in html
    injected = html.replace(f"{a} = {b}", f"{a} = {bumped}", 1)
    assert [(x, y) for x, y, ok in page_lines(injected) if not ok] == [(a, bumped)]


# ---- the evaluator, against values worked out by hand ---------------------------------------------

@pytest.mark.parametrize(("tex", "value"), [
    (r"2(0.5541 - 1)", "-0.8918"),
    (r"-0.8918 \times 0.2471", "-0.22036378"),
    (r"(-0.2203)(0.2)(0.2055)(1)", "-0.0090543300"),
    (r"0.64 \cdot 0.8956 + (-0.77) \cdot 0.8538", "-0.084242"),
    (r"(1 - 0.5541)^2", "0.19882681"),
    (r"1.5 \times 10^{-3} + 2", "2.0015"),
    (r"\frac{1}{4}", "0.25"),
])
def test_evaluate_scalars(tex, value):
    assert redo.evaluate(tex) == Decimal(value)


def test_evaluate_matrices():
    W, x = r"\begin{pmatrix} 0.4 & 0.5 & 0.3 \\ 0.2 & 0.7 & 0.1 \end{pmatrix}", r"\begin{pmatrix} 0 \\ 1 \\ 2 \end{pmatrix}"
    assert redo.evaluate(W + x) == [[Decimal("1.1")], [Decimal("0.9")]]
    assert redo.evaluate(r"-0.1\,\begin{pmatrix} 1 & -2 \end{pmatrix}") == [[Decimal("-0.1"), Decimal("0.2")]]
    assert redo.evaluate(r"\begin{pmatrix} 2 \\ 3 \end{pmatrix} \odot \begin{pmatrix} 4 \\ 5 \end{pmatrix}") == [
        [Decimal(8)], [Decimal(15)]]


def test_sigma_is_the_exact_sigmoid():
    # 1 / (1 + e^-1.1), with e^-1.1 = 0.332871083698079553... (to 18 digits, from a table of e^x)
    assert abs(redo.evaluate(r"\sigma(1.1)") - Decimal("0.750260105595117604")) < Decimal("1e-17")


@pytest.mark.parametrize(("operands", "result", "expected"), [
    (r"-0.8918 \times 0.2471", "-0.2204", True),  # -0.220364 rounds to -0.2204
    (r"-0.8918 \times 0.2471", "-0.2203", False),  # the line the site printed before guard digits
    (r"0.125 + 0", "0.13", True), (r"0.125 + 0", "0.12", True),  # a tie reproduces either way
    (r"0.1251 + 0", "0.12", False),
    (r"1.25 \times 10^{-5} + 0", r"1.3 \times 10^{-5}", True),
    (r"-0.22\,\begin{pmatrix} 0.75 & 0.71 \end{pmatrix}", r"\begin{pmatrix} -0.165 & -0.156 \end{pmatrix}", True),
    (r"-0.22\,\begin{pmatrix} 0.75 & 0.71 \end{pmatrix}", r"\begin{pmatrix} -0.165 & -0.157 \end{pmatrix}", False),
])
def test_reproduces(operands, result, expected):
    assert redo.reproduces(operands, result) is expected


@pytest.mark.parametrize("tex", [r"x_1 + 2", r"\hat y", r"2 ) (", r"\begin{pmatrix} 1 & 2 \\ 3 \end{pmatrix}"])
def test_not_arithmetic(tex):
    with pytest.raises(redo.NotArithmetic):
        redo.evaluate(tex)


def test_chains_follow_aligned_rows():
    tex = r"\begin{aligned} a &= 2(0.5 - 1) \\[2pt] &= -1 \\[4pt] b &= 3 \cdot 2 = 6 \end{aligned}"
    assert chains(tex) == [["a", "2(0.5 - 1)", "-1"], ["b", r"3 \cdot 2", "6"]]
    assert [ok for *_, ok in checked_lines(tex)] == [True, True]
    assert [ok for *_, ok in checked_lines(tex.replace("= 6", "= 7"))] == [True, False]
