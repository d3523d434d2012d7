"""The gradient forms against each other, against central differences, and against a 50-digit reference."""

import numpy as np
import pytest

from byhand import FORMS, central, compute, forward, step
from conftest import random_network
from byhand.tolerances import AGREE, REFEREE, within
from reference import worked_example

REFERENCE = 1e-13  # float64 against the 50-digit reference


@pytest.mark.parametrize("name", FORMS)
def test_forms_match_the_50_digit_reference(post, name):
    ref = worked_example()
    dW1, dW2 = FORMS[name](post.W1, post.W2, post.x, post.y)
    assert within(dW1, ref["dL_dW1"], REFERENCE), name
    assert within(dW2, ref["dL_dW2"], REFERENCE), name


def test_walkthrough_matches_the_50_digit_reference():
    w = compute()
    for key, expected in worked_example().items():
        assert within(w[key], expected, REFERENCE), key


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("name", FORMS)
def test_forms_agree_on_random_networks(seed, name):
    h, n = 1 + seed % 4, 1 + (seed // 4) % 4
    net = random_network(seed, h, n)
    dW1, dW2 = FORMS[name](*net)
    ref1, ref2 = FORMS["vector"](*net)
    assert within(dW1, ref1, AGREE) and within(dW2, ref2, AGREE)
    num1, num2 = central(*net)
    assert within(dW1, num1, REFEREE) and within(dW2, num2, REFEREE)


def test_central_differences_catch_a_wrong_gradient(post):
    """The referee must be able to fail: a gradient with one flipped sign is rejected."""
    dW1, dW2 = FORMS["vector"](post.W1, post.W2, post.x, post.y)
    num1, _ = central(post.W1, post.W2, post.x, post.y)
    wrong = dW1.copy()
    wrong[1, 2] *= -1
    assert within(dW1, num1, REFEREE)
    assert not within(wrong, num1, REFEREE)


def test_step_is_simultaneous(post):
    s = step(post.W1, post.W2, post.x, post.y, post.eta)
    dW1, dW2 = FORMS["component"](post.W1, post.W2, post.x, post.y)  # from the old weights
    assert within(s.W1_new, post.W1 - post.eta * dW1, AGREE)
    assert within(s.W2_new, post.W2 - post.eta * dW2, AGREE)
    assert s.after.loss == forward(s.W1_new, s.W2_new, post.x, post.y).loss


@pytest.mark.parametrize("seed", range(10))
def test_a_small_step_lowers_the_loss(seed):
    net = random_network(seed)
    before = forward(*net).loss
    assert step(*net, eta=1e-3).after.loss < before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"eta": 0.0}, "eta: expected a positive"),
        ({"eta": -0.1}, "eta: expected a positive"),
        ({"eta": float("nan")}, "eta: expected a finite"),
        ({"eta": True}, "eta: expected a real number"),
        ({"form": "matrix"}, "form: expected one of"),
    ],
)
def test_step_rejects_bad_arguments(post, kwargs, message):
    args = {"eta": post.eta, **kwargs}
    with pytest.raises(ValueError, match=message):
        step(post.W1, post.W2, post.x, post.y, **args)


@pytest.mark.parametrize(
    ("W1", "W2", "x", "y", "message"),
    [
        (np.ones((2, 3)), np.ones((1, 3)), np.ones(3), 1.0, r"W2: expected shape \(1, 2\)"),
        (np.ones((2, 3)), np.ones((1, 2)), np.ones(2), 1.0, r"x: expected shape \(3,\)"),
        (np.ones(3), np.ones((1, 2)), np.ones(3), 1.0, "W1: expected a 2-d array"),
        (np.ones((2, 3)), np.ones((1, 2)), np.array([0, np.inf, 1]), 1.0, "x: expected finite"),
        (np.ones((2, 3)), np.ones((1, 2)), np.ones(3), float("nan"), "y: expected a finite"),
        (np.ones((2, 3)), np.ones((1, 2)), [1.0, 2.0, 3.0], 1.0, "x: expected a 1-d array"),
    ],
)
def test_forward_rejects_bad_networks(W1, W2, x, y, message):
    with pytest.raises(ValueError, match=message):
        forward(W1, W2, x, y)
    for form in FORMS.values():
        with pytest.raises(ValueError, match=message):
            form(W1, W2, x, y)
