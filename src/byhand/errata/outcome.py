"""What the errata add up to: how many claims hold and how many slips there are, and what the post's
printed updates do to the loss."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byhand.errata.check import Verdict
from byhand.errata.claims import SEVERITIES
from byhand.errata.report import groups, severity
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
    follow: int  # lines correct given an earlier slip
    by_severity: dict  # slips by what they do (a key of SEVERITIES)


def tally(verdicts: list[Verdict]) -> Tally:
    """Count the verdicts: slips are the [groups][byhand.errata.report.groups] of the places where the post
    slips of its own; ``follow`` counts the lines that are wrong only because a slip carried into them."""
    found = groups(verdicts)
    places = sum(map(len, found))
    follow = sum(v.verdict == "follows" for v in verdicts)
    by_severity = {key: sum(severity(g[0]) == key for g in found) for key in SEVERITIES}
    return Tally(len(verdicts), len(verdicts) - places - follow, len(found), places, follow, by_severity)


def losses_after(w: Walkthrough, W1_new: np.ndarray, W2_new: np.ndarray) -> tuple[float, float]:
    """The loss on the example of ``w`` with the new hidden-layer weights ``W1_new`` and the old
    output weights, and with both new layers: what an update does, one layer at a time."""
    return forward(W1_new, w.W2, w.x, w.y).loss, forward(W1_new, W2_new, w.x, w.y).loss
