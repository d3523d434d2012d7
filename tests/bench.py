"""What the build costs, measured on this machine: ``make bench`` runs this (``make test`` does not).

Prints the median time of clean strict builds (the command ``make site`` runs, into fresh
directories), the same with code execution switched off (``BYHAND_EXEC=off``: the same pages, each
block's source shown instead of run) and their ratio; each page's block time, slowest first (median
over the builds, from the byhand plugin's timings); the notebook pages' execution time; one ``make test``;
the size of the built site and of its heaviest page.

It lives beside the tests because it drives the build as they do; pytest does not collect it.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def budgets() -> tuple[float, float]:
    """The byhand plugin's budgets per page and per notebook, as mkdocs.yml sets them."""
    from mkdocs.config import load_config

    options = load_config(str(ROOT / "mkdocs.yml")).plugins["byhand"].config
    return options.page_budget, options.notebook_budget


def build(out: Path, **env: str) -> tuple[float, dict]:
    """One clean strict build into ``out``: its wall time and the per-page timings of its code."""
    timings = out.with_suffix(".json")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(out)]
    started = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BYHAND_TIMINGS": str(timings), **env})
    seconds = time.perf_counter() - started
    if run.returncode:
        settings = " ".join(f"{k}={v}" for k, v in env.items())
        sys.exit(f"bench: the build failed ({settings}):\n{run.stderr[-3000:]}")
    return seconds, json.loads(timings.read_text())


def loads(site: Path, page: Path) -> set[Path]:
    """Files of the site a page references (stylesheets, scripts, images, and what its CSS references)."""
    found, todo = set(), [page]
    while todo:
        here = todo.pop()
        text = here.read_text(encoding="utf-8", errors="replace")
        refs = re.findall(r'(?:href|src)="([^"]+)"', text) if here.suffix == ".html" else []
        refs += re.findall(r"url\(['\"]?([^'\")]+)", text) if here.suffix in (".css", ".html") else []
        for ref in refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or not parts.path or parts.path.endswith("/"):
                continue  # other hosts, anchors, links to pages: not loaded to show this page
            target = (here.parent / parts.path).resolve()
            if target.is_file() and site.resolve() in target.parents and target not in found:
                found.add(target)
                if target.suffix == ".css":
                    todo.append(target)
    return found


def size(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def author_loop(*flags: str, edits: int = 3) -> list[float]:
    """Seconds from saving an edit to one page's prose until ``mkdocs serve *flags`` serves it."""
    import urllib.request

    port, page = "8123", ROOT / "docs" / "forward.md"
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *flags],
                             cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def served() -> str:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/forward/", timeout=2).read().decode()
        except OSError:
            return ""

    def wait_for(text: str, limit: float = 180) -> float:
        started = time.perf_counter()
        while text not in served():
            if time.perf_counter() - started > limit:
                sys.exit(f"bench: mkdocs serve {' '.join(flags)} never served {text!r}")
            time.sleep(0.05)
        return time.perf_counter() - started

    original, seconds = page.read_text(encoding="utf-8"), []
    try:
        wait_for("The forward pass")
        for _ in range(edits):
            marker = f"bench edit {time.time_ns()}"
            page.write_text(original.replace("The forward pass pushes", f"The forward pass ({marker}) pushes", 1),
                            encoding="utf-8")
            seconds.append(wait_for(marker))
            time.sleep(1)
    finally:
        page.write_text(original, encoding="utf-8")
        serve.terminate()
        serve.wait()
    return seconds


def main() -> None:
    budget, notebook_budget = budgets()
    print(f"bench: {RUNS} clean builds each way on {os.cpu_count()} cores, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="byhand-bench-") as tmp:
        runs, offs = [], []
        for i in range(RUNS):  # alternated, so that a drift of the machine's speed hits both alike
            runs.append(build(Path(tmp) / f"on{i}"))
            offs.append(build(Path(tmp) / f"off{i}", BYHAND_EXEC="off"))
        on, off = statistics.median(t for t, _ in runs), statistics.median(t for t, _ in offs)
        print(f"\nclean `make site` build, median of {RUNS}: {on:6.2f} s   (runs: "
              + ", ".join(f"{t:.2f}" for t, _ in runs) + ")")
        print(f"same pages, code not run, median:  {off:6.2f} s   (runs: "
              + ", ".join(f"{t:.2f}" for t, _ in offs) + ")")
        print(f"ratio, with code / without:        {on / off:6.2f}")

        pages = runs[0][1]
        blocks = {p: statistics.median(r[p]["block_seconds"] for _, r in runs) for p in pages}
        print(f"\ncode blocks per page, median of {RUNS}, slowest first (budget {budget:g} s a page):")
        for page, seconds in sorted(blocks.items(), key=lambda kv: -kv[1]):
            print(f"  {seconds:7.3f} s  {pages[page]['blocks']:3d} blocks  docs/{page}")
        print(f"  {sum(blocks.values()):7.3f} s  {sum(p['blocks'] for p in pages.values()):3d} blocks  total")

        notebooks = {p: statistics.median(r[p]["notebook"] for _, r in runs)
                     for p in pages if pages[p]["notebook"] is not None}
        print(f"\nnotebook execution (kernel start and cells, beside the other pages; median; budget {notebook_budget:g} s a notebook):")
        for page, seconds in sorted(notebooks.items(), key=lambda kv: -kv[1]):
            print(f"  {seconds:7.3f} s  docs/{page}")
        if not notebooks:
            print("  no notebook")

        site = Path(tmp) / "on0"
        files = [p for p in site.rglob("*") if p.is_file()]
        print(f"\nbuilt site: {size(sum(p.stat().st_size for p in files))} in {len(files)} files")
        heavy = []
        for html in site.rglob("*.html"):
            loaded = loads(site, html)
            heavy.append((html.stat().st_size, sum(p.stat().st_size for p in loaded), len(loaded), html))
        own, extra, count, html = max(heavy, key=lambda h: h[0] + h[1])
        print(f"heaviest page: {html.relative_to(site).as_posix()}: {size(own)} of HTML; with the {count} site"
              f" files it references (CSS, scripts, images, every KaTeX font): {size(own + extra)}")

    print("\nan author's loop: saving an edit to one page's prose until the server shows it")
    for flags, what in (((), "full strict rebuild"), (("--dirty", "--no-strict"), "`make serve`: only the edited page")):
        times = author_loop(*flags)
        print(f"  mkdocs serve {' '.join(flags):20} {statistics.median(times):5.2f} s median of {len(times)}"
              f" ({', '.join(f'{t:.2f}' for t in times)})  {what}")

    started = time.perf_counter()
    test = subprocess.run(["make", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = next((line.strip("= ") for line in reversed(test.stdout.splitlines()) if " in " in line), "?")
    print(f"\n`make test`, one run: {seconds:.1f} s ({summary})")
    if test.returncode:
        sys.exit(f"bench: make test failed:\n{test.stdout[-3000:]}")


if __name__ == "__main__":
    main()
