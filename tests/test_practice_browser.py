"""The practice page in Chromium: its script judges as byhand.practice.judge does (the Python rule is the
reference) on generated cases, fails that comparison when its rule is changed, and the page names the
post's slips, rejects bad input without judging it, and works with the keyboard alone at 390 px."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from byhand import practice
from test_browser import Visit, browser, server, visit  # noqa: F401  (fixtures)

pytestmark = pytest.mark.full  # in `make test`, not in `make check`

SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "practice.js"
JUDGE = """([text, published]) => { try { return ByHandPractice.judge(text, published); }
  catch (e) { if (e instanceof ByHandPractice.BadInput) return ["bad", null]; throw e; } }"""


def python(text: str, published: dict) -> list:
    try:
        return list(practice.judge(text, published))
    except practice.BadInput:
        return ["bad", None]


def cases(count: int = 600, seed: int = 7) -> list[tuple[str, dict]]:
    """Answers a reader might type: values at 0 to 6 decimals, one unit off, carried, slipped, signs
    flipped, other separators and number forms, and bad input."""
    rng = random.Random(seed)
    data = [practice.exercise_data(ex)["quantities"] for ex in practice.exercises(6)]
    out = []
    while len(out) < count:
        published = rng.choice(data)[rng.choice(practice.QUANTITIES)]
        source = rng.choice([published["exact"], *published["carried"], *published["slips"].values()])
        entries = [e for row in source for e in (row if isinstance(row, list) else [row])] if isinstance(source, list) else [source]
        d = rng.randint(0, 6)
        shown = [f"{float(e) + rng.choice([0, 0, 1, -1]) * 10 ** -d:.{d}f}" for e in entries]
        if rng.random() < 0.1:
            shown = [s.replace("-", "\u2212") for s in shown]
        if rng.random() < 0.1:
            shown = [s.replace("0.", ".", 1) for s in shown]
        text = rng.choice([", ", " ", ","]).join(shown)
        if rng.random() < 0.05:
            text = rng.choice(["", "abc", text + ", 1", "1e-3", "0,5", text.replace(".", "..", 1)])
        out.append((text, published))
    for published in data[0].values():  # every slip model of the site's exercise, typed to 5 significant digits
        for value in published["slips"].values():
            entries = [e for row in value for e in (row if isinstance(row, list) else [row])] if isinstance(value, list) else [value]
            out.append((", ".join(f"{float(e):.5g}" for e in entries), published))
    return out


def mismatches(v: Visit, found: list) -> list:
    answers = v.tab.evaluate(f"cases => cases.map({JUDGE})", [[t, p] for t, p in found])
    return [(t, python(t, p), a) for (t, p), a in zip(found, answers) if python(t, p) != a]


def test_the_script_judges_as_the_python_rule(site, visit):  # noqa: F811
    v = visit("practice.md")
    found = cases()
    assert len(found) >= 500
    assert mismatches(v, found) == []
    verdicts = {python(t, p)[0] for t, p in found}
    assert verdicts == {"correct", "rounding", "wrong", "coarse", "bad"}  # every outcome is exercised
    named = {python(t, p)[1] for t, p in found}
    used = {slip for q in practice.exercise_data(practice.exercises(1)[0])["quantities"].values() for slip in q["slips"]}
    assert named >= used | {"truncated"}, used - named  # every slip model is named, in both languages


def test_the_comparison_fails_when_the_script_s_rule_changes(site, visit):  # noqa: F811
    changed = SCRIPT.read_text(encoding="utf-8").replace('if (within(a, exact[n], 1n)) return "correct";',
                                                          'if (within(a, exact[n], 2n)) return "correct";')
    assert changed != SCRIPT.read_text(encoding="utf-8"), "the injection point moved; update this test"
    v = visit("practice.md")
    v.tab.route("**/assets/practice.js", lambda route: route.fulfill(body=changed, content_type="text/javascript"))
    v.tab.reload()
    assert v.tab.evaluate("() => ByHandPractice.judge('0.51', {exact: '0.5025', carried: [], slips: {}})[0]") == "correct"
    assert mismatches(v, cases(200)) != []


def answer(v: Visit, quantity: str, text: str) -> str:
    v.tab.fill(f"#answer-{quantity}", text)
    v.tab.press(f"#answer-{quantity}", "Enter")
    return v.tab.inner_text(f"form[data-quantity={quantity}] [role=status]")


def test_the_page_judges_and_names_the_post_s_slips(site, visit):  # noqa: F811
    v = visit("practice.md", width=390)
    assert answer(v, "dyhat_dz2", "0.247") == "Correct." and answer(v, "dyhat_dz2", "0.2471") == "Correct."
    assert "correct" not in answer(v, "dyhat_dz2", "0.246").lower()
    assert "2.17" in answer(v, "dyhat_dz2", "0.092")
    assert "sign" in answer(v, "dL_dz2", "0.082")
    assert "uphill" in answer(v, "W1_new", "0.4, 0.4999, 0.2997; 0.2, 0.6997, 0.0993")
    assert answer(v, "W1_new", "0.4, 0.5, 0.3; 0.2, 0.7, 0.1").startswith("Give more decimals")  # the old weights
    assert answer(v, "W2_new", "0.1165, 0.2156").startswith("Rounding carried forward")
    for bad in ("", "abc", "1, 2, 3"):
        said = answer(v, "z1", bad)
        assert "correct" not in said.lower() and "not yet" not in said.lower(), said
    assert v.tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert v.errors == [] and v.failed == [] and v.foreign == []


def test_the_page_works_with_the_keyboard_alone(site, visit):  # noqa: F811
    v = visit("practice.md")
    v.tab.focus("#answer-z1")
    v.tab.keyboard.type("1.1, 0.9")
    v.tab.keyboard.press("Tab")  # to its Check button
    assert v.tab.evaluate("document.activeElement.textContent") == "Check"
    v.tab.keyboard.press("Enter")
    assert v.tab.inner_text("form[data-quantity=z1] [role=status]") == "Correct."
    first = v.tab.inner_text("[data-given=W1]")
    v.tab.focus("[data-new-exercise]")
    v.tab.keyboard.press("Enter")
    assert v.tab.inner_text("[data-given=W1]") != first
    assert json.loads(v.tab.evaluate("JSON.stringify(localStorage.getItem('byhand-practice-exercise'))")) == "1"


def test_the_page_opens_on_the_example_the_site_is_built_for(other_site):
    from conftest import OTHER, html_of
    from byhand.example import load

    name = load(OTHER).name
    page = html_of(other_site, "practice.md")
    assert f"<strong data-exercise-name>{name}</strong>" in page, name
