"""The gradient-check table and the step analysis: they pass for the real forms and fail for a wrong one."""

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

import reference
from byhand import FORMS, checks, compute, load
from byhand.gradients import vector
from byhand.numerical import STEP
from reference import worked_example

OTHER = Path(__file__).parent / "data" / "other-example.toml"


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


def test_error_worst_and_digits_by_hand():
    row = checks.Row(1, (0, 0), {"a": 2.0, "b": 0.5}, 1.0)
    assert row.error("a") == 1.0 and row.error("b") == 0.5 and row.worst() == 1.0
    assert row.digits() == 0  # relative errors 1/2 and 1/2: not one digit shared
    assert checks.Row(2, (0, 1), {"a": 12.0}, 10.0).error("a") == 2.0  # absolute, not scaled by |c|
    assert checks.Row(1, (0, 0), {"a": 1.0000001, "b": 1.0}, 1.0).digits() == 7  # relative error 1e-7
    assert checks.Row(1, (0, 0), {"a": 0.1234, "b": 0.1234}, 0.1235).digits() == 3  # 0.1234 / 0.1235
    assert checks.Row(1, (0, 0), {"a": -0.0, "b": 0.0}, 0.0).digits() is None  # all exact


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


@pytest.mark.parametrize("name", list(FORMS))
@pytest.mark.parametrize("layer, index", [(1, (0, 1)), (2, (0, 1))])
def test_a_fault_injected_into_any_form_is_caught(name, layer, index):
    w = compute()

    def faulty(*args):  # the form with one entry off by ten times the referee's tolerance
        grads = [g.copy() for g in FORMS[name](*args)]
        grads[layer - 1][index] += 10 * checks.REFEREE * (1 + abs(grads[layer - 1][index]))
        return tuple(grads)

    alone = checks.table(w.W1, w.W2, w.x, w.y, {name: faulty})
    with pytest.raises(AssertionError, match=f"w\\^\\({layer}\\)_1,{index[1] + 1}: form '{name}'.*central"):
        checks.verify(alone)  # the referee catches it with no other form to compare
    among = checks.table(w.W1, w.W2, w.x, w.y, {**FORMS, name: faulty})
    with pytest.raises(AssertionError, match=f"form '{name}'"):
        checks.verify(among)


def test_forms_that_agree_but_are_all_wrong_fail_the_referee():
    w = compute()
    double = lambda *a: tuple(2 * g for g in vector(*a))  # noqa: E731
    rows = checks.table(w.W1, w.W2, w.x, w.y, {"double": double, "again": double})
    with pytest.raises(AssertionError, match="central differences"):
        checks.verify(rows)


def test_the_referee_tolerance_is_absolute_for_small_gradients():
    r = checks.REFEREE
    checks.verify([checks.Row(1, (0, 0), {"f": 1e-3 + 0.9 * r}, 1e-3)])  # off by 90% of it: passes
    with pytest.raises(AssertionError):
        checks.verify([checks.Row(1, (0, 0), {"f": 1e-3 + 1.1 * r * (1 + 1e-3)}, 1e-3)])
    checks.verify([checks.Row(1, (0, 0), {"f": -r / 2}, r / 2)])  # a lost sign below r / 2 goes unseen
    with pytest.raises(AssertionError):
        checks.verify([checks.Row(1, (0, 0), {"f": -r}, r)])


def reference_third() -> np.ndarray:
    """L''' along each weight of the worked example, by a four-point stencil in 50-digit arithmetic."""
    H, out = Decimal("1e-12"), []
    for layer, index in [(1, (j, i)) for j in range(2) for i in range(3)] + [(2, (0, 0)), (2, (0, 1))]:
        def loss(d):
            W1 = [row[:] for row in reference.W1]
            W2 = reference.W2[:]
            if layer == 1:
                W1[index[0]][index[1]] += d
            else:
                W2[index[1]] += d
            return reference.forward(W1, W2, reference.X)[-1]
        out.append((loss(2 * H) - 2 * loss(H) + 2 * loss(-H) - loss(-2 * H)) / (2 * H**3))
    return np.array([float(v) for v in out])


def test_third_derivatives_match_the_50_digit_reference():
    w = compute()
    # Budget of the float64 estimate at H = 1e-3: truncation H^2 |L^(5)| / 4 plus round-off 3 eps |L| / H^3,
    # both below 1e-6 here; M itself is about 3e-2, so a wrong factor or sign cannot pass.
    assert np.allclose(checks.third(w.W1, w.W2, w.x, w.y), reference_third(), rtol=0, atol=1e-6)


def test_the_balance_point_minimises_the_model():
    loss, M = 0.2, 0.03
    best = checks.balance(loss, M)
    E = lambda h: checks.model(h, loss, M)  # noqa: E731
    assert E(best) == pytest.approx(best**2 * M / 2, rel=1e-12)
    assert E(best) < E(best * 1.01) and E(best) < E(best / 1.01)
    assert best**3 == pytest.approx(3 * checks.EPS * loss / M, rel=1e-12)  # h*^3 = 3 eps |L| / M


@pytest.mark.parametrize("path", [None, OTHER], ids=["post", "other"])
def test_the_measured_error_is_least_near_the_balance_point_and_the_site_step_lies_below_it(path):
    w = compute(load(path))
    M = float(np.max(np.abs(checks.third(w.W1, w.W2, w.x, w.y))))
    best = checks.balance(w.loss, M)
    steps = [10.0**-k for k in range(3, 10)]
    measured = checks.sweep(w.W1, w.W2, w.x, w.y, steps)
    low = steps[int(np.argmin(measured))]
    assert best / 10 < low < best * 10
    assert all(1 / 4 <= e / checks.model(h, w.loss, M) <= 4 for h, e in zip(steps, measured))
    assert STEP < best  # the site errs on the round-off side, as numerical.STEP's comment says


def test_steepest_is_the_largest_third_derivative_and_its_weight():
    # Reference: the 50-digit four-point stencil above; the weights in table order.
    w, ref = compute(), np.abs(reference_third())
    M, layer, index = checks.steepest(w.W1, w.W2, w.x, w.y)
    order = [(1, (j, i)) for j in range(2) for i in range(3)] + [(2, (0, 0)), (2, (0, 1))]
    assert (layer, index) == order[int(np.argmax(ref))] and M == pytest.approx(ref.max(), rel=0, abs=1e-6)
    assert isinstance(M, float) and all(isinstance(i, int) for i in index)


@pytest.mark.parametrize(("flat", "expected"), [(0, (1, (0, 0))), (4, (1, (1, 1))), (5, (1, (1, 2))),
                                                (6, (2, (0, 0))), (7, (2, (0, 1)))])
def test_steepest_names_the_weight_in_table_order(monkeypatch, flat, expected):
    values = np.full(8, 0.5)
    values[flat] = -2.0  # the largest in size, and negative: the size is what counts
    monkeypatch.setattr(checks, "third", lambda *args: values)
    w = compute()
    assert checks.steepest(w.W1, w.W2, w.x, w.y) == (2.0, *expected)


def test_factor_is_the_larger_ratio():
    assert checks.factor(2.0, 8.0) == checks.factor(8.0, 2.0) == 4.0
    assert checks.factor(3.0, 3.0) == 1.0 and checks.factor(1e-6, 1e-5) == pytest.approx(10.0, rel=1e-15)
