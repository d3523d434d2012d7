"""The invariants of the gradient, set up by byhand.invariants, against the 50-digit reference step.

Reference: tests/reference.py, one step in Decimal arithmetic written from the formulas, sharing no
code with byhand; signs are also worked out by hand for a small case.
"""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import reference
from byhand import invariants, load
from byhand.example import post

OTHER = Path(__file__).parent / "data" / "other-example.toml"
SAME = 1e-13  # float64 against 50-digit arithmetic, one step


def test_a_zero_input_zeroes_its_column_but_not_in_a_batch():
    ex = post()  # x = (0, 1, 2): input 1 is already zero
    z = invariants.zero_input(ex.W1, ex.W2, ex.x, ex.y)
    ref = reference.of_example(ex)
    assert z.i == 0 and np.array_equal(z.x, ex.x)
    assert (z.dL_dW1[:, 0] == 0).all() and np.allclose(z.dL_dW1, ref["dL_dW1"], rtol=SAME, atol=0)
    # The batch gradient is the mean over its two examples; the first contributes zero to column 1.
    second = reference.of_example(replace(ex, x=np.array([1.0, 1.0, 2.0])))
    expected = [row[0] / 2 for row in second["dL_dW1"]]
    assert np.allclose(z.batch_column, expected, rtol=SAME, atol=0) and (z.batch_column != 0).all()


def test_without_a_zero_input_the_first_is_set_to_zero():
    ex = load(OTHER)  # no input is zero
    z = invariants.zero_input(ex.W1, ex.W2, ex.x, ex.y)
    assert z.i == 0 and z.x[0] == 0 and np.array_equal(z.x[1:], ex.x[1:]) and ex.x[0] != 0
    ref = reference.of_example(replace(ex, x=z.x))
    assert (z.dL_dW1[:, 0] == 0).all() and np.allclose(z.dL_dW1, ref["dL_dW1"], rtol=SAME, atol=0)


def test_three_signs_predict_every_hidden_sign():
    # By hand: sign(delta) = -1; row 1 has w2 > 0, row 2 w2 < 0; x = (0, 1, -2).
    predicted = invariants.signs(-0.5, np.array([[0.3, -0.2]]), np.array([0.0, 1.0, -2.0]))
    assert predicted.tolist() == [[0, -1, 1], [0, 1, -1]]
    for ex in (post(), load(OTHER)):
        ref = reference.of_example(ex)
        assert np.array_equal(invariants.signs(ref["dL_dz2"], ex.W2, ex.x), np.sign(ref["dL_dW1"]))


def test_row_signs_only_when_every_non_zero_input_is_positive():
    W2 = np.array([[0.3, -0.2]])
    assert invariants.row_signs(-0.5, W2, np.array([0.0, 1.0, 2.0])) == [-1, 1]
    assert invariants.row_signs(0.5, W2, np.array([0.0, 1.0, 2.0])) == [1, -1]
    assert invariants.row_signs(0.5, W2, np.array([0.5, -1.0, 1.5])) == []  # a negative input
    assert invariants.row_signs(0.0, W2, np.array([0.0, 1.0, 2.0])) == []  # no gradient at all
    ex = post()
    signs = invariants.row_signs(reference.of_example(ex)["dL_dz2"], ex.W2, ex.x)
    assert signs == [-1, -1] and (np.sign(reference.of_example(ex)["dL_dW1"])[:, 1:] == -1).all()


def test_flip_changes_one_outgoing_weight_and_its_row():
    ex = post()
    W2, flipped = invariants.flip(ex, 1)
    assert W2.tolist() == [[0.1, -0.2]] and ex.W2.tolist() == [[0.1, 0.2]]  # the example is not changed
    ref = reference.of_example(replace(ex, W2=np.array([[0.1, -0.2]])))
    assert flipped.dL_dz2 == pytest.approx(ref["dL_dz2"], rel=SAME)
    assert np.allclose(flipped.dL_dW1, ref["dL_dW1"], rtol=SAME, atol=0)


def test_twins_stay_equal_and_match_the_reference_step():
    ex = post()
    t = invariants.twins(ex.W1, ex.W2, ex.x, ex.y, ex.eta, steps=5)
    assert t.stayed and t.steps == 5 and t.W1.tolist() == [[0.4, 0.5, 0.3]] * 2 and t.W2.tolist() == [[0.1, 0.1]]
    ref = reference.of_example(replace(ex, W1=t.W1, W2=t.W2))
    assert np.allclose(t.first.W1_new, ref["W1_new"], rtol=SAME, atol=0)
    assert np.allclose(t.first.W2_new, ref["W2_new"], rtol=SAME, atol=0)
    assert (ex.W1[0] != ex.W1[1]).any()  # the example itself is not changed


def test_twins_notice_units_that_drift_apart(monkeypatch):
    real, calls = invariants.step, []

    def nudged(*args):  # the fourth call (the third step of the loop) moves unit 2 off unit 1
        s = real(*args)
        calls.append(s)
        if len(calls) == 4:
            s = replace(s, W1_new=s.W1_new * np.array([[1.0], [1 + 1e-15]]))
        return s

    monkeypatch.setattr(invariants, "step", nudged)
    ex = post()
    assert not invariants.twins(ex.W1, ex.W2, ex.x, ex.y, ex.eta, steps=5).stayed and len(calls) == 6
