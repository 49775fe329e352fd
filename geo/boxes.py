"""专栏 boxes and project tables: each item of a box (`3. 抽水蓄能。（1）甲电站（2）乙电站`) or row of a table
(`序号 | 项目名称 | 建设地点 | 建设规模 | 责任单位`) read as the names it lists.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo import categories as cat
from geo.model import Node, Project
from geo.parse import RE_ITEM_MARK
from geo.quantities import parse_capacity
from geo.segment import candidates_from_segment, make_project
from geo.segment_places import Context, place_surfaces
from geo.units import split_units

RE_PROSE = re.compile(r"[，,]|实施|推动|推进|为重点|开展|加快|鼓励|支持|全部|退出|淘汰|^在")


def projects_from_box_item(ctx: Context, node: Node) -> list[Project]:
    text = ctx.doc.text[node.start : node.end]
    if "\t" in text.strip():
        return projects_from_table_row(ctx, node, text)
    body = text
    hint = None
    label = re.match(r"^\s*\d{1,2}\s*[.．、]\s*", body)
    if label:
        body = body[label.end() :]
    title_end = re.search(r"[。：:]", body)
    # `3. 抽水蓄能。（1）...`: a category title before the items; an item line `（1）甲项目。` has none.
    if title_end and title_end.start() <= 20 and not RE_ITEM_MARK.search(body[: title_end.start()]):
        title = body[: title_end.start()]
        hint = cat.category_of(title) or cat.box_category(title)
        body = body[title_end.end() :]
    box = _box_of(ctx.doc.root, node)
    box_hint = cat.box_category(box.title) if box else None
    if box and box_hint and box_hint != "heat" and hint is None:
        hint = box_hint
    items = [part for part in RE_ITEM_MARK.split(body) if part.strip()]
    out = []
    for item in items:
        item = item.strip().rstrip("。；;，,")
        if not item:
            continue
        offset = node.start + text.find(item)
        # A box item is normally a bare list of names; one written as a sentence is read like prose.
        is_list = not RE_PROSE.search(item)
        found = []
        for segment in re.split(r"[；;，,]", item):
            found.extend(candidates_from_segment(ctx, segment, in_box=is_list, hint=hint, sentence=item))
        found = [c for c in found if c.named and (c.category or hint)]
        for c in found:
            out.append(make_project(ctx, c, offset, item, found))
    return out


RE_TABLE_HEADER = re.compile(r"序号|项目名称|建设地点|建设内容|建设规模|责任单位|牵头单位|所在地|建设年限")
RE_UNITS_HEADER = re.compile(r"(?:责任|牵头|配合|协办|参与|主责)(?:单位|部门)")


def projects_from_table_row(ctx: Context, node: Node, text: str) -> list[Project]:
    """A row of a project table (a .docx table, or tab-separated text): `序号 | 名称 | 地点 | 规模 | ...`.
    The name is the first cell with a head noun or a category; the other cells add places and, for a row
    naming one project, its capacity."""
    cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
    if not cells or any(RE_TABLE_HEADER.fullmatch(cell) for cell in cells):
        return []
    name_at = next(
        (i for i, cell in enumerate(cells) if cat.RE_HEAD.search(cell) or cat.category_of(cell)), None
    )
    if name_at is None:
        return []
    box = _box_of(ctx.doc.root, node)
    hint = cat.box_category(box.title) if box else None
    units_at = _units_columns(ctx, box)
    row_units = [unit for i in units_at if i < len(cells) for unit in split_units(cells[i])]
    others = [
        cell
        for i, cell in enumerate(cells)
        if i != name_at and i not in units_at and not re.fullmatch(r"[\d.．、]+", cell)
    ]
    found = [
        c for c in candidates_from_segment(ctx, cells[name_at], in_box=True, hint=hint) if c.category or hint
    ]
    out = []
    for c in found:
        # the location column is the explicit place: it comes first
        located = [p for cell in others for p in place_surfaces(ctx, cell)]
        c = replace(c, places=located + [p for p in c.places if p not in located], named=True)
        project = make_project(ctx, c, node.start + text.find(cells[name_at]), text.strip(), found)
        if project.capacity is None and len(found) == 1:
            capacity = next((cap for cell in others if (cap := parse_capacity(cell))), None)
            project = replace(project, capacity=capacity)
        if row_units:
            units = list(dict.fromkeys(row_units + project.responsible_units))
            project = replace(project, responsible_units=units)
        out.append(project)
    return out


def _units_columns(ctx: Context, box: Node | None) -> list[int]:
    """The columns of a project table's header row that list responsible units (a 配合单位 column's units
    are responsible too, as in a clause's （牵头单位：…；配合单位：…））."""
    for row in box.children if box else []:
        cells = [cell.strip() for cell in ctx.doc.text[row.start : row.end].split("\t") if cell.strip()]
        if any(RE_TABLE_HEADER.fullmatch(cell) for cell in cells):
            return [i for i, cell in enumerate(cells) if RE_UNITS_HEADER.fullmatch(cell)]
    return []


def _box_of(root: Node, item: Node) -> Node | None:
    for node in root.walk():
        if node.kind == "box" and item in node.children:
            return node
    return None
