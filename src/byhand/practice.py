"""Practice by hand: seeded exercises, and for each the values the page judges an answer against.

Everything is computed here, when the site is built, and published with the practice page as one small
JSON file per exercise: the givens, and for each quantity its exact value (to 40 significant digits,
from the exact [worked pass][byhand.practice_pass.worked]), the values a person gets who writes every
earlier number with 2, 3 or 4 decimals, and the value each named slip gives. The rule that judges an
answer with them, and with the student's own earlier answers, is [`byhand.practice_judge`][byhand.practice_judge].
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, localcontext

import numpy as np

from byhand import example as example_mod
from byhand.calculator import calculator_step
from byhand.practice_pass import CARRIED, EXACT, PARENTS, decimals_of, second_pass, sigma, significant, worked

QUANTITIES = tuple(PARENTS)
"""What the reader computes, in order; each is named as in the golden JSON."""
POSITIVE = ("a1", "y_hat", "loss", "dyhat_dz2", "dsigma_z1", "y_hat_new", "loss_new")
"""Quantities that cannot be negative (a sigmoid, its slope, a square): no sign slip is offered for them."""
SIG = 40
"""Significant digits of the published values: far more than the 17 an answer is judged at."""
SECTIONS = {"z1": "forward.md#into-the-hidden-layer", "a1": "forward.md#into-the-hidden-layer",
            "z2": "forward.md#into-the-output", "y_hat": "forward.md#into-the-output", "loss": "forward.md#the-loss",
            "dyhat_dz2": "output-gradient.md#the-numbers", "dL_dz2": "output-gradient.md#the-numbers",
            "dL_dW2": "output-gradient.md#the-numbers", "dsigma_z1": "hidden-gradient.md#the-slopes-of-the-hidden-units",
            "dL_dz1": "hidden-gradient.md#backpropagation", "dL_dW1": "hidden-gradient.md#the-full-matrix",
            "W1_new": "update.md#one-step-downhill", "W2_new": "update.md#one-step-downhill",
            "y_hat_new": "update.md#a-second-forward-pass", "loss_new": "update.md#a-second-forward-pass"}
"""The walkthrough page that explains each quantity."""


def exercises(count: int = 100, seed: int = 2023) -> list[example_mod.Example]:
    """The site's own example first, then seeded ones with friendly numbers: weights with one decimal
    (none zero), inputs small integers, no pre-activation exactly 0, the target 0 or 1, and a learning
    rate of 0.1 or 0.5."""
    rng = np.random.default_rng(seed)
    found = [example_mod.load()]
    while len(found) < count:
        W1 = rng.integers(-9, 10, size=(2, 3)) / 10
        W2 = rng.integers(-9, 10, size=(1, 2)) / 10
        x = rng.integers(0, 4, size=3).astype(float)
        if not (W1.all() and W2.all() and x.any()):  # a zero weight or input makes a step trivial
            continue
        if not (np.rint(10 * W1).astype(int) @ x.astype(int)).all():  # z1 exactly 0: float64 shows it as 1e-17
            continue
        found.append(replace(found[0], name=f"Exercise {len(found) + 1}", x=x, y=float(rng.integers(0, 2)),
                             W1=W1, W2=W2, eta=float(rng.choice([0.1, 0.5]))))
    return found


def decimals(value) -> Decimal | list:
    """A float (or nested array of them) as the decimal it is written as: 0.1 -> Decimal('0.1')."""
    if np.ndim(value) == 0:
        return Decimal(repr(float(value))) + 0
    return [decimals(v) for v in value]


def given(ex: example_mod.Example) -> dict:
    """The givens of ``ex`` as decimals: x (3,), y, W1 (2, 3), W2 (1, 2), eta."""
    return {k: decimals(getattr(ex, k)) for k in ("x", "y", "W1", "W2", "eta")}


def _map(f, v):
    return [_map(f, u) for u in v] if isinstance(v, list) else f(v)


def _slope(v):
    return _map(lambda z: sigma(z) * (1 - sigma(z)), v)


def slips(g: dict, w: dict) -> dict[str, dict[str, object]]:
    """For each quantity, the value each slip model gives, from the givens ``g`` and the exact pass ``w``
    (a slip made at one quantity is carried exactly into the ones computed from it)."""
    with localcontext(EXACT):
        out = {q: {"decimal": _map(lambda d: 10 * d, w[q]), "decimal-down": _map(lambda d: d / 10, w[q])}
               | ({} if q in POSITIVE else {"sign": _map(lambda d: -d, w[q])}) for q in QUANTITIES}
        out["a1"]["slope-for-sigma"] = w["dsigma_z1"]
        out["y_hat"]["slope-for-sigma"] = w["dyhat_dz2"]
        shifted = _slope(10 * w["z2"])  # sigma' at z2 with its decimal point slipped (the post's 2.17)
        dL_dyhat = 2 * (w["y_hat"] - g["y"])
        out["dyhat_dz2"] |= {"sigma-for-slope": w["y_hat"], "slope-shifted": shifted, "slope-of-output": _slope(w["y_hat"])}
        from_z = [z * (1 - z) for z in w["z1"]]  # sigma' as z(1 - z): the form a(1 - a) applied to z
        out["dsigma_z1"] |= {"sigma-for-slope": w["a1"], "slope-at-activation": _slope(w["a1"]), "slope-from-z": from_z}
        post = -dL_dyhat * shifted  # the post's delta2: that sigma' and the sign of 2(y_hat - y) lost
        out["dL_dz2"] |= {"no-two": w["dL_dz2"] / 2, "slope-shifted": dL_dyhat * shifted, "post-slope-and-sign": post}
        models = {  # a slip at one quantity, then the rest of the pass done right from it: (slip, where it reaches)
            "W2-first": ({"dL_dz1": [u * w["dL_dz2"] * s for u, s in zip(w["W2_new"][0], w["dsigma_z1"])]},
                         ("dL_dz1", "dL_dW1", "W1_new")),
            "slope-at-activation": ({"dsigma_z1": out["dsigma_z1"]["slope-at-activation"]}, ("dL_dz1", "dL_dW1")),
            "sigma-for-slope": ({"dsigma_z1": w["a1"]}, ("dL_dz1", "dL_dW1")),
            "slope-from-z": ({"dsigma_z1": from_z}, ("dL_dz1", "dL_dW1")),
            "no-two": ({"dL_dz2": w["dL_dz2"] / 2}, ("dL_dW2", "dL_dz1", "dL_dW1")),
            "post-slope-and-sign": ({"dL_dz2": post}, ("dL_dW2", "dL_dz1", "dL_dW1")),
        }
        for slip, (answers, reach) in models.items():
            carried = worked(g, answers) | answers
            for q in reach:
                out[q][slip] = carried[q]
        for q, W, grad in (("W1_new", g["W1"], w["dL_dW1"]), ("W2_new", g["W2"], w["dL_dW2"])):
            out[q] |= {"no-step": W, "no-eta": _sub(W, grad, Decimal(1)), "uphill": _sub(W, grad, -g["eta"])}
        post_grads = worked(g, {"dL_dz2": post})
        for q, W, grad in (("W1_new", g["W1"], post_grads["dL_dW1"]), ("W2_new", g["W2"], post_grads["dL_dW2"])):
            out[q]["post-uphill"] = _sub(W, grad, g["eta"])
        out["W1_new"]["transposed"] = [list(col) for col in zip(*w["W1_new"])]
        out["dL_dW1"]["transposed"] = [list(col) for col in zip(*w["dL_dW1"])]
        only_W2 = worked(g, {"W1_new": g["W1"]})  # the second pass with the old W1: only W2 updated
        out["y_hat_new"] |= {"no-step": w["y_hat"], "only-W2": only_W2["y_hat_new"]}
        out["loss_new"] |= {"no-step": w["loss"], "only-W2": only_W2["loss_new"], "no-square": abs(g["y"] - w["y_hat_new"])}
        out["loss"]["no-square"] = abs(g["y"] - w["y_hat"])
    return out


def _sub(W: list, grad: list, eta: Decimal) -> list:
    return [[u - eta * d for u, d in zip(row, grow)] for row, grow in zip(W, grad)]


def published(value) -> str | list:
    """A value as published: nested lists of plain decimal strings with at most ``SIG`` significant digits."""
    if isinstance(value, list):
        return [published(v) for v in value]
    with localcontext() as ctx:
        ctx.prec = SIG
        d = +value
    return "0" if d == 0 else format(d, "f")


def written(ex: example_mod.Example, k: int) -> dict:
    """Every quantity as a person writes it with k decimals (the rounding page's calculator), as decimals."""
    values = calculator_step(ex, k)
    return {q: decimals(np.asarray(values[q]).tolist() if np.ndim(values[q]) else values[q])
            for q in QUANTITIES if q in values}


def chain(g: dict, rnd, fixed: dict | None = None) -> dict:
    """Each quantity as a person computes it from the numbers written before it: every value computed,
    written with ``rnd``; or, given ``fixed`` (the calculator's written values), those, and the rest
    ($\\delta^{(1)}$, which the calculator does not write down) as computed.
    The second forward pass writes its $z^{(1)}$, $a^{(1)}$ and $z^{(2)}$ with ``rnd`` too."""
    chosen, out = {}, {}
    with localcontext(EXACT):
        for q in QUANTITIES:
            out[q] = second_pass(g["x"], chosen["W1_new"], chosen["W2_new"], rnd) if q == "y_hat_new" \
                else worked(g, chosen)[q]
            chosen[q] = _map(rnd, out[q]) if fixed is None else fixed.get(q, out[q])
    return out


def exercise_data(ex: example_mod.Example) -> dict:
    """One exercise as the page publishes it: its name, the givens, and for each quantity its exact
    value, the values carried with 2, 3 and 4 decimals, and the value of each slip model."""
    g = given(ex)
    w = worked(g)
    chains = [chain(g, decimals_of(k), written(ex, k)) for k in CARRIED] + [chain(g, significant(k)) for k in CARRIED]
    models = slips(g, w)
    return {"name": ex.name, "given": {k: published(v) for k, v in g.items()},
            "quantities": {q: {"exact": published(w[q]), "carried": [published(c[q]) for c in chains],
                               "slips": {s: published(v) for s, v in models[q].items()}} for q in QUANTITIES}}
