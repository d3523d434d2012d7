"""Indexed formulas as LaTeX, generated so that their indices follow the notation page.

Convention: ``W1[j, i]`` is $w^{(1)}_{j+1,i+1}$, the weight into hidden unit j from input i;
``W2[0, j]`` is $w^{(2)}_{1,j+1}$. Symbols come from [`byhand_site.render.weight`][byhand_site.render.weight]; numbers from
[`byhand_site.render.tex`][byhand_site.render.tex].
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from byhand_site.render import aligned_block, weight


def grid(entry: Callable[[int, int], str], shape: tuple[int, int]) -> str:
    """A ``pmatrix`` whose (j, i) entry is ``entry(j, i)`` (0-based)."""
    rows = (" & ".join(entry(j, i) for i in range(shape[1])) for j in range(shape[0]))
    return r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}"


def column(entry: Callable[[int], str], n: int) -> str:
    """A column ``pmatrix`` whose k-th entry is ``entry(k)`` (0-based)."""
    return grid(lambda k, _: entry(k), (n, 1))


def partial(of: str, by: str) -> str:
    """$\\partial\\, of / \\partial\\, by$."""
    return rf"\frac{{\partial {of}}}{{\partial {by}}}"


def dL_dw(layer: int, j: int, i: int) -> str:
    """$\\partial L / \\partial w^{(layer)}_{j+1,i+1}$."""
    return partial("L", weight(layer, j, i))


def weight_matrix(layer: int, shape: tuple[int, int]) -> str:
    """The matrix of weight symbols of ``layer``, e.g. $W^{(1)}$ as 2x3 symbols."""
    return grid(lambda j, i: weight(layer, j, i), shape)


def dot(W: np.ndarray, v: np.ndarray, j: int, layer: int, symbol: str) -> tuple[str, tuple[str, list]]:
    """Row j of ``W @ v``: the symbols ``w_{j,1} v_1 + ...``, and the numbers as a line for
    [`byhand_site.render.line`][byhand_site.render.line] (``by_hand``: a template and its operands)."""
    terms = range(W.shape[1])
    symbols = " + ".join(f"{weight(layer, j, i)}\\,{symbol}_{{{i + 1}}}" for i in terms)
    template = " + ".join(r"{} \cdot {}" for _ in terms)
    return symbols, (template, [number for i in terms for number in (W[j, i], v[i])])


def hidden_chain(j: int, i: int, h: int) -> str:
    """$\\partial L/\\partial w^{(1)}_{j,i}$ by the chain rule, summed over hidden units k: a display
    equation with one term of the sum per line, as on paper (one line of ``h`` terms is too wide for a phone)."""
    terms = [
        partial("z^{(2)}", f"a^{{(1)}}_{{{k + 1}}}")
        + partial(f"a^{{(1)}}_{{{k + 1}}}", f"z^{{(1)}}_{{{k + 1}}}")
        + partial(f"z^{{(1)}}_{{{k + 1}}}", weight(1, j, i))
        for k in range(h)
    ]
    first = partial("L", r"\hat y") + partial(r"\hat y", "z^{(2)}") + r"\biggl(" + terms[0]
    rows = [f"{dL_dw(1, j, i)} = {{}}& {first}"] + [f"&+ {term}" for term in terms[1:]]
    return aligned_block(rows[:-1] + [rows[-1] + r"\biggr)"])


def hidden_factor(j: int, i: int) -> str:
    """What multiplies $\\delta^{(2)}$: $w^{(2)}_{1,j}\\, \\sigma'(z^{(1)}_j)\\, x_i$."""
    return rf"{weight(2, 0, j)}\, \sigma'(z^{{(1)}}_{{{j + 1}}})\, x_{{{i + 1}}}"


def hidden_entry(j: int, i: int) -> str:
    """The surviving term: $\\delta^{(2)}\\, w^{(2)}_{1,j}\\, \\sigma'(z^{(1)}_j)\\, x_i$."""
    return rf"\delta^{{(2)}}\, {hidden_factor(j, i)}"
