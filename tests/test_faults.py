"""The fault matrix: one fault at a time, injected into a copy of the project, must fail the real build
(or the test that guards it) with a message naming the file, and the block, cell or claim.

The copy holds src/, docs/, tests/, mkdocs.yml and pyproject.toml; PYTHONPATH puts the copy's src/
first, so a fault injected into the package is the one that runs. A build fault builds a minimal copy:
only the pages the fault is in (``keep``), with the site's plugins, strict mode and the same code
paths, and links to the pages left out reported but not failed; or, for faults in links, every page
with the code blocks shown instead of run (``BYHAND_EXEC=off``), so that link checking is whole. A
clean minimal copy of all the kept pages is the control. Each run is a test of its own, which
pytest-xdist spreads over the cores. Print the
matrix with `python tests/test_faults.py`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.full  # in `make test`, not in `make check`

ROOT = Path(__file__).resolve().parents[1]
BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]


def pytest_of(*targets: str) -> list[str]:
    # Plain asserts: the copy is new, so pytest would rewrite every test module afresh (a second or two);
    # the tests run here carry their own messages.
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--assert=plain", *targets]


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path}: the injection point {old[:60]!r} is gone; update the fault matrix"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return inject


def append(path: str, text: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        with (project / path).open("a", encoding="utf-8") as file:
            file.write(text)
    return inject


def example(text: str) -> Callable[[Path], None]:
    def inject(project: Path) -> None:
        (project / "bad-example.toml").write_text(text, encoding="utf-8")
    return inject


GOOD = {"x": "[0.0, 1.0, 2.0]", "y": "1.0", "W1": "[[0.4, 0.5, 0.3], [0.2, 0.7, 0.1]]",
        "W2": "[[0.1, 0.2]]", "eta": "0.1"}


def toml(**change: str) -> str:
    return "".join(f"{k} = {v}\n" for k, v in {**GOOD, **change}.items())


VERDICT = 'id="update-verdict"\n'


@dataclass(frozen=True)
class Fault:
    what: str
    inject: Callable[[Path], None]
    expect: tuple[str, ...]  # every one must be in the output (regular expressions)
    command: tuple[str, ...] = tuple(BUILD)
    env: tuple[tuple[str, str], ...] = ()
    keep: tuple[str, ...] | None = None  # the pages of a minimal copy; None: every page


NO_CODE = (("BYHAND_EXEC", "off"),)  # every page, blocks shown not run: a link fault needs the whole site


FAULTS = {
    "block-raises": Fault("a code block raises", edit("docs/update.md", VERDICT, VERDICT + "1 / 0\n"),
                          (r"docs/update\.md:\d+: block 'update-verdict' failed: ZeroDivisionError: division by zero",), keep=("update.md",)),
    "block-assertion": Fault(
        "an assertion in a block no longer holds",
        edit("docs/update.md", VERDICT, VERDICT + "assert w.loss_new > w.loss  # markdown-exec: hide\n"),
        (r"docs/update\.md:\d+: block 'update-verdict' failed: AssertionError",), keep=("update.md",)),
    "typed-number": Fault(
        "a number typed by hand into prose", append("docs/forward.md", "\nThe loss is 0.1988.\n"),
        (r"docs/forward\.md:\d+: the prose types the number 0\.1988",), keep=("forward.md",)),
    "errata-flip": Fault(
        "a claim in the errata data whose verdict flips",
        edit("src/byhand/errata/claims.toml", 'quantity = "z2"\nclaimed = "0.217"', 'quantity = "z2"\nclaimed = "0.227"'),
        (r"new or changed verdicts \{'z2-in-dL-dW2': 'wrong'\}",),
        tuple(pytest_of("tests/test_errata.py::test_the_errata_are_exactly_the_documented_set"))),
    "notebook-cell": Fault(
        "a notebook cell raises", append("docs/companion.py", '\n# %%\nraise RuntimeError("injected")\n'),
        (r"docs/companion\.py:\d+: notebook code cell \d+ failed: RuntimeError: injected",), keep=("companion.py",)),
    "tex-in-page": Fault(
        "malformed LaTeX in a page",
        edit("docs/tensor.md", r"\operatorname{diag}\bigl(", r"\operatorname{diag}\bigl{("),
        (r"docs/tensor\.md: KaTeX cannot typeset a formula",), keep=("tensor.md",)),
    "tex-generated": Fault(
        "malformed LaTeX in generated math",
        edit("src/byhand_site/formulas.py", r'rf"\frac{{\partial {of}}}{{\partial {by}}}"', r'rf"\frac{{\partial {of}}}{{\partial {by}"'),
        (r"docs/hidden-gradient\.md: KaTeX cannot typeset a formula", r"expected '\}'"), keep=("hidden-gradient.md",)),
    "line-not-by-hand": Fault(
        "a displayed line whose printed operands do not give its printed result",
        edit("src/byhand_site/render.py", "shown = pmatrix(result) if", "result = result * 1.01 if not isinstance(result, np.ndarray) "
             "else result\n    shown = pmatrix(result) if"),
        (r"docs/forward\.md:\d+: block '[\w-]+' failed", r"NotReproduced: the (carried )?line .* does not reproduce"),
        keep=("forward.md",)),
    # Both link checks in one build of the whole site (a link fault needs every page): each must warn,
    # at warning level (strict fails on those), naming the page and the link.
    "broken-links": Fault(
        "a broken internal link and a broken anchor",
        append("docs/index.md", "\nSee [nowhere](no-such-page.md) and [a section](forward.md#no-such-section).\n"),
        (r"WARNING\s+-\s+Doc file 'index\.md' contains a link 'no-such-page\.md'",
         r"WARNING\s+-\s+Doc file 'index\.md' contains a link 'forward\.md#no-such-section'.*anchor '#no-such-section'"),
        env=NO_CODE),
    "missing-snippet": Fault(
        "a missing snippet file", append("docs/index.md", '\n--8<-- "no-such-snippet.md"\n'),
        (r"index\.md", r"no-such-snippet\.md"), keep=("index.md",)),
    "example-non-finite": Fault(
        "a non-finite value in the example file", example(toml(y="nan")),
        (r"the example is not valid .*bad-example\.toml: y: expected a finite",),
        env=(("BYHAND_EXAMPLE", "bad-example.toml"),), keep=("index.md",)),
    "example-shape": Fault(
        "a wrong shape in the example file", example(toml(W1="[[0.4, 0.5], [0.2, 0.7]]")),
        (r"the example is not valid .*bad-example\.toml: W1: expected shape \(2, 3\), got \(2, 2\)",),
        env=(("BYHAND_EXAMPLE", "bad-example.toml"),), keep=("index.md",)),
}


PAGE_SOURCES = ("*.md", "*.py")  # pages and the notebook; docs/assets and the rest stay
NAV = re.compile(r"^nav:\n(?:  .*\n)+", re.M)
VALIDATION = re.compile(r"^validation:\n(?:  .*\n)+", re.M)
CROSS_REFERENCE = re.compile(r"\[([^\]]+)\]\[[\w]+(?:\.[\w]+)+\]")  # [`f`][byhand.module.f]
JUPYTER = re.compile(r"^  - mkdocs-jupyter:.*\n(?:      .*\n)+", re.M)
LEFT_OUT = "validation:\n  nav: {omitted_files: info, not_found: info}\n  links: {not_found: info, anchors: info}\n"


def copy_project(to: Path, keep: tuple[str, ...] | None = None) -> Path:
    """A copy of the project; with ``keep``, only those pages, in a nav of their own, and links to
    the pages left out reported at info level instead of failing the strict build."""
    for name in ("src", "docs", "tests"):
        shutil.copytree(ROOT / name, to / name, ignore=shutil.ignore_patterns("__pycache__", "data-*"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, to / name)
    (to / "node_modules").symlink_to(ROOT / "node_modules")
    if keep is not None:
        for pattern in PAGE_SOURCES:
            for page in (to / "docs").glob(pattern):
                if page.name not in keep:
                    page.unlink()
                elif page.suffix == ".md":  # the API reference is left out (it costs half a build):
                    text = page.read_text(encoding="utf-8")  # its cross-references keep only their text
                    page.write_text(CROSS_REFERENCE.sub(r"\1", text), encoding="utf-8")
        config = (to / "mkdocs.yml").read_text(encoding="utf-8")
        assert NAV.search(config) and VALIDATION.search(config), "mkdocs.yml: nav or validation moved; update the fault matrix"
        config = NAV.sub("nav:\n" + "".join(f"  - {page}\n" for page in keep), config)
        if "companion.py" not in keep:  # no notebook to convert: save the plugin's second of imports
            assert JUPYTER.search(config), "mkdocs.yml: the mkdocs-jupyter entry moved; update the fault matrix"
            config = JUPYTER.sub("", config)
        (to / "mkdocs.yml").write_text(VALIDATION.sub(LEFT_OUT, config), encoding="utf-8")
    return to


def run(fault: Fault, project: Path) -> subprocess.CompletedProcess:
    fault.inject(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "src"), **dict(fault.env)}
    env.pop("SITE_URL", None)
    return subprocess.run(fault.command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


NOTHING = lambda project: None  # noqa: E731  (the controls inject no fault)
KEPT = tuple(sorted({page for f in FAULTS.values() if f.keep for page in f.keep}))
CONTROLS = {  # the unfaulted copies, which must pass: without them a failure would prove nothing
    "control-commands": Fault("nothing", NOTHING, (), tuple(pytest_of(
        "tests/test_errata.py::test_the_errata_are_exactly_the_documented_set"))),
    "control-minimal": Fault("nothing", NOTHING, (), keep=KEPT),  # every page a fault keeps, run
    "control-whole": Fault("nothing", NOTHING, (), env=NO_CODE),  # every page, code shown not run
}


def message(result: subprocess.CompletedProcess, fault: Fault) -> str:
    """The line of the output that names the fault: the first that matches an expectation."""
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    return next((line.strip() for line in lines if re.search(fault.expect[0], line)), "(no such line)")


# One test a run, so that pytest-xdist spreads the builds over the cores with the rest of the suite.
@pytest.mark.parametrize("name", FAULTS)
def test_the_fault_fails_and_is_named(tmp_path, name):
    fault = FAULTS[name]
    result = run(fault, copy_project(tmp_path / "project", fault.keep))
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{fault.what}: the command succeeded\n{output[-3000:]}"
    for pattern in fault.expect:
        assert re.search(pattern, output, re.S), f"{fault.what}: no {pattern!r} in\n{output[-3000:]}"


@pytest.mark.parametrize("name", CONTROLS)
def test_the_copy_without_a_fault_passes(tmp_path, name):
    """The matrix is only meaningful if the unfaulted copies pass: the non-build commands, the minimal
    build of every page a fault keeps, and every page with its code shown instead of run."""
    result = run(CONTROLS[name], copy_project(tmp_path / "project", CONTROLS[name].keep))
    assert result.returncode == 0, f"{name}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"


if __name__ == "__main__":  # the matrix as a Markdown table
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("| fault | what failed | exit | message |\n|---|---|---|---|")
        for name, fault in FAULTS.items():
            result = run(fault, copy_project(Path(tmp) / name, fault.keep))
            failed = "mkdocs build --strict" if fault.command[2] == "mkdocs" else "pytest " + " ".join(fault.command[6:])
            print(f"| {fault.what} | {failed} | {result.returncode} | `{message(result, fault)[:160]}` |")
