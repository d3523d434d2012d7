"""Will a formula typeset? A small check, in pure Python, of the faults a hand-written formula has.

It looks for what the post's typesetting slips are about, and what a TeX engine (KaTeX, MathJax)
refuses outright:

- braces that do not balance (``\\{`` and ``\\}`` are characters, not braces);
- an unescaped ``%``, which starts a comment: everything after it on the line is dropped;
- ``\\left`` without ``\\right`` (or the reverse), ``\\begin{env}`` without its ``\\end{env}``;
- an alignment ``&`` outside any environment (a matrix row quoted without its ``\\begin{matrix}``).

It is not a TeX parser: the site still typesets every formula on its pages with KaTeX in strict mode
while it is built. This check is what lets ``python -m byhand errata`` judge the typesetting claims
with numpy alone.
"""

from __future__ import annotations

import re

_ENV = re.compile(r"\\(begin|end)\{([^}]*)\}")


def problems(tex: str) -> list[str]:
    """What would stop ``tex`` from typesetting, in words; empty when nothing does."""
    found, depth, envs = [], 0, 0
    k = 0
    while k < len(tex):
        c = tex[k]
        if c == "\\":
            envs += tex.startswith("\\begin{", k) - tex.startswith("\\end{", k)
            k += 2  # an escaped character (\{ \} \% \\) or the first letter of a command
            continue
        if c == "&" and envs <= 0:
            found.append(f"an & at character {k} aligns nothing: it is outside any matrix or aligned environment")
        if c == "%":
            found.append(f"an unescaped % at character {k} comments out the rest of the line: {tex[k:k + 30]!r}")
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                found.append(f"a closing brace at character {k} has no opening brace")
                depth = 0
        k += 1
    if depth > 0:
        found.append(f"{depth} opening brace(s) never closed")
    lefts, rights = len(re.findall(r"\\left(?![a-zA-Z])", tex)), len(re.findall(r"\\right(?![a-zA-Z])", tex))
    if lefts != rights:
        found.append(f"{lefts} \\left but {rights} \\right")
    stack: list[str] = []
    for kind, env in _ENV.findall(tex):
        if kind == "begin":
            stack.append(env)
        elif not stack or stack.pop() != env:
            found.append(f"\\end{{{env}}} does not close the environment opened before it")
    found += [f"\\begin{{{env}}} is never closed" for env in stack]
    return found


def parses(tex: str) -> bool:
    """Whether [`problems`][byhand.errata.typesetting.problems] finds nothing."""
    return not problems(tex)
