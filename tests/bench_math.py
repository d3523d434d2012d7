"""What the math costs a reader: math typeset at build time (chosen) against KaTeX in the browser (rejected).

Builds the site both ways in one run, serves each on 127.0.0.1 and loads every page in Debian's
Chromium with a cold cache, several times, alternating the two options. For each page it prints the
bytes transferred (encoded, as on the wire, headers included; this server does not compress) and
the time from navigation start until every formula is typeset and KaTeX's fonts have loaded (median
of the runs). Run: `python tests/bench_math.py [runs]`.
"""

from __future__ import annotations

import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = {"build": "typeset at build time (chosen)", "client": "KaTeX in the browser (rejected)"}

# Polled every frame from navigation start: all formulas typeset and KaTeX's fonts in use.
MATH_DONE = """() => new Promise(done => {
  const check = () => {
    const formulas = [...document.querySelectorAll('.arithmatex')];
    const typeset = formulas.every(f => f.querySelector('.katex-html'));
    if (document.readyState !== 'loading' && typeset && document.fonts.status === 'loaded'
        && (!formulas.length || document.fonts.check('1em KaTeX_Main'))) done(performance.now());
    else requestAnimationFrame(check);
  };
  check();
})"""


def build(option: str, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BYHAND_MATH": option}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out), "--quiet"],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def load(browser, url: str) -> tuple[int, float]:
    """Bytes on the wire and milliseconds to fully rendered math, for one cold load of ``url``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, float] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    tab.goto(url, wait_until="commit")
    ms = tab.evaluate(MATH_DONE)
    tab.wait_for_load_state("networkidle")
    context.close()
    return int(sum(sizes.values())), ms


def pages(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)) for p in site.glob("**/index.html")
                  if "screenshots" not in p.parts and p.parent.name not in ("search",))


def main(runs: int = 5) -> None:
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, tuple[int, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        servers, bases = [], {}
        for option in OPTIONS:
            site = Path(tmp) / option
            build(option, site)
            servers.append(serve(site))
            bases[option] = f"http://127.0.0.1:{servers[-1].server_address[1]}/"
        load(browser, bases["build"])  # warm-up: the browser's first load is slower for reasons of its own
        for page in pages(Path(tmp) / "build"):
            path = "" if page == "." else page + "/"
            samples: dict[str, list[tuple[int, float]]] = {option: [] for option in OPTIONS}
            for _ in range(runs):  # the options alternate, so drift in the machine's load hits both alike
                for option in OPTIONS:
                    samples[option].append(load(browser, bases[option] + path))
            results[page] = {option: (s[-1][0], statistics.median(ms for _, ms in s)) for option, s in samples.items()}
        for httpd in servers:
            httpd.shutdown()
        browser.close()
    print(f"Math on each page, {runs} cold loads per page and option, median time (ms) to fully rendered math")
    print(f"{'page':18} {'build: bytes':>13} {'ms':>7} {'client: bytes':>14} {'ms':>7}")
    for page, r in sorted(results.items(), key=lambda kv: -kv[1]["build"][0]):
        (b_bytes, b_ms), (c_bytes, c_ms) = r["build"], r["client"]
        print(f"{page:18} {b_bytes:>13,} {b_ms:>7.0f} {c_bytes:>14,} {c_ms:>7.0f}")
    heaviest = max(results, key=lambda p: results[p]["build"][0])
    (b_bytes, b_ms), (c_bytes, c_ms) = results[heaviest]["build"], results[heaviest]["client"]
    print(f"heaviest page ({heaviest}): {OPTIONS['build']}: {b_bytes:,} B, {b_ms:.0f} ms; "
          f"{OPTIONS['client']}: {c_bytes:,} B, {c_ms:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
