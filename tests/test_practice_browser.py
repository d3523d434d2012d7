"""The practice page in Chromium, used as a student uses it: long answers, carried rounding in every
exercise, follow-through, no slip named for a correct answer, a stale verdict cleared, a wrong split
refused, the verdicts' words and contrast in both palettes, the keyboard alone, and the page without
JavaScript. Each form's status carries ``data-verdict``; the word "correct" appears only with ``correct``."""

from __future__ import annotations

import json
import re

import pytest

from byhand import practice
from byhand.calculator import round_to
from byhand.practice_judge import flat
from test_browser import Visit, browser, server, visit  # noqa: F401  (fixtures)

pytestmark = pytest.mark.full  # in `make test`, not in `make check`


def ready(v: Visit, n: int = 1) -> Visit:
    v.tab.wait_for_selector(f"#byhand-practice[data-loaded='{n}']")
    return v


def answer(v: Visit, quantity: str, text: str) -> tuple[str | None, str]:
    """Type ``text`` as the answer to ``quantity``, press Enter: (data-verdict, the feedback's text)."""
    v.tab.fill(f"#answer-{quantity}", text)
    v.tab.press(f"#answer-{quantity}", "Enter")
    status = v.tab.locator(f"form[data-quantity={quantity}] [role=status]")
    verdict, said = status.get_attribute("data-verdict"), status.inner_text()
    assert ("correct" in said.lower()) == (verdict == "correct"), (verdict, said)  # the word, only with the verdict
    return verdict, said


def test_long_answers_are_correct(site, visit):  # noqa: F811
    v = ready(visit("practice.md", width=390))
    for typed in ("0.5540914628", "0.5540914628257226", "0.554091462825722618"):
        assert answer(v, "y_hat", typed) == ("correct", "Correct.")
    assert answer(v, "z2", "0.21721591108451255") == ("correct", "Correct.")
    assert answer(v, "loss", "0.19883442352490391")[0] == "correct"
    assert answer(v, "W1_new", "0.4, 0.50041285999841829, 0.3008257199968366; 0.2, 0.7009056189476043, 0.1018112378952086")[0] == "correct"
    assert v.tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert v.errors == [] and v.failed == [] and v.foreign == []


def test_the_carried_dL_dW1_is_accepted_in_every_exercise(site, visit):  # noqa: F811
    """delta1 typed with 4 decimals and accepted; dL/dW1 computed from it: never "Not yet"."""
    v = ready(visit("practice.md"))
    for n, exercise in enumerate([practice.exercise_data(ex) for ex in practice.exercises()], start=1):
        if n > 1:
            v.tab.click("[data-new-exercise]")
            ready(v, n)
        delta1 = [float(round_to(float(e), 4)) for e in flat(exercise["quantities"]["dL_dz1"]["exact"])]
        x = [float(e) for e in flat(exercise["given"]["x"])]
        assert answer(v, "dL_dz1", ", ".join(f"{d:.4f}" for d in delta1))[0] in ("correct", "coarse")
        rows = "; ".join(", ".join(f"{d * xi:.4f}" for xi in x) for d in delta1)
        verdict, said = answer(v, "dL_dW1", rows)
        assert verdict in ("correct", "rounding", "coarse"), (exercise["name"], rows, said)
    assert v.errors == [] and v.failed == []


def test_follow_through_after_a_wrong_a1_and_after_a_wrong_delta2(site, visit):  # noqa: F811
    v = ready(visit("practice.md"))
    assert answer(v, "a1", "0.7503, 0.7190")[0] == "wrong"
    verdict, said = answer(v, "z2", "0.2188")
    assert verdict == "follows" and said.startswith("Follows. The method is right: the difference comes from your a⁽¹⁾"), said
    assert said.endswith("Fix it there, then redo this from the fixed value."), said  # it does not follow by itself
    assert v.tab.get_attribute("#form-z2 [role=status] a", "href") == "#answer-a1"
    assert answer(v, "y_hat", "0.5545")[0] == "follows"
    assert answer(v, "a1", "0.7503, 0.7109")[0] == "correct"  # a1 put right: z2, computed from the old one, is re-judged
    assert v.tab.get_attribute("#form-z2 [role=status]", "data-verdict") == "wrong"
    summary = v.tab.inner_text("[data-summary]")
    assert summary == "Right: a⁽¹⁾. Following from an earlier answer: ŷ. Still open: 13 of 15.", summary
    v.tab.click("[data-start-over]")
    assert v.tab.locator("[data-verdict]").count() == 0
    verdict, said = answer(v, "dL_dz2", "0.2203")
    assert verdict == "wrong" and "has the sign of ŷ − y" in said and "η" not in said, said  # the minus sign that matters here
    assert answer(v, "dL_dz2", "-0.2303")[0] == "wrong"
    assert answer(v, "dL_dW2", "-0.1728, -0.1637")[0] == "follows"
    assert answer(v, "dL_dz1", "-0.0043, -0.0095")[0] == "follows"
    assert "δ⁽²⁾" in v.tab.inner_text("#form-dL_dz1 [role=status]")


def test_no_slip_is_named_for_a_correct_3_decimal_answer(site, visit):  # noqa: F811
    v = ready(visit("practice.md"))
    said = answer(v, "W1_new", "0.400, 0.500, 0.301; 0.200, 0.701, 0.102")
    assert said == ("correct", "Correct to 3 decimals. Give 4 to tell it from W⁽²⁾ updated first.")
    exercise = practice.exercise_data(practice.exercises(1)[0])
    for q, data in exercise["quantities"].items():
        entries = [f"{round_to(float(e), 3):.3f}" for e in flat(data["exact"])]
        text = ", ".join(entries) if len(entries) < 6 else f"{', '.join(entries[:3])}; {', '.join(entries[3:])}"
        verdict, said = answer(v, q, text)
        assert verdict in ("correct", "coarse") and "Not yet" not in said, (q, said)


def test_the_post_s_0_5599_is_not_called_truncation_alone(site, visit):  # noqa: F811
    v = ready(visit("practice.md"))
    verdict, said = answer(v, "y_hat_new", "0.5599")
    assert verdict == "wrong" and said == ("Not yet. This could be only W⁽²⁾ updated, or the value cut instead of rounded; "
                                           "give more decimals to tell them apart.")
    verdict, said = answer(v, "y_hat_new", "0.55990")
    assert verdict == "wrong" and "Only W⁽²⁾ was updated" in said


def test_an_edited_answer_loses_its_verdict_and_a_wrong_split_is_refused(site, visit):  # noqa: F811
    v = ready(visit("practice.md"))
    assert answer(v, "a1", "0.7503, 0.7109")[0] == "correct"
    v.tab.type("#answer-a1", "5")
    status = v.tab.locator("#form-a1 [role=status]")
    assert status.get_attribute("data-verdict") is None and status.inner_text() == ""
    verdict, said = answer(v, "W1_new", "0.4, 0.5004; 0.3008, 0.2, 0.7009, 0.1018")
    assert verdict == "invalid" and "Expected 2 rows of 3 numbers" in said, said
    assert answer(v, "a1", "0,7503, 0,7109")[0] == "correct"
    assert answer(v, "dL_dW1", "[[0, -0.0041, -0.0083], [0, -0.0091, -0.0181]]")[0] == "correct"
    for bad, message in (("0,7503,0,7109", "reads two ways"), ("1/4, 1", "Fractions"), ("", "empty")):
        verdict, said = answer(v, "a1", bad)
        assert verdict == "invalid" and said.startswith("Not read.") and message in said, said


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_verdict_has_a_word_and_readable_colour(site, visit, scheme):  # noqa: F811
    v = ready(visit("practice.md", scheme=scheme))
    for q, text in (("z1", "1.1, 0.9"), ("a1", "0.7503, 0.7190"), ("z2", "0.2188"), ("y_hat", "1"), ("loss", "0.4459"),
                    ("dL_dW1", "x"), ("W2_new", "0.1165, 0.2156")):
        answer(v, q, text)
    found = v.tab.evaluate("""() => [...document.querySelectorAll('[data-verdict]')].map((el) => [el.dataset.verdict,
        el.querySelector('strong').textContent, getComputedStyle(el.querySelector('strong')).color,
        getComputedStyle(document.querySelector('.md-main') || document.body).backgroundColor,
        getComputedStyle(document.body).backgroundColor])""")
    assert {f[0] for f in found} == {"correct", "wrong", "follows", "coarse", "invalid", "rounding"}
    assert len({f[1] for f in found}) == 6  # six different words
    for verdict, word, color, *backgrounds in found:
        background = next(b for b in backgrounds if not b.endswith(", 0)"))
        light, dark = sorted((_luminance(color), _luminance(background)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (scheme, verdict, color, background)


def test_the_page_works_with_the_keyboard_alone(site, visit):  # noqa: F811
    v = ready(visit("practice.md"))
    v.tab.focus("#answer-z1")
    v.tab.keyboard.type("1.1, 0.9")
    v.tab.keyboard.press("Tab")  # to its Check button
    assert v.tab.evaluate("document.activeElement.textContent") == "Check"
    v.tab.keyboard.press("Enter")
    assert v.tab.inner_text("form[data-quantity=z1] [role=status]") == "Correct."
    first = v.tab.inner_text("[data-given=W1]")
    v.tab.focus("[data-new-exercise]")
    v.tab.keyboard.press("Enter")
    ready(v, 2)
    assert v.tab.inner_text("[data-given=W1]") != first
    assert v.tab.get_attribute("#form-z1 [role=status]", "data-verdict") is None
    assert json.loads(v.tab.evaluate("JSON.stringify(localStorage.getItem('byhand-practice-exercise'))")) == "1"


def test_without_javascript_the_page_is_the_first_exercise_and_its_solutions(site, browser, server):  # noqa: F811
    from test_browser import url_path

    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + url_path("practice.md"))
    assert tab.locator("#byhand-practice input").count() == 15
    assert not any(tab.locator("#byhand-practice input").nth(i).is_visible() for i in range(15))
    assert not any(b.is_visible() for b in tab.locator("#byhand-practice button").all())
    tab.click("#form-a1 summary")
    assert tab.locator("#form-a1 [data-worked]").inner_text() == "0.7503, 0.7109"
    assert tab.get_attribute("#form-a1 details a", "href") == "../forward/#into-the-hidden-layer"
    context.close()


def test_each_exercise_s_solution_is_worked_with_its_own_numbers(site, visit):  # noqa: F811
    v = ready(visit("practice.md"))
    v.tab.click("[data-new-exercise]")
    ready(v, 2)
    ex = practice.exercises(2)[1]
    v.tab.click("#form-z1 summary")
    v.tab.wait_for_selector("#byhand-practice[data-worked='2']")
    lines = v.tab.locator("#form-z1 [data-worked] .katex-display")
    assert lines.count() == 2  # one line per hidden unit
    from byhand_site.render import tex
    from byhand.walkthrough import compute

    assert tex(compute(ex).z1[0]) in lines.nth(0).inner_text().replace("\u2212", "-")
    assert v.tab.locator("#form-y_hat_new [data-worked] .katex-display").count() == 4
    v.tab.click("[data-first-exercise]")
    ready(v, 1)
    assert v.tab.locator("#form-z1 [data-worked]").text_content() == "1.1, 0.9"  # the answers, until a solution opens
    assert v.errors == [] and v.failed == [] and v.foreign == []


def test_the_page_opens_on_the_example_the_site_is_built_for(other_site):
    from conftest import OTHER, html_of
    from byhand.example import load

    name = load(OTHER).name
    page = html_of(other_site, "practice.md")
    assert f"<strong data-exercise-name>{name}</strong>" in page, name
