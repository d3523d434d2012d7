"""Properties of the package over random widths and values (hypothesis, derandomized: see conftest.py).

- the gradient forms agree with each other and with central differences, for any widths n -> h -> 1;
- a step with a small learning rate never increases the loss (and lowers it by about eta |g|^2);
- bad inputs raise ValueError naming the field, and nothing else.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from byhand import FORMS, central, forward, step
from byhand.example import from_dict
from byhand import validate
from byhand.tolerances import AGREE, REFEREE, within

# Measured over 2000 derandomized networks: the forms differ by at most 6e-17, and central differences
# by at most 2.5e-10 absolute (1.4e-7 relative on entries near 1e-3): within byhand.tolerances'
# AGREE and REFEREE, each applied as tol * (1 + |reference|).
# A step of eta = 1e-4 changes the loss by -eta |g|^2 + R with |R| <= eta^2 M |g|^2 / 2, where M bounds
# the Hessian's norm; with weights and inputs in [-3, 3] and widths <= 6 every second derivative is
# below ~2, so M < 100 and |R| <= 0.005 eta |g|^2: the first-order decrease dominates.
ETA = 1e-4
ROUND_OFF = 16 * np.finfo(float).eps  # relative: the loss is computed to a few ulps

widths = st.integers(1, 6)
values = st.floats(-3, 3, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@st.composite
def networks(draw, h=widths, n=widths):
    """(W1, W2, x, y) with W1 (h, n), W2 (1, h), x (n,) in [-3, 3] and a target y in [0, 1]."""
    h, n = draw(h), draw(n)
    W1 = draw(hnp.arrays(np.float64, (h, n), elements=values))
    W2 = draw(hnp.arrays(np.float64, (1, h), elements=values))
    x = draw(hnp.arrays(np.float64, (n,), elements=values))
    return W1, W2, x, draw(st.floats(0, 1))


# ---- gradients ---------------------------------------------------------------------------------

@given(networks())
def test_the_forms_agree_with_each_other_and_with_central_differences(net):
    grads = {name: form(*net) for name, form in FORMS.items()}
    ref1, ref2 = grads["vector"]
    num1, num2 = central(*net)
    for name, (dW1, dW2) in grads.items():
        W1, W2 = net[:2]
        assert dW1.shape == W1.shape and dW2.shape == W2.shape, name
        assert within(dW1, ref1, AGREE) and within(dW2, ref2, AGREE), name
        assert within(dW1, num1, REFEREE) and within(dW2, num2, REFEREE), name


@given(networks(), st.sampled_from(sorted(FORMS)))
def test_a_small_step_never_increases_the_loss(net, form):
    before = forward(*net).loss
    s = step(*net, eta=ETA, form=form)
    g2 = float(np.sum(s.dL_dW1**2) + np.sum(s.dL_dW2**2))
    after, noise = s.after.loss, ROUND_OFF * before
    if g2 == 0:  # a stationary point (y_hat == y): the step moves nothing
        assert after == before
        return
    assert after <= before + noise
    predicted = ETA * g2  # the first-order decrease
    if predicted > 1e3 * noise:  # well above round-off: it is strict, and about as predicted
        assert after < before
        assert (before - after) / predicted == pytest.approx(1, abs=0.01)


# ---- bad inputs --------------------------------------------------------------------------------

GOOD = {"name": "good", "x": [0.0, 1.0, 2.0], "y": 1.0, "W1": [[0.4, 0.5, 0.3], [0.2, 0.7, 0.1]],
        "W2": [[0.1, 0.2]], "eta": 0.1}
SHAPES = {"x": (3,), "W1": (2, 3), "W2": (1, 2)}
POST = tuple(np.array(GOOD[k]) for k in ("W1", "W2", "x")) + (GOOD["y"],)  # (W1, W2, x, y)
not_finite = st.sampled_from([float("nan"), float("inf"), -float("inf")])
not_numbers = st.one_of(st.booleans(), st.text(max_size=3), st.none(), st.just({}), st.just(1j),
                        st.just(object()), st.just(np.bool_(True)))
scalars = st.one_of(values, st.integers(-3, 3))


def wrong_arrays(shape):
    """Values that are not a finite real array of ``shape``: other shapes, ragged, non-finite, non-numeric."""
    other_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4).filter(lambda s: s != shape)
    as_list = st.sampled_from([lambda a: a.tolist(), lambda a: a])
    return st.one_of(
        st.builds(lambda a, f: f(a), hnp.arrays(np.float64, other_shapes, elements=values), as_list),
        st.builds(lambda a, i, bad: _put(a, i, bad), hnp.arrays(np.float64, shape, elements=values),
                  st.integers(0, 10**6), st.one_of(not_finite, not_numbers, st.just([1.0]))),
        st.builds(lambda a: a.tolist(), hnp.arrays(np.bool_, shape)),
        st.builds(lambda s: np.full(shape, s), st.text(min_size=1, max_size=2)),
        not_numbers, not_finite, scalars,
    )


def _put(array: np.ndarray, i: int, bad: object) -> list:
    """``array`` as nested lists with one entry replaced by ``bad`` (ragged if ``bad`` is a list)."""
    flat = array.ravel().tolist()
    flat[i % len(flat)] = bad
    return np.array(flat, dtype=object).reshape(array.shape).tolist()


def wrong_scalars(field):
    bad = st.one_of(not_numbers, not_finite, st.lists(values, max_size=2), st.just(10**400))
    return bad | st.floats(max_value=0, allow_nan=False) if field == "eta" else bad


field_corruptions = st.one_of(
    *(st.tuples(st.just(f), wrong_arrays(shape)) for f, shape in SHAPES.items()),
    *(st.tuples(st.just(f), wrong_scalars(f)) for f in ("y", "eta")),
    st.tuples(st.just("name"), st.one_of(not_numbers.filter(lambda v: not isinstance(v, str)), scalars)),
)


@given(field_corruptions)
@example(("y", 10**400))  # found by this test: OverflowError from math.isfinite, now a ValueError
@example(("W1", [[1, 2, 3], [4, 5, 10**400]]))  # and from np.array(..., dtype=float)
def test_a_bad_field_raises_value_error_naming_it(corruption):
    field, value = corruption
    with pytest.raises(ValueError, match=f"^example: {field}: "):  # source, then field
        from_dict({**GOOD, field: value})


@given(st.sets(st.sampled_from(sorted(GOOD))), st.dictionaries(st.one_of(st.text(max_size=4), st.integers()),
                                                               values, max_size=2))
@example(set(), {1: 0.0, "bias": 0.0})  # found by this test: sorting mixed keys raised TypeError
@example({"y"}, {"y": 0.0})  # found by this test: a field dropped and given again is not missing
def test_missing_or_unknown_fields_raise_value_error(drop, extra):
    data = {k: v for k, v in GOOD.items() if k not in drop} | extra
    if not ((set(GOOD) - {"name"} - set(extra)) & drop or set(extra) - set(GOOD)):
        return  # nothing missing and nothing unknown: a valid example (checked below)
    with pytest.raises(ValueError, match="(missing|unknown) field"):
        from_dict(data)


@given(st.one_of(not_numbers.filter(lambda v: not isinstance(v, dict)), st.lists(st.integers()), scalars))
@example(None)  # found by this test: AttributeError ('NoneType' object has no attribute 'keys')
def test_data_that_is_not_a_table_raises_value_error(data):
    with pytest.raises(ValueError, match="expected a table"):
        from_dict(data)


def test_the_good_example_is_accepted():
    assert from_dict(dict(GOOD)).name == "good"


bad_y = st.one_of(not_numbers, not_finite, st.just(10**400), st.just(np.array([0.5])))


@given(networks(), st.sampled_from(["W1", "W2", "x", "y"]), st.data())
def test_forward_and_the_forms_reject_bad_networks_with_value_error(net, field, data):
    args = dict(zip(["W1", "W2", "x", "y"], net))
    if field == "y":
        args["y"] = data.draw(bad_y)
    else:
        shape = args[field].shape
        args[field] = data.draw(wrong_arrays(shape).filter(lambda v: not (_finite_array(v) and v.shape == shape)))
    # A W1 of another shape makes W2 or x the mismatched one: the error may name either.
    named = f"^({field}|W2|x): " if field == "W1" else f"^{field}: "
    for fn in (forward, *FORMS.values(), central):
        with pytest.raises(ValueError, match=named):
            fn(**args)
    if field != "y":
        with pytest.raises(ValueError, match=named):
            validate.network(args["W1"], args["W2"], args["x"])


@pytest.mark.parametrize(
    ("args", "message"),
    [  # found by the test above
        ((*POST[:3], 10**400), "y: expected a finite number"),  # was TypeError from np.isfinite
        ((POST[0].tolist(), *POST[1:]), "W1: expected a 2-d array"),  # central(): was AttributeError
        ((np.full((2, 3), "a"), *POST[1:]), "W1: expected a 2-d array"),  # central(): unnamed ValueError
    ],
)
def test_bad_networks_found_by_the_property_raise_value_error(args, message):
    for fn in (forward, central):
        with pytest.raises(ValueError, match=message):
            fn(*args)


def _finite_array(v: object) -> bool:
    return isinstance(v, np.ndarray) and v.dtype.kind in "iuf" and bool(np.all(np.isfinite(v)))


@given(networks(), st.one_of(not_numbers, not_finite, st.floats(max_value=0), st.just(10**400)))
@example(POST, True)  # found by this test: True was taken for a learning rate of 1
@example(POST, 10**400)  # and a huge integer raised TypeError from np.isfinite
def test_step_rejects_a_bad_learning_rate_with_value_error(net, eta):
    with pytest.raises(ValueError, match="^eta: "):
        step(*net, eta=eta)


# ---- any network: depth 1 to 4, with and without biases, both losses ----------------------------

@st.composite
def any_networks(draw, depth=st.integers(1, 4), width=st.integers(1, 4)):
    """(Network, X (n, N), Y (m, N), loss): each layer drawn with or without a bias."""
    from byhand.core import Layer, Network
    widths = [draw(width) for _ in range(draw(depth) + 1)]
    layers = [Layer(draw(hnp.arrays(np.float64, (m, k), elements=values)),
                    draw(st.one_of(st.none(), hnp.arrays(np.float64, (m,), elements=values))))
              for k, m in zip(widths, widths[1:])]
    N = draw(st.integers(1, 3))
    X = draw(hnp.arrays(np.float64, (widths[0], N), elements=values))
    Y = draw(hnp.arrays(np.float64, (widths[-1], N), elements=st.floats(0, 1)))
    return Network(layers), X, Y, draw(st.sampled_from(["squared", "half-squared"]))


@given(any_networks())
def test_any_network_agrees_with_the_independent_pass(case):
    # Reference: tests/reference_network.py, unit by unit in 50-digit Decimal, sharing no code with byhand.
    import reference_network
    from byhand.core import trace
    net, X, Y, loss = case
    t = trace(net, X, Y, loss)
    ref = reference_network.step([(la.W.tolist(), None if la.b is None else la.b.tolist()) for la in net.layers],
                                 X.T.tolist(), Y.T.tolist(), 0.5, loss)
    new = net.minus(0.5, t)
    assert within(t.loss, ref["loss"], AGREE) and within(t.Y_hat.T, ref["y_hat"], AGREE)
    for k, layer in enumerate(net.layers):
        assert within(t.Delta[k].T, [d[k] for d in ref["delta"]], AGREE), k
        assert within(t.dW[k], ref["dW"][k], AGREE) and within(new.layers[k].W, ref["W_new"][k], AGREE), k
        if layer.b is None:
            assert t.db[k] is None and new.layers[k].b is None
        else:
            assert within(t.db[k], ref["db"][k], AGREE) and within(new.layers[k].b, ref["b_new"][k], AGREE), k
    assert within(trace(new, X, Y, loss).loss, ref["loss_after"], AGREE)


@settings(max_examples=40)  # each example moves every parameter twice: up to ~90 parameters
@given(any_networks())
def test_every_weight_and_bias_passes_the_gradient_check(case):
    from byhand.core import trace
    from byhand.numerical import central_network
    net, X, Y, loss = case
    t = trace(net, X, Y, loss)
    num_W, num_b = central_network(net, X, Y, loss)
    for k in range(len(net.layers)):
        assert within(t.dW[k], num_W[k], REFEREE), k
        assert (t.db[k] is None and num_b[k] is None) or within(t.db[k], num_b[k], REFEREE), k
