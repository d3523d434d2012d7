"""The companion notebook: run at every build, published as a .ipynb that runs in Jupyter."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from byhand import compute
from byhand_site import render
from conftest import html_of

PAGE = "companion.py"


@pytest.fixture(scope="module")
def published(site):
    """The .ipynb a reader downloads from the notebook page, executed as Jupyter would run it."""
    notebook = nbformat.read(site / "companion" / "companion.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert not any(cell.get("outputs") for cell in notebook.cells), "the download should carry no stale outputs"
    NotebookClient(notebook, kernel_name="python3", timeout=60, allow_errors=False).execute()
    return notebook


def test_the_downloaded_notebook_runs_and_states_the_headline_values(published):
    w = compute()
    text = "".join(out.get("text", "") for cell in published.cells for out in cell.get("outputs", []))
    assert f"prediction {render.text(w.y_hat)} -> {render.text(w.y_hat_new)}" in text
    assert f"loss       {render.text(w.loss)} -> {render.text(w.loss_new)}" in text


def test_the_page_offers_the_download_and_shows_executed_output(site):
    html = html_of(site, PAGE)
    assert '<a class="md-button md-button--primary" href="companion.ipynb" download>' in html
    w = compute()
    assert f"prediction {render.text(w.y_hat)} -&gt; {render.text(w.y_hat_new)}" in html
    assert html.count('class="jp-Cell jp-CodeCell') >= 6 and "cell-id=" not in html


def test_the_notebook_math_is_typeset_and_nothing_loads_from_other_hosts(site):
    html = html_of(site, PAGE)
    assert html.count('<span class="arithmatex"><span class="katex">') >= 8
    markdown_cells = [c for c in html.split('<div class="jp-Cell ')[1:] if c.startswith("jp-MarkdownCell")]
    assert len(markdown_cells) >= 5 and not [c for c in markdown_cells if "$" in c], "raw $...$ left"
    for host in ("cdnjs.cloudflare.com", "mathjax", "MathJax"):
        assert host not in html, host


# A failing cell fails the build naming the cell: tests/test_faults.py.
