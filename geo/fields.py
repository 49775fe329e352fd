"""Projects described by labelled fields, as notices write them (环评公示, 核准批复, 招标公告):

    项目名称：甲乙100MW光伏发电项目          一、甲乙风电场工程
    建设单位：甲乙新能源有限公司              建设单位：…
    建设地点：丙县丁镇                        建设地点：…
    建设规模：装机容量100MW                   建设内容及规模：…

A block of such lines is one project: its name is the 项目名称 value or the numbered line heading the block,
its owner the 建设单位, its places the 建设地点 (before the name's own), its capacity the name's or the
总装机 of 建设规模. A block without a name (`2.1 建设地点：…` in a tender) describes the notice's one project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from geo import categories as cat
from geo.model import Project
from geo.parse import Paragraph, paragraphs
from geo.quantities import parse_capacity
from geo.segment import Candidate, candidates_from_segment, make_project
from geo.segment_places import Context

FIELDS = {
    "name": r"项目名称",
    "owner": r"建设单位|项目单位|项目业主|业主单位",
    "place": r"建设地点|项目地点|建设地址|项目位置",
    "scale": r"(?:实际)?建设规模(?:及内容)?|建设内容(?:及|和|与)?规模|建设内容|项目规模",
}
RE_FIELD = re.compile(
    r"^(?:\d+(?:\.\d+)*\s*[.．、]?\s*)?(?P<label>"
    + "|".join(f"(?P<{key}>{pattern})" for key, pattern in FIELDS.items())
    + r")\s*[：:]\s*(?P<value>\S.*)$"
)
RE_LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]")  # other fields of the block (环评单位：, 公示期限：)
RE_ITEM_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}\s*[.．、])\s*"
)
RE_TOTAL = re.compile(r"总(?:装机)?(?:容量|规模)?(?:为|约|达|共)?")
PLACE_RANK = {"township": 0, "site": 0, "place": 1, "county": 2, "city": 3, "province": 4}


@dataclass
class Block:
    start: int  # of the line naming the project (or of the first field)
    quote: str
    end: int = 0  # of its last field line
    name: str | None = None
    values: dict[str, str] = field(default_factory=dict)


def field_blocks(text: str) -> list[Block]:
    """The blocks of labelled lines in a text, each with the name line before it when it has no 项目名称."""
    blocks: list[Block] = []
    lines = [piece for line in paragraphs(text) for piece in _fields_of_line(line)]
    current: Block | None = None
    for k, line in enumerate(lines):
        m = RE_FIELD.match(line.text)
        if m is None:
            if current is not None and not RE_LABELLED.match(line.text):
                current = None
            continue
        key = next(key for key in FIELDS if m.group(key))
        if current is None or key in current.values:
            heading = lines[k - 1] if k > 0 and key != "name" else None
            named = (
                heading is not None and RE_ITEM_LABEL.match(heading.text) and not RE_FIELD.match(heading.text)
            )
            current = (
                Block(heading.start, heading.text, name=RE_ITEM_LABEL.sub("", heading.text).strip("。； "))
                if named
                else Block(line.start, line.text)
            )
            blocks.append(current)
        value = m.group("value").strip().rstrip("。；;")
        current.values[key] = value
        current.end = line.end
        if key == "name":
            current.name, current.start, current.quote = value, line.start, line.text
    return blocks


RE_NEXT_FIELD = re.compile(r"[；;]\s*(?=(?:" + "|".join(FIELDS.values()) + r")\s*[：:])")


def _fields_of_line(line: Paragraph) -> list[Paragraph]:
    """`项目名称：甲；项目单位：乙；建设地点：丙`: the fields of one line, each as a line of its own."""
    cuts = [0] + [m.end() for m in RE_NEXT_FIELD.finditer(line.text)]
    if len(cuts) == 1:
        return [line]
    pieces = zip(cuts, [m.start() for m in RE_NEXT_FIELD.finditer(line.text)] + [len(line.text)], strict=True)
    return [Paragraph(line.start + a, line.start + b, line.text[a:b]) for a, b in pieces]


def block_capacity(block: Block):
    scale = block.values.get("scale", "")
    total = RE_TOTAL.search(scale)
    return (parse_capacity(scale[total.end() :]) if total else None) or parse_capacity(scale)


def places_of(ctx: Context, text: str) -> list[str]:
    """Places of a 建设地点 value, most specific first."""
    found = ctx.find_places(text)
    return [surface for _, _, surface, kind in sorted(found, key=lambda f: PLACE_RANK.get(f[3], 5))]


def _named_first(ctx: Context, places: list[str], name: str) -> list[str]:
    """`建设地点：甲县乙镇、丙镇` of `乙风电场`: the township the name names, without the others."""
    kinds = {surface: kind for _, _, surface, kind in ctx.find_places("、".join(places))}
    towns = [p for p in places if kinds.get(p) == "township"]
    own = [t for t in towns if re.sub(r"(?<=..)(?:镇|乡|街道)$", "", t) in name]
    return [p for p in places if p not in towns or p in own] if own else places


def projects_from_fields(ctx: Context) -> tuple[list[Project], list[Block], list[tuple[int, int]]]:
    """(projects of named blocks, blocks without a name, spans of the named blocks' lines)."""
    projects, unnamed, spans = [], [], []
    for block in field_blocks(ctx.doc.text):
        if not block.name:
            unnamed.append(block)
            continue
        scale = block.values.get("scale", "")
        hint = cat.category_of(block.name) or cat.category_of(scale)
        if hint is None or not (cat.RE_HEAD_AT_END.search(block.name) or cat.category_of(block.name)):
            continue  # `2. 项目概况与招标范围`: a heading of the notice, not a name
        found = candidates_from_segment(ctx, block.name, in_box=True, hint=hint)
        c = found[0] if len(found) == 1 else Candidate(block.name, [], True, hint)
        located = _named_first(ctx, places_of(ctx, block.values.get("place", "")), block.name)
        c = replace(
            c,
            category=c.category or hint,
            named=True,
            places=located + [p for p in c.places if p not in located],
            owner=block.values.get("owner") or c.owner,
        )
        project = make_project(ctx, c, block.start, block.quote, [c])
        if parse_capacity(c.name) is None:
            project = replace(project, capacity=block_capacity(block) or project.capacity)
        projects.append(project)
        spans.append((block.start, block.end))
    return projects, unnamed, spans


def describe_the_one_project(ctx: Context, projects: list[Project], unnamed: list[Block]) -> list[Project]:
    """Fields without a name (`2.1 建设地点：…`) give the place, owner and size of a notice's one project."""
    if len(projects) != 1 or not unnamed:
        return projects
    project = projects[0]
    for block in unnamed:
        located = places_of(ctx, block.values.get("place", ""))
        project = replace(
            project,
            places=located + [p for p in project.places if p not in located],
            owner=project.owner or block.values.get("owner"),
            capacity=project.capacity or block_capacity(block),
        )
    return [project]
