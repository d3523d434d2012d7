"""byhand: one step of gradient descent through a small sigmoid network, every quantity computed.

Data flows one way: [`example`][byhand.example] (inputs) -> [`network`][byhand.network] (forward
pass) -> [`gradients`][byhand.gradients] and [`numerical`][byhand.numerical] -> [`step`][byhand.step]
-> [`walkthrough`][byhand.walkthrough] -> [`render`][byhand.render] (text and LaTeX).
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
