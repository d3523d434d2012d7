"""An independent recomputation of the worked example in 50-digit decimal arithmetic.

It shares no code with ``byhand``: plain loops over Python ``Decimal`` numbers, written from the
formulas on the site, so the package's float64 results can be checked against it.
"""

from __future__ import annotations

from decimal import Decimal, getcontext

getcontext().prec = 50

X = [Decimal(0), Decimal(1), Decimal(2)]
Y = Decimal(1)
W1 = [[Decimal("0.4"), Decimal("0.5"), Decimal("0.3")], [Decimal("0.2"), Decimal("0.7"), Decimal("0.1")]]
W2 = [Decimal("0.1"), Decimal("0.2")]
ETA = Decimal("0.1")


def sig(z: Decimal) -> Decimal:
    return 1 / (1 + (-z).exp())


def forward(W1, W2, x):
    z1 = [sum(W1[j][i] * x[i] for i in range(3)) for j in range(2)]
    a1 = [sig(z) for z in z1]
    z2 = sum(W2[j] * a1[j] for j in range(2))
    y_hat = sig(z2)
    return z1, a1, z2, y_hat, (Y - y_hat) ** 2


def worked_example() -> dict[str, object]:
    z1, a1, z2, y_hat, loss = forward(W1, W2, X)
    delta2 = 2 * (y_hat - Y) * y_hat * (1 - y_hat)
    dW2 = [delta2 * a1[j] for j in range(2)]
    dW1 = [[delta2 * W2[j] * a1[j] * (1 - a1[j]) * X[i] for i in range(3)] for j in range(2)]
    W1_new = [[W1[j][i] - ETA * dW1[j][i] for i in range(3)] for j in range(2)]
    W2_new = [W2[j] - ETA * dW2[j] for j in range(2)]
    z1n, a1n, z2n, y_hat_n, loss_n = forward(W1_new, W2_new, X)
    as_float = lambda v: [as_float(u) for u in v] if isinstance(v, list) else float(v)  # noqa: E731
    values = dict(z1=z1, a1=a1, z2=z2, y_hat=y_hat, loss=loss, dL_dz2=delta2, dL_dW2=[dW2], dL_dW1=dW1,
                  W1_new=W1_new, W2_new=[W2_new], z1_new=z1n, a1_new=a1n, z2_new=z2n,
                  y_hat_new=y_hat_n, loss_new=loss_n)
    return {k: as_float(v) for k, v in values.items()}
