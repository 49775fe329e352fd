"""Number labels on the briefing map: each project symbol carries its 序号 from the project table.

A project alone at its point gets its number beside its symbol. A group of projects stacked at one point
(most projects are known only to their county or city, and sit at its representative point, spread in a
sunflower by the report) gets one label listing the group's numbers as ranges, ``3–9, 12``, beside the
group. A label goes to the first free place around its anchor (right, left, above, below, then the
diagonals), moving outwards step by step; a label that had to move away from its anchor is tied to it by a
thin leader line. "Free" is decided by the report's labeler: no overlap with other labels, the scale bar or
the north arrow, nor with project symbols. When nothing is free, the label is still drawn (a briefing writer
must find every row on the map): first over symbols only, else at the nearest place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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


def anchors(numbers, reps, spread, marker_px: float, to_px) -> list[Anchor]:
    """Group the projects by the point they stand for (``reps``, as the report's sunflower groups them) and
    make one anchor per group of GROUP_MIN or more, one per project otherwise. ``spread``: where each symbol
    is drawn; ``to_px``: data -> display transform (for the group's reach)."""
    import numpy as np

    groups: dict = {}
    for i, (x, y) in enumerate(reps):
        groups.setdefault((round(x / 10), round(y / 10)), []).append(i)
    out = []
    for members in groups.values():
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
    from matplotlib import patheffects

    # the halo is a separate path-only artist: text with path effects becomes outlines in the PDF, which
    # pdftotext (and a reader's search for "12") cannot see
    kw = {"ha": "center", "va": "center", "fontsize": fontsize, "linespacing": 1.0}
    halo = [patheffects.Stroke(linewidth=2.0, foreground="white")]
    ax.text(x, y, text, color="white", zorder=zorder - 0.01, path_effects=halo, **kw)
    ax.text(x, y, text, color="#1A1A1A", zorder=zorder, **kw)


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
