"""Command line: ``python -m byhand errata [--json]`` checks the post's claims and prints the verdicts."""

from __future__ import annotations

import argparse

from byhand.errata import check_all, load
from byhand.errata.report import as_json, as_table
from byhand.example import post
from byhand.walkthrough import compute


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m byhand", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    errata = commands.add_parser("errata", help="check the original post claim by claim")
    errata.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    args = parser.parse_args(argv)
    # The errata are about the post's example, whatever BYHAND_EXAMPLE says.
    verdicts = check_all(load(), compute(post()))
    print(as_json(verdicts) if args.json else as_table(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
