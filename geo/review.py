"""What the 审核 page needs: the review queue, the values an editor sees, and edits made from form input.

    seen = current_values(record, log)                 # the catalog row with later logged edits on top
    edit = change(record, seen, "county", "五莲", "王工")  # ReviewError with a clear message on bad input
    store.append_edit(edit)                            # ConflictError when someone changed it meanwhile
    queue = review_queue(projects, unresolved, log, plans)

A record is a row of the catalog (geo.catalog: a mapping with the PROJECT_FIELDS columns). What each field
of the log holds (geo.edits applies them): "review" confirmed | rejected | unreviewed; "name", "category"
(a code of geo.vocab.CATEGORIES), "owner", "capacity" (as written, e.g. 400万千瓦); "county" (its GB/T 2260
code); "township" (its full name, in the record's county); "site" {"lon", "lat"}; "merged_into" (the id
of the record it joins); "record" for an added project {name, category, county_adcode, capacity, owner}.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from geo.cli import UserError
from geo.i18n import STATUS_LABELS, location_note_label, precision_label
from geo.i18n_review import FIELD_LABELS, QUEUE_LABELS, field_label
from geo.store import Edit

EDITABLE = ("name", "category", "owner", "capacity", "status", "county", "township")
# the stages an editor can set (geo.history.STATUS_WORDS), named as the map names them (geo.i18n)
STAGES = tuple(code for code in STATUS_LABELS if code != "unknown")
MAX_NAME = 100
MAX_REASON = 500
COARSE_PRECISIONS = ("city", "region", "province")
SHANDONG_BBOX = (114.5, 34.3, 123.5, 38.6)  # lon/lat: land and the near sea
_MARKUP = re.compile(r"[<>&\"]|[\x00-\x1f\x7f]")


class ReviewError(UserError):
    """Form input that cannot become an edit; the message names the value. Nothing is stored.
    ``str()`` is the message in Chinese, ``text("en")`` in English."""

    def __init__(self, zh: str, en: str):
        super().__init__(zh)
        self.en = en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else str(self)


# ---------------------------------------------------------------------- checking input


def clean_text(value: Any, what: str, *, required: bool = True, limit: int = MAX_NAME) -> str | None:
    """``what``: the field's code (geo.i18n_review.FIELD_LABELS), for the message."""
    zh, en = FIELD_LABELS[what]
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise ReviewError(f"{zh}不能为空", f"The {en} must not be empty")
        return None
    if _MARKUP.search(text):
        raise ReviewError(
            f'{zh}“{text[:40]}”含有 < > & " 或控制字符：请只写文字',
            f'The {en} “{text[:40]}” contains < > & " or control characters: please write plain text',
        )
    if len(text) > limit:
        raise ReviewError(
            f"{zh}太长（{len(text)} 字，最多 {limit} 字）",
            f"The {en} is too long ({len(text)} characters, at most {limit})",
        )
    return text


def category_code(value: Any) -> str:
    from geo.vocab import CATEGORIES

    text = str(value or "").strip()
    for code, (zh, en) in CATEGORIES.items():
        if text in (code, zh, en):
            return code
    raise ReviewError(
        f"未知类别“{text[:40]}”：可选 {'、'.join(zh for zh, _ in CATEGORIES.values())}",
        f"Unknown category “{text[:40]}”: one of {', '.join(en for _, en in CATEGORIES.values())}",
    )


def status_code(value: Any) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    for code in STAGES:
        zh, en = STATUS_LABELS[code]
        if text in (code, zh, en, *zh.split("/")):  # 规划/谋划: either word alone too
            return code
    raise ReviewError(
        f"未知阶段“{text[:40]}”：可选 {'、'.join(STATUS_LABELS[c][0] for c in STAGES)}",
        f"Unknown stage “{text[:40]}”: one of {', '.join(STATUS_LABELS[c][1] for c in STAGES)}",
    )


def county_code(value: Any) -> str:
    """A Shandong county's code from its code, name (五莲县), short name (五莲) or city + name (济南市市中区)."""
    from geo.layers_read import admin_units

    text = re.sub(r"\s+", "", str(value or ""))
    if not text:
        raise ReviewError("区县不能为空", "The county must not be empty")
    units = admin_units()
    counties = units[units["level"] == "county"]
    cities = dict(zip(units["adcode"], units["name"], strict=True))
    hits = [
        r.adcode
        for r in counties.itertuples()
        if text in (r.adcode, r.name, r.short_name, f"{cities.get(r.parent_adcode, '')}{r.name}")
    ]
    if not hits:
        raise ReviewError(
            f"未知区县“{text[:40]}”：请写山东省的区县名称（如 五莲县）或其六位代码",
            f"Unknown county “{text[:40]}”: write a Shandong county's name (e.g. 五莲县) or its six-digit code",
        )
    if len(hits) > 1:
        options = [f"{cities.get(c[:4] + '00', '')}{text}" for c in hits]
        raise ReviewError(
            f"区县“{text}”不唯一：请写 {'、'.join(options)}",
            f"The county “{text}” is ambiguous: write one of {', '.join(options)}",
        )
    return str(hits[0])


def township_name(value: Any, county_adcode: str | None) -> str | None:
    from geo.gazetteer import Gazetteer
    from geo.gazetteer_townships import township_short_name

    text = clean_text(value, "township", required=False)
    if text is None:
        return None
    if not county_adcode:
        raise ReviewError(
            "记录还没有区县：请先定区县再定乡镇", "The record has no county yet: set the county first"
        )
    towns = Gazetteer.default().townships_in(county_adcode)
    for t in towns:
        if text in (t.name, t.short_name) or township_short_name(text) == t.short_name:
            return t.name
    raise ReviewError(
        f"乡镇“{text}”不在区县 {county_adcode} 的乡镇名录中",
        f"The township “{text}” is not in the township list of county {county_adcode}",
    )


def capacity_text(value: Any) -> str | None:
    from geo.quantities import parse_capacity

    text = clean_text(value, "capacity", required=False, limit=60)
    if text is None:
        return None
    cap = parse_capacity(text)
    if cap is None or (cap.value is None and cap.text != text):
        raise ReviewError(
            f"无法识别容量“{text}”：请写数值和单位，如 400万千瓦、200 MW、100万吨/年",
            f"Cannot read the capacity “{text}”: write a number and a unit, e.g. 400万千瓦, 200 MW, 100万吨/年",
        )
    return text


def site_point(lon: Any, lat: Any) -> dict[str, float]:
    try:
        x, y = float(lon), float(lat)
    except (TypeError, ValueError):
        raise ReviewError(
            f"经纬度“{lon}, {lat}”不是数字", f"The longitude and latitude “{lon}, {lat}” are not numbers"
        ) from None
    west, south, east, north = SHANDONG_BBOX
    if not (math.isfinite(x) and math.isfinite(y) and west <= x <= east and south <= y <= north):
        raise ReviewError(
            f"点位 {x}, {y} 不在山东省范围内（经度 {west}–{east}，纬度 {south}–{north}）",
            f"The point {x}, {y} is outside Shandong (longitude {west}–{east}, latitude {south}–{north})",
        )
    return {"lon": round(x, 6), "lat": round(y, 6)}


# ---------------------------------------------------------------------- what the editor sees


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def catalog_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's values in the terms of the log's fields."""

    def get(key):
        v = record.get(key)
        return None if _missing(v) else v

    return {
        "review": "confirmed" if get("review_status") == "confirmed" else "unreviewed",
        "name": get("name"),
        "category": get("category"),
        "owner": get("owner"),
        "capacity": get("capacity_text"),
        "status": get("status"),
        "county": get("county_adcode"),
        "township": get("township"),
        "site": None,
        "merged_into": None,
    }


def current_values(record: Mapping[str, Any], log: Iterable[Edit]) -> dict[str, Any]:
    """What the editor should see: the catalog's values with the logged edits of this record on top (the
    catalog may be older than the log until the next build)."""
    values = catalog_values(record)
    for e in log:
        if e.record_id == record.get("id") and e.field in values:
            values[e.field] = e.new_value
    return values


# ---------------------------------------------------------------------- making edits


def _edit(record: Mapping, seen: Mapping, action: str, fld: str, new: Any, editor: str, reason=None) -> Edit:
    return Edit(
        record_id=str(record["id"]),
        action=action,
        field=fld,
        old_value=seen.get(fld),
        new_value=new,
        editor=editor,
        reason=clean_text(reason, "reason", required=False, limit=MAX_REASON),
        quote=record.get("quote"),
        source=record.get("source"),
    )


def confirm(record: Mapping, seen: Mapping, editor: str) -> Edit:
    return _edit(record, seen, "confirm", "review", "confirmed", editor)


def reject(record: Mapping, seen: Mapping, editor: str, reason: str) -> Edit:
    clean_text(reason, "reject_reason", limit=MAX_REASON)
    return _edit(record, seen, "reject", "review", "rejected", editor, reason)


def change(
    record: Mapping, seen: Mapping, fld: str, value: Any, editor: str, reason: str | None = None
) -> Edit:
    """An edit of one field from form input (checked: ReviewError on bad input)."""
    if fld == "name":
        new = clean_text(value, "name")
    elif fld == "owner":
        new = clean_text(value, "owner", required=False)
    elif fld == "category":
        new = category_code(value)
    elif fld == "capacity":
        new = capacity_text(value)
    elif fld == "status":
        new = status_code(value)
    elif fld == "county":
        new = county_code(value)
    elif fld == "township":
        new = township_name(value, seen.get("county"))
    else:
        raise ReviewError(
            f"字段“{fld}”不可编辑（可编辑：{'、'.join(field_label(f) for f in EDITABLE)}）",
            f"The field “{fld}” cannot be edited (editable: {', '.join(field_label(f, 'en') for f in EDITABLE)})",
        )
    if new == seen.get(fld):
        raise ReviewError(
            f"{field_label(fld)}没有变化（仍是“{new}”）",
            f"The {field_label(fld, 'en')} is unchanged (still “{new}”)",
        )
    return _edit(record, seen, "edit", fld, new, editor, reason)


def changes(
    record: Mapping, seen: Mapping, values: Mapping[str, Any], editor: str, reason: str | None = None
) -> list[Edit]:
    """Edits of several fields from one form, all checked before any is returned (county before township,
    so a township is checked against the new county)."""
    seen = dict(seen)
    out = []
    for fld in sorted(values, key=lambda f: EDITABLE.index(f) if f in EDITABLE else len(EDITABLE)):
        edit = change(record, seen, fld, values[fld], editor, reason)
        out.append(edit)
        seen[fld] = edit.new_value
    return out


def county_name(adcode: str | None) -> str | None:
    from geo.layers_read import admin_units

    if not adcode:
        return None
    units = admin_units()
    hit = units.loc[units["adcode"] == str(adcode), "name"]
    return str(hit.iloc[0]) if len(hit) else None


def set_site(record: Mapping, seen: Mapping, lon: Any, lat: Any, editor: str) -> Edit:
    return _edit(record, seen, "site", "site", site_point(lon, lat), editor)


def merge(record: Mapping, seen: Mapping, into_id: str, editor: str, reason: str | None = None) -> Edit:
    into = str(into_id or "").strip()
    if not into:
        raise ReviewError("请选择要并入的记录", "Choose the record to merge into")
    if into == str(record["id"]):
        raise ReviewError("不能把记录并入它自己", "A record cannot be merged into itself")
    return _edit(record, seen, "merge", "merged_into", into, editor, reason)


def restore(row: Mapping, editor: str, reason: str | None = None) -> Edit:
    """Undo a rejection or a merge; ``row`` is a row of the catalog's rejected.csv (geo.edits)."""
    record = {"id": row["id"], "quote": row.get("quote") or None, "source": row.get("source")}
    if row.get("status") == "merged":
        return _edit(
            record, {"merged_into": row.get("merged_into")}, "merge", "merged_into", None, editor, reason
        )
    return _edit(record, {"review": "rejected"}, "confirm", "review", "confirmed", editor, reason)


def add_project(
    source: str, plan_text: str, quote: str, fields: Mapping[str, Any], editor: str, reason: str | None = None
) -> Edit:
    """A project the reader missed, from a sentence of a plan; ``fields``: name, category, county, and
    optionally capacity and owner (form input, checked)."""
    import hashlib

    from geo.edits import squeeze

    sentence = clean_text(quote, "quote", limit=2000)
    if squeeze(sentence) not in squeeze(plan_text):
        raise ReviewError(
            f"句子不在 {source} 中：请从规划原文中复制整句",
            f"The sentence is not in {source}: copy a whole sentence from the plan",
        )
    name = clean_text(fields.get("name"), "name")
    new = {
        "name": name,
        "category": category_code(fields.get("category")),
        "county_adcode": county_code(fields.get("county")),
        "capacity": capacity_text(fields.get("capacity")),
        "owner": clean_text(fields.get("owner"), "owner", required=False),
    }
    key = f"{source}\x1f{squeeze(sentence)}\x1f{squeeze(name)}".encode()
    record = {"id": "add-" + hashlib.sha1(key).hexdigest()[:8], "quote": sentence, "source": source}
    return _edit(record, {}, "add", "record", new, editor, reason)


# ---------------------------------------------------------------------- the queue and quotes


@dataclass(frozen=True)
class QueueItem:
    kind: str  # coarse | unresolved | duplicate | new
    record_id: str | None  # None for an unresolved mention (not on the map: add it as a project)
    name: str
    source: str
    quote: str | None
    detail: str  # why it is in the queue, in Chinese
    detail_en: str  # and in English (names, places and the build's reasons as written)


QUEUE_KINDS = tuple(QUEUE_LABELS)


def _dup_key(name: str) -> str:
    from geo.build import normalized_name

    return re.sub(r"(项目|工程)$", "", normalized_name(name or ""))


def review_queue(
    projects,
    unresolved: Iterable[Mapping],
    log: list[Edit],
    plans: Iterable,
    suggested: Iterable[Mapping] = (),
) -> list[QueueItem]:
    """What needs a person, by kind: projects placed only at city or province level, mentions that could not
    be placed at all, suspected duplicates (the same name, 项目/工程 aside, in two records, or a pair the
    build's linker suggests but did not link: suggested_links.csv), and the projects of plans registered
    since the last edit. Records a person already decided on are left out."""
    decided = {e.record_id for e in log}
    last_edit = max((e.created_at for e in log), default="")
    new_plans = {p.name for p in plans if p.added_at > last_edit}
    rows = [r for r in projects.to_dict("records") if r["id"] not in decided]
    items = []
    for r in rows:
        if r["precision"] in COARSE_PRECISIONS:
            note = r.get("location_note") if isinstance(r.get("location_note"), str) else ""
            zh = f"定位精度：{precision_label(r['precision'])}；{note}"
            en = f"Location precision: {precision_label(r['precision'], 'en')}; {location_note_label(note, 'en')}"
            items.append(QueueItem("coarse", r["id"], r["name"], r["source"], r.get("quote"), zh, en))
    for u in unresolved:
        if not u.get("placed_as"):
            mention, reason = (u.get(k) if isinstance(u.get(k), str) else "" for k in ("mention", "reason"))
            zh, en = f"{mention}：{reason}", f"{mention}: {location_note_label(reason, 'en')}"
            items.append(QueueItem("unresolved", None, u["project"], u["source"], u.get("quote"), zh, en))
    groups: dict[str, list[dict]] = {}
    for r in projects.to_dict("records"):
        groups.setdefault(_dup_key(r["name"]), []).append(r)
    for group in groups.values():
        if len(group) > 1 and any(r["id"] not in decided for r in group):
            first, others = group[0], group[1:]
            zh = "同名记录：" + "；".join(f"{r['name']}（{r['source']}，{r['id']}）" for r in others)
            en = "Records of the same name: " + "; ".join(
                f"{r['name']} ({r['source']}, {r['id']})" for r in others
            )
            items.append(
                QueueItem(
                    "duplicate", first["id"], first["name"], first["source"], first.get("quote"), zh, en
                )
            )
    undecided = {r["id"]: r for r in rows}
    for link in suggested:
        r = undecided.get(link["project_id"])
        if r is not None:
            name, src, oid = link["other_name"], link["other_source"], link["other_project_id"]
            zh = f"可能与“{name}”（{src}，{oid}）是同一设施：{link['reason']}"
            en = f"May be the same facility as “{name}” ({src}, {oid}): {link['reason']}"
            items.append(QueueItem("duplicate", r["id"], r["name"], r["source"], r.get("quote"), zh, en))
    for r in rows:
        if r["source"] in new_plans:
            zh, en = "新增规划中的项目", "A project of a newly added plan"
            items.append(QueueItem("new", r["id"], r["name"], r["source"], r.get("quote"), zh, en))
    return items


def merge_candidates(record: Mapping, records: Iterable[Mapping], limit: int = 50) -> list[Mapping]:
    """Records this one may be a duplicate of, likeliest first: the same name (项目/工程 aside), then the same
    county (or city) and category, then the same county; at most ``limit`` (a catalog may hold thousands)."""
    key, place = _dup_key(record["name"]), record.get("county_adcode") or record.get("city_adcode")

    def rank(r) -> int:
        same_place = (r.get("county_adcode") or r.get("city_adcode")) == place
        if _dup_key(r["name"]) == key:
            return 0
        return 1 if same_place and r["category"] == record["category"] else 2 if same_place else 3

    ranked = sorted((rank(r), i, r) for i, r in enumerate(records) if r["id"] != record["id"])
    return [r for k, _, r in ranked if k < 3][:limit]


def highlight(quote: str | None, name: str | None) -> str:
    """The quote as HTML-escaped text with the name (escaped too) marked wherever it occurs."""
    text = html.escape(quote or "")
    if not name:
        return text
    mark = html.escape(name)
    return text.replace(mark, f"<mark>{mark}</mark>") if mark in text else text
