"""The precision policy of the one formatter."""

import numpy as np
import pytest

from byhand_site import render


@pytest.mark.parametrize(
    ("value", "tex", "text"),
    [
        (0.554091463, "0.5541", "0.5541"),
        (0.5599605, "0.5600", "0.5600"),  # not exact at 4 digits: trailing zeros stay
        (0.5, "0.5", "0.5"),  # exact: trailing zeros dropped
        (1.1000000000000001, "1.1", "1.1"),  # 0.4*0 + 0.5*1 + 0.3*2 in float64
        (2, "2", "2"),
        (0.0, "0", "0"),
        (-0.0, "0", "0"),  # never "-0"
        (-0.165316, "-0.1653", "\u22120.1653"),
        (-0.0041286, "-0.004129", "\u22120.004129"),
        (3.2e-7, r"3.2 \times 10^{-7}", "3.2 \u00d7 10\u207b\u2077"),
        (-1.23456e-5, r"-1.235 \times 10^{-5}", "\u22121.235 \u00d7 10\u207b\u2075"),
        (12345.6, r"1.235 \times 10^{4}", "1.235 \u00d7 10\u2074"),
        (9.99996, "10.00", "10.00"),  # rounding carries into a new digit
        (0.99999, "1.000", "1.000"),
        (np.float64(0.25), "0.25", "0.25"),
        (np.array([0.75]), "0.75", "0.75"),
    ],
)
def test_scalars(value, tex, text):
    assert render.tex(value) == tex
    assert render.text(value) == text


@pytest.mark.parametrize("value", [1e-5, -3e-9, 4.4e-5, 1e-300])
def test_small_non_zero_values_never_show_as_zero(value):
    assert float(render.tex(value).split(" ")[0]) != 0


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "0.5", True, None, np.array([1.0, 2.0])])
def test_bad_scalars_are_rejected(bad):
    with pytest.raises(ValueError, match="expected a (real|finite) number"):
        render.tex(bad)


def test_pmatrix():
    assert render.pmatrix(np.array([1.1, -0.0])) == r"\begin{pmatrix} 1.1 \\ 0 \end{pmatrix}"
    assert render.pmatrix([[0.1, 0.2]]) == r"\begin{pmatrix} 0.1 & 0.2 \end{pmatrix}"
    with pytest.raises(ValueError, match="1-d or 2-d"):
        render.pmatrix(np.zeros((2, 2, 2)))


def test_weight_symbols_follow_the_convention():
    # W1[j, i] is w^{(1)}_{j+1,i+1}: row (receiving unit) first.
    assert render.weight(1, 1, 0) == "w^{(1)}_{2,1}"
    assert render.weight(2, 0, 1) == "w^{(2)}_{1,2}"


def test_no_numpy_repr_leaks():
    assert "float64" not in render.tex(np.float64(0.1)) + render.pmatrix(np.eye(2))


# ---- lines that reproduce by hand -----------------------------------------------------------------

def test_a_line_gets_guard_digits_only_where_it_needs_them():
    # -0.89182 x 0.24707 = -0.220338..., and the unrounded product is -0.2203 to 4 digits, but the
    # 4-digit operands give -0.8918 x 0.2471 = -0.22036378, which rounds to -0.2204: one guard digit.
    a, b = -0.891818, 0.247066
    assert render.worked(r"{} \times {}", [a, b], a * b) == (r"-0.89182 \times 0.24707", "-0.2203")
    assert render.worked(r"{} \times {}", [0.5, 0.25], 0.125) == (r"0.5 \times 0.25", "0.125")


def test_negative_operands_get_parentheses_inside_a_line():
    numbers, result = render.worked(r"{} \cdot {} + {} \cdot {}", [0.64, 0.8956, -0.77, 0.8538], -0.084242)
    assert numbers == r"0.64 \cdot 0.8956 + (-0.77) \cdot 0.8538" and result == "-0.08424"
    assert render.worked("({})({})", [-0.5, 2.0], -1.0)[0] == "(-0.5)(2)"  # already in parentheses


def test_rows_share_one_precision():
    rows = render.worked_rows(r"{} \times {}", [([-0.891818, 0.247066], -0.891818 * 0.247066), ([0.5, 0.25], 0.125)])
    assert rows == [(r"-0.89182 \times 0.24707", "-0.2203"), (r"0.5 \times 0.25", "0.125")]  # exact values stay short
    rows = render.worked_rows(r"{} \times {}", [([-0.891818, 0.247066], -0.891818 * 0.247066), ([0.123456, 2.0], 0.246912)])
    assert rows[1] == (r"0.12346 \times 2", "0.2469")  # five digits like the row above


def test_a_result_that_does_not_follow_from_its_operands_fails_naming_the_line():
    with pytest.raises(render.NotReproduced, match=r"the line 0.5 \\times 0.25 = 0.1251 does not reproduce"):
        render.worked(r"{} \times {}", [0.5, 0.25], 0.1251)
    with pytest.raises(ValueError, match="has 1 places for 2 operands"):
        render.worked("2({})", [0.5, 0.25], 1.0)


# ---- layout: a chain one "=" per line, as on paper, so that each line fits a phone ----------------

def test_steps_sets_one_relation_per_line():
    assert render.steps("a", "b", "c") == "\n$$\n\\begin{aligned}\na &= b \\\\[2pt]\n&= c\n\\end{aligned}\n$$\n"
    flush = render.steps("W", "W - g", "1", rel=r"\leftarrow", left=True)  # every line from the left margin
    assert flush.splitlines()[3:5] == [r"&W \leftarrow W - g \\[2pt]", "&= 1"]
    with pytest.raises(ValueError, match="at least two sides"):
        render.steps("a")


def test_a_line_in_steps_is_still_read_and_checked_as_one_chain():
    from test_by_hand import chains, checked_lines  # the independent reader of the built pages

    for layout in ({}, {"aligned": True}, {"left": True}, {"left": True, "rel": r"\leftarrow"}):
        tex = render.line("x", "y", by_hand=(r"{} \times {}", [0.5, 0.25]), result=0.125, **layout)
        body = tex.strip().strip("$").strip()
        assert checked_lines(body) == [(r"0.5 \times 0.25", "0.125", True)], (layout, body)
        assert len(chains(body)) == 1
    assert render.line("x", by_hand=(r"{} \times {}", [0.5, 0.25]), result=0.125) == "\n$$\nx = 0.5 \\times 0.25 = 0.125\n$$\n"
    with pytest.raises(render.NotReproduced):
        render.line("x", by_hand=(r"{} \times {}", [0.5, 0.25]), result=0.1251, left=True)
    with pytest.raises(ValueError, match="needs a second side"):  # x <- 0.5 x 0.25 = 0.125: nothing to check
        render.line("x", by_hand=(r"{} \times {}", [0.5, 0.25]), result=0.125, rel=r"\leftarrow")


def test_equations_stand_one_per_line_aligned_at_their_equals_signs():
    assert render.equations(("x", "1"), ("y", "2"), end=".") == (
        "\n$$\n\\begin{aligned}\nx &= 1, \\\\[4pt]\ny &= 2.\n\\end{aligned}\n$$\n")
    assert render.aligned_block(["a &= 1", "b &= 2"], gap="6pt").count(r"\\[6pt]") == 1


def test_the_hidden_chain_sets_one_term_of_its_sum_per_line():
    from byhand_site import formulas

    rows = formulas.hidden_chain(0, 1, 3).strip().strip("$").strip().splitlines()[1:-1]
    assert len(rows) == 3 and rows[0].startswith(formulas.dL_dw(1, 0, 1) + " = {}&") and r"\biggl(" in rows[0]
    assert all(row.startswith("&+ ") for row in rows[1:]) and rows[-1].endswith(r"\biggr)")
    assert all(rf"\partial z^{{(1)}}_{{{k + 1}}}" in row for k, row in enumerate(rows))


# ---- the carried chain -------------------------------------------------------------------------------

def test_a_carried_line_prints_its_operands_as_written_and_the_exact_value_where_it_moved():
    # Reference, by hand: 2(0.5541 - 1) = -0.8918 and 0.5541(1 - 0.5541) = 0.24707... -> 0.2471 as written;
    # -0.8918 x 0.2471 = -0.22036378 -> -0.2204, while the full-precision delta2 is -0.2203449...
    out = render.line(r"\delta^{(2)}", by_hand=(r"{} \times {}", [-0.8918, 0.24707]), result=-0.8918 * 0.2471,
                      exact=-0.2203449)
    assert r"-0.8918 \times 0.2471 = -0.2204" in out
    assert "Exact: $\\delta^{(2)} = -0.2203$" in out and "{: .exact }" in out
    same = render.line("a", by_hand=("{} + {}", [0.5, 0.25]), result=0.75, exact=0.75)
    assert "Exact" not in same


def test_a_carried_line_refuses_an_operand_that_needs_a_guard_digit():
    # -0.8918 x 0.2471 gives -0.2204; a result of -0.2203 reproduces only from unrounded operands, which
    # a guard digit (0.24707) would show: the carried chain refuses it
    with pytest.raises(render.NotReproduced, match="carried line"):
        render.line("d", by_hand=(r"{} \times {}", [-0.8918, 0.24707]), result=-0.2203449, exact=-0.2203449)
    assert r"0.24707" in render.line("d", by_hand=(r"{} \times {}", [-0.8918, 0.24707]), result=-0.2203449)


def test_the_exact_note_counts_the_entries_that_moved():
    note = render.exact_note("v", np.array([0.1873, 0.2055]), np.array([0.18737, 0.20550]))
    assert "the last digit of one entry" in note
    assert render.moved(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == []
    with pytest.raises(ValueError, match="shapes"):
        render.moved(np.array([1.0]), np.array([1.0, 2.0]))
