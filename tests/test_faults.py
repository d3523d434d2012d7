"""The fault matrix: one fault at a time, injected into a copy of the project, must fail the real build
(or the test that guards it) with a message naming the file, and the block, cell or claim.

The copy holds src/, docs/, tests/, mkdocs.yml and pyproject.toml; PYTHONPATH puts the copy's src/
first, so a fault injected into the package is the one that runs. The builds run two at a time.
Print the matrix with `python tests/test_faults.py`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]


def pytest_of(*targets: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *targets]


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


VERDICT = 'id="update-verdict" source="tabbed-right" tabs="Code|Result"\n'


@dataclass(frozen=True)
class Fault:
    what: str
    inject: Callable[[Path], None]
    expect: tuple[str, ...]  # every one must be in the output (regular expressions)
    command: tuple[str, ...] = tuple(BUILD)
    env: tuple[tuple[str, str], ...] = ()


FAULTS = {
    "block-raises": Fault("a code block raises", edit("docs/update.md", VERDICT, VERDICT + "1 / 0\n"),
                          (r"docs/update\.md: code block 'update-verdict' failed", "ZeroDivisionError")),
    "block-assertion": Fault(
        "an assertion in a block no longer holds",
        edit("docs/update.md", VERDICT, VERDICT + "assert w.loss_new > w.loss  # markdown-exec: hide\n"),
        (r"docs/update\.md: code block 'update-verdict' failed", "AssertionError")),
    "typed-number": Fault(
        "a number typed by hand into prose", append("docs/forward.md", "\nThe loss is 0.1988.\n"),
        (r"docs/forward\.md:\d+: The loss is 0\.1988\.",),
        tuple(pytest_of("tests/test_site.py::test_no_decimal_number_is_typed_into_prose"))),
    "errata-flip": Fault(
        "a claim in the errata data whose verdict flips",
        edit("src/byhand/errata/claims.toml", 'quantity = "z2"\nclaimed = "0.217"', 'quantity = "z2"\nclaimed = "0.227"'),
        (r"new or changed verdicts \{'z2-in-dL-dW2': 'wrong'\}",),
        tuple(pytest_of("tests/test_errata.py::test_the_errata_are_exactly_the_documented_set"))),
    "notebook-cell": Fault(
        "a notebook cell raises", append("docs/companion.py", '\n# %%\nraise RuntimeError("injected")\n'),
        (r"docs/companion\.py: notebook code cell \d+ failed: RuntimeError: injected",)),
    "tex-in-page": Fault(
        "malformed LaTeX in a page",
        edit("docs/tensor.md", r"\operatorname{diag}\bigl(", r"\operatorname{diag}\bigl{("),
        (r"docs/tensor\.md: KaTeX cannot typeset a formula",)),
    "tex-generated": Fault(
        "malformed LaTeX in generated math",
        edit("src/byhand_site/formulas.py", r'rf"\frac{{\partial {of}}}{{\partial {by}}}"', r'rf"\frac{{\partial {of}}}{{\partial {by}"'),
        (r"docs/[\w-]+\.md: KaTeX cannot typeset a formula", r"expected '\}'")),
    "line-not-by-hand": Fault(
        "a displayed line whose printed operands do not give its printed result",
        edit("src/byhand_site/render.py", "shown = pmatrix(result) if", "result = result * 1.01 if not isinstance(result, np.ndarray) "
             "else result\n    shown = pmatrix(result) if"),
        (r"docs/[\w-]+\.md: code block '[\w-]+'(, '[\w-]+')* failed", r"NotReproduced: the line .* does not reproduce by hand")),
    "broken-link": Fault(
        "a broken internal link", append("docs/index.md", "\nSee [nowhere](no-such-page.md).\n"),
        (r"'index\.md' contains a link 'no-such-page\.md'",)),
    "broken-anchor": Fault(
        "a broken anchor", append("docs/index.md", "\nSee [a section](forward.md#no-such-section).\n"),
        (r"'index\.md' contains a link 'forward\.md#no-such-section'.*anchor '#no-such-section'",)),
    "missing-snippet": Fault(
        "a missing snippet file", append("docs/index.md", '\n--8<-- "no-such-snippet.md"\n'),
        (r"index\.md", r"no-such-snippet\.md")),
    "example-non-finite": Fault(
        "a non-finite value in the example file", example(toml(y="nan")),
        (r"the example is not valid .*bad-example\.toml: y: expected a finite",),
        env=(("BYHAND_EXAMPLE", "bad-example.toml"),)),
    "example-shape": Fault(
        "a wrong shape in the example file", example(toml(W1="[[0.4, 0.5], [0.2, 0.7]]")),
        (r"the example is not valid .*bad-example\.toml: W1: expected shape \(2, 3\), got \(2, 2\)",),
        env=(("BYHAND_EXAMPLE", "bad-example.toml"),)),
}


def copy_project(to: Path) -> Path:
    for name in ("src", "docs", "tests"):
        shutil.copytree(ROOT / name, to / name, ignore=shutil.ignore_patterns("__pycache__", "data-*"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, to / name)
    (to / "node_modules").symlink_to(ROOT / "node_modules")
    return to


def run(fault: Fault, project: Path) -> subprocess.CompletedProcess:
    fault.inject(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "src"), **dict(fault.env)}
    env.pop("SITE_URL", None)
    return subprocess.run(fault.command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, subprocess.CompletedProcess]:
    projects = {name: copy_project(tmp_path_factory.mktemp(name) / "project") for name in FAULTS}
    with ThreadPoolExecutor(max_workers=2) as pool:  # each run is its own process: two cores, two runs
        futures = {name: pool.submit(run, FAULTS[name], projects[name]) for name in FAULTS}
        return {name: future.result() for name, future in futures.items()}


def message(result: subprocess.CompletedProcess, fault: Fault) -> str:
    """The line of the output that names the fault: the first that matches an expectation."""
    lines = (result.stdout + "\n" + result.stderr).splitlines()
    return next((line.strip() for line in lines if re.search(fault.expect[0], line)), "(no such line)")


@pytest.mark.parametrize("name", FAULTS)
def test_the_fault_fails_and_is_named(outcomes, name):
    fault, result = FAULTS[name], outcomes[name]
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{fault.what}: the command succeeded\n{output[-3000:]}"
    for pattern in fault.expect:
        assert re.search(pattern, output, re.S), f"{fault.what}: no {pattern!r} in\n{output[-3000:]}"


def test_the_copy_without_a_fault_passes_the_same_checks(tmp_path):
    """The matrix is only meaningful if the unfaulted copy passes the non-build commands."""
    project = copy_project(tmp_path / "project")
    clean = Fault("nothing", lambda p: None, (), tuple(pytest_of(
        "tests/test_site.py::test_no_decimal_number_is_typed_into_prose",
        "tests/test_errata.py::test_the_errata_are_exactly_the_documented_set")))
    result = run(clean, project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


if __name__ == "__main__":  # the matrix as a Markdown table
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print("| fault | what failed | exit | message |\n|---|---|---|---|")
        for name, fault in FAULTS.items():
            result = run(fault, copy_project(Path(tmp) / name))
            failed = "mkdocs build --strict" if fault.command[2] == "mkdocs" else "pytest " + " ".join(fault.command[6:])
            print(f"| {fault.what} | {failed} | {result.returncode} | `{message(result, fault)[:160]}` |")
