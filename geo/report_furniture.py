"""Map furniture of the briefing map: graticule with degree labels, scale bar and north arrow. The scale bar
and the north arrow are kept free of labels through the labeler (geo.report_labels.Labeler)."""

from __future__ import annotations

import math

from geo.report_labels import halo_text
from geo.report_layers import UTM_CRS
from geo.report_style import INK, MUTED


def _transformers():
    """(UTM 50N -> WGS 84, WGS 84 -> UTM 50N), x/y as lon/lat."""
    from pyproj import Transformer

    inv = Transformer.from_crs(UTM_CRS, "EPSG:4326", always_xy=True)
    fwd = Transformer.from_crs("EPSG:4326", UTM_CRS, always_xy=True)
    return inv, fwd


def _degrees(v, pos, neg) -> str:
    v = round(v, 2)
    return f"{abs(v):g}°{pos if v >= 0 else neg}"


def graticule(ax, x0, x1, y0, y1):
    """Meridians and parallels (thin) with degree labels on the bottom and left edges."""
    import numpy as np

    inv, fwd = _transformers()
    xs = np.array([x0, x1, x0, x1, (x0 + x1) / 2, (x0 + x1) / 2])
    ys = np.array([y0, y0, y1, y1, y0, y1])
    lon, lat = inv.transform(xs, ys)
    span = max(lon.max() - lon.min(), lat.max() - lat.min())
    step = next(s for s in (0.1, 0.2, 0.25, 0.5, 1, 2) if span / s <= 8)
    lons = np.arange(math.ceil(lon.min() / step) * step, lon.max() + 1e-9, step)
    lats = np.arange(math.ceil(lat.min() / step) * step, lat.max() + 1e-9, step)
    t = np.linspace(0, 1, 60)

    xticks, xlabels, yticks, ylabels = [], [], [], []
    for lo in lons:
        la = lat.min() - 0.5 + t * (lat.max() - lat.min() + 1)
        gx, gy = fwd.transform(np.full_like(la, lo), la)
        ax.plot(gx, gy, color="#9AB3C8", lw=0.35, zorder=1.5, alpha=0.8)
        bx = np.interp(y0, gy, gx)
        if x0 < bx < x1:
            xticks.append(bx)
            xlabels.append(_degrees(lo, "E", "W"))
    for la_ in lats:
        lo_ = lon.min() - 0.5 + t * (lon.max() - lon.min() + 1)
        gx, gy = fwd.transform(lo_, np.full_like(lo_, la_))
        ax.plot(gx, gy, color="#9AB3C8", lw=0.35, zorder=1.5, alpha=0.8)
        by = np.interp(x0, gx, gy)
        if y0 < by < y1:
            yticks.append(by)
            ylabels.append(_degrees(la_, "N", "S"))
    ax.set_xticks(xticks, xlabels, fontsize=6.5, color=MUTED)
    ax.set_yticks(yticks, ylabels, fontsize=6.5, color=MUTED, rotation=90, va="center")
    ax.tick_params(length=2.5, width=0.5, pad=1.5, colors=MUTED)


def nice_length(max_m: float) -> float:
    """A round scale-bar length (1, 2, 5 x 10^k metres) not above max_m."""
    exp = 10 ** math.floor(math.log10(max_m))
    for step in (5, 2, 1):
        if step * exp <= max_m:
            return step * exp
    return exp


def scale_bar(ax, labeler, x0, x1, y0, y1):
    """A four-segment scale bar in the lower left corner on a white backing."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox

    length = nice_length((x1 - x0) / 5)
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
    disp = ax.transData.transform(
        [(bx - (x1 - x0) * 0.012, by - (y1 - y0) * 0.022), (bx + length * 1.15, by + (y1 - y0) * 0.05)]
    )
    labeler.block(Bbox(disp))


def north_arrow(ax, labeler, x0, x1, y0, y1):
    """A north arrow pointing at true north at the map centre (UTM grid north differs by the convergence)."""
    from matplotlib.patches import Circle, Polygon
    from matplotlib.transforms import Bbox

    inv, fwd = _transformers()
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
