"""The errata engine: the comparison rule, the claims data, and the documented set of slips."""

import json
import re
from decimal import Decimal

import numpy as np
import pytest

from byhand import errata
from byhand.__main__ import main
from byhand.errata.check import compare
from byhand.errata.claims import QUOTE_LIMIT, parse
from byhand.errata.page import MARKED, explanation_markdown
from byhand.errata.typesetting import parses, problems
from byhand.example import post
from byhand.walkthrough import compute

# The documented errata: every claim whose verdict is not "correct". Cross-checked against a separate
# hand review of the post (11 correct numbers; 18 number, 20 formula, 2 typesetting and 8 text slips).
# Under the redo-by-hand rule 0.0824 (the post's own 0.206(0.2)(2)) is carried rounding and 0.5599 (the
# post's sigma(0.2406), from a wrong z2) is wrong. A change in the computation or the data that flips
# any verdict fails test_the_errata_are_exactly_the_documented_set, naming the claim.
ERRATA = {
    "output-node-with-one-node": "wrong",  # line 24, text
    "hidden-values-product-not-sum": "wrong",  # line 24, text
    "y-hat-subscript-dropped-in-mse": "wrong",  # line 26, text
    "gradient-of-output-not-loss": "wrong",  # line 27, text
    "layer-index-i-reused": "wrong",  # line 29, text
    "W1-symbols-missing-layer-superscript": "wrong",  # line 38, formula
    "W1-symbols-row2-indices-swapped": "wrong",  # line 39, formula
    "update-rule-missing-learning-rate": "wrong",  # line 51, formula
    "forward-pass-values-never-computed": "wrong",  # line 64, text
    "z2-bold-forward-definition": "wrong",  # line 66, formula
    "z2-bold-output-value": "wrong",  # line 68, formula
    "section-heading-typo": "wrong",  # line 70, text
    "z2-bold-chain-rule-W2": "wrong",  # line 88, formula
    "z2-bold-definitions-sentence": "wrong",  # line 90, formula
    "z2-bold-since-clause": "wrong",  # line 94, formula
    "dyhat-dz2-missing-partial": "wrong",  # line 96, formula
    "z2-bold-sigma-prime-argument": "wrong",  # line 96, formula
    "dL-dW2-unbalanced-brace": "wrong",  # line 98, typesetting
    "dL-dW2-truncated": "rounding",  # line 107, number
    "dL-dW2-restated-truncated": "follows",  # line 112, number
    "W2-new-last-digit": "follows",  # line 113, number
    "z2-bold-chain-rule-W1": "wrong",  # line 122, formula
    "dL-dW1-symbols-missing-layer-superscript": "wrong",  # line 137, formula
    "dL-dW1-symbols-row2-indices-swapped": "wrong",  # line 140, formula
    "dL-dw11-lhs-missing-layer-superscript": "wrong",  # line 150, formula
    "dL-dW1-component-entry-1-3-x1-for-x3": "wrong",  # line 161, formula
    "z2-misplaced-decimal": "wrong",  # line 169, number
    "dyhat-dz2-at-wrong-argument": "follows",  # line 169, number
    "z2-bold-found-earlier": "wrong",  # line 169, formula
    "dsigma-z1-implicit-elementwise-product": "wrong",  # line 179, formula
    "dyhat-dz2-restated-wrong": "follows",  # line 189, number
    "dL-dz2-sign-flipped": "wrong",  # line 189, formula
    "dL-dz2-wrong-sign-and-size": "follows",  # line 199, number
    "dz2-dW1-bracket-rounded-factors": "rounding",  # line 200, number
    "dL-dW1-wrong": "follows",  # line 207, number
    "dL-dW1-restated-wrong": "follows",  # line 217, number
    "W1-new-wrong-direction": "follows",  # line 221, number
    "target-one-never-reached": "wrong",  # line 228, text
    "W1-new-restated-inconsistent": "wrong",  # line 234, number
    "z1-new-wrong": "follows",  # line 241, number
    "a1-new-wrong": "follows",  # line 247, number
    "z2-bold-new-forward-pass": "wrong",  # line 256, formula
    "W2-new-restated-last-digit": "follows",  # line 257, number
    "a1-new-restated-wrong": "follows",  # line 259, number
    "z2-new-wrong": "follows",  # line 262, number
    "y-hat-new-last-digit": "follows",  # line 268, number
    "z2-bold-new-prediction": "wrong",  # line 268, formula
    "row-times-stack-undefined": "wrong",  # line 316, text
    "same-expression-claim-contradicted": "follows",  # line 352, text
}


@pytest.fixture(scope="module")
def verdicts():
    return errata.check_all(errata.load(), compute(post()))


def test_the_errata_are_exactly_the_documented_set(verdicts):
    found = {v.claim.id: v.verdict for v in verdicts if v.verdict != "correct"}
    unexpected = {k: v for k, v in found.items() if ERRATA.get(k) != v}
    missing = {k: v for k, v in ERRATA.items() if found.get(k) != v}
    assert unexpected == {} and missing == {}, f"new or changed verdicts {unexpected}; no longer {missing}"


def test_a_flipped_verdict_is_caught(verdicts):
    """Inject a fault into the computation: a z2 off in its third decimal flips the post's 0.217."""
    w = compute(post())
    claim = next(c for c in errata.load() if c.id == "z2-in-dL-dW2")
    assert errata.check(claim, w).verdict == "correct"
    from dataclasses import replace

    assert errata.check(claim, replace(w, z2=w.z2 + 0.002)).verdict == "wrong"


def test_repeated_slips_are_counted_once(verdicts):
    from byhand.errata.report import groups

    bold = [g for g in groups(verdicts) if len(g) > 1]
    assert [len(g) for g in bold] == [10] and all(v.claim.id.startswith("z2-bold") for v in bold[0])
    slips = [k for k, v in ERRATA.items() if v != "follows"]  # the consequences are listed under their slips
    assert len(groups(verdicts)) == len(slips) - 9


def test_every_kind_is_present_and_every_quote_is_short(verdicts):
    assert {v.claim.kind for v in verdicts} == set(errata.claims.KINDS)
    assert all(0 < len(v.claim.quote) <= QUOTE_LIMIT for v in verdicts)


@pytest.mark.parametrize(
    ("printed", "value", "by_hand", "verdict"),
    [
        ("0.554", 0.5540914, None, "correct"),
        ("0.5541", 0.5540914, None, "correct"),
        ("0.50", 0.5, None, "correct"),  # trailing zero: two decimals claimed
        ("0.5", 0.51, None, "correct"),
        ("2", 2.4, None, "correct"),  # an integer claims no decimals
        ("-0.165", -0.165316, None, "correct"),
        ("0", -0.0, None, "correct"),
        ("0.206", 0.2055003, None, "correct"),  # just above the midpoint: rounds up
        ("0.5599", 0.5599605, None, "wrong"),  # one unit off, and no line of the post's to redo
        ("0.206", 0.2054997, None, "wrong"),
        ("-0.156", -0.156654, "-0.1562", "rounding"),  # -0.22 x 0.71: the post's own operands give it
        ("-0.156", -0.156654, "-0.1566", "wrong"),  # its operands do not give it
        ("0.0824", 0.0822, "0.0824", "rounding"),  # 0.206 x 0.2 x 2: two units off, yet carried rounding
        ("0.0824", 0.0822, "0.08245", "rounding"),  # a tie reproduces either way
        ("0.0824", 0.0822, "0.08251", "wrong"),
        ("2.17", 0.2172, None, "wrong"),  # a misplaced decimal point
        ("0.22", -0.2203, "0.22", "wrong"),  # a lost sign is never rounding
        ("0.001", -0.0004, None, "wrong"),
    ],
)
def test_compare(printed, value, by_hand, verdict):
    assert compare(printed, value, None if by_hand is None else Decimal(by_hand)) == verdict


def test_rounding_needs_the_operands_to_be_right():
    """The post's 0.5599 is what its own z2 = 0.2406 gives, but that z2 is wrong: so is 0.5599."""
    w, claims = compute(post()), {c.id: c for c in errata.load()}
    claim = claims["y-hat-new-last-digit"]
    assert errata.check(claim, w, known={"z2-new-wrong": "wrong"}).verdict == "wrong"
    assert errata.check(claim, w, known={"z2-new-wrong": "correct"}).verdict == "rounding"


ENTRY = {"id": "t", "section": "S", "line": 3, "quote": "0.5", "kind": "number", "claimed": "0.5", "quantity": "y_hat"}


def test_matrices_are_checked_entry_by_entry():
    w = compute(post())
    claim = parse({**ENTRY, "quantity": "dL_dW2", "claimed": [["-0.165", "-0.156"]],
                   "by_hand": r"-0.22\begin{pmatrix}0.75&0.71\end{pmatrix}"})
    verdict = errata.check(claim, w)
    assert verdict.entries == ("correct", "rounding") and verdict.verdict == "rounding"
    assert verdict.correct == [["-0.165", "-0.157"]]
    claim = parse({**ENTRY, "quantity": "dL_dW2", "claimed": [["-0.165", "-0.156"]]})
    assert errata.check(claim, w).entries == ("correct", "wrong")
    with pytest.raises(ValueError, match="claim 't': claimed has shape"):
        errata.check(parse({**ENTRY, "quantity": "dL_dW2", "claimed": ["-0.165", "-0.156"]}), w)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "guess"}, "claim 't': kind: expected one of"),
        ({"line": 0}, "claim 't': line: expected a positive"),
        ({"quote": "x" * (QUOTE_LIMIT + 1)}, "claim 't': quote: expected a short excerpt"),
        ({"claimed": "about 0.5"}, "claim 't': claimed: expected printed numbers"),
        ({"quantity": ""}, "claim 't': quantity: a number claim must name"),
        ({"verdict": "wrong"}, r"claim 't': missing \[\] / unknown \['verdict'\]"),
        ({"kind": "text"}, "claim 't': a text claim needs 'claimed' and 'correct'"),
    ],
)
def test_malformed_claims_name_the_entry(change, message):
    with pytest.raises(ValueError, match=message):
        parse({**ENTRY, **change})


def test_duplicate_and_dangling_ids_are_rejected():
    entry = '[[claim]]\nid = "a"\nsection = "S"\nline = 1\nquote = "q"\nkind = "text"\nclaimed = "x"\ncorrect = "y"\n'
    with pytest.raises(ValueError, match=r"duplicate ids \['a'\]"):
        errata.load(entry * 2)
    with pytest.raises(ValueError, match=r"unknown ids \['b'\]"):
        errata.load(entry + 'carries_into = ["b"]\n')


def test_the_command_line_prints_json(capsys, verdicts):
    assert main(["errata", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == len(verdicts)
    assert set(records[0]) == {"id", "section", "line", "kind", "quote", "claimed", "correct", "verdict", "explanation"}
    assert {r["verdict"] for r in records} == {"correct", "rounding", "wrong", "follows"}
    assert main(["errata"]) == 0
    assert "wrong" in capsys.readouterr().out


def test_the_errata_ignore_another_example(monkeypatch, tmp_path, capsys):
    other = tmp_path / "e.toml"
    other.write_text('x = [1.0, 1.0, 1.0]\ny = 0.0\nW1 = [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]\nW2 = [[1.0, 1.0]]\neta = 1.0\n')
    monkeypatch.setenv("BYHAND_EXAMPLE", str(other))
    main(["errata", "--json"])
    by_id = {r["id"]: r["verdict"] for r in json.loads(capsys.readouterr().out)}
    assert by_id["z2-in-dL-dW2"] == "correct"
    assert np.isfinite(compute().loss)



def unmarked_tex(text: str) -> str | None:
    """The part of an explanation outside `$...$` and `code` if it still holds TeX or a snake_case name."""
    rest = MARKED.sub("", text)
    return rest if re.search(r"[\\^{}]|\w_\w", rest) else None


def test_explanations_mark_their_math(verdicts):
    """An explanation's math sits in `$...$` (typeset on the page, so it must parse); outside math and
    code no TeX is left for the reader to decode."""
    for v in verdicts:
        text = v.claim.explanation or ""
        assert all(parses(m) for m in re.findall(r"\$([^$]+)\$", text)), v.claim.id
        assert unmarked_tex(text) is None, f"{v.claim.id}: unmarked TeX in {text!r}"


def test_unmarked_tex_and_markdown_escapes_are_caught():
    assert unmarked_tex("The scalar z^{(2)} is bold.") and unmarked_tex("uses y_hat")
    assert unmarked_tex("The scalar $z^{(2)}$ is bold, see `a_b`.") is None
    # on the page `_` stays literal outside math and code, and untouched inside them
    assert explanation_markdown("a $w_{i,j}$ and y_hat, `b_c`") == r"a $w_{i,j}$ and y\_hat, `b_c`"


@pytest.mark.parametrize(("tex", "found"), [
    (r"\frac{a}{b}", []),
    (r"\{ x \} 50\% \left( y \right)", []),
    (r"{a}^T}", ["a closing brace at character 5 has no opening brace"]),
    (r"\frac{a}{b", ["1 opening brace(s) never closed"]),
    (r"z = 1 % the rest", ["an unescaped % at character 6 comments out the rest of the line: '% the rest'"]),
    (r"\left( x", ["1 \\left but 0 \\right"]),
    (r"\begin{pmatrix} 1 \end{matrix}", ["\\end{matrix} does not close the environment opened before it"]),
    (r"\begin{pmatrix} 1", ["\\begin{pmatrix} is never closed"]),
    (r"w_{1,1}&w_{2,1}", ["an & at character 7 aligns nothing: it is outside any matrix or aligned environment"]),
    (r"\begin{matrix} a & b \end{matrix}", []),
])
def test_the_typesetting_check_finds_what_stops_a_formula(tex, found):
    assert problems(tex) == found


# ---- what the errata add up to (byhand.errata.outcome) ----------------------------------------

def test_the_tally_counts_claims_places_and_distinct_slips(verdicts):
    from dataclasses import astuple, replace

    from byhand.errata.outcome import Tally, tally

    # Reference: the documented set above; its ten z2-bold places are one slip; the lines that follow from a
    # slip are neither confirmed nor slips of their own.
    follow = sum(v == "follows" for v in ERRATA.values())
    places = len(ERRATA) - follow
    count = tally(verdicts)
    assert (count.claims, count.confirmed, count.slips, count.places, count.follow) == (
        len(verdicts), len(verdicts) - len(ERRATA), places - 9, places, follow)
    # the expert's reading: three slips change the result, one restates inconsistently
    assert (count.by_severity["result"], count.by_severity["restatement"]) == (3, 1)
    three = [replace(v, verdict=k) for v, k in zip(verdicts, ("correct", "wrong", "rounding"))]
    assert astuple(tally(three))[:5] == (3, 1, 2, 2, 0)


def test_same_example_compares_every_input():
    from dataclasses import replace
    from pathlib import Path

    from byhand.errata.outcome import same_example
    from byhand.example import load

    ex = post()
    assert same_example(compute(ex), compute(post()))
    assert not same_example(compute(ex), compute(load(Path(__file__).parent / "data" / "other-example.toml")))
    for change in ({"eta": 0.2}, {"y": 0.9}, {"x": ex.x + [0, 0, 1e-15]}):
        assert not same_example(compute(ex), compute(replace(ex, **change))), change


def test_the_posts_printed_updates_raise_then_lower_the_loss():
    import reference
    from byhand.errata.outcome import losses_after

    # Reference: the post's printed new weights (the claims data) through the 50-digit forward pass.
    W1 = [["0.4", "0.4999", "0.2997"], ["0.2", "0.6997", "0.0993"]]
    W2 = ["0.1165", "0.2156"]
    D1, D2 = [[Decimal(v) for v in row] for row in W1], [Decimal(v) for v in W2]
    only_W1, both = losses_after(compute(post()), np.array(W1, dtype=float), np.array([W2], dtype=float))
    assert only_W1 == pytest.approx(float(reference.forward(D1, reference.W2, reference.X)[-1]), rel=1e-13)
    assert both == pytest.approx(float(reference.forward(D1, D2, reference.X)[-1]), rel=1e-13)
    assert only_W1 > compute(post()).loss > both


# ---- the errata page (byhand.errata.report): headings in words, typeset math, compact ------------------

def test_every_slip_has_a_heading_in_words_whose_numbers_come_from_the_data(verdicts):
    """A heading types no number: each is a placeholder filled from the claim or its verdict."""
    from byhand.errata.claims import PLACEHOLDER
    from byhand.errata.page import heading
    from byhand.errata.report import groups

    by_id = {v.claim.id: v for v in verdicts}
    for group in groups(verdicts):
        claim = group[0].claim
        assert claim.heading, f"{claim.id}: a slip needs a heading in words"
        assert not re.search(r"\d\.\d", claim.heading), f"{claim.id}: a number typed into its heading"
        words = heading(group[0], by_id)
        assert not PLACEHOLDER.search(words) and all(parses(m) for m in re.findall(r"\$([^$]+)\$", words)), words
    assert heading(by_id["z2-misplaced-decimal"], by_id) == r"$\sigma'$ evaluated at $2.17$ instead of $0.217$"
    assert heading(by_id["y-hat-new-last-digit"], by_id) == "The new prediction is $0.5599$ instead of $0.5600$"


def test_a_heading_quotes_only_a_confirmed_number(verdicts):
    from dataclasses import replace

    from byhand.errata.page import heading

    by_id = {v.claim.id: v for v in verdicts}
    v = by_id["z2-misplaced-decimal"]
    wrong = replace(v, claim=replace(v.claim, heading="at $<z2-new-wrong>$"))
    with pytest.raises(ValueError, match="'z2-new-wrong', which is not confirmed"):
        heading(wrong, by_id)
    with pytest.raises(ValueError, match=r"unknown ids \['nowhere'\]"):
        errata.load('[[claim]]\nid = "a"\nsection = "S"\nline = 1\nquote = "q"\nkind = "text"\nclaimed = "x"\n'
                    'correct = "y"\nheading = "at <nowhere>"\n')


def test_the_slips_page_typesets_what_parses_and_labels_the_rest(verdicts):
    """One heading per slip; every `$...$` on it parses (KaTeX would fail the build); what does not
    parse is shown as labelled TeX source, never as math."""
    from byhand.errata.page import slips
    from byhand.errata.report import groups

    page = slips(verdicts)
    assert page.count("\n### ") + page.startswith("### ") == len(groups(verdicts))
    spans = re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", re.sub(r"`[^`]*`", "", page))
    assert spans and all(parses(s) for s in spans), [s for s in spans if not parses(s)]
    unparsed = [v for v in verdicts if v.claim.kind != "text" and isinstance(v.claim.claimed, str)
                and not parses(v.claim.claimed)]
    assert {v.claim.id for v in unparsed} == {"output-value-comment-eats-math", "dL-dW2-unbalanced-brace"}
    slipped = [v for v in unparsed if v.verdict != "correct"]  # the post's readers saw the % formula as meant
    assert [v.claim.id for v in slipped] == ["dL-dW2-unbalanced-brace"]
    for v in slipped:
        assert f"(TeX source) `{' '.join(v.claim.claimed.split())}`" in page
    assert "### The scalar $z^{(2)}$ set in bold, like a vector {#z2-bold-forward-definition}" in page
    assert "Line 1" not in page and "line 169" not in page.lower()  # the post's page has no line numbers


def test_a_consequence_is_listed_under_its_slip_and_judged_given_it(verdicts):
    from byhand.errata.page import slips
    from byhand.errata.report import consequences, groups

    by_id = {v.claim.id: v for v in verdicts}
    root = by_id["z2-misplaced-decimal"]
    later = [v.claim.id for v in consequences(root, verdicts)]
    assert later[:3] == ["dyhat-dz2-at-wrong-argument", "dyhat-dz2-restated-wrong", "dL-dz2-wrong-sign-and-size"]
    assert "y-hat-new-last-digit" in later and all(by_id[k].verdict == "follows" for k in later)
    assert all(v.claim.id not in later for g in groups(verdicts) for v in g)
    page = slips(verdicts)
    assert page.index("{#z2-misplaced-decimal}") < page.index('<span id="dyhat-dz2-at-wrong-argument">')
    first = [g[0].claim.id for g in groups(verdicts)][:4]  # the slips that change the result lead
    assert set(first[:3]) == {"z2-misplaced-decimal", "dL-dz2-sign-flipped", "dL-dW1-component-entry-1-3-x1-for-x3"}


def test_the_confirmed_claims_are_one_compact_table(verdicts):
    """Every confirmed claim is in the table, found by the post's section, whose rows merge a value printed
    at several lines and the entries of one matrix; a slip among those entries is marked and linked."""
    from byhand.errata.page import confirmed

    table = confirmed(verdicts)
    rows = [r for r in table.splitlines() if r.startswith("| ") and not r.startswith("| section")]
    held = [v for v in verdicts if v.verdict == "correct"]
    assert {v.claim.section for v in held} == {r.split("|")[1].strip() for r in rows}
    assert len(rows) < len(held)
    assert "| Calculating the Backward Pass | the matrix in $\\partial L / \\partial W^{(1)}$; $\\ast$ is " \
           "[a slip](#dL-dW1-component-entry-1-3-x1-for-x3) |" in table


# ---- every number an explanation states is the post's or is recomputed ---------------------------

def _sigma(z: float) -> float:
    return 1 / (1 + np.exp(-z))


def _slope(z: float) -> float:
    return _sigma(z) * (1 - _sigma(z))


# Numbers an explanation derives from the post's printed numbers rather than from the exact step: each
# redone here from what the explanation says it is.
DERIVED = {
    ("dL-dW2-truncated", "-0.1562"): -0.22 * 0.71,  # the post's rounded factors multiplied
    ("dL-dW2-restated-truncated", "-0.1562"): -0.22 * 0.71,
    ("W2-new-last-digit", "0.0156654"): 0.1 * 0.156654,  # eta times the unrounded entry, as printed
    ("dyhat-dz2-at-wrong-argument", "2.7"): _slope(0.217) / _slope(2.17),  # "about 2.7 times too small"
    ("dL-dW1-wrong", "2.7"): _slope(0.217) / _slope(2.17),
    ("y-hat-new-last-digit", "0.55986"): _sigma(0.2406),  # sigma of the post's own new z2
}


def unexplained_numbers(claims, exact: list[float]) -> list[str]:
    """Each decimal in an explanation that is not printed in the post's claims, nor one of ``exact`` (± and
    rounded to the decimals it is written with), nor a DERIVED number: "id: number"."""
    printed = {n.lstrip("-") for c in claims for n in re.findall(r"-?\d+\.\d+", f"{c.quote} {c.claimed}")}
    found = []
    for c in claims:
        for number in re.findall(r"-?\d+\.\d+", re.sub(r"lines? \d+", "", c.explanation or "")):
            places = len(number.split(".")[1])
            values = [*exact, *(-v for v in exact)] + ([DERIVED[c.id, number]] if (c.id, number) in DERIVED else [])
            if number.lstrip("-") not in printed and not any(
                    Decimal(f"{v:.{places}f}") == Decimal(number) for v in values):
                found.append(f"{c.id}: {number}")
    return found


def reference_values() -> list[float]:
    """Every entry of every quantity of the 50-digit reference step (tests/reference.py), and the post's
    bracket dz2/dW1 = (dL/dW1) / (dL/dz2), the hidden gradient without its scalar factor."""
    from reference import worked_example

    ref = worked_example()
    bracket = np.asarray(ref["dL_dW1"], dtype=object) / ref["dL_dz2"]
    return [float(x) for value in [*ref.values(), bracket] for x in np.ravel(np.asarray(value, dtype=object))]


def test_every_number_an_explanation_states_is_the_posts_or_recomputed(verdicts):
    """An explanation's "the true values are 0.7506 and 0.7119" is held to the reference computation of
    the step, at the digits it is written with."""
    assert unexplained_numbers([v.claim for v in verdicts], reference_values()) == []


def test_a_number_typed_wrong_into_an_explanation_is_found(verdicts):
    from dataclasses import replace

    exact = reference_values()
    claim = next(v.claim for v in verdicts if v.claim.id == "a1-new-wrong")
    typo = replace(claim, explanation=claim.explanation.replace("0.7119", "0.7191"))
    assert unexplained_numbers([claim], exact) == [] and unexplained_numbers([typo], exact) == ["a1-new-wrong: 0.7191"]
