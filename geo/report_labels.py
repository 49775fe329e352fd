"""Text on the briefing map without overlaps: the labeler (place names, scale bar and north arrow
keep-outs), halos, and the number labels.

Number labels: each project symbol carries its 序号 from the project table.

A project alone at its point gets its number beside its symbol. A group of projects stacked at one point
(most projects are known only to their county or city, and sit at its representative point, spread in a
sunflower by the report) gets one label listing the group's numbers as ranges, ``3–9, 12``, beside the
group. A label goes to the first free place around its anchor (right, left, above, below, then the
diagonals), moving outwards step by step; a label that had to move away from its anchor is tied to it by a
thin leader line. "Free" is decided by the labeler: no overlap with other labels, the scale bar or
the north arrow, nor with project symbols. When nothing is free, the label is still drawn (a briefing writer
must find every row on the map): first over symbols only, else at the nearest place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def label_point(geom):
    from shapely.ops import polylabel

    if geom.geom_type == "MultiPolygon":
        geom = max(geom.geoms, key=lambda g: g.area)
    try:
        return polylabel(geom, tolerance=max(math.sqrt(geom.area) / 50, 50))
    except Exception:
        return geom.representative_point()


class Labeler:
    """Places text without overlaps: first come (higher priority) first served. Occupied areas are kept
    as display-space boxes in numpy arrays so each test is one vectorized comparison: ``hard`` boxes
    (labels, scale bar, north arrow) and ``soft`` ones (project symbols, which a city name may cover
    when there is no other room for it). A label's box is computed from the font's advance widths, so
    a Text artist is only made for a label that is placed."""

    def __init__(self, ax, renderer):
        import numpy as np

        self.ax = ax
        self.renderer = renderer
        self.hard = np.empty((0, 4))
        self.soft = np.empty((0, 4))
        self.box = ax.get_window_extent(renderer)
        self.px_per_pt = ax.figure.dpi / 72

    @staticmethod
    def _stack(boxes, rows):
        import numpy as np

        return np.vstack([boxes, np.asarray(rows, dtype=float).reshape(-1, 4)])

    def block(self, bbox):
        self.block_box(bbox.x0, bbox.y0, bbox.x1, bbox.y1)

    def block_box(self, x0, y0, x1, y1):
        self.hard = self._stack(self.hard, [x0, y0, x1, y1])

    def block_points(self, xs, ys, radius_px):
        import numpy as np

        if len(xs) == 0:
            return
        d = self.ax.transData.transform(np.column_stack([xs, ys]))
        rows = np.column_stack(
            [d[:, 0] - radius_px, d[:, 1] - radius_px, d[:, 0] + radius_px, d[:, 1] + radius_px]
        )
        self.soft = self._stack(self.soft, rows)

    def free(self, x0, y0, x1, y1, over_points=False) -> bool:
        if x0 < self.box.x0 or x1 > self.box.x1 or y0 < self.box.y0 or y1 > self.box.y1:
            return False
        for b in (self.hard,) if over_points else (self.hard, self.soft):
            if len(b) and ((b[:, 0] < x1) & (b[:, 2] > x0) & (b[:, 1] < y1) & (b[:, 3] > y0)).any():
                return False
        return True

    def place(self, x, y, text, pad=1.5, shifts=((0, 0),), within=None, halo=0.0, over_points=False, **kw):
        """Try the label at (x, y), then shifted by multiples of its own size (keeping its centre inside
        ``within``, the unit it names, when given); None when nothing fits. ``over_points``: when no
        position is free of project symbols, take the first one free of other labels (drawn above the
        symbols)."""
        import shapely

        from geo.fonts import text_width_em

        size_px = float(kw.get("fontsize", 10)) * self.px_per_pt
        w = text_width_em(text) * size_px + 2 * pad
        h = 1.07 * size_px + 2 * pad
        bx, by = self.ax.transData.transform((x, y))
        inv = self.ax.transData.inverted()
        for ignore_points in (False, True) if over_points else (False,):
            for sx, sy in shifts:
                dx, dy = sx * w, sy * h
                x0, y0 = bx + dx - w / 2, by + dy - h / 2
                if not self.free(x0, y0, x0 + w, y0 + h, ignore_points):
                    continue
                nx, ny = (x, y)
                if sx or sy:
                    nx, ny = inv.transform((bx + dx, by + dy))
                    if within is not None and not within.contains(shapely.Point(nx, ny)):
                        continue
                self.hard = self._stack(self.hard, [x0, y0, x0 + w, y0 + h])
                if ignore_points:
                    kw = {**kw, "zorder": max(kw.get("zorder", 5), 7.6)}
                t = self.ax.text(nx, ny, text, ha="center", va="center", **kw)
                add_halo(self.ax, t, halo)
                return t
        return None


CITY_LABEL_SHIFTS = (
    (0, 0),
    (0, 1),
    (0, -1),
    (0.6, 0),
    (-0.6, 0),
    (0.5, 1),
    (-0.5, 1),
    (0.5, -1),
    (-0.5, -1),
    (0, 2),
    (0, -2),
)
COUNTY_LABEL_SHIFTS = (
    (0, 0),
    (0, 0.9),
    (0, -0.9),
    (0.6, 0),
    (-0.6, 0),
    (0, 1.8),
    (0, -1.8),
    (0.6, 0.9),
    (-0.6, -0.9),
)


def halo_text(ax, x, y, text, halo, **kw):
    """Text with a white halo drawn as a separate, path-only artist beneath it: text drawn with path effects
    becomes outlines in the PDF, which pdftotext and a reader's search cannot see."""
    t = ax.text(x, y, text, **kw)
    add_halo(ax, t, halo)
    return t


def add_halo(ax, t, halo):
    if halo <= 0:
        return
    from matplotlib import patheffects

    x, y = t.get_position()
    ax.text(
        x,
        y,
        t.get_text(),
        ha=t.get_horizontalalignment(),
        va=t.get_verticalalignment(),
        fontsize=t.get_fontsize(),
        fontstyle=t.get_fontstyle(),
        linespacing=t.get_linespacing(),
        color="white",
        zorder=t.get_zorder() - 0.01,
        path_effects=[patheffects.Stroke(linewidth=halo, foreground="white")],
    )


def halo_effect(width=2.2, color="white"):
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground=color)]


NUMBER_FONT = {True: 5.6, False: 6.6}  # the number labels' size: province view, city view
GROUP_MIN = 3  # this many projects at one point get one label for the group
LINE_EM = 1.15  # line height of a label, in font sizes
MAX_LINE_EM = 9.0  # a group label wraps after this width
LEADER = "#666666"
# directions tried around an anchor, right first (the reading direction), then left, above, below, corners
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
STEPS = 9  # distances tried, in label heights beyond the anchor's clearance


@dataclass
class Anchor:
    """What one label stands for: the projects' numbers, where they are drawn (data coordinates) and how
    far around that point the symbols reach (display pixels)."""

    numbers: list[int]
    x: float
    y: float
    radius_px: float


@dataclass
class NumberLabel:
    numbers: list[int]
    text: str  # as printed, lines joined by "\n"
    x: float  # label centre, data coordinates
    y: float
    leader: bool  # a leader line ties it to its anchor


def number_ranges(numbers) -> str:
    """``[3, 4, 5, 6, 7, 8, 9, 12]`` -> ``3–9, 12``; two consecutive numbers stay a pair (``3, 4``)."""
    parts = []
    nums = sorted(set(int(n) for n in numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{nums[i]}–{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i : j + 1])
        i = j + 1
    return ", ".join(parts)


def expand_ranges(text: str) -> list[int]:
    """The numbers a label lists: the inverse of :func:`number_ranges` (any whitespace, commas)."""
    out = []
    for part in text.replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        lo, _, hi = part.partition("–")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def _wrapped(text: str) -> list[str]:
    """Break a long group label after a comma so it stays a compact block beside its group."""
    from geo.fonts import text_width_em

    lines, line = [], ""
    for part in text.split(", "):
        candidate = f"{line}, {part}" if line else part
        if line and text_width_em(candidate) > MAX_LINE_EM:
            lines.append(line + ",")
            line = part
        else:
            line = candidate
    return [*lines, line]


def shared_points(xy) -> list[list[int]]:
    """Indices of the projects at each point (to 10 m: the same county's or city's representative point)."""
    groups: dict = {}
    for i, (x, y) in enumerate(xy):
        groups.setdefault((round(x / 10), round(y / 10)), []).append(i)
    return list(groups.values())


def anchors(numbers, reps, spread, marker_px: float, to_px) -> list[Anchor]:
    """Group the projects by the point they stand for (``reps``, as the report's sunflower groups them) and
    make one anchor per group of GROUP_MIN or more, one per project otherwise. ``spread``: where each symbol
    is drawn; ``to_px``: data -> display transform (for the group's reach)."""
    import numpy as np

    out = []
    for members in shared_points(reps):
        if len(members) < GROUP_MIN:
            for i in members:
                out.append(Anchor([int(numbers[i])], spread[i][0], spread[i][1], marker_px))
            continue
        cx, cy = reps[members[0]]
        centre = to_px(np.array([[cx, cy]]))[0]
        drawn = to_px(np.asarray([spread[i] for i in members]))
        reach = float(np.hypot(drawn[:, 0] - centre[0], drawn[:, 1] - centre[1]).max()) + marker_px * 1.6
        out.append(Anchor(sorted(int(numbers[i]) for i in members), cx, cy, reach))
    return sorted(out, key=lambda a: a.numbers[0])


def _candidates(bx, by, radius, w, h, gap):
    """Label boxes (x0, y0) around a display point, nearest first; the flag says it left its anchor."""
    for step in range(STEPS):
        extra = step * h * 0.9
        for ux, uy in DIRECTIONS:
            # a diagonal keeps the box's corner on the circle rather than its side's middle
            scale = (radius + gap + extra) * (math.sqrt(0.5) if ux and uy else 1.0)
            cx = bx + ux * (scale + w / 2)
            cy = by + uy * (scale + h / 2)
            yield cx - w / 2, cy - h / 2, step > 0


def place_numbers(ax, labeler, anchors_, fontsize: float, zorder: float = 7.8) -> list[NumberLabel]:
    """Place one label per anchor with the report's labeler (see module docstring); returns the labels."""
    from geo.fonts import text_width_em

    px = fontsize * labeler.px_per_pt
    gap = 0.25 * px
    inv = ax.transData.inverted()
    placed = []
    for a in anchors_:
        lines = _wrapped(number_ranges(a.numbers)) if len(a.numbers) > 1 else [str(a.numbers[0])]
        w = max(text_width_em(s) for s in lines) * px + 2
        h = LINE_EM * px * len(lines) + 1
        bx, by = ax.transData.transform((a.x, a.y))
        spot = None
        for ignore_points in (False, True):
            spot = next(
                (
                    c
                    for c in _candidates(bx, by, a.radius_px, w, h, gap)
                    if labeler.free(c[0], c[1], c[0] + w, c[1] + h, ignore_points)
                ),
                None,
            )
            if spot:
                break
        if spot is None:
            spot = next(_candidates(bx, by, a.radius_px, w, h, gap))
        x0, y0, moved = spot
        labeler.block_box(x0, y0, x0 + w, y0 + h)
        cx, cy = inv.transform((x0 + w / 2, y0 + h / 2))
        text = "\n".join(lines)
        _draw(ax, cx, cy, text, fontsize, zorder)
        if moved:
            _leader(ax, inv, (bx, by), a.radius_px, (x0, y0, x0 + w, y0 + h), zorder)
        placed.append(NumberLabel(a.numbers, text, float(cx), float(cy), moved))
    return placed


def _draw(ax, x, y, text, fontsize, zorder):
    kw = {"ha": "center", "va": "center", "linespacing": 1.0, "zorder": zorder}
    add_halo(ax, ax.text(x, y, text, fontsize=fontsize, color="#1A1A1A", **kw), 2.0)


def _leader(ax, inv, anchor_px, radius_px, box, zorder):
    """A thin line from the edge of the anchor's reach to the nearest point of the label's box."""
    bx, by = anchor_px
    x0, y0, x1, y1 = box
    ex, ey = min(max(bx, x0), x1), min(max(by, y0), y1)
    d = math.hypot(ex - bx, ey - by)
    if d <= radius_px + 1:
        return
    sx, sy = bx + (ex - bx) * radius_px / d, by + (ey - by) * radius_px / d
    (dx0, dy0), (dx1, dy1) = inv.transform([(sx, sy), (ex, ey)])
    ax.plot([dx0, dx1], [dy0, dy1], color=LEADER, lw=0.45, zorder=zorder - 0.02, solid_capstyle="butt")


def number_projects(ax, labeler, projects, is_line, spread, marker_pt: float, province_view: bool):
    """Label every symbol with its 序号 in the project table: ``projects`` keeps the index of the report's
    selection, whose row k-1 is the table's row k. Points by their (group's) point, lines at their middle;
    ``spread``: where the point symbols are drawn (data coordinates), ``marker_pt``: their size."""
    import numpy as np

    marker_px = marker_pt / 72 * ax.figure.dpi / 2
    found = []
    points = projects[~is_line]
    if len(points):
        reps = points.geometry.representative_point()
        found = anchors(
            (points.index + 1).to_numpy(),
            np.column_stack([reps.x, reps.y]),
            spread,
            marker_px,
            ax.transData.transform,
        )
    for i, geom in projects[is_line].geometry.items():
        mid = geom.interpolate(0.5, normalized=True)
        found.append(Anchor([int(i) + 1], mid.x, mid.y, marker_px * 0.6))
    found.sort(key=lambda a: a.numbers[0])
    return place_numbers(ax, labeler, found, NUMBER_FONT[province_view])
