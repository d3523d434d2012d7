"""The gradient-check table: it passes for the real forms and fails for a wrong one."""

import numpy as np
import pytest

from byhand import FORMS, checks, compute
from byhand.gradients import vector
from reference import worked_example


def test_the_table_covers_every_weight_with_every_form():
    w = compute()
    rows = checks.table(w.W1, w.W2, w.x, w.y)
    assert [(r.layer, r.index) for r in rows] == [(1, (j, i)) for j in range(2) for i in range(3)] + [
        (2, (0, 0)), (2, (0, 1))]
    assert all(set(r.forms) == set(FORMS) for r in rows)
    checks.verify(rows)


def test_central_estimates_match_the_50_digit_reference():
    # Reference: tests/reference.py, the worked example in 50-digit Decimal arithmetic.
    w, ref = compute(), worked_example()
    rows = checks.table(w.W1, w.W2, w.x, w.y)
    expected = np.concatenate([np.ravel(ref["dL_dW1"]), np.ravel(ref["dL_dW2"])])
    assert np.allclose([r.central for r in rows], expected, rtol=checks.REFEREE, atol=checks.REFEREE)


def test_relative_error():
    row = checks.Row(1, (0, 0), {"a": 2.0, "b": 0.0}, 1.0)
    assert row.error("a") == 0.5 and row.error("b") == 1.0
    assert checks.Row(1, (0, 0), {"a": 0.0}, 0.0).error("a") == 0.0


def test_a_wrong_form_fails_the_check_naming_weight_and_form():
    w = compute()

    def flipped(W1, W2, x, y):  # the vector form with one entry's sign lost
        dW1, dW2 = vector(W1, W2, x, y)
        dW1 = dW1.copy()
        dW1[1, 2] *= -1
        return dW1, dW2

    rows = checks.table(w.W1, w.W2, w.x, w.y, {"vector": vector, "flipped": flipped})
    with pytest.raises(AssertionError, match=r"w\^\(1\)_2,3: form 'flipped'"):
        checks.verify(rows)


def test_forms_that_agree_but_are_all_wrong_fail_the_referee():
    w = compute()
    double = lambda *a: tuple(2 * g for g in vector(*a))  # noqa: E731
    rows = checks.table(w.W1, w.W2, w.x, w.y, {"double": double, "again": double})
    with pytest.raises(AssertionError, match="central differences"):
        checks.verify(rows)
