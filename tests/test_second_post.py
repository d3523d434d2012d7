"""Mazur's example (byhand.second_post): his figures as data, the runs behind the verdicts, and the
verdicts themselves, against independent computations; the judging fails on injected faults."""

import dataclasses

import numpy as np
import pytest

import reference_network
from byhand import core, second_post as mz
from byhand_site import carried
from byhand.tolerances import AGREE, within

ROUNDS = 60  # enough to compare the stacked runs with plain ones; the page runs as many as he did


@pytest.fixture(scope="module")
def p():
    return mz.problem()


def _layers(W1, W2, p):
    return [(W1.tolist(), p.net.layers[0].b.tolist()), (W2.tolist(), p.net.layers[1].b.tolist())]


def test_his_network_and_figures_load(p):
    figs = mz.figures()
    assert p.loss == "half-squared" and p.eta == 0.5 and [la.W.shape for la in p.net.layers] == [(2, 2), (2, 2)]
    assert len(figs) == 13 and {f.quantity for f in figs} == mz.QUANTITIES
    assert all(mz.WEIGHTS[f.his[:-1]] == (int(f.quantity[1]), *f.index) for f in figs if f.quantity.startswith("W"))


def test_the_first_round_agrees_with_the_independent_pass(p):
    # Reference: tests/reference_network.py, 50-digit Decimal; the biases stay, as he keeps them.
    exact, _ = mz.rounds(p, 1)
    ref = reference_network.step(_layers(p.net.layers[0].W, p.net.layers[1].W, p), [p.x.tolist()], [p.y.tolist()],
                                 p.eta, p.loss)
    assert within(exact.loss[0], ref["loss"], AGREE)
    assert within(exact.W_new[0], ref["W_new"][0], AGREE) and within(exact.W_new[1], ref["W_new"][1], AGREE)
    after = reference_network.step(_layers(np.array(ref["W_new"][0]), np.array(ref["W_new"][1]), p),
                                   [p.x.tolist()], [p.y.tolist()], p.eta, p.loss)
    assert within(exact.loss[1], after["loss"], AGREE) and within(exact.y_hat[1], after["y_hat"][0], AGREE)


def test_the_stacked_runs_are_the_plain_ones(p):
    exact, sequential = mz.rounds(p, ROUNDS)
    X, Y, net = p.x[:, None], p.y[:, None], p.net
    for t in range(ROUNDS + 1):  # his text's step: the core's trace, the biases kept
        tr = core.trace(net, X, Y, p.loss)
        assert exact.loss[t] == tr.loss and np.array_equal(exact.y_hat[t], tr.Y_hat[:, 0])
        net = net.minus(p.eta, tr, biases=False)
    W1, W2 = (la.W for la in p.net.layers)
    b1, b2 = (la.b for la in p.net.layers)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    for t in range(ROUNDS + 1):  # the sequential variant written out here, unit vectors and all
        a1 = sig(W1 @ p.x + b1)
        y_hat = sig(W2 @ a1 + b2)
        assert within(sequential.loss[t], 0.5 * np.sum((p.y - y_hat) ** 2), AGREE)
        delta2 = (y_hat - p.y) * y_hat * (1 - y_hat)
        W2 = W2 - p.eta * np.outer(delta2, a1)
        W1 = W1 - p.eta * np.outer((W2.T @ delta2) * a1 * (1 - a1), p.x)


@pytest.fixture(scope="module")
def judged(p):
    runs = mz.rounds(p, max(f.rounds for f in mz.figures()))
    return runs, mz.carried(p), {v.figure.his: v for v in mz.judge(*runs, mz.carried(p))}


def test_the_verdicts(judged):
    _, _, by = judged
    differs = {"E_total after the first round": "sequential", "E_total after 10,000 rounds": "early",
               "out_o1 after 10,000 rounds": "sequential", "out_o2 after 10,000 rounds": "sequential"}
    assert {his: v.model for his, v in by.items() if v.verdict == "wrong"} == differs
    assert all(v.verdict == "correct" for his, v in by.items() if his not in differs)


def test_the_judging_names_a_wrong_figure_and_rounding_carried_forward(judged):
    runs, hand, _ = judged
    figs = mz.figures()
    w7 = next(f for f in figs if f.his == "w7+")
    assert carried.shown(hand["W2_new"][1, 0], mz.DECIMALS) == "0.511301271"  # carried: the tie rounds up
    faults = {"w5+": "0.35891649", "w7+": "0.511301271"}  # a slipped digit; the carried chain's own figure
    real = mz.figures
    mz.figures = lambda: [dataclasses.replace(f, printed=faults.get(f.his, f.printed)) for f in figs]
    try:
        by = {v.figure.his: v for v in mz.judge(*runs, hand)}
    finally:
        mz.figures = real
    assert (by["w5+"].verdict, by["w5+"].model) == ("wrong", None)
    assert by["w7+"].verdict == "rounding" and w7.printed == "0.511301270"


def test_judge_wants_as_many_rounds_as_the_figures(p):
    with pytest.raises(ValueError, match="expected runs of 10000 rounds"):
        mz.judge(*mz.rounds(p, 5), mz.carried(p))


def test_a_carried_line_that_does_not_reproduce_is_refused():
    assert carried.rows("z", "{} + {}", [0.1, 0.25], 0.35, 9) == ["&z = 0.1 + 0.25", "&= 0.35"]
    with pytest.raises(carried.NotReproduced, match="does not reproduce"):
        carried.rows("z", "{} + {}", [0.1, 0.25], 0.36, 9)
    assert carried.number(-0.5, 9) == "(-0.5)" and carried.shown(1 / 3, 9) == "0.333333333"
