"""The practice page's worked pass: every quantity of the step, computed from the givens and from the
student's own answers, in exact decimals.

[`worked`][byhand.practice_pass.worked] gives, for each quantity, what its formula gives from the
values before it, each of them the student's answer where there is one, else what the pass computed.
With no answers it is the step itself, to [`P`][byhand.practice_pass.P] decimal places of every
$\\sigma$ and exact everywhere else; with answers it is what a careful hand gets from the student's own
numbers (rounded or wrong), which the judge compares the next answer with.

Every operation but $\\sigma$ is a sum or a product of decimals, exact in Python's `Decimal` (with the
context's 3,000 digits) and in the page's script (BigInt). $\\sigma$ is one integer algorithm in both
(`sigma` here, `sigma` in docs/assets/practice-pass.js), so the two languages give the same digits.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext

P = 40
"""Decimal places of every $\\sigma(z)$ (rounded half up): far more than the 17 significant digits an
answer is judged at."""
GUARD = 10
"""Extra places the integer $e^{-t}$ is computed with, so that its rounding errors stay below $10^{-P}$."""
CAP = 200
"""Beyond $|z| > 200$, $\\sigma(z)$ is 0 or 1 to far more than P places ($e^{-200} < 10^{-86}$)."""
EXACT = Context(prec=3000, Emax=10**6, Emin=-10**6)
"""Room for every sum and product of the pass to be exact (answers have at most 17 + 50 places)."""
PARENTS = {"z1": (), "a1": ("z1",), "z2": ("a1",), "y_hat": ("z2",), "loss": ("y_hat",), "dyhat_dz2": ("y_hat",),
           "dL_dz2": ("y_hat", "dyhat_dz2"), "dL_dW2": ("dL_dz2", "a1"), "dsigma_z1": ("a1",),
           "dL_dz1": ("dL_dz2", "dsigma_z1"), "dL_dW1": ("dL_dz1",), "W1_new": ("dL_dW1",), "W2_new": ("dL_dW2",),
           "y_hat_new": ("W1_new", "W2_new"), "loss_new": ("y_hat_new",)}
"""The quantities each quantity is computed from (besides the givens), in the order of the page."""

CARRIED = (2, 3, 4)
"""Decimals (and, separately, significant digits) a person may write every number with, the second
forward pass's $z^{(1)}$, $a^{(1)}$ and $z^{(2)}$ included: what that gives counts as rounding carried forward."""


def decimals_of(k: int):
    """Writing a Decimal with ``k`` decimals, halves away from zero."""
    return lambda v: v.quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP, context=EXACT)


def significant(k: int):
    """Writing a Decimal with ``k`` significant digits, halves away from zero."""
    return lambda v: v if v == 0 else v.quantize(Decimal(1).scaleb(v.adjusted() - k + 1), rounding=ROUND_HALF_UP,
                                                   context=EXACT)


ROUNDINGS = tuple(decimals_of(k) for k in CARRIED) + tuple(significant(k) for k in CARRIED)
"""The ways of writing numbers down that count as rounding carried forward."""


def _exp_neg(t: Decimal) -> int:
    """$e^{-t}$ for $0 \\le t \\le$ CAP, as an integer of P + GUARD places: t halved k times to at most
    1/2, its Taylor series, then squared k times (every division floors a non-negative integer)."""
    S = 10 ** (P + GUARD)
    x = int((t.scaleb(P + GUARD)).to_integral_value(rounding=ROUND_FLOOR))
    k = 0
    while x > S // 2:
        x, k = x // 2, k + 1
    total, term, i = S, S, 1
    while term:
        term = term * x // (S * i)
        total, i = total - term if i % 2 else total + term, i + 1
    for _ in range(k):
        total = total * total // S
    return total


def sigma(z: Decimal) -> Decimal:
    """$\\sigma(z) = 1 / (1 + e^{-z})$ to P places, rounded half up; $1 - \\sigma(-z)$ for $z < 0$."""
    with localcontext(EXACT):
        if z < 0:
            return 1 - sigma(-z)
        if z > CAP:
            return Decimal(1)
        S = 10 ** (P + GUARD)
        wide = S * S // (S + _exp_neg(z))
        return Decimal((wide + 5 * 10 ** (GUARD - 1)) // 10 ** GUARD).scaleb(-P)


def _dot(w: list, v: list) -> Decimal:
    return sum((a * b for a, b in zip(w, v)), Decimal(0))


def second_pass(x: list, W1_new: list, W2_new: list, rnd=None) -> Decimal:
    """$\\hat y$ after the step: the second forward pass with both new matrices, its $z^{(1)}$, $a^{(1)}$
    and $z^{(2)}$ each written with ``rnd`` (a rounding of one Decimal) when given, as a hand does."""
    rnd = rnd or (lambda v: v)
    with localcontext(EXACT):
        a1 = [rnd(sigma(rnd(_dot(row, x)))) for row in W1_new]
        return sigma(rnd(_dot(W2_new[0], a1)))


def _formulas(given: dict, v: dict, q: str):
    """Quantity ``q`` from the givens and the values ``v`` of the quantities before it."""
    x, y, W1, W2, eta = (given[k] for k in ("x", "y", "W1", "W2", "eta"))
    if q == "z1":
        return [_dot(row, x) for row in W1]
    if q in ("a1", "y_hat"):
        return [sigma(z) for z in v["z1"]] if q == "a1" else sigma(v["z2"])
    if q == "z2":
        return _dot(W2[0], v["a1"])
    if q in ("loss", "loss_new"):
        return (y - v["y_hat" if q == "loss" else "y_hat_new"]) ** 2
    if q == "dyhat_dz2":
        return v["y_hat"] * (1 - v["y_hat"])  # sigma'(z2), read off y_hat
    if q == "dL_dz2":
        return 2 * (v["y_hat"] - y) * v["dyhat_dz2"]
    if q == "dL_dW2":
        return [[v["dL_dz2"] * a for a in v["a1"]]]
    if q == "dsigma_z1":
        return [a * (1 - a) for a in v["a1"]]
    if q == "dL_dz1":
        return [w * v["dL_dz2"] * s for w, s in zip(W2[0], v["dsigma_z1"])]
    if q == "dL_dW1":
        return [[d * xi for xi in x] for d in v["dL_dz1"]]
    if q in ("W1_new", "W2_new"):
        W, g = (W1, v["dL_dW1"]) if q == "W1_new" else (W2, v["dL_dW2"])
        return [[w - eta * gi for w, gi in zip(row, grow)] for row, grow in zip(W, g)]
    if q == "y_hat_new":
        return second_pass(x, v["W1_new"], v["W2_new"])
    raise KeyError(f"no quantity {q!r}; expected one of {list(PARENTS)}")


def worked(given: dict, answers: dict | None = None) -> dict:
    """For each quantity, what its formula gives from the values before it: the student's answer where
    ``answers`` has one (Decimals, in the quantity's shape), else the value this pass computed.

    ``given`` holds x (3,), y, W1 (2, 3), W2 (1, 2) and eta as Decimals in nested lists.
    """
    answers = answers or {}
    computed, chosen = {}, {}
    with localcontext(EXACT):
        for q in PARENTS:
            computed[q] = _formulas(given, chosen, q)
            chosen[q] = answers.get(q, computed[q])
    return computed
