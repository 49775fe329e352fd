"""Plan text -> document tree (headings, clauses, 专栏 boxes and their items) with metadata.

Heading grammar of Chinese government plans:
    level 1  `一、`            level 2  `（一）`
    level 3  `1.` `1．` `1、`  level 4  `（1）`
`专栏 1：标题` opens a box of key projects whose numbered lines are categories with `（n）` items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from geo.model import Document, DocumentMeta, Node

CN_NUM = "一二三四五六七八九十"
RE_LEVEL1 = re.compile(rf"^[{CN_NUM}]+\s*、\s*")
RE_LEVEL2 = re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]\s*")
RE_LEVEL3 = re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*")
RE_LEVEL4 = re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")
# A 专栏, or a numbered table title (`表1 …重点项目表`, `附表2：…`) whose rows list projects the same way.
RE_BOX = re.compile(
    rf"^(?:专栏\s*[\d{CN_NUM}]*|附表\s*[\d{CN_NUM}]*|表\s*[\d{CN_NUM}]+)(?![\d{CN_NUM}])\s*[：:]?\s*"
)
# A tab-separated header row (`序号	项目名称	建设地点	…`) opens a table without a title; its tab rows are its items.
RE_TABLE_NAME_HEADER = re.compile(r"^(?:序号\t)?\s*项目名称\s*\t")
RE_ITEM_MARK = re.compile(r"(?<![A-Za-z0-9_])[（(]\s*\d{1,2}\s*[）)]")
RE_TITLE_END = re.compile(r"[。：:]")

RE_NOTICE_TITLE = re.compile(r"关于印发(.{4,60}?)的通知")
RE_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\s*\d{4}\s*〕\s*\d+\s*号")
RE_DATE = re.compile(
    r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<!\d)(20\d{2})-(\d{1,2})-(\d{1,2})(?!\d)"
)
# What kind of document a text is, from its title and opening (doc_kind_of).
RE_PLAN_KIND = re.compile(r"(?:方案|规划|计划|意见|纲要|要点|措施|办法)$")
RE_REPORT_KIND = re.compile(r"政府工作报告|工作报告")
RE_NOTICE_KIND = re.compile(r"(?:通知|公告|公示|通告|批复|名单)$|关于(?:公布|下达|印发|公示)")
RE_NEWS_KIND = re.compile(r"记者|通讯员|讯[：:]|\d日电|日讯|来源[：:]|原标题|编辑[：:]|报道")
RE_TITLE_NOTE = re.compile(r"(?:[（(][^（）()]{1,20}[）)])+$")
RE_PLAN_TITLE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,40}(?:碳达峰|碳中和)[\u4e00-\u9fff（）()]{0,20}(?:方案|规划|意见)"
)

# A numbered line inside a box is a list line (category + items), not prose, when it is this short
# or carries `（n）` items; a longer unnumbered paragraph closes the box.
BOX_LINE_MAX_PROSE = 200


class PlanLike(Protocol):
    source: str
    text: str


class RegionLookup(Protocol):
    def __call__(self, text: str) -> tuple[str, str] | None: ...


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines with their spans (leading/trailing whitespace excluded from the span)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            out.append(Paragraph(start, start + len(stripped), stripped))
        pos += len(line) + 1
    return out


def classify(text: str) -> tuple[str, int, str, str]:
    """(kind, level, label, title) of one paragraph."""
    for kind, level, pattern in (
        ("box", 0, RE_BOX),
        ("heading", 1, RE_LEVEL1),
        ("heading", 2, RE_LEVEL2),
        ("clause", 3, RE_LEVEL3),
        ("clause", 4, RE_LEVEL4),
    ):
        match = pattern.match(text)
        if match:
            label = match.group(0).strip()
            rest = text[match.end() :].strip()
            if kind == "box":
                return kind, level, label, rest
            end = RE_TITLE_END.search(rest)
            if end and end.start() <= 40:
                return kind, level, label, rest[: end.start()]
            return kind, level, label, rest if kind == "heading" and len(rest) <= 40 else ""
    return "paragraph", 0, "", ""


def _is_box_line(text: str, kind: str) -> bool:
    if RE_ITEM_MARK.search(text):
        return True
    return kind == "clause" and len(text) <= BOX_LINE_MAX_PROSE


def build_tree(text: str) -> Node:
    root = Node("root", 0, "", "", 0, len(text))
    stack: list[Node] = [root]
    box: Node | None = None
    for para in paragraphs(text):
        kind, level, label, title = classify(para.text)
        if box is not None:
            closes_box = kind in ("heading", "box") or (
                not _is_box_line(para.text, kind) and len(para.text) > BOX_LINE_MAX_PROSE
            )
            if not box.label:  # an untitled table ends at its first line without cells
                closes_box = "\t" not in para.text
            if not closes_box:
                item = Node("box_item", 0, label, title, para.start, para.end)
                box.children.append(item)
                box.end = para.end
                _extend(stack, para.end)
                continue
            box = None
        if kind == "paragraph" and RE_TABLE_NAME_HEADER.match(para.text):
            while len(stack) > 1 and stack[-1].kind != "heading":
                stack.pop()
            box = Node("box", 0, "", "", para.start, para.end)
            box.children.append(Node("box_item", 0, "", "", para.start, para.end))  # the header row
            stack[-1].children.append(box)
            _extend(stack, para.end)
            continue
        if kind == "box":
            # A box belongs to the section it illustrates, not to the clause printed just before it.
            while len(stack) > 1 and stack[-1].kind != "heading":
                stack.pop()
            box = Node("box", 0, label, title, para.start, para.end)
            stack[-1].children.append(box)
            _extend(stack, para.end)
            continue
        if kind == "paragraph":
            node = Node("paragraph", 0, "", "", para.start, para.end)
            stack[-1].children.append(node)
            _extend(stack, para.end)
            continue
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node = Node(kind, level, label, title, para.start, para.end)
        stack[-1].children.append(node)
        stack.append(node)
        _extend(stack, para.end)
    return root


def _extend(stack: list[Node], end: int) -> None:
    for node in stack:
        node.end = max(node.end, end)


def section_path(root: Node, position: int) -> str:
    """Heading path of the deepest heading/clause/box containing `position`."""
    parts: list[str] = []
    node = root
    while True:
        inner = next(
            (
                c
                for c in node.children
                if c.kind != "paragraph" and c.start <= position < max(c.end, c.start + 1)
            ),
            None,
        )
        if inner is None or inner.kind == "box_item":
            return " > ".join(part for part in parts if part)
        parts.append(heading_text(inner))
        node = inner


def heading_text(node: Node) -> str:
    if node.kind == "box" and not node.label:  # a table opened by its header row
        return ""
    if node.kind == "box" and not node.label.startswith("专栏"):  # a table title: 表1：…
        return f"{node.label.rstrip('：:').strip()}：{node.title}"
    if node.kind == "box":
        return f"专栏{node.label.removeprefix('专栏').rstrip('：:').strip()}：{node.title}".replace(
            "专栏：", "专栏 "
        )
    if node.kind == "clause":
        return f"{node.label}{node.title}" if node.title else node.label
    return f"{node.label}{node.title}"


def infer_meta(text: str, region_of: RegionLookup | None) -> DocumentMeta:
    head = text[:3000]
    title = ""
    notice = RE_NOTICE_TITLE.search(head)
    if notice:
        title = notice.group(1).strip("《》")
    else:
        for para in paragraphs(head):
            if len(para.text) <= 60 and RE_PLAN_TITLE.fullmatch(para.text.strip("《》")):
                title = para.text.strip("《》")
                break
        if not title:
            plan = RE_PLAN_TITLE.search(head)
            title = plan.group(0) if plan else paragraphs(text)[0].text[:60] if text.strip() else ""
    number = RE_DOC_NUMBER.search(head)
    date = _infer_date(text, number.group(0) if number else None)
    doc_kind = doc_kind_of(title, head, bool(number))
    region = region_of(title) if region_of else None
    if (
        region_of
        and (region is None or (doc_kind != "plan" and _is_province(region)))
        and not (region is not None and _names_several_cities(region_of, head[:500]))
    ):
        # a news item titled `山东…` about one city's projects is that city's (a plan's title names its issuer);
        # one whose lines are about several cities stays the province's
        in_head = region_of(head[:500])
        region = in_head if region is None or (in_head and not _is_province(in_head)) else region
    region_name, region_adcode = region if region else ("", None)
    return DocumentMeta(
        title=title,
        region_name=region_name,
        region_adcode=region_adcode,
        doc_number=re.sub(r"\s+", "", number.group(0)) if number else None,
        date=date,
        doc_kind=doc_kind,
    )


def _names_several_cities(region_of: RegionLookup, text: str) -> bool:
    """Lines of `text` about different cities (a province's list of projects, not one city's news)."""
    cities = {r for para in paragraphs(text) if (r := region_of(para.text)) and not _is_province(r)}
    return len(cities) > 1


def _is_province(region: tuple[str, str]) -> bool:
    return bool(region[1]) and region[1].endswith("0000")


def doc_kind_of(title: str, head: str, has_number: bool) -> str:
    """plan | report | notice | news. A plan's title ends in 方案/规划/... (also when a 关于印发…的通知 carries
    it) or the text has a document number and is not titled as a notice; a government work report says so; a notice is titled or opens
    as one; anything else, and every text written like a news item (记者, 来源, 日电 ...), is news."""
    # a closing note is not the title's last word: `…实施方案（征求意见稿）`, `…规划（2021—2025年）`, `（节选）`
    title = RE_TITLE_NOTE.sub("", title.strip("《》 ")).strip("《》 ")
    if RE_REPORT_KIND.search(title) or RE_REPORT_KIND.search(head[:300]):
        return "report"
    # a 批复/公告/公示 carries a document number too (its own, or the approval it cites): its title says notice
    notice_title = bool(RE_NOTICE_KIND.search(title)) and "印发" not in title
    if RE_PLAN_KIND.search(title) or RE_PLAN_TITLE.search(title) or (has_number and not notice_title):
        return "plan"
    if RE_NEWS_KIND.search(head[:500]):
        return "news"
    if RE_NOTICE_KIND.search(title) or RE_NOTICE_KIND.search(head[:200]):
        return "notice"
    return "news"


def _infer_date(text: str, doc_number: str | None) -> str | None:
    # The issuing date sits near the top (after the notice) or at the very end.
    for chunk in (text[:1500], text[-300:]):
        match = RE_DATE.search(chunk)
        if match:
            year, month, day = (int(g) for g in match.groups() if g is not None)
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    if doc_number:
        year = re.search(r"〔(\d{4})〕", doc_number)
        if year:
            return year.group(1)
    return None


def parse_document(plan: PlanLike, region_of: RegionLookup | None = None) -> Document:
    """Build the document tree and metadata. `region_of(text)` names the issuing region (city or
    province) found in a text, as (name, adcode); by default the gazetteer's admin units are used."""
    if region_of is None:
        region_of = default_region_lookup()
    text = plan.text
    return Document(source=plan.source, text=text, meta=infer_meta(text, region_of), root=build_tree(text))


def default_region_lookup() -> RegionLookup:
    from geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()

    def region_of(text: str) -> tuple[str, str] | None:
        for match in gazetteer.find(text):
            for place in match.candidates:
                if place.kind == "city":
                    return place.name, place.adcode
        # a news item naming only counties (龙口, 莒县) and sites of one city is about that city
        cities = {
            match.candidates[0].city_adcode
            for match in gazetteer.find(text)
            if match.candidates and match.candidates[0].kind not in ("province", "region", "offshore_zone")
        }
        if len(cities) == 1 and (city := gazetteer.city(next(iter(cities)) or "")):
            return city.name, city.adcode
        for match in gazetteer.find(text):
            for place in match.candidates:
                if place.kind == "province":
                    return place.name, place.adcode
        return None

    return region_of


RE_SENTENCE_MARK = re.compile(r"[（(）)。；;！？!?\n]")


def sentences(text: str, start: int, end: int) -> Iterable[tuple[int, str]]:
    """(offset, sentence) pairs, parentheses kept with their sentence."""
    depth = 0
    begin = start
    for mark in RE_SENTENCE_MARK.finditer(text, start, end):
        char = mark.group(0)
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:
            i = mark.start()
            if text[begin:i].strip():
                yield begin, text[begin : i + 1].strip()
            begin = i + 1
    if text[begin:end].strip():
        yield begin, text[begin:end].strip()
