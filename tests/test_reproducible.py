"""Two clean builds of the same sources give byte-identical sites.

The first build is the session's site (tests/conftest.py); the second differs from it in everything
that should not matter: the project's absolute path (it builds a copy elsewhere), the site directory,
Python's hash seed (set and dict-of-str ordering) and the time zone. Both get the same SOURCE_DATE_EPOCH, as ``make`` gives every build (the time of the last
commit); without it the sitemap archive carries the day of the build.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EPOCH, SITE_ENV, build

pytestmark = pytest.mark.full  # in `make test`, not in `make check`

ROOT = Path(__file__).resolve().parents[1]
# Site files that cannot be byte-identical, each with its reason. None so far: keep it that way, or
# say here why not.
ALLOWED: dict[str, str] = {}
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache", ".pytest_cache",
                                     "__pycache__", ".hypothesis", ".ipynb_checkpoints")


@pytest.fixture(scope="module")
def builds(site, tmp_path_factory) -> tuple[Path, Path]:
    """The session's site (built in the project, PYTHONHASHSEED=1, TZ=UTC) and a second build of a copy
    of the project elsewhere, with another hash seed and time zone."""
    base = tmp_path_factory.mktemp("reproducible")
    elsewhere = base / "elsewhere" / "project"
    shutil.copytree(ROOT, elsewhere, ignore=NOT_SOURCES, symlinks=True)
    (elsewhere / "node_modules").symlink_to(ROOT / "node_modules")
    other = base / "b" / "site"
    env = {**SITE_ENV, "PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati"}
    assert env["SOURCE_DATE_EPOCH"] == SITE_ENV["SOURCE_DATE_EPOCH"] and env["PYTHONHASHSEED"] != SITE_ENV["PYTHONHASHSEED"]
    result = build(elsewhere, other, **env)
    assert result.returncode == 0, f"the strict build failed:\n{result.stderr[-4000:]}"
    return site, other


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: Path, b: Path) -> str:
    """Where two versions of a file part, for the failure message."""
    x, y = a.read_bytes(), b.read_bytes()
    at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f"at byte {at}: {x[max(at - 40, 0):at + 40]!r}\n        vs {y[max(at - 40, 0):at + 40]!r}"


def test_two_clean_builds_are_byte_identical(builds):
    a, b = builds
    da, db = digests(a), digests(b)
    assert da, "the first build wrote no files"
    report = []
    for path in sorted(da.keys() | db.keys()):
        if path in ALLOWED or da.get(path) == db.get(path):
            continue
        if path not in db or path not in da:
            report.append(f"{path}: only in the {'first' if path in da else 'second'} build")
        else:
            report.append(f"{path}: differs {first_difference(a / path, b / path)}")
    assert not report, "the two builds differ:\n" + "\n".join(report)
    stale = [path for path in ALLOWED if da.get(path) == db.get(path)]
    assert not stale, f"allowed to differ but identical (remove from ALLOWED): {stale}"


def test_the_sitemap_archive_is_dated_by_source_date_epoch(builds):
    """mkdocs stamps the gzip header with the day of the newest page: the epoch's day, not today."""
    with gzip.open(builds[0] / "sitemap.xml.gz") as archive:
        archive.read()
        assert archive.mtime == int(EPOCH) // 86400 * 86400


@pytest.mark.skipif(shutil.which("make") is None or shutil.which("git") is None, reason="needs make and git")
def test_make_sets_source_date_epoch_from_the_last_commit():
    unset = ("SOURCE_DATE_EPOCH", "MAKEFLAGS", "MAKELEVEL")  # as from a shell, not from inside `make test`
    env = {k: v for k, v in os.environ.items() if k not in unset}
    show = ["make", "-s", "--no-print-directory", "--eval", 'show-epoch: ; @echo "$$SOURCE_DATE_EPOCH"', "show-epoch"]
    shown = subprocess.run(show, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    expected = commit.stdout.strip() if commit.returncode == 0 and commit.stdout.strip() else "315532800"
    assert shown == expected


# The notebook page is part of both builds above; the byhand plugin (src/mkdocs_byhand/notebook_page.py)
# numbers its cells, which nbformat would otherwise give random ids.
