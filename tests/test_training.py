"""Repeating the step: the loop against independent passes, the measurements, and the plot."""

import math
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from byhand import forward, load, sigma
from byhand.example import post
from byhand_site.plot import training_svg
from byhand.training import STEPS, fraction_lost, power_law, train
import reference
from reference import worked_example

OTHER = Path(__file__).parent / "data" / "other-example.toml"
SAME = 1e-12  # float64 results of two implementations of one formula, a few hundred steps apart


@pytest.fixture(scope="module")
def history():
    e = post()
    return train(e.W1, e.W2, e.x, e.y, e.eta)


def test_the_first_step_is_the_worked_step(history):
    # Reference: tests/reference.py, the worked step in 50-digit Decimal arithmetic.
    ref = worked_example()
    assert history.loss[1] == pytest.approx(ref["loss_new"], rel=1e-13)
    assert history.y_hat[1] == pytest.approx(ref["y_hat_new"], rel=1e-13)
    assert history.dL_dz2[0] == pytest.approx(ref["dL_dz2"], rel=1e-13)


def test_fifty_steps_match_decimal_arithmetic(history):
    # Reference: the post's step repeated in 50-digit Decimal arithmetic, written here from the formulas.
    e = post()
    W1 = [[Decimal(v) for v in row] for row in e.W1.tolist()]  # the exact values of the float64 inputs
    W2, x, y, eta = [Decimal(v) for v in e.W2[0].tolist()], [Decimal(v) for v in e.x.tolist()], Decimal(e.y), Decimal(e.eta)
    sig = lambda z: 1 / (1 + (-z).exp())  # noqa: E731
    for _ in range(50):
        a1 = [sig(sum(w * xi for w, xi in zip(row, x))) for row in W1]
        y_hat = sig(sum(w * a for w, a in zip(W2, a1)))
        d2 = 2 * (y_hat - y) * y_hat * (1 - y_hat)
        W1 = [[w - eta * d2 * W2[j] * a1[j] * (1 - a1[j]) * xi for w, xi in zip(W1[j], x)] for j in range(2)]
        W2 = [w - eta * d2 * a for w, a in zip(W2, a1)]
    y_hat = sig(sum(w * a for w, a in zip(W2, [sig(sum(w * xi for w, xi in zip(row, x))) for row in W1])))
    assert history.y_hat[50] == pytest.approx(float(y_hat), rel=SAME)
    assert history.loss[50] == pytest.approx(float((y - y_hat) ** 2), rel=SAME)


@pytest.mark.parametrize("case", ["post", "other", "wide"])
def test_every_step_is_the_reference_step(case):
    # Reference: tests/reference.py, the step in 50-digit Decimal arithmetic, repeated.
    if case == "wide":  # any widths: 5 inputs, 4 hidden units
        rng = np.random.default_rng(7)
        W1, W2, x, y, eta = rng.normal(size=(4, 5)), rng.normal(size=(1, 4)), rng.normal(size=5), 0.3, 0.5
    else:
        e = post() if case == "post" else load(OTHER)
        W1, W2, x, y, eta = e.W1, e.W2, e.x, e.y, e.eta
    h = train(W1, W2, x, y, eta, steps=200)
    d = lambda v: Decimal(float(v))  # noqa: E731  (the exact binary values the floats hold)
    V1, V2, xs, yd, etad = [[d(v) for v in row] for row in W1], [d(v) for v in W2[0]], [d(v) for v in x], d(y), d(eta)
    for t in range(h.steps + 1):
        ref = reference.step(xs, yd, V1, V2, etad)
        assert h.loss[t] == pytest.approx(float(ref["loss"]), rel=SAME)
        assert h.y_hat[t] == pytest.approx(float(ref["y_hat"]), rel=SAME)
        assert h.z2[t] == pytest.approx(float(ref["z2"]), rel=SAME, abs=SAME)
        assert h.dL_dz2[t] == pytest.approx(float(ref["dL_dz2"]), rel=SAME)
        grad = math.sqrt(sum(float(g) ** 2 for g in [*ref["dL_dW2"][0], *(g for row in ref["dL_dW1"] for g in row)]))
        assert h.grad_norm[t] == pytest.approx(grad, rel=SAME)
        assert h.slope[t] == pytest.approx(float(ref["dyhat_dz2"]), rel=SAME)
        if t < h.steps:
            V1, V2 = ref["W1_new"], ref["W2_new"][0]
    np.testing.assert_allclose(h.W1, reference.as_float(V1), rtol=SAME, atol=0)
    np.testing.assert_allclose(h.W2, [reference.as_float(V2)], rtol=SAME, atol=0)


def test_the_final_weights_give_the_final_loss(history):
    # Reference: network.forward, the single-example pass, on the returned weights.
    e = post()
    assert forward(history.W1, history.W2, e.x, e.y).loss == pytest.approx(history.loss[-1], rel=SAME)


def test_the_post_example_uses_the_budget_and_the_loss_always_falls(history):
    assert history.reason == "budget" and history.steps == STEPS
    assert (np.diff(history.loss) < 0).all()
    assert (np.diff(history.y_hat) > 0).all() and (history.y_hat < 1).all()


def test_the_post_example_loss_falls_like_one_over_t(history):
    # The page's claim, measured over the last tenfold stretch: a slope near -1 and t L_t in a narrow band.
    a, b = STEPS // 10, STEPS
    p, _ = power_law(history.loss, a, b)
    tL = np.arange(a, b + 1) * history.loss[a:]
    assert -1.15 < p < -1 and tL.max() / tL.min() < 1.5
    tf = np.arange(a, b + 1) * fraction_lost(history.loss)[a - 1:]
    assert 0.9 < tf.min() and tf.max() < 1.2  # the fraction lost per step is about 1/t


def test_the_other_example_falls_geometrically_until_rounding_stops_it():
    e = load(OTHER)
    h = train(e.W1, e.W2, e.x, e.y, e.eta)
    assert h.reason == "no decrease" and h.steps < STEPS and h.loss[-1] >= h.loss[-2]
    f = fraction_lost(h.loss)[h.steps // 5 - 1:4 * h.steps // 5]
    assert f.max() / f.min() < 1.05
    assert abs(h.y_hat[-1] - e.y) < 1e-12


def test_power_law_recovers_a_known_law():
    t = np.arange(1, 1001, dtype=float)
    for p, c in ((-1.0, 3.0), (-0.5, 0.25), (-2.0, 7.0)):
        loss = np.concatenate([[1.0], c * t ** p])  # index t; L_0 is not fitted
        assert power_law(loss, 10, 1000) == pytest.approx((p, c), rel=1e-9)


def test_power_law_rejects_bad_windows():
    loss = 1 / np.arange(1, 12, dtype=float)
    for start, stop in ((0, 5), (5, 5), (3, 11)):
        with pytest.raises(ValueError, match="start, stop: expected 1 <= start < stop <= 10"):
            power_law(loss, start, stop)


def test_fraction_lost_of_one_over_t_is_one_over_t():
    # L_t = 1/(t + 1) loses (1/t - 1/(t+1)) t = 1/(t + 1) of itself at step t.
    t = np.arange(0, 101, dtype=float)
    f = fraction_lost(1 / (t + 1))
    np.testing.assert_allclose(f, 1 / (t[1:] + 1), rtol=1e-13)
    assert int(np.argmax(f < 1e-2)) + 1 == 100  # a relative rule with r = 1/100 stops at t = 100
    with pytest.raises(ValueError, match="positive values"):
        fraction_lost(np.array([1.0, 0.0]))


def test_the_budget_stops_a_run():
    e = post()
    h = train(e.W1, e.W2, e.x, e.y, e.eta, steps=3)
    assert h.reason == "budget" and h.steps == 3 and len(h.y_hat) == 4


def test_a_step_too_large_stops_with_no_decrease():
    e = post()
    h = train(e.W1, e.W2, e.x, e.y, 1e4)
    assert h.reason == "no decrease" and h.loss[-1] >= h.loss[-2] and h.steps < 10


def test_an_overflowing_exponential_gives_the_limit_as_the_core_does():
    assert sigma(-800.0) == 0.0 and sigma(800.0) == 1.0
    e = post()
    a1 = forward(e.W1, e.W2, e.x, e.y).a1
    for z2 in (-705.0, -1000.0):  # below -700 the loop takes the careful path; below about -709.8 e^{-z} overflows
        h = train(e.W1, np.full((1, 2), z2 / a1.sum()), e.x, e.y, e.eta, steps=2)
        assert h.z2[0] == pytest.approx(z2) and h.y_hat[0] == sigma(h.z2[0]) and h.loss[0] == pytest.approx(1.0)
        assert (h.y_hat[0] > 0) == (z2 > -709)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"steps": 0}, "steps: expected a positive integer"),
    ({"steps": True}, "steps: expected a positive integer"),
    ({"eta": -1.0}, "eta: expected a positive"),
    ({"eta": float("nan")}, "eta: expected a finite number"),
    ({"y": "1"}, "y: expected a real number"),
    ({"x": np.array([0.0, 1.0])}, r"x: expected shape \(3,\)"),
])
def test_bad_arguments_are_rejected(kwargs, message):
    e = post()
    args = {"W1": e.W1, "W2": e.W2, "x": e.x, "y": e.y, "eta": e.eta, **kwargs}
    with pytest.raises(ValueError, match=message):
        train(**args)


# ---- the plot ----------------------------------------------------------------------------------

def test_the_plot_is_deterministic_and_takes_the_page_colour(history):
    svg = training_svg(history.loss, history.y_hat, 1.0)
    assert svg == training_svg(history.loss, history.y_hat, 1.0)
    assert svg.startswith("<svg") and 'class="byhand-plot"' in svg and "currentColor" in svg
    assert "#010203" not in svg and "<dc:date>" not in svg and 'width="100%"' in svg
    assert "fill: #ffffff" not in svg  # transparent: no white background in the dark palette


def test_the_plot_names_and_describes_itself_for_screen_readers(history):
    svg = training_svg(history.loss, history.y_hat, 1.0, title="Loss & prediction")
    head = svg[:svg.index(">")]
    assert 'role="img"' in head and 'aria-labelledby="byhand-plot-title"' in head
    assert 'aria-describedby="byhand-plot-desc"' in head
    assert '<title id="byhand-plot-title">Loss &amp; prediction</title>' in svg
    desc = re.search(r'<desc id="byhand-plot-desc">(.*?)</desc>', svg)[1]
    assert "from 0.1988 at step 0 to 0.0001370 at step 10000" in desc and "target y = 1" in desc


def test_the_log_log_plot_shows_the_fit_and_plain_tick_labels(history):
    p, c = power_law(history.loss, 1000, STEPS)
    svg = training_svg(history.loss, history.y_hat, 1.0, log_steps=True, fit=(p, c, 1000, STEPS))
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg)[1]
    assert "both axes logarithmic" in desc and "at step 1 " in desc and "to the power \u22121.076" in desc
    assert ">10000<" in svg and ">10\u207b\u00b3<" in svg  # powers of ten as plain text, no mathtext
    assert "fitted c\u00b7t\u1d56" in svg and "step t (log scale)" in svg


def test_the_plot_rejects_mismatched_data():
    with pytest.raises(ValueError, match="same length"):
        training_svg(np.ones(3), np.ones(4), 1.0)


def test_a_loss_that_reaches_zero_is_drawn_on_a_linear_axis_and_described_so():
    svg = training_svg(np.array([0.5, 0.1, 0.0]), np.array([0.3, 0.7, 1.0]), 1.0)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg)[1]
    assert desc.startswith("Top panel, both axes linear: the loss goes from 0.5 at step 0 to 0 at step 2.")


# ---- the measurements of a run (byhand.progress) -----------------------------------------------

from byhand import progress  # noqa: E402


def test_nearest_end_is_the_end_a_prediction_chases():
    assert [progress.nearest_end(y) for y in (1.0, 1.5, 0.0, -0.3)] == [1, 1, 0, 0]


def test_the_float64_limits_of_sigma():
    # Reference values in Decimal arithmetic: 53 ln 2, and ln of the largest double, (2 - 2^-52) 2^1023.
    assert progress.Z_ONE == pytest.approx(float(53 * Decimal(2).ln()), rel=1e-15)
    assert progress.Z_ZERO == pytest.approx(-float(Decimal(2**1024 - 2**971).ln()), rel=1e-15)
    assert sigma(progress.Z_ONE + 0.01) == 1.0 and sigma(progress.Z_ONE - 0.01) < 1.0
    assert sigma(progress.Z_ZERO - 0.01) == 0.0 and sigma(progress.Z_ZERO + 0.01) > 0.0


@pytest.mark.parametrize(("p", "c"), [(-1.0, 3.0), (-0.5, 0.25)])
def test_tenfold_reads_a_known_law(p, c):
    t = np.arange(1, 1001, dtype=float)
    law = progress.tenfold(np.concatenate([[1.0], c * t ** p]))  # index t; the window is 100..1000
    assert (law.start, law.stop) == (100, 1000) and (law.p, law.c) == pytest.approx((p, c), rel=1e-9)
    window = np.arange(100, 1001, dtype=float)
    np.testing.assert_allclose(law.tL, c * window ** (1 + p), rtol=1e-12)
    # f_t = 1 - ((t - 1)/t)^(-p): for p = -1 it is 1/t, so t f_t = 1
    np.testing.assert_allclose(law.tf, window * (1 - ((window - 1) / window) ** -p), rtol=1e-9)
    assert law.within == pytest.approx(1.0, abs=1e-9)


def test_tenfold_measures_how_far_the_loss_strays_from_the_fit():
    t = np.arange(1, 1001, dtype=float)
    loss = np.concatenate([[1.0], 1 / t])
    loss[500] *= 1.02  # one step off the law by 2%
    law = progress.tenfold(loss)
    assert 1.015 < law.within < 1.021 and law.tL.max() == pytest.approx(1.02, rel=1e-12)


def test_geometric_reads_a_constant_fraction():
    # Reference: L_t = 0.97^t removes 3% every step; 0.97^100 in 50-digit Decimal arithmetic.
    loss = 0.97 ** np.arange(0, 101, dtype=float)
    g = progress.geometric(loss)
    assert (g.start, g.stop) == (20, 80) and len(g.fractions) == 61
    np.testing.assert_allclose(g.fractions, 0.03, rtol=1e-12)
    assert g.per_hundred == pytest.approx(float(Decimal("0.97") ** 100), rel=1e-10)
    with pytest.raises(ValueError, match="at least 10 steps"):
        progress.geometric(loss[:10])


def test_relative_stop_is_the_first_step_below_the_fraction():
    loss = 1 / np.arange(1, 202, dtype=float)  # L_t = 1/(t + 1) removes 1/(t + 1) at step t
    assert progress.relative_stop(loss, 1 / 100.5) == 100 and progress.relative_stop(loss, 1 / 50.5) == 50
    with pytest.raises(ValueError, match="no step of the run"):
        progress.relative_stop(loss, 1e-3)


def test_stall_counts_the_last_steps_in_spacings_of_doubles():
    y, ulp = 0.2, 2.0 ** -55  # 0.2 lies in [1/8, 1/4): doubles there are 2^-3 2^-52 apart
    y_hat = y - ulp * np.array([20, 10, 7, 5, 4, 3, 2, 1, 1])
    s = progress.stall(y_hat, y)
    assert s.ulp == ulp and list(s.moves) == [3, 2, 1, 1, 1, 1, 0]
    assert list(progress.stall(y_hat, y, steps=2).moves) == [1, 0]
    with pytest.raises(ValueError, match="steps: expected"):
        progress.stall(y_hat, y, steps=9)


def test_the_post_run_falls_like_one_over_t_and_a_relative_rule_stops_near_one_over_r(history):
    law = progress.tenfold(history.loss)
    assert -1.15 < law.p < -1 and law.within < 1.05 and 0.9 < law.tf.min() and law.tf.max() < 1.2
    stop = progress.relative_stop(history.loss, 1e-3)
    assert 500 < stop < 2000 and history.loss[stop] > 2 * history.loss[-1]
