"""The map's web data: what static/sdmap.js reads, written once per catalog / layer version into a web cache.

- boundaries (layers/display/) in a compact delta-encoded format (publish_layers);
- the projects as two JSON files, positions and symbols (markers.json) and the popup texts (details.json),
  content-addressed so the browser keeps them in Cache Storage (publish_catalog);
- the map's configuration per language (map_config) and the shading of counties / cities (shade_data);
- the bounded web cache folder (web_root, prune_web_cache).

No Streamlit here: the app's pages (ui/) cache these calls and send the results to the map component.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import geo
from geo.catalog import CAPACITY_UNIT, PRECISIONS, STATUSES, UNKNOWN_STATUS, Catalog
from geo.catalog_export import write_atomic
from geo.i18n import (
    DISPLAY_UNITS,
    category_label,
    display_unit,
    format_number,
    indicator_label,
    location_note_label,
    precision_label,
    status_label,
    t,
)

WEB_CACHE_ENV = "SDCARBON_WEB_CACHE"
STATIC_DIR = geo.REPO_ROOT / "static"
DISPLAY_DIR = geo.LAYERS_DIR / "display"
SHANDONG_BOUNDS = [[34.38, 114.8], [38.4, 122.72]]  # fallback when the province layer is missing
SHADES = ("none", "count_county", "count_city", "cap_county", "cap_city", "target_city")
# the stages' colours (legend pills and the map's legend): from light (planned) to dark (operating), greys for
# stopped and not stated
STATUS_COLORS = {
    "planned": "#c6dbef",
    "pre_construction": "#6baed6",
    "construction": "#fd8d3c",
    "operating": "#238b45",
    "shelved": "#969696",
    "cancelled": "#525252",
    "unknown": "#ffffff",
}
RAMP = ["#fff5d6", "#fdd49e", "#fc8d59", "#e34a33", "#b30000"]


def web_root() -> Path:
    root = os.environ.get(WEB_CACHE_ENV)
    path = Path(root) if root else Path(tempfile.gettempdir()) / f"sdcarbon-web-{os.getuid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def files_signature(paths: list[Path]) -> str:
    h = hashlib.sha1()
    for p in paths:
        try:
            stat = p.stat()
            h.update(f"{p}:{stat.st_mtime_ns}:{stat.st_size};".encode())
        except OSError:
            h.update(f"{p}:missing;".encode())
    return h.hexdigest()[:16]


LAYER_FORMAT = "compact-1e4-v1"  # part of the layers' URL: a new format is a new URL (browser caches)
MARKER_FORMAT = "v6-history"  # part of the project data's URL, like LAYER_FORMAT
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
    for prefix in ("cat-", "layers-", ".layers-", "cfg-"):
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


# what the popup lists per document naming a project (details.json's "hist"): the plan is an index into
# "plans", or the document's title when the build report does not list it
HISTORY_FIELDS = ("plan", "doc_date", "doc_kind", "name", "capacity_text", "status_text", "quote")


def _history_entry(mention: dict, plan_index: dict[str, int]) -> list:
    plan = plan_index.get(mention["source"], mention.get("doc_title") or mention["source"])
    return [plan, *(str(mention.get(k) or "") for k in HISTORY_FIELDS[1:])]


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
        "st": [],  # index into "sts": the project's stage (STATUSES; the last, unknown, when none is stated)
        "sts": list(STATUSES),
        "prec": [],  # index into "precs": how precisely the point is known (a county's point is not a site)
        "precs": list(PRECISIONS),
    }
    m["offshore"], m["line"] = [], {}
    d = {
        k: []
        for k in (
            "capv",
            "capu",
            "cap_text",
            "place",
            "precision",
            "owner",
            "year",
            "units",
            "plan",
            "section",
        )
    }
    d.update(quote=[], note=[], note_en=[], status_words=[], status_date=[], plans=plans)
    d["hist_fields"] = list(HISTORY_FIELDS)
    d["hist"] = {}  # {project index: its documents, newest first}, only for projects more than one names
    history = catalog.history()
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
        status = getattr(row, "status", None) or UNKNOWN_STATUS
        m["st"].append(STATUSES.index(status) if status in STATUSES else len(STATUSES) - 1)
        m["prec"].append(
            PRECISIONS.index(row.precision) if row.precision in PRECISIONS else len(PRECISIONS) - 1
        )
        m["offshore"].append(1 if row.offshore else 0)
        known = value is not None and not math.isnan(value)
        d["capv"].append(round(float(value), 6) if known else None)
        d["capu"].append((row.capacity_unit or "") if known else "")
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
        d["note_en"].append(location_note_label(row.location_note, "en"))
        d["status_words"].append(getattr(row, "status_words", None) or "")
        d["status_date"].append(getattr(row, "status_date", None) or "")
        mentions = history.get(row.id) or []
        if len(mentions) > 1:
            d["hist"][i] = [_history_entry(mention, plan_index) for mention in mentions]
    # JSON object keys are strings; JS indexes line[i] with a number, which converts to the same key
    return m, d


def publish_config(cfg: dict, root: str) -> str:
    """Write the map's configuration (map_config) once into the web cache; returns its folder name. The map
    fetches it once and keeps it (Cache Storage), so a script run sends only the state (the configuration, mostly
    the category icons, is about 15 KB)."""
    text = json.dumps(cfg, ensure_ascii=False, separators=(",", ":"), allow_nan=False, sort_keys=True)
    name = "cfg-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    out = Path(root) / name
    if not (out / "config.json").exists():
        out.mkdir(parents=True, exist_ok=True)
        os.chmod(out, 0o755)
        write_atomic(out / "config.json", text.encode("utf-8"))
    _touch(out)
    return name


def publish_catalog(catalog_key: str, root: str, catalog: Catalog) -> str:
    """Write markers.json + details.json for this catalog version; returns its folder name in the web cache."""
    name = "cat-" + hashlib.sha1(f"{catalog_key}:{MARKER_FORMAT}".encode()).hexdigest()[:16]
    out = Path(root) / name
    if not (out / "details.json").exists():
        markers, details = marker_payload(catalog)
        out.mkdir(parents=True, exist_ok=True)
        os.chmod(out, 0o755)
        dump = {"ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
        write_atomic(out / "markers.json", json.dumps(markers, **dump).encode("utf-8"))
        write_atomic(out / "details.json", json.dumps(details, **dump).encode("utf-8"))
    _touch(out)
    return name


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


def layers_signature() -> str:
    """The display layers' version (files and format): part of their URL in the web cache."""
    files = [DISPLAY_DIR / f"{x}.geojson" for x in ("province", "cities", "counties")]
    return hashlib.sha1(f"{files_signature(files)}:{LAYER_FORMAT}".encode()).hexdigest()[:16]


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
        unit, factor = display_unit(units[0], lang) if len(units) == 1 else ("/".join(units), 1.0)
        series = tg.groupby("region_adcode")["value"].max() * factor
        level = "cities"
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
            if mw.empty:  # nothing to shade: say so rather than draw an empty legend
                return None, t("no_capacity_shading", lang, n=len(shown))
            unit, factor = display_unit(CAPACITY_UNIT, lang)
            series = mw.dropna(subset=[col]).groupby(col)["capacity_value"].sum() * factor
        title = t(f"choro_{shade}", lang)
    breaks = _breaks([float(v) for v in series.values])
    if shade.startswith("count"):  # counts: whole-number classes
        breaks = sorted({math.ceil(b) for b in breaks})
    values, legend = {}, []
    lo = 0.0
    colors = RAMP[-len(breaks) :] if breaks else []
    for k, b in enumerate(breaks):
        legend.append(
            [colors[k], f"{format_number(lo)} – {format_number(b)}" if k else f"≤ {format_number(b)}"]
        )
        lo = b
    for code, v in series.items():
        v = float(v)
        if v <= 0:
            continue
        k = next((j for j, b in enumerate(breaks) if v <= b + 1e-9), len(breaks) - 1)
        values[str(code)] = [v, colors[k], f"{format_number(v)} {unit}"]
    return {"level": level, "values": values, "title": title, "legend": legend, "value_label": unit}, None


# the map's own texts: {name in static/sdmap.js: geo.i18n key}
MAP_LABELS = {
    "county_borders": "map_county_borders",
    "city_borders": "map_city_borders",
    "province": "map_province",
    "place_labels": "map_labels",
    "osm": "map_osm",
    "legend_title": "legend_title",
    "legend_approx": "legend_approx",
    "legend_size": "legend_size",
    "legend_size_none": "legend_size_none",
    "legend_stack": "legend_stack",
    "loading": "loading",
    "stack_title": "stack_title",
    "stack_admin": "stack_admin",
    "stack_back": "stack_back",
    "tip_admin": "tip_admin",
    "tip_stack": "tip_stack",
    "status_from": "status_from",
}


def map_config(lang: str, web_url: str, layers: dict, styles: dict | None = None) -> dict:
    """What the map iframe needs once per language: boundaries, category symbols (category_styles), labels
    (no project data)."""
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
            "status",
            "id",
            "mention_count",
            "history",
            "mention_name",
        )
    }
    fields["capacity"] = t("capacity_short", lang)
    cfg = {
        "lang": lang,
        "bounds": layers["bounds"],
        "layers": {k: web_url + v for k, v in layers["files"].items()},
        "cats": styles if styles is not None else category_styles(lang),
        "labels": {k: t(key, lang) for k, key in MAP_LABELS.items()},
        "fields": fields,
        "units": {u: list(v) for u, v in DISPLAY_UNITS.get(lang, {}).items()},  # {unit: [label, factor]}
        "status_labels": {s: status_label(s, lang) for s in STATUSES},
        "status_colors": STATUS_COLORS,
        "doc_kinds": {k: t(f"kind_{k}", lang) for k in ("plan", "news", "notice", "report")},
        "precision_labels": {p: precision_label(p, lang) for p in PRECISIONS},
        # the area a county-/city-level point stands for, as a word in "known only to their {level}"
        "level_words": {p: t(f"level_{p}", lang).lower() for p in ("county", "city", "region", "province")},
    }
    return cfg
