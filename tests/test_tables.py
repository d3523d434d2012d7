"""The small tables and phrases the pages print (byhand_site.tables, byhand_site.phrases).

References: the 50-digit worked example (tests/reference.py) formatted with Python's own ``format``,
and values chosen so that each cell is known by hand.
"""

import numpy as np
import pytest

from byhand import compute
from byhand_site import phrases, tables
from reference import worked_example


def test_the_headline_table_holds_the_step_before_and_after():
    ref = worked_example()  # every value lies in [0.1, 1): four significant digits are four decimals
    cells = {key: f"{ref[key]:.4f}" for key in ("y_hat", "y_hat_new", "loss", "loss_new")}
    assert cells == {"y_hat": "0.5541", "y_hat_new": "0.5600", "loss": "0.1988", "loss_new": "0.1936"}
    assert tables.headline(compute()).splitlines() == [
        "| quantity | before the step | after one step |",
        "|---|---|---|",
        f"| prediction $\\hat y$ | ${cells['y_hat']}$ | ${cells['y_hat_new']}$ |",
        f"| loss $L = (y - \\hat y)^2$ | ${cells['loss']}$ | ${cells['loss_new']}$ |",
    ]


def test_the_power_law_table_samples_four_steps():
    loss = np.concatenate([[2.0], 1 / np.arange(1, 101)])  # L_t = 1/t: t L_t = 1 at every step
    rows = tables.power_law(loss, 10, 100).splitlines()
    assert rows[:2] == ["| step $t$ | loss $L_t$ | $t \\cdot L_t$ |", "|---:|---:|---:|"]
    assert rows[2:] == ["| $10$ | $0.1$ | $1$ |", "| $20$ | $0.05$ | $1$ |", "| $50$ | $0.02$ | $1$ |",
                        "| $100$ | $0.01$ | $1$ |"]


def test_the_sweep_table_has_a_row_per_step_to_two_digits():
    rows = tables.sweep(range(3, 5), [1.234e-5, 0.5], [2.56e-5, 0.25]).splitlines()
    assert len(rows) == 4 and rows[1] == "|---:|---:|---:|"
    assert rows[2:] == ["| $10^{-3}$ | $1.2 \\times 10^{-5}$ | $2.6 \\times 10^{-5}$ |", "| $10^{-4}$ | $0.5$ | $0.25$ |"]


def test_change_says_which_way_and_by_what_factor():
    assert phrases.change(4.0, 1.0) == "fell from $4$ to $1$, by a factor $4$"
    assert phrases.change(1, 2.5) == "rose from $1$ to $2.5$, by a factor $2.5$"
    assert phrases.change(np.float64(0.5), np.float64(0.125)) == "fell from $0.5$ to $0.125$, by a factor $4$"
    with pytest.raises(ValueError, match="two positive numbers"):
        phrases.change(1.0, 0.0)


def test_listed_joins_with_and():
    assert phrases.listed(["$2$", "$3$", "$4$"]) == "$2$, $3$ and $4$" and phrases.listed(["a", "b"]) == "a and b"
    with pytest.raises(ValueError, match="at least two"):
        phrases.listed(["a"])


@pytest.mark.parametrize(("symbol", "index", "label"), [
    ("W^{(1)}\\text{ after}", "1,2", "w^{(1)}_{1,2}\\text{ after}"),
    ("\\partial L/\\partial W^{(2)}", "1,1", "\\partial L/\\partial w^{(2)}_{1,1}"),
    ("a^{(1)}", "2", "\\left(a^{(1)}\\right)_{2}"),
    ("L", "", "L"),
])
def test_entry_names_one_entry_of_a_quantity(symbol, index, label):
    assert phrases.entry(symbol, index) == label
