"""Facts about the gradient that follow from the shape of its formulas, each set up on an example.

All of them come from the component form

$$
\\frac{\\partial L}{\\partial w^{(1)}_{j,i}} = \\delta^{(2)}\\, w^{(2)}_{1,j}\\, \\sigma'\\bigl(z^{(1)}_j\\bigr)\\, x_i,
\\qquad \\delta^{(2)} = 2(\\hat y - y)\\,\\sigma'\\bigl(z^{(2)}\\bigr),
$$

with $\\sigma' > 0$ everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from byhand import core
from byhand.example import Example
from byhand.gradients import FORMS
from byhand.step import Step, step
from byhand.walkthrough import Walkthrough, compute


@dataclass(frozen=True)
class ZeroInput:
    """Input ``i`` set to zero: the ``x`` used, the hidden-layer gradient ``dL_dW1`` it gives (vector
    form), and ``batch_column``, column ``i`` of the mean gradient over two examples, ``x`` and ``x``
    with $x_i = 1$."""

    i: int
    x: np.ndarray
    dL_dW1: np.ndarray
    batch_column: np.ndarray


def zero_input(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float) -> ZeroInput:
    """The first zero input of ``x``, or input 0 set to zero if none is: its column of
    $\\partial L/\\partial W^{(1)}$ is exactly zero, since every entry has the factor $x_i$; in a batch,
    where the gradient is the mean over the examples, only if $x_i = 0$ in every example."""
    i = int(np.flatnonzero(x == 0)[0]) if (x == 0).any() else 0
    x0 = np.array(x, dtype=float)
    x0[i] = 0.0
    dL_dW1, _ = FORMS["vector"](W1, W2, x0, y)
    X = np.stack([x0, np.where(np.arange(len(x0)) == i, 1.0, x0)], axis=1)  # a second example with x_i = 1
    column = core.run(core.Params(W1, W2), X, np.array([y, y])).grads.W1[:, i]
    return ZeroInput(i, x0, dL_dW1, column)


def signs(dL_dz2: float, W2: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The sign of each $\\partial L/\\partial w^{(1)}_{j,i}$ predicted from three signs alone:
    $\\operatorname{sign} \\delta^{(2)} \\cdot \\operatorname{sign} w^{(2)}_{1,j} \\cdot \\operatorname{sign} x_i$,
    an (h, n) array of -1, 0 and 1."""
    return np.sign(dL_dz2) * np.sign(W2[0])[:, None] * np.sign(x)[None, :]


def row_signs(dL_dz2: float, W2: np.ndarray, x: np.ndarray) -> list[int]:
    """When $\\delta^{(2)} \\ne 0$ and every non-zero input is positive, the one sign that all entries of
    row j with a non-zero input share, $\\operatorname{sign}(\\delta^{(2)} w^{(2)}_{1,j})$, for each row j;
    otherwise no row has one sign and the list is empty."""
    if dL_dz2 == 0 or not (x[x != 0] > 0).all():
        return []
    return [int(np.sign(dL_dz2 * W2[0, j])) for j in range(W2.shape[1])]


def flip(ex: Example, j: int) -> tuple[np.ndarray, Walkthrough]:
    """The example with the sign of the outgoing weight $w^{(2)}_{1,j+1}$ flipped: its ``W2`` and its
    walkthrough."""
    W2 = ex.W2.copy()
    W2[0, j] = -W2[0, j]
    return W2, compute(replace(ex, W2=W2))


@dataclass(frozen=True)
class Twins:
    """Two hidden units made identical (``W1``, ``W2``), the ``first`` step from there, and whether
    they stayed exactly equal after each of ``steps`` steps (``stayed``)."""

    W1: np.ndarray
    W2: np.ndarray
    first: Step
    steps: int
    stayed: bool


def twins(W1: np.ndarray, W2: np.ndarray, x: np.ndarray, y: float, eta: float, steps: int = 100) -> Twins:
    """Copy hidden unit 0 (its row of ``W1`` and its output weight) into unit 1, then step ``steps``
    times: identical units compute the same activation and get the same gradient, so they stay equal."""
    W1, W2 = W1.copy(), W2.copy()
    W1[1], W2[0, 1] = W1[0], W2[0, 0]
    first = step(W1, W2, x, y, eta)
    V1, V2, stayed = W1, W2, True
    for _ in range(steps):
        t = step(V1, V2, x, y, eta)
        V1, V2 = t.W1_new, t.W2_new
        stayed = stayed and bool((V1[0] == V1[1]).all() and V2[0, 0] == V2[0, 1])
    return Twins(W1, W2, first, steps, stayed)
