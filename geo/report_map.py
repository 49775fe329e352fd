"""The static map of page 1: basemap (neighbouring land, the selected cities and counties, borders),
projects by category (lines as lines, offshore projects hollow, projects sharing a point spread around it,
each numbered as the project table's row), place names without overlaps, and the legend's entries.

Drawn in WGS 84 / UTM zone 50N from the full-resolution layers (geo.report_layers), simplified to under a
printed line width."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from geo.report_furniture import graticule, north_arrow, scale_bar
from geo.report_labels import (
    CITY_LABEL_SHIFTS,
    COUNTY_LABEL_SHIFTS,
    Labeler,
    halo_effect,
    label_point,
    number_projects,
    shared_points,
)
from geo.report_layers import UTM_CRS, ladder, layers_utm, simplified
from geo.report_select import LINE_TYPES, Selection
from geo.report_style import (
    CITY_EDGE,
    COUNTY_EDGE,
    FOCUS_FILL,
    INK,
    LAND_CONTEXT,
    LAND_FOCUS,
    LAND_OUT,
    PROVINCE_EDGE,
    RING_EDGE,
    SEA,
)

MARKER_PT = 6.2  # a point project's symbol size
RING_PRECISIONS = ("city", "province")

# Sea names drawn when their point is in view and at sea. Note: approximate label positions (WGS-84),
# chosen in open water of each sea, for labelling only.
SEA_LABELS = [
    ("渤海", 119.6, 38.75),
    ("莱州湾", 119.35, 37.45),
    ("黄海", 122.2, 35.6),
]


@dataclass
class MapDrawing:
    ax: object  # the map's matplotlib Axes
    handles: list  # legend entries: one per category, with its count
    keys: list  # legend entries explaining symbols, rings, the selected counties and borders
    numbers: list  # the number labels drawn (geo.report_labels.NumberLabel)


@dataclass
class _Layers:
    """The boundary layers simplified for this map's scale (UTM 50N); neighbours may be missing."""

    province: object
    cities: object
    counties: object
    neighbours: object | None


def mapped(projects):
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
    pts = mapped(sel.projects).to_crs(UTM_CRS).total_bounds
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


def _basemap(ax, sel: Selection, layers: _Layers, view):
    """Land, the selection's cities and counties, and the borders; returns the counties in view."""
    cities, counties = layers.cities, layers.counties
    nb = layers.neighbours[layers.neighbours.intersects(view)] if layers.neighbours is not None else None
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
    _outline(ax, layers.province.geometry, color=PROVINCE_EDGE, lw=1.1, zorder=3.3)
    return vis_counties


def _draw_lines(ax, labeler, lines, metres_per_pt: float, dpi: float) -> None:
    """Line projects (pipelines, power lines) with a dot at each end; their course keeps labels off."""
    import numpy as np

    from geo.vocab import CATEGORY_STYLE

    for row in lines.itertuples():
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
            labeler.block_points([q.x for q in samples], [q.y for q in samples], 1.6 / 72 * dpi)


def _draw_points(ax, labeler, points, metres_per_pt: float, dpi: float):
    """Point projects by category (offshore hollow), spread around shared points, rings around a city's
    stacked projects. Returns (the symbols' positions, or None without points; the number of rings)."""
    import numpy as np

    from geo.vocab import CATEGORY_STYLE

    if not len(points):
        return None, 0
    reps = points.geometry.representative_point()
    xy = _spread(np.column_stack([reps.x, reps.y]), MARKER_PT * metres_per_pt)
    cats = points["category"].to_numpy()
    offshore = points["offshore"].to_numpy(dtype=bool)
    for code in dict.fromkeys(cats):
        style = CATEGORY_STYLE.get(code, CATEGORY_STYLE["other"])
        size = MARKER_PT * (1.25 if style["marker"] == "*" else 1.0)
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
            labeler.block_points(xy[m, 0], xy[m, 1], size / 72 * dpi / 2)
    rings = _ring_shared(ax, points, np.column_stack([reps.x, reps.y]), xy, MARKER_PT * metres_per_pt)
    return xy, rings


def _name_cities(labeler, sel: Selection, cities, view) -> None:
    """City names: all of them on a province map; on a city map only the cities around the selection."""
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


def _name_counties(labeler, sel: Selection, vis_counties) -> None:
    """County names, those with projects and the larger ones first; the short name where the full one
    does not fit."""
    from geo.layers_read import admin_units

    with_projects = set(sel.projects["county_adcode"].dropna())
    cand = vis_counties.copy()
    if sel.area_cities:
        cand = cand[cand["parent_adcode"].isin(sel.area_cities)]
    cand["has"] = cand["adcode"].isin(with_projects)
    cand["area"] = cand.geometry.area
    cand = cand.sort_values(["has", "area"], ascending=[False, False])
    county_size = 6.0 if not sel.area_cities else 7.5
    city_short_names = set(admin_units().query("level == 'city'")["short_name"])
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


def _name_neighbours_and_seas(labeler, layers: _Layers, view, x0, x1, y0, y1) -> None:
    """Names of the neighbouring provinces with a fair share of the view, and of the seas in view."""
    import shapely
    from pyproj import Transformer

    neighbours = layers.neighbours
    land = list(layers.province.geometry) + list(neighbours.geometry)
    for row in neighbours[neighbours.intersects(view)].itertuples():
        part = row.geometry.intersection(view)
        if part.is_empty or part.area < (x1 - x0) * (y1 - y0) * 0.01:
            continue
        p = label_point(part)
        labeler.place(p.x, p.y, row.name, fontsize=8.5, color="#8A8A8A", zorder=4, halo=2)
    fwd = Transformer.from_crs("EPSG:4326", UTM_CRS, always_xy=True)
    for name, lon, lat in SEA_LABELS:
        sx, sy = fwd.transform(lon, lat)
        if x0 < sx < x1 and y0 < sy < y1 and not any(g.contains(shapely.Point(sx, sy)) for g in land):
            labeler.place(sx, sy, name, fontsize=9, color="#5B86A8", style="italic", zorder=4)


def _category_handles(sel: Selection) -> list:
    """One legend entry per category, most projects first, with its count."""
    from matplotlib.lines import Line2D

    from geo.vocab import CATEGORY_STYLE, category_zh

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
    return handles


def _symbol_keys(sel: Selection, has_lines: bool, rings: int) -> list:
    """Legend entries for what is on this map besides categories: offshore, lines, rings, borders."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

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
    if has_lines:
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
    keys.append(Line2D([], [], color=PROVINCE_EDGE, lw=1.1, label="省界"))
    keys.append(Line2D([], [], color=CITY_EDGE, lw=0.8, label="市界"))
    keys.append(Line2D([], [], color=COUNTY_EDGE, lw=0.5, label="县界"))
    return keys


def draw_map(fig, sel: Selection, layers_dir: Path, rect) -> MapDrawing:
    """Draw the map of ``sel`` into a new Axes at ``rect`` (figure fractions) of ``fig``."""
    import shapely

    layers = layers_utm(str(layers_dir))
    ax = fig.add_axes(rect)
    box = ax.get_window_extent(fig.canvas.get_renderer())
    x0, x1, y0, y1 = _extent(sel, layers, box.width / box.height)
    metres_per_pt = (x1 - x0) / (box.width * 72 / fig.dpi)
    tol = ladder(metres_per_pt * 0.3)  # 0.3 pt = 0.1 mm on paper

    neighbours = simplified(str(layers_dir), "neighbours", tol) if layers["neighbours"] is not None else None
    ax.set_facecolor(SEA if neighbours is not None else "white")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    for side in ax.spines.values():
        side.set_linewidth(0.8)
        side.set_color("#444444")
    drawn = _Layers(
        province=simplified(str(layers_dir), "province", tol),
        cities=simplified(str(layers_dir), "cities", tol),
        counties=simplified(str(layers_dir), "counties", tol),
        neighbours=neighbours,
    )
    view = shapely.box(x0, y0, x1, y1)
    vis_counties = _basemap(ax, sel, drawn, view)
    graticule(ax, x0, x1, y0, y1)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)

    labeler = Labeler(ax, fig.canvas.get_renderer())
    north_arrow(ax, labeler, x0, x1, y0, y1)
    scale_bar(ax, labeler, x0, x1, y0, y1)

    # projects: lines first, then points; then the numbers, then place names where there is room
    projects = mapped(sel.projects).to_crs(UTM_CRS)
    is_line = projects.geometry.geom_type.isin(LINE_TYPES)
    _draw_lines(ax, labeler, projects[is_line], metres_per_pt, fig.dpi)
    spread, rings = _draw_points(ax, labeler, projects[~is_line], metres_per_pt, fig.dpi)
    numbers = number_projects(ax, labeler, projects, is_line, spread, MARKER_PT, not sel.area_cities)
    _name_cities(labeler, sel, drawn.cities, view)
    _name_counties(labeler, sel, vis_counties)
    if neighbours is not None:
        _name_neighbours_and_seas(labeler, drawn, view, x0, x1, y0, y1)

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("")
    ax.set_ylabel("")
    return MapDrawing(ax, _category_handles(sel), _symbol_keys(sel, is_line.any(), rings), numbers)
