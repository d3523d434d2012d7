"""Practice: the exercises, the exact pass, the slip models and the rule that judges a sheet
(byhand.practice, byhand.practice_pass, byhand.practice_judge).

Reference values come from the independent 50-digit recomputation (tests/reference.py); the post's own
slips (its printed values) and the cases of the issue that made the rule what it is are the test cases."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from byhand import practice
from byhand.calculator import round_to
from byhand.example import post
from byhand.practice_judge import flat, judge_sheet
from byhand.practice_pass import sigma
from byhand_site import practice_text

import reference


@pytest.fixture(scope="module")
def first():
    return practice.exercise_data(post())


@pytest.fixture(scope="module")
def every():
    return [practice.exercise_data(ex) for ex in practice.exercises()]


def verdict(exercise, **texts):
    return judge_sheet(exercise, texts)


def test_the_site_example_comes_first_and_the_others_are_friendly():
    found = practice.exercises()
    assert len(found) >= 100 and found[0].name == post().name and (found[0].W1 == post().W1).all()
    for ex in found[1:]:
        assert ((ex.W1 * 10) % 1 == 0).all() and ((ex.W2 * 10) % 1 == 0).all()  # one decimal
        assert set(ex.x) <= {0.0, 1.0, 2.0, 3.0} and ex.y in (0.0, 1.0) and ex.eta in (0.1, 0.5)
    assert len({(ex.W1.tobytes(), ex.W2.tobytes(), ex.x.tobytes()) for ex in found}) == len(found)


def test_the_published_exact_values_are_the_reference_values_to_38_digits(first):
    ref = reference.step()
    ref["dL_dz1"] = [ref["dL_dz2"] * w * s for w, s in zip(reference.W2, ref["dsigma_z1"])]  # not among its keys
    for q in practice.QUANTITIES:
        for mine, theirs in zip(flat(first["quantities"][q]["exact"]), flat(ref[q])):
            assert abs(mine - theirs) <= Decimal("1e-38") * max(1, abs(theirs)), q


def test_sigma_is_exact_to_its_places_on_both_sides_and_far_out():
    for z in ("0", "0.5", "-3.25", "17", "-45.5", "199"):
        exact = 1 / (1 + (-Decimal(z)).exp(reference.getcontext()))
        assert abs(sigma(Decimal(z)) - exact) <= Decimal("1e-40"), z
    assert sigma(Decimal("1e40")) == 1 and sigma(Decimal("-1e40")) == 0


LONG = ["0.5540914628", "0.5540914628257226", "0.55409146282572262", "0.554091462825722618500639536314"]


@pytest.mark.parametrize("typed", LONG)
def test_long_answers_are_correct(first, typed):
    assert verdict(first, y_hat=typed)["y_hat"]["verdict"] == "correct"
    wrong = typed[:11] + str((int(typed[11]) + 2) % 10) + typed[12:]  # two units off in the 10th digit
    assert verdict(first, y_hat=wrong)["y_hat"]["verdict"] != "correct"


def test_every_quantity_of_every_exercise_is_correct_at_1_to_17_significant_digits(every):
    for exercise in every[:20]:
        for q, data in exercise["quantities"].items():
            for sig in (2, 5, 9, 10, 13, 16, 17):
                typed = ", ".join(f"{e:.{sig}g}" if e else "0" for e in flat(data["exact"]))
                if q in ("dL_dW1", "W1_new"):
                    typed = typed.replace(", ", "; ", 3).replace("; ", ", ", 1).replace("; ", ", ", 1)  # rows of 3
                result = verdict(exercise, **{q: typed})[q]
                assert result["verdict"] in ("correct", "coarse"), (exercise["name"], q, typed, result)


def test_the_carried_dL_dW1_is_accepted_in_every_exercise(every):
    """delta1 typed with 4 decimals, then dL/dW1 computed from it: rounding carried forward, never wrong."""
    for exercise in every:
        exact = [float(e) for e in flat(exercise["quantities"]["dL_dz1"]["exact"])]
        delta1 = [float(round_to(e, 4)) for e in exact]
        x = [float(e) for e in flat(exercise["given"]["x"])]
        rows = "; ".join(", ".join(f"{d * xi:.4f}" for xi in x) for d in delta1)
        result = verdict(exercise, dL_dz1=", ".join(f"{d:.4f}" for d in delta1), dL_dW1=rows)
        assert result["dL_dz1"]["verdict"] in ("correct", "coarse"), (exercise["name"], result)
        assert result["dL_dW1"]["verdict"] in ("correct", "rounding", "coarse"), (exercise["name"], rows, result)


def test_no_slip_is_named_for_a_correct_3_decimal_answer(every):
    for exercise in every:
        for q, data in exercise["quantities"].items():
            entries = [f"{round_to(float(e), 3):.3f}" for e in flat(data["exact"])]
            rows = ", ".join(entries) if q not in ("dL_dW1", "W1_new") else f"{', '.join(entries[:3])}; {', '.join(entries[3:])}"
            result = verdict(exercise, **{q: rows})[q]
            assert result["verdict"] in ("correct", "coarse"), (exercise["name"], q, rows, result)


def test_follow_through_after_a_wrong_a1_and_a_wrong_delta2(first):
    sheet = verdict(first, a1="0.7503, 0.7190", z2="0.2188", y_hat="0.5545")
    assert sheet["a1"] == {"verdict": "wrong", "slips": []}
    assert sheet["z2"] == sheet["y_hat"] == {"verdict": "follows", "blame": ["a1"]}
    sheet = verdict(first, dL_dz2="-0.2303", dL_dW2="-0.1728, -0.1637", dL_dz1="-0.0043, -0.0095")
    assert sheet["dL_dW2"] == sheet["dL_dz1"] == {"verdict": "follows", "blame": ["dL_dz2"]}
    sheet = verdict(first, dL_dz2="-0.2303", dL_dW2="-0.1653, -0.1567")  # the right value, not what follows
    assert sheet["dL_dW2"]["verdict"] == "correct"


@pytest.mark.parametrize(("texts", "expected"), [
    ({"dL_dz1": "-0.0041, -0.0091", "dL_dW1": "0, -0.0041, -0.0082; 0, -0.0091, -0.0182"}, {"verdict": "rounding", "blame": []}),
    ({"W1_new": "0.400, 0.500, 0.301; 0.200, 0.701, 0.102"}, {"verdict": "correct", "slips": ["W2-first"], "decimals": 3, "tell": 4}),
    ({"y_hat_new": "0.5599"}, {"verdict": "wrong", "slips": ["only-W2", "truncated"]}),  # the post's: two explanations
    ({"y_hat_new": "0.55990"}, {"verdict": "wrong", "slips": ["only-W2"]}),
    ({"W2_new": "0.1165, 0.2156"}, {"verdict": "rounding", "blame": []}),  # the post's, from a 3-decimal gradient
    ({"dyhat_dz2": "0.092"}, {"verdict": "wrong", "slips": ["slope-shifted"]}),  # the post: sigma' at 2.17
    ({"dL_dz2": "0.082"}, {"verdict": "wrong", "slips": ["post-slope-and-sign"]}),
    ({"W1_new": "0.4, 0.4999, 0.2997; 0.2, 0.6997, 0.0993"}, {"verdict": "wrong", "slips": ["post-uphill"]}),
    ({"dL_dz2": "0.2203"}, {"verdict": "wrong", "slips": ["sign"]}), ({"dL_dz2": "-0.1102"}, {"verdict": "wrong", "slips": ["no-two"]}),
    ({"a1": "0.1874, 0.2055"}, {"verdict": "wrong", "slips": ["slope-for-sigma"]}),
    ({"dL_dz1": "-0.01653, -0.03133"}, {"verdict": "wrong", "slips": ["sigma-for-slope"]}),  # a1 where sigma' belongs
    ({"dsigma_z1": "-0.11, 0.09"}, {"verdict": "wrong", "slips": ["slope-from-z"]}),
    ({"dL_dz1": "0.002424, -0.003966"}, {"verdict": "wrong", "slips": ["slope-from-z"]}),
    ({"dL_dW1": "0, 0; -0.0041, -0.0091; -0.0083, -0.0181"}, {"verdict": "wrong", "slips": ["transposed"]}),
    ({"a1": "0.7502, 0.7109"}, {"verdict": "wrong", "slips": ["truncated"]}), ({"loss": "0.4459"}, {"verdict": "wrong", "slips": ["no-square"]}),
    ({"W2_new": "0.10, 0.20"}, {"verdict": "wrong", "slips": ["no-step"]}),
    ({"W1_new": "0.4, 0.5, 0.3; 0.2, 0.7, 0.1"}, {"verdict": "coarse", "slips": []}), ({"y_hat": "1"}, {"verdict": "coarse", "slips": []}),
    ({"dL_dW2": "0.0, 0.0"}, {"verdict": "coarse", "slips": []}),
    ({"a1": "0,7503, 0,7109"}, {"verdict": "correct", "slips": [], "decimals": 4, "tell": None}),
    ({"dL_dW1": "[[0, -0.0041, -0.0083], [0, -0.0091, -0.0181]]"}, {"verdict": "correct", "slips": [], "decimals": 4, "tell": None}),
    ({"z1": "1.1; 0.9"}, {"verdict": "correct", "slips": [], "decimals": 1, "tell": None}),
    ({"loss": "1988e-4"}, {"verdict": "correct", "slips": [], "decimals": 4, "tell": None}),
])
def test_the_rule(first, texts, expected):
    assert verdict(first, **texts)[next(reversed(texts))] == expected


@pytest.mark.parametrize(("n", "texts"), [  # the new matrices and y_hat after the step of a student who writes
    # every line, the second pass's z1, a1 and z2 included, with 4 significant digits, 4 decimals or 3 decimals
    (48, ("0.9040, -0.2939, -0.3939; 0.3011, 0.9017, -0.2983", "-0.9039, -0.8084", "0.2431", "0.05910")),
    (66, ("0.1161, -0.7516, 0.6484; -0.7064, 0.4808, -0.8192", "0.6432, -0.3808", "0.5580", "0.1954")),
    (94, ("0.1290, -0.4807, 0.2193; 0.7424, -0.6717, -0.7717", "-0.4419, -0.7285", "0.3884", "0.1509")),
    (25, ("-0.500, 0.799, 0.700; -0.100, 0.593, -0.700", "-0.0755, -0.677", "0.358", "0.412")),
    (80, ("0.702, 0.102, 0.201; -0.702, -0.302, 0.099", "0.517, -0.699", "0.609", "0.153")),
    (46, ("0.902, -0.598, -0.0981; 0.799, 0.399, 0.499", "-0.314, 0.278", "0.516", "0.266")),
])
def test_the_second_pass_rounded_as_written_is_rounding_carried_forward(every, n, texts):
    sheet = verdict(every[n - 1], **dict(zip(("W1_new", "W2_new", "y_hat_new", "loss_new"), texts)))
    assert sheet["y_hat_new"]["verdict"] in ("rounding", "follows") and "y_hat_new" not in sheet["loss_new"].get("blame", []), sheet
    if n in (48, 66, 94):  # the new matrices are right or rounding carried forward themselves
        assert sheet["y_hat_new"] == {"verdict": "rounding", "blame": []}, sheet


@pytest.mark.parametrize(("n", "q", "typed"), [  # float64 results pasted from numpy, cancellation and all
    (83, "z1", "1.4000000000000001, 0.2000000000000003"), (54, "z2", "0.0035888411696820832"),
    (62, "z2", "-0.0089161487760827107"), (67, "z2", "0.0025538059380618219"),
    (26, "z1", "0.40000000000000080, -0.39999999999999969"), (36, "z1", "-0.099999999999999867, -2.0000000000000000"),
])
def test_a_pasted_double_is_correct(every, n, q, typed):
    assert verdict(every[n - 1], **{q: typed})[q]["verdict"] == "correct"


def test_every_pasted_double_of_the_core_is_correct_and_no_slip_is_within_its_room(every):
    from byhand.calculator import calculator_step
    from byhand.practice_judge import SLACK
    for ex, data in zip(practice.exercises(), every):
        doubles = calculator_step(ex, None)  # numpy's float64 pass, nothing rounded
        for q in (q for q in practice.QUANTITIES if q in doubles):  # all but delta1, which it does not write
            rows = np.atleast_2d(doubles[q]) if np.ndim(doubles[q]) == 2 else [np.ravel(doubles[q])]
            typed = "; ".join(", ".join(repr(float(e)) for e in row) for row in rows)
            assert verdict(data, **{q: typed})[q]["verdict"] == "correct", (data["name"], q, typed)
        for q, published in data["quantities"].items():
            exact = flat(published["exact"])
            for slip, value in published["slips"].items():
                room = [abs(s - e) <= SLACK * max(abs(e), 1) for s, e in zip(flat(value), exact)]
                assert len(room) != len(exact) or flat(value) == exact or not all(room), (data["name"], q, slip)


def test_a_slip_the_student_s_own_earlier_answer_rules_out_is_not_named(first):
    assert verdict(first, loss_new="0.1937")["loss_new"] == {"verdict": "wrong", "slips": ["only-W2"]}
    sheet = verdict(first, y_hat_new="0.5600", loss_new="0.1937")  # y_hat after the step is right: not only W2
    assert sheet["y_hat_new"]["verdict"] == "correct" and sheet["loss_new"] == {"verdict": "wrong", "slips": []}
    sheet = verdict(first, dL_dz2="-0.2203", dL_dW2="-0.08266, -0.07833")  # the gradient without its 2
    assert sheet["dL_dW2"] == {"verdict": "wrong", "slips": []}
    assert verdict(first, dL_dW2="-0.08266, -0.07833")["dL_dW2"] == {"verdict": "wrong", "slips": ["no-two"]}
    assert verdict(first, dL_dz2="-0.2203", dL_dW2="0.1653, 0.1567")["dL_dW2"]["slips"] == ["sign"]  # a slip made here stays


def test_sigma_at_a1_carried_into_delta1_is_not_called_w2_first(first):
    w = {q: flat(v["exact"]) for q, v in first["quantities"].items()}
    slope = [sigma(a) * (1 - sigma(a)) for a in w["a1"]]
    W2 = flat(first["given"]["W2"])
    typed = ", ".join(f"{float(u * w['dL_dz2'][0] * s):.5f}" for u, s in zip(W2, slope))
    result = verdict(first, dL_dz1=typed)["dL_dz1"]
    assert result["verdict"] == "wrong" and "W2-first" not in result["slips"], result


@pytest.mark.parametrize(("typed", "message"), [
    ("", "empty"), ("abc", "'abc' is not a number"), ("0.1, 0.2, 0.3", "Expected 2 numbers"), ("0.1.2, 3", "not a number"),
    ("inf, 1", "not a number"), ("1/4, 0.9", "Fractions"), ("0,7503,0,7109", "reads two ways"), ("1e99, 1", "out of range"),
    ("[1.1, [0.9]]", "Brackets"),
])
def test_bad_input_is_named_and_never_judged(first, typed, message):
    result = verdict(first, z1=typed)["z1"]
    assert result["verdict"] == "invalid" and message in result["message"], result


def test_a_matrix_with_a_wrong_row_split_is_refused_with_its_shape(first):
    result = verdict(first, W1_new="0.4, 0.5004; 0.3008, 0.2, 0.7009, 0.1018")["W1_new"]
    assert result == {"verdict": "invalid", "message": "Expected 2 rows of 3 numbers, rows separated by ; (like 1, 2, 3; "
                      "4, 5, 6); got 6 numbers in rows of 2, 4."}
    assert verdict(first, W1_new="0.4, 0.5004, 0.3008, 0.2, 0.7009, 0.1018")["W1_new"]["verdict"] == "invalid"


def test_the_right_numbers_split_into_3_rows_of_2_are_refused_unless_transposed(first):
    sheet = verdict(first, dL_dW1="0, -0.004129; -0.008257, 0; -0.009056, -0.01811", W1_new="0.4, 0.5004, 0.3008; 0.2, 0.7009, 0.1018")
    assert sheet["dL_dW1"] == {"verdict": "invalid", "message": "Expected 2 rows of 3 numbers, rows separated "
                               "by ; (like 1, 2, 3; 4, 5, 6); got 3 rows of 2."}
    assert sheet["W1_new"]["verdict"] == "correct"  # the refused answer is not carried
    sheet = verdict(first, dL_dW1="0, 0; -0.004129, -0.009056; -0.008257, -0.01811", W1_new="0.4, 0.5004, 0.3008; 0.2, 0.7009, 0.1018")
    assert sheet["dL_dW1"] == {"verdict": "wrong", "slips": ["transposed"]} and sheet["W1_new"]["verdict"] == "correct"


def test_an_invalid_earlier_answer_is_not_carried(first):
    sheet = verdict(first, a1="0.75 0.71 0.7", z2="0.2172")
    assert sheet["a1"]["verdict"] == "invalid" and sheet["z2"]["verdict"] == "correct"


def test_every_slip_and_quantity_has_its_words(every):
    used = {s for ex in every for q in ex["quantities"].values() for s in q["slips"]} | {"truncated"}
    assert used == set(practice_text.SLIPS), used ^ set(practice_text.SLIPS)
    signed = {q for ex in every for q, v in ex["quantities"].items() if "sign" in v["slips"]}
    assert signed == set(practice_text.SIGNS) == set(practice.QUANTITIES) - set(practice.POSITIVE)
    assert verdict(every[0], loss="-0.1988")["loss"] == {"verdict": "wrong", "slips": []}  # L >= 0
    assert set(practice_text.NAMES) == set(practice_text.HINTS) == set(practice_text.LABELS) == set(practice.QUANTITIES)


def test_the_published_values_are_plain_decimals(first):
    for q in first["quantities"].values():
        for value in [q["exact"], *q["carried"], *q["slips"].values()]:
            for e in np.ravel(value):
                digits = e.replace("-", "").replace(".", "").lstrip("0")
                assert "E" not in e and len(digits) <= practice.SIG, e


def test_every_exercise_is_worked_line_by_line_and_each_line_reproduces():
    """practice_worked.lines raises NotReproduced for a line that does not redo by hand; each quantity's
    last line ends with its value as the site shows it."""
    from byhand.walkthrough import compute
    from byhand_site import practice_worked
    from byhand_site.render import tex

    for ex in practice.exercises():
        lines, w = practice_worked.lines(ex), compute(ex)
        assert set(lines) == set(practice.QUANTITIES) and all(lines.values())
        for q in ("z2", "y_hat", "loss", "loss_new", "y_hat_new"):
            assert lines[q][-1].removesuffix("\\end{aligned}").rstrip().endswith(tex(w[q])), (ex.name, q, lines[q][-1])


def test_the_site_publishes_every_exercise_and_its_worked_solutions(site):
    import json

    folder = site / "assets" / "practice"
    for n, ex in enumerate(practice.exercises(), start=1):
        data = json.loads((folder / f"{n}.json").read_text(encoding="utf-8"))
        worked = json.loads((folder / f"{n}-worked.json").read_text(encoding="utf-8"))
        assert data["name"] == ex.name and set(worked) == set(practice.QUANTITIES)
        assert all('class="katex-display"' in html for html in worked.values())
    page = (site / "practice" / "index.html").read_text(encoding="utf-8")
    assert "byhand-practice-data" not in page and page.count('class="byhand-answer-row" hidden') == 15


def test_a_worked_line_that_does_not_reproduce_fails_naming_its_exercise(monkeypatch, tmp_path):
    from byhand_site import practice_page, render

    def refuse(template, operands, result, sig):
        raise render.NotReproduced(f"the line {template} does not reproduce by hand")

    monkeypatch.setattr(render, "_fit", refuse)
    with pytest.raises(ValueError, match=f"practice: a worked line of {post().name} does not reproduce by hand"):
        practice_page.files(tmp_path)
