"""The worked example: load one TOML file and validate every field.

An example file holds ``x`` (3 inputs), ``y`` (the target), ``W1`` (2x3), ``W2`` (1x2) and
``eta`` (the learning rate), plus an optional ``name``. ``BYHAND_EXAMPLE`` names another file with
the same fields; without it, the post's example shipped with the package is used.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from byhand import validate

DEFAULT = "example.toml"
ENV_VAR = "BYHAND_EXAMPLE"
SHAPES = {"x": (3,), "W1": (2, 3), "W2": (1, 2)}
FIELDS = {"name", "x", "y", "W1", "W2", "eta"}


@dataclass(frozen=True)
class Example:
    """Inputs of one gradient-descent step.

    Attributes
    ----------
    x : (3,) ndarray
        Input vector.
    y : float
        Target output.
    W1 : (2, 3) ndarray
        Hidden-layer weights; ``W1[j, i]`` is $w^{(1)}_{j+1,i+1}$, from input i to hidden unit j.
    W2 : (1, 2) ndarray
        Output-layer weights; ``W2[0, j]`` is $w^{(2)}_{1,j+1}$.
    eta : float
        Learning rate, > 0.
    name : str
        A label for the example.
    """

    x: np.ndarray
    y: float
    W1: np.ndarray
    W2: np.ndarray
    eta: float
    name: str = "example"

    def __post_init__(self) -> None:
        for field, shape in SHAPES.items():
            object.__setattr__(self, field, _array(field, getattr(self, field), shape))
        object.__setattr__(self, "y", validate.real("y", self.y))
        object.__setattr__(self, "eta", validate.positive("eta", self.eta, "learning rate"))
        if not isinstance(self.name, str):
            raise ValueError(f"name: expected a string, got {type(self.name).__name__}")


def _array(field: str, value: object, shape: tuple[int, ...]) -> np.ndarray:
    if not _all_real(value):
        raise ValueError(f"{field}: expected real numbers in shape {shape}, got {value!r}")
    try:
        array = np.array(value, dtype=float)
    except ValueError as error:  # ragged nesting
        raise ValueError(f"{field}: expected shape {shape}, got {value!r}") from error
    except OverflowError as error:  # an integer too large for a float
        raise ValueError(f"{field}: expected finite numbers, got {value!r}") from error
    if array.shape != shape:
        raise ValueError(f"{field}: expected shape {shape}, got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{field}: expected finite numbers, got {array.tolist()}")
    array.setflags(write=False)
    return array


def _all_real(value: object) -> bool:
    """True for a real number or a (nested) list/array of them; booleans and strings are not numbers."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "iuf"
    if isinstance(value, (list, tuple)):
        return all(_all_real(v) for v in value)
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def from_dict(data: Mapping, source: str = "example") -> Example:
    """Build an [`Example`][byhand.example.Example] from parsed TOML, naming any missing or unknown field."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{source}: expected a table of fields {sorted(FIELDS)}, got {data!r}")
    missing = sorted(FIELDS - {"name"} - data.keys())
    unknown = [str(k) for k in sorted(data.keys() - FIELDS, key=repr)]  # keys from code may not be str
    if missing:
        raise ValueError(f"{source}: missing field(s) {', '.join(missing)}; expected {sorted(FIELDS)}")
    if unknown:
        raise ValueError(f"{source}: unknown field(s) {', '.join(unknown)}; expected {sorted(FIELDS)}")
    try:
        return Example(**data)
    except ValueError as error:
        raise ValueError(f"{source}: {error}") from None


def _parse(text: str, source: str) -> Example:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: not valid TOML ({error})") from error
    return from_dict(data, source)


def post() -> Example:
    """The post's worked example, shipped with the package (ignores ``$BYHAND_EXAMPLE``)."""
    return _parse(resources.files("byhand").joinpath(DEFAULT).read_text(encoding="utf-8"), DEFAULT)


def load(path: str | os.PathLike | None = None) -> Example:
    """Load an example file: ``path``, else ``$BYHAND_EXAMPLE``, else the post's example."""
    path = path or os.environ.get(ENV_VAR)
    return _parse(Path(path).read_text(encoding="utf-8"), str(path)) if path else post()
