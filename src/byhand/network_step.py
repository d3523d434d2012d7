"""One gradient-descent step on a network file, and its report: every quantity, as a table or as JSON.

The step takes every gradient from one pass at the old parameters, then updates every layer at once:
$W^{(l)} \\leftarrow W^{(l)} - \\eta\\, \\delta^{(l)} a^{(l-1)\\top}$ and $b^{(l)} \\leftarrow b^{(l)} - \\eta\\, \\delta^{(l)}$.
This is what ``python -m byhand step FILE.toml [--json]`` prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from byhand.core import Network, Trace, trace
from byhand.network_file import Problem

DIGITS = 10  # significant digits in the table: more than any hand-worked post prints


@dataclass(frozen=True)
class Descent:
    """The pass ``before`` the step, the ``new`` network and the pass ``after`` it."""

    problem: Problem
    before: Trace
    new: Network
    after: Trace


def descend(problem: Problem, biases: bool = True) -> Descent:
    """One step of ``problem``; ``biases=False`` keeps the biases as they are (as some hand-worked posts do)."""
    X, Y = problem.x[:, np.newaxis], problem.y[:, np.newaxis]
    before = trace(problem.net, X, Y, problem.loss)
    new = problem.net.minus(problem.eta, before, biases=biases)
    return Descent(problem, before, new, trace(new, X, Y, problem.loss, checked=True))


def _list(v: np.ndarray | None) -> list | None:
    return None if v is None else np.asarray(v).tolist()


def as_record(d: Descent) -> dict:
    """The step as one JSON-ready object: ``loss``, ``loss_after``, ``y_hat``, ``y_hat_after`` and ``layers``
    (first hidden layer first), each with ``z``, ``a``, ``delta``, ``dW``, ``db``, ``W_new``, ``b_new``."""
    b, layers = d.before, []
    for k, layer in enumerate(d.new.layers):
        layers.append({"z": _list(b.Z[k][:, 0]), "a": _list(b.A[k][:, 0]), "delta": _list(b.Delta[k][:, 0]),
                       "dW": _list(b.dW[k]), "db": _list(b.db[k]), "W_new": _list(layer.W),
                       "b_new": _list(layer.b) if b.db[k] is not None else None})
    return {"loss": b.loss, "loss_after": d.after.loss, "y_hat": _list(b.Y_hat[:, 0]),
            "y_hat_after": _list(d.after.Y_hat[:, 0]), "layers": layers}


def as_json(d: Descent) -> str:
    return json.dumps(as_record(d), indent=2)


def _row(v: np.ndarray | float | None) -> str:
    """Numbers to DIGITS significant digits; a matrix row by row, rows separated by ``;``."""
    if v is None:
        return "(no bias)"
    v = np.asarray(v, dtype=float)
    number = f"{{:.{DIGITS}g}}".format
    if v.ndim == 2:
        return "; ".join("  ".join(map(number, row)) for row in v.tolist())
    return "  ".join(map(number, np.atleast_1d(v).tolist()))


def as_table(d: Descent) -> str:
    """A plain-text report: the loss and output before and after, then each layer's quantities."""
    p, b = d.problem, d.before
    widths = " -> ".join(str(w) for w in [p.net.inputs] + [layer.W.shape[0] for layer in p.net.layers])
    lines = [f"{p.name}: {len(p.net.layers)} layer{'s' * (len(p.net.layers) > 1)}, widths {widths}, loss {p.loss}, eta {p.eta:g}",
             f"  loss         {_row(b.loss)}  ->  {_row(d.after.loss)} after the step",
             f"  y_hat        {_row(b.Y_hat[:, 0])}  ->  {_row(d.after.Y_hat[:, 0])}"]
    for k, new in enumerate(d.new.layers):
        quantities = {"z": b.Z[k][:, 0], "a": b.A[k][:, 0], "delta": b.Delta[k][:, 0], "dW": b.dW[k], "db": b.db[k],
                      "W_new": new.W, "b_new": new.b if b.db[k] is not None else None}
        lines.append(f"layer {k + 1}")
        lines += [f"  {key:<12} {_row(value)}" for key, value in quantities.items()]
    return "\n".join(lines)
