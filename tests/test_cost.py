"""byhand.cost counts what the code does: checked against the counts written out from the shapes."""

import numpy as np
import pytest

from byhand import cost
from byhand.core import Layer, Network, trace


def _net(widths, biases, seed=0):
    rng = np.random.default_rng(seed)
    return Network([Layer(rng.normal(size=(m, k)), rng.normal(size=m) if biases else None)
                    for k, m in zip(widths, widths[1:])])


def _forward(widths, N):
    """A forward pass with its loss: W A per layer, then one square per output and example."""
    return sum(m * k * N for k, m in zip(widths, widths[1:])) + widths[-1] * N


def _backward(widths, N):
    """dL/dYhat, then per layer: the slope, Delta, dW (m k N), and W^T Delta for every layer but the first."""
    total = widths[-1] * N
    for l, (k, m) in enumerate(zip(widths, widths[1:])):
        total += 2 * m * N + m * k * N + (k * m * N if l > 0 else 0)
    return total


@pytest.mark.parametrize(("widths", "biases", "N"), [([3, 2, 1], False, 1), ([2, 4, 3, 2], True, 3), ([5, 1], True, 2)])
def test_the_counts_are_those_of_the_formulas(widths, biases, N):
    net = _net(widths, biases)
    X, Y = np.ones((widths[0], N)), np.full((widths[-1], N), 0.5)
    P = cost.parameters(net)
    assert P == sum(m * k + m * biases for k, m in zip(widths, widths[1:]))
    assert cost.backpropagation(net, X, Y) == cost.Cost(1, _forward(widths, N) + _backward(widths, N))
    assert cost.central_differences(net, X, Y, "half-squared") == cost.Cost(2 * P, 2 * P * _forward(widths, N))


def test_counting_changes_no_result():
    net, X, Y = _net([2, 3, 2], True), np.ones((2, 1)), np.full((2, 1), 0.5)
    cost.backpropagation(net, X, Y)
    assert type(net.layers[0].W) is np.ndarray and type(trace(net, X, Y).dW[0]) is np.ndarray
