"""Briefing export: a print-quality static map and the project table, as PDF (all pages) or PNG, or the
standalone interactive map as HTML.

    python -m geo report [--catalog DIR] [--plan P] [--city C] [--county X] [--category K] [--title T]
                         [--map-only] [--dpi N] --out FILE.pdf|FILE.png|FILE.html

This module is the command line: the filter arguments (names, short names or codes) -> geo.catalog_filters.Filters.
The briefing itself, data flowing one way:

- geo.report_select: the projects passing the filters, the map's area, title and subtitle (``Selection``);
- geo.report_layers: boundary layers in WGS 84 / UTM 50N, simplified for print, cached on disk;
- geo.report_map (with geo.report_furniture and geo.report_labels): page 1's map;
- geo.report_rows: the summary and project tables as rows of text; geo.report_table draws such tables;
- geo.report_pages: the pages (map and legend panel, summary, project table);
- geo.report_write: ``render_report`` / ``render_files``, writing the PDF or PNGs (the app's "导出简报").
"""

from __future__ import annotations

import re
from pathlib import Path

from geo import DEFAULT_BUILD_DIR
from geo.cli import UserError

# --------------------------------------------------------------------------------------------
# filters given on the command line -> geo.catalog_filters.Filters


def _split(values) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in re.split(r"[,，、]", str(value)) if part.strip())
    return list(dict.fromkeys(out))


def _choices(items, limit: int = 40) -> str:
    items = list(items)
    more = f" ... (+{len(items) - limit} more)" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def _units():
    from geo.layers_read import admin_units

    return admin_units()


def resolve_cities(values) -> list[str]:
    """City names (日照 / 日照市 / 371100) -> full names (日照市); UserError listing the choices."""
    units = _units()
    cities = units[units["level"] == "city"]
    lookup = {}
    for row in cities.itertuples():
        for key in (row.name, row.short_name, row.adcode):
            lookup[key] = row.name
    out = []
    for value in _split(values):
        if value not in lookup:
            raise UserError(f"unknown city {value!r}; valid cities: {_choices(cities['name'])}")
        out.append(lookup[value])
    return list(dict.fromkeys(out))


def resolve_counties(values, cities: list[str] = ()) -> tuple[list[str], list[str]]:
    """County names (五莲 / 五莲县 / 371121 / 济南市市中区) -> (full names, adcodes).

    A name shared by two counties (市中区 in 济南 and 枣庄) is narrowed by the given cities, else an error."""
    units = _units()
    counties = units[units["level"] == "county"]
    city_name = dict(zip(units["adcode"], units["name"], strict=False))
    city_short = dict(zip(units["adcode"], units["short_name"], strict=False))
    parents = counties["parent_adcode"]
    qualified = parents.map(city_name) + counties["name"]  # 济南市市中区
    qualified_short = parents.map(city_short) + counties["name"]  # 济南市中区
    names_out, codes_out = [], []
    for value in _split(values):
        hits = counties[
            (counties["name"] == value)
            | (counties["short_name"] == value)
            | (counties["adcode"] == value)
            | (qualified == value)
            | (qualified_short == value)
        ]
        if cities and len(hits) > 1:
            narrowed = hits[hits["parent_adcode"].map(city_name).isin(cities)]
            hits = narrowed if len(narrowed) else hits
        if hits.empty:
            raise UserError(
                f"unknown county {value!r}; give a county-level unit of Shandong by name (五莲县), short name "
                f"(五莲) or adcode (371121); valid counties: {_choices(counties['name'], 200)}"
            )
        if len(hits) > 1:
            options = ", ".join(
                f"{city_name[r.parent_adcode]}{r.name} ({r.adcode})" for r in hits.itertuples()
            )
            raise UserError(f"county {value!r} is ambiguous: {options}; give the adcode or --city")
        row = hits.iloc[0]
        names_out.append(row["name"])
        codes_out.append(row["adcode"])
    return list(dict.fromkeys(names_out)), list(dict.fromkeys(codes_out))


def resolve_categories(values) -> list[str]:
    """Category codes (solar), Chinese labels (光伏) or English labels (Solar PV) -> codes."""
    from geo.vocab import CATEGORIES

    lookup = {}
    for code, (zh, en) in CATEGORIES.items():
        for key in (code, zh, en):
            lookup[key.lower()] = code
    out = []
    for value in _split(values):
        code = lookup.get(value.lower())
        if code is None:
            valid = ", ".join(f"{code} ({zh})" for code, (zh, _) in CATEGORIES.items())
            raise UserError(f"unknown category {value!r}; valid categories: {valid}")
        out.append(code)
    return list(dict.fromkeys(out))


def resolve_plans(catalog, values) -> list[str]:
    """Plans by file name, file stem, title, or a part of the title (日照) -> source file names."""
    sources = catalog.sources
    out = []
    for value in values or []:
        value = str(value).strip()
        if not value:
            continue
        exact = [
            s["source"] for s in sources if value in (s["source"], Path(s["source"]).stem, s.get("title"))
        ]
        hits = exact or [
            s["source"] for s in sources if value in (s.get("title") or "") or value in s["source"]
        ]
        if not hits:
            valid = "; ".join(f"{s['source']} ({s.get('title') or ''})" for s in sources)
            raise UserError(f"unknown plan {value!r}; plans in the catalog: {valid or 'none'}")
        out.extend(hits)
    return list(dict.fromkeys(out))


def filters_from_args(catalog, plan=(), city=(), county=(), category=()):
    """Filters for `python -m geo report` arguments; values may be Chinese names, short names or codes."""
    from geo.catalog_filters import Filters

    cities = resolve_cities(city)
    county_names, county_codes = resolve_counties(county, cities)
    units = _units()
    parent = dict(zip(units["adcode"], units["parent_adcode"], strict=False))
    name_of = dict(zip(units["adcode"], units["name"], strict=False))
    # a county name shared by two cities (市中区) is pinned to its city through the city filter
    shared = {n for n in county_names if (units["name"] == n).sum() > 1}
    if shared and not cities:
        cities = list(dict.fromkeys(name_of[parent[c]] for c in county_codes))
    return Filters(
        plans=resolve_plans(catalog, plan),
        categories=resolve_categories(category),
        cities=cities,
        counties=county_names,
    )


# --------------------------------------------------------------------------------------------
# command line


def add_filter_arguments(parser) -> None:
    """--catalog and the filters (shared with `python -m geo export`)."""
    parser.add_argument(
        "--catalog",
        default=str(DEFAULT_BUILD_DIR),
        metavar="DIR",
        help="catalog folder written by `python -m geo build` (default: build/, built from seeds/ if missing)",
    )
    parser.add_argument(
        "--plan",
        action="append",
        default=[],
        metavar="PLAN",
        help="plan file name or title (or part of it, e.g. 日照); repeatable",
    )
    parser.add_argument(
        "--city",
        action="append",
        default=[],
        metavar="CITY",
        help="city: 日照 / 日照市 / 371100; repeatable or comma-separated",
    )
    parser.add_argument(
        "--county",
        action="append",
        default=[],
        metavar="COUNTY",
        help="county: 五莲 / 五莲县 / 371121; repeatable or comma-separated",
    )
    parser.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="CAT",
        help="category code or label: solar / 光伏; repeatable or comma-separated",
    )


def add_arguments(parser) -> None:
    from geo.report_write import DEFAULT_DPI

    add_filter_arguments(parser)
    parser.add_argument("--title", default=None, help="page title (default: made from the filters)")
    parser.add_argument("--map-only", action="store_true", help="only page 1: the map with legend and notes")
    parser.add_argument(
        "--dpi", type=int, default=DEFAULT_DPI, help=f"PNG resolution (default {DEFAULT_DPI})"
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="FILE.pdf (map, summary, table), FILE.png (map page; more pages as FILE-2.png ...) or FILE.html "
        "(standalone interactive map that opens offline)",
    )


def load_or_build(folder):
    """The catalog in ``folder``; on a fresh clone the default build/ is first built from seeds/, as the app does."""
    from geo.catalog import load_catalog

    if Path(folder).resolve() == DEFAULT_BUILD_DIR.resolve() and not DEFAULT_BUILD_DIR.exists():
        from geo import SEEDS_DIR
        from geo.build import build_catalog

        print(f"no catalog yet: building {DEFAULT_BUILD_DIR} from {SEEDS_DIR} first")
        build_catalog(SEEDS_DIR, DEFAULT_BUILD_DIR)
    return load_catalog(folder)


def run(args) -> int:
    import time

    from geo.report_select import select
    from geo.report_write import check_out, render_files

    t0 = time.perf_counter()

    out, suffix = check_out(
        args.out, (".pdf", ".png", ".html")
    )  # a bad --out fails before the catalog is read
    catalog = load_or_build(args.catalog)
    filters = filters_from_args(catalog, args.plan, args.city, args.county, args.category)
    if suffix == ".html":  # the standalone interactive map: geo.htmlmap
        from geo.htmlmap import write_html

        sel = select(catalog, filters, args.title)
        write_html(out, sel.projects, catalog, sel.title)
        print(f"wrote {out} in {time.perf_counter() - t0:.1f} s")
        return 0
    written = render_files(catalog, filters, out, title=args.title, dpi=args.dpi, map_only=args.map_only)
    print(f"wrote {', '.join(str(p) for p in written)} in {time.perf_counter() - t0:.1f} s")
    return 0
