"""Practice: the exercises, the slip models and the rule that judges a typed answer (byhand.practice).

Reference values come from the walkthrough's independent reference (tests/reference.py) where they are
numbers; the post's own slips (its printed values) are the test cases of the diagnosis."""

from __future__ import annotations

import pytest

from byhand import practice
from byhand.example import post

import reference


@pytest.fixture(scope="module")
def first():
    return practice.exercise_data(post())["quantities"]


def test_the_site_example_comes_first_and_the_others_are_friendly():
    found = practice.exercises(20)
    assert len(found) == 20 and found[0].name == post().name and (found[0].W1 == post().W1).all()
    for ex in found[1:]:
        assert ((ex.W1 * 10) % 1 == 0).all() and ((ex.W2 * 10) % 1 == 0).all()  # one decimal
        assert set(ex.x) <= {0.0, 1.0, 2.0, 3.0} and ex.y in (0.0, 1.0) and ex.eta in (0.1, 0.5)
    assert len({(ex.W1.tobytes(), ex.x.tobytes()) for ex in found}) == 20


def test_the_published_exact_values_are_the_reference_values(first):
    ref = reference.worked_example()
    assert float(first["dyhat_dz2"]["exact"]) == pytest.approx(ref["dyhat_dz2"], rel=1e-8)
    assert [float(v) for v in first["z1"]["exact"]] == pytest.approx(ref["z1"], rel=1e-8)


@pytest.mark.parametrize(("quantity", "typed", "verdict"), [
    ("dyhat_dz2", "0.247", "correct"), ("dyhat_dz2", "0.2471", "correct"), ("dyhat_dz2", "0.246", "wrong"),
    ("dL_dz2", "-0.2203", "correct"), ("dL_dz2", "\u22120,22", "correct"), ("dL_dz2", "-.22", "correct"),
    ("z1", "1.1, 0.9", "correct"), ("z1", "1.1 0.9", "correct"), ("z1", "1.2, 0.9", "wrong"),
    ("W2_new", "0.1165, 0.2156", "rounding"),  # the post's, from its gradient written with 3 decimals
    ("loss", "1988e-4", "correct"),
])
def test_the_rule(first, quantity, typed, verdict):
    assert practice.judge(typed, first[quantity])[0] == verdict


@pytest.mark.parametrize(("quantity", "typed", "slip"), [
    ("dyhat_dz2", "0.092", "slope-shifted"),  # the post: sigma' at 2.17, its z2 with the decimal point slipped
    ("dL_dz2", "0.082", "post-slope-and-sign"),  # the post: that sigma' and the sign of 2(y_hat - y) lost
    ("W1_new", "0.4, 0.4999, 0.2997; 0.2, 0.6997, 0.0993", "post-uphill"),  # the post's W1 update
    ("dL_dz2", "0.2203", "sign"), ("dL_dz2", "-0.1102", "no-two"), ("dyhat_dz2", "0.5541", "sigma-for-slope"),
    ("a1", "0.1874, 0.2055", "slope-for-sigma"), ("dL_dW1", "0, 0; -0.0041, -0.0091; -0.0083, -0.0181", "transposed"),
])
def test_the_post_s_slips_and_the_common_ones_are_named(first, quantity, typed, slip):
    assert practice.judge(typed, first[quantity]) == ("wrong", slip)
    assert slip in practice.SLIPS


@pytest.mark.parametrize(("quantity", "typed", "verdict", "slip"), [
    ("W1_new", "0.4, 0.5, 0.3; 0.2, 0.7, 0.1", "coarse", None),  # the old weights, to one decimal
    ("W1_new", "0.40, 0.50, 0.30; 0.20, 0.70, 0.10", "coarse", "no-step"),  # the step does not show yet
    ("y_hat", "1", "coarse", None), ("z2", "0", "coarse", None), ("dL_dW2", "-0.2, -0.2", "coarse", None),
    ("W2_new", "0.10, 0.20", "wrong", "no-step"), ("a1", "0.7502, 0.7109", "wrong", "truncated"),
    ("loss", "0.4459", "wrong", "no-square"), ("z1", "1.1, 0.9", "correct", None),  # exact: one decimal is enough
])
def test_too_few_digits_are_asked_for_and_the_usual_slips_named(first, quantity, typed, verdict, slip):
    assert practice.judge(typed, first[quantity]) == (verdict, slip)


@pytest.mark.parametrize(("typed", "message"), [("", "empty"), ("abc", "not a number"), ("0.1, 0.2, 0.3", "Expected 2"),
                                                ("0.1.2, 3", "not a number"), ("inf, 1", "not a number")])
def test_bad_input_is_named_and_never_judged(first, typed, message):
    with pytest.raises(practice.BadInput, match=message):
        practice.judge(typed, first["z1"])
