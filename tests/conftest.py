import numpy as np
import pytest

from byhand import Example, load


@pytest.fixture
def post() -> Example:
    return load()


def random_network(seed: int, h: int = 2, n: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """A seeded random network (W1, W2, x, y) of widths n -> h -> 1."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(h, n)), rng.normal(size=(1, h)), rng.normal(size=n), float(rng.uniform())
