"""Hand-written gold annotations for the five seed plans -> eval/gold/<stem>.json.

Every project, target and attribute below was decided by reading the plans (see eval/README.md for the
conventions). This script only does the clerical part: it finds each annotation's anchor text in the plan
to copy the exact quote, the heading path and the clause's （责任单位：...） list, so those are not typed by
hand. It shares no code with the extractor (geo.extract) and must never import it.

Run: .venv/bin/python eval/annotate.py   (rewrites eval/gold/*.json and eval/edge_cases/*.json; review the diff)
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from geo.vocab import ENERGY_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "eval" / "gold"

# County-level units named in the annotations (GB/T 2260; 蓬莱区 is 370614 since 长岛 merged into it).
COUNTY = {
    "东港区": "371102",
    "岚山区": "371103",
    "五莲县": "371121",
    "莒县": "371122",
    "东营区": "370502",
    "河口区": "370503",
    "高青县": "370322",
    "临清市": "371581",
    "曹县": "371721",
    "高密市": "370785",
    "汶上县": "370830",
    "嘉祥县": "370829",
    "任城区": "370811",
    "垦利区": "370505",
    "利津县": "370522",
    "广饶县": "370523",
    "芝罘区": "370602",
    "福山区": "370611",
    "牟平区": "370612",
    "莱山区": "370613",
    "蓬莱区": "370614",
    "龙口市": "370681",
    "莱阳市": "370682",
    "莱州市": "370683",
    "招远市": "370685",
    "海阳市": "370687",
    "临淄区": "370305",
    "沂源县": "370323",
    "荣成市": "371082",
    # edge cases
    "文登区": "371003",
    "乳山市": "371083",
    "黄岛区": "370211",
    "即墨区": "370215",
    "胶州市": "370281",
    "莱西市": "370285",
    "费县": "371325",
    "沂水县": "371323",
    "巨野县": "371724",
    "郓城县": "371725",
    "单县": "371722",
    "东明县": "371728",
    "无棣县": "371623",
    "沾化区": "371603",
    "博兴县": "371625",
    "莱芜区": "370116",
    "章丘区": "370114",
    "济阳区": "370115",
    "钢城区": "370117",
    "临朐县": "370724",
    "寿光市": "370783",
    "昌邑市": "370786",
    "滕州市": "370481",  # unseen news passages
    "东平县": "370923",
    "茌平区": "371503",
    "乐陵市": "371481",
    "奎文区": "370705",
    "桓台县": "370321",  # unseen plan passages
    "高唐县": "371526",
    "东阿县": "371524",
    "冠县": "371525",
    "禹城市": "371482",
    "鄄城县": "371726",
    "齐河县": "371425",
    "泗水县": "370831",  # unseen notices
    "昌乐县": "370725",
    "梁山县": "370832",
    "平原县": "371426",
}

ENERGY = ENERGY_CATEGORIES

H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
H3 = re.compile(r"^[0-9０-９]+\s*[.．、]")
BOX = re.compile(r"^专栏\s*[0-9０-９]+")
ITEM = re.compile(r"(?<![A-Za-z0-9])[（(][0-9０-９]+[）)]")


def clean(raw: str) -> str:
    """Same text with conversion debris removed and page breaks inside sentences joined."""
    text = raw.replace("\r\n", "\n").lstrip("\ufeff")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    text = text.replace("**", "")
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        # join "long line without final punctuation" + blank line(s) + continuation
        while (
            len(line.strip()) >= 40
            and line.rstrip()[-1] not in "。；！？）)〕：:"
            and i + 2 < len(lines)
            and lines[i + 1].strip() == ""
            and lines[i + 2].strip()
            and not (H1.match(lines[i + 2]) or H2.match(lines[i + 2]) or H3.match(lines[i + 2]))
        ):
            line = line.rstrip() + lines[i + 2].strip()
            i += 2
        out.append(line)
        i += 1
    return "\n".join(out)


def docx_text(path: Path) -> str:
    """A .docx's paragraphs and table rows (cells joined by tabs) in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            lines += ["\t".join(c.text for c in row.cells) for row in Table(child, document).rows]
    return "\n".join(lines)


def unwrap_pdf_text(text: str) -> str:
    """PDF-extracted text as read: page numbers (`— 3 —`) and the running header (the first line, repeated)
    dropped, a line not closing a sentence or heading joined to the next unless that starts a heading."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    header = lines[0]
    body = [
        x
        for i, x in enumerate(lines)
        if not re.fullmatch(r"[—-]\s*\d+\s*[—-]", x) and (i == 0 or x != header)
    ]
    out: list[str] = []
    for line in body:
        joins = out and len(out[-1]) >= 25 and out[-1][-1] not in "。；！？："
        if joins and not (H1.match(line) or H2.match(line) or H3.match(line)):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


class Plan:
    def __init__(
        self,
        stem: str,
        body_marker: str,
        folder: Path = SEEDS,
        t2s: bool = False,
        suffix: str = ".txt",
        pdf: bool = False,
    ):
        self.stem = stem
        self.folder = folder
        self.source = f"{stem}{suffix}"
        if suffix == ".docx":
            self.text = docx_text(folder / self.source)
        else:
            self.text = clean((folder / self.source).read_text(encoding="utf-8"))
        if pdf:  # a file as PDF text extraction leaves it: quotes are of the text with its pages put together
            self.text = unwrap_pdf_text(self.text)
        if t2s:  # quotes of a traditional-script plan are given in simplified script, as ingestion reads them
            import opencc

            self.text = opencc.OpenCC("t2s").convert(self.text)
        self.body = self.text.index(body_marker)
        self.lines: list[tuple[int, str]] = []
        pos = 0
        for line in self.text.split("\n"):
            self.lines.append((pos, line))
            pos += len(line) + 1
        self.rules: list[tuple[int, list[str]]] = []

    def find(self, anchor: str, start: int | None = None) -> int:
        i = self.text.find(anchor, self.body if start is None else start)
        if i < 0:
            sys.exit(f"{self.stem}: anchor not found: {anchor!r}")
        return i

    def line_of(self, pos: int) -> tuple[int, int, str]:
        for k, (start, line) in enumerate(self.lines):
            if start <= pos <= start + len(line):
                return k, start, line
        raise ValueError(pos)

    def in_box(self, pos: int) -> bool:
        k, _, _ = self.line_of(pos)
        for j in range(k, -1, -1):
            line = self.lines[j][1].strip()
            if BOX.match(line):
                return True
            if H1.match(line) or H2.match(line):
                return False
            if H3.match(line) and "责任单位" in line:
                return False
        return False

    def section(self, pos: int) -> str:
        k, _, _ = self.line_of(pos)
        h1 = h2 = box = h3 = None
        for j in range(k, -1, -1):
            line = self.lines[j][1].strip()
            if not line:
                continue
            title = re.split(r"(?<=[^0-9０-９])[。]", line, maxsplit=1)[0]
            if h3 is None and h2 is None and box is None and h1 is None and H3.match(line):
                h3 = title
            elif box is None and h2 is None and h1 is None and BOX.match(line):
                box = line
            elif h2 is None and h1 is None and H2.match(line):
                h2 = title
            elif h1 is None and H1.match(line):
                h1 = title
                break
        return " > ".join(x for x in (h1, h2, box, h3) if x)

    def quote(self, pos: int, anchor_len: int) -> str:
        box = self.in_box(pos)
        stops = "。；！？\n"
        a = pos
        while a > 0 and self.text[a - 1] not in stops:
            a -= 1
        b = pos + anchor_len
        while b < len(self.text) and self.text[b] not in stops:
            b += 1
        if b < len(self.text) and self.text[b] != "\n":
            b += 1
        sent = self.text[a:b]
        if box:  # one 专栏 item: from its （n） marker to the next one
            rel = pos - a
            marks = [m.start() for m in ITEM.finditer(sent)]
            left = max([m for m in marks if m <= rel], default=None)
            right = min([m for m in marks if m > rel], default=None)
            if left is not None:
                sent = sent[left:right] if right is not None else sent[left:]
            elif "。" in sent[:rel]:
                sent = sent[sent.rindex("。", 0, rel) + 1 :]
        return sent.strip()

    def clause_units(self, pos: int) -> list[str]:
        """The （责任单位：...） closing the clause that contains pos ([] inside a 专栏)."""
        if self.in_box(pos):
            return []
        k, _, _ = self.line_of(pos)
        for j in range(k, len(self.lines)):
            start, line = self.lines[j]
            s = line.strip()
            if j > k and (H1.match(s) or H2.match(s) or H3.match(s) or BOX.match(s)):
                return []
            m = re.search(r"[（(〔]责任单位[：:](.*?)[）)〕]\s*$", line) if True else None
            if m and (j > k or start + m.start() > pos):
                return parse_units(m.group(1))
        return []

    def units(self, positions: list[int]) -> list[str]:
        out: list[str] = []
        for pos in positions:
            for unit in self.clause_units(pos):
                if unit not in out:
                    out.append(unit)
            for start, rule in self.rules:
                if pos >= start:
                    for unit in rule:
                        if unit not in out:
                            out.append(unit)
        return out


def split_top_level(text: str) -> list[str]:
    """Split on 、，,；; outside nested parentheses (各县（市、区）政府 stays one unit)."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if depth == 0 and ch in "、，,；;":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def parse_units(inner: str) -> list[str]:
    units: list[str] = []
    for sentence in re.split(r"[。]", inner):
        sentence = sentence.strip()
        if not sentence:
            continue
        if "不再列出" in sentence:
            if "均为责任单位" in sentence:
                sentence = sentence.split("均为责任单位")[0]
            else:
                continue
        for part in split_top_level(sentence):
            part = part.strip()
            part = re.sub(r"等$", "", part)
            if part and part not in units:
                units.append(part)
    return units


def project(
    plan: Plan,
    name: str,
    at: str,
    cat: str,
    *,
    county=None,
    town=None,
    prec=None,
    off=False,
    cap=None,
    val=None,
    unit=None,
    owner=None,
    year=None,
    aliases=(),
    also=(),
    alt=None,
    note=None,
    at_from: str | None = None,
    units: list[str] | None = None,
    status: str | None = None,
    ends: tuple[str, str] | None = None,
):
    """`ends`: a line's two ends as the text names them (scored as `line_ends`). `status`: the stage the document states for the project (a code of geo.history.STATUS_WORDS), scored
    where given. `units`: the responsible units as read, where the text gives them in another form than a closing
    （责任单位：...） (a task's own （甲、乙负责）, （牵头单位：…；配合单位：…）, a table's 责任单位 column)."""
    start = plan.find(at_from) if at_from else None
    pos = plan.find(at, start)
    positions = [pos] + [plan.find(a) for a in also]
    if prec is None:
        prec = "township" if town else ("county" if county else "city")
    entry = {
        "name": name,
        "aliases": list(aliases),
        "category": cat,
        "energy": cat in ENERGY,
        "county": county,
        "county_adcode": COUNTY[county] if county else None,
        "township": town,
        "precision": prec,
        "offshore": off,
        "capacity_text": cap,
        "capacity_value": val,
        "capacity_unit": unit,
        "owner": owner,
        "target_year": year,
        "responsible_units": plan.units(positions) if units is None else list(units),
        "section": plan.section(pos),
        "quote": plan.quote(pos, len(at)),
    }
    if also:
        entry["other_quotes"] = [plan.quote(p, 1) for p in positions[1:]]
    for key, value in (alt or {}).items():
        if key == "county":
            value = [COUNTY[v] if v else None for v in value]
            key = "county_adcode"
        entry[f"alt_{key}"] = value
    if note:
        entry["note"] = note
    if status:
        entry["status"] = status
    if ends:
        entry["line_ends"] = list(ends)
    return entry


def target(
    plan: Plan,
    region: tuple[str, str],
    indicator: str,
    value: float,
    unit: str,
    year,
    at: str,
    label: str | None = None,
    optional: bool | None = None,
    at_from: str | None = None,
):
    start = plan.find(at_from) if at_from else None
    pos = plan.find(at, start)
    entry = {
        "region": region[0],
        "region_adcode": region[1],
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "year": year,
        "quote": plan.quote(pos, len(at)),
    }
    if label:
        entry["label"] = label
    if optional or indicator == "other":
        entry["optional"] = True
    return entry


def borderline(plan: Plan, name: str, at: str, reason: str, cat: str | None = None):
    pos = plan.find(at)
    entry = {"name": name, "reason": reason, "quote": plan.quote(pos, len(at))}
    if cat:
        entry["category"] = cat
    return entry


def write(plan: Plan, region: tuple[str, str], projects, targets, borderlines, notes=()):
    doc = {
        "source": plan.source,
        "region": region[0],
        "region_adcode": region[1],
        "notes": list(notes),
        "projects": projects,
        "targets": targets,
        "borderline": borderlines,
    }
    out = GOLD if plan.folder == SEEDS else plan.folder
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{plan.stem}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    print(f"{path.name}: {len(projects)} projects, {len(targets)} targets, {len(borderlines)} borderline")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import edge_specs  # noqa: F401  (edge-case annotations; writes eval/edge_cases/*.json)
    import geo_unseen_specs  # noqa: F401  (lines, offshore sites and multi-city bases; eval/edge_cases/geo_unseen/)
    import gold_specs  # noqa: F401  (the annotations; writes the files)
    import notices_unseen_specs  # noqa: F401  (notices and progress news written before their rules)
    import plans_unseen_specs  # noqa: F401  (plan passages written after the rules; writes edge_cases/plans_unseen/)
    import unseen_specs  # noqa: F401  (news passages written after the rules; writes eval/edge_cases/unseen/)
