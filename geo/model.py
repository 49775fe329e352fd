"""Plain data types at the seams of the pipeline.

text -> Document (tree of Nodes) -> Project / Target (extract) -> LocatedProject (geocode) -> Mention (one
document's LocatedProject) -> LocatedProject of one facility, linked across documents (geo.link) -> catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

NodeKind = Literal["root", "heading", "clause", "box", "box_item", "paragraph"]
Precision = Literal["site", "township", "county", "city", "region", "province"]


@dataclass
class Node:
    """One element of a plan's structure, with its span in `Document.text`.

    `level` is the heading depth: 1 = `一、`, 2 = `（一）`, 3 = `1.`, 4 = `（1）`; 0 for the root.
    A clause is a numbered level-3 or level-4 item whose own text continues after its label.
    """

    kind: NodeKind
    level: int
    label: str
    title: str
    start: int
    end: int
    children: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class DocumentMeta:
    title: str
    region_name: str  # "日照市" or "山东省"
    region_adcode: str | None  # "371100" / "370000"
    doc_number: str | None  # "日政字〔2023〕32号"
    date: str | None  # ISO "2023-06-21", or "2023" when only the year is known
    doc_kind: str = "plan"  # plan | news | notice | report (geo.parse.doc_kind_of)


@dataclass
class Document:
    source: str  # the plan's file name
    text: str  # cleaned text; every span refers to it
    meta: DocumentMeta
    root: Node


@dataclass(frozen=True)
class Capacity:
    """A stated quantity. `value`/`unit` are None for size classes such as 百万千瓦级."""

    text: str
    value: float | None
    unit: str | None  # MW | MWh | Mt/a | bcm/a


@dataclass(frozen=True)
class SourceSpan:
    section: str  # "三、实施碳达峰“十大工程” > （一）能源绿色低碳转型工程 > 专栏 1"
    quote: str  # the sentence the project was read from
    start: int
    end: int


@dataclass
class Project:
    """A named project as read from one plan, before geocoding."""

    name: str
    category: str  # a code of geo.vocab.CATEGORIES
    source: str
    doc_title: str
    region_adcode: str | None  # the document's own region, for disambiguating places
    spans: list[SourceSpan]
    places: list[str] = field(default_factory=list)  # raw place mentions, most specific first
    owner: str | None = None
    capacity: Capacity | None = None
    target_year: int | None = None
    responsible_units: list[str] = field(default_factory=list)
    offshore: bool = False
    line_ends: tuple[str, str] | None = None  # for pipelines and lines between two places
    doc_kind: str | None = None  # the kind of document it was read from (DocumentMeta.doc_kind)

    @property
    def section(self) -> str:
        return self.spans[0].section

    @property
    def quote(self) -> str:
        return self.spans[0].quote


@dataclass(frozen=True)
class Target:
    region: str
    region_adcode: str | None
    indicator: str  # a code of geo.vocab.TARGET_INDICATORS
    value: float
    unit: str
    year: int | None
    source: str
    quote: str


@dataclass
class Location:
    precision: Precision
    lon: float
    lat: float
    province: str = "山东省"
    city: str | None = None
    city_adcode: str | None = None
    county: str | None = None
    county_adcode: str | None = None
    township: str | None = None
    offshore: bool = False
    wkt: str | None = None  # set for LineString projects; otherwise the point lon/lat
    note: str | None = None


@dataclass
class LocatedProject:
    """A placed project. Straight from the geocoder it is what one document says; after geo.link it is one
    facility: `project`/`location` hold the resolved values, `sources` the files naming it (newest first),
    `status` the latest stated stage and `resolution` the rules that chose the values (see geo.link)."""

    id: str
    project: Project
    location: Location
    sources: list[str] = field(default_factory=list)
    status: str | None = None
    status_words: str | None = None  # the words `status` was read from (开工, 并网 ...)
    status_date: str | None = None  # the date of the document they are in
    resolution: str | None = None
    review_status: str = "unreviewed"  # unreviewed | confirmed | edited | added (geo.edits applies the log)
    edited_fields: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """What one document says about a project: its own reading and placing (`located`, whose id is the
    mention id), the document's kind and date, and the stage its words give, if any."""

    located: LocatedProject
    doc_kind: str  # plan | news | notice | report
    doc_date: str | None  # ISO date or year, as found in the document
    status: str | None = None  # a code of geo.history.STATUS_WORDS
    status_text: str | None = None  # the words the status was read from
    project_id: str = ""  # the project (facility) it belongs to
    link_reason: str = ""  # why it is in that project

    @property
    def id(self) -> str:
        return self.located.id

    @property
    def source(self) -> str:
        return self.located.project.source


@dataclass(frozen=True)
class Unresolved:
    source: str
    project: str
    mention: str
    reason: str
