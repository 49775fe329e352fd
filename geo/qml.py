"""``projects.qml``: a QGIS style for the projects layer, categorized by ``category`` with the app's colours
(geo.vocab.CATEGORY_STYLE) and labels in Chinese and English.

`python -m geo build` writes it beside ``projects.geojson`` (QGIS loads a .qml named like the data file as
the layer's default style); for the GeoPackage or PostGIS layer load it in Layer Properties > Symbology >
Style > Load Style. Written for QGIS 3.22 (Debian 12): each symbol layer carries both the ``<Option>`` map
and the older ``<prop>`` elements.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from geo.vocab import CATEGORIES, CATEGORY_STYLE


def _rgba(hex_color: str, alpha: int = 255) -> str:
    return f"{int(hex_color[1:3], 16)},{int(hex_color[3:5], 16)},{int(hex_color[5:7], 16)},{alpha}"


def _marker(index: int, props: dict[str, str]) -> str:
    options = "".join(
        f'<Option type="QString" name={quoteattr(k)} value={quoteattr(v)}/>' for k, v in props.items()
    )
    legacy = "".join(f"<prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items())
    return (
        f'<symbol type="marker" name="{index}" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map">{options}</Option>{legacy}'
        "</layer></symbol>"
    )


def projects_qml() -> str:
    categories, symbols = [], []
    for i, code in enumerate(CATEGORIES):
        color = CATEGORY_STYLE.get(code, CATEGORY_STYLE["other"])["color"]
        label = f"{CATEGORIES[code][0]} {CATEGORIES[code][1]}"
        categories.append(
            f'<category render="true" symbol="{i}" value={quoteattr(code)} label={quoteattr(label)}/>'
        )
        props = {
            "name": "circle",
            "color": _rgba(color),
            "outline_color": "255,255,255,255",
            "outline_width": "0.4",
            "outline_width_unit": "MM",
            "size": "3.4",
            "size_unit": "MM",
        }
        symbols.append(_marker(i, props))
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        '<qgis version="3.22.0-Białowieża" styleCategories="Symbology|Labeling|Fields">\n'
        '<renderer-v2 type="categorizedSymbol" attr="category" symbollevels="0" enableorderby="0" forceraster="0">\n'
        f"<categories>{''.join(categories)}</categories>\n"
        f"<symbols>{''.join(symbols)}</symbols>\n"
        "</renderer-v2>\n"
        "<layerGeometryType>0</layerGeometryType>\n"
        "</qgis>\n"
    )


def write_qml(path: Path) -> None:
    Path(path).write_text(projects_qml(), encoding="utf-8")
