"""Golden values: the JSON holds every walkthrough quantity, exactly."""

import json

import numpy as np
import pytest

from byhand import compute, golden
from reference import worked_example


def test_golden_json_round_trips_every_quantity_exactly():
    w = compute()
    back = golden.load(golden.as_json(w))
    assert set(back) == set(w.quantities())
    for name, value in w.quantities().items():
        assert np.array_equal(back[name], value), name
        assert np.shape(back[name]) == np.shape(value), name


def test_golden_values_match_the_50_digit_reference():
    # Reference: tests/reference.py, independent of byhand.
    back = golden.load(golden.as_json(compute()))
    for key, expected in worked_example().items():
        assert np.allclose(back[key], expected, rtol=1e-13, atol=1e-15), key


def test_a_tampered_file_is_rejected():
    data = golden.as_dict(compute())
    data["quantities"]["loss"]["values"] = 0.5
    with pytest.raises(ValueError, match="loss: hex, values and shape"):
        golden.load(json.dumps(data))
