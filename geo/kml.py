"""KML / KMZ of the projects, for Google Earth and 奥维互动地图 (Ovital), which many planning offices use.

- One Folder per category (``光伏 (12)``), in geo.vocab order; one Placemark per project, named with the
  project's Chinese name; a line project is its LineString, every other project its point (WGS-84 lon,lat).
- Styles by category with the app's colours (geo.vocab.CATEGORY_STYLE): a tinted round icon and, for lines,
  a line of the same colour. The KML names Google Earth's own round icon; the KMZ carries its icon
  (``files/dot.png``), so it needs nothing from the network.
- The balloon (``description``) has the category, capacity, status (when the catalog has a ``status`` field),
  place and how precise it is, target year, responsible units, the plan and section, and the quoted
  sentence; every value is HTML-escaped. ``ExtendedData`` carries every catalog column.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections import defaultdict
from typing import Any

from geo.export import _num, flat_record, geometry
from geo.model import LocatedProject
from geo.popups import description
from geo.vocab import CATEGORIES, CATEGORY_STYLE

GOOGLE_EARTH_DOT = "http://maps.google.com/mapfiles/kml/shapes/shaded_dot.png"
KMZ_DOT = "files/dot.png"


def kml_text(
    located: list[LocatedProject], title: str = "山东碳达峰项目", icon: str = GOOGLE_EARTH_DOT
) -> str:
    by_category: dict[str, list[LocatedProject]] = defaultdict(list)
    for lp in located:
        by_category[lp.project.category if lp.project.category in CATEGORIES else "other"].append(lp)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<kml xmlns="http://www.opengis.net/kml/2.2">',
        "<Document>",
        f"<name>{_x(title)}</name>",
    ]
    out += [_style(code, icon) for code in CATEGORIES if code in by_category]
    for code in (c for c in CATEGORIES if c in by_category):
        items = by_category[code]
        out.append(f"<Folder><name>{_x(CATEGORIES[code][0])} ({len(items)})</name>")
        out += [_placemark(lp) for lp in items]
        out.append("</Folder>")
    out += ["</Document>", "</kml>", ""]
    return "\n".join(out)


def kmz_bytes(located: list[LocatedProject], title: str = "山东碳达峰项目") -> bytes:
    """doc.kml and its icon in a zip (doc.kml first, as the KMZ convention asks)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("doc.kml", kml_text(located, title, icon=KMZ_DOT))
        zf.writestr(KMZ_DOT, _dot_png())
    return buf.getvalue()


XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed anywhere in XML 1.0


def _x(text: Any) -> str:
    return html.escape(XML_ILLEGAL.sub("", str(text)), quote=True)


def _abgr(hex_color: str, alpha: str = "ff") -> str:
    """KML colours are aabbggrr."""
    rr, gg, bb = hex_color[1:3], hex_color[3:5], hex_color[5:7]
    return f"{alpha}{bb}{gg}{rr}".lower()


def _style(code: str, icon: str) -> str:
    color = _abgr(CATEGORY_STYLE.get(code, CATEGORY_STYLE["other"])["color"])
    return (
        f'<Style id="cat-{code}"><IconStyle><color>{color}</color><scale>1.1</scale>'
        f"<Icon><href>{_x(icon)}</href></Icon></IconStyle>"
        f"<LineStyle><color>{color}</color><width>4</width></LineStyle></Style>"
    )


def _placemark(lp: LocatedProject) -> str:
    rec = flat_record(lp)
    geom = geometry(lp)
    if geom["type"] == "LineString":
        coords = " ".join(f"{x},{y}" for x, y in geom["coordinates"])
        shape = f"<LineString><tessellate>1</tessellate><coordinates>{coords}</coordinates></LineString>"
    else:
        x, y = geom["coordinates"]
        shape = f"<Point><coordinates>{x},{y}</coordinates></Point>"
    data = "".join(
        f'<Data name="{_x(k)}"><value>{_x(_num(v) if isinstance(v, (bool, int, float)) else v)}</value></Data>'
        for k, v in rec.items()
        if v not in (None, "")
    )
    code = rec["category"] if rec["category"] in CATEGORIES else "other"
    return (
        f"<Placemark><name>{_x(rec['name'])}</name><styleUrl>#cat-{code}</styleUrl>"
        f"<description><![CDATA[{XML_ILLEGAL.sub('', description(rec))}]]></description>"
        f"<ExtendedData>{data}</ExtendedData>{shape}</Placemark>"
    )


def _dot_png() -> bytes:
    """A white disc with a dark rim, 64 px: Google Earth tints it with the style's colour."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    ImageDraw.Draw(img).ellipse((4, 4, 59, 59), fill=(255, 255, 255, 255), outline=(60, 60, 60, 255), width=4)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
