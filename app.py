"""山东省碳达峰规划项目地图 · the planners' map: a thin Streamlit view over the built catalog.

    streamlit run serve.py          (or: bash scripts/run.sh; serve.py gzips Streamlit's frontend bundle)

Reads the catalog folder (`build/`, or the folder in the environment variable SDCARBON_CATALOG_DIR) through
geo.catalog; builds `build/` from `seeds/` on the first run when it is missing. Never extracts anything itself.

Works with no network: Leaflet, its marker-cluster plugin, the icons and the app's map code are served from
`static/` (vendored, see static/README.md) as a small Streamlit component (static/index.html), the boundaries
from `layers/display/` and the project data through a web cache folder; OpenStreetMap tiles are an optional
overlay, off by default.

Speed: the map iframe is created once and stays across reruns; each run sends it only a small state (the
indices of the filtered projects, the shading, the counts). Project data is written once per catalog to two
JSON files the browser fetches once and keeps (Cache Storage). The map sends nothing back, so panning and
clicking never rerun the script. The first tab under the map is a light HTML summary; the table's data grid
(a large part of Streamlit's JavaScript) loads only when its tab is opened.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import streamlit as st

import geo
from geo.catalog import (
    CAPACITY_UNIT,
    PRECISIONS,
    Catalog,
    CatalogError,
    Filters,
    apply_filters,
    load_catalog,
    write_atomic,
)
from geo.i18n import LANGS, category_label, indicator_label, lang_or_default, precision_label, t
from geo.urlvalues import parse_view_params

CATALOG_ENV = "SDCARBON_CATALOG_DIR"
WEB_CACHE_ENV = "SDCARBON_WEB_CACHE"
STATIC_DIR = geo.REPO_ROOT / "static"
DISPLAY_DIR = geo.LAYERS_DIR / "display"
MAP_HEIGHT = 620
MAX_TABLE_ROWS = 1000  # the table shows at most this many rows (the downloads have all)
SHANDONG_BOUNDS = [[34.38, 114.8], [38.4, 122.72]]  # fallback when the province layer is missing
# URL parameters of the app itself (the filters' own are geo.catalog.FILTER_PARAM_KEYS)
APP_KEYS = ("lang", "shade", "ind", "tyear", "sel")
SHADES = ("none", "count_county", "count_city", "cap_county", "cap_city", "target_city")
RAMP = ["#fff5d6", "#fdd49e", "#fc8d59", "#e34a33", "#b30000"]


# ------------------------------------------------------------------------------------------------
# files served to the map iframe


def web_root() -> Path:
    root = os.environ.get(WEB_CACHE_ENV)
    path = Path(root) if root else Path(tempfile.gettempdir()) / f"sdcarbon-web-{os.getuid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _components():
    """The map component (static/index.html, which also serves Leaflet and the app's map code) and the URL of
    the web cache (project data, boundaries) relative to the map's iframe (…/component/<name>/index.html)."""
    import streamlit.components.v1 as components

    try:
        mapc = components.declare_component("sdcarbon_map", path=str(STATIC_DIR))
        web = components.declare_component("sdcarbon_web", path=str(web_root()))
        return mapc, f"../{web.name}/"
    except Exception:  # no runtime (bare script): nothing is drawn then
        return None, "../app.sdcarbon_web/"


def _files_signature(paths: list[Path]) -> str:
    h = hashlib.sha1()
    for p in paths:
        try:
            stat = p.stat()
            h.update(f"{p}:{stat.st_mtime_ns}:{stat.st_size};".encode())
        except OSError:
            h.update(f"{p}:missing;".encode())
    return h.hexdigest()[:16]


LAYER_FORMAT = "compact-1e4-v1"  # part of the layers' URL: a new format is a new URL (browser caches)
MARKER_FORMAT = "v2-5dp"  # part of the project data's URL, like LAYER_FORMAT
LAYER_Q = (
    10_000  # boundary coordinates in 1/10,000 degree (about 10 m): the display layers are simplified anyway
)
WEB_CACHE_KEEP = 6  # published catalog / layer versions kept in the web cache (newest first) ...
WEB_CACHE_MAX_AGE = 7 * 24 * 3600  # ... and older ones are removed once unused for this long (seconds)


def compact_layer(fc: dict, q: int = LAYER_Q) -> dict:
    """A boundary FeatureCollection as static/sdmap.js's decodeLayer reads it: only adcode, name and label point,
    rings as delta-encoded integers in 1/q degrees (a third of the GeoJSON's size, gzipped)."""

    def ring(coords) -> list[int]:
        out, px, py = [], 0, 0
        for x, y, *_ in coords:
            ix, iy = round(x * q), round(y * q)
            out += [ix - px, iy - py]
            px, py = ix, iy
        return out

    features = []
    for f in fc.get("features", []):
        g = f.get("geometry") or {}
        polys = g.get("coordinates") or []
        if g.get("type") == "Polygon":
            polys = [polys]
        elif g.get("type") != "MultiPolygon":
            continue
        props = f.get("properties") or {}
        rep = None
        if props.get("rep_lon") is not None and props.get("rep_lat") is not None:
            rep = [round(float(props["rep_lon"]), 5), round(float(props["rep_lat"]), 5)]
        features.append(
            {
                "a": str(props.get("adcode", "")),
                "n": str(props.get("name", "")),
                "r": rep,
                "g": [[ring(r) for r in poly] for poly in polys],
            }
        )
    return {"q": q, "f": features}


def _bounds(fc: dict) -> list[list[float]] | None:
    xs, ys = [], []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)

    for f in fc.get("features", []):
        walk((f.get("geometry") or {}).get("coordinates") or [])
    return [[min(ys), min(xs)], [max(ys), max(xs)]] if xs else None


def prune_web_cache(keep: set[str], root: Path) -> None:
    """Bound the web cache: remove published versions other than `keep` beyond the newest WEB_CACHE_KEEP of
    each kind, and any older than WEB_CACHE_MAX_AGE (other app instances may share the folder: recent ones stay)."""
    import time

    now = time.time()
    for prefix in ("cat-", "layers-", ".layers-"):
        entries = []
        for p in root.glob(prefix + "*"):
            try:
                entries.append((p.stat().st_mtime, p))
            except OSError:
                continue
        entries.sort(reverse=True)
        for rank, (mtime, p) in enumerate(entries):
            if p.name in keep:
                continue
            if rank >= WEB_CACHE_KEEP or now - mtime > WEB_CACHE_MAX_AGE:
                shutil.rmtree(p, ignore_errors=True)


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def publish_layers(signature: str, root: str) -> dict:
    """Write the display boundaries into the web cache in the compact format (once per layer version); their
    URL names and the province's bounds."""
    name = f"layers-{signature}"
    out = Path(root) / name
    bounds = SHANDONG_BOUNDS
    sources = {}
    for level in ("province", "cities", "counties"):
        try:
            sources[level] = json.loads((DISPLAY_DIR / f"{level}.geojson").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            sources[level] = {"type": "FeatureCollection", "features": []}
    with contextlib.suppress(KeyError, TypeError, IndexError):
        bounds = _bounds(sources["province"]) or bounds
    if not out.exists():
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=".layers-"))
        dump = {"ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
        for level, fc in sources.items():
            (tmp / f"{level}.json").write_text(json.dumps(compact_layer(fc), **dump), encoding="utf-8")
        os.chmod(tmp, 0o755)
        try:
            os.replace(tmp, out)
        except OSError:  # another session published it meanwhile
            shutil.rmtree(tmp, ignore_errors=True)
    _touch(out)
    return {"name": name, "files": {lv: f"{name}/{lv}.json" for lv in sources}, "bounds": bounds}


def _symbol_size(value, unit) -> int:
    if unit == CAPACITY_UNIT and value is not None and not math.isnan(value) and value > 0:
        return int(max(16, min(32, round(16 + 5 * math.log10(1 + value / 50)))))
    return 16


def marker_payload(catalog: Catalog) -> tuple[dict, dict]:
    """(markers, details) for the map: compact column arrays over all projects, in catalog order."""
    p = catalog.projects
    cats = sorted(set(p["category"].fillna("other")))
    cat_index = {c: i for i, c in enumerate(cats)}
    plans = [s.get("title") or s["source"] for s in catalog.sources]
    plan_index = {s["source"]: i for i, s in enumerate(catalog.sources)}
    m = {
        "n": len(p),
        "ids": [],
        "name": [],
        "cat": [],
        "cats": cats,
        "lon": [],
        "lat": [],
        "r": [],
        "approx": [],
    }
    m["offshore"], m["line"] = [], {}
    d = {
        k: [] for k in ("cap", "cap_text", "place", "precision", "owner", "year", "units", "plan", "section")
    }
    d.update(quote=[], note=[], plans=plans)
    for i, row in enumerate(p.itertuples(index=False)):
        m["ids"].append(row.id)
        m["name"].append(row.name or "")
        m["cat"].append(cat_index[row.category or "other"])
        g = row.geometry
        lon = lat = None
        if g is not None and not g.is_empty:
            if g.geom_type in ("LineString", "MultiLineString"):
                parts = [g] if g.geom_type == "LineString" else list(g.geoms)
                m["line"][i] = [[[round(x, 5), round(y, 5)] for x, y, *_ in part.coords] for part in parts]
                c = parts[0].coords[0]
                lon, lat = c[0], c[1]
            else:
                pt = g if g.geom_type == "Point" else g.representative_point()
                lon, lat = pt.x, pt.y
        m["lon"].append(None if lon is None else round(lon, 5))  # 5 decimals: about 1 m
        m["lat"].append(None if lat is None else round(lat, 5))
        value = row.capacity_value
        m["r"].append(_symbol_size(value, row.capacity_unit))
        m["approx"].append(1 if row.precision in ("city", "region", "province") else 0)
        m["offshore"].append(1 if row.offshore else 0)
        cap = ""
        if value is not None and not math.isnan(value):
            cap = f"{value:,.6g} {row.capacity_unit or ''}".strip()
        d["cap"].append(cap)
        d["cap_text"].append(row.capacity_text or "")
        d["place"].append(" · ".join(x for x in (row.city, row.county, row.township) if x))
        d["precision"].append(row.precision or "")
        d["owner"].append(row.owner or "")
        year = row.target_year
        d["year"].append("" if year is None or str(year) == "<NA>" else str(int(year)))
        d["units"].append("、".join(row.responsible_units or []))
        d["plan"].append(plan_index.get(row.source, -1))
        d["section"].append(row.section or "")
        d["quote"].append(row.quote or "")
        d["note"].append(row.location_note or "")
    # JSON object keys are strings; JS indexes line[i] with a number, which converts to the same key
    return m, d


@st.cache_resource(show_spinner=False, max_entries=4)
def publish_catalog(catalog_key: str, root: str, _catalog: Catalog) -> str:
    """Write markers.json + details.json for this catalog version; returns its folder name in the web cache."""
    name = "cat-" + hashlib.sha1(f"{catalog_key}:{MARKER_FORMAT}".encode()).hexdigest()[:16]
    out = Path(root) / name
    if not (out / "details.json").exists():
        markers, details = marker_payload(_catalog)
        out.mkdir(parents=True, exist_ok=True)
        os.chmod(out, 0o755)
        dump = {"ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
        write_atomic(out / "markers.json", json.dumps(markers, **dump).encode("utf-8"))
        write_atomic(out / "details.json", json.dumps(details, **dump).encode("utf-8"))
    _touch(out)
    return name


@st.cache_resource(show_spinner=False, max_entries=4)
def pruned_web_cache(layers_name: str, data_dir: str, root: str) -> bool:
    """Clean the web cache once per published pair (per server process)."""
    prune_web_cache({layers_name, data_dir}, Path(root))
    return True


@st.cache_data(show_spinner=False)
def category_styles(lang: str) -> dict:
    """{code: {color, label, vb, d}}: colour from geo.vocab, icon path from the vendored Font Awesome set."""
    from geo.vocab import CATEGORIES

    try:
        from geo.vocab import CATEGORY_STYLE
    except ImportError:  # older vocab
        CATEGORY_STYLE = {}
    try:
        icons = json.loads((STATIC_DIR / "vendor/fontawesome/icons.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        icons = {}
    out = {}
    for code in CATEGORIES:
        style = CATEGORY_STYLE.get(code, {})
        icon = icons.get(style.get("icon", ""), {})
        out[code] = {
            "color": style.get("color", "#888888"),
            "label": category_label(code, lang),
            "vb": icon.get("viewBox"),
            "d": icon.get("d"),
        }
    return out


# ------------------------------------------------------------------------------------------------
# catalog


def catalog_dir() -> tuple[Path, bool]:
    """(folder, is the default build folder)"""
    env = os.environ.get(CATALOG_ENV, "").strip()
    if env:
        return Path(env).expanduser(), False
    return geo.DEFAULT_BUILD_DIR, True


def catalog_signature(folder: Path) -> str:
    files = [folder / n for n in ("projects.geojson", "targets.csv", "build_report.json")]
    return _files_signature([folder.resolve(), *files])


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_catalog(folder: str, signature: str) -> Catalog:
    return load_catalog(Path(folder))


def build_default_catalog(lang: str) -> str | None:
    """Build build/ from seeds/ (first run). Returns an error message, or None on success."""
    with st.spinner(t("building", lang)):
        try:
            from geo.build import build_catalog

            build_catalog(geo.SEEDS_DIR, geo.DEFAULT_BUILD_DIR)
        except Exception as exc:  # a clear message on the page, never a traceback
            return f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)
    return None


# ------------------------------------------------------------------------------------------------
# URL <-> widgets


def _params_now() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118


def _normalize(params: dict) -> str:
    norm = {k: (v if isinstance(v, list) else [v]) for k, v in params.items() if v not in (None, "", [])}
    return json.dumps(norm, sort_keys=True, ensure_ascii=False)


def read_url(catalog: Catalog) -> None:
    """When the URL is new to this session (first run, or a link opened), set the widgets from it."""
    ss = st.session_state
    params = _params_now()
    sig = _normalize(params)
    if ss.get("_url_sig") == sig:
        return
    filters, warnings = Filters.from_query_params(params, known=catalog.known_values(), ignore=APP_KEYS)
    view, view_warnings = parse_view_params(params, langs=LANGS, shades=SHADES, ids=catalog.projects["id"])
    warnings += view_warnings
    lang, shade, sel, ind, tyear = (view[k] for k in ("lang", "shade", "sel", "ind", "tyear"))

    ss["lang"] = lang_or_default(lang)
    ss["f_plans"] = filters.plans
    ss["f_cats"] = filters.categories
    ss["f_cities"] = filters.cities
    ss["f_counties"] = filters.counties
    ss["f_prec"] = filters.precisions
    ss["f_cap_min"] = filters.capacity_min
    ss["f_cap_max"] = filters.capacity_max
    ss["f_years"] = filters.years
    ss["f_unit"] = filters.unit_query
    ss["f_name"] = filters.name_query
    ss["shade"] = shade or "none"
    ss["_ind"] = ind
    ss["_tyear"] = tyear
    ss["sel"] = sel
    ss["_url_filters"] = filters
    ss["_warnings"] = warnings
    ss["_url_sig"] = sig
    ss.pop("table", None)


def filters_from_widgets() -> Filters:
    ss = st.session_state
    return Filters(
        plans=list(ss.get("f_plans") or []),
        categories=list(ss.get("f_cats") or []),
        cities=list(ss.get("f_cities") or []),
        counties=list(ss.get("f_counties") or []),
        precisions=list(ss.get("f_prec") or []),
        capacity_min=ss.get("f_cap_min"),
        capacity_max=ss.get("f_cap_max"),
        years=[int(y) for y in ss.get("f_years") or []],
        unit_query=(ss.get("f_unit") or "").strip(),
        name_query=(ss.get("f_name") or "").strip(),
    )


def write_url(filters: Filters, extra: dict) -> None:
    params = dict(filters.to_query_params())
    for k, v in extra.items():
        if v not in (None, "", []):
            params[k] = v if isinstance(v, list) else str(v)
    sig = _normalize(params)
    if sig != _normalize(_params_now()):
        st.query_params.from_dict(params)
    st.session_state["_url_sig"] = sig


def clear_filters() -> None:
    ss = st.session_state
    for key in ("f_plans", "f_cats", "f_cities", "f_counties", "f_prec", "f_years"):
        ss[key] = []
    for key in ("f_cap_min", "f_cap_max"):
        ss[key] = None
    ss["f_unit"] = ""
    ss["f_name"] = ""
    ss["sel"] = None
    ss.pop("table", None)


# ------------------------------------------------------------------------------------------------
# choropleths


def _breaks(values: list[float]) -> list[float]:
    vals = sorted(v for v in values if v > 0)
    if not vals:
        return []
    uniq = sorted(set(vals))
    if len(uniq) <= len(RAMP):
        return uniq
    import numpy as np

    qs = np.quantile(vals, [i / len(RAMP) for i in range(1, len(RAMP))])
    return sorted({float(q) for q in qs} | {vals[-1]})


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.3g}"


def shade_data(
    shade: str, shown, catalog: Catalog, lang: str, ind: str | None, tyear: int | None
) -> tuple[dict | None, str | None]:
    """({level, values: {adcode: [value, colour, text]}, title, legend, value_label}, message)."""
    if shade == "none":
        return None, None
    if shade == "target_city":
        tg = catalog.targets
        tg = tg[(tg["indicator"] == ind) & (tg["year"] == tyear)] if ind and tyear else tg.iloc[0:0]
        tg = tg[tg["region_adcode"].fillna("").str.match(r"^37\d\d00$") & (tg["region_adcode"] != "370000")]
        if tg.empty:
            return None, t("no_targets", lang)
        units = sorted(set(tg["unit"].dropna()))
        series = tg.groupby("region_adcode")["value"].max()
        level, unit = "cities", "/".join(units)
        title = f"{indicator_label(ind, lang)} {tyear}" + (f"（{unit}）" if lang == "zh" else f" ({unit})")
    else:
        kind, lvl = shade.split("_")
        col = "county_adcode" if lvl == "county" else "city_adcode"
        level = "counties" if lvl == "county" else "cities"
        if kind == "count":
            series = shown.dropna(subset=[col]).groupby(col).size().astype(float)
            unit = t("count", lang)
        else:
            mw = shown[(shown["capacity_unit"] == CAPACITY_UNIT) & shown["capacity_value"].notna()]
            series = mw.dropna(subset=[col]).groupby(col)["capacity_value"].sum()
            unit = "MW"
        title = t(f"choro_{shade}", lang)
    breaks = _breaks([float(v) for v in series.values])
    if shade.startswith("count"):  # counts: whole-number classes
        breaks = sorted({math.ceil(b) for b in breaks})
    values, legend = {}, []
    lo = 0.0
    colors = RAMP[-len(breaks) :] if breaks else []
    for k, b in enumerate(breaks):
        legend.append([colors[k], f"{_fmt(lo)} – {_fmt(b)}" if k else f"≤ {_fmt(b)}"])
        lo = b
    for code, v in series.items():
        v = float(v)
        if v <= 0:
            continue
        k = next((j for j, b in enumerate(breaks) if v <= b + 1e-9), len(breaks) - 1)
        values[str(code)] = [v, colors[k], f"{_fmt(v)} {unit}"]
    return {"level": level, "values": values, "title": title, "legend": legend, "value_label": unit}, None


# ------------------------------------------------------------------------------------------------
# map


def map_config(lang: str, web_url: str, layers: dict) -> dict:
    """What the map iframe needs once per language: boundaries, category symbols, labels (no project data)."""
    fields = {
        k: t(k if k != "target_year" else "target_year_col", lang)
        for k in (
            "capacity",
            "location",
            "precision",
            "offshore",
            "offshore_yes",
            "owner",
            "target_year",
            "responsible_units",
            "doc_title",
            "section",
            "quote",
            "location_note",
            "id",
        )
    }
    fields["capacity"] = t("capacity_value", lang).split("（")[0] if lang == "zh" else "Capacity"
    cfg = {
        "lang": lang,
        "bounds": layers["bounds"],
        "layers": {k: web_url + v for k, v in layers["files"].items()},
        "cats": category_styles(lang),
        "labels": {
            k: t(
                f"map_{k}" if k not in ("legend_title", "legend_approx", "legend_size", "loading") else k,
                lang,
            )
            for k in (
                "county_borders",
                "city_borders",
                "province",
                "labels",
                "osm",
                "legend_title",
                "legend_approx",
                "legend_size",
                "loading",
            )
        },
        "fields": fields,
        "precision_labels": {p: precision_label(p, lang) for p in PRECISIONS},
    }
    cfg["labels"]["place_labels"] = cfg["labels"].pop("labels")

    return cfg


# ------------------------------------------------------------------------------------------------
# page


def _esc(v) -> str:
    return html.escape("" if v is None else str(v))


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$&")


def md_literal(text: str) -> str:
    """Text (e.g. a value from the URL) shown literally inside Streamlit markdown: no links, images, HTML."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text))


def details_html(row, lang: str, titles: dict[str, str]) -> str:
    """A card with every field of one project; all text HTML-escaped."""
    cap = []
    if row["capacity_value"] is not None and not math.isnan(row["capacity_value"]):
        cap.append(f"{row['capacity_value']:,.6g} {row['capacity_unit'] or ''}".strip())
    if row["capacity_text"]:
        cap.append(f"（{row['capacity_text']}）")
    year = row["target_year"]
    rows = [
        (t("category", lang), category_label(row["category"], lang)),
        (t("capacity", lang).split("（")[0] if lang == "zh" else "Capacity", " ".join(cap)),
        (t("location", lang), " · ".join(x for x in (row["city"], row["county"], row["township"]) if x)),
        (t("precision", lang), precision_label(row["precision"], lang)),
        (t("offshore", lang), t("offshore_yes", lang) if row["offshore"] else ""),
        (t("owner", lang), row["owner"]),
        (t("target_year_col", lang), "" if year is None or str(year) == "<NA>" else int(year)),
        (t("responsible_units", lang), "、".join(row["responsible_units"] or [])),
        (t("doc_title", lang), titles.get(row["source"], row["doc_title"])),
        (t("source", lang), row["source"]),
        (t("section", lang), row["section"]),
        (t("location_note", lang), row["location_note"]),
        (t("id", lang), row["id"]),
    ]
    body = "".join(
        f"<tr><th style='text-align:left;color:#666;font-weight:400;padding-right:12px;white-space:nowrap;"
        f"vertical-align:top'>{_esc(k)}</th><td>{_esc(v)}</td></tr>"
        for k, v in rows
        if v not in (None, "")
    )
    quote = ""
    if row["quote"]:
        quote = (
            f"<div style='color:#666;margin-top:6px'>{_esc(t('quote', lang))}</div>"
            f"<blockquote style='margin:2px 0;padding:4px 10px;border-left:3px solid #bbb;background:#f6f6f6'>"
            f"{_esc(row['quote'])}</blockquote>"
        )
    return (
        f"<div class='sd-details' data-id='{_esc(row['id'])}'>"
        f"<div style='font-size:1.15rem;font-weight:700;margin-bottom:4px'>{_esc(row['name'])}</div>"
        f"<table style='border-collapse:collapse'>{body}</table>{quote}</div>"
    )


def legend_css(options: list[str], styles: dict) -> str:
    """Colour the category pills like the map's symbols (config colours only)."""
    rules = []
    for k, code in enumerate(options, start=1):
        color = styles.get(code, {}).get("color", "#888888")
        rules.append(
            f".st-key-f_cats button[data-variant^='pills']:nth-of-type({k})::before{{content:'';display:inline-block;width:.8em;"
            f"height:.8em;border-radius:50%;margin-right:.35em;background:{color};border:1px solid #fff;"
            f"box-shadow:0 0 0 1px {color}}}"
        )
    return "<style>" + "".join(rules) + "</style>"


def stats_html(shown, level: str, lang: str) -> str:
    """Project count and total MW per county or city of the filtered projects, as a small escaped HTML table
    (no data grid: this is the default tab and must stay light)."""
    col = "county" if level == "county" else "city"
    placed = shown.dropna(subset=[col])
    if placed.empty:
        return f"<p style='color:#666'>{_esc(t('stats_none', lang))}</p>"
    count = placed.groupby(col).size()
    is_mw = (placed["capacity_unit"] == CAPACITY_UNIT) & placed["capacity_value"].notna()
    mw = placed[is_mw].groupby(col)["capacity_value"].sum()
    city_of = placed.groupby(col)["city"].first() if col == "county" else None
    order = sorted(count.index, key=lambda k: (-int(count[k]), -float(mw.get(k, 0.0)), str(k)))
    head = [t(f"level_{level}", lang), t("count", lang), t("total_mw", lang)]
    if city_of is not None:
        head.insert(1, t("city", lang))
    cell = "padding:2px 10px;border-bottom:1px solid #eee"
    rows = []
    for k in order:
        cells = [f"<td style='{cell}'>{_esc(k)}</td>"]
        if city_of is not None:
            cells.append(f"<td style='{cell};color:#666'>{_esc(city_of.get(k) or '')}</td>")
        total = float(mw.get(k, 0.0))
        cells.append(f"<td style='{cell};text-align:right'>{int(count[k])}</td>")
        cells.append(f"<td style='{cell};text-align:right'>{_fmt(total) if total > 0 else ''}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    ths = "".join(
        f"<th style='{cell};text-align:{'left' if i < len(head) - 2 else 'right'};position:sticky;top:0;"
        f"background:#fff'>{_esc(h)}</th>"
        for i, h in enumerate(head)
    )
    return (
        "<div class='sd-stats' style='max-height:420px;overflow:auto;font-size:0.9rem'>"
        f"<table style='border-collapse:collapse'><thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}"
        "</tbody></table></div>"
    )


def table_frame(shown, lang: str, titles: dict[str, str]):
    import pandas as pd

    cap = [
        None if v is None or math.isnan(v) else v
        for v in shown["capacity_value"].astype("float64").where(shown["capacity_unit"] == CAPACITY_UNIT)
    ]
    frame = pd.DataFrame(
        {
            t("name", lang): shown["name"].values,
            t("category", lang): [category_label(c, lang) for c in shown["category"]],
            t("city", lang): shown["city"].values,
            t("county", lang): shown["county"].values,
            t("township", lang): shown["township"].values,
            t("precision", lang): [precision_label(p, lang) for p in shown["precision"]],
            "MW": cap,
            t("capacity_text", lang): shown["capacity_text"].values,
            t("target_year_col", lang): shown["target_year"].values,
            t("owner", lang): shown["owner"].values,
            t("responsible_units", lang): ["、".join(u or []) for u in shown["responsible_units"]],
            t("doc_title", lang): [titles.get(s, s) for s in shown["source"]],
        }
    )
    # repeated texts as categories: the table's Arrow payload shrinks about 3x
    for col in frame.columns:
        texts = frame[col].dtype == object or str(frame[col].dtype) == "str"
        if texts and len(frame) > 20 and frame[col].nunique() < len(frame) / 2:
            frame[col] = frame[col].astype("category")
    return frame


def main() -> None:
    ss = st.session_state
    url_lang = lang_or_default((st.query_params.get_all("lang") or [None])[-1])
    lang = lang_or_default(ss.get("lang", url_lang))
    st.set_page_config(page_title=t("page_title", lang), layout="wide", page_icon="🗺️")

    folder, is_default = catalog_dir()
    if is_default and not (folder / "projects.geojson").exists():
        err = build_default_catalog(lang)
        if err:
            st.title(t("title", lang))
            st.error(t("build_failed", lang, err=err))
            st.stop()
    try:
        catalog = cached_catalog(str(folder), catalog_signature(folder))
    except CatalogError as exc:
        st.title(t("title", lang))
        st.error(t("catalog_error", lang, err=exc))
        st.info(t("catalog_hint", lang))
        st.stop()
    except Exception as exc:  # anything unexpected in a catalog file: a message, not a traceback
        st.title(t("title", lang))
        st.error(t("catalog_error", lang, err=f"{type(exc).__name__}: {exc}"))
        st.info(t("catalog_hint", lang))
        st.stop()

    read_url(catalog)
    lang = lang_or_default(ss.get("lang"))
    projects = catalog.projects
    titles = catalog.plan_titles()
    styles = category_styles(lang)

    # ---------------- filtering: categories are picked in the legend, so count them without that filter
    filters = filters_from_widgets()
    if filters != ss.get("_url_filters"):
        ss["_warnings"] = []  # the user has moved on from the link
    base = apply_filters(projects, filters.replace(categories=[]))
    counts = base["category"].value_counts().to_dict()

    # ---------------- header
    st.markdown(f"## {t('title', lang)}")
    built = str(catalog.built_at).replace("T", " ").replace("+00:00", " UTC")
    st.caption(t("subtitle", lang, n=len(projects), plans=len(catalog.sources), built=built))
    if catalog.report.get("synthetic") or any(s["source"].startswith("synthetic_") for s in catalog.sources):
        st.warning(t("synthetic_note", lang))
    for w in ss.get("_warnings") or []:
        st.warning(t("bad_param", lang, msg=md_literal(w)))

    from geo.vocab import CATEGORIES

    cat_opts = [c for c in CATEGORIES if c in set(projects["category"]) or c in (ss.get("f_cats") or [])]
    st.html(legend_css(cat_opts, styles))
    st.pills(
        t("category", lang),
        cat_opts,
        selection_mode="multi",
        key="f_cats",
        format_func=lambda c: f"{category_label(c, lang)} ({counts.get(c, 0)})",
        help=t("legend_help", lang),
    )
    filters = filters_from_widgets()
    shown = apply_filters(projects, filters)

    # selection from the table (previous interaction) or from the URL
    table_ids = ss.get("_table_ids") or []
    table_state = ss.get("table")
    if table_state is not None:
        try:
            rows = table_state["selection"]["rows"]
        except (KeyError, TypeError):
            rows = []
        if rows and rows[0] < len(table_ids):
            ss["sel"] = table_ids[rows[0]]
        elif ss.get("_table_had_selection"):
            ss["sel"] = None
        ss["_table_had_selection"] = bool(rows)
    sel = ss.get("sel")
    if sel is not None and sel not in set(shown["id"]):
        sel = None

    # ---------------- count line and shading controls, in one row above the map
    n_lines = int(shown.geom_type.isin(["LineString", "MultiLineString"]).sum()) if len(shown) else 0
    n_off = int(shown["offshore"].sum()) if len(shown) else 0
    line = t("n_shown", lang, n=len(shown), total=len(projects))
    if n_lines:
        line += " " + t("n_lines", lang, n=n_lines)
    if n_off:
        line += " " + t("n_offshore", lang, n=n_off)
    col_n, col_a, col_b, col_c = st.columns([3, 2, 1.4, 1], vertical_alignment="bottom")
    col_n.markdown(f"**{_esc(line)}**")
    with col_a:
        shade = st.selectbox(
            t("map_mode", lang), SHADES, key="shade", format_func=lambda s: t(f"choro_{s}", lang)
        )
    ind = tyear = None
    if shade == "target_city":
        tg = catalog.targets
        # indicators with targets for the most cities first
        inds = list(tg["indicator"].dropna().value_counts().index)
        with col_b:
            if inds:
                default = ss.get("_ind") if ss.get("_ind") in inds else inds[0]
                ind = st.selectbox(
                    t("indicator", lang),
                    inds,
                    index=inds.index(default),
                    format_func=lambda c: indicator_label(c, lang),
                )
                ss["_ind"] = ind
        with col_c:
            yrs = sorted({int(y) for y in tg.loc[tg["indicator"] == ind, "year"].dropna()})
            if yrs:
                default = ss.get("_tyear") if ss.get("_tyear") in yrs else yrs[-1]
                tyear = st.selectbox(t("target_year", lang), yrs, index=yrs.index(default))
                ss["_tyear"] = tyear
    choro, choro_msg = shade_data(shade, shown, catalog, lang, ind, tyear)

    write_url(
        filters,
        {
            "lang": lang if lang != "zh" else None,
            "shade": shade if shade != "none" else None,
            "ind": ind,
            "tyear": tyear,
            "sel": sel,
        },
    )

    if len(projects) == 0:
        st.info(t("empty_catalog", lang))
    elif len(shown) == 0:
        st.info(t("no_results", lang))
    if choro_msg:
        st.info(choro_msg)

    # ---------------- map
    map_component, web_url = _components()
    layer_files = [DISPLAY_DIR / f"{x}.geojson" for x in ("province", "cities", "counties")]
    root = str(web_root())
    layer_key = hashlib.sha1(f"{_files_signature(layer_files)}:{LAYER_FORMAT}".encode()).hexdigest()[:16]
    layers = publish_layers(layer_key, root)
    cat_key = catalog_signature(folder)
    data_dir = publish_catalog(cat_key, root, catalog)
    pruned_web_cache(layers["name"], data_dir, root)
    pos = {pid: i for i, pid in enumerate(projects["id"])}
    idx = None if len(shown) == len(projects) else [int(i) for i in shown.index]
    state = {
        "base": f"{web_url}{data_dir}/",
        "idx": idx,
        "sel": pos.get(sel) if sel else None,
        "choro": choro,
        "counts": [[c, int(n)] for c, n in shown["category"].value_counts().items()],
        "fit": "all" if filters.is_empty() else hashlib.sha1(repr(filters).encode()).hexdigest()[:10],
    }
    if map_component is not None:
        # the iframe stays across reruns: a filter change only sends the new state (indices, shading, counts)
        map_component(
            cfg=map_config(lang, web_url, layers), state=state, height=MAP_HEIGHT, key="map", default=None
        )
    st.caption(t("boundaries_note", lang))

    sidebar(catalog, titles, lang)

    # ---------------- details of the selected project
    if sel is not None:
        row = shown[shown["id"] == sel].iloc[0]
        st.subheader(t("details", lang))
        st.html(details_html(row, lang, titles))

    # ---------------- tabs
    # lazy tabs: only the open one runs and is sent to the browser. The first (default) tab is a plain HTML
    # summary: the table's data grid costs about 1.7 MB of Streamlit's JavaScript and a second or more of the
    # browser's time, which would otherwise compete with drawing the map on the first visit.
    tab_stats, tab_table, tab_targets, tab_dl = st.tabs(
        [t("tab_stats", lang), t("tab_table", lang), t("tab_targets", lang), t("tab_download", lang)],
        key="tab",
        on_change="rerun",
    )
    if tab_stats.open is not False:
        with tab_stats:
            level = st.segmented_control(
                t("stats_level", lang),
                ["county", "city"],
                format_func=lambda x: t(f"level_{x}", lang),
                key="stats_level",
                default="county",
                required=True,
            )
            st.html(stats_html(shown, level or "county", lang))
            st.caption(t("table_note", lang, n=len(shown), cap=MAX_TABLE_ROWS))
    if tab_table.open is not False:
        with tab_table:
            rows = shown.head(MAX_TABLE_ROWS)
            if len(shown) > MAX_TABLE_ROWS:
                st.warning(t("table_capped", lang, n=MAX_TABLE_ROWS, total=len(shown)))
            st.caption(t("pick_hint", lang))
            frame = table_frame(rows, lang, titles)
            ss["_table_ids"] = list(rows["id"])
            st.dataframe(
                frame,
                hide_index=True,
                on_select="rerun",
                selection_mode="single-row",
                key="table",
                placeholder="",
                height=min(420, 38 + 35 * max(1, len(frame))),
            )
    if tab_targets.open is not False:
        with tab_targets:
            import pandas as pd

            tg = catalog.targets
            if filters.plans:
                tg = tg[tg["source"].isin(filters.plans)]
            if tg.empty:
                st.info(t("targets_none", lang))
            else:
                st.dataframe(
                    pd.DataFrame(
                        {
                            t("region", lang): tg["region"].values,
                            t("indicator", lang): [indicator_label(c, lang) for c in tg["indicator"]],
                            t("year", lang): tg["year"].values,
                            t("value", lang): tg["value"].values,
                            t("unit", lang): tg["unit"].values,
                            t("doc_title", lang): [titles.get(s, s) for s in tg["source"]],
                            t("quote", lang): tg["quote"].values,
                        }
                    ),
                    hide_index=True,
                )
    if tab_dl.open is not False:
        with tab_dl:
            st.caption(t("download_note", lang, n=len(shown)))
            from geo.downloads import DOWNLOADS

            stem = "shandong_projects" if filters.is_empty() else "shandong_projects_filtered"
            cols = st.columns(4)
            for i, fmt in enumerate(DOWNLOADS):
                cols[i % 4].download_button(
                    fmt.label(lang),
                    data=lambda fmt=fmt: fmt.make(shown, catalog),
                    file_name=f"{stem}{fmt.suffix}",
                    mime=fmt.mime,
                    on_click="ignore",
                    disabled=len(shown) == 0,
                    key=f"dl{fmt.suffix}",
                )
            with st.columns(4)[0]:
                report_button(catalog, filters, lang)


def sidebar(catalog: Catalog, titles: dict[str, str], lang: str) -> None:
    """Language and filters. Called after the map: the widgets' values are already in the session state
    (set from the URL or by the user before this run), so the map is computed and sent first and the browser
    fetches the map's code before the sidebar widgets' code."""
    ss = st.session_state
    projects = catalog.projects
    with st.sidebar:
        st.segmented_control(
            t("language", lang),
            options=list(LANGS),
            format_func=lambda x: "中文" if x == "zh" else "English",
            key="lang",
            required=True,
        )
        lang = lang_or_default(ss.get("lang"))
        st.header(t("filters", lang))
        plan_opts = [s["source"] for s in catalog.sources]
        st.multiselect(
            t("plan", lang),
            plan_opts,
            key="f_plans",
            placeholder=t("choose", lang),
            format_func=lambda s: titles.get(s, s),
        )
        cities = sorted(set(projects["city"].dropna()) | set(ss.get("f_cities") or []))
        st.multiselect(t("city", lang), cities, key="f_cities", placeholder=t("choose", lang))
        county_pool = projects
        if ss.get("f_cities"):
            county_pool = projects[projects["city"].isin(ss["f_cities"])]
        counties = sorted(set(county_pool["county"].dropna()) | set(ss.get("f_counties") or []))
        st.multiselect(t("county", lang), counties, key="f_counties", placeholder=t("choose", lang))
        prec_opts = [
            p for p in PRECISIONS if p in set(projects["precision"]) or p in (ss.get("f_prec") or [])
        ]
        st.multiselect(
            t("precision", lang),
            prec_opts,
            key="f_prec",
            placeholder=t("choose", lang),
            format_func=lambda p: precision_label(p, lang),
        )
        st.caption(t("capacity", lang), help=t("capacity_help", lang))
        c1, c2 = st.columns(2)
        c1.number_input(
            t("cap_min", lang),
            min_value=0.0,
            value=None,
            step=50.0,
            key="f_cap_min",
            placeholder=t("any", lang),
        )
        c2.number_input(
            t("cap_max", lang),
            min_value=0.0,
            value=None,
            step=50.0,
            key="f_cap_max",
            placeholder=t("any", lang),
        )
        years = sorted({int(y) for y in projects["target_year"].dropna()} | set(ss.get("f_years") or []))
        st.multiselect(t("year", lang), years, key="f_years", placeholder=t("choose", lang))
        st.text_input(t("unit_query", lang), key="f_unit")
        st.text_input(t("name_query", lang), key="f_name")
        st.button(t("clear", lang), on_click=clear_filters, width="stretch")


def report_button(catalog: Catalog, filters: Filters, lang: str) -> None:
    """“导出简报”: calls geo.report.render_report when that exists."""
    try:
        from geo import report as report_mod

        render = getattr(report_mod, "render_report", None)
    except Exception:
        render = None
    if render is None:
        st.button(t("report_button", lang), disabled=True, help=t("report_unavailable", lang))
        return
    if st.button(t("report_button", lang), key="report"):
        with st.spinner(t("report_button", lang) + " …"):
            try:
                out = Path(tempfile.mkdtemp(prefix="sdcarbon-report-")) / "briefing.pdf"
                path = render(catalog, filters, out)
                st.session_state["_report_pdf"] = Path(path or out).read_bytes()
            except Exception as exc:
                st.error(t("report_failed", lang, err=exc))
    if st.session_state.get("_report_pdf"):
        st.download_button(
            t("report_ready", lang),
            data=st.session_state["_report_pdf"],
            file_name="shandong_briefing.pdf",
            mime="application/pdf",
            on_click="ignore",
        )


main()
