"""`python -m geo <command>`: each command lives in its own module, which provides
`add_arguments(parser)` and `run(args) -> int` (the exit code)."""

from __future__ import annotations

import argparse
import importlib
import sys

# command -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "layers": (
        "geo.layers",
        "build layers/ (admin boundaries in WGS-84, townships) or validate your own boundary file",
    ),
    "build": (
        "geo.build",
        "read plans, extract and geocode projects, write the catalog (GeoJSON, GeoPackage, CSV)",
    ),
    "eval": ("geo.evaluate", "score extraction against the annotated evaluation set"),
    "report": ("geo.report", "briefing export: static map and project table as PDF or PNG, or an HTML map"),
    "export": (
        "geo.downloads",
        "a selection as GeoJSON, GeoPackage, CSV, XLSX, KML/KMZ, zipped Shapefile or offline HTML map",
    ),
    "publish": ("geo.publish", "write the catalog into PostGIS (one transaction, idempotent) for QGIS users"),
    "editor": ("geo.editor", "editor accounts of the review store: add NAME, list"),
}


class UserError(Exception):
    """A problem with the user's input: printed as one clear message, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="<command>", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub_parser)
        sub_parser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; previous outputs left as they were", file=sys.stderr)
        return 130
