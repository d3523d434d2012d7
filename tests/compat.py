"""`make compat`: the outside tutorial (tests/newton_site) built on the oldest and the newest supported
mkdocs-material and KaTeX, each under MkDocs and under ProperDocs, in throwaway environments from PyPI
and npm; prints a Markdown table and exits non-zero if any build breaks a promise.

Each combination builds the site as the README's snippet enables the plugin (it must pass, its math
typeset, the theme's script as the theme ships it), then with ``theme_startup: true`` (it must pass, the
change applied or skipped with one info line), then with two failing blocks on two pages (it must fail,
naming both with their lines).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_outside_site import DIGITS, ROOT, SITE, SQRT2, fence_line, readme_snippet  # noqa: E402

UV = str(ROOT / ".venv" / "bin" / "uv")
MATERIAL = {"9.5 (oldest)": "mkdocs-material>=9.5,<9.6", "newest": "mkdocs-material"}
KATEX = {"0.16.0 (oldest)": "katex@0.16.0", "newest": "katex@latest"}
CORES = ("mkdocs", "properdocs")


def sh(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)


def environment(where: Path, material: str) -> Path:
    """A venv with this project (its mkdocs extra), the theme and ProperDocs, from PyPI."""
    sh(UV, "venv", "-q", "-p", sys.executable, str(where), check=True)
    sh(UV, "pip", "install", "-q", f"{ROOT}[mkdocs]", material, "properdocs", check=True,
       env={**os.environ, "VIRTUAL_ENV": str(where)})
    return where / "bin"


def version(bin_dir: Path, distribution: str) -> str:
    code = f"from importlib.metadata import version; print(version({distribution!r}))"
    return sh(str(bin_dir / "python"), "-c", code).stdout.strip()


def katex(where: Path, spec: str) -> tuple[Path, str]:
    sh("npm", "install", "--prefix", str(where), "--no-audit", "--no-fund", "--loglevel=error", spec, check=True)
    return where / "node_modules", re.search(r'"version": "([^"]+)"', (where / "node_modules/katex/package.json").read_text())[1]


def site(to: Path, node_modules: Path, options: str = "") -> Path:
    shutil.copytree(SITE / "docs", to / "docs")
    (to / "node_modules").symlink_to(node_modules)
    snippet = readme_snippet().replace("      page_budget: 2", "      page_budget: 2" + options)
    (to / "mkdocs.yml").write_text("site_name: Newton's method\ntheme: {name: material}\n" + snippet, encoding="utf-8")
    return to


def build(bin_dir: Path, core: str, project: Path) -> subprocess.CompletedProcess:
    return sh(str(bin_dir / core), "build", "--strict", "--site-dir", "site", cwd=project,
              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{bin_dir}:{os.environ['PATH']}"})


def check(bin_dir: Path, core: str, node_modules: Path, tmp: Path) -> tuple[str, str, str]:
    """The three builds of one combination: (plain build, theme_startup, two failures), each a verdict."""
    good = site(tmp / "good", node_modules)
    run = build(bin_dir, core, good)
    index = (good / "site/index.html").read_text() if run.returncode == 0 else ""
    [ours] = (good / "site/assets/javascripts").glob("bundle.*.min.js") if run.returncode == 0 else [None]
    shipped = sh(str(bin_dir / "python"), "-c", "import material, pathlib; print(pathlib.Path(material.__file__).parent)").stdout.strip()
    as_shipped = ours is not None and ours.read_bytes() == (Path(shipped) / "templates/assets/javascripts" / ours.name).read_bytes()
    plain = "pass" if run.returncode == 0 and 'class="katex"' in index and as_shipped else f"FAIL {run.stderr[-300:]!r}"

    startup = site(tmp / "startup", node_modules, "\n      theme_startup: true")
    run = build(bin_dir, core, startup)
    skipped = re.search(r"byhand: theme_startup skipped: .*", run.stderr)
    themed = ("FAIL" if run.returncode else "pass, skipped (one info line)" if skipped else "pass, applied")

    bad = site(tmp / "bad", node_modules)
    index_md, convergence_md = bad / "docs/index.md", bad / "docs/convergence.md"
    index_md.write_text(index_md.read_text().replace("root = newton(", "1 / 0\nroot = newton(", 1))
    convergence_md.write_text(convergence_md.read_text().replace("> 1.8 * a", "> 2.8 * a", 1))
    run = build(bin_dir, core, bad)
    named = (f"docs/index.md:{fence_line(index_md, SQRT2)}: block 'sqrt2' failed: ZeroDivisionError" in run.stderr
             and f"docs/convergence.md:{fence_line(convergence_md, DIGITS)}: block 'digits' failed: AssertionError" in run.stderr)
    failures = "both named, build failed" if run.returncode and named else f"FAIL {run.stderr[-300:]!r}"
    return plain, themed, failures


def main() -> int:
    rows, broken = [], False
    with tempfile.TemporaryDirectory(prefix="byhand-compat-") as tmp:
        tmp = Path(tmp)
        katexes = {name: katex(tmp / f"katex-{n}", spec) for n, (name, spec) in enumerate(KATEX.items())}
        for m, (material_name, material) in enumerate(MATERIAL.items()):
            bin_dir = environment(tmp / f"venv-{m}", material)
            theme = version(bin_dir, "mkdocs-material")
            for core in CORES:
                core_version = version(bin_dir, core)
                for k, (node_modules, katex_version) in enumerate(katexes.values()):
                    verdicts = check(bin_dir, core, node_modules, tmp / f"site-{m}-{core}-{k}")
                    broken |= any("FAIL" in v for v in verdicts)
                    rows.append((theme, f"{core} {core_version}", katex_version, *verdicts))
    print("| mkdocs-material | core | KaTeX | README snippet | theme_startup: true | two failing blocks |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return int(broken)


if __name__ == "__main__":
    sys.exit(main())
