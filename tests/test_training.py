"""Training to convergence, and its plot."""

import numpy as np
import pytest

from byhand import compute, forward
from byhand.plot import training_svg
from byhand.training import REL_TOL, train
from reference import worked_example


@pytest.fixture(scope="module")
def history():
    w = compute()
    return train(w.W1, w.W2, w.x, w.y, w.eta)


def test_the_first_step_is_the_worked_step(history):
    # Reference: tests/reference.py, the worked step in 50-digit Decimal arithmetic.
    ref = worked_example()
    assert history.loss[1] == pytest.approx(ref["loss_new"], rel=1e-13)
    assert history.y_hat[1] == pytest.approx(ref["y_hat_new"], rel=1e-13)


def test_the_run_follows_the_stopping_rule(history):
    drops = -np.diff(history.loss)
    assert history.reason == "converged"
    assert (drops[:-1] >= REL_TOL * history.loss[:-2]).all()  # no earlier step met the rule
    assert 0 < drops[-1] < REL_TOL * history.loss[-2]


def test_the_final_weights_give_the_final_loss(history):
    # Reference: network.forward, the single-example pass, on the returned weights.
    w = compute()
    f = forward(history.W1, history.W2, w.x, w.y)
    assert f.loss == pytest.approx(history.loss[-1], rel=1e-12)


def test_the_prediction_rises_towards_one_and_stays_below(history):
    assert (np.diff(history.y_hat) > 0).all() and (history.y_hat < 1).all()
    assert history.slope[-1] < history.slope[0]


def test_the_step_cap_stops_a_run():
    w = compute()
    h = train(w.W1, w.W2, w.x, w.y, w.eta, max_steps=3)
    assert h.reason == "step cap" and h.steps == 3 and len(h.y_hat) == 4


def test_a_step_too_large_stops_with_no_decrease():
    w = compute()
    h = train(w.W1, w.W2, w.x, w.y, 1e4)
    assert h.reason == "no decrease" and h.loss[-1] >= h.loss[-2]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"rel_tol": 0.0}, "rel_tol: expected a float between 0 and 1"),
    ({"max_steps": 0}, "max_steps: expected a positive integer"),
    ({"eta": -1.0}, "eta: expected a positive"),
])
def test_bad_arguments_are_rejected(kwargs, message):
    w = compute()
    args = {"eta": w.eta, **kwargs}
    with pytest.raises(ValueError, match=message):
        train(w.W1, w.W2, w.x, w.y, **args)


def test_the_plot_is_deterministic_and_takes_the_page_colour(history):
    svg = training_svg(history.loss, history.y_hat, 1.0)
    assert svg == training_svg(history.loss, history.y_hat, 1.0)
    assert svg.startswith("<svg") and 'class="byhand-plot"' in svg and "currentColor" in svg
    assert "#010203" not in svg and "<dc:date>" not in svg and 'width="100%"' in svg
    assert "fill: #ffffff" not in svg  # transparent: no white background in the dark palette


def test_the_plot_rejects_mismatched_data():
    with pytest.raises(ValueError, match="same length"):
        training_svg(np.ones(3), np.ones(4), 1.0)
