"""What a briefing shows: the projects passing the filters, the area the map covers, and the title and
subtitle that describe the selection."""

from __future__ import annotations

from dataclasses import dataclass

from geo.cli import UserError

PRECISION_ZH = {
    "site": "具体地点",
    "township": "乡镇",
    "county": "县区",
    "city": "城市",
    "region": "区域",
    "province": "全省",
}
LINE_TYPES = ("LineString", "MultiLineString")


@dataclass
class Selection:
    projects: object  # GeoDataFrame, EPSG:4326
    area_cities: list[str]  # city adcodes the map shows; empty = the whole province
    focus_counties: list[str]  # county adcodes to highlight
    title: str
    subtitle: str
    sources: list[dict]
    built_at: str | None
    report: dict


def _joined(items: list[str], limit: int = 4, unit: str = "") -> str:
    items = list(items)
    if len(items) <= limit:
        return "、".join(items)
    return "、".join(items[:limit]) + f"等{len(items)}{unit}"


def _area_name(units, filters, area_cities, focus) -> str:
    name_of = dict(zip(units["adcode"], units["name"], strict=False))
    parent = dict(zip(units["adcode"], units["parent_adcode"], strict=False))
    if focus:
        return _joined([name_of[parent[c]] + name_of[c] for c in focus], 3, "个县区")
    if filters.counties:
        return _joined(filters.counties, 3, "个县区")
    if area_cities:
        return _joined([name_of[c] for c in area_cities], 3, "市")
    return "山东省"


def _filter_parts(catalog, filters) -> list[str]:
    """The filters in words: 规划 《...》；城市 ...；类别 ..."""
    from geo.vocab import category_zh

    titles = catalog.plan_titles()
    parts = []
    if filters.plans:
        parts.append("规划 " + "、".join(f"《{titles.get(p, p)}》" for p in filters.plans[:3]))
        if len(filters.plans) > 3:
            parts[-1] += f"等{len(filters.plans)}部"
    if filters.cities:
        parts.append("城市 " + _joined(filters.cities, 6, "市"))
    if filters.counties:
        parts.append("县区 " + _joined(filters.counties, 6, "个"))
    if filters.categories:
        parts.append("类别 " + _joined([category_zh(c) for c in filters.categories], 8, "类"))
    if filters.precisions:
        parts.append("定位精度 " + "、".join(PRECISION_ZH.get(p, p) for p in filters.precisions))
    if filters.years:
        parts.append("目标年份 " + "、".join(str(y) for y in filters.years))
    if filters.capacity_min is not None or filters.capacity_max is not None:
        lo = "" if filters.capacity_min is None else f"{filters.capacity_min:g}"
        hi = "" if filters.capacity_max is None else f"{filters.capacity_max:g}"
        parts.append(f"规模 {lo}–{hi} MW")
    if filters.unit_query.strip():
        parts.append(f"责任单位含“{filters.unit_query.strip()}”")
    if filters.name_query.strip():
        parts.append(f"名称含“{filters.name_query.strip()}”")
    return parts


def _describe(catalog, filters, projects, area_cities, title, focus=()) -> tuple[str, str]:
    from geo.layers_read import admin_units
    from geo.vocab import category_zh

    area = _area_name(admin_units(), filters, area_cities, focus)
    cats = (
        f"（{_joined([category_zh(c) for c in filters.categories], 4, '类')}）" if filters.categories else ""
    )
    auto = f"{area}碳达峰重点项目分布图{cats}"
    parts = _filter_parts(catalog, filters)
    n = len(projects)
    n_off = int(projects["offshore"].sum())
    n_line = int(projects.geometry.geom_type.isin(LINE_TYPES).sum())
    extra = "、".join(
        x for x in (f"海上 {n_off} 个" if n_off else "", f"线状 {n_line} 个" if n_line else "") if x
    )
    count = f"共 {n} 个项目" + (f"（其中{extra}）" if extra else "")
    subtitle = ("筛选条件：" + "；".join(parts) if parts else "全部项目") + "　|　" + count
    return (title.strip() if title and title.strip() else auto), subtitle


def _map_area(filters, projects) -> tuple[list[str], list[str]]:
    """(city adcodes the map shows, county adcodes it highlights); no cities = the whole province."""
    from geo.layers_read import admin_units

    units = admin_units()
    code_of = {row.name: row.adcode for row in units[units["level"] == "city"].itertuples()}
    county_rows = units[units["level"] == "county"]
    area = [code_of[c] for c in filters.cities if c in code_of]
    focus = []
    if filters.counties:
        hits = county_rows[county_rows["name"].isin(filters.counties)]
        if area:
            hits = hits[hits["parent_adcode"].isin(area)] if hits["parent_adcode"].isin(area).any() else hits
        focus = list(hits["adcode"])
        area = list(dict.fromkeys([*area, *hits["parent_adcode"]]))
    if not area and filters.plans:
        codes = set(projects["city_adcode"].dropna())
        if len(codes) == 1 and projects["city_adcode"].notna().all():
            area = [codes.pop()]
    return area, focus


def select(catalog, filters=None, title: str | None = None) -> Selection:
    """Apply the filters; UserError when nothing is selected."""
    from geo.catalog_filters import Filters, apply_filters

    filters = filters or Filters()
    projects = apply_filters(catalog.projects, filters)
    if projects.empty:
        described = _describe(catalog, filters, catalog.projects.iloc[0:0], [], None)[1].split("　|　")[0]
        total = len(catalog.projects)
        raise UserError(
            f"no project matches the filters ({described}); the catalog {catalog.folder} has {total} projects. "
            "Nothing was written."
        )
    area, focus = _map_area(filters, projects)
    # order projects for the table: by city, county, category, name
    projects = projects.sort_values(
        ["city_adcode", "county_adcode", "category", "name"], na_position="last", kind="stable"
    ).reset_index(drop=True)
    used = {f for files in projects["sources"] for f in files} | set(projects["source"].dropna())
    sources = [s for s in catalog.sources if s["source"] in used]
    head, subtitle = _describe(catalog, filters, projects, area, title, focus)
    return Selection(projects, area, focus, head, subtitle, sources, catalog.built_at, catalog.report or {})
