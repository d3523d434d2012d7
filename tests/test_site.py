"""The strict site build, the HTML it produces, and the build's failures naming page and block."""

from __future__ import annotations

import re

import numpy as np
import pytest

from byhand import compute
from byhand_site import render
from conftest import DOCS, OTHER, ROOT, beyond_pages, html_of, nav_pages

ERROR_TEXT = ("Traceback (most recent call last)", "katex-error", "np.float64", "Error:")


@pytest.mark.parametrize("page", nav_pages())
def test_every_page_builds_clean(site, page):
    html = html_of(site, page)
    for bad in ERROR_TEXT:
        assert bad not in html, f"{page}: the page contains {bad!r}"
    assert "arithmatex" not in html or "class=\"katex" in html, f"{page}: math was not typeset"


def test_headline_values_appear_as_formatted(site):
    w = compute()
    home = html_of(site, "index.md")
    for value in (w.y_hat, w.y_hat_new, w.loss, w.loss_new):
        assert f"<mn>{render.tex(value)}</mn>" in home, render.tex(value)
    update = html_of(site, "update.md")
    for value in w.W1_new.ravel():
        assert f"<mn>{render.tex(value).lstrip('-')}</mn>" in update


# The build's failures, each naming page and block, are proven in tests/test_faults.py.


# ---- no number typed by hand -------------------------------------------------------------------
# The byhand plugin's typed_numbers option, on in mkdocs.yml: a decimal typed into a page's prose fails the
# build, named with file and line (tests/test_faults.py injects one; tests/test_outside_site.py tests the option).


# ---- our own pages against the walkthrough, with the errata's comparison --------------------------

MN = re.compile(r"<mn>(\d+\.\d+)</mn>")


def divergent_numbers(html: str, pool: list[float]) -> list[str]:
    """Decimals printed in the page's math that equal no computed value at their printed precision."""
    from byhand.errata import compare

    return [d for d in MN.findall(html) if not any(compare(d, p) == "correct" for p in pool)]


def moves_ratio(w) -> float:
    """The update page compares the largest output move with the largest hidden move, as a ratio."""
    small, big = sorted([abs(w.W1_new - w.W1).max(), abs(w.W2_new - w.W2).max()])
    return big / small


def computed_pool(ex=None) -> list[float]:
    """Every value a walkthrough page of ``ex`` (default: the post's) may print."""
    from byhand.walkthrough import carried, written

    w = compute(ex)
    c = carried(w.example)  # the walkthrough's lines, each result from the results written before it
    g1, g2, slope = written(c.dL_dW1), written(c.dL_dW2), written(c.dsigma_z1).max()
    values = [*w.quantities().values(), 1 - w.a1, w.dL_dz2 * w.W2[0] * w.dsigma_z1, np.exp(-w.z1),
              w.eta * w.dL_dW1, w.eta * w.dL_dW2,  # how far each weight moves
              moves_ratio(w), *c.quantities().values(),
              1 / (1 + written(np.exp(-c.z1))),  # the sigmoid with e^-z written down too early
              c.eta * g1, c.eta * g2, abs(g2).max() / abs(g1).max(), abs(c.x).max() * abs(c.W2).max() * slope]
    return [abs(float(v)) for value in values for v in np.ravel(value)]


# The errata show the post's numbers; the notation page shows what a line's operands cut to four digits
# would give, a number that is deliberately not a quantity of the walkthrough.
@pytest.mark.parametrize("page", [p for p in nav_pages() if p not in ("errata.md", "notation.md") and p not in beyond_pages()])
def test_our_pages_print_only_computed_values(site, page):
    assert divergent_numbers(html_of(site, page), computed_pool()) == []


def test_the_page_comparison_can_fail():
    html = "<mn>0.5541</mn> <mn>0.5542</mn> <mn>0.554</mn>"
    assert divergent_numbers(html, computed_pool()) == ["0.5542"]


# ---- the search index --------------------------------------------------------------------------

def test_the_search_index_holds_each_formula_once_as_tex(site):
    import json

    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    w = compute()
    formula = rf"\sigma({render.tex(w.z2)}) = {render.tex(w.y_hat)}"  # printed only as math, never in code
    found = [d["location"] for d in docs for _ in range(d["text"].count(formula))]
    assert found == ["forward/#into-the-output"]
    rendered = [d["location"] for d in docs if "\u200b" in d["text"] or "katex" in d["text"]]
    assert rendered == [], "KaTeX's HTML or MathML rendering leaked into the search index"


# ---- golden values published with the site -------------------------------------------------------

def test_golden_json_is_published_and_equals_the_walkthrough(site):
    from byhand import golden

    path = site / golden.PATH
    assert path.is_file(), f"no {golden.PATH} in the built site"
    back = golden.load(path.read_text(encoding="utf-8"))
    w = compute()
    assert set(back) == set(w.quantities())
    for name, value in w.quantities().items():
        assert np.array_equal(back[name], value), name
    assert 'href="golden/worked-example.json"' in html_of(site, "index.md")


# ---- the whole site for another example --------------------------------------------------------



@pytest.mark.full  # a second build: in `make test`, not in `make check`
def test_headline_values_follow_the_example(other_site):
    from byhand import load
    from byhand.example import post

    mine, theirs = compute(load(OTHER)), compute(post())
    home, update = html_of(other_site, "index.md"), html_of(other_site, "update.md")
    for key in ("y_hat", "y_hat_new", "loss", "loss_new"):
        shown = f"<mn>{render.tex(mine[key])}</mn>"
        assert shown in home, key
        assert render.tex(mine[key]) != render.tex(theirs[key]), key
        assert f"<mn>{render.tex(theirs[key])}</mn>" not in home, key
    for value in mine.W1_new.ravel():
        assert f"<mn>{render.tex(value).lstrip('-')}</mn>" in update
    golden_file = (other_site / "golden" / "worked-example.json").read_text(encoding="utf-8")
    assert json_loss(golden_file) == mine.loss != theirs.loss


def json_loss(text: str) -> float:
    from byhand import golden

    return golden.load(text)["loss"]


@pytest.mark.full  # a second build: in `make test`, not in `make check`
def test_the_errata_say_they_are_about_the_post(other_site, site):
    note = '<p class="admonition-title">This site is built for another example</p>'
    assert note in html_of(other_site, "errata.md")
    assert note not in html_of(site, "errata.md")


@pytest.mark.full  # a second build: in `make test`, not in `make check`
@pytest.mark.parametrize("page", [p for p in nav_pages() if p != "errata.md"])
def test_other_example_pages_print_its_values(other_site, page):
    from byhand import load

    html = html_of(other_site, page)
    for bad in ERROR_TEXT:
        assert bad not in html, f"{page}: the page contains {bad!r}"
    if page not in beyond_pages():
        assert divergent_numbers(html, computed_pool(load(OTHER))) == []


# ---- no quantitative word typed by hand ------------------------------------------------------------

QUANTITY_WORD = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|million"
    r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twice|thrice|half|halves|halved|halving"
    r"|double[sd]?(?![- ]precision)|doubling|triple[sd]?|quarters?|dozen|factor of"
    r"|times (?:as|more|less|smaller|larger|bigger|faster|slower)|orders? of magnitude|percent)\b", re.I)
COUNT = {"two": 2, "three": 3, "four": 4, "six": 6, "eight": 8}


def structure() -> dict[str, int]:
    """The counts the pages may write as words, each measured from the code: the 3-2-1 network's
    sizes are fixed by the example file's schema, the gradient forms by the registry."""
    from byhand import FORMS, dsigma
    from byhand.gradients import dz1_dW1

    w = compute()
    h, n = w.W1.shape
    return {"inputs": n, "hidden units": h, "output weights": w.W2.size, "hidden weights": w.W1.size,
            "weights": w.W1.size + w.W2.size, "gradient forms": len(FORMS),
            "layers of units": 3, "indices of a weight": 2, "indices of dz1/dW1": np.ndim(dz1_dW1(h, w.x)),
            "sign factors of a hidden gradient": 3, "products of the batch gradient": 2,
            "sigma' peaks at 1/4, at z = 0": bool(dsigma(0.0) == 0.25 and dsigma(np.linspace(-9, 9, 1801)).max() <= 0.25)}


# Each quantitative word in prose, by "file: word next-word". A count names what it counts in
# structure() (and the test measures it); any other use says why it states no quantity.
WORDS: dict[str, str] = {
    "docs/checks.md: three ways": "gradient forms",
    "docs/checks.md: three index": "indices of dz1/dW1",
    "docs/checks.md: three derivations": "gradient forms",
    "docs/checks.md: third derivative": "names the order of a derivative, not a quantity",
    "docs/checks.md: two": "the two error terms, truncation and rounding, named in the sentences around it",
    "docs/checks.md: two wide": "the two steps H and 2H of the formula beside it",
    "docs/checks.md: eight weights": "weights",
    "docs/checks.md: three forms": "gradient forms",
    "docs/checks.md: three analytic": "gradient forms",
    "docs/forward.md: three inputs": "inputs",
    "docs/forward.md: two hidden": "hidden units",
    "docs/general.md: two products": "products of the batch gradient",
    "docs/hidden-gradient.md: six weights": "hidden weights",
    "docs/hidden-gradient.md: six components": "hidden weights",
    "docs/index.md: three inputs": "inputs",
    "docs/index.md: two sigmoid": "hidden units",
    "docs/index.md: two output": "output weights",
    "docs/index.md: six hidden": "hidden weights",
    "docs/index.md: three index": "indices of dz1/dW1",
    "docs/index.md: doubles )": "names the type of a number (a float64), not a quantity",
    "docs/index.md: four equations": "the four backpropagation equations printed under it",
    "docs/practice.md: two significant": "the practice rule's minimum (byhand.practice._coarse: a unit of the last digit at most a tenth of the value)",
    "docs/invariants.md: three signs": "sign factors of a hidden gradient",
    "docs/network.md: three layers": "layers of units",
    "docs/network.md: three inputs": "inputs",
    "docs/network.md: two hidden": "hidden units",
    "docs/network.md: quarter": "sigma' peaks at 1/4, at z = 0",
    "docs/notation.md: two indices": "indices of a weight",
    "docs/notation.md: twice": "the two checks are named in the same sentence; no measured quantity",
    "docs/output-gradient.md: two weights": "output weights",
    "docs/output-gradient.md: three local": "the chain dL/dyhat, dyhat/dz2, dz2/dW2 written above it",
    "docs/output-gradient.md: two are": "dL/dyhat and dyhat/dz2, the two scalars of the formula above it",
    "docs/rounding.md: factor of the": "a factor of the chain rule: a term of a product, not a ratio",
    "docs/tensor.md: two for": "indices of a weight",
    "docs/tensor.md: three index": "indices of dz1/dW1",
}


def quantity_words(text: str) -> list[str]:
    """'word next-word' for each quantitative word outside fenced code, lowercased."""
    found, fence = [], None
    for line in text.splitlines():
        opening = re.match(r"\s*(`{3,}|~{3,})", line)
        if opening:
            fence = opening[1] if fence is None else (None if line.strip().startswith(fence) else fence)
            continue
        if fence is None:
            line = re.sub(r"`[^`]*`|(?<=\])\[[^\]]*\]|(?<=\])\([^)]*\)", "", line)  # code, link targets
            for m in QUANTITY_WORD.finditer(line):
                after = re.match(r"[\s-]*([\w$\\^{}()]+)", line[m.end():])
                found.append(f"{m[0].lower()} {after[1].lower() if after else ''}".strip())
    return found


def word_problems(found: list[str], words: dict[str, str], counts: dict[str, int | bool]) -> list[str]:
    """Each phrase found that is not explained, or whose count or fact the code does not confirm."""
    problems = [f"{f}: typed into prose (print it from code, or justify it in WORDS)" for f in found if f not in words]
    for phrase in dict.fromkeys(f for f in found if f in words):
        word, why = phrase.split(": ", 1)[1].split()[0], words[phrase]
        if why in counts and word in COUNT and COUNT[word] != counts[why]:
            problems.append(f"{phrase}: the page says {word}, but the code counts {counts[why]} {why}")
        elif why in counts and counts[why] is not True and word not in COUNT:
            problems.append(f"{phrase}: the code does not confirm '{why}'")
    return problems


def test_no_quantitative_word_is_typed_into_prose():
    found = [f"{p.relative_to(ROOT)}: {phrase}" for p in sorted(DOCS.rglob("*.md"))
             for phrase in quantity_words(p.read_text(encoding="utf-8"))]
    assert word_problems(found, WORDS, structure()) == []


def test_the_quantitative_word_check_can_fail():
    assert quantity_words("It halves the loss, twice.\n```\nthree\n```\nA factor of ten.") == [
        "halves the", "twice", "factor of ten", "ten"]
    assert quantity_words("in double precision, a double-precision float") == []
    counts = {**structure(), "inputs": 4}  # an example with four inputs, where a page still says three
    assert word_problems(["docs/forward.md: three inputs", "docs/x.md: twice"], WORDS, counts) == [
        "docs/x.md: twice: typed into prose (print it from code, or justify it in WORDS)",
        "docs/forward.md: three inputs: the page says three, but the code counts 4 inputs"]


def test_a_page_links_the_api_stylesheet_only_if_it_shows_api_docs(site):
    """mkdocstrings links its stylesheet from every page; the byhand plugin keeps it only where it applies."""
    linking = {page for page in nav_pages() if "_mkdocstrings.css" in html_of(site, page)}
    showing = {page for page in nav_pages() if 'class="doc doc-' in html_of(site, page)}
    assert showing == {p for p in nav_pages() if p.startswith("reference/")} and len(showing) == 4 and linking == showing, (linking, showing)
    page_404 = (site / "404.html").read_text(encoding="utf-8")
    assert "_mkdocstrings.css" not in page_404
    assert 'class="katex' not in page_404 and "katex.min.css" not in page_404 and "copy-tex" not in page_404


def test_the_unused_stylesheet_rule_keeps_what_a_page_uses():
    from mkdocs_byhand.page_assets import drop_unused

    head = '<head>\n  <link rel="stylesheet" href="../assets/_mkdocstrings.css">\n  <link rel="stylesheet" href="../assets/extra.css">\n</head>'
    assert drop_unused(head + "<p>prose</p>") == '<head>\n  <link rel="stylesheet" href="../assets/extra.css">\n</head><p>prose</p>'
    api = head + '<div class="doc doc-object">'
    assert drop_unused(api) == api
    script = '\n    <script src="../assets/katex/copy-tex.min.js" defer></script>'
    assert drop_unused(f"<body>{script}</body>") == "<body></body>"
    assert drop_unused(f'<body><span class="katex">x</span>{script}</body>').endswith(f"{script}</body>")


def test_a_page_with_math_preloads_the_two_fonts_it_draws_first(site):
    """KaTeX's main and math-italic fonts are asked for with the page, on every page that has a formula,
    and the files are there."""
    for page in nav_pages():
        html = html_of(site, page)
        preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', html)
        if 'class="katex' in html:
            assert [p.rsplit("/", 1)[1] for p in preloads] == ["KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"], page
            assert all((site / "assets/katex/fonts" / p.rsplit("/", 1)[1]).is_file() for p in preloads)
        else:
            assert preloads == [], page


def test_the_site_ships_the_theme_script_patched(site):
    """Each of mkdocs_byhand.theme_patch's statements is in the built site's copy of the theme's script, in
    place of the theme's own (tests/test_browser.py measures what they save)."""
    from mkdocs_byhand.theme_patch import PATCHES

    [bundle] = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    script = bundle.read_text(encoding="utf-8")
    assert all(script.count(p.new) == 1 and p.old not in script for p in PATCHES), [
        p.name for p in PATCHES if script.count(p.new) != 1 or p.old in script]


def test_a_theme_patch_that_misses_its_statement_is_skipped_with_one_line(caplog):
    """The installed theme's script holds each statement once; in a script that does not (another version of
    the theme), the option whose statement is missing is skipped, all of it, saying so in one info line, and
    the other option still applies; patching twice changes nothing."""
    from pathlib import Path

    import material

    from mkdocs_byhand.theme_patch import PATCHES, applicable, patch

    [original] = Path(material.__file__).parent.glob("templates/assets/javascripts/bundle.*.min.js")
    script = original.read_text(encoding="utf-8")
    both = {"theme_startup", "wrap_tables"}
    assert applicable(script, both) == PATCHES
    patched = patch(script, PATCHES)
    assert patch(patched, PATCHES) == patched and patched != script and applicable(patched, both) == PATCHES
    assert len(patched) - len(script) == sum(len(p.new) - len(p.old) for p in PATCHES)
    for p in PATCHES:
        caplog.clear()
        with caplog.at_level("INFO", logger="mkdocs.plugins.byhand"):
            kept = applicable(script.replace(p.old, ""), both)
        assert kept == tuple(q for q in PATCHES if q.option != p.option), p.name
        [line] = caplog.messages
        assert line.startswith(f"byhand: {p.option} skipped:") and repr(p.name) in line, line


def test_the_build_wraps_each_table_as_the_theme_would():
    """A table with no class (those the theme wraps as it starts) goes into the theme's two scroll boxes;
    a table with a class, or one that holds another table, is left as it is."""
    from mkdocs_byhand.theme_patch import wrap_tables

    box = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{}</div></div>'
    table, classed = "<table>\n<tr><td>1</td></tr>\n</table>", '<table class="dataframe"><tr><td>2</td></tr></table>'
    assert wrap_tables(f"<p>a</p>{table}<p>b</p>{classed}{table}") == f"<p>a</p>{box.format(table)}<p>b</p>{classed}{box.format(table)}"
    nested = f"<table><tr><td>{classed}</td></tr></table>"
    assert wrap_tables(nested) == nested
