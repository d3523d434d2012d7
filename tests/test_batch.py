"""The batch form against central differences on random networks, and its N = 1 reduction."""

import numpy as np
import pytest

from byhand import FORMS, batch, forward
from conftest import random_network

AGREE = 1e-12  # analytic forms: differ only by float64 summation order
REFEREE = 1e-7  # central differences with h = 1e-6: O(h^2) truncation plus O(eps/h) round-off

SHAPES = [(1, 1, 1), (3, 2, 1), (3, 2, 4), (2, 5, 3), (4, 3, 7), (5, 1, 2), (1, 4, 10)]


def close(a, b, tol):
    return np.allclose(a, b, rtol=tol, atol=tol)


@pytest.mark.parametrize(("n", "h", "N"), SHAPES)
def test_backprop_matches_central_differences(n, h, N):
    # Reference: central differences of the batch loss (batch.central), an independent route.
    W1, W2, X, Y = batch.random_batch(sum((n, h, N)), n, h, N)
    b = batch.backprop(W1, W2, X, Y)
    num1, num2 = batch.central(W1, W2, X, Y)
    assert b.dL_dW1.shape == (h, n) and b.dL_dW2.shape == (1, h)
    assert close(b.dL_dW1, num1, REFEREE) and close(b.dL_dW2, num2, REFEREE)


@pytest.mark.parametrize(("n", "h", "N"), SHAPES)
def test_batch_is_the_mean_of_single_examples(n, h, N):
    # Reference: the single-example forward pass and vector form, one column at a time, averaged.
    W1, W2, X, Y = batch.random_batch(7 * n + h, n, h, N)
    b = batch.backprop(W1, W2, X, Y)
    singles = [FORMS["component"](W1, W2, X[:, k], float(Y[k])) for k in range(N)]
    assert b.loss == pytest.approx(np.mean([forward(W1, W2, X[:, k], float(Y[k])).loss for k in range(N)]),
                                   rel=AGREE)
    assert close(b.dL_dW1, np.mean([s[0] for s in singles], axis=0), AGREE)
    assert close(b.dL_dW2, np.mean([s[1] for s in singles], axis=0), AGREE)


@pytest.mark.parametrize("seed", range(5))
def test_one_example_reduces_to_the_single_example_loss(seed):
    # Reference: network.forward and the vector form, the single-example code the post's pages use.
    W1, W2, x, y = random_network(seed)
    b = batch.backprop(W1, W2, x[:, None], np.array([y]))
    assert b.loss == pytest.approx(forward(W1, W2, x, y).loss, rel=AGREE)
    dW1, dW2 = FORMS["vector"](W1, W2, x, y)
    assert close(b.dL_dW1, dW1, AGREE) and close(b.dL_dW2, dW2, AGREE)


def test_the_referee_rejects_a_wrong_batch_gradient():
    W1, W2, X, Y = batch.random_batch(3, 3, 2, 4)
    num1, _ = batch.central(W1, W2, X, Y)
    halved = batch.backprop(W1, W2, X, Y).dL_dW1 / 2  # forgetting the 2 of the square's derivative
    assert not close(halved, num1, REFEREE)


def test_targets_may_be_a_row_or_a_vector():
    W1, W2, X, Y = batch.random_batch(1, 3, 2, 4)
    assert batch.backprop(W1, W2, X, Y).loss == batch.backprop(W1, W2, X, Y[None, :]).loss


@pytest.mark.parametrize(
    ("X", "Y", "message"),
    [
        (np.ones(3), np.ones(1), r"X: expected a 2-d array"),
        (np.ones((3, 0)), np.ones(0), r"X: expected a 2-d array"),
        (np.ones((2, 4)), np.ones(4), r"x: expected shape \(3,\)"),
        (np.ones((3, 4)), np.ones(3), r"Y: expected 4 finite targets"),
        (np.ones((3, 4)), np.array([1, 2, np.nan, 4]), r"Y: expected 4 finite targets"),
        (np.full((3, 2), np.inf), np.ones(2), r"expected finite numbers"),
    ],
)
def test_bad_batches_are_rejected(X, Y, message):
    W1, W2, _, _ = batch.random_batch(0, 3, 2, 1)
    with pytest.raises(ValueError, match=message):
        batch.backprop(W1, W2, X, Y)


def test_random_batch_rejects_empty_shapes():
    with pytest.raises(ValueError, match="expected at least 1 each"):
        batch.random_batch(0, 3, 0, 2)
