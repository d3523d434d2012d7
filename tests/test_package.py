"""The package a user installs stands alone: numpy is its only dependency, and its command line works
without the site's tools or Node.js."""

import json
import os
import subprocess
import sys

SITE_TOOLS = ("mkdocs", "markdown", "markdown_exec", "playwright", "byhand_site", "mkdocs_byhand", "pymdownx")


def test_byhand_and_its_command_line_load_no_site_tool():
    code = ("import sys, byhand, byhand.errata, byhand.__main__, byhand.walkthrough, byhand.training, "
            "byhand.calculator, byhand.checks, byhand.redo\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({SITE_TOOLS!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_errata_command_needs_no_node(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}  # an empty folder: no node, no npm, nothing else
    out = subprocess.run([sys.executable, "-m", "byhand", "errata", "--json"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert {r["verdict"] for r in records} == {"correct", "rounding", "wrong", "follows"}
    assert {r["id"]: r["verdict"] for r in records}["dL-dW2-unbalanced-brace"] == "wrong"
