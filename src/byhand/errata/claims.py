"""The post's claims, as data: load ``claims.toml`` and validate every entry.

Each claim names where it is in the post (``section``, ``line``, a short verbatim ``quote``), its
``kind`` (number, formula, typesetting, text) and what the post ``claimed``; numbers name the
``quantity`` of the walkthrough they claim, formulas and text carry the ``correct`` form. A slip
may carry a ``heading`` in words for the errata page, its math as ``$...$`` and its numbers as
placeholders (``<claimed>``, ``<correct>``, or ``<id>`` for the number another claim printed). No verdict
is stored: [`byhand.errata.check`][byhand.errata.check] computes every one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

KINDS = ("number", "formula", "typesetting", "text")
QUOTE_LIMIT = 200
NUMBER = re.compile(r"-?\d+(\.\d+)?")
PLACEHOLDER = re.compile(r"<([\w-]+)>")
"""A number in a heading: ``<claimed>``, ``<correct>`` (this claim's), or ``<id>`` (what claim ``id`` printed)."""
REQUIRED = {"id", "section", "line", "quote", "kind", "claimed"}
OPTIONAL = {"quantity", "index", "correct", "explanation", "expr", "correct_expr", "carries_into", "by_hand",
            "operands", "slip", "heading", "severity", "seen"}
SEVERITIES = {"result": "changes the result", "restatement": "inconsistent restatement",
              "rounding": "rounding carried forward", "notation": "notation, typesetting or wording"}
"""What a slip does, most serious first. A number slip names its class (``severity``); a formula, typesetting
or text slip is notation unless it names another; a slip the engine judges ``rounding`` is carried rounding."""


@dataclass(frozen=True)
class Claim:
    """One checkable statement of the post."""

    id: str
    section: str
    line: int
    quote: str
    kind: str
    claimed: str | list
    quantity: str | None = None
    index: tuple[int, ...] = ()
    correct: str | None = None
    explanation: str = ""
    expr: str | None = None
    correct_expr: str | None = None
    carries_into: tuple[str, ...] = field(default_factory=tuple)
    by_hand: str | None = None  # the post's own printed operands of a number, as TeX: "-0.22 \cdot 0.71"
    operands: tuple[str, ...] = field(default_factory=tuple)  # ids of claims whose printed values by_hand uses
    slip: str | None = None  # one slip repeated at several places: the claims that share it are its occurrences
    heading: str | None = None  # the slip in words for the errata page: "$\sigma'$ at $<claimed>$"
    severity: str | None = None  # what the slip does: a key of SEVERITIES
    seen: str | None = None  # typesetting: the TeX as the post's own renderer showed it to its readers


def _numbers(claimed: object) -> bool:
    if isinstance(claimed, list):
        return bool(claimed) and all(_numbers(c) for c in claimed)
    return isinstance(claimed, str) and NUMBER.fullmatch(claimed) is not None


def parse(entry: dict, position: int = 0) -> Claim:
    """Validate one ``[[claim]]`` table; a bad entry raises ValueError naming it and the field."""
    name = f"claim {entry.get('id', f'#{position + 1}')!r}"
    missing, unknown = sorted(REQUIRED - entry.keys()), sorted(entry.keys() - REQUIRED - OPTIONAL)
    if missing or unknown:
        raise ValueError(f"{name}: missing {missing} / unknown {unknown} fields; expected {sorted(REQUIRED)}"
                         f" plus optional {sorted(OPTIONAL)}")
    kind = entry["kind"]
    if kind not in KINDS:
        raise ValueError(f"{name}: kind: expected one of {KINDS}, got {kind!r}")
    if not isinstance(entry["line"], int) or entry["line"] < 1:
        raise ValueError(f"{name}: line: expected a positive line number, got {entry['line']!r}")
    quote = entry["quote"]
    if not isinstance(quote, str) or not quote.strip() or len(quote) > QUOTE_LIMIT:
        raise ValueError(f"{name}: quote: expected a short excerpt (1 to {QUOTE_LIMIT} characters)")
    if kind == "number":
        if not entry.get("quantity"):
            raise ValueError(f"{name}: quantity: a number claim must name the quantity it claims")
        if not _numbers(entry["claimed"]):
            raise ValueError(f"{name}: claimed: expected printed numbers such as \"-0.165\" (or lists of "
                             f"them), got {entry['claimed']!r}")
    elif not isinstance(entry.get("correct"), str) or not isinstance(entry["claimed"], str):
        raise ValueError(f"{name}: a {kind} claim needs 'claimed' and 'correct' strings")
    if entry.get("severity", "notation") not in SEVERITIES:
        raise ValueError(f"{name}: severity: expected one of {list(SEVERITIES)}, got {entry['severity']!r}")
    if "seen" in entry and kind != "typesetting":
        raise ValueError(f"{name}: 'seen' belongs to typesetting claims")
    if ("by_hand" in entry or "operands" in entry) and kind != "number":
        raise ValueError(f"{name}: 'by_hand' and 'operands' belong to number claims")
    if ("expr" in entry) != ("correct_expr" in entry) or ("expr" in entry and "quantity" not in entry):
        raise ValueError(f"{name}: 'expr', 'correct_expr' and 'quantity' go together")
    return Claim(**{**entry, "index": tuple(entry.get("index", ())), "operands": tuple(entry.get("operands", ())),
                    "carries_into": tuple(entry.get("carries_into", ()))})


def load(text: str | None = None) -> list[Claim]:
    """All claims, from ``text`` (TOML) or the packaged ``claims.toml``; ids must be unique."""
    text = text if text is not None else resources.files(__package__).joinpath("claims.toml").read_text("utf-8")
    claims = [parse(entry, k) for k, entry in enumerate(tomllib.loads(text).get("claim", []))]
    ids = [c.id for c in claims]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"claims: duplicate ids {duplicates}")
    in_headings = {p for c in claims for p in PLACEHOLDER.findall(c.heading or "")} - {"claimed", "correct"}
    named = {t for c in claims for t in c.carries_into} | in_headings
    dangling = sorted(named - set(ids))
    if dangling:
        raise ValueError(f"claims: carries_into or a heading names unknown ids {dangling}")
    for k, c in enumerate(claims):
        later = sorted(set(c.operands) - set(ids[:k]))
        if later:
            raise ValueError(f"claim {c.id!r}: operands must name earlier claims, got {later}")
    return claims
