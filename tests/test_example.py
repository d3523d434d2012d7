"""Loading and validating example files."""

import numpy as np
import pytest

from byhand import compute, load
from byhand.example import Example

GOOD = """name = "another"
x = [1.0, -0.5, 0.25]
y = 0.0
W1 = [[0.3, -0.2, 0.8], [0.1, 0.4, -0.6]]
W2 = [[-0.7, 0.5]]
eta = 0.5
"""


def write(tmp_path, text):
    path = tmp_path / "example.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_post_example_is_the_default(post):
    # The inputs as the post states them (not computed: they are the data).
    assert post.x.tolist() == [0, 1, 2] and post.y == 1 and post.eta == 0.1
    assert post.W1.tolist() == [[0.4, 0.5, 0.3], [0.2, 0.7, 0.1]] and post.W2.tolist() == [[0.1, 0.2]]


def test_another_file_gives_a_working_example(tmp_path):
    ex = load(write(tmp_path, GOOD))
    w = compute(ex)
    assert ex.name == "another" and w.W1[1, 2] == -0.6
    assert w.loss_new < w.loss


def test_environment_variable_selects_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BYHAND_EXAMPLE", str(write(tmp_path, GOOD)))
    assert load().name == "another"


def test_arrays_are_read_only(post):
    with pytest.raises(ValueError):
        post.W1[0, 0] = 5.0


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("x = [1.0, -0.5, 0.25]", "x = [1.0, -0.5]", r"x: expected shape \(3,\), got \(2,\)"),
        ("W1 = [[0.3, -0.2, 0.8], [0.1, 0.4, -0.6]]", "W1 = [[0.3, -0.2, 0.8]]", r"W1: expected shape \(2, 3\)"),
        ("W1 = [[0.3, -0.2, 0.8], [0.1, 0.4, -0.6]]", "W1 = [[0.3, -0.2, 0.8], [0.1]]", r"W1: expected shape"),
        ("W2 = [[-0.7, 0.5]]", "W2 = [-0.7, 0.5]", r"W2: expected shape \(1, 2\)"),
        ("W2 = [[-0.7, 0.5]]", 'W2 = [["-0.7", 0.5]]', "W2: expected real numbers"),
        ("x = [1.0, -0.5, 0.25]", "x = [true, -0.5, 0.25]", "x: expected real numbers"),
        ("x = [1.0, -0.5, 0.25]", "x = [nan, -0.5, 0.25]", "x: expected finite numbers"),
        ("W1 = [[0.3, -0.2, 0.8], [0.1, 0.4, -0.6]]", "W1 = [[0.3, -0.2, inf], [0.1, 0.4, -0.6]]", "W1: expected finite"),
        ("y = 0.0", "y = nan", "y: expected a finite number"),
        ("y = 0.0", 'y = "1"', "y: expected a real number"),
        ("eta = 0.5", "eta = 0", "eta: expected a positive learning rate"),
        ("eta = 0.5", "eta = -0.1", "eta: expected a positive learning rate"),
        ("eta = 0.5", "eta = inf", "eta: expected a finite number"),
        ('name = "another"', "name = 3", "name: expected a string"),
        ("eta = 0.5", "", "missing field.s. eta"),
        ("eta = 0.5", "eta = 0.5\nbias = 1.0", "unknown field.s. bias"),
        ("eta = 0.5", "eta = ", "not valid TOML"),
    ],
)
def test_bad_files_name_the_field(tmp_path, old, new, message):
    assert old in GOOD
    with pytest.raises(ValueError, match=message):
        load(write(tmp_path, GOOD.replace(old, new)))


def test_bad_arrays_from_code_are_rejected():
    with pytest.raises(ValueError, match=r"x: expected shape \(3,\)"):
        Example(x=np.zeros(4), y=1.0, W1=np.zeros((2, 3)), W2=np.zeros((1, 2)), eta=0.1)
    with pytest.raises(ValueError, match="y: expected a real number"):
        Example(x=np.zeros(3), y=True, W1=np.zeros((2, 3)), W2=np.zeros((1, 2)), eta=0.1)
