"""The practice page's markup: the exercise's givens, one form per quantity, the worked solution
(collapsed) and the exercises as JSON for the page's script (docs/assets/practice.js).

Without JavaScript the page still shows the site's own exercise and its solution; the script adds the
checking, the diagnosis and the other exercises. Everything it shows was computed by `byhand.practice`.
"""

from __future__ import annotations

import html
import json

import numpy as np

from byhand import practice
from byhand.walkthrough import compute
from byhand_site.render import text

LABELS = {  # TeX for each quantity's label, and how many numbers it takes
    "z1": r"z^{(1)} = W^{(1)} x", "a1": r"a^{(1)} = \sigma\bigl(z^{(1)}\bigr)", "z2": r"z^{(2)} = W^{(2)} a^{(1)}",
    "y_hat": r"\hat y = \sigma\bigl(z^{(2)}\bigr)", "loss": r"L = (y - \hat y)^2",
    "dyhat_dz2": r"\sigma'\bigl(z^{(2)}\bigr) = \partial \hat y / \partial z^{(2)}",
    "dL_dz2": r"\delta^{(2)} = \partial L / \partial z^{(2)}", "dL_dW2": r"\partial L / \partial W^{(2)}",
    "dsigma_z1": r"\sigma'\bigl(z^{(1)}\bigr)", "dL_dz1": r"\delta^{(1)} = \partial L / \partial z^{(1)}",
    "dL_dW1": r"\partial L / \partial W^{(1)}",
    "W1_new": r"W^{(1)} \text{ after the step}", "W2_new": r"W^{(2)} \text{ after the step}",
    "y_hat_new": r"\hat y \text{ after the step}", "loss_new": r"L \text{ after the step}",
}
HINTS = {
    "z1": "z⁽¹⁾ = W⁽¹⁾x: each row of W⁽¹⁾ times x, summed; one number per hidden unit.",
    "a1": "a⁽¹⁾ = σ(z⁽¹⁾) = 1/(1 + e^(−z)), entry by entry.",
    "z2": "z⁽²⁾ = w⁽²⁾₁,₁ a⁽¹⁾₁ + w⁽²⁾₁,₂ a⁽¹⁾₂.",
    "y_hat": "ŷ = σ(z⁽²⁾) = 1/(1 + e^(−z⁽²⁾)).",
    "loss": "L = (y − ŷ)².",
    "dyhat_dz2": "σ′(z⁽²⁾) = ŷ(1 − ŷ): the slope at the output's pre-activation, read off ŷ.",
    "dL_dz2": "δ⁽²⁾ = 2(ŷ − y) · σ′(z⁽²⁾).",
    "dL_dW2": "∂L/∂W⁽²⁾ = δ⁽²⁾ a⁽¹⁾ᵀ: δ⁽²⁾ times each hidden activation.",
    "dsigma_z1": "σ′(z⁽¹⁾) = a⁽¹⁾(1 − a⁽¹⁾), entry by entry.",
    "dL_dz1": "δ⁽¹⁾ = (W⁽²⁾ᵀ δ⁽²⁾) ⊙ σ′(z⁽¹⁾): entry j is w⁽²⁾₁,ⱼ δ⁽²⁾ σ′(z⁽¹⁾ⱼ).",
    "dL_dW1": "∂L/∂W⁽¹⁾ = δ⁽¹⁾ xᵀ: row j is δ⁽¹⁾ⱼ times the inputs.",
    "W1_new": "W⁽¹⁾ − η ∂L/∂W⁽¹⁾, with the gradient taken before any weight changes.",
    "W2_new": "W⁽²⁾ − η ∂L/∂W⁽²⁾.",
    "y_hat_new": "A second forward pass, with both new weight matrices.",
    "loss_new": "(y − ŷ)², with the new prediction.",
}


def shown(value) -> str:
    """A value as the page writes it in text: rows separated by ";", entries by ","."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return text(float(array))
    if array.ndim == 1:
        return ", ".join(text(v) for v in array)
    return "; ".join(", ".join(text(v) for v in row) for row in array)


def _exercise(ex) -> dict:
    data, w = practice.exercise_data(ex), compute(ex)
    data["shown"] = {"given": {k: shown(getattr(ex, k)) for k in ("x", "y", "W1", "W2", "eta")},
                     "quantities": {q: shown(w[q]) for q in practice.QUANTITIES}}
    return data


def page() -> str:
    """The practice section's HTML, opening on the site's own example."""
    exercises = [_exercise(ex) for ex in practice.exercises(20)]
    first = exercises[0]
    givens = " ".join(f'<span class="byhand-given"><span class="arithmatex">\\({tex} =\\)</span> '
                      f'<span data-given="{k}">{html.escape(first["shown"]["given"][k])}</span></span>'
                      for k, tex in (("x", "x"), ("y", "y"), ("W1", "W^{(1)}"), ("W2", "W^{(2)}"), ("eta", r"\eta")))
    forms = []
    for q in practice.QUANTITIES:
        size = np.size(compute()[q])
        count = "one number" if size == 1 else f"{size} numbers" + (", rows separated by ;" if q in ("dL_dW1", "W1_new") else "")
        section = "../" + practice.SECTIONS[q].removesuffix(".md") + "/"
        forms.append(
            f'<form class="byhand-answer" data-quantity="{q}" data-section="{section}" novalidate>\n'
            f'<label for="answer-{q}"><span class="arithmatex">\\({LABELS[q]}\\)</span> <small>({count})</small></label>\n'
            f'<span class="byhand-answer-row"><input id="answer-{q}" name="{q}" data-quantity="{q}" type="text" '
            f'inputmode="text" autocomplete="off" spellcheck="false">'
            f'<button type="submit" class="md-button">Check</button></span>\n'
            f'<p role="status" class="byhand-feedback"></p>\n'
            f'<details class="byhand-solution"><summary>Solution</summary><p><span data-solution="{q}">'
            f'{html.escape(first["shown"]["quantities"][q])}</span> (<a href="{section}">worked here</a>)</p></details>\n'
            "</form>")
    data = {"exercises": exercises, "slips": practice.SLIPS, "hints": HINTS}
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    # The section opens with its <div>, a block-level tag: Markdown wraps HTML that opens with an inline
    # tag (the <link>) in a <p>, which the <div> cannot sit in (the page got a stray </p>).
    return ('<div id="byhand-practice">\n<link rel="stylesheet" href="../assets/practice.css">\n'
            f'<p class="byhand-exercise"><strong data-exercise-name>{html.escape(first["name"])}</strong> '
            f'<button type="button" class="md-button" data-new-exercise hidden>New exercise</button> '
            f'<button type="button" class="md-button" data-first-exercise hidden>Back to the first</button></p>\n'
            f'<p class="byhand-givens">{givens}</p>\n' + "\n".join(forms) +
            f'\n<script type="application/json" id="byhand-practice-data">{payload}</script>\n'
            '<script src="../assets/practice.js" defer></script>\n</div>')
