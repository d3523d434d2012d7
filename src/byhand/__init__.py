"""byhand: one step of gradient descent through a small sigmoid network, every quantity computed.

Data flows one way: [`example`][byhand.example] (inputs, checked by [`validate`][byhand.validate])
-> [`core`][byhand.core] (the parameters and the one forward and backward pass) -> [`gradients`][byhand.gradients]
(the three taught forms) and [`numerical`][byhand.numerical] (the referee) -> [`step`][byhand.step] ->
[`walkthrough`][byhand.walkthrough]. Its only dependency is numpy; what renders the site is the
separate package `byhand_site`.
"""

from byhand.example import Example, load
from byhand.gradients import FORMS
from byhand.network import Forward, dsigma, forward, sigma
from byhand.numerical import central
from byhand.step import Step, step
from byhand.walkthrough import Walkthrough, compute

__all__ = [
    "FORMS", "Example", "Forward", "Step", "Walkthrough",
    "central", "compute", "dsigma", "forward", "load", "sigma", "step",
]
