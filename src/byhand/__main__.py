"""Command line: ``python -m byhand errata [--json]`` checks the post's claims and prints the verdicts;
``python -m byhand step FILE.toml [--json]`` takes one step on the network of a file and prints every quantity."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m byhand", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    errata = commands.add_parser("errata", help="check the original post claim by claim")
    errata.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    step = commands.add_parser("step", help="one step of gradient descent on a network file (TOML)")
    step.add_argument("file", help="a network file: x, y, eta, optional loss, and [[layers]] with W and optional b")
    step.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    if args.command == "step":
        from byhand import network_file, network_step
        try:
            descent = network_step.descend(network_file.load(args.file))
        except ValueError as error:  # one line naming the file and the field, no traceback
            print(f"python -m byhand step: {error}", file=sys.stderr)
            return 2
        print(network_step.as_json(descent) if args.json else network_step.as_table(descent))
        return 0
    from byhand.errata import check_all, load
    from byhand.errata.report import as_json, as_table
    from byhand.example import post
    from byhand.walkthrough import compute
    # The errata are about the post's example, whatever BYHAND_EXAMPLE says.
    verdicts = check_all(load(), compute(post()))
    print(as_json(verdicts) if args.json else as_table(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
