"""The practice page's markup: the first exercise's givens, one form per quantity with its worked solution
(collapsed), and each exercise as a small JSON file the page's script loads when it is opened.

Without JavaScript the page is the first exercise and its solutions, with no answer boxes (they are
`hidden` until the script shows them); the script adds the checking and the other exercises.
Everything it compares with was computed by `byhand.practice`.
"""

from __future__ import annotations

import html
import json

import numpy as np

from byhand import practice
from byhand.walkthrough import compute
from byhand_site import practice_text, practice_worked
from mkdocs_byhand.katex import KaTeX, TeXError
from byhand_site.render import NotReproduced, text

COUNT = 100
"""Exercises on the page: the site's own example, then seeded ones."""
FOLDER = "assets/practice/"
"""Where each exercise's JSON is published, ``1.json`` to ``100.json``."""
MATRICES = ("dL_dW1", "W1_new")


def shown(value) -> str:
    """A value as the page writes it in text: rows separated by ";", entries by ","."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return text(float(array))
    if array.ndim == 1 or array.shape[0] == 1:
        return ", ".join(text(v) for v in array.ravel())
    return "; ".join(", ".join(text(v) for v in row) for row in array)


def exercise_json(ex) -> str:
    """One exercise as the page's script loads it when it is opened: the judge's data, and its givens
    and answers as text."""
    data, w = practice.exercise_data(ex), compute(ex)
    data["shown"] = {k: shown(getattr(ex, k)) for k in ("x", "y", "W1", "W2", "eta")}
    data["answers"] = {q: shown(w[q]) for q in practice.QUANTITIES}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def files(katex_package) -> dict[str, str]:
    """Every exercise's JSON (``N.json``) and its worked solutions' HTML (``N-worked.json``, loaded when a
    solution is first opened) by their paths in the site. The lines are typeset by KaTeX here: one it
    cannot typeset fails the build, naming the exercise."""
    found, lines = practice.exercises(COUNT), []
    for ex in found:
        try:
            lines.append(practice_worked.lines(ex))
        except NotReproduced as error:
            raise ValueError(f"practice: a worked line of {ex.name} does not reproduce by hand: {error}") from None
    formulas = [(tex, True) for quantities in lines for q in practice.QUANTITIES for tex in quantities[q]]
    katex = KaTeX(katex_package)
    try:
        typeset = iter(katex.results(katex.submit(formulas)))
    finally:
        katex.close()
    out = {}
    for n, (ex, quantities) in enumerate(zip(found, lines), start=1):
        worked = {}
        for q in practice.QUANTITIES:
            math = [next(typeset) for _ in quantities[q]]
            bad = next((m for m in math if isinstance(m, TeXError)), None)
            if bad is not None:
                raise ValueError(f"practice: KaTeX cannot typeset a worked line of {ex.name} ({q}): {bad}")
            worked[q] = "".join(f'<div class="arithmatex">{m}</div>' for m in math)
        out[f"{FOLDER}{n}.json"] = exercise_json(ex)
        out[f"{FOLDER}{n}-worked.json"] = json.dumps(worked, separators=(",", ":"), ensure_ascii=False)
    return out


def _form(q: str, w, answer: str) -> str:
    size = np.size(w[q])
    count = "one number" if size == 1 else f"{size} numbers" + (", rows separated by ;" if q in MATRICES else "")
    section = "../" + practice.SECTIONS[q].replace(".md", "/")
    return (
        f'<form class="byhand-answer" id="form-{q}" data-quantity="{q}" data-section="{section}" novalidate>\n'
        f'<label for="answer-{q}"><span class="arithmatex">\\({practice_text.LABELS[q]}\\)</span> <small>({count})</small></label>\n'
        f'<span class="byhand-answer-row" hidden><input id="answer-{q}" name="{q}" data-quantity="{q}" type="text" '
        f'inputmode="text" autocomplete="off" spellcheck="false">'
        f'<button type="submit" class="md-button">Check</button></span>\n'
        f'<p role="status" class="byhand-feedback"></p>\n'
        f'<details class="byhand-solution"><summary>Solution</summary><div data-worked="{q}"><p>{html.escape(answer)}</p></div>'
        f'<p>The step explained: <a href="{section}">{practice_text.SECTION_TITLES[q]}</a>.</p></details>\n'
        "</form>")


def page() -> str:
    """The practice section's HTML, opening on the site's own example."""
    ex = practice.exercises(1)[0]
    w = compute(ex)
    given = {k: shown(getattr(ex, k)) for k in ("x", "y", "W1", "W2", "eta")}
    answers = {q: shown(w[q]) for q in practice.QUANTITIES}
    givens = " ".join(f'<span class="byhand-given"><span class="arithmatex">\\({tex} =\\)</span> '
                      f'<span data-given="{k}">{html.escape(given[k])}</span></span>'
                      for k, tex in (("x", "x"), ("y", "y"), ("W1", "W^{(1)}"), ("W2", "W^{(2)}"), ("eta", r"\eta")))
    words = {"names": practice_text.NAMES, "hints": practice_text.HINTS,
             "slips": {k: list(v) for k, v in practice_text.SLIPS.items()}, "signs": practice_text.SIGNS}
    payload = json.dumps(words, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    # The section opens with its <div>, a block-level tag: Markdown wraps HTML that opens with an inline
    # tag (the <link>) in a <p>, which the <div> cannot sit in (the page got a stray </p>).
    return (f'<div id="byhand-practice" data-exercises="../{FOLDER}" data-count="{COUNT}">\n'
            '<link rel="stylesheet" href="../assets/practice.css">\n'
            f'<p class="byhand-exercise"><strong data-exercise-name>{html.escape(ex.name)}</strong> '
            '<span class="byhand-controls" hidden>'
            '<button type="button" class="md-button" data-new-exercise>New exercise</button> '
            '<button type="button" class="md-button" data-first-exercise>Back to the first</button> '
            '<button type="button" class="md-button" data-start-over>Start over</button></span></p>\n'
            f'<p class="byhand-givens">{givens}</p>\n'
            '<p class="byhand-summary" data-summary hidden></p>\n'
            + "\n".join(_form(q, w, answers[q]) for q in practice.QUANTITIES) +
            f'\n<script type="application/json" id="byhand-practice-text">{payload}</script>\n'
            '<script src="../assets/practice-pass.js" defer></script>\n'
            '<script src="../assets/practice-judge.js" defer></script>\n'
            '<script src="../assets/practice.js" defer></script>\n</div>')
