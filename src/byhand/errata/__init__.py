"""The errata engine: the post's claims (data) checked against the walkthrough (computation)."""

from byhand.errata.check import VERDICTS, Verdict, check, check_all, compare
from byhand.errata.claims import Claim, load

__all__ = ["VERDICTS", "Claim", "Verdict", "check", "check_all", "compare", "load"]
