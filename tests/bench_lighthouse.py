"""Every page on a phone, as Lighthouse sees it: ``make bench`` runs this after tests/bench.py.

Builds the site, serves it on 127.0.0.1 with gzip (as a static host such as GitHub Pages serves it),
and runs Lighthouse (npm, pinned in package-lock.json) on every page with its default mobile preset
(a mid-range phone, simulated slow 4G and a 4x slower CPU) in Debian's Chromium, with the browser's own
RenderDocument (``chromium_flags`` says why). Prints one row a page:
performance and accessibility scores, first and largest contentful paint, total blocking time and the
bytes transferred. One run's performance score moves by up to ten points on this machine, so each page
is run three times (``LIGHTHOUSE_RUNS``) and the row is its median run by performance, with the lowest
and highest scores beside it; a page meets the targets (performance 90, accessibility 100) by its median.

Run: ``python tests/bench_lighthouse.py [page ...]`` (pages as in mkdocs.yml's nav; all by default).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import nav_pages, page_dir  # noqa: E402  (the pages, in the navigation's order, and where each is built)

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
TARGETS = {"performance": 90, "accessibility": 100}
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))  # an odd number: the median is one of the runs
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb")  # what a static host gzips


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files, gzipped when the browser accepts it and the type is text."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args: object) -> None:
        pass


class _Body:
    """What send_head returns: a file-like object that copyfile reads the gzipped body from."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, n: int = -1) -> bytes:
        data, self.data = (self.data, b"") if n < 0 else (self.data[:n], self.data[n:])
        return data

    def close(self) -> None:
        pass


NODE = shutil.which("node", path=str(ROOT / ".venv" / "bin")) or "node"
# Lighthouse starts Chromium through chrome-launcher, whose default flags turn the browser's RenderDocument
# off (a new renderer document for each navigation, on in Chromium as shipped) for Lighthouse's own sake.
# With it off, headless Chromium 150 on this machine often draws the first frame of our pages at a
# whole-second step: the first paint Lighthouse observes is at 0.2, 1.2 or 2.2 s (a copy of a page with
# every script taken out shows it too; a plain page of paragraphs does not), and one page's score moves by
# ten points with the step. With the browser's own RenderDocument, as a reader's Chrome has it, the first paint is at
# 0.2 to 0.3 s on every load, as in Chromium driven by Playwright. So the bench passes chrome-launcher's
# list of disabled features again, without RenderDocument (Chromium takes the last --disable-features);
# LIGHTHOUSE_RENDER_DOCUMENT=off keeps the launcher's list, to see the steps.
RENDER_DOCUMENT = os.environ.get("LIGHTHOUSE_RENDER_DOCUMENT", "on")


@functools.cache
def chromium_flags() -> str:
    """The flags Lighthouse passes to Chromium, after chrome-launcher's own."""
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
            "--disable-component-update --disable-sync"
    if RENDER_DOCUMENT == "off":
        return flags
    if RENDER_DOCUMENT != "on":
        sys.exit(f"bench: LIGHTHOUSE_RENDER_DOCUMENT is {RENDER_DOCUMENT!r}; expected 'on' or 'off'")
    launcher = ROOT / "node_modules" / "chrome-launcher" / "dist" / "flags.js"
    defaults = json.loads(subprocess.run(
        [NODE, "--input-type=module", "-e",
         f"import {{DEFAULT_FLAGS}} from {json.dumps(launcher.as_uri())}; console.log(JSON.stringify(DEFAULT_FLAGS))"],
        capture_output=True, text=True, check=True).stdout)
    [disabled] = [f for f in defaults if f.startswith("--disable-features=")]
    features = disabled.removeprefix("--disable-features=").split(",")
    if "RenderDocument" not in features:
        sys.exit(f"bench: chrome-launcher no longer disables RenderDocument ({disabled}); "
                 "update chromium_flags in tests/bench_lighthouse.py")
    return f"{flags} --disable-features={','.join(f for f in features if f != 'RenderDocument')}"


def audit(url: str, out: Path) -> dict:
    """One Lighthouse run on ``url``, mobile preset: the row of figures the table prints."""
    chromium = shutil.which("chromium") or sys.exit("bench: Chromium is missing: apt-get install -y chromium")
    command = [NODE, str(LIGHTHOUSE), url, "--only-categories=performance,accessibility", "--output=json",
               f"--output-path={out}", "--quiet", f"--chrome-flags={chromium_flags()}"]
    run = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"bench: Lighthouse failed on {url}:\n{run.stderr[-2000:]}")
    report = json.loads(out.read_text())
    audits, categories = report["audits"], report["categories"]
    return {"performance": round(100 * categories["performance"]["score"]),
            "accessibility": round(100 * categories["accessibility"]["score"]),
            "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"],
            "bytes": audits["total-byte-weight"]["numericValue"],
            "failing": sorted(a["id"] for a in audits.values()
                              if a.get("score") is not None and a["score"] < 1
                              and a.get("scoreDisplayMode") == "binary"
                              and a["id"] in {r["id"] for r in categories["accessibility"]["auditRefs"]})}


def short_of(row: dict) -> bool:
    return any(row[k] < v for k, v in TARGETS.items())


def main() -> None:
    pages = sys.argv[1:] or nav_pages()
    if not LIGHTHOUSE.is_file():
        sys.exit("bench: Lighthouse is missing: run `make bench` (it installs node_modules from package-lock.json)")
    with tempfile.TemporaryDirectory(prefix="byhand-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                               cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
        if built.returncode:
            sys.exit(f"bench: the build failed:\n{built.stderr[-3000:]}")
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        load = os.getloadavg()[0]
        print(f"\nLighthouse {json.loads((LIGHTHOUSE.parents[1] / 'package.json').read_text())['version']}, "
              f"mobile preset, served with gzip; load average {load:.2f} on {os.cpu_count()} cores at the start")
        print(f"Chromium's RenderDocument {RENDER_DOCUMENT} (LIGHTHOUSE_RENDER_DOCUMENT); median of {RUNS} runs "
              "a page (by performance); the lowest and highest performance in the notes")
        print(f"{'page':24} {'perf':>4} {'a11y':>4} {'FCP s':>6} {'LCP s':>6} {'TBT ms':>7} {'kB':>6}  notes")
        shortfalls = 0
        for page in pages:
            runs = sorted((audit(base + page_dir(page), Path(tmp) / "report.json") for _ in range(RUNS)),
                          key=lambda r: (r["performance"], r["accessibility"]))
            row = runs[len(runs) // 2]
            note = f"{runs[0]['performance']}-{runs[-1]['performance']}" if RUNS > 1 else ""
            shortfalls += short_of(row)
            if row["failing"]:
                note += f" a11y audits failing: {', '.join(row['failing'])}"
            print(f"{page:24} {row['performance']:4d} {row['accessibility']:4d} {row['fcp']:6.2f} {row['lcp']:6.2f}"
                  f" {row['tbt']:7.0f} {row['bytes'] / 1000:6.0f}  {note}".rstrip())
        httpd.shutdown()
        print(f"targets: performance >= {TARGETS['performance']}, accessibility {TARGETS['accessibility']}: "
              + ("met on every page" if not shortfalls else f"{shortfalls} page(s) short by their median"))


if __name__ == "__main__":
    main()
