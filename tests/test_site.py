"""The strict site build, the HTML it produces, and the build's failures naming page and block."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from byhand import compute, render

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ERROR_TEXT = ("Traceback (most recent call last)", "katex-error", "np.float64", "Error:")


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env=ENV, capture_output=True, text=True, timeout=300)


def nav_pages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.Loader)

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    return list(walk(config["nav"]))


def beyond_pages() -> list[str]:
    """The pages of the "Beyond the post" section: they print values of other computations too."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.Loader)
    section = next(item["Beyond the post"] for item in config["nav"]
                   if isinstance(item, dict) and "Beyond the post" in item)
    return [next(iter(item.values())) for item in section]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, f"the strict build failed:\n{result.stderr[-4000:]}"
    return out


def html_of(site: Path, page: str) -> str:
    path = site / ("index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html")
    assert path.is_file(), f"{page}: no {path.relative_to(site)} in the built site"
    return path.read_text(encoding="utf-8")


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


# ---- the build fails, and says where -----------------------------------------------------------

def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(DOCS, project / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


FAULTS = {
    "raises": ("1 / 0", "ZeroDivisionError"),
    "assertion": ("assert w.loss_new > w.loss  # markdown-exec: hide", "AssertionError"),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failing_block_fails_the_build_naming_page_and_block(tmp_path, fault):
    code, error = FAULTS[fault]
    project = copy_project(tmp_path)
    page = project / "docs" / "update.md"
    text = page.read_text()
    anchor = 'id="update-verdict" source="tabbed-right" tabs="Code|Result"\n'
    assert anchor in text
    page.write_text(text.replace(anchor, anchor + code + "\n"))
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "docs/update.md: code block 'update-verdict' failed" in output, output[-3000:]
    assert error in output


def test_bad_tex_fails_the_build_naming_the_page(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "tensor.md"
    page.write_text(page.read_text().replace(r"\operatorname{diag}\bigl(", r"\operatorname{diag}\bigl{(", 1))
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/tensor.md: KaTeX cannot typeset a formula" in result.stderr, result.stderr[-3000:]


# ---- no number typed by hand -------------------------------------------------------------------

DECIMAL = re.compile(r"(?<![\w.])[-+\u2212]?\d+\.\d+(?![\w.])")
ALLOWED: dict[str, str] = {}  # "file:line text" -> why a typed decimal is justified (none so far)


def typed_decimals(text: str) -> list[tuple[int, str]]:
    """Decimal numbers outside fenced code blocks, with their line numbers."""
    hits, fence = [], None
    for number, line in enumerate(text.splitlines(), 1):
        opening = re.match(r"\s*(`{3,}|~{3,})", line)
        if opening:
            fence = opening[1] if fence is None else (None if line.strip().startswith(fence) else fence)
            continue
        if fence is None and DECIMAL.search(line):
            hits.append((number, line.strip()))
    return hits


def test_no_decimal_number_is_typed_into_prose():
    found = [f"{p.relative_to(ROOT)}:{n}: {line}" for p in sorted(DOCS.rglob("*.md"))
             for n, line in typed_decimals(p.read_text(encoding="utf-8"))]
    assert [f for f in found if f not in ALLOWED] == []


def test_the_typed_decimal_check_can_fail():
    text = "Prose with 0.5541 in it.\n```python\nx = 0.1\n```\n$$ y = 2.17 $$\n"
    assert typed_decimals(text) == [(1, "Prose with 0.5541 in it."), (5, "$$ y = 2.17 $$")]


# ---- our own pages against the walkthrough, with the errata's comparison --------------------------

MN = re.compile(r"<mn>(\d+\.\d+)</mn>")


def divergent_numbers(html: str, pool: list[float]) -> list[str]:
    """Decimals printed in the page's math that equal no computed value at their printed precision."""
    from byhand.errata import compare

    return [d for d in MN.findall(html) if not any(compare(d, p) == "correct" for p in pool)]


def computed_pool() -> list[float]:
    w = compute()
    values = [*w.quantities().values(), 1 - w.a1, w.dL_dz2 * w.W2[0] * w.dsigma_z1,
              w.eta * w.dL_dW1, w.eta * w.dL_dW2]  # the last two: how far each weight moves
    return [abs(float(v)) for value in values for v in np.ravel(value)]


@pytest.mark.parametrize("page", [p for p in nav_pages() if p != "errata.md" and p not in beyond_pages()])
def test_our_pages_print_only_computed_values(site, page):
    assert divergent_numbers(html_of(site, page), computed_pool()) == []


def test_the_page_comparison_can_fail():
    html = "<mn>0.5541</mn> <mn>0.5542</mn> <mn>0.554</mn>"
    assert divergent_numbers(html, computed_pool()) == ["0.5542"]


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

OTHER = ROOT / "tests" / "data" / "other-example.toml"


@pytest.fixture(scope="session")
def other_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("other-site")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, env={**ENV, "BYHAND_EXAMPLE": str(OTHER)},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"the strict build for {OTHER.name} failed:\n{result.stderr[-4000:]}"
    return out


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


def test_the_errata_say_they_are_about_the_post(other_site, site):
    note = '<p class="admonition-title">This site is built for another example</p>'
    assert note in html_of(other_site, "errata.md")
    assert note not in html_of(site, "errata.md")


@pytest.mark.parametrize("page", [p for p in nav_pages() if p != "errata.md"])
def test_other_example_pages_print_its_values(other_site, page):
    from byhand import load

    html = html_of(other_site, page)
    for bad in ERROR_TEXT:
        assert bad not in html, f"{page}: the page contains {bad!r}"
    if page not in beyond_pages():
        w = compute(load(OTHER))
        values = [*w.quantities().values(), 1 - w.a1, w.dL_dz2 * w.W2[0] * w.dsigma_z1,
                  w.eta * w.dL_dW1, w.eta * w.dL_dW2]
        pool = [abs(float(v)) for value in values for v in np.ravel(value)]
        assert divergent_numbers(html, pool) == []
