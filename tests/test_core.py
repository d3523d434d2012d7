"""The core's one pass against central differences on random networks, its N = 1 reduction, the
injected rounding, and its validation."""

import numpy as np

from byhand.walkthrough import compute
import pytest

import reference
from byhand import FORMS, forward
from byhand.core import Params, Pass, random, run
from byhand.example import post
from byhand.numerical import central_batch
from byhand.tolerances import AGREE, REFEREE, agree, within

SHAPES = [(1, 1, 1), (3, 2, 1), (3, 2, 4), (2, 5, 3), (4, 3, 7), (5, 1, 2), (1, 4, 10)]


@pytest.mark.parametrize(("n", "h", "N"), SHAPES)
def test_the_pass_matches_central_differences(n, h, N):
    # Reference: central differences of the loss alone (numerical.central_batch), an independent route.
    params, X, Y = random(sum((n, h, N)), n, h, N)
    p = run(params, X, Y)
    num1, num2 = central_batch(params, X, Y)
    assert p.grads.W1.shape == (h, n) and p.grads.W2.shape == (1, h)
    assert within(p.grads.W1, num1, REFEREE) and within(p.grads.W2, num2, REFEREE)


@pytest.mark.parametrize(("n", "h", "N"), SHAPES)
def test_a_batch_is_the_mean_of_single_examples(n, h, N):
    # Reference: the component form, one example at a time, averaged.
    params, X, Y = random(7 * n + h, n, h, N)
    p = run(params, X, Y)
    singles = [FORMS["component"](params.W1, params.W2, X[:, k], float(Y[k])) for k in range(N)]
    assert p.loss == pytest.approx(np.mean([forward(params.W1, params.W2, X[:, k], float(Y[k])).loss
                                            for k in range(N)]), rel=AGREE)
    assert agree(p.grads.W1, np.mean([s[0] for s in singles], axis=0))
    assert agree(p.grads.W2, np.mean([s[1] for s in singles], axis=0))


def test_one_example_is_the_worked_example():
    # Reference: tests/reference.py, 50-digit Decimal.
    ex, ref = post(), reference.worked_example()
    p = run(Params(ex.W1, ex.W2), ex.x[:, None], np.array([ex.y]))
    assert p.loss == pytest.approx(ref["loss"], rel=1e-15)
    assert np.allclose(p.grads.W1, ref["dL_dW1"], rtol=1e-14, atol=1e-17)
    assert np.allclose(p.grads.W2, ref["dL_dW2"], rtol=1e-14, atol=1e-17)
    assert float(p.Delta2[0, 0]) == pytest.approx(ref["dL_dz2"], rel=1e-14)
    # delta1, read off the reference's dL/dW1 = delta1 x^T through a non-zero input (x_2 = 1)
    delta1 = [ref["dL_dW1"][j][1] / ex.x[1] for j in range(2)]
    assert np.allclose(p.Delta1[:, 0], delta1, rtol=1e-14, atol=0)
    assert np.array_equal(compute(ex).dL_dz1, p.Delta1[:, 0])


def test_rounding_is_applied_to_each_named_intermediate():
    ex, seen = post(), []
    record = lambda name, v: (seen.append(name), np.round(v, 2))[1]  # noqa: E731
    p = run(Params(ex.W1, ex.W2), ex.x[:, None], np.array([ex.y]), record)
    assert seen == ["Z1", "A1", "Z2", "Y_hat", "loss", "dL_dYhat", "dYhat_dZ2", "Delta2", "dL_dW2",
                    "dsigma_Z1", "dL_dA1", "Delta1", "dL_dW1"]
    assert np.array_equal(p.A1, np.round(p.A1, 2)) and p.Y_hat[0, 0] == 0.55


def test_the_referee_rejects_a_wrong_gradient():
    params, X, Y = random(3, 3, 2, 4)
    num1, _ = central_batch(params, X, Y)
    halved = run(params, X, Y).grads.W1 / 2  # forgetting the 2 of the square's derivative
    assert not within(halved, num1, REFEREE)


def test_targets_may_be_a_row_or_a_vector():
    params, X, Y = random(1, 3, 2, 4)
    assert run(params, X, Y).loss == run(params, X, Y[None, :]).loss
    assert isinstance(run(params, X, Y), Pass)


def test_a_step_moves_every_layer_from_the_old_weights():
    params, X, Y = random(2, 3, 2, 4)
    g = run(params, X, Y).grads
    new = params.minus(0.5, g)
    assert np.array_equal(new.W1, params.W1 - 0.5 * g.W1) and np.array_equal(new.W2, params.W2 - 0.5 * g.W2)


@pytest.mark.parametrize(
    ("X", "Y", "message"),
    [
        (np.ones(3), np.ones(1), r"X: expected a 2-d array"),
        (np.ones((3, 0)), np.ones(0), r"X: expected a 2-d array"),
        (np.ones((2, 4)), np.ones(4), r"X: expected 3 rows"),
        (np.ones((3, 4)), np.ones(3), r"Y: expected 4 finite targets"),
        (np.ones((3, 4)), np.array([1, 2, np.nan, 4]), r"Y: expected 4 finite targets"),
        (np.full((3, 2), np.inf), np.ones(2), r"expected finite numbers"),
    ],
)
def test_bad_batches_are_rejected(X, Y, message):
    params, _, _ = random(0, 3, 2, 1)
    with pytest.raises(ValueError, match=message):
        run(params, X, Y)


@pytest.mark.parametrize(("W1", "W2", "message"), [
    (np.ones((2, 3)), np.ones((1, 3)), r"W2: expected shape \(1, 2\)"),
    (np.ones(3), np.ones((1, 2)), r"W1: expected a 2-d array"),
    (np.ones((2, 3)), np.array([[True, False]]), r"W2: expected a 2-d array of real numbers"),
])
def test_bad_params_are_rejected(W1, W2, message):
    with pytest.raises(ValueError, match=message):
        Params(W1, W2)


def test_random_rejects_empty_shapes():
    with pytest.raises(ValueError, match="expected at least 1 each"):
        random(0, 3, 0, 2)
