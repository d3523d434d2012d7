"""The test oracle for any network: one step recomputed in 50-digit decimal arithmetic, sharing no code
with ``byhand``.

Written from the chain rule unit by unit, with plain loops over Python ``Decimal`` numbers, as
``tests/reference.py`` is for the post's example: for each example, the error signal of every unit is
$\\partial L/\\partial z_j = \\sigma'(z_j) \\sum_k w_{k,j}\\, \\partial L/\\partial z_k$ over the units k of
the next layer, and each parameter's gradient is averaged over the examples.
"""

from __future__ import annotations

from decimal import Decimal, getcontext

getcontext().prec = 50

FACTOR = {"squared": Decimal(1), "half-squared": Decimal("0.5")}


def _dec(v):
    return [_dec(u) for u in v] if isinstance(v, (list, tuple)) else Decimal(float(v))


def _sig(z: Decimal) -> Decimal:
    return 1 / (1 + (-z).exp())


def _forward(layers, x):
    """Every layer's (z, a) for one example x; layers as [(W rows, b or None)]."""
    out, a = [], x
    for W, b in layers:
        z = [sum((w * ai for w, ai in zip(row, a)), Decimal(0)) + (b[j] if b is not None else 0)
             for j, row in enumerate(W)]
        a = [_sig(v) for v in z]
        out.append((z, a))
    return out


def _loss(layers, X, Y, c):
    total = Decimal(0)
    for x, y in zip(X, Y):
        y_hat = _forward(layers, x)[-1][1]
        total += sum(c * (t - o) ** 2 for t, o in zip(y, y_hat))
    return total / len(X)


def step(layers, X, Y, eta, loss="squared"):
    """One step on examples ``X`` (a list of input lists) with targets ``Y`` (a list of target lists).

    ``layers`` is a list of ``(W, b)``, W a list of rows, b a list or None. Returns a dict of floats:
    ``loss``, ``y_hat`` (per example), ``delta`` and ``z`` and ``a`` (per layer, per example), ``dW``, ``db``
    (per layer), ``W_new``, ``b_new``, ``loss_after``.
    """
    layers = [(_dec(W), None if b is None else _dec(b)) for W, b in layers]
    X, Y, eta, c, N = _dec(X), _dec(Y), Decimal(float(eta)), FACTOR[loss], len(X)
    dW = [[[Decimal(0)] * len(W[0]) for _ in W] for W, _ in layers]
    db = [[Decimal(0)] * len(W) for W, _ in layers]
    zs, as_, deltas = [], [], []
    for x, y in zip(X, Y):
        f = _forward(layers, x)
        zs.append([z for z, _ in f]), as_.append([a for _, a in f])
        delta = [None] * len(layers)
        for l in reversed(range(len(layers))):
            a = f[l][1]
            if l == len(layers) - 1:
                back = [2 * c * (o - t) / N for o, t in zip(a, y)]
            else:
                W_next = layers[l + 1][0]
                back = [sum(W_next[k][j] * delta[l + 1][k] for k in range(len(W_next))) for j in range(len(a))]
            delta[l] = [g * v * (1 - v) for g, v in zip(back, a)]
            inputs = x if l == 0 else f[l - 1][1]
            for j, d in enumerate(delta[l]):
                db[l][j] += d
                for i, v in enumerate(inputs):
                    dW[l][j][i] += d * v
        deltas.append(delta)
    new = [([[w - eta * g for w, g in zip(row, grow)] for row, grow in zip(W, dW[l])],
            None if b is None else [v - eta * g for v, g in zip(b, db[l])]) for l, (W, b) in enumerate(layers)]
    fl = lambda v: [fl(u) for u in v] if isinstance(v, list) else (None if v is None else float(v))  # noqa: E731
    return {"loss": float(_loss(layers, X, Y, c)), "loss_after": float(_loss(new, X, Y, c)),
            "y_hat": fl([a[-1] for a in as_]), "z": fl(zs), "a": fl(as_), "delta": fl(deltas), "dW": fl(dW),
            "db": [fl(g) if b is not None else None for g, (_, b) in zip(db, layers)],
            "W_new": [fl(W) for W, _ in new], "b_new": [fl(b) for _, b in new]}
