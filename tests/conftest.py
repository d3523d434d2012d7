import numpy as np
import pytest
from hypothesis import settings

from byhand import Example, load


@pytest.fixture
def post() -> Example:
    return load()


def random_network(seed: int, h: int = 2, n: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """A seeded random network (W1, W2, x, y) of widths n -> h -> 1."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(h, n)), rng.normal(size=(1, h)), rng.normal(size=n), float(rng.uniform())


# Property tests (tests/test_properties.py): the same examples on every run and machine, so CI is
# reproducible and a failure can be rerun; no example database written into the tree; no per-example
# deadline, since a 2-core CI machine under load is slower than a laptop (the file's total is bounded
# by max_examples instead).
settings.register_profile("byhand", derandomize=True, database=None, deadline=None, max_examples=100,
                          print_blob=False)
settings.load_profile("byhand")
