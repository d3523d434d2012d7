"""Fixtures shared by the tests: the example, random networks, and the site built once per session."""

from __future__ import annotations

import os
import subprocess
import sys
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
                          cwd=project, env={**ENV, **env}, capture_output=True, text=True, timeout=300)


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
def site() -> Path:
    """The site, built once per session into site/ (the build output a person looks at), as if it were
    published under a project subpath."""
    out = ROOT / "site"
    result = build(ROOT, out, SITE_URL=SITE_URL)
    assert result.returncode == 0, f"the strict build failed:\n{result.stderr[-4000:]}"
    return out


OTHER = ROOT / "tests" / "data" / "other-example.toml"


@pytest.fixture(scope="session")
def other_site(tmp_path_factory) -> Path:
    """The site built for another example, tests/data/other-example.toml."""
    out = tmp_path_factory.mktemp("other-site")
    result = build(ROOT, out, BYHAND_EXAMPLE=str(OTHER))
    assert result.returncode == 0, f"the strict build for {OTHER.name} failed:\n{result.stderr[-4000:]}"
    return out


def html_of(site: Path, page: str) -> str:
    stem = page.rsplit(".", 1)[0]  # pages are .md, the notebook is .py
    path = site / ("index.html" if page == "index.md" else stem + "/index.html")
    assert path.is_file(), f"{page}: no {path.relative_to(site)} in the built site"
    return path.read_text(encoding="utf-8")


# Property tests (tests/test_properties.py): the same examples on every run and machine, so CI is
# reproducible and a failure can be rerun; no example database written into the tree; no per-example
# deadline, since a 2-core CI machine under load is slower than a laptop (the file's total is bounded
# by max_examples instead).
settings.register_profile("byhand", derandomize=True, database=None, deadline=None, max_examples=100,
                          print_blob=False)
settings.load_profile("byhand")
