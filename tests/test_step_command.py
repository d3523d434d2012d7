"""`python -m byhand step FILE.toml [--json]`: every quantity of one step on any network file, agreeing
with the independent pass (tests/reference_network.py) to 1e-12; the worked example's file loads too;
each bad file gives one line naming the file and the field, and no traceback."""

import json
import subprocess
import sys

import numpy as np
import pytest

import reference_network
from byhand import step as post_step
from byhand.__main__ import main
from byhand.example import post
from byhand.tolerances import AGREE, within

MAZUR = """x = [0.05, 0.10]
y = [0.01, 0.99]
eta = 0.5
loss = "half-squared"
[[layers]]
W = [[0.15, 0.20], [0.25, 0.30]]
b = [0.35, 0.35]
[[layers]]
W = [[0.40, 0.45], [0.50, 0.55]]
b = [0.60, 0.60]
"""
KEYS = ("z", "a", "delta", "dW", "db", "W_new", "b_new")


def _toml(x, y, eta, loss, layers) -> str:
    text = f"x = {list(x)}\ny = {list(y)}\neta = {eta}\nloss = {loss!r}\n".replace("'", '"')
    for W, b in layers:
        text += f"[[layers]]\nW = {W}\n" + ("" if b is None else f"b = {b}\n")
    return text


def _step_json(tmp_path, text: str, capsys) -> dict:
    path = tmp_path / "net.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["step", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _agrees(out: dict, layers, x, y, eta, loss) -> None:
    ref = reference_network.step(layers, [x], [y], eta, loss)
    assert within(out["loss"], ref["loss"], AGREE) and within(out["loss_after"], ref["loss_after"], AGREE)
    assert within(out["y_hat"], ref["y_hat"][0], AGREE)
    for k, (got, (_, b)) in enumerate(zip(out["layers"], layers)):
        assert set(got) == set(KEYS)
        for key, want in [("z", ref["z"][0][k]), ("a", ref["a"][0][k]), ("delta", ref["delta"][0][k]),
                          ("dW", ref["dW"][k]), ("W_new", ref["W_new"][k])]:
            assert within(got[key], want, AGREE), (k, key)
        if b is None:
            assert got["db"] is None and got["b_new"] is None
        else:
            assert within(got["db"], ref["db"][k], AGREE) and within(got["b_new"], ref["b_new"][k], AGREE)
    assert within(out["y_hat_after"], reference_network.step(
        [(W, b) for W, b in zip(ref["W_new"], ref["b_new"])], [x], [y], eta, loss)["y_hat"][0], AGREE)


def test_the_issue_example_agrees_with_the_independent_pass(tmp_path, capsys):
    out = _step_json(tmp_path, MAZUR, capsys)
    layers = [([[0.15, 0.20], [0.25, 0.30]], [0.35, 0.35]), ([[0.40, 0.45], [0.50, 0.55]], [0.60, 0.60])]
    _agrees(out, layers, [0.05, 0.10], [0.01, 0.99], 0.5, "half-squared")


@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("biases", [True, False])
@pytest.mark.parametrize("loss", ["squared", "half-squared"])
def test_any_depth_with_or_without_biases_and_either_loss(tmp_path, capsys, depth, biases, loss):
    rng = np.random.default_rng(depth * 10 + biases)
    widths = rng.integers(1, 5, size=depth + 1).tolist()
    layers = [(rng.normal(size=(m, k)).tolist(), rng.normal(size=m).tolist() if biases else None)
              for k, m in zip(widths, widths[1:])]
    x, y = rng.normal(size=widths[0]).tolist(), rng.uniform(size=widths[-1]).tolist()
    out = _step_json(tmp_path, _toml(x, y, 0.3, loss, layers), capsys)
    _agrees(out, layers, x, y, 0.3, loss)


def test_the_worked_example_file_loads_and_gives_the_post_step(capsys):
    path = "src/byhand/example.toml"
    assert main(["step", path, "--json"]) == 0
    out, ex = json.loads(capsys.readouterr().out), post()
    s = post_step(ex.W1, ex.W2, ex.x, ex.y, ex.eta)
    assert np.array_equal(out["layers"][0]["W_new"], s.W1_new) and np.array_equal(out["layers"][1]["W_new"], s.W2_new)
    assert out["loss_after"] == s.after.loss and out["layers"][0]["db"] is None


def test_the_table_prints_every_quantity(tmp_path, capsys):
    path = tmp_path / "net.toml"
    path.write_text(MAZUR, encoding="utf-8")
    assert main(["step", str(path)]) == 0
    table = capsys.readouterr().out
    assert "loss half-squared, eta 0.5" in table and "0.2983711088  ->  0.2804714468" in table
    assert all(f"  {key} " in table for key in KEYS) and table.count("layer ") == 2


BAD = [
    ("x = [0.05, 0.10", r"not valid TOML \("),
    (MAZUR.replace("W = [[0.40, 0.45], [0.50, 0.55]]", "W = [[0.40, 0.45, 0.1]]"),
     r"layer 2: W: expected 2 columns, one per unit of layer 1, got shape \(1, 3\)"),
    (MAZUR.replace("b = [0.60, 0.60]", "b = [0.60]"), r"layer 2: b: expected shape \(2,\)"),
    (MAZUR.replace("y = [0.01, 0.99]", "y = [0.01]"), r"y: expected 2 targets, one per unit of the last layer, got 1"),
    (MAZUR.replace("x = [0.05, 0.10]", "x = [0.05, 0.10, 0.2]"), r"x: expected 2 inputs"),
    (MAZUR.replace("eta = 0.5", "eta = -0.5"), r"eta: expected a positive learning rate, got -0.5"),
    (MAZUR.replace("b = [0.35, 0.35]", "b = [0.35, true]"), r"layer 1: b: expected a list of numbers"),
    (MAZUR.replace("W = [[0.15, 0.20], [0.25, 0.30]]", "W = [[0.15, 0.20], [0.25]]"),
     r"layer 1: W: expected a list of rows of numbers of equal length"),
    (MAZUR.replace('loss = "half-squared"', 'loss = "mse"'), r"loss: expected one of 'squared', 'half-squared', got 'mse'"),
    (MAZUR.replace("eta = 0.5", "eta = 0.5\nmomentum = 0.9"), r"unknown field\(s\) momentum"),
    (MAZUR.replace("b = [0.60, 0.60]", "b = [0.60, 0.60]\nc = 1"), r"layer 2: unknown field\(s\) c"),
    (MAZUR.replace("eta = 0.5", ""), r"missing field\(s\) eta"),
    ("x = [0.0, 1.0, 2.0]\ny = 1.0\nW1 = [[0.4, 0.5, 0.3]]\nW2 = [[0.1, 0.2]]\neta = 0.1",
     r"worked-example format: W1: expected shape \(2, 3\)"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_bad_file_gives_one_line_naming_the_file_and_the_field(tmp_path, capsys, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["step", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"python -m byhand step: {path}: ")
    assert __import__("re").search(message, captured.err), captured.err


def test_a_missing_file_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "absent.toml"
    out = subprocess.run([sys.executable, "-m", "byhand", "step", str(path)], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"python -m byhand step: {path}: cannot read the file (No such file or directory)\n"
