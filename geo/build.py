"""`python -m geo build`: plans -> catalog (GeoJSON, CSV, GeoPackage, report).

    python -m geo build [--seeds DIR] [--out DIR] [--boundaries FILE] [--code-column COL]
                        [--skip-bad] [--no-progress]

Stages: read the plans (geo.ingest), parse and extract (geo.parse, geo.extract), merge duplicates within a
plan, geocode (geo.geocode) each plan's projects (mentions, with per-document ids), link the mentions of one
facility across plans into one project with a stable id (geo.link), write (geo.export). Everything is
written to a temporary folder next to ``--out`` and swapped in only when complete: a failed or interrupted
build leaves the previous output exactly as it was. The output folder's handling (what the tool owns there,
the lock against concurrent builds, the recoverable swap) is geo.outdir.

Bad input stops the build with a message naming it (exit code 2) and nothing is written: a missing or empty
seeds folder, a plan file that cannot be read (all of them are listed; ``--skip-bad`` builds from the
readable ones instead), a bad ``--boundaries`` file, an ``--out`` that cannot be written, that contains the
seeds, or that is an existing folder holding files the tool did not write and no manifest, a full disk,
another build running on the same ``--out``. Files of other types in the seeds folder (README.md ...) are
skipped with a note.

Mention ids: the first 12 hex digits of sha1("<source file name>\\x1f<normalized name>"), where the normalized
name is NFKC, without whitespace and quotes; the rare collision is resolved deterministically (see
:func:`assign_ids`). Project ids come from the facility's key (geo.link.project_key, geo/schema.py). Two builds
of the same inputs write byte-identical ``projects.geojson``.

Python API: :func:`build_catalog` (the app calls it when build/ is missing).
"""

from __future__ import annotations

import sys
from pathlib import Path

from geo import DEFAULT_BUILD_DIR, SEEDS_DIR, outdir
from geo.cli import UserError

OUTPUT_FILES = (
    "projects.geojson",
    "projects.csv",
    "mentions.csv",
    "suggested_links.csv",
    "targets.csv",
    "unresolved.csv",
    "catalog.gpkg",
    "project_lines.geojson",
    "projects.csvt",
    "projects.prj",
    "targets.csvt",
    "unresolved.csvt",
    "mentions.csvt",
    "suggested_links.csvt",
    "projects.xlsx",
    "projects.qml",
    "build_report.json",
    "build_report.md",
    "rejected.csv",
    "rejected.csvt",
    "orphaned_edits.csv",
    "orphaned_edits.csvt",
)


class BuildError(UserError):
    """The build cannot run on this input; the message names the file or folder."""


# ---------------------------------------------------------------------- command line


def add_arguments(parser) -> None:
    parser.add_argument(
        "--seeds", type=Path, default=SEEDS_DIR, metavar="DIR", help=f"folder of plans (default: {SEEDS_DIR})"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_BUILD_DIR,
        metavar="DIR",
        help=f"output folder (default: {DEFAULT_BUILD_DIR})",
    )
    parser.add_argument(
        "--boundaries",
        type=Path,
        default=None,
        metavar="FILE",
        help="your own county boundaries (GeoPackage/GeoJSON/Shapefile with a CRS) instead of the bundled ones",
    )
    parser.add_argument(
        "--code-column", default="adcode", metavar="COL", help="column of --boundaries with county adcodes"
    )
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="build from the readable plans when some cannot be read (default: stop and change nothing)",
    )
    parser.add_argument(
        "--shapefile",
        action="store_true",
        help="also write shapefile/ (projects.shp, project_lines.shp: ASCII field names, UTF-8 .cpg, fields.csv)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument(
        "--no-edits",
        action="store_true",
        help="ignore the review store (SDCARBON_DB_URL or data/store.sqlite): the catalog exactly as read",
    )


def run(args) -> int:
    from geo.store import existing_url

    report = build_catalog(
        args.seeds,
        args.out,
        boundaries=args.boundaries,
        code_column=args.code_column,
        progress=not args.no_progress,
        skip_bad=args.skip_bad,
        shapefile=args.shapefile,
        store_url=None if args.no_edits else existing_url(),
    )
    c = report["counts"]
    prec = ", ".join(f"{k} {v}" for k, v in c["by_precision"].items())
    print(f"built {report['out']} in {report['timings_s']['total']:.2f} s")
    print(f"  {c['projects']} projects on the map ({prec}); {c['offshore']} offshore, {c['lines']} lines")
    print(
        f"  {c['mentions']} mentions in {len(report['sources'])} documents linked into {c['projects']} projects; "
        f"{c['suggested_links']} suggested links to review in suggested_links.csv"
    )
    print(
        f"  {c['targets']} targets; {c['unresolved_rows']} rows in unresolved.csv ({c['unplaced']} projects not placed)"
    )
    for s in report["skipped"]:
        print(f"  skipped {s['source']}: {s['reason']}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------- helpers


def normalized_name(name: str) -> str:
    """Key for ids and duplicate detection: NFKC, no whitespace, no quotes or brackets."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\"'“”‘’《》〈〉「」]", "", text)


def stable_id(source: str, name: str, salt: int = 0) -> str:
    import hashlib

    key = f"{source}\x1f{normalized_name(name)}" + (f"\x1f{salt}" if salt else "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def assign_ids(items: list) -> list[str]:
    """Ids for (source, name) pairs: sha1 prefix; on a collision with a different pair, the pair that sorts
    later gets the hash salted with 1, 2 ... until unique. Identical pairs must be merged before."""
    order = sorted(range(len(items)), key=lambda i: (items[i][0], normalized_name(items[i][1])))
    used: set[str] = set()
    ids = [""] * len(items)
    for i in order:
        source, name = items[i]
        salt = 0
        pid = stable_id(source, name)
        while pid in used:
            salt += 1
            pid = stable_id(source, name, salt)
        used.add(pid)
        ids[i] = pid
    return ids


def merge_duplicates(projects: list) -> list:
    """One project per (source, normalized name): later duplicates add their spans, units and places."""
    from dataclasses import replace

    merged: dict[tuple[str, str], object] = {}
    for p in projects:
        key = (p.source, normalized_name(p.name))
        kept = merged.get(key)
        if kept is None:
            merged[key] = p
            continue
        quotes = {s.quote for s in kept.spans}
        merged[key] = replace(
            kept,
            spans=kept.spans + [s for s in p.spans if s.quote not in quotes],
            places=kept.places or p.places,
            owner=kept.owner or p.owner,
            capacity=kept.capacity or p.capacity,
            target_year=kept.target_year or p.target_year,
            responsible_units=list(dict.fromkeys([*kept.responsible_units, *p.responsible_units])),
            offshore=kept.offshore or p.offshore,
            line_ends=kept.line_ends or p.line_ends,
        )
    return list(merged.values())


def locate_projects(projects: list, geocoder, progress: bool = False) -> tuple[list, list[dict], int]:
    """Geocode each document's projects: (located mentions with their per-document ids, rows of
    unresolved.csv, number of projects that could not be placed at all)."""
    from tqdm import tqdm

    from geo.model import LocatedProject

    ids = assign_ids([(p.source, p.name) for p in projects])
    located, unresolved_rows, unplaced = [], [], 0
    bar = tqdm(
        list(zip(projects, ids, strict=True)),
        desc="geocode",
        unit="project",
        disable=not progress,
        file=sys.stderr,
        leave=False,
        position=1,
    )
    for p, pid in bar:
        res = geocoder.resolve(p)
        if res.location is not None:
            located.append(LocatedProject(id=pid, project=p, location=res.location))
        else:
            unplaced += 1
        for prob in res.problems:
            unresolved_rows.append(
                {
                    "source": prob.source,
                    "project": prob.project,
                    "mention": prob.mention,
                    "reason": prob.reason,
                    "placed_as": res.location.precision if res.location is not None else None,
                    "category": p.category,
                    "section": p.section if p.spans else None,
                    "quote": p.quote if p.spans else None,
                }
            )
    bar.close()
    return located, unresolved_rows, unplaced


def link_located(located: list, documents: list, find_places=None):
    """Mentions (located projects of each document) -> one project per facility (geo.link.link_mentions),
    projects ordered by the file and position of the mention their place and name come from."""
    from geo.history import make_mention
    from geo.link import link_mentions

    meta = {d.source: d.meta for d in documents}
    mentions = []
    for lp in located:
        m = meta.get(lp.project.source)
        if m is None:
            mentions.append(make_mention(lp, None, None))
        else:
            mentions.append(make_mention(lp, m.doc_kind, m.date, m.title))
    result = link_mentions(mentions, find_places)
    result.projects.sort(
        key=lambda lp: (lp.project.source, lp.project.spans[0].start if lp.project.spans else 0, lp.id)
    )
    return result


def _check_seeds(seeds: Path) -> None:
    if not seeds.exists():
        raise BuildError(f"seeds folder not found: {seeds}")
    if not seeds.is_dir():
        raise BuildError(f"--seeds {seeds} is not a folder; give the folder that holds the plans")


# ---------------------------------------------------------------------- the build


def build_catalog(
    seeds_dir,
    out_dir,
    boundaries=None,
    code_column: str = "adcode",
    progress: bool = False,
    skip_bad: bool = False,
    shapefile: bool = False,
    store_url: str | None = None,
) -> dict:
    """Build the catalog from the plans in ``seeds_dir`` into ``out_dir``; returns the build report.

    Raises geo.cli.UserError (BuildError, BoundaryError, OutputError ...) naming the problem when the input
    is bad, the disk is full or another build is writing to ``out_dir``; ``out_dir`` is then left exactly as
    it was. Only the files of ``out_dir`` a build wrote are ever replaced (geo.outdir). With ``store_url``
    the review store's edit log is applied to the projects before they are written (geo.edits).
    """
    seeds, out = Path(seeds_dir), Path(out_dir).resolve()
    _check_seeds(seeds)
    outdir.check_out(out, seeds)
    with outdir.locked(out):
        return _build(seeds, out, boundaries, code_column, progress, skip_bad, shapefile, store_url)


def _build(seeds: Path, out: Path, boundaries, code_column, progress, skip_bad, shapefile, store_url) -> dict:
    import time
    from collections import Counter
    from datetime import UTC, datetime

    from tqdm import tqdm

    from geo import edits
    from geo.ingest import SUPPORTED_SUFFIXES, read_plans
    from geo.schema import MENTION_FIELDS, PROJECT_FIELDS, TARGET_FIELDS, names

    timings: dict[str, float] = {}
    t_start = time.perf_counter()

    stages = tqdm(
        total=5,
        desc="build",
        unit="stage",
        disable=not progress,
        file=sys.stderr,
        leave=False,
        bar_format="{desc} ({n_fmt}/{total_fmt} stages done) [{elapsed}]",
    )
    stages.set_description_str("build: reading plans")
    t = time.perf_counter()
    plans, errors = read_plans(seeds)
    stages.update()
    timings["read"] = time.perf_counter() - t
    skipped = [
        {"source": e.source, "reason": e.reason}
        for e in errors
        if Path(e.source).suffix.lower() not in SUPPORTED_SUFFIXES
    ]
    bad = [e for e in errors if Path(e.source).suffix.lower() in SUPPORTED_SUFFIXES]
    if bad and not skip_bad:
        listing = "\n".join(f"  {e}" for e in bad)
        raise BuildError(
            f"{len(bad)} plan file(s) in {seeds} cannot be read:\n{listing}\n"
            "nothing was written; fix or remove them, or pass --skip-bad to build from the readable plans"
        )
    skipped += [{"source": e.source, "reason": e.reason} for e in bad]
    if not plans:
        stages.close()
        raise BuildError(f"no readable plans (.txt, .docx, .pdf) in {seeds}")

    stages.set_description_str("build: loading layers and gazetteer")
    t = time.perf_counter()
    from geo.geocode import Geocoder
    from geo.layers_read import load_admin

    try:
        geocoder = Geocoder.default(Path(boundaries) if boundaries else None, code_column)
    except BaseException:
        stages.close()
        raise
    timings["load_layers"] = time.perf_counter() - t
    stages.update()

    tmp = outdir.make_temp(out)  # fails early (before the work) when --out cannot be written
    try:
        stages.set_description_str("build: extracting projects")
        t = time.perf_counter()
        from geo.extract import extract, gazetteer_finders
        from geo.parse import default_region_lookup, parse_document

        region_of = default_region_lookup()
        find_places, find_townships, find_city_townships = gazetteer_finders()
        docs, projects, targets = [], [], []
        bar = tqdm(
            plans, desc="extract", unit="plan", disable=not progress, file=sys.stderr, leave=False, position=1
        )
        for plan in bar:
            doc = parse_document(plan, region_of)
            ex = extract(doc, find_places, find_townships, find_city_townships)
            docs.append((plan, doc, ex))
            projects += merge_duplicates(ex.projects)
            targets += ex.targets
        bar.close()
        timings["parse_extract"] = time.perf_counter() - t
        stages.update()
        stages.set_description_str("build: geocoding")

        t = time.perf_counter()
        located, unresolved_rows, unplaced = locate_projects(projects, geocoder, progress)
        timings["geocode"] = time.perf_counter() - t
        t = time.perf_counter()
        linked = link_located(located, [doc for _, doc, _ in docs])
        timings["link"] = time.perf_counter() - t
        stages.update()
        stages.set_description_str("build: writing the catalog")

        t = time.perf_counter()
        from geo import export

        admin = {
            "province": load_admin("province", "full"),
            "cities": load_admin("cities", "full"),
            "counties": _counties_frame(geocoder),
        }
        located = linked.projects
        located, review = edits.apply_to_build(located, store_url, [d for _, d, _ in docs], geocoder, tmp)
        export.write_geojson(tmp / "projects.geojson", located)
        export.write_projects_csv(tmp / "projects.csv", located)
        export.write_mentions_csv(tmp / "mentions.csv", linked.mentions)
        export.write_suggested_links_csv(tmp / "suggested_links.csv", linked.suggestions)
        export.write_targets_csv(tmp / "targets.csv", targets)
        export.write_unresolved_csv(tmp / "unresolved.csv", unresolved_rows)
        export.write_gpkg(tmp / "catalog.gpkg", located, targets, admin, mentions=linked.mentions)
        export.write_lines_geojson(tmp / "project_lines.geojson", located)
        from geo.qml import write_qml

        write_qml(tmp / "projects.qml")
        if shapefile:
            from geo.export_shapefile import write_shapefile

            write_shapefile(tmp / "shapefile", located)
        timings["write"] = time.perf_counter() - t

        per_source_projects = Counter(m.source for m in linked.mentions)
        per_source_targets = Counter(tg.source for tg in targets)
        per_source_unres = Counter(r["source"] for r in unresolved_rows)
        precisions = Counter(lp.location.precision for lp in located)
        order_prec = ["site", "township", "county", "city", "region", "province"]
        report = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "seeds": str(seeds),
            "out": str(out),
            "boundaries": str(boundaries) if boundaries else None,
            "sources": [
                {
                    "source": plan.source,
                    "title": doc.meta.title,
                    "region": doc.meta.region_name,
                    "region_adcode": doc.meta.region_adcode,
                    "doc_number": doc.meta.doc_number,
                    "date": doc.meta.date,
                    "encoding": plan.encoding,
                    "projects": per_source_projects.get(plan.source, 0),
                    "targets": per_source_targets.get(plan.source, 0),
                    "unresolved_rows": per_source_unres.get(plan.source, 0),
                }
                for plan, doc, _ in docs
            ],
            "skipped": skipped,
            "counts": {
                "projects": len(located),
                "mentions": len(linked.mentions),
                "suggested_links": len(linked.suggestions),
                "extracted": len(projects),
                "unplaced": unplaced,
                "unresolved_rows": len(unresolved_rows),
                "targets": len(targets),
                "offshore": sum(1 for lp in located if lp.location.offshore),
                "lines": sum(1 for lp in located if lp.location.wkt),
                "by_precision": {k: precisions[k] for k in order_prec if precisions[k]},
                "by_city": _sorted_counts(lp.location.city or "(no single city)" for lp in located),
                "by_category": _sorted_counts(lp.project.category for lp in located),
            },
            "timings_s": {},
            "notes": geocoder.notes,
            "review": review,
            "files": list(OUTPUT_FILES),
            "schema": {
                "projects": names(PROJECT_FIELDS),
                "mentions": names(MENTION_FIELDS),
                "targets": names(TARGET_FIELDS),
            },
        }
        timings["total"] = time.perf_counter() - t_start
        report["timings_s"] = {k: round(v, 3) for k, v in timings.items()}
        from geo.export_office import write_xlsx

        write_xlsx(tmp / "projects.xlsx", located, targets, report["built_at"], report["sources"])
        export.write_report(tmp, report)
        outdir.commit(tmp, out)
        stages.update()
    except BaseException as exc:
        raise outdir.abandon(tmp, out, exc) from None
    finally:
        stages.close()
    return report


def _sorted_counts(values) -> dict[str, int]:
    from collections import Counter

    counts = Counter(values)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _counties_frame(geocoder):
    """The county polygons the geocoder used (the user's where given), as a GeoDataFrame."""
    import geopandas as gpd

    rows = [
        {
            "adcode": u.adcode,
            "name": u.name,
            "short_name": u.short_name,
            "level": u.level,
            "parent_adcode": u.parent,
            "rep_lon": u.lon,
            "rep_lat": u.lat,
            "geometry": u.geom,
        }
        for u in sorted(geocoder.units.values(), key=lambda u: u.adcode)
        if u.level == "county"
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
