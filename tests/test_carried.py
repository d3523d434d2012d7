"""The walkthrough is one chain a student can carry: the built pages, read in order by a student who writes
down every printed number and uses what they wrote.

This does not ask the renderer how a line was made. It reads the TeX of every formula of the walkthrough's
pages in reading order (KaTeX keeps it in an ``<annotation>``), finds each displayed calculation (a side of
arithmetic on printed numbers followed by a printed result, as ``test_by_hand`` finds them), and requires
every number in its operands to have been printed before, in an earlier formula, with the same digits.
A value the page marks as exact (a paragraph of class ``exact``, beside a carried result) is for comparison
and is not written down: it does not count as printed.
"""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal

import pytest

from byhand import redo
from conftest import html_of
from test_by_hand import ANNOTATION, arithmetic_sides, chains

WALKTHROUGH = ["index.md", "network.md", "forward.md", "output-gradient.md", "hidden-gradient.md", "update.md",
               "tensor.md"]
"""The pages of the walkthrough, in the order the navigation reads them."""
CONSTANTS = {"1", "2"}
"""Numbers that belong to a formula, not to the example: the 1 of $1 - \\hat y$ and $1/(1 + e^{-z})$, the 2 of
$2(\\hat y - y)$ (the example's own 1s and 2s are printed on the network page anyway)."""
EXACT = re.compile(r'<p class="exact">.*?</p>', re.S)
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:\s*\\times\s*10\^\{-?\d+\})?")


def numbers(tex: str) -> list[str]:
    """The printed numbers of a TeX side, signs dropped, spacing inside scientific notation removed."""
    return [re.sub(r"\s+", "", n) for n in NUMBER.findall(tex)]


def operand_sides(chain: list[str]) -> list[str]:
    """The sides of a chain that are arithmetic on printed numbers followed by a printed result."""
    return [left for left, _ in arithmetic_sides(chain)]


def unprinted(pages: list[tuple[str, str]]) -> list[str]:
    """For pages ``(name, html)`` read in order: every operand not printed before, as ``page: number in line``."""
    printed: set[str] = set()
    missing = []
    for page, html in pages:
        for tex in ANNOTATION.findall(EXACT.sub("", html)):
            for chain in chains(htmllib.unescape(tex)):
                for side in operand_sides(chain):
                    missing += [f"{page}: {n} in {side}" for n in numbers(side) if n not in printed | CONSTANTS]
                printed.update(n for side in chain for n in numbers(side))
    return missing


def walkthrough(site) -> list[tuple[str, str]]:
    return [(page, html_of(site, page)) for page in WALKTHROUGH]


def test_every_operand_was_printed_before(site):
    pages = walkthrough(site)
    assert unprinted(pages) == []
    lines = sum(len(operand_sides(chain)) for _, html in pages for tex in ANNOTATION.findall(html)
                for chain in chains(htmllib.unescape(tex)))
    assert lines >= 25, f"only {lines} displayed calculations found in the walkthrough: the reader lost track of them"


@pytest.mark.full  # a second build: in `make test`, not in `make check`
def test_every_operand_was_printed_before_on_the_other_example(other_site):
    assert unprinted(walkthrough(other_site)) == []


def test_an_injected_guard_digit_is_named(site):
    """The site as it was before the chain: an operand shown with one digit more than it was printed with."""
    pages = walkthrough(site)
    k = WALKTHROUGH.index("output-gradient.md")
    html = htmllib.unescape(pages[k][1])
    side = next(s for tex in ANNOTATION.findall(html) for chain in chains(tex) for s in operand_sides(chain)
                if r"\times" in s)  # the line of delta2: (dL/dyhat) x sigma'(z2)
    last = numbers(side)[-1]
    guarded = side[::-1].replace(last[::-1], (last + "7")[::-1], 1)[::-1]
    pages[k] = (pages[k][0], html.replace(side, guarded))
    assert unprinted(pages) == [f"output-gradient.md: {last}7 in {guarded}"]


def test_an_exact_value_is_not_written_down():
    """A number printed only as the exact value beside a carried result may not be carried."""
    def page(body: str) -> str:
        return f'<annotation encoding="application/x-tex">{body}</annotation>'
    first = page("a = 0.5541") + '<p class="exact">' + page("b = 0.2203") + "</p>"
    assert unprinted([("p.md", first + page(r"c = 0.5541 \times 0.2203 = 0.1221"))]) == [
        r"p.md: 0.2203 in 0.5541 \times 0.2203"]
    assert unprinted([("p.md", first + page(r"c = 0.5541 \times 2 = 1.108"))]) == []
    assert numbers(r"1.2 \times 10^{-5} + 0.5") == ["1.2\\times10^{-5}", "0.5"]


# ---- the carried chain in the package, against the 50-digit oracle ------------------------------------

@pytest.mark.parametrize("path", [None, "tests/data/other-example.toml"])
def test_carried_matches_the_oracle(path):
    """Each quantity of ``carried``, written down, is the oracle's carried chain at 4 significant digits."""
    from pathlib import Path

    import numpy as np
    import reference
    from byhand.example import load
    from byhand.walkthrough import SIG, carried, written

    ex = load(Path(__file__).resolve().parents[1] / path) if path else load()
    ours, ref = carried(ex), reference.of_example(ex, q=reference.significant(SIG))
    for key, value in ref.items():
        assert np.array_equal(written(np.asarray(ours[key]).reshape(np.shape(value))), value), key


def test_written_is_what_the_formatter_prints():
    from byhand.walkthrough import written
    from byhand_site.render import tex

    for v in (0.559961, -0.2203449, 0.00412842, 9.99996, 1.25e-5, 0.0):
        assert redo.evaluate(tex(written(v))) == redo.evaluate(tex(v)) == Decimal(repr(written(v))), v
