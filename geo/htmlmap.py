"""A standalone HTML map of a selection: one file that opens offline, e.g. from an e-mail attachment.

    python -m geo report [filters] --out FILE.html      (or the app's 下载 tab)

Built with folium, with folium's CDN links replaced by the vendored Leaflet and Leaflet.markercluster
(static/vendor) inlined
into the page, its images as data: URIs, and no tile layer: nothing is fetched from the network. The page has
the city borders, the county borders of the cities the projects are in (layers/display, simplified), the
projects as circles (lines as lines) in the app's category colours (geo.vocab.CATEGORY_STYLE) with the
balloon of geo.popups, a legend with counts, the source plans, the build date and the boundary provenance.

Plan text never becomes markup or script: the projects travel as JSON inside the page (folium's tojson,
which escapes < > & '), popups and tooltips are HTML whose every value was escaped in Python, and the
legend is escaped the same way. folium's own Popup is not used: it pastes its content into a JavaScript
template literal, where a ``${...}`` in a plan's text would run.
"""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path
from typing import Any

from folium.map import Layer
from jinja2 import Template

from geo import LAYERS_DIR, REPO_ROOT
from geo.popups import description

LEAFLET_DIR = REPO_ROOT / "static" / "vendor" / "leaflet"
CLUSTER_DIR = REPO_ROOT / "static" / "vendor" / "leaflet.markercluster"
COORD_DECIMALS = 5
BOUNDARY_NOTE = "边界数据来源于高德开放平台，仅供学习交流使用，非官方地图；坐标 WGS-84"


def map_html(projects, catalog, title: str | None = None) -> str:
    """The page for ``projects`` (a filtered catalog GeoDataFrame) of ``catalog`` (geo.catalog.Catalog)."""
    import folium
    from branca.element import Element

    bounds = projects.total_bounds if len(projects) else (114.8, 34.4, 122.7, 38.4)
    # the cluster layer needs a view and a maximum zoom (there is no tile layer to set one)
    center = [(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2]
    fmap = folium.Map(location=center, zoom_start=7, tiles=None, control_scale=True, maxZoom=14, minZoom=5)
    fmap.default_js, fmap.default_css = [], []  # the CDN links: Leaflet is inlined below instead
    root = fmap.get_root()
    for name, element in _head(title or "山东碳达峰项目地图"):
        root.header.add_child(Element(element), name=name)
    cities = set(projects["city_adcode"].dropna())
    _borders("cities", None, {"color": "#555", "weight": 1.6, "fill": False}, "市界").add_to(fmap)
    county_style = {"color": "#999", "weight": 0.8, "fill": False, "dashArray": "3 2"}
    _borders("counties", cities, county_style, "区县界").add_to(fmap)
    ProjectLayer(project_features(projects)).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    corners = [[bounds[1], bounds[0]], [bounds[3], bounds[2]]]  # the legend panel takes the right 320 px
    fmap.fit_bounds(corners, padding_top_left=(20, 20), padding_bottom_right=(330, 20), max_zoom=10)
    root.html.add_child(Element(_panel(projects, catalog, title or "山东碳达峰项目")), name="legend")
    return root.render()


def project_features(projects) -> dict[str, Any]:
    """A FeatureCollection of the projects with only what the page draws: escaped name, colour, popup."""
    from geo.catalog_export import to_located
    from geo.export import flat_record, geometry
    from geo.vocab import category_color

    features = []
    for lp in to_located(projects):
        rec = flat_record(lp)
        name = html.escape(rec["name"])
        properties = {
            "name": name,
            "color": category_color(rec["category"]),
            "popup": f"<b>{name}</b>{description(rec, inline_style=False)}",
        }
        features.append({"type": "Feature", "geometry": geometry(lp), "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _head(title: str) -> list[tuple[str, str]]:
    return [
        ("leaflet_css", f"<style>{_leaflet_css()}</style>"),
        ("cluster_css", f"<style>{_cluster_css()}</style>"),
        ("leaflet_js", f"<script>{_leaflet_js()}</script>"),
        ("cluster_js", f"<script>{_cluster_js()}</script>"),
        ("title", f"<title>{html.escape(title)}</title>"),
        ("page_css", f"<style>{PAGE_CSS}</style>"),
    ]


def _panel(projects, catalog, title: str) -> str:
    """Legend with counts, the source plans, the build date and the notes on boundaries and precision."""
    from geo.vocab import CATEGORIES, category_color

    counts = projects["category"].value_counts()
    legend = "".join(
        f'<div><span class="sd-dot" style="background:{category_color(code)}"></span>'
        f"{html.escape(CATEGORIES[code][0])} {int(counts[code])}</div>"
        for code in CATEGORIES
        if code in counts
    )
    from geo.catalog_export import selection_sources

    sources = selection_sources(projects)
    plans = "".join(
        f"<li>{html.escape(s.get('title') or s['source'])}</li>"
        for s in catalog.sources
        if s["source"] in sources
    )
    return (
        f'<div class="sd-panel"><div class="sd-title">{html.escape(title)} · {len(projects)} 个项目</div>{legend}'
        f'<div class="sd-notes">来源方案：<ul>{plans}</ul>数据生成：{html.escape(str(catalog.built_at or ""))}<br>'
        f"{html.escape(BOUNDARY_NOTE)}<br>点位精度见各项目说明（多为区县或城市代表点，非实际场址）</div></div>"
    )


class ProjectLayer(Layer):
    """The projects: circles in category colours, clustered where they share a point (many projects sit at
    their county's representative point; a click on the cluster spreads them out), lines as lines, popups and
    tooltips. ``window.sdProjects`` is the L.geoJSON layer of every project, ``window.sdClusters`` the cluster
    layer holding it (for tests and curious users)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.markerClusterGroup({maxClusterRadius: 24, spiderfyDistanceMultiplier: 1.4});
        window.sdProjects = L.geoJSON({{ this.data|tojson }}, {
            pointToLayer: function (f, latlng) {
                return L.circleMarker(latlng, {radius: 7, color: "#ffffff", weight: 1.5,
                                               fillColor: f.properties.color, fillOpacity: 0.95});
            },
            style: function (f) { return {color: f.properties.color, weight: 4, opacity: 0.9}; },
            onEachFeature: function (f, layer) {
                layer.bindPopup(f.properties.popup, {maxWidth: 460});
                layer.bindTooltip(f.properties.name);
            }
        });
        {{ this.get_name() }}.addLayer(window.sdProjects);  // lines go to its non-point group
        window.sdClusters = {{ this.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], name: str = "项目"):  # data: project_features()
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "ProjectLayer"
        self.data = data


def _borders(level: str, city_codes: set | None, style: dict, name: str):
    """A folium GeoJson of the display boundaries (rounded to 1e-5 degrees); counties of ``city_codes``."""
    import folium

    data = json.loads((LAYERS_DIR / "display" / f"{level}.geojson").read_text(encoding="utf-8"))
    feats = [
        {
            "type": "Feature",
            "properties": {"name": f["properties"]["name"]},
            "geometry": _rounded(f["geometry"]),
        }
        for f in data["features"]
        if city_codes is None or f["properties"].get("parent_adcode") in city_codes
    ]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": feats},
        name=name,
        style_function=lambda _f: style,
        interactive=False,
        control=True,
    )


def _rounded(geom: dict[str, Any]) -> dict[str, Any]:
    def walk(c):
        return (
            [round(c[0], COORD_DECIMALS), round(c[1], COORD_DECIMALS)]
            if isinstance(c[0], float)
            else [walk(x) for x in c]
        )

    return {"type": geom["type"], "coordinates": walk(geom["coordinates"])}


def _leaflet_js() -> str:
    return (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")


def _cluster_js() -> str:
    return (CLUSTER_DIR / "leaflet.markercluster.js").read_text(encoding="utf-8")


def _cluster_css() -> str:
    return "\n".join(
        (CLUSTER_DIR / name).read_text(encoding="utf-8")
        for name in ("MarkerCluster.css", "MarkerCluster.Default.css")
    )


def _leaflet_css() -> str:
    """leaflet.css with its images as data: URIs (a relative url() would point next to the e-mailed file)."""
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match) -> str:
        data = (LEAFLET_DIR / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode()})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css)


PAGE_CSS = """
html, body { height: 100%; margin: 0; font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.leaflet-container { background: #f4f6f8; }
.sd-panel { position: fixed; right: 10px; top: 64px; z-index: 1000; background: rgba(255,255,255,0.94);
  padding: 8px 10px; border-radius: 6px; box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 13px;
  max-width: 300px; max-height: 70vh; overflow: auto; }
.sd-title { font-weight: bold; margin-bottom: 4px; }
.sd-dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  border: 1px solid #fff; box-shadow: 0 0 0 1px #888; vertical-align: -1px; }
.marker-cluster-small, .marker-cluster-medium, .marker-cluster-large { background-color: rgba(80, 80, 80, 0.25); }
.marker-cluster-small div, .marker-cluster-medium div, .marker-cluster-large div {
  background-color: rgba(255, 255, 255, 0.95); border: 1.5px solid #555; font-weight: bold; }
table.sd-pop { font-size: 13px; max-width: 420px; border-collapse: collapse; }
table.sd-pop th { text-align: left; white-space: nowrap; vertical-align: top; padding-right: 6px; }
.sd-notes { margin-top: 6px; color: #555; font-size: 11px; }
.sd-notes ul { margin: 2px 0 4px 16px; padding: 0; }
"""


def write_html(path: Path, projects, catalog, title: str | None = None) -> None:
    from geo.catalog_export import write_atomic
    from geo.cli import UserError

    try:
        write_atomic(Path(path), map_html(projects, catalog, title).encode("utf-8"))
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
