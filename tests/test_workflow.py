"""The GitHub Pages workflow would pass review: zizmor (pinned in the lock) finds nothing, offline."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def zizmor(path: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert exe, "zizmor is missing from the environment: it is in the test dependency group (uv.lock)"
    return subprocess.run([exe, "--offline", "--no-progress", str(path)], capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing():
    run = zizmor(WORKFLOW)
    assert run.returncode == 0 and "No findings" in run.stdout + run.stderr, run.stdout + run.stderr


def test_every_action_is_pinned_to_a_commit():
    uses = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text())
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses


def test_zizmor_catches_an_unpinned_action_and_persisted_credentials(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "pages.yml"
    bad.parent.mkdir(parents=True)
    text = re.sub(r"actions/checkout@[0-9a-f]{40}  # v[\d.]+", "actions/checkout@v4", WORKFLOW.read_text())
    checkout = "        with:\n          persist-credentials: false  # the job pushes nothing: no token left in .git/config\n"
    assert checkout in text
    bad.write_text(text.replace(checkout, ""))  # checkout's default keeps the token in .git/config
    run = zizmor(bad)
    assert run.returncode != 0 and "unpinned-uses" in run.stdout and "artipacked" in run.stdout, run.stdout
