"""The calculator step against an independent Decimal computation, rounding half up at every step."""

from decimal import ROUND_HALF_UP, Decimal, getcontext

import numpy as np
import pytest

from byhand import compute
from byhand.example import post
from byhand.rounding import KEYS, calculator_step, drift, round_to, wiped_out

getcontext().prec = 50


def decimal_calculator(k: int) -> dict:
    """The worked step in 50-digit Decimal arithmetic, each result rounded half up to k decimals.

    Independent of byhand: plain loops written from the formulas on the pages; inputs are the post's.
    """
    q = lambda v: v.quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP)  # noqa: E731
    sig = lambda z: 1 / (1 + (-z).exp())  # noqa: E731
    x, y, eta = [Decimal(0), Decimal(1), Decimal(2)], Decimal(1), Decimal("0.1")
    W1 = [[Decimal("0.4"), Decimal("0.5"), Decimal("0.3")], [Decimal("0.2"), Decimal("0.7"), Decimal("0.1")]]
    W2 = [Decimal("0.1"), Decimal("0.2")]

    def fwd(W1, W2):
        z1 = [q(sum(W1[j][i] * x[i] for i in range(3))) for j in range(2)]
        a1 = [q(sig(z)) for z in z1]
        z2 = q(sum(W2[j] * a1[j] for j in range(2)))
        y_hat = q(sig(z2))
        return dict(z1=z1, a1=a1, z2=z2, y_hat=y_hat, loss=q((y - y_hat) ** 2))

    out = fwd(W1, W2)
    out["dL_dyhat"] = q(2 * (out["y_hat"] - y))
    out["dyhat_dz2"] = q(out["y_hat"] * (1 - out["y_hat"]))
    out["dL_dz2"] = d = q(out["dL_dyhat"] * out["dyhat_dz2"])
    out["dL_dW2"] = [[q(d * a) for a in out["a1"]]]
    out["dsigma_z1"] = [q(a * (1 - a)) for a in out["a1"]]
    out["dL_dW1"] = [[q(d * W2[j] * out["dsigma_z1"][j] * x[i]) for i in range(3)] for j in range(2)]
    out["W1_new"] = [[q(W1[j][i] - eta * out["dL_dW1"][j][i]) for i in range(3)] for j in range(2)]
    out["W2_new"] = [[q(W2[j] - eta * out["dL_dW2"][0][j]) for j in range(2)]]
    out.update({f"{key}_new": v for key, v in fwd(out["W1_new"], out["W2_new"][0]).items()})
    as_float = lambda v: [as_float(u) for u in v] if isinstance(v, list) else float(v)  # noqa: E731
    return {key: as_float(v) for key, v in out.items()}


@pytest.mark.parametrize("k", [1, 2, 3, 4, 6, 8])
def test_calculator_step_matches_the_decimal_reference(k):
    ours, ref = calculator_step(post(), k), decimal_calculator(k)
    assert set(ours) == set(ref) == set(KEYS)
    for key in KEYS:
        assert np.array_equal(np.asarray(ours[key], dtype=float), np.asarray(ref[key], dtype=float)), key


def test_without_rounding_it_is_the_walkthrough():
    w, exact = compute(post()), calculator_step(post(), None)
    for key in KEYS:
        assert np.array_equal(exact[key], w[key]), key


def test_round_to_is_half_up_on_the_shown_decimal():
    assert round_to(0.15 * 0.5, 2) == 0.08  # the float is 0.07499..., its shortest repr the tie 0.075
    assert round_to(-0.125, 2) == -0.13 and round_to(2.5, 0) == 3.0
    assert round_to(-0.004, 2) == 0.0 and str(round_to(-0.004, 2)) == "0.0"  # no negative zero
    assert np.array_equal(round_to(np.array([0.123, 0.987]), 1), [0.1, 1.0])


@pytest.mark.parametrize("k", [-1, 1.5, True])
def test_round_to_rejects_bad_k(k):
    with pytest.raises(ValueError, match="k: expected a number of decimals"):
        round_to(0.5, k)


def test_drift_shrinks_with_more_decimals():
    loose, tight = drift(post(), 2), drift(post(), 6)
    assert all(tight[key] <= loose[key] for key in KEYS)
    assert max(tight.values()) < 1e-5


def test_two_decimals_wipe_out_a_gradient_of_the_post():
    # -0.0041286 (the 50-digit reference's dL_dW1[0, 1]) rounds to 0 at two decimals, not at three.
    assert ("dL_dW1", (0, 1)) in wiped_out(post(), 2)
    assert wiped_out(post(), 3) == []
