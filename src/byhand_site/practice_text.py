"""The practice page's words: each quantity's symbol, label and hint, and each slip's name and diagnosis.

The page's script (docs/assets/practice.js) builds its feedback from these, published once in the page;
tests check that every slip model of `byhand.practice` and every verdict has its words here.
"""

from __future__ import annotations

from byhand import practice

NAMES = {"z1": "z⁽¹⁾", "a1": "a⁽¹⁾", "z2": "z⁽²⁾", "y_hat": "ŷ", "loss": "L", "dyhat_dz2": "σ′(z⁽²⁾)",
         "dL_dz2": "δ⁽²⁾", "dL_dW2": "∂L/∂W⁽²⁾", "dsigma_z1": "σ′(z⁽¹⁾)", "dL_dz1": "δ⁽¹⁾", "dL_dW1": "∂L/∂W⁽¹⁾",
         "W1_new": "W⁽¹⁾ after the step", "W2_new": "W⁽²⁾ after the step", "y_hat_new": "ŷ after the step",
         "loss_new": "L after the step"}
"""Each quantity as the feedback names it (in "this follows from your a⁽¹⁾")."""
LABELS = {  # TeX for each quantity's label
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
SLIPS = {  # name (after "tell it from"), diagnosis (after "Not yet.")
    "sign": ("the value with its sign lost", "The sign is the wrong way round."),  # and SIGNS names the minus sign
    "truncated": ("the value cut instead of rounded",
                  "The last digit is cut instead of rounded: round it (up when the next digit is 5 or more)."),
    "no-step": ("the value before the step", "This is the value before the step: the new weights are not used."),
    "no-square": ("the loss without its square", "The square is missing: L = (y − ŷ)²."),
    "decimal": ("the value with its decimal point slipped", "The decimal point has slipped one place to the right."),
    "decimal-down": ("the value with its decimal point slipped", "The decimal point has slipped one place to the left."),
    "sigma-for-slope": ("σ(z) in place of σ′(z)", "This is σ(z), the activation, where the slope σ′(z) = σ(z)(1 − σ(z)) belongs."),
    "slope-for-sigma": ("σ′(z) in place of σ(z)", "This is the slope σ′(z) where the activation σ(z) belongs."),
    "slope-shifted": ("σ′ at 10 z⁽²⁾", "σ′ is evaluated at z⁽²⁾ with its decimal point slipped (the post takes σ′ at 2.17 instead of 0.217)."),
    "slope-of-output": ("σ′ taken at ŷ", "σ′ is evaluated at ŷ; it belongs at z⁽²⁾, where it equals ŷ(1 − ŷ)."),
    "slope-at-activation": ("σ′ taken at a⁽¹⁾", "σ′ is evaluated at a⁽¹⁾; it belongs at z⁽¹⁾, where it equals a⁽¹⁾(1 − a⁽¹⁾)."),
    "slope-from-z": ("σ′ as z(1 − z)", "σ′ is computed as z⁽¹⁾(1 − z⁽¹⁾); it is a⁽¹⁾(1 − a⁽¹⁾), the activation times one minus it."),
    "no-two": ("the gradient without the factor 2", "The factor 2 of ∂L/∂ŷ = 2(ŷ − y) is missing."),
    "no-eta": ("the step without η", "The learning rate is missing: the step is W − η ∂L/∂W."),
    "uphill": ("a step uphill", "The step goes uphill: the gradient was added instead of subtracted."),
    "transposed": ("the transposed matrix", "The matrix is transposed: row j holds the weights into hidden unit j, one column per input."),
    "W2-first": ("W⁽²⁾ updated first", "W⁽²⁾ was updated before the hidden gradient was taken: δ⁽¹⁾ uses the old W⁽²⁾."),
    "only-W2": ("only W⁽²⁾ updated", "Only W⁽²⁾ was updated: the second forward pass needs the new W⁽¹⁾ too, and so a new a⁽¹⁾."),
    "post-slope-and-sign": ("the post's σ′ at 2.17 with a lost sign",
                            "σ′ at 2.17 instead of 0.217 and a lost sign of 2(ŷ − y), the post's two slips, carried into this result."),
    "post-uphill": ("the post's step uphill", "The step goes uphill: the gradient's sign was lost on the way (with σ′ taken "
                    "at 2.17, as in the post), so the weights move the wrong way."),
}
"""Each slip model's name and one-sentence diagnosis."""
_STEP = "the step is W − η ∂L/∂W: the gradient times η is subtracted, and a negative gradient raises the weight."
SIGNS = {
    "z1": "The sign is the wrong way round: check the sign of each product w·x in W⁽¹⁾x.",
    "z2": "The sign is the wrong way round: check the sign of each product w·a in W⁽²⁾a⁽¹⁾.",
    "dL_dz2": "The sign is the wrong way round: δ⁽²⁾ = 2(ŷ − y)σ′(z⁽²⁾) has the sign of ŷ − y (not y − ŷ).",
    "dL_dW2": "The sign is the wrong way round: δ⁽²⁾a⁽¹⁾ has the sign of δ⁽²⁾, that of ŷ − y (not y − ŷ).",
    "dL_dz1": "The sign is the wrong way round: δ⁽¹⁾ = w⁽²⁾δ⁽²⁾σ′(z⁽¹⁾) has the sign of w⁽²⁾δ⁽²⁾; δ⁽²⁾ has the sign of ŷ − y.",
    "dL_dW1": "The sign is the wrong way round: δ⁽¹⁾xᵀ has the signs of δ⁽¹⁾ = w⁽²⁾δ⁽²⁾σ′(z⁽¹⁾), and δ⁽²⁾ that of ŷ − y.",
    "W1_new": f"Every sign is the wrong way round: {_STEP}",
    "W2_new": f"Every sign is the wrong way round: {_STEP}",
}
"""The sign slip's diagnosis for each quantity that has one: the minus sign that matters there."""
_PAGES = {"forward": "The forward pass", "output-gradient": "The output-layer gradient",
          "hidden-gradient": "The hidden-layer gradient", "update": "The update and the new prediction"}
_PARTS = {"into-the-hidden-layer": "into the hidden layer", "into-the-output": "into the output", "the-loss": "the loss",
          "the-numbers": "the numbers", "the-slopes-of-the-hidden-units": "the slopes of the hidden units",
          "backpropagation": "backpropagation", "the-full-matrix": "the full matrix",
          "one-step-downhill": "one step downhill", "a-second-forward-pass": "a second forward pass"}
SECTION_TITLES = {q: f"{_PAGES[page.removesuffix('.md')]}, {_PARTS[part]}"
                  for q, (page, part) in ((q, s.split("#")) for q, s in practice.SECTIONS.items())}
"""The walkthrough section each solution links to, as its link reads."""
