"""A network file: one training example, any sigmoid network, a learning rate and a loss, in TOML.

```toml
x = [0.05, 0.10]            # inputs
y = [0.01, 0.99]            # targets, one per output unit
eta = 0.5
loss = "half-squared"       # or "squared" (the default)
[[layers]]                  # first hidden layer first; rows are this layer's units
W = [[0.15, 0.20], [0.25, 0.30]]
b = [0.35, 0.35]            # optional: no b, no bias
```

A file in the worked example's format (``x``, ``y``, ``W1``, ``W2``, ``eta``: [`byhand.example`][byhand.example])
loads too, as two layers without biases and the squared loss. Every error is a ValueError of one line
that starts with the file and names the field: ``net.toml: layer 2: W: expected 2 columns, ...``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from byhand import example, validate
from byhand.core import LOSSES, Layer, Network

FIELDS = {"name", "x", "y", "eta", "loss", "layers"}
LAYER_FIELDS = {"W", "b"}


@dataclass(frozen=True)
class Problem:
    """One step to take: ``net`` on the input ``x`` (n,) with targets ``y`` (m,), learning rate ``eta``
    and the ``loss`` (a key of [`LOSSES`][byhand.core.LOSSES])."""

    x: np.ndarray
    y: np.ndarray
    eta: float
    loss: str
    net: Network
    name: str = "network"


def _numbers(field: str, value: object, ndim: int) -> np.ndarray:
    """A finite real array of ``ndim`` dimensions from TOML lists; booleans and strings are not numbers."""
    def real(v: object) -> bool:
        return isinstance(v, list) and all(real(u) for u in v) or (
            isinstance(v, (int, float)) and not isinstance(v, bool))
    what = "a list of numbers" if ndim == 1 else "a list of rows of numbers"
    if not isinstance(value, list) or not real(value):
        raise ValueError(f"{field}: expected {what}, got {value!r}")
    try:
        array = np.array(value, dtype=float)
    except (ValueError, OverflowError) as error:  # ragged rows, or an integer too large for a float
        raise ValueError(f"{field}: expected {what} of equal length and finite, got {value!r}") from error
    if array.ndim != ndim or 0 in array.shape:
        raise ValueError(f"{field}: expected {what} (not empty), got {value!r}")
    return validate.array(field, array, ndim)


def _fields(table: object, allowed: set[str], required: set[str], where: str = "") -> Mapping:
    """``table`` if it is a table with every required field and no unknown one; ``where`` names it."""
    at = f"{where}: " if where else ""
    if not isinstance(table, Mapping):
        raise ValueError(f"{at}expected a table of fields {sorted(allowed)}, got {table!r}")
    missing, unknown = sorted(required - table.keys()), sorted(map(str, table.keys() - allowed))
    if missing:
        raise ValueError(f"{at}missing field(s) {', '.join(missing)}; expected {sorted(allowed)}")
    if unknown:
        raise ValueError(f"{at}unknown field(s) {', '.join(unknown)}; expected {sorted(allowed)}")
    return table


def from_dict(data: Mapping) -> Problem:
    """A [`Problem`][byhand.network_file.Problem] from parsed TOML (either format), every field checked."""
    if isinstance(data, Mapping) and "layers" not in data and {"W1", "W2"} & data.keys():
        ex = example.from_dict(data, "worked-example format")  # the worked example's format, checked by its own loader
        net = Network((Layer(ex.W1), Layer(ex.W2)))
        return Problem(ex.x, np.array([ex.y]), ex.eta, "squared", net, ex.name)
    data = _fields(data, FIELDS, FIELDS - {"name", "loss"})
    if not isinstance(data["layers"], list) or not data["layers"]:
        raise ValueError(f"layers: expected one or more [[layers]] tables, got {data['layers']!r}")
    layers = []
    for l, table in enumerate(data["layers"], start=1):
        table = _fields(table, LAYER_FIELDS, {"W"}, f"layer {l}")
        W = _numbers(f"layer {l}: W", table["W"], 2)
        layers.append(Layer(W, _numbers(f"layer {l}: b", table["b"], 1) if "b" in table else None))
    net = Network(layers)
    x, y = _numbers("x", data["x"], 1), _numbers("y", data["y"], 1)
    if x.shape != (net.inputs,):
        raise ValueError(f"x: expected {net.inputs} inputs, one per column of layer 1's W, got {x.size}")
    if y.shape != (net.outputs,):
        raise ValueError(f"y: expected {net.outputs} targets, one per unit of the last layer, got {y.size}")
    loss = data.get("loss", "squared")
    if loss not in LOSSES:
        raise ValueError(f"loss: expected one of {', '.join(map(repr, LOSSES))}, got {loss!r}")
    name = data.get("name", "network")
    if not isinstance(name, str):
        raise ValueError(f"name: expected a string, got {name!r}")
    return Problem(x, y, validate.positive("eta", data["eta"], "learning rate"), loss, net, name)


def load(path: str | os.PathLike) -> Problem:
    """Load a network file; a ValueError of one line names the file and what was wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"{path}: cannot read the file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not a text file in UTF-8") from None
    try:
        return from_dict(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: not valid TOML ({error})") from None
    except ValueError as error:
        raise ValueError(f"{path}: {error}".replace("\n", " ")) from None
