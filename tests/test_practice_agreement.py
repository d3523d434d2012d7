"""The page's judge (docs/assets/practice-judge.js with practice-pass.js, run by Node) agrees with byhand.practice_judge on
generated sheets, and its worked pass agrees with byhand.core on every exercise.

The sheets are what students type: values from 1 to 17 significant digits (exact, carried, slipped,
a unit off), chains in which each answer is computed from the student's own earlier (rounded or wrong)
answers, decimal commas, brackets, other minus signs, and every form the rule refuses."""

from __future__ import annotations

import json
import random
import subprocess
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from byhand import practice
from byhand.calculator import calculator_step
from byhand.core import Params, run
from byhand.practice_judge import flat, judge_sheet
from byhand.practice_pass import EXACT, ROUNDINGS, second_pass, worked
from mkdocs_byhand.katex import node_path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "docs" / "assets" / "practice-judge.js"
PASS = SCRIPT.with_name("practice-pass.js")
HARNESS = ROOT / "tests" / "practice_judge.cjs"
MATRICES = ("dL_dW1", "W1_new")
pytestmark = pytest.mark.full  # about a minute: in `make test`, not in `make check`


@pytest.fixture(scope="module")
def data():
    return [practice.exercise_data(ex) for ex in practice.exercises(12)]


def node(script: Path, request: dict) -> dict:
    done = subprocess.run([node_path(), str(HARNESS), str(script)], input=json.dumps(request), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def typed(v: Decimal, sig: int, rng: random.Random, off: int = 0) -> str:
    """``v`` to ``sig`` significant digits (``off`` units from it), in one of the forms a student types."""
    if v == 0:
        return "0"
    places = max(0, sig - 1 - v.adjusted())
    unit = Decimal(1).scaleb(-places)
    text = format(v.quantize(unit, context=EXACT) + off * unit, "f")
    form = rng.random()
    if form < 0.05 and "." in text:
        text = text.replace("0.", ".", 1)
    elif form < 0.1:
        text = text.replace("-", "\u2212")
    elif form < 0.13 and places:
        text = f"{text.replace('.', '').lstrip('-0') or '0'}e-{places}" if abs(v) < 1 and v > 0 else text
    return text


def layout(entries: list[str], q: str, rng: random.Random) -> str:
    """Entries as a vector or a matrix, with one of the separators and bracketings the page reads."""
    comma = rng.random() < 0.15
    if comma:
        entries = [e.replace(".", ",") for e in entries]
    sep = ", " if comma else rng.choice([", ", " ", ","])
    if q in MATRICES:
        rows = [sep.join(entries[:3]), sep.join(entries[3:])]
        return rng.choice([f"{rows[0]}; {rows[1]}", f"[[{rows[0]}], [{rows[1]}]]", f"{rows[0]};{rows[1]}"])
    text = sep.join(entries)
    return f"[{text}]" if rng.random() < 0.1 and len(entries) > 1 else text


BAD = ["", "abc", "1/4", "0,7503,0,7109", "1e99", "[1, [2]]", "0.1.2", "inf", "1, 2, 3, 4, 5, 6, 7", "0.4, 0.5; 0.3, 0.2, 0.7, 0.1",
       "1,2", "(0.5", "--1", "0.5 0.5 0.5"]


def sheets(data: list[dict], count: int, seed: int = 26) -> list[tuple[int, dict]]:
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        i = rng.randrange(len(data))
        exercise = data[i]
        given = {k: _nest(v) for k, v in exercise["given"].items()}
        names = [q for q in practice.QUANTITIES if rng.random() < 0.45] or [rng.choice(practice.QUANTITIES)]
        answers, texts = {}, {}
        for q in names:
            published = exercise["quantities"][q]
            source = rng.random()
            if source < 0.45:  # what the student's own earlier answers give: follow-through and carried rounding
                value = flat(worked(given, answers)[q])
                if q == "y_hat_new" and rng.random() < 0.6:  # the second pass's intermediates written rounded
                    W = [answers.get(m, worked(given, answers)[m]) for m in ("W1_new", "W2_new")]
                    value = [second_pass(given["x"], *W, rng.choice(ROUNDINGS))]
            elif source < 0.65:
                value = flat(published["exact"])
            elif source < 0.75:
                value = flat(rng.choice(published["carried"]))
            else:
                value = flat(rng.choice(list(published["slips"].values())))
            if len(value) != len(flat(published["exact"])):
                value = flat(published["exact"])
            sig = rng.randint(1, 17)
            off = rng.choice([0, 0, 0, 1, -1, 2])
            entries = [typed(v, sig, rng, off if n == 0 else 0) for n, v in enumerate(value)]
            texts[q] = rng.choice(BAD) if rng.random() < 0.06 else layout(entries, q, rng)
            if q in MATRICES and rng.random() < 0.03:  # typed transposed
                texts[q] = "; ".join(", ".join(entries[c + 3 * r] for r in range(2)) for c in range(3))
            try:
                answers[q] = _nest([Decimal(e.replace("\u2212", "-").replace(",", ".")) for e in entries], _shape(published["exact"]))
            except ArithmeticError:
                pass
        out.append((i, texts))
    return out


def _shape(v) -> tuple:
    return (len(v),) + _shape(v[0]) if isinstance(v, list) else ()


def _nest(v, shape: tuple | None = None):
    if shape is None:
        return [_nest(u) for u in v] if isinstance(v, list) else Decimal(v)
    if not shape:
        return v[0]
    return list(v) if len(shape) == 1 else [list(v[r * shape[1]:(r + 1) * shape[1]]) for r in range(shape[0])]


def disagreements(data: list[dict], found: list, script: Path = SCRIPT) -> list:
    answers = node(script, {"exercises": data, "sheets": [[i, t] for i, t in found]})["verdicts"]
    python = [judge_sheet(data[i], texts) for i, texts in found]
    return [(data[i]["name"], texts, py, js) for (i, texts), py, js in zip(found, python, answers) if py != js]


def test_the_script_judges_5000_sheets_as_the_python_rule(data):
    found = sheets(data, 5000)
    assert len(found) == 5000 and disagreements(data, found)[:3] == []
    results = [r for i, texts in found[:2000] for r in judge_sheet(data[i], texts).values()]
    seen = {r["verdict"] for r in results}
    assert seen == {"correct", "rounding", "follows", "coarse", "wrong", "invalid"}, seen  # every outcome exercised
    named = {s for r in results for s in r.get("slips", [])}
    assert named >= {s for ex in data for q in ex["quantities"].values() for s in q["slips"]} - {"decimal"} | {"truncated"}, named
    assert any(r.get("tell") for r in results) and {len(r.get("slips", [])) for r in results if r["verdict"] == "wrong"} >= {0, 1, 2}
    messages = {r["message"].split(":")[0].split(" ")[0] for r in results if r["verdict"] == "invalid"}
    assert {"The", "Fractions", "A", "Expected", "Brackets"} <= messages, messages


@pytest.mark.parametrize(("where", "original", "changed"), [
    (SCRIPT, "add([BigInt(5 * units), d + 1]", "add([BigInt(5 * units + 1), d + 1]"),  # half a unit -> six tenths of one
    (SCRIPT, "mul([1n, 12], big)", "mul([1n, 11], big)"),  # the room for a pasted double, ten times wider
    (SCRIPT, "> 0 ? abs(v) : [1n, 0]", "> 0 ? abs(v) : abs(v)"),  # no absolute floor
    (PASS, "rnd(sigma(rnd(dot(row, x))))", "rnd(sigma(dot(row, x)))"),  # the second pass's z1 not written rounded
])
def test_the_comparison_fails_when_the_script_s_rule_changes(data, tmp_path, where, original, changed):
    for path in (SCRIPT, PASS):
        source = path.read_text(encoding="utf-8")
        if path == where:
            assert source.count(original) == 1, "the injection point moved; update this test"
            source = source.replace(original, changed)
        (tmp_path / path.name).write_text(source, encoding="utf-8")
    script = tmp_path / SCRIPT.name
    assert disagreements(data, sheets(data, 2000), script) != []


def _core(ex, answers: dict) -> dict:
    """byhand.core's pass with the student's answers put in place of its intermediates (float64)."""
    names = {"Z1": "z1", "A1": "a1", "Z2": "z2", "Y_hat": "y_hat", "loss": "loss", "dYhat_dZ2": "dyhat_dz2",
             "Delta2": "dL_dz2", "dL_dW2": "dL_dW2", "dsigma_Z1": "dsigma_z1", "Delta1": "dL_dz1", "dL_dW1": "dL_dW1",
             "W1_new": "W1_new", "W2_new": "W2_new"}
    seen = {}

    def substitute(name, value):
        q = names.get(name)
        seen.setdefault(q, value)
        if q in answers:
            return np.asarray(answers[q], dtype=float).reshape(np.shape(value)) if np.ndim(value) else float(answers[q])
        return value

    params, X, Y = Params(ex.W1, ex.W2), ex.x[:, None], np.array([ex.y])
    before = run(params, X, Y, substitute)
    new = params.minus(ex.eta, before.grads, substitute)
    after = run(new, X, Y, checked=True)
    out = {q: np.ravel(v) for q, v in seen.items() if q}
    out["y_hat_new"] = np.ravel(after.Y_hat)
    y_hat_new = float(answers["y_hat_new"]) if "y_hat_new" in answers else float(after.Y_hat[0, 0])
    out["loss_new"] = np.array([(ex.y - y_hat_new) ** 2])
    return out


def test_the_script_s_worked_pass_is_the_core_s_on_every_exercise():
    """On every exercise: from the givens alone, and from a student's numbers written with 2 to 4 decimals."""
    exercises = practice.exercises()
    data = [{"given": practice.exercise_data(ex)["given"]} for ex in exercises]
    passes = [(i, {}) for i in range(len(exercises))]
    for i, ex in enumerate(exercises):
        k = 2 + i % 3
        passes.append((i, {q: practice.published(v) for q, v in practice.written(ex, k).items()}))
    found = node(SCRIPT, {"exercises": data, "passes": passes})["worked"]
    for (i, answers), js in zip(passes, found):
        core = _core(exercises[i], {q: np.asarray(_nest(v), dtype=float) for q, v in answers.items()})
        for q in practice.QUANTITIES:
            mine = np.array([float(e) for e in np.ravel(js[q])])
            assert mine == pytest.approx(core[q], rel=1e-12, abs=1e-15), (exercises[i].name, answers and "written", q)
