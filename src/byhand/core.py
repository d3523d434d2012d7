"""The one forward and backward pass: any depth, optional biases, N examples, two loss conventions.

Layer $l = 1, \\dots, L$ has weights $W^{(l)}$ (its units by the units before it) and, optionally, a
bias $b^{(l)}$; the examples are the columns of $A^{(0)} = X$, $\\sigma$ acts entry by entry and $\\odot$
is the entry-by-entry product. Forward, then the loss (the post's ``"squared"``, $c = 1$, or the
``"half-squared"`` of most courses, $c = \\tfrac12$):

$$
\\begin{gathered}
Z^{(l)} = W^{(l)} A^{(l-1)} + b^{(l)}, \\\\
A^{(l)} = \\sigma(Z^{(l)}), \\quad \\hat Y = A^{(L)}, \\\\
L = \\tfrac{c}{N} \\textstyle\\sum_{k,m} (y_{km} - \\hat y_{km})^2
\\end{gathered}
$$

Backward, each local derivative beside the quantity it multiplies, from the output down:

$$
\\begin{gathered}
\\frac{\\partial L}{\\partial \\hat Y} = \\tfrac{2c}{N} (\\hat Y - Y), \\\\
\\Delta^{(L)} = \\frac{\\partial L}{\\partial \\hat Y} \\odot \\sigma'(Z^{(L)}), \\\\
\\Delta^{(l)} = (W^{(l+1)\\top} \\Delta^{(l+1)}) \\odot \\sigma'(Z^{(l)}), \\\\
\\sigma'(Z^{(l)}) = A^{(l)} \\odot (1 - A^{(l)}), \\\\
\\frac{\\partial L}{\\partial W^{(l)}} = \\Delta^{(l)} A^{(l-1)\\top}, \\\\
\\frac{\\partial L}{\\partial b^{(l)}} = \\Delta^{(l)} \\mathbf 1 \\ (\\text{over the examples}).
\\end{gathered}
$$

[`trace`][byhand.core.trace] runs it on a [`Network`][byhand.core.Network]; [`run`][byhand.core.run] is
the same pass for the post's shape (two layers, no bias, one output, the squared loss), which the
walkthrough, the step, training and the rounding calculator call; the taught gradient forms are checked
against it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from byhand import validate

Rounding = Callable[[str, np.ndarray], np.ndarray]
"""Applied to each intermediate as it is computed, ``rounding(name, value)``: the calculator of the
rounding page rounds what a person writes down; ``None`` keeps every value exact."""
LOSSES = {"squared": 1.0, "half-squared": 0.5}
"""The loss conventions and their factor $c$: $(y - \\hat y)^2$ (the post's) and $\\tfrac12 (y - \\hat y)^2$."""


def sigma(z: np.ndarray | float) -> np.ndarray | float:
    """Sigmoid, $\\sigma(z) = 1 / (1 + e^{-z})$."""
    z = np.asanyarray(z, dtype=float)  # (asany: an array subclass, such as byhand.cost's counting one, stays itself)
    if z.size and min(z.flat) < -700:  # exp(-z) overflows to inf, which gives the right limit, 0
        # (min over .flat: on the few entries of a pass, a tenth of the cost of ndarray.min)
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-z))
    return 1.0 / (1.0 + np.exp(-z))


def dsigma(z: np.ndarray | float) -> np.ndarray | float:
    """Its derivative, $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$."""
    s = sigma(z)
    return s * (1.0 - s)


def _exact(_: str, value: np.ndarray) -> np.ndarray:
    return value


@functools.cache
def _names(L: int) -> tuple:
    """The names ``q`` is given for each layer l of L: Z, A, slope, Delta, dW, db (built once per depth)."""
    return tuple((f"Z{l}", "Y_hat" if l == L else f"A{l}", f"dYhat_dZ{l}" if l == L else f"dsigma_Z{l}",
                  f"Delta{l}", f"dL_dW{l}", f"dL_db{l}", f"dL_dA{l}") for l in range(1, L + 1))


def _forward(Ws: Sequence[np.ndarray], bs: Sequence[np.ndarray | None], X: np.ndarray, q: Rounding) -> tuple:
    """The forward half on checked arrays: ``(Z, A)``, lists by layer, ``A[0]`` being ``X``."""
    Z, A = [], [X]
    for W, b, name in zip(Ws, bs, _names(len(Ws))):
        Z.append(q(name[0], W @ A[-1] if b is None else W @ A[-1] + b[..., np.newaxis]))  # (m, k) (k, N) -> (m, N)
        A.append(q(name[1], sigma(Z[-1])))
    return Z, A


def _loss(Y: np.ndarray, Y_hat: np.ndarray, c: float, q: Rounding) -> np.floating | np.ndarray:
    """The mean over the examples (without np.mean's overhead); one per network of a stack."""
    return q("loss", c * ((Y - Y_hat) ** 2).sum(axis=(-2, -1)) / Y_hat.shape[-1])


def _pass(Ws: Sequence[np.ndarray], bs: Sequence[np.ndarray | None], X: np.ndarray, Y: np.ndarray, c: float,
          q: Rounding) -> tuple:
    """The pass itself, on checked arrays: ``(Z, A, loss, dL_dA, slope, Delta, dW, db)``, lists indexed
    by layer - 1. Names given to ``q``: ``Z{l}``, ``A{l}`` (``Y_hat`` for the last), ``loss``, ``dL_dYhat``,
    the slopes ``dYhat_dZ{L}`` and ``dsigma_Z{l}``, ``dL_dA{l}`` (what a hidden layer's error signal is
    sent back as, before its slope), ``Delta{l}``, ``dL_dW{l}``, ``dL_db{l}``. Every product
    works on the last two axes, so weights stacked on a leading axis, (R, m, k), run R networks at once."""
    L, N, names = len(Ws), X.shape[-1], _names(len(Ws))
    Z, A = _forward(Ws, bs, X, q)
    loss = _loss(Y, A[-1], c, q)
    dL_dYhat = q("dL_dYhat", (2.0 * c / N) * (A[-1] - Y))
    slope, back, Delta, dW, db = [None] * L, [None] * L, [None] * L, [None] * L, [None] * L
    for k in range(L - 1, -1, -1):  # k = l - 1, from the output down
        name, a = names[k], A[k + 1]
        slope[k] = q(name[2], a * (1.0 - a))  # sigma'(Z), read off the activation
        back[k] = dL_dYhat if k == L - 1 else q(name[6], Ws[k + 1].mT @ Delta[k + 1])  # dL/dA, back through W^(l+1)
        Delta[k] = q(name[3], back[k] * slope[k])  # dL/dZ
        dW[k] = q(name[4], Delta[k] @ A[k].mT)  # (m, N) (N, k) -> (m, k)
        if bs[k] is not None:
            db[k] = q(name[5], Delta[k].sum(axis=-1))  # a bias is a weight on a constant input 1
    return Z, A[1:], loss, back, slope, Delta, dW, db


@dataclass(frozen=True)
class Layer:
    """One layer's parameters: ``W`` (m, k) from k units into m, and ``b`` (m,) or ``None`` (no bias)."""

    W: np.ndarray
    b: np.ndarray | None = None


@dataclass(frozen=True)
class Network:
    """A sigmoid network, its layers first hidden layer first; each layer's ``W`` has as many columns as
    the layer before has units (the first: as many as there are inputs). Checked on construction: a
    ValueError names the layer (1-based, as in $W^{(l)}$) and what its shape should be."""

    layers: tuple[Layer, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "layers", tuple(self.layers))
        if not self.layers or not all(isinstance(layer, Layer) for layer in self.layers):
            raise ValueError(f"layers: expected one or more Layer, got {self.layers!r}")
        for l, layer in enumerate(self.layers, start=1):
            m, k = validate.array(f"layer {l}: W", layer.W, 2).shape
            if min(m, k) < 1:
                raise ValueError(f"layer {l}: W: expected at least one row and one column, got shape {(m, k)}")
            if l > 1 and k != self.layers[l - 2].W.shape[0]:
                raise ValueError(f"layer {l}: W: expected {self.layers[l - 2].W.shape[0]} columns, one per unit of "
                                 f"layer {l - 1}, got shape {(m, k)}")
            if layer.b is not None and validate.array(f"layer {l}: b", layer.b, 1).shape != (m,):
                raise ValueError(f"layer {l}: b: expected shape ({m},), one per unit of W {(m, k)}, got {layer.b.shape}")

    @property
    def inputs(self) -> int:
        return self.layers[0].W.shape[1]

    @property
    def outputs(self) -> int:
        return self.layers[-1].W.shape[0]

    def minus(self, eta: float, grads: Trace, rounding: Rounding | None = None, biases: bool = True) -> Network:
        """One step, $W^{(l)} - \\eta\\, \\partial L/\\partial W^{(l)}$ and $b^{(l)} - \\eta\\, \\delta^{(l)}$ for
        every layer, from the gradients of ``grads``; ``biases=False`` leaves the biases as they are."""
        q, new = rounding or _exact, []
        for l, (layer, dW, db) in enumerate(zip(self.layers, grads.dW, grads.db), start=1):
            b = layer.b if layer.b is None or not biases else q(f"b{l}_new", layer.b - eta * db)
            new.append(Layer(q(f"W{l}_new", layer.W - eta * dW), b))
        return _trusted(new)


def _trusted(layers: list[Layer]) -> Network:
    """A Network from arrays the pass itself produced, so already of chaining shapes: not validated."""
    net = object.__new__(Network)
    object.__setattr__(net, "layers", tuple(layers))
    return net


@dataclass(frozen=True)
class Trace:
    """Every intermediate of one pass, a tuple per quantity indexed by layer - 1 (shapes (m_l, N)).

    Attributes
    ----------
    Z, A : pre-activations and activations; ``A[-1]`` is $\\hat Y$.
    loss : float
    dL_dA : $\\partial L / \\partial A^{(l)}$: $W^{(l+1)\\top} \\Delta^{(l+1)}$, the error sent back to the
        layer, and for the last layer $\\partial L / \\partial \\hat Y$.
    slope : $\\sigma'(Z^{(l)})$. Delta : $\\Delta^{(l)} = \\partial L / \\partial Z^{(l)}$.
    dW : $\\partial L / \\partial W^{(l)}$, each of its layer's shape. db : $\\partial L / \\partial b^{(l)}$ (m_l,), or ``None`` without a bias.
    """

    Z: tuple
    A: tuple
    loss: float
    dL_dA: tuple
    slope: tuple
    Delta: tuple
    dW: tuple
    db: tuple

    @property
    def Y_hat(self) -> np.ndarray:
        return self.A[-1]


def targets(net: Network, X: object, Y: object) -> np.ndarray:
    """Check X (n, N >= 1) against the network's n inputs and Y against its m outputs: (m, N), or (N,)
    for one output; returns Y as a float (m, N) array."""
    if not isinstance(X, np.ndarray) or X.dtype.kind not in "iuf" or X.ndim != 2 or X.shape[1] < 1:
        raise ValueError(f"X: expected a 2-d array (n inputs, N >= 1 examples) of real numbers, got {X!r}")
    if X.shape[0] != net.inputs:
        raise ValueError(f"X: expected {net.inputs} rows, one per input of layer 1, got {X.shape}")
    validate.array("X", X, 2)
    m, N = net.outputs, X.shape[1]
    Y = np.asarray(Y)
    shapes = ((m, N), (N,)) if m == 1 else ((m, N),)
    if Y.dtype.kind not in "iuf" or Y.shape not in shapes or not np.all(np.isfinite(Y)):
        raise ValueError(f"Y: expected finite targets in shape {' or '.join(map(str, shapes))} "
                         f"({m} outputs, {N} examples), got {Y!r}")
    return Y.reshape(m, N).astype(float)


def trace(net: Network, X: np.ndarray, Y: np.ndarray, loss: str = "squared", rounding: Rounding | None = None,
          checked: bool = False) -> Trace:
    """The forward and backward pass of ``net`` on ``X`` (n, N) with targets ``Y`` (m, N).

    ``loss`` is one of [`LOSSES`][byhand.core.LOSSES]; ``rounding`` as for [`run`][byhand.core.run];
    ``checked=True`` skips the check of ``X`` and ``Y``, for a loop that checked them once."""
    if loss not in LOSSES:
        raise ValueError(f"loss: expected one of {sorted(LOSSES)}, got {loss!r}")
    Y = Y if checked else targets(net, X, Y)
    Z, A, value, dL_dA, slope, Delta, dW, db = _pass([la.W for la in net.layers], [la.b for la in net.layers],
                                                        X, Y, LOSSES[loss], rounding or _exact)
    return Trace(tuple(Z), tuple(A), float(value), tuple(dL_dA), tuple(slope), tuple(Delta), tuple(dW), tuple(db))


def forward_backward(Ws: Sequence[np.ndarray], bs: Sequence[np.ndarray | None], X: np.ndarray, Y: np.ndarray,
                     loss: str = "squared") -> tuple:
    """The pass on checked arrays, without building a [`Trace`][byhand.core.Trace]: for a loop of many
    rounds on a network checked once. Returns ``(Z, A, loss, dL_dA, slope, Delta, dW, db)``, each a
    list by layer (``A[-1]`` is $\\hat Y$) but the loss. Weights
    and biases stacked on a leading axis, ``(R, m, k)`` and ``(R, m)``, run R networks on the same
    examples at once, each with its own loss: a loop's numpy calls, not their sizes, are its cost."""
    return _pass(Ws, bs, X, Y, LOSSES[loss], _exact)


def evaluate(net: Network, X: np.ndarray, Y: np.ndarray, loss: str = "squared", checked: bool = False) -> float:
    """The loss alone, by the forward half of the pass (what central differences need, twice per parameter)."""
    if loss not in LOSSES:
        raise ValueError(f"loss: expected one of {sorted(LOSSES)}, got {loss!r}")
    Y = Y if checked else targets(net, X, Y)
    _, A = _forward([la.W for la in net.layers], [la.b for la in net.layers], X, _exact)
    return float(_loss(Y, A[-1], LOSSES[loss], _exact))


# ---- The post's shape: two layers, no bias, one output, the squared loss -----------------------------

@dataclass(frozen=True)
class Params:
    """The post's weights: ``W1`` (h, n) into the hidden layer, ``W2`` (1, h) into the one output."""

    W1: np.ndarray
    W2: np.ndarray

    def __post_init__(self) -> None:
        validate.network(self.W1, self.W2)

    @classmethod
    def trusted(cls, W1: np.ndarray, W2: np.ndarray) -> Params:
        """Params from arrays the pass itself produced, so already of matching shapes: not validated."""
        params = object.__new__(cls)
        object.__setattr__(params, "W1", W1)
        object.__setattr__(params, "W2", W2)
        return params

    def network(self) -> Network:
        """The same weights as a [`Network`][byhand.core.Network] of two layers without biases."""
        return Network((Layer(self.W1), Layer(self.W2)))

    def minus(self, eta: float, grads: Params, rounding: Rounding | None = None) -> Params:
        """One step, $W^{(k)} - \\eta\\, \\partial L / \\partial W^{(k)}$ for every layer (``grads`` has
        their shapes); with ``rounding``, each new weight is rounded as it is written down."""
        q = rounding or _exact
        return Params.trusted(q("W1_new", self.W1 - eta * grads.W1), q("W2_new", self.W2 - eta * grads.W2))


@dataclass(frozen=True)
class Pass:
    """The [`Trace`][byhand.core.Trace] of a [`Params`][byhand.core.Params] pass, by the post's names
    (shapes for h hidden units, N examples).

    Attributes
    ----------
    Z1, A1, dsigma_Z1, Delta1 : (h, N) ndarray
    Z2, Y_hat, dL_dYhat, dYhat_dZ2, Delta2 : (1, N) ndarray
    loss : float
    grads : Params
        $\\partial L / \\partial W^{(1)}$ (h, n) and $\\partial L / \\partial W^{(2)}$ (1, h).
    """

    Z1: np.ndarray
    A1: np.ndarray
    Z2: np.ndarray
    Y_hat: np.ndarray
    loss: float
    dL_dYhat: np.ndarray
    dYhat_dZ2: np.ndarray
    Delta2: np.ndarray
    dsigma_Z1: np.ndarray
    Delta1: np.ndarray
    grads: Params


def run(params: Params, X: np.ndarray, Y: np.ndarray, rounding: Rounding | None = None,
        checked: bool = False) -> Pass:
    """The pass of ``params`` on ``X`` (n, N) with targets ``Y`` (N,) or (1, N), the squared loss.

    ``rounding(name, value)`` is applied to each intermediate as it is computed (names as in
    [`Pass`][byhand.core.Pass], ``loss``, ``dL_dW1``, ``dL_dW2``). ``checked=True`` skips the
    validation of ``X`` and ``Y``, for a caller that validated them once before a loop of passes.
    """
    if not checked:
        Y = validate.batch(params.W1, X, Y)
    (Z1, Z2), (A1, Y_hat), value, (_, dL_dYhat), (dsigma_Z1, dYhat_dZ2), (Delta1, Delta2), (dW1, dW2), _ = _pass(
        (params.W1, params.W2), (None, None), X, Y, LOSSES["squared"], rounding or _exact)
    return Pass(Z1, A1, Z2, Y_hat, float(value), dL_dYhat, dYhat_dZ2, Delta2, dsigma_Z1, Delta1, Params.trusted(dW1, dW2))


def loss(params: Params, X: np.ndarray, Y: np.ndarray) -> float:
    """The loss alone, $\\tfrac1N \\sum_m (y_m - \\hat y_m)^2$, from the one pass (the referee's function)."""
    return run(params, X, Y).loss


def random(seed: int, n: int = 3, h: int = 2, N: int = 1) -> tuple[Params, np.ndarray, np.ndarray]:
    """A seeded random network and batch, the one generator of the tests and the pages:
    ``(Params(W1 (h, n), W2 (1, h)), X (n, N), Y (N,))``, weights and inputs standard normal, Y in (0, 1)."""
    if min(n, h, N) < 1:
        raise ValueError(f"n, h, N: expected at least 1 each, got {(n, h, N)}")
    rng = np.random.default_rng(seed)
    return Params(rng.normal(size=(h, n)), rng.normal(size=(1, h))), rng.normal(size=(n, N)), rng.uniform(size=N)


def random_network(seed: int, widths: Sequence[int], biases: bool = True, N: int = 1,
                   decimals: int | None = None) -> tuple[Network, np.ndarray, np.ndarray]:
    """A seeded random [`Network`][byhand.core.Network] of ``widths`` (inputs first) and a batch:
    ``(net, X (n, N), Y (m, N))``, weights, biases and inputs standard normal, Y in (0, 1); with
    ``decimals``, every number rounded to that many, so that a page can show it exactly."""
    if len(widths) < 2 or min(widths) < 1 or N < 1:
        raise ValueError(f"widths, N: expected at least 2 widths of 1 or more and N >= 1, got {list(widths)}, {N}")
    rng = np.random.default_rng(seed)
    short = (lambda a: a) if decimals is None else (lambda a: np.round(a, decimals))  # noqa: E731
    layers = [Layer(short(rng.normal(size=(m, k))), short(rng.normal(size=m)) if biases else None)
              for k, m in zip(widths, widths[1:])]
    return Network(layers), short(rng.normal(size=(widths[0], N))), short(rng.uniform(size=(widths[-1], N)))
