"""A second hand-worked post, checked: Matt Mazur's "A Step by Step Backpropagation Example" (2015,
https://mattmazur.com/2015/03/17/a-step-by-step-backpropagation-example/).

His network is ``mazur.toml``; his published figures are data, ``mazur_figures.toml``. Each figure is
judged by the errata engine's rule ([`byhand.errata.check.compare`][byhand.errata.check.compare]) at the
precision he printed it with: *confirmed* when our float64 value rounds to it; *rounding carried
forward* when it does not, but the same step done with every intermediate written to ``DECIMALS``
decimals (as he prints them) and carried on from there gives it; *differs* otherwise. A figure that
differs is then tried against ways it could have been computed (``MODELS``), and the first that gives it
at its printed precision is its explanation.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

import numpy as np

from byhand import core, network_file
from byhand.calculator import round_to
from byhand.errata.check import compare

DECIMALS = 9  # he prints his intermediates with up to nine decimals
VERDICTS = {"correct": "confirmed", "rounding": "rounding carried forward", "wrong": "differs"}
MODELS = {"sequential": "the hidden layer's error signal sent back through the output weights already updated",
          "early": "the value read at the start of the last round, before its update"}
FIELDS = {"his", "quantity", "printed", "index", "rounds"}
QUANTITIES = {"loss", "y_hat", "W1_new", "W2_new"}
WEIGHTS = {"w1": (1, 0, 0), "w2": (1, 0, 1), "w3": (1, 1, 0), "w4": (1, 1, 1),
           "w5": (2, 0, 0), "w6": (2, 0, 1), "w7": (2, 1, 0), "w8": (2, 1, 1)}
"""His weight names, as (layer, j, i) of ours, $w^{(l)}_{j+1,i+1}$: into unit j from unit (or input) i."""


@dataclass(frozen=True)
class Figure:
    """One published figure: his name for it, the ``quantity`` (``index`` into it) after ``rounds`` rounds."""

    his: str
    quantity: str
    printed: str
    index: tuple[int, ...] = ()
    rounds: int = 0


def problem() -> network_file.Problem:
    """His network and example (``mazur.toml``)."""
    with resources.as_file(resources.files("byhand").joinpath("mazur.toml")) as path:
        return network_file.load(path)


def figures() -> list[Figure]:
    """His published figures, each field checked."""
    data = tomllib.loads(resources.files("byhand").joinpath("mazur_figures.toml").read_text("utf-8"))
    out = []
    for k, entry in enumerate(data.get("figure", []), start=1):
        if set(entry) - FIELDS or not {"his", "quantity", "printed"} <= set(entry) or entry["quantity"] not in QUANTITIES:
            raise ValueError(f"figure {k}: expected fields {sorted(FIELDS)} with a quantity in {sorted(QUANTITIES)}, "
                             f"got {entry!r}")
        Decimal(entry["printed"])  # a printed number, or InvalidOperation naming it
        out.append(Figure(**{**entry, "index": tuple(entry.get("index", ()))}))
    return out


@dataclass(frozen=True)
class Rounds:
    """A run of ``len(loss) - 1`` rounds: the loss and outputs before each round (index t: after t
    updates), and the weights after the first update."""

    loss: np.ndarray
    y_hat: np.ndarray
    W_new: tuple[np.ndarray, ...]


def rounds(p: network_file.Problem, n: int) -> tuple[Rounds, Rounds]:
    """``n`` rounds of his step on ``p``, two ways at once: as his text says (every gradient from the old
    weights) and ``sequential`` (the hidden layer's error signal sent back through the output weights
    already updated). Every weight moves; the biases stay, as he leaves them.

    Both runs are one stack of networks in the core's pass ([`forward_backward`][byhand.core.forward_backward]),
    so each round costs one pass, not two; the rounds themselves follow each other."""
    if len(p.net.layers) != 2:
        raise ValueError(f"p: expected a network of two layers, got {len(p.net.layers)}")
    R = 2  # the stack: run 0 as his text says, run 1 sequential
    Ws = [np.stack([la.W] * R) for la in p.net.layers]
    bs = [np.stack([la.b] * R) for la in p.net.layers]
    X, Y = p.x[:, np.newaxis], p.y[:, np.newaxis]
    loss, y_hat, first = np.empty((n + 1, R)), np.empty((n + 1, R, p.y.size)), None
    for t in range(n + 1):
        _, A, loss[t], _, slope, Delta, dW, _ = core.forward_backward(Ws, bs, X, Y, p.loss)
        y_hat[t] = A[-1][..., 0]
        W2 = Ws[1] - p.eta * dW[1]
        dW1 = dW[0].copy()
        dW1[1] = ((W2[1].T @ Delta[1][1]) * slope[0][1]) @ X.T  # the slip: through the new output weights
        Ws = [Ws[0] - p.eta * dW1, W2]
        first = first or tuple(Ws)
    return tuple(Rounds(loss[:, r], y_hat[:, r], tuple(W[r] for W in first)) for r in range(R))


def carried(p: network_file.Problem, k: int = DECIMALS) -> dict[str, object]:
    """The first round with every intermediate written to ``k`` decimals and carried on from there:
    ``loss``, ``W1_new``, ``W2_new`` and the loss after it, ``loss_after``."""
    q = lambda _name, v: round_to(v, k)  # noqa: E731
    X, Y = p.x[:, np.newaxis], p.y[:, np.newaxis]
    before = core.trace(p.net, X, Y, p.loss, q)
    new = p.net.minus(p.eta, before, q, biases=False)
    return {"loss": before.loss, "W1_new": new.layers[0].W, "W2_new": new.layers[1].W,
            "loss_after": core.trace(new, X, Y, p.loss, q).loss}


def value_of(f: Figure, run: Rounds, early: bool = False) -> float:
    """What ``run`` gives for figure ``f``; ``early``: read one round before."""
    if f.quantity in ("W1_new", "W2_new"):
        return float(run.W_new[int(f.quantity[1]) - 1][f.index])
    t = f.rounds - (1 if early and f.rounds else 0)
    return float(run.loss[t] if f.quantity == "loss" else run.y_hat[t][f.index])


@dataclass(frozen=True)
class Judgement:
    """A figure, its verdict (a key of ``VERDICTS``), our value, and, where it differs, the model of
    ``MODELS`` that gives it (``None``: none does) with that model's value."""

    figure: Figure
    verdict: str
    exact: float
    model: str | None = None
    model_value: float | None = None


def judge(exact: Rounds, sequential: Rounds, hand: dict[str, object]) -> list[Judgement]:
    """Every published figure judged against the runs ``exact`` and ``sequential`` (of
    [`rounds`][byhand.second_post.rounds], as many rounds as the figures name) and the carried round ``hand``."""
    figs = figures()
    if len(exact.loss) <= max(f.rounds for f in figs) or len(sequential.loss) != len(exact.loss):
        raise ValueError(f"exact, sequential: expected runs of {max(f.rounds for f in figs)} rounds at least")
    out = []
    for f in figs:
        value = value_of(f, exact)
        by_hand = None
        if f.rounds <= 1:  # the hand-worked round: its carried-rounding value is his line redone
            v = hand["loss_after" if f.rounds else f.quantity]
            by_hand = Decimal(float(v if f.quantity == "loss" else v[f.index]))
        verdict = compare(f.printed, value, by_hand)
        model, model_value = None, None
        if verdict == "wrong":
            tries = {"sequential": value_of(f, sequential)} | ({"early": value_of(f, exact, early=True)} if f.rounds else {})
            model = next((m for m, v in tries.items() if compare(f.printed, v) == "correct"), None)
            model_value = tries.get(model)
        out.append(Judgement(f, verdict, value, model, model_value))
    return out
