"""The tolerances, each named once: every comparison of gradients in the package, pages and tests uses these.

- ``AGREE``: between analytic computations of one gradient (the core's pass and the three taught
  forms). They multiply the same float64 numbers in different orders, so they differ by round-off.
- ``REFEREE``: between an analytic gradient and its central difference at
  ``byhand.numerical.STEP``, whose truncation and round-off errors are far smaller.

Both are scaled as $\\text{tol}\\,(1 + |c|)$ with $c$ the reference value: absolute for small
gradients, relative for large ones.
"""

from __future__ import annotations

import numpy as np

AGREE = 1e-12
REFEREE = 1e-7


def within(value: np.ndarray | float, reference: np.ndarray | float, tol: float) -> bool:
    """Whether every entry satisfies $|v - c| \\le \\text{tol}\\,(1 + |c|)$."""
    value, reference = np.asarray(value, dtype=float), np.asarray(reference, dtype=float)
    return value.shape == reference.shape and bool(np.all(np.abs(value - reference) <= tol * (1 + np.abs(reference))))


def agree(value: np.ndarray | float, reference: np.ndarray | float) -> bool:
    """Two analytic computations of one gradient agree: ``within(value, reference, AGREE)``."""
    return within(value, reference, AGREE)
