"""What a gradient costs, counted while the code runs: backpropagation against central differences.

Every array of the network and the inputs is wrapped so that numpy reports each operation on it: a
matrix product of (m, k) by (k, N) counts $m k N$ multiplications, an entry-by-entry product or a
square one per entry. A *pass* is counted each time the first layer meets the inputs, $W^{(1)} X$:
every forward pass starts there and nothing else multiplies the inputs themselves. The exponentials
and divisions of the sigmoid are not counted: one of each per unit and example in every forward pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand.core import Layer, Network, trace
from byhand.numerical import central_network


@dataclass(frozen=True)
class Cost:
    """``passes`` forward passes and ``multiplications`` in all, for one gradient of every parameter."""

    passes: int
    multiplications: int


class _Counted(np.ndarray):
    """An array whose operations add to ``tally`` (multiplications, passes); ``inputs`` is the X being counted."""

    tally: list[int] = [0, 0]
    inputs: np.ndarray | None = None

    def __array_ufunc__(self, ufunc, method, *operands, **kwargs):
        plain = [o.view(np.ndarray) if isinstance(o, _Counted) else o for o in operands]
        out = getattr(ufunc, method)(*plain, **kwargs)
        if method == "__call__" and ufunc is np.matmul:
            _Counted.tally[0] += np.size(out) * plain[0].shape[-1]
            _Counted.tally[1] += operands[1] is _Counted.inputs
        elif method == "__call__" and ufunc in (np.multiply, np.square) or (ufunc is np.power and plain[1] == 2):
            _Counted.tally[0] += np.size(out)
        return out.view(_Counted) if isinstance(out, np.ndarray) else out


def _counting(net: Network, X: np.ndarray, Y: np.ndarray) -> tuple[Network, np.ndarray, np.ndarray]:
    _Counted.tally, _Counted.inputs = [0, 0], X.view(_Counted)
    layers = [Layer(la.W.view(_Counted), None if la.b is None else la.b.view(_Counted)) for la in net.layers]
    return Network(layers), _Counted.inputs, np.asarray(Y, dtype=float).view(_Counted)


def backpropagation(net: Network, X: np.ndarray, Y: np.ndarray, loss: str = "squared") -> Cost:
    """The cost of every gradient by one forward and one backward pass ([`trace`][byhand.core.trace])."""
    trace(*_counting(net, X, Y), loss)
    return Cost(_Counted.tally[1], _Counted.tally[0])


def central_differences(net: Network, X: np.ndarray, Y: np.ndarray, loss: str = "squared") -> Cost:
    """The cost of every gradient by central differences ([`central_network`][byhand.numerical.central_network])."""
    central_network(*_counting(net, X, Y), loss)
    return Cost(_Counted.tally[1], _Counted.tally[0])


def parameters(net: Network) -> int:
    """How many weights and biases ``net`` has."""
    return sum(la.W.size + (0 if la.b is None else la.b.size) for la in net.layers)
