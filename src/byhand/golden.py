"""Golden values: every quantity of the worked example as JSON, for readers to test their own code.

Names are the [`byhand.walkthrough.Walkthrough`][byhand.walkthrough.Walkthrough] fields (the names of the notation page and the
code). Each quantity has its ``shape`` (``[]`` for a scalar), its ``values`` as JSON numbers written
with Python's shortest round-trip ``repr`` (so they parse back to exactly the same float64), and the
same values as ``float.hex`` strings for a bit-exact comparison in any language.
"""

from __future__ import annotations

import json

import numpy as np

from byhand.walkthrough import Walkthrough

PATH = "golden/worked-example.json"


def as_dict(w: Walkthrough) -> dict:
    """The JSON-ready record of every quantity of ``w``."""
    quantities = {}
    for name, value in w.quantities().items():
        array = np.asarray(value, dtype=float)
        quantities[name] = {"shape": list(array.shape), "values": array.tolist(),
                            "hex": np.vectorize(float.hex, otypes=[object])(array).tolist()}
    return {"example": w.example.name, "precision": "float64; values parse back exactly; hex is bit-exact",
            "quantities": quantities}


def as_json(w: Walkthrough) -> str:
    return json.dumps(as_dict(w), indent=1) + "\n"


def load(text: str) -> dict[str, np.ndarray | float]:
    """Parse golden JSON back into arrays (scalars as floats), from the hex strings; checks shapes."""
    out = {}
    for name, q in json.loads(text)["quantities"].items():
        array = np.vectorize(float.fromhex, otypes=[float])(np.array(q["hex"], dtype=object))
        if list(array.shape) != q["shape"] or not np.array_equal(array, np.array(q["values"], dtype=float)):
            raise ValueError(f"{name}: hex, values and shape {q['shape']} disagree")
        out[name] = float(array) if array.ndim == 0 else array
    return out
