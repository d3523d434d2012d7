"""byhand: one step of gradient descent through a small sigmoid network, every quantity computed.

Data flows one way: :mod:`byhand.example` (inputs) -> :mod:`byhand.network` (forward pass) ->
:mod:`byhand.gradients` and :mod:`byhand.numerical` -> :mod:`byhand.step` ->
:mod:`byhand.walkthrough` -> :mod:`byhand.render` (text and LaTeX).
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
