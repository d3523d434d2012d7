"""The calculator step against an independent Decimal computation, and its rounding rule.

References: the test oracle (tests/reference.py, 50-digit Decimal, halves away from zero on exact
decimal values), integer arithmetic for ties, and the calculator's own new weights for the weights
that stay.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import reference

from byhand import compute
from byhand.example import Example, load, post
from byhand.calculator import (KEYS, calculator_step, correctly_rounded, drift, half_unit, moves,
                             round_to, stays, written)
from byhand_site.render import table

OTHER = Path(__file__).parent / "data" / "other-example.toml"
SHOWN = 1e-11  # drift is measured on values shown to 12 significant digits; ours stay below 10 in size


def tie_prone(seed: int) -> Example:
    """A random example with short decimals and a learning rate that makes exact half-unit updates likely."""
    rng = np.random.default_rng(seed)
    short = lambda shape, d: np.round(rng.uniform(-1, 1, shape), d)  # noqa: E731
    return Example(x=np.round(rng.uniform(-2, 2, 3), 1), y=float(np.round(rng.uniform(0, 1), 2)),
                   W1=short((2, 3), 2), W2=short((1, 2), 2), eta=float(rng.choice([0.05, 0.5, 0.25, 0.1])))


EXAMPLES = [post(), load(OTHER), *(tie_prone(seed) for seed in range(40))]


@pytest.mark.parametrize("k", [1, 2, 3, 4, 6, 8])
def test_calculator_step_matches_the_decimal_reference(k):
    for ex in EXAMPLES:
        ours, ref = calculator_step(ex, k), reference.of_example(ex, k)
        assert set(ours) == set(ref) == set(KEYS)
        for key in KEYS:
            assert np.array_equal(np.asarray(ours[key], dtype=float), np.asarray(ref[key], dtype=float)), (ex, key)


def test_without_rounding_it_is_the_walkthrough():
    w, exact = compute(post()), calculator_step(post(), None)
    for key in KEYS:
        assert np.array_equal(exact[key], w[key]), key


def away_from_zero(text: str, k: int) -> Fraction:
    """``text`` rounded to k decimals, halves away from zero, in integer arithmetic (no decimal module)."""
    v, scale = Fraction(text), 10**k
    sign, n = (-1 if v < 0 else 1), abs(v) * scale
    return sign * Fraction(int(n + Fraction(1, 2)), scale)  # int() floors a non-negative Fraction


@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_round_to_rounds_every_tie_away_from_zero(k):
    ties = [str(Decimal(10 * n + 5).scaleb(-k - 1)) for n in range(-300, 300)]  # -29.95 ... 29.95 at k=1
    for text in ties:
        expected = away_from_zero(text, k)
        assert Fraction(round_to(float(text), k)) == Fraction(float(expected)), text
        # the brief's reference: decimal's ROUND_HALF_UP, which rounds halves away from zero
        assert Decimal(text).quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP) == Decimal(expected.numerator) / expected.denominator


def test_round_to_the_stated_examples_and_what_it_is_not():
    assert round_to(0.125, 2) == 0.13 and round_to(-0.125, 2) == -0.13
    assert round(-0.125, 2) == -0.12 and np.floor(-0.125 * 100 + 0.5) / 100 == -0.12  # half even; half up
    assert round_to(2.5, 0) == 3.0 and round_to(-2.5, 0) == -3.0
    assert round_to(0.12499, 2) == 0.12 and round_to(-0.12499, 2) == -0.12  # below a half: towards zero
    assert round_to(0.15 * 0.5, 2) == 0.08  # the float is 0.0749999..., the display shows the tie 0.075
    assert round_to(0.41 - 0.005, 2) == 0.41 and round_to(-0.41 + 0.005, 2) == -0.41  # binary 0.404999...
    assert round(0.41 - 0.005, 2) == 0.4  # what rounding the binary number gives
    assert round_to(-0.004, 2) == 0.0 and str(round_to(-0.004, 2)) == "0.0"  # no negative zero
    assert np.array_equal(round_to(np.array([0.123, 0.987, -0.45]), 1), [0.1, 1.0, -0.5])


@pytest.mark.parametrize("k", [-1, 1.5, True])
def test_round_to_rejects_bad_k(k):
    with pytest.raises(ValueError, match="k: expected a number of decimals"):
        round_to(0.5, k)


def test_written_and_half_unit():
    assert [written(0.5599605, k) for k in (2, 3, 4)] == ["0.56", "0.560", "0.5600"]
    assert written(-0.125, 2) == "-0.13" and written(-0.004, 2) == "0.00"
    assert [half_unit(k) for k in (0, 2, 3)] == [0.5, 0.005, 0.0005]


def test_stays_decides_from_the_update():
    assert stays(0.5, -0.0049, 2) and not stays(0.5, -0.0051, 2)
    assert stays(0.3, 0.005, 2)  # 0.295: a tie, away from zero, back to 0.30
    assert not stays(0.3, -0.005, 2)  # 0.305: a tie, away from zero, on to 0.31
    assert stays(-0.4, -0.005, 2) and not stays(-0.4, 0.005, 2)  # -0.395 back to -0.40; -0.405 on
    assert not stays(0.0, 0.005, 2)  # from zero every tie moves away
    assert not stays(0.123, 0.0, 2)  # more decimals than kept: writing it down changes it
    assert stays(0.5, 0.05 * 0.1, 2)  # the float 0.005000000000000001 shows as 0.005, a tie


def test_the_weights_that_stay_are_those_the_calculator_leaves_unchanged():
    found = {"stays": 0, "ties": 0, "held": 0}
    for ex in EXAMPLES:
        exact = compute(ex)
        for k in range(0, 7):
            run = calculator_step(ex, k)
            for m in moves(ex, k):
                assert m.new == run[f"{m.name}_new"][m.index]
                assert m.stays == (m.new == m.weight), (ex, k, m)
                assert m.held == (round_to(exact[f"{m.name}_new"][m.index], k) == m.weight), (ex, k, m)
                found["stays"] += m.stays
                found["ties"] += m.stays and abs(m.update) == half_unit(k)
                found["held"] += m.held
    assert min(found.values()) > 10, found  # the rule was exercised, ties included


def test_the_post_two_decimals_freeze_every_hidden_weight_three_decimals_one():
    two, three = moves(post(), 2), moves(post(), 3)
    assert {m.index for m in two if m.stays and m.name == "W1"} == {(0, 1), (0, 2), (1, 1), (1, 2)}
    assert [m.gradient for m in two if m.stays].count(0.0) == 1  # only one gradient was wiped out
    assert [(m.name, m.index, m.gradient, m.new) for m in three if m.stays] == [("W1", (0, 1), -0.004, 0.5)]
    assert not any(m.stays for m in moves(post(), 4))


def test_drift_and_correct_rounding():
    for ex in EXAMPLES[:12]:
        exact = calculator_step(ex, None)
        for k in (2, 3, 4):
            run, gap, right = calculator_step(ex, k), drift(ex, k), correctly_rounded(ex, k)
            for key in KEYS:
                plain = float(np.max(np.abs(np.asarray(run[key]) - exact[key])))
                assert gap[key] == pytest.approx(plain, rel=0, abs=SHOWN), key
                nearest = [float(away_from_zero(repr(float(v)), k)) for v in np.ravel(exact[key])]
                assert right[key] == (nearest == list(np.ravel(run[key]))) or _near_tie(exact[key], k), key
                assert (gap[key] <= half_unit(k)) if right[key] else (gap[key] >= half_unit(k)), (ex, k, key)


def _near_tie(value, k: int) -> bool:
    """Whether an entry sits within 1e-9 units of a tie, where the display's 12 digits may decide."""
    frac = np.abs(np.asarray(value)) * 10**k % 1
    return bool(np.any(np.abs(frac - 0.5) < 1e-9))


def test_the_post_y_hat_after_is_the_same_correctly_rounded_number_at_two_three_and_four_decimals():
    ex = post()
    assert {calculator_step(ex, k)["y_hat_new"] for k in (2, 3, 4)} == {0.56}
    assert all(correctly_rounded(ex, k)["y_hat_new"] for k in (2, 3, 4))
    assert len({drift(ex, k)["y_hat_new"] for k in (2, 3, 4)}) == 1


def test_drift_shrinks_with_more_decimals():
    loose, tight = drift(post(), 2), drift(post(), 6)
    assert all(tight[key] <= loose[key] for key in KEYS)
    assert max(tight.values()) < 1e-5


def test_table_is_a_display_array_with_a_rule_under_the_head():
    assert table(["a", "b"], [["1", "2"], ["3", "4"]], "rr") == (
        "\n$$\n\\footnotesize\\begin{array}{rr}\na & b \\\\[2pt] \\hline\n1 & 2 \\\\[3pt]\n3 & 4\n\\end{array}\n$$\n")


# ---- what the rounding page reads off the calculator (byhand.calculator_effects) -------------------------

from byhand import calculator_effects as effects  # noqa: E402
from byhand.calculator import Move  # noqa: E402


def test_same_written_groups_the_decimals_that_wrote_one_number():
    runs = {2: {"a": 0.56, "v": np.array([1.0, 2.0]), "b": 0.1}, 3: {"a": 0.56, "v": np.array([1.0, 2.0]), "b": 0.12},
            4: {"a": 0.56, "v": np.array([1.0, 2.0]), "b": 0.1}, 6: {"a": 0.559961, "v": np.array([1.0, 2.0]), "b": 0.2}}
    assert effects.same_written(runs, ["a", "v", "b"]) == [("a", (2, 3, 4)), ("b", (2, 4))]  # arrays skipped
    runs = {k: calculator_step(post(), k) for k in (2, 3, 4, 6)}
    assert ("y_hat_new", (2, 3, 4)) in effects.same_written(runs, ["y_hat_new", "loss"])  # 0.56 three times


def test_frozen_layers_are_those_whose_moving_weights_the_calculator_leaves():
    # Reference: the calculator's own new weights, for each weight the full-precision step moves.
    for ex in EXAMPLES[:12]:
        exact = compute(ex)
        expected = []
        for k in (1, 2, 3):
            run = calculator_step(ex, k)
            for name in ("W1", "W2"):
                moving = [ix for ix in np.ndindex(getattr(ex, name).shape) if exact[f"dL_d{name}"][ix] != 0]
                if moving and all(run[f"{name}_new"][ix] == getattr(ex, name)[ix] for ix in moving):
                    expected.append((k, name))
        assert effects.frozen_layers(ex, (1, 2, 3)) == expected, ex
    assert effects.frozen_layers(post(), (2, 3, 4, 6)) == [(2, "W1")]


def _move(update: float, gradient: float = 0.1) -> Move:
    return Move("W1", (0, 0), 0.5, gradient, update, update, 0.5, True, False)


def test_a_tie_is_judged_on_the_display():
    assert effects.tie(_move(0.005), 2) and effects.tie(_move(-0.005), 2)
    assert effects.tie(_move(0.05 * 0.1), 2)  # the float 0.005000000000000001 shows as 0.005
    assert not effects.tie(_move(0.0049), 2) and not effects.tie(_move(0.005), 3)
    rows = [(2, _move(0.005)), (2, _move(0.004)), (2, _move(0.0, gradient=0.0)), (3, _move(0.0005))]
    assert effects.ties(rows) == [rows[0], rows[3]] and effects.survivors(rows) == [rows[1]]


def test_carried_lists_the_posts_rounding_entries_beside_the_calculator():
    # Reference: the documented rounding claims (tests/test_errata.py) and the 50-digit calculator.
    entries = effects.carried(post())
    assert sorted({e.line for e in entries}) == [107, 112, 113, 200, 257]
    assert all(e.printed != e.correct and len(e.printed) == len(e.correct) for e in entries)
    for e in entries:
        assert (e.calculator is None) == (e.quantity not in KEYS)
        if e.calculator is not None:
            k = len(e.printed.split(".")[1])
            j, i = (int(n) - 1 for n in e.index.split(","))
            assert float(e.calculator) == reference.of_example(post(), k)[e.quantity][j][i], e
    assert [(e.index, e.printed, e.calculator) for e in entries if e.line == 113] == [("1,2", "0.2156", "0.2157")]
