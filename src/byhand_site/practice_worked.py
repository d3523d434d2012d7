"""Each practice exercise's worked solution: for every quantity, the walkthrough's own lines (the same
templates, through [`byhand_site.render.line`][byhand_site.render.line]) with that exercise's numbers, so
each line reproduces by hand, or the build fails naming it."""

from __future__ import annotations

from byhand import example as example_mod
from byhand.walkthrough import compute
from byhand_site import formulas as f
from byhand_site import render as r

DW = r"\frac{\partial L}{\partial W^{(%d)}}"


def _line(*sides: str, by_hand: list[tuple[str, list]], **options) -> str:
    """The first of the ways ``by_hand`` to write a line's numbers that reproduces by hand (where an
    operand near 1 loses its digits in 1 - a, the other way writes 1 - a as a number of its own)."""
    for k, way in enumerate(by_hand):
        try:
            return r.line(*sides, by_hand=way, **options)
        except r.NotReproduced:
            if k == len(by_hand) - 1:
                raise


def _forward(w, W1, W2, z1, a1, z2, y_hat, per_unit: bool) -> list[str]:
    """The forward pass's lines: z1 (unit by unit, as the forward page, or as one product, as the
    update page's second pass), a1, z2 and y_hat."""
    if per_unit:
        out = [r.line(f"z^{{(1)}}_{{{j + 1}}}", symbols, by_hand=by_hand, result=z1[j], aligned=True)
               for j, (symbols, by_hand) in enumerate(f.dot(W1, w.x, j, 1, "x") for j in range(W1.shape[0]))]
    else:
        out = [r.line("z^{(1)}", "W^{(1)} x", by_hand=("{}{}", [W1, w.x]), result=z1, aligned=True)]
    return out + [r.line(r"a^{(1)} = \sigma\bigl(z^{(1)}\bigr)", by_hand=(r"\sigma{}", [z1]), result=a1),
                  r.line("z^{(2)}", "W^{(2)} a^{(1)}", by_hand=("{}{}", [W2, a1]), result=z2, aligned=True),
                  r.line(r"\hat y = \sigma\bigl(z^{(2)}\bigr)", by_hand=(r"\sigma({})", [z2]), result=y_hat)]


def lines(ex: example_mod.Example) -> dict[str, list[str]]:
    """The worked lines of each quantity of ``ex`` (display TeX, one equation each, without delimiters)."""
    w = compute(ex)
    forward = _forward(w, w.W1, w.W2, w.z1, w.a1, w.z2, w.y_hat, per_unit=True)
    out = {"z1": forward[:-3], "a1": forward[-3:-2], "z2": forward[-2:-1], "y_hat": forward[-1:],
           "loss": [r.line(r"L = (y - \hat y)^2", by_hand=("({} - {})^2", [w.y, w.y_hat]), result=w.loss)],
           "dyhat_dz2": [r.line(r"\sigma'\bigl(z^{(2)}\bigr)", r"\hat y\,(1 - \hat y)",
                                by_hand=(r"{}\,(1 - {})", [w.y_hat, w.y_hat]), result=w.dyhat_dz2, aligned=True)],
           "dL_dz2": [r.line(r"\delta^{(2)}", r"2(\hat y - y)\,\sigma'\bigl(z^{(2)}\bigr)",
                             by_hand=(r"2({} - {})\,{}", [w.y_hat, w.y, w.dyhat_dz2]), result=w.dL_dz2, aligned=True)],
           "dL_dW2": [r.line(DW % 2, r"\delta^{(2)} {a^{(1)}}^{\top}", by_hand=(r"{}\,{}", [w.dL_dz2, w.a1[None, :]]),
                             result=w.dL_dW2, left=True)],
           "dsigma_z1": [_line(r"\sigma'\bigl(z^{(1)}\bigr)", r"a^{(1)} \odot \bigl(1 - a^{(1)}\bigr)",
                               by_hand=[(r"{} \odot \left(1 - {}\right)", [w.a1, w.a1]), (r"{} \odot {}", [w.a1, 1 - w.a1])],
                               result=w.dsigma_z1, left=True)],
           "dL_dz1": [r.line(r"\delta^{(1)}", r"\bigl(W^{(2)\top} \delta^{(2)}\bigr) \odot \sigma'\bigl(z^{(1)}\bigr)",
                             by_hand=(r"\left({}\,{}\right) \odot {}", [w.W2.T, w.dL_dz2, w.dsigma_z1]),
                             result=w.dL_dz1, left=True)],
           "dL_dW1": [r.line(DW % 1, r"\delta^{(1)} x^{\top}", by_hand=(r"{}\,{}", [w.dL_dz1, w.x[None, :]]),
                             result=w.dL_dW1, left=True)]}
    out["W2_new"] = [r.line("W^{(2)}", rf"W^{{(2)}} - \eta\,{DW % 2}", rel=r"\leftarrow",
                            by_hand=(r"{} - {}\,{}", [w.W2, w.eta, w.dL_dW2]), result=w.W2_new, left=True)]
    columns = r.worked_rows(r"{} - {}\,{}", [([w.W1[:, i], w.eta, w.dL_dW1[:, i]], w.W1_new[:, i])
                                              for i in range(w.W1.shape[1])])  # column by column, as the update page: it fits a phone
    out["W1_new"] = [r.display("W^{(1)}", rf"W^{{(1)}} - \eta\,{DW % 1}", rel=r"\leftarrow"),
                     r.aligned_block([f"{numbers} &= {result}" for numbers, result in columns], gap="6pt")]
    out["y_hat_new"] = _forward(w, w.W1_new, w.W2_new, w.z1_new, w.a1_new, w.z2_new, w.y_hat_new, per_unit=False)
    out["loss_new"] = [r.line(r"L = (y - \hat y)^2", by_hand=("({} - {})^2", [w.y, w.y_hat_new]), result=w.loss_new)]
    return {q: [line.strip().removeprefix("$$").removesuffix("$$").strip() for line in found] for q, found in out.items()}
