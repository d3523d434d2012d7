"""The precision policy of the one formatter."""

import numpy as np
import pytest

from byhand import render


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
    assert render.w(1, 1, 0) == "w^{(1)}_{2,1}"
    assert render.w(2, 0, 1) == "w^{(2)}_{1,2}"


def test_no_numpy_repr_leaks():
    assert "float64" not in render.tex(np.float64(0.1)) + render.pmatrix(np.eye(2))
