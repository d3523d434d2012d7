"""A quiet build: `make site` prints nothing a writer cannot act on, and `make serve`, which rebuilds only
the page you save (mkdocs' --dirty), is as quiet, with the saved page's links into the API reference
resolved (src/byhand_site/dirty_serve.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ENV, ROOT, SITE_ENV

# What a writer acts on: MkDocs' own progress lines, and the byhand plugin's warning that a page's code
# took longer than its budget (the page's code is slow). Anything else in the log of a clean build is noise.
ACTED_ON = re.compile(r"INFO\b|WARNING\s+-\s+budget: ")


def unasked(log: str) -> list[str]:
    """The lines of a build's log that are neither progress nor something the writer can act on."""
    return [line for line in log.splitlines() if line.strip() and not ACTED_ON.match(line)]


def test_a_clean_build_is_quiet(site_log):
    assert "Documentation built" in site_log, site_log[-2000:]
    assert unasked(site_log) == []


def test_the_quiet_check_sees_the_notices_it_was_written_for():
    """The notebook kernel's notice over TCP, and a dirty build's notice, as they were printed before."""
    noise = ("[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication ...",
             "WARNING -  A 'dirty' build is being performed, this will likely lead to inaccurate navigation ...")
    log = "\n".join(["INFO    -  Building documentation", *noise,
                     "WARNING -  budget: docs/index.md: its code took 2.5 s, over the 2 s budget per page"])
    assert unasked(log) == list(noise)

# The page saved: it links into the API reference ([step][byhand.step.step]).
SAVED = "update"
# The same dirty rebuild with the hook taken out of the configuration, as it was before the hook.
WITHOUT_HOOK = """
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True, hooks=[])
build(config, dirty=True)
"""


def saved_after_the_build(site, tmp_path):
    """A copy of the built site in which every page is newer than its source but the saved one."""
    out = tmp_path / "site"
    shutil.copytree(site, out)
    later = os.stat(ROOT / "docs" / f"{SAVED}.md").st_mtime + 3600
    for path in out.rglob("*"):
        os.utime(path, (later, later))
    os.utime(out / SAVED / "index.html", (0, 0))
    return out


def dirty(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env={**ENV, **SITE_ENV}, capture_output=True, text=True, timeout=300)


@pytest.mark.full  # a further build: in `make test`, not in `make check`
def test_a_dirty_rebuild_is_quiet_and_resolves_links_into_the_api(site, tmp_path):
    out = saved_after_the_build(site, tmp_path)
    result = dirty([sys.executable, "-m", "mkdocs", "build", "--strict", "--dirty", "--site-dir", str(out)])
    assert result.returncode == 0, result.stderr[-3000:]
    assert unasked(result.stderr) == [], result.stderr[-3000:]
    assert 'href="../reference/#byhand.step.step"' in (out / SAVED / "index.html").read_text()


@pytest.mark.full
def test_without_the_hook_the_dirty_rebuild_warns(site, tmp_path):
    out = saved_after_the_build(site, tmp_path)
    result = dirty([sys.executable, "-c", WITHOUT_HOOK, str(out)])
    assert "A 'dirty' build is being performed" in result.stderr, result.stderr[-3000:]
    assert "Could not find cross-reference target 'byhand.step.step'" in result.stderr, result.stderr[-3000:]
