"""The test oracle: an independent recomputation of one worked step in 50-digit decimal arithmetic.

It shares no code with ``byhand``: plain loops over Python ``Decimal`` numbers, written from the
formulas on the site, so the package's float64 results can be checked against it. With ``k``
decimals, each result is rounded half away from zero as it is written down (the calculator of the
rounding page); with ``k=None`` nothing is rounded.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, getcontext

getcontext().prec = 50

# The post's worked example, written as the decimals it is given in.
X = [Decimal(0), Decimal(1), Decimal(2)]
Y = Decimal(1)
W1 = [[Decimal("0.4"), Decimal("0.5"), Decimal("0.3")], [Decimal("0.2"), Decimal("0.7"), Decimal("0.1")]]
W2 = [Decimal("0.1"), Decimal("0.2")]
ETA = Decimal("0.1")


def sig(z: Decimal) -> Decimal:
    return 1 / (1 + (-z).exp())


def forward(W1, W2, x, y=Y, q=lambda v: v):
    """(z1, a1, z2, y_hat, loss), each passed through ``q`` as it is computed."""
    z1 = [q(sum(w * xi for w, xi in zip(row, x))) for row in W1]
    a1 = [q(sig(z)) for z in z1]
    z2 = q(sum(w * a for w, a in zip(W2, a1)))
    y_hat = q(sig(z2))
    return z1, a1, z2, y_hat, q((y - y_hat) ** 2)


def significant(sig: int):
    """Rounding to ``sig`` significant digits, as the site's formatter rounds a double: the double nearest the
    value, halves to even (so 0.011415, held as 0.0114149999..., is written 0.01141): the walkthrough's chain."""
    def q(v: Decimal) -> Decimal:
        v = Decimal(float(v))
        return v if v == 0 else v.quantize(Decimal(1).scaleb(v.adjusted() - sig + 1), rounding=ROUND_HALF_EVEN)
    return q


def step(x=X, y=Y, W1=W1, W2=W2, eta=ETA, k: int | None = None, q=None) -> dict[str, object]:
    """Every quantity of one step, by its name in the golden values, as Decimals (lists for arrays).

    With ``q`` (a rounding, as from [`significant`]), each result is rounded by it as it is written down and
    $\\delta^{(1)}$ is written down too, so $\\partial L / \\partial W^{(1)}_{j,i} = \\delta^{(1)}_j x_i$ (the walkthrough's
    route); with ``k``, the calculator multiplies the four factors of each entry in one go."""
    route = q is not None
    if q is None:
        q = (lambda v: v) if k is None else (lambda v: v.quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP))
    z1, a1, z2, y_hat, loss = forward(W1, W2, x, y, q)
    dL_dyhat = q(2 * (y_hat - y))
    dyhat_dz2 = q(y_hat * (1 - y_hat))
    delta2 = q(dL_dyhat * dyhat_dz2)
    dW2 = [q(delta2 * a) for a in a1]
    dsigma_z1 = [q(a * (1 - a)) for a in a1]
    delta1 = [q(W2[j] * delta2 * dsigma_z1[j]) if route else None for j in range(len(W2))]
    dW1 = [[q(delta1[j] * xi if route else delta2 * W2[j] * dsigma_z1[j] * xi) for xi in x] for j in range(len(W2))]
    W1_new = [[q(w - eta * g) for w, g in zip(row, grow)] for row, grow in zip(W1, dW1)]
    W2_new = [q(w - eta * g) for w, g in zip(W2, dW2)]
    z1n, a1n, z2n, y_hat_n, loss_n = forward(W1_new, W2_new, x, y, q)
    return dict(z1=z1, a1=a1, z2=z2, y_hat=y_hat, loss=loss, dL_dyhat=dL_dyhat, dyhat_dz2=dyhat_dz2,
                dL_dz2=delta2, dL_dW2=[dW2], dsigma_z1=dsigma_z1, dL_dW1=dW1, W1_new=W1_new, W2_new=[W2_new],
                z1_new=z1n, a1_new=a1n, z2_new=z2n, y_hat_new=y_hat_n, loss_new=loss_n)


def as_float(v):
    return [as_float(u) for u in v] if isinstance(v, list) else float(v)


def worked_example() -> dict[str, object]:
    """The post's worked step, unrounded, as floats."""
    return {key: as_float(v) for key, v in step().items()}


def of_example(ex, k: int | None = None, q=None) -> dict[str, object]:
    """The step of an example object (fields x, y, W1, W2, eta), its inputs read as the decimals they
    print as, as floats."""
    d = lambda v: Decimal(repr(float(v)))  # noqa: E731
    values = step([d(v) for v in ex.x], d(ex.y), [[d(v) for v in row] for row in ex.W1],
                  [d(v) for v in ex.W2[0]], d(ex.eta), k, q)
    return {key: as_float(v) for key, v in values.items()}
