"""Fixtures shared by the tests: the example, random networks, and the site built once per session."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import yaml
from hypothesis import settings

from byhand import Example, load
from byhand.core import random


@pytest.fixture
def post() -> Example:
    return load()


def random_network(seed: int, h: int = 2, n: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """A seeded random network (W1, W2, x, y) of widths n -> h -> 1, one example: byhand.core.random."""
    params, X, Y = random(seed, n, h, 1)
    return params.W1, params.W2, X[:, 0], float(Y[0])


# ---- waiting on a busy machine -----------------------------------------------------------------

def patience() -> float:
    """How many times longer than on a quiet machine a wait may take now: the load average per core, at
    least 1. The timeouts that remain scale with it, so that a busy machine (another suite running beside
    this one) makes the suite slower, never failing."""
    return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))


def scaled(quiet: float) -> float:
    """A timeout that is ``quiet`` on a quiet machine, longer on a busy one."""
    return quiet * patience()


# Browser waits are on states and events: n animation frames from now (what was drawn for the frame the
# page asked for is drawn then), and the end of every running transition and animation.
FRAMES = "n => new Promise(done => { const next = k => k ? requestAnimationFrame(() => next(k - 1)) : done(); next(n); })"
ANIMATIONS_DONE = "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"


def frames(tab, n: int = 2) -> None:
    """Wait until the page has drawn ``n`` more frames."""
    tab.evaluate(FRAMES, n)


def animations_done(tab) -> None:
    """Wait for the next frame (a transition starts there), then until every transition and animation ends."""
    frames(tab, 1)
    tab.evaluate(ANIMATIONS_DONE)


# ---- the site ----------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SUBPATH = "/gd-by-hand/"  # as on GitHub Pages, where a project site lives under /<repository>/
SITE_URL = f"https://example.invalid{SUBPATH}"  # the test build is published there, in the tests' eyes
yaml.add_constructor("!ENV", lambda loader, node: None, Loader=yaml.Loader)  # mkdocs.yml reads SITE_URL


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """The strict build of ``project`` into ``site``, with ``env`` added to the environment."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env={**ENV, **env}, capture_output=True, text=True, timeout=scaled(300))


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


# The session's builds are shared by the pytest-xdist workers: the first worker to need one builds it,
# holding a lock; the others wait for it and then read the same files.
EPOCH = os.environ.get("SOURCE_DATE_EPOCH", "1000000000")  # `make` sets the last commit's time
SITE_ENV = {"SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "1", "TZ": "UTC"}


def shared_dir(tmp_path_factory) -> Path:
    """A folder every worker of this test run sees (the parent of the workers' own temp folders)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_once(tmp_path_factory, testrun_uid: str, name: str, make: Callable[[], None]) -> None:
    """Run ``make`` once per test run, whichever worker asks first; the others wait for it."""
    shared = shared_dir(tmp_path_factory)
    done = shared / f"{name}-{testrun_uid}.done"
    with open(shared / f"{name}-{testrun_uid}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            make()
            done.touch()


# With pytest-xdist (`make check`, `make test`) the builds start in the background as the run starts,
# so that they overlap the unit tests instead of holding up the first worker that needs them.
EARLY = "BYHAND_EARLY_BUILDS"  # a folder holding each early build's log and, once it ends, its exit code


def start_build(folder: Path, name: str, site: Path, **env: str) -> subprocess.Popen:
    code = folder / f"{name}.rc"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    script = f'"$@"; echo $? > "{code}"'
    with (folder / f"{name}.log").open("w") as log:  # the child writes to its own copy of the descriptor
        return subprocess.Popen(["sh", "-c", script, "sh", *command], cwd=ROOT, env={**ENV, **env},
                                stdout=log, stderr=subprocess.STDOUT)


def pytest_configure(config) -> None:
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return  # a worker, or a run without xdist: the fixtures build when first asked
    folder = Path(tempfile.mkdtemp(prefix="byhand-builds-"))
    os.environ[EARLY] = str(folder)  # the workers inherit it
    config._byhand_builds = [start_build(folder, "site", ROOT / "site", **SITE_ENV)]
    if "not full" not in (config.getoption("markexpr") or ""):
        config._byhand_builds.append(start_build(folder, "other-site", folder / "other-site",
                                                 BYHAND_EXAMPLE=str(OTHER)))


def pytest_unconfigure(config) -> None:
    for process in getattr(config, "_byhand_builds", []):
        if process.poll() is None:
            process.kill()


def early_build(name: str) -> Path | None:
    """Wait for the early build ``name`` and return its folder, or None if none was started."""
    folder = os.environ.get(EARLY)
    if not folder or not (Path(folder) / f"{name}.log").exists():
        return None
    code = Path(folder) / f"{name}.rc"
    limit = scaled(300)
    deadline = time.monotonic() + limit
    while not code.exists() or not code.read_text().strip():
        assert time.monotonic() < deadline, f"the early build {name} did not finish in {limit:.0f} s"
        time.sleep(0.1)
    log = (Path(folder) / f"{name}.log").read_text()
    assert code.read_text().strip() == "0", f"the strict build ({name}) failed:\n{log[-4000:]}"
    return Path(folder)


@pytest.fixture(scope="session")
def site(tmp_path_factory, testrun_uid) -> Path:
    """The site, built once per test run into site/ (the build output a person looks at), as if it were
    published under a project subpath; tests/test_reproducible.py builds it again elsewhere to compare."""
    out = ROOT / "site"
    if early_build("site"):
        return out

    def make() -> None:
        result = build(ROOT, out, **SITE_ENV)
        (shared_dir(tmp_path_factory) / f"site-{testrun_uid}.log").write_text(result.stdout + result.stderr)
        assert result.returncode == 0, f"the strict build failed:\n{result.stderr[-4000:]}"

    build_once(tmp_path_factory, testrun_uid, "site", make)
    return out


@pytest.fixture(scope="session")
def site_log(site, tmp_path_factory, testrun_uid) -> str:
    """What the build of ``site`` printed."""
    early = os.environ.get(EARLY)
    if early and (Path(early) / "site.log").exists():
        return (Path(early) / "site.log").read_text()
    return (shared_dir(tmp_path_factory) / f"site-{testrun_uid}.log").read_text()


OTHER = ROOT / "tests" / "data" / "other-example.toml"


@pytest.fixture(scope="session")
def other_site(tmp_path_factory, testrun_uid) -> Path:
    """The site built for another example, tests/data/other-example.toml."""
    early = early_build("other-site")
    if early:
        return early / "other-site"
    out = shared_dir(tmp_path_factory) / f"other-site-{testrun_uid}"

    def make() -> None:
        result = build(ROOT, out, BYHAND_EXAMPLE=str(OTHER))
        assert result.returncode == 0, f"the strict build for {OTHER.name} failed:\n{result.stderr[-4000:]}"

    build_once(tmp_path_factory, testrun_uid, "other-site", make)
    return out


def page_dir(page: str) -> str:
    """Where MkDocs puts a page, relative to the site: "" for index.md, "reference/" for
    reference/index.md, "forward/" for forward.md (pages are .md, the notebook is .py)."""
    stem = page.rsplit(".", 1)[0]
    return "" if stem == "index" else stem[:-len("index")] if stem.endswith("/index") else stem + "/"


def html_of(site: Path, page: str) -> str:
    path = site / page_dir(page) / "index.html"
    assert path.is_file(), f"{page}: no {path.relative_to(site)} in the built site"
    return path.read_text(encoding="utf-8")


# Property tests (tests/test_properties.py): the same examples on every run and machine, so CI is
# reproducible and a failure can be rerun; no example database written into the tree; no per-example
# deadline, since a 2-core CI machine under load is slower than a laptop (the file's total is bounded
# by max_examples instead).
settings.register_profile("byhand", derandomize=True, database=None, deadline=None, max_examples=100,
                          print_blob=False)
settings.load_profile("byhand")
