"""Quantitative targets of a plan: `到2030年，光伏、风电装机分别达到300万千瓦和200万千瓦` -> one row per indicator.

extract_targets(doc) -> [Target]
"""

from __future__ import annotations

import re

from geo.model import Document, Target
from geo.parse import sentences
from geo.quantities import find_quantities, year_of
from geo.units import without_parentheses

TARGET_SUBJECTS: list[tuple[str, str]] = [
    ("pumped_storage", r"抽水蓄能"),
    ("storage", r"新型储能|储能"),
    ("nuclear", r"核电"),
    ("wind", r"风电"),
    ("solar", r"光伏"),
    ("biomass", r"生物质"),
    ("waste_energy", r"垃圾"),
    ("hydrogen", r"氢"),
    ("gas_power", r"燃气|天然气发电|燃机"),
    ("renewable", r"可再生能源|新能源|清洁能源|非化石能源"),
    ("lng", r"LNG|接收"),
    ("gas", r"天然气|燃气"),
    ("ccus", r"二氧化碳|碳捕集"),
    ("heat", r"供热|热"),
]
RE_TARGET_VERB = re.compile(r"(?:分别|均|总量|力争|累计|规模|容量)*(?:达到|超过|突破|提高到|提升到|增至|达)")
# `储能设施装机容量80万千瓦`: a target stated without a verb.
RE_CAPACITY_STATED = re.compile(r"(?:装机容量|装机规模|装机)(?=\s*\d)")
CAPACITY_UNITS = {"MW", "MWh", "Mt/a", "bcm/a"}
# A work report's year of work (`2024年工作安排`): what it sets for `年内`/`今年` is for that year.
RE_WORK_YEAR = re.compile(
    r"(20\d{2})\s*年(?:的)?(?:工作安排|重点工作|工作任务|主要任务|主要工作|工作的总体要求)"
)
RE_THIS_YEAR = re.compile(r"(?<![\d十])(?:年内|今年|全年)")


def indicator_of(subject: str) -> str | None:
    for code, pattern in TARGET_SUBJECTS:
        if re.search(pattern, subject):
            return code
    return None


def extract_targets(doc: Document) -> list[Target]:
    targets: list[Target] = []
    seen: set[tuple] = set()
    region = doc.meta.region_name
    work_year = RE_WORK_YEAR.search(doc.text)
    for node in doc.root.walk():
        if node.kind not in ("heading", "clause", "paragraph"):
            continue
        own_end = node.children[0].start if node.children and node.kind != "paragraph" else node.end
        previous_subjects: list[str] = []
        carried = None  # `到2025年，甲达到X；乙达到Y`: the year goes on after a semicolon
        for _, sentence in sentences(doc.text, node.start, own_end):
            clean = without_parentheses(sentence)
            year = year_of(clean) or carried
            if year is None and work_year and RE_THIS_YEAR.search(clean):
                year = int(work_year.group(1))
            carried = year if clean.endswith(("；", ";")) else None
            if year is None:
                continue
            for clause in re.split(r"[，,；;]", clean):
                year = year_of(clause) or year
                rows, previous_subjects = targets_in_clause(clause, year, previous_subjects)
                for indicator, value, unit in rows:
                    key = (indicator, value, unit, year)
                    if key in seen:
                        continue
                    seen.add(key)
                    targets.append(
                        Target(
                            region, doc.meta.region_adcode, indicator, value, unit, year, doc.source, sentence
                        )
                    )
    return targets


def targets_in_clause(
    clause: str, year: int, previous: list[str]
) -> tuple[list[tuple[str, float, str]], list[str]]:
    verb = RE_TARGET_VERB.search(clause) or RE_CAPACITY_STATED.search(clause)
    if not verb:
        if any(indicator_of(s) for s in re.split(r"[、和及与]", clause)) and not find_quantities(clause):
            previous = re.split(r"[、和及与]", clause)
        return [], previous
    quantities = [(v, u) for m, v, u in find_quantities(clause[verb.end() :]) if u in CAPACITY_UNITS]
    if not quantities:
        return [], previous
    subject_text = re.sub(r"^.*?(?:到|至|展望)\s*20\d{2}\s*年", "", clause[: verb.start()])
    subject_text = re.sub(r"(?:装机|容量|规模|能力)+", "", subject_text)
    subjects = [s for s in re.split(r"[、和及与]", subject_text) if s.strip()]
    if not re.sub(r"[，,\s]|力争|全市|全省|累计|总量|建成|在建|及", "", subject_text):
        subjects = previous
    indicators = [i for i in (indicator_of(s) for s in subjects) if i]
    if not indicators:
        return [], previous
    previous = subjects
    if "均" in clause[verb.start() : verb.end() + 1] and len(quantities) == 1:
        quantities = quantities * len(indicators)
    if len(indicators) == len(quantities):
        rows = [(i, v, u) for i, (v, u) in zip(indicators, quantities, strict=True)]
    else:
        rows = [(indicators[0], *quantities[0])]
    return rows, previous
