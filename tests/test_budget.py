"""The byhand plugin's budget: it times each page's blocks, warns past the budget without failing the
strict build, and (for `make bench`) records the times and can show blocks instead of running them.
The small site below enables the plugin as another tutorial would, by name and with its options."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

KATEX = Path(__file__).resolve().parents[1] / "node_modules" / "katex"
SLOW = 0.5  # seconds the slow page's block sleeps; the budget under test is half that
PAGES = {
    "slow.md": f'# Slow\n\n```python exec="on" id="nap"\nimport time\ntime.sleep({SLOW})\nprint("woke")\n```\n',
    "fast.md": '# Fast\n\n```python exec="on"\nprint("quick")\n```\n',
    "prose.md": "# Prose\n\nNo code here.\n",
}


def build(tmp_path: Path, options: str = "", **env: str) -> tuple[subprocess.CompletedProcess, dict, Path]:
    """A small strict site with the plugin (and its ``options``, YAML flow mappings without braces), built
    with ``env``; returns the run, the timings and the site."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    for name, text in PAGES.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: budget\nstrict: true\nmarkdown_extensions: [pymdownx.superfences]\n"
        f"plugins:\n  - markdown-exec\n  - byhand: {{katex: {KATEX}{options}}}\n", encoding="utf-8")
    timings, site = tmp_path / "timings.json", tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BYHAND_TIMINGS": str(timings), **env})
    assert run.returncode == 0, run.stderr[-3000:]
    return run, json.loads(timings.read_text()), site


def test_a_page_over_budget_is_named_and_the_strict_build_still_passes(tmp_path):
    run, times, site = build(tmp_path, BYHAND_PAGE_BUDGET=str(SLOW / 2))
    warnings = [line for line in run.stderr.splitlines() if "budget:" in line]
    assert len(warnings) == 1, run.stderr
    took = re.fullmatch(r"WARNING -  budget: docs/slow\.md: its code took (\S+) s, over the .*", warnings[0])
    assert took and float(took[1]) >= SLOW, warnings[0]
    assert f"over the {SLOW / 2:g} s budget per page" in warnings[0]
    assert times["slow.md"]["blocks"] == 1 and times["slow.md"]["block_seconds"] >= SLOW
    assert times["fast.md"]["blocks"] == 1 and times["fast.md"]["block_seconds"] < SLOW / 2
    assert times["prose.md"] == {"blocks": 0, "block_seconds": 0.0, "notebook": None}
    assert "<p>woke</p>" in (site / "slow" / "index.html").read_text()


def test_with_execution_off_blocks_are_shown_not_run_and_within_budget_nothing_is_said(tmp_path):
    run, times, site = build(tmp_path, BYHAND_EXEC="off")  # and the stated budget, 2 s
    assert "budget:" not in run.stderr
    assert times["slow.md"]["blocks"] == 1 and times["slow.md"]["block_seconds"] < SLOW
    page = (site / "slow" / "index.html").read_text()
    assert f"time.sleep({SLOW})" in page and "<p>woke</p>" not in page


def test_the_budget_is_an_option_and_the_environment_wins_over_it(tmp_path):
    run, _, _ = build(tmp_path, options=f", page_budget: {SLOW / 2}")
    assert "budget: docs/slow.md: its code took" in run.stderr and "budget: docs/fast.md" not in run.stderr
    run, _, _ = build(tmp_path, options=f", page_budget: {SLOW / 2}", BYHAND_PAGE_BUDGET=str(SLOW * 4))
    assert "budget:" not in run.stderr


@pytest.mark.parametrize(("name", "value"), [("BYHAND_PAGE_BUDGET", "soon"), ("BYHAND_NOTEBOOK_BUDGET", ""),
                                           ("BYHAND_EXEC", "maybe")])
def test_a_bad_setting_fails_the_build_naming_it(tmp_path, name, value):
    with pytest.raises(AssertionError, match=f"{name}: expected"):
        build(tmp_path, **{name: value})
