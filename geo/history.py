"""What one document says about a project (a mention), and how a project's shown values are chosen from
the mentions of all the documents naming it.

- `make_mention`: a document's located project with the document's kind and date and the stage its sentence
  states (`stated_status`, words of STATUS_WORDS);
- `newest_first`: the order in which mentions are listed and ties are broken;
- `resolve`: one value per attribute, and the rule that chose it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from geo.model import Capacity, LocatedProject, Mention, Project

PRECISION_RANK = {"site": 0, "township": 1, "county": 2, "city": 3, "region": 4, "province": 5}

# Stage words and the stage they give (DOMAIN notes: news is the usual source of a stage; a plan's verbs say less).
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "cancelled": ("取消", "终止建设"),
    "shelved": ("暂缓", "搁置", "停建"),
    "operating": ("建成", "并网", "投运", "投产", "投入运营", "投入使用", "竣工", "运行"),
    "construction": ("开工", "在建", "施工", "复工", "续建", "加快建设", "推进", "加快", "建设中", "动工"),
    "pre_construction": ("核准", "前期", "签约", "备案", "获批", "中标", "招标"),
    "planned": ("规划", "谋划", "储备", "布局", "论证"),
}


def normalize_text(text: str) -> str:
    """NFKC, lower case, without whitespace and quotes: the form names are compared in."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"[\s\"'“”‘’《》〈〉「」·•・]", "", text)


def stated_status(quote: str, name: str) -> tuple[str | None, str | None]:
    """The stage the words around `name` in its sentence give: (code of STATUS_WORDS, the word), or (None,
    None). Only the clause holding the name counts (between ，。；!? marks); of several stage words the one
    nearest the name wins, a word after it before one before it. A name split by a shared head (`甲、乙等X项目`) is found by its first characters."""
    text = normalize_text(quote)
    full = normalize_text(name)
    at, key = -1, ""
    for size in (len(full), 6, 4, 2):
        key = full[:size]
        at = text.find(key) if key else -1
        if at >= 0:
            break
    if at < 0:
        return None, None
    marks = "，,。；;!?！？"
    start = max(text.rfind(ch, 0, at) for ch in marks) + 1
    ends = [e for e in (text.find(ch, at + len(key)) for ch in marks) if e >= 0]
    clause = text[start : min(ends) if ends else len(text)]
    at -= start
    best: tuple[tuple[int, int], str, str] | None = None
    for code, words in STATUS_WORDS.items():
        for word in words:
            for hit in re.finditer(re.escape(word), clause):
                if hit.end() > at and hit.start() < at + len(key):
                    continue  # part of the name itself (甲规划区光伏项目)
                after = hit.start() >= at
                # nearest wins; at equal distance the word after the name (X前期工作, X建成) says more than the
                # verb before it (推进X)
                rank = (hit.start() - at - len(key) if after else at - hit.end(), 0 if after else 1)
                if best is None or rank < best[0]:
                    best = (rank, code, word)
    return (best[1], best[2]) if best else (None, None)


# The stage of a table's rows, from the heading of their part of a project list (`二、续建项目`, `准备项目`).
RE_LIST_STAGE = (
    ("operating", re.compile(r"(?:竣工|建成|投产)(?:类)?项目")),
    ("construction", re.compile(r"(?:续建|新开工|在建)(?:类)?项目")),
    ("pre_construction", re.compile(r"(?:准备|预备|前期)(?:类)?项目")),
    ("planned", re.compile(r"(?:储备|谋划)(?:类)?项目")),
)
# The stage a notice's title gives the projects it is about, when their own sentences state none.
RE_TITLE_STAGE = (
    ("cancelled", re.compile(r"终止|取消|撤销|注销")),
    ("shelved", re.compile(r"暂缓|停建|搁置")),
    ("operating", re.compile(r"竣工|投运|投产|并网")),
    ("construction", re.compile(r"开工")),
    ("pre_construction", re.compile(r"环境影响|环评|受理|审批|批复|核准|备案|招标|中标|采购|可行性研究")),
)
RE_NOTICE_TITLE = re.compile(r"(?:公示|公告|批复|通知|通告|公布)[）)]?(?:[（(][^（）()]{1,20}[）)])?$")
# A news item about a set of projects that start, sign or go into operation together (`重点项目集中开工`).
RE_GROUP_EVENT = (
    ("construction", re.compile(r"集中开工|集中签约开工")),
    ("pre_construction", re.compile(r"集中签约")),
    ("operating", re.compile(r"集中(?:竣工|投产|并网)")),
)
# A plan that aims at a stage (`推动甲项目建成并网`, `推进乙项目开工建设`) says the project is one stage before it.
RE_AIM_VERB = re.compile(r"推动|推进|加快|力争|确保|争取|促进")
AIMED_AT = {"operating": "construction", "construction": "pre_construction"}
AIMED_WORDS = {"operating": STATUS_WORDS["operating"], "construction": ("开工", "动工")}


def project_status(
    project: Project, doc_kind: str | None, title: str | None
) -> tuple[str | None, str | None]:
    """The stage one document (of `doc_kind`, titled `title`) states for `project`: (code of STATUS_WORDS,
    the words), or (None, None): its own sentence's words (a plan's aim read as the stage before it), else
    the heading of its part of a project list, else a title about projects starting or operating together
    (`集中开工`), else a notice's title."""
    if not project.spans:
        return None, None
    aimed = _aimed_stage(project.quote, project.name) if doc_kind == "plan" else None
    if aimed or (aimed := _stopped_later(project.quote, project.name)):
        return aimed
    code, word = stated_status(project.quote, project.name)
    if code:
        return code, word
    for code, pattern in RE_LIST_STAGE:
        if hit := pattern.search(project.section):
            return code, hit.group(0)
    for code, pattern in RE_GROUP_EVENT:
        if hit := pattern.search(title or ""):
            return code, hit.group(0)
    if title and RE_NOTICE_TITLE.search(title):
        for code, pattern in RE_TITLE_STAGE:
            if hit := pattern.search(title):
                return code, hit.group(0)
    return None, None


def _stopped_later(quote: str, name: str) -> tuple[str, str] | None:
    """`甲项目因…不符合…规划要求，终止建设`: a cancelling or shelving word later in the name's sentence, with
    no other project named between or as its object (`，暂缓乙项目`), is its stage (whatever words its own
    clause has)."""
    from geo.categories import RE_HEAD

    text, full = normalize_text(quote), normalize_text(name)
    key = full if full in text else full[:4]
    at = text.find(key)
    if at < 0:
        return None
    ends = [e for e in (text.find(ch, at) for ch in "。；;!?！？") if e >= 0]
    after = text[at + len(key) : min(ends) if ends else len(text)]
    hits = [
        (i, code, w)
        for code in ("cancelled", "shelved")
        for w in STATUS_WORDS[code]
        if (i := after.find(w)) >= 0
        and not RE_HEAD.search(after[:i])
        and not RE_HEAD.search(_clause_after(after, i))
    ]
    return min(hits)[1:] if hits else None


def _clause_after(text: str, at: int) -> str:
    ends = [e for e in (text.find(ch, at) for ch in "，,") if e >= 0]
    return text[at : min(ends) if ends else len(text)]


def _aimed_stage(quote: str, name: str) -> tuple[str, str] | None:
    """`推进甲项目开工建设`: an aim verb before the name in its clause and a stage word after it give the stage
    before the one aimed at (construction for 建成/并网, pre-construction for 开工)."""
    text, key = normalize_text(quote), normalize_text(name)[:4]
    at = text.find(key)
    if at < 0:
        return None
    start = max(text.rfind(ch, 0, at) for ch in "，,。；;") + 1
    ends = [e for e in (text.find(ch, at) for ch in "，,。；;") if e >= 0]
    after = text[at + len(key) : min(ends) if ends else len(text)]
    if not RE_AIM_VERB.search(text, start, at):
        return None
    hits = [(after.find(w), code, w) for code, words in AIMED_WORDS.items() for w in words if w in after]
    if not hits:
        return None
    _, code, word = min(hits)
    return AIMED_AT[code], word


def make_mention(
    lp: LocatedProject, doc_kind: str | None, doc_date: str | None, title: str | None = None
) -> Mention:
    """A mention of one document's located project, with the stage the document states for it."""
    status, words = project_status(lp.project, doc_kind, title)
    return Mention(
        located=lp, doc_kind=doc_kind or "plan", doc_date=doc_date, status=status, status_text=words
    )


# ---------------------------------------------------------------------------------------------------------------
# resolved values


def _year(m: Mention) -> int:
    return int(m.doc_date[:4]) if (m.doc_date or "")[:4].isdigit() else 0


def newest_first(mentions: Iterable[Mention]) -> list[Mention]:
    """By document date, newest first (a full date before a bare year of the same year, undated last), then
    by file name."""
    ordered = sorted(mentions, key=lambda m: m.source)
    ordered.sort(key=lambda m: (_year(m), m.doc_date or ""), reverse=True)  # stable: file order kept on ties
    return ordered


def resolve(mentions: list[Mention]) -> LocatedProject:
    """One project's values from its mentions (newest-first order breaks every tie); `resolution` names the
    rule and the file for each value the documents disagree on.

    - place (city, county, township, point, precision, offshore), name, section and quote: the mention with
      the most precise place;
    - status: the newest document that states one; target year: the newest that states one;
    - capacity: the largest stated value (the whole project rather than a phase), else the newest text;
    - owner: the one most mentions state; responsible units: all of them, newest document first.
    """
    ordered = newest_first(mentions)
    primary = min(ordered, key=lambda m: PRECISION_RANK.get(m.located.location.precision, 9))
    projects = [m.located.project for m in ordered]
    rules = []

    def differ(values) -> bool:
        return len({v for v in values if v is not None}) > 1

    if len(ordered) > 1:
        rules.append(f"名称、地点：定位最精确的文件（{primary.source}，同等时取最新）")
    status = next((m for m in ordered if m.status), None)
    if status and len(ordered) > 1:
        rules.append(f"进展：最新提到进展的文件（{status.source}）")
    capacity, cap_rule = _capacity(ordered)
    if cap_rule and differ([p.capacity.text if p.capacity else "" for p in projects]):
        rules.append(cap_rule)
    year_from = next((m for m in ordered if m.located.project.target_year), None)
    if year_from and differ([p.target_year for p in projects]):
        rules.append(f"目标年份：最新文件所述（{year_from.source}）")
    owners = [p.owner for p in projects if p.owner]
    owner = max(owners, key=owners.count) if owners else None
    if differ(owners):
        rules.append("业主：多数文件所述")
    units = list(dict.fromkeys(u for p in projects for u in p.responsible_units))
    base = primary.located
    project = replace(
        base.project,
        owner=owner,
        capacity=capacity,
        target_year=year_from.located.project.target_year if year_from else None,
        responsible_units=units,
    )
    return LocatedProject(
        id="",
        project=project,
        location=base.location,
        sources=list(dict.fromkeys(m.source for m in ordered)),
        status=status.status if status else None,
        status_words=status.status_text if status else None,
        status_date=status.doc_date if status else None,
        resolution="；".join(rules) or None,
    )


def _capacity(ordered: list[Mention]) -> tuple[Capacity | None, str | None]:
    caps = [(m, m.located.project.capacity) for m in ordered if m.located.project.capacity is not None]
    valued = [(m, c) for m, c in caps if c.value]
    if len(caps) == 1:
        return caps[0][1], f"规模：仅此文件写明（{caps[0][0].source}）"
    if valued:
        units = [c.unit for _, c in valued]
        unit = max(units, key=units.count)
        m, cap = max((mc for mc in valued if mc[1].unit == unit), key=lambda mc: mc[1].value)
        return cap, f"规模：所述最大值（全项目而非一期，{m.source}）"
    if caps:
        return caps[0][1], f"规模：最新文件所述（{caps[0][0].source}）"
    return None, None
