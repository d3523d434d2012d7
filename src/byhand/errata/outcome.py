"""What the errata add up to: how many claims hold and how many slips there are, and what the post's
printed updates do to the loss."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand.errata.check import Verdict
from byhand.errata.report import groups
from byhand.network import forward
from byhand.walkthrough import Walkthrough

INPUTS = ("x", "y", "W1", "W2", "eta")
"""The fields that make an example: two walkthroughs with equal inputs are the same example."""


def same_example(a: Walkthrough, b: Walkthrough) -> bool:
    """Whether two walkthroughs start from exactly the same inputs, ``INPUTS``."""
    return all(np.array_equal(a[k], b[k]) for k in INPUTS)


@dataclass(frozen=True)
class Tally:
    """``claims`` checked, of which ``confirmed`` hold; the rest are ``places`` where the post slips,
    which make ``slips`` distinct slips (a slip repeated at several places counts once)."""

    claims: int
    confirmed: int
    slips: int
    places: int


def tally(verdicts: list[Verdict]) -> Tally:
    """Count the verdicts: a place is a claim that is not correct; slips are the
    [groups][byhand.errata.report.groups] of places."""
    places = sum(v.verdict != "correct" for v in verdicts)
    return Tally(len(verdicts), len(verdicts) - places, len(groups(verdicts)), places)


def losses_after(w: Walkthrough, W1_new: np.ndarray, W2_new: np.ndarray) -> tuple[float, float]:
    """The loss on the example of ``w`` with the new hidden-layer weights ``W1_new`` and the old
    output weights, and with both new layers: what an update does, one layer at a time."""
    return forward(W1_new, w.W2, w.x, w.y).loss, forward(W1_new, W2_new, w.x, w.y).loss
