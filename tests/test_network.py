"""The pass for any network (byhand.core.trace): the post's shape is the same pass, the loss conventions
differ by their factor, the checks fail on injected faults, and shapes that do not chain are rejected
naming the layer. Depth 1 to 4 against the independent pass and central differences: test_properties.py."""

import numpy as np
import pytest

import reference_network
from byhand.core import LOSSES, Layer, Network, Params, random, run, targets, trace
from byhand.numerical import central_network
from byhand.tolerances import AGREE, REFEREE, within


def _net(seed: int, widths: list[int], biases: bool = True, N: int = 2):
    rng = np.random.default_rng(seed)
    layers = [Layer(rng.normal(size=(m, k)), rng.normal(size=m) if biases else None)
              for k, m in zip(widths, widths[1:])]
    return Network(layers), rng.normal(size=(widths[0], N)), rng.uniform(size=(widths[-1], N))


def _reference(net, X, Y, loss):
    return reference_network.step([(la.W.tolist(), None if la.b is None else la.b.tolist()) for la in net.layers],
                                  X.T.tolist(), Y.T.tolist(), 0.5, loss)


def test_the_post_shape_is_the_same_pass_bit_for_bit():
    params, X, Y = random(4, 3, 2, 5)
    seen_run, seen_trace = [], []
    p = run(params, X, Y, lambda name, v: (seen_run.append(name), v)[1])
    t = trace(params.network(), X, Y, rounding=lambda name, v: (seen_trace.append(name), v)[1])
    assert seen_run == seen_trace
    for a, b in [(p.Z1, t.Z[0]), (p.A1, t.A[0]), (p.Y_hat, t.Y_hat), (p.Delta2, t.Delta[1]),
                 (p.Delta1, t.Delta[0]), (p.grads.W1, t.dW[0]), (p.grads.W2, t.dW[1])]:
        assert np.array_equal(a, b)
    assert p.loss == t.loss and t.db == (None, None)


def test_three_layers_name_every_intermediate_for_the_rounding():
    net, X, Y = _net(1, [2, 3, 2, 1])
    seen = []
    trace(net, X, Y, rounding=lambda name, v: (seen.append(name), v)[1])
    assert seen == ["Z1", "A1", "Z2", "A2", "Z3", "Y_hat", "loss", "dL_dYhat",
                    "dYhat_dZ3", "Delta3", "dL_dW3", "dL_db3", "dsigma_Z2", "dL_dA2", "Delta2", "dL_dW2", "dL_db2",
                    "dsigma_Z1", "dL_dA1", "Delta1", "dL_dW1", "dL_db1"]


def test_the_half_squared_loss_halves_the_loss_and_every_gradient():
    net, X, Y = _net(2, [3, 4, 2])
    full, half = trace(net, X, Y, "squared"), trace(net, X, Y, "half-squared")
    assert half.loss == full.loss / 2  # a factor of 2 is exact in binary
    for k in range(2):
        assert np.array_equal(2 * half.dW[k], full.dW[k]) and np.array_equal(2 * half.db[k], full.db[k])
    assert LOSSES == {"squared": 1.0, "half-squared": 0.5}


def test_the_checks_fail_on_a_wrong_convention_or_a_bias_gradient_of_one_example():
    net, X, Y = _net(3, [2, 3, 2], N=3)
    t = trace(net, X, Y, "half-squared")
    ref = _reference(net, X, Y, "squared")  # the other convention: off by a factor 2 everywhere
    assert not within(t.dW[0], ref["dW"][0], AGREE)
    _, num_b = central_network(net, X, Y, "half-squared")
    assert within(t.db[0], num_b[0], REFEREE)
    assert not within(t.Delta[0][:, 0], num_b[0], REFEREE)  # forgetting to add up the examples


def test_a_step_updates_biases_unless_told_not_to():
    net, X, Y = _net(5, [2, 2, 2])
    t = trace(net, X, Y)
    moved, kept = net.minus(0.5, t), net.minus(0.5, t, biases=False)
    assert np.array_equal(moved.layers[1].b, net.layers[1].b - 0.5 * t.db[1])
    assert kept.layers[1].b is net.layers[1].b and np.array_equal(kept.layers[0].W, moved.layers[0].W)


@pytest.mark.parametrize(("layers", "message"), [
    ([Layer(np.ones((2, 3))), Layer(np.ones((1, 3)))], r"^layer 2: W: expected 2 columns, one per unit of layer 1, got shape \(1, 3\)"),
    ([Layer(np.ones((2, 3))), Layer(np.ones((4, 2))), Layer(np.ones((1, 2)))], r"^layer 3: W: expected 4 columns"),
    ([Layer(np.ones((2, 3)), np.ones(3))], r"^layer 1: b: expected shape \(2,\)"),
    ([Layer(np.ones(3))], r"^layer 1: W: expected a 2-d array"),
    ([Layer(np.array([[1.0, np.inf]]))], r"^layer 1: W: expected finite numbers"),
    ([Layer(np.ones((0, 2)))], r"^layer 1: W: expected at least one row"),
    ([], r"^layers: expected one or more Layer"),
    ([np.ones((2, 2))], r"^layers: expected one or more Layer"),
])
def test_shapes_that_do_not_chain_are_rejected_naming_the_layer(layers, message):
    with pytest.raises(ValueError, match=message):
        Network(layers)


@pytest.mark.parametrize(("X", "Y", "message"), [
    (np.ones((3, 2)), np.ones((2, 2)), r"^X: expected 2 rows, one per input of layer 1"),
    (np.ones(2), np.ones((2, 1)), r"^X: expected a 2-d array"),
    (np.ones((2, 2)), np.ones((1, 2)), r"^Y: expected finite targets in shape \(2, 2\)"),
    (np.ones((2, 1)), np.array([[1.0], [np.nan]]), r"^Y: expected finite targets"),
])
def test_bad_batches_are_rejected_naming_them(X, Y, message):
    net, _, _ = _net(0, [2, 3, 2])
    with pytest.raises(ValueError, match=message):
        targets(net, X, Y)
    with pytest.raises(ValueError, match=message):
        trace(net, X, Y)


def test_an_unknown_loss_is_rejected():
    net, X, Y = _net(0, [2, 1])
    with pytest.raises(ValueError, match=r"^loss: expected one of \['half-squared', 'squared'\], got 'mean'"):
        trace(net, X, Y, "mean")


def test_one_output_takes_targets_as_a_row_or_a_vector():
    net, X, Y = _net(6, [3, 2, 1], N=4)
    assert trace(net, X, Y).loss == trace(net, X, Y[0]).loss


def test_params_convert_to_a_two_layer_network_without_biases():
    params, _, _ = random(0)
    net = params.network()
    assert [la.b for la in net.layers] == [None, None] and net.layers[0].W is params.W1
    assert isinstance(Params.trusted(params.W1, params.W2), Params)
