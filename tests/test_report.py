"""Briefing export (geo/report*.py): PDF text and fonts, PNG size and content, filters, bad input.

A small hand-made catalog in the build's schema (six projects in 日照 and 烟台: points, a line, an offshore
project, a long name with many responsible units) keeps these tests fast. The PDF checks use poppler's
pdftotext / pdffonts and are skipped, with the reason, where poppler-utils is not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from geo.catalog import load_catalog
from geo.catalog_filters import Filters
from geo.cli import UserError, main
from geo.report import resolve_categories, resolve_cities, resolve_counties
from geo.report_style import PAGE_SIZE_IN
from geo.report_table import wrap
from geo.report_write import png_paths, render_files, render_report
from geo.schema import PROJECT_FIELDS, TARGET_FIELDS, names

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="poppler-utils (pdftotext, pdffonts) not installed; scripts/test.sh installs it",
)

LONG_NAME = "日照市东港区涛雒镇沿海滩涂渔光互补光伏发电与海水淡化综合利用一体化示范基地项目（一期、二期工程）"
MANY_UNITS = [
    "市发展改革委",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房城乡建设局",
    "市海洋发展局",
    "国网日照供电公司",
    "东港区政府",
    "山海天旅游度假区管委",
]


def _project(pid, name, category, category_zh, city, city_code, county, county_code, geometry, **extra):
    props = dict.fromkeys(names(PROJECT_FIELDS))
    props.update(
        id=pid,
        name=name,
        category=category,
        category_zh=category_zh,
        province="山东省",
        city=city,
        city_adcode=city_code,
        county=county,
        county_adcode=county_code,
        precision="county",
        offshore=False,
        responsible_units=["市发展改革委"],
        source="plan_a.txt" if city == "日照市" else "plan_b.txt",
        doc_title="甲市碳达峰工作方案（测试）" if city == "日照市" else "乙市碳达峰工作方案（测试）",
        section="三、重点任务",
        quote=name,
    )
    props.update(extra)
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


FEATURES = [
    _project(
        "t1",
        "五莲街头抽水蓄能电站",
        "pumped_storage",
        "抽水蓄能",
        "日照市",
        "371100",
        "五莲县",
        "371121",
        _point(119.270877, 35.751382),
        capacity_text="100万千瓦",
        capacity_value=1000.0,
        capacity_unit="MW",
        target_year=2030,
    ),
    _project(
        "t2",
        "岚山集中式光伏项目",
        "solar",
        "光伏",
        "日照市",
        "371100",
        "岚山区",
        "371103",
        _point(119.241329, 35.276173),
        capacity_text="20万千瓦",
        capacity_value=200.0,
        capacity_unit="MW",
    ),
    _project(
        "t3",
        "日照港至岚山石化输油管道",
        "oil_pipeline",
        "输油管道",
        "日照市",
        "371100",
        "东港区",
        "371102",
        {"type": "LineString", "coordinates": [[119.37475, 35.405519], [119.241329, 35.276173]]},
    ),
    _project(
        "t4",
        LONG_NAME,
        "solar",
        "光伏",
        "日照市",
        "371100",
        "东港区",
        "371102",
        _point(119.37475, 35.405519),
        responsible_units=MANY_UNITS,
        target_year=2025,
    ),
    _project(
        "t5",
        "海阳海上风电基地",
        "wind",
        "风电",
        "烟台市",
        "370600",
        "海阳市",
        "370687",
        _point(121.3, 36.45),
        offshore=True,
        capacity_text="300万千瓦",
        capacity_value=3000.0,
        capacity_unit="MW",
    ),
    _project(
        "t6",
        "龙口液化天然气接收站",
        "lng",
        "LNG接收站",
        "烟台市",
        "370600",
        "龙口市",
        "370681",
        _point(120.462343, 37.611956),
    ),
]


@pytest.fixture(scope="module")
def catalog_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("catalog")
    doc = {"type": "FeatureCollection", "features": FEATURES}
    (folder / "projects.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (folder / "targets.csv").write_text(",".join(names(TARGET_FIELDS)) + "\n", encoding="utf-8")
    report = {
        "built_at": "2024-05-06T07:08:09+00:00",
        "sources": [
            {"source": "plan_a.txt", "title": "甲市碳达峰工作方案（测试）"},
            {"source": "plan_b.txt", "title": "乙市碳达峰工作方案（测试）"},
        ],
    }
    (folder / "build_report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def catalog(catalog_dir):
    return load_catalog(catalog_dir)


@pytest.fixture(scope="module")
def rizhao_pdf(catalog, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "rizhao.pdf"
    render_report(catalog, Filters(cities=["日照市"]), out)
    return out


@pytest.fixture(scope="module")
def province_png(catalog_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("png") / "province.png"
    assert main(["report", "--catalog", str(catalog_dir), "--out", str(out), "--dpi", "200"]) == 0
    return out


def _pdftotext(path: Path, page: int | None = None) -> str:
    cmd = ["pdftotext"]
    if page:
        cmd += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


# --------------------------------------------------------------------------------------------
# the PDF


@needs_poppler
def test_pdf_text_has_selected_projects_counties_and_sources(rizhao_pdf):
    text = _pdftotext(rizhao_pdf)
    flat = "".join(text.split())
    for name in ("五莲街头抽水蓄能电站", "岚山集中式光伏项目", "日照港至岚山石化输油管道", LONG_NAME):
        assert name in flat, name
    for county in ("五莲县", "岚山区", "东港区", "莒县"):
        assert county in text, county
    # projects of other cities are not in the table
    assert "龙口液化天然气接收站" not in flat
    assert "海阳海上风电基地" not in flat
    # page 1 names the title, the plan, the catalog's date, the provenance, and has a scale and a north arrow
    page1 = "".join(_pdftotext(rizhao_pdf, 1).split())
    assert "日照市碳达峰重点项目分布图" in page1
    assert "甲市碳达峰工作方案（测试）" in page1
    assert "乙市碳达峰工作方案" not in page1
    assert "2024-05-06" in page1
    assert "仅供学习交流使用" in page1 and "高德" in page1
    assert "km" in page1 and "N" in page1
    # every responsible unit of the long row survives wrapping
    for unit in MANY_UNITS:
        assert unit in flat, unit


@needs_poppler
def test_pdf_embeds_the_cjk_font_and_needs_no_fallback(rizhao_pdf):
    out = subprocess.run(["pdffonts", str(rizhao_pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows, out
    for row in rows:
        assert "NotoSansSC" in row[0], out  # no fallback font: every glyph came from the CJK font
        assert "TrueType" in row, out  # Type 42 (a TrueType subset), not Type 3 procedures
        emb, uni = row[-5], row[-3]
        assert (emb, uni) == ("yes", "yes"), out


@needs_poppler
def test_pdf_pages_and_repeated_table_header(catalog, tmp_path):
    # enough rows to spill over several table pages: the same six projects many times under new ids
    import pandas as pd

    many = pd.concat([catalog.projects] * 20, ignore_index=True)
    many["id"] = [f"x{i}" for i in range(len(many))]
    many["name"] = [f"{n}（{i}）" for i, n in enumerate(many["name"])]
    big = type(catalog)(
        catalog.folder, many, catalog.targets, catalog.report, catalog.built_at, catalog.sources
    )
    out = render_report(big, None, tmp_path / "many.pdf")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 5
    assert "841.89 x 595.276" in info  # A4 landscape
    for page in range(3, pages + 1):
        text = _pdftotext(out, page)
        assert "项目名称" in text and "责任单位" in text, page
    flat = "".join(_pdftotext(out).split())
    assert all(f"（{i}）" in flat for i in range(len(many)))


# --------------------------------------------------------------------------------------------
# PNG


def test_png_size_and_not_blank(province_png):
    from PIL import Image

    with Image.open(province_png) as img:
        w, h = img.size
        pixels = np.asarray(img.convert("L"), dtype=float)
    assert abs(w - PAGE_SIZE_IN[0] * 200) <= 1 and abs(h - PAGE_SIZE_IN[1] * 200) <= 1, (w, h)
    assert pixels.std() > 20  # a map, not a blank page
    assert (pixels < 100).mean() > 0.005  # dark ink: text, borders
    # the map area has colour (sea, land, symbols), not just text
    with Image.open(province_png) as img:
        rgb = np.asarray(img.convert("RGB"), dtype=float)
    saturation = rgb.max(axis=2) - rgb.min(axis=2)
    assert (saturation > 15).mean() > 0.05  # sea and coloured symbols
    # the following pages go to FILE-2.png, FILE-3.png
    for extra in png_paths(province_png, 3)[1:]:
        assert extra.is_file(), extra


# --------------------------------------------------------------------------------------------
# filters and bad input


def test_filter_values_accept_names_short_names_and_codes():
    assert resolve_cities(["日照", "日照市", "371100"]) == ["日照市"]
    assert resolve_cities(["烟台,日照"]) == ["烟台市", "日照市"]
    assert resolve_counties(["五莲"])[0] == ["五莲县"]
    assert resolve_counties(["371121"]) == (["五莲县"], ["371121"])
    assert resolve_counties(["济南市市中区"])[1] == ["370103"]
    assert resolve_counties(["市中区"], ["枣庄市"])[1] == ["370402"]
    assert resolve_categories(["光伏", "solar", "Solar PV", "风电"]) == ["solar", "wind"]


def test_ambiguous_and_unknown_values_list_the_choices():
    with pytest.raises(UserError, match=r"ambiguous.*370103.*370402"):
        resolve_counties(["市中区"])
    with pytest.raises(UserError, match=r"unknown city '北京'.*日照市"):
        resolve_cities(["北京"])
    with pytest.raises(UserError, match=r"unknown category 'coal'.*coal_power"):
        resolve_categories(["coal"])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_unknown_city_gives_message_and_no_file(catalog_dir, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["report", "--catalog", str(catalog_dir), "--city", "北京", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown city '北京'" in err and "日照市" in err
    assert _leftovers(tmp_path) == []


def test_filter_selecting_nothing_leaves_no_file_and_keeps_an_older_one(catalog_dir, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    out.write_bytes(b"older report")
    args = [
        "report",
        "--catalog",
        str(catalog_dir),
        "--city",
        "日照",
        "--category",
        "核电",
        "--out",
        str(out),
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "no project matches" in err and "核电" in err and "Nothing was written" in err
    assert out.read_bytes() == b"older report"
    assert _leftovers(tmp_path) == ["x.pdf"]


def test_unwritable_output_path(catalog, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="cannot write"):
        render_report(catalog, None, blocker / "report.pdf")
    with pytest.raises(UserError, match=r"must end in \.pdf or \.png"):
        render_report(catalog, None, tmp_path / "report.jpg")
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(UserError, match="is a folder"):
        render_report(catalog, None, tmp_path / "folder.pdf")
    assert _leftovers(tmp_path) == ["a-file", "folder.pdf"]


def test_failure_while_rendering_removes_the_temp_file(catalog, tmp_path, monkeypatch):
    import geo.report_pages

    def boom(*args, **kwargs):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(geo.report_pages, "summary_page", boom)
    with pytest.raises(RuntimeError, match="drawing failed"):
        render_report(catalog, None, tmp_path / "r.pdf")
    assert _leftovers(tmp_path) == []


def test_missing_catalog_is_a_clear_message(tmp_path, capsys):
    assert main(["report", "--catalog", str(tmp_path / "nope"), "--out", str(tmp_path / "r.pdf")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert _leftovers(tmp_path) == []


# --------------------------------------------------------------------------------------------
# text wrapping


def test_wrap_fits_the_width_and_keeps_closing_punctuation_on_the_line():
    from geo.fonts import text_width_em

    text = "、".join(MANY_UNITS) + "（责任单位：市发展改革委、国网日照供电公司）2×9H 100万吨/年"
    lines = wrap(text, 12)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert text_width_em(line) <= 12 + 1.0  # one hanging punctuation mark at most
        assert line[0] not in "、，。；：）」』》"
    assert any("2×9H" in line for line in lines)  # a Latin/number run is not cut
    assert wrap(LONG_NAME, 10, max_lines=2)[-1].endswith("…")


def test_map_only_writes_one_page(catalog, tmp_path):
    written = render_files(
        catalog, Filters(categories=["wind"]), tmp_path / "wind.png", map_only=True, dpi=100
    )
    assert written == [tmp_path / "wind.png"]
    assert _leftovers(tmp_path) == ["wind.png"]


# --------------------------------------------------------------------------------------------
# the real plans: build the seeds, export the province-wide briefing, read it back


@pytest.fixture(scope="module")
def seeds_catalog(tmp_path_factory) -> Path:
    import sys

    out = tmp_path_factory.mktemp("seeds") / "build"
    subprocess.run(
        [sys.executable, "-m", "geo", "build", "--out", str(out)], check=True, capture_output=True, text=True
    )
    return out


@needs_poppler
def test_seeds_briefing_lists_every_project_county_and_unit(seeds_catalog, tmp_path):
    cat = load_catalog(seeds_catalog)
    out = render_report(cat, None, tmp_path / "shandong.pdf")
    flat = "".join(_pdftotext(out).split())
    projects = cat.projects
    assert len(projects) > 50
    for name in projects["name"]:
        assert "".join(name.split()) in flat, name
    for county in set(projects["county"].dropna()):
        assert county in flat, county
    for unit in {u for units in projects["responsible_units"] for u in units}:
        assert "".join(unit.split()) in flat, unit
    for source in cat.sources:
        assert f"《{source['title']}》" in flat, source["title"]


def test_missing_font_is_a_clear_message(monkeypatch, tmp_path):
    import sys

    from geo import fonts

    monkeypatch.setitem(sys.modules, "pylopdf_fonts_zh_cn", None)  # as if the package were not installed
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    fonts._font_path.cache_clear()
    try:
        with pytest.raises(UserError, match=r"pylopdf-fonts-zh-cn is not installed.*pip install -e \."):
            fonts.cjk_font_path()
        monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "nope.ttf"))
        with pytest.raises(UserError, match="no such font file"):
            fonts.cjk_font_path()
    finally:
        fonts._font_path.cache_clear()


# --------------------------------------------------------------------------------------------
# fonts, cache, concurrency


@needs_poppler
def test_type3_fallback_when_the_truetype_conversion_fails(catalog, tmp_path, monkeypatch):
    from geo import fonts

    def broken(text):
        raise ValueError("cannot convert")

    monkeypatch.setattr(fonts, "truetype_subset", broken)
    with pytest.warns(UserWarning, match="Type 3"):
        out = render_report(catalog, Filters(cities=["日照市"]), tmp_path / "t3.pdf", map_only=True)
    fonts_out = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" in fonts_out and "NotoSansSC" in fonts_out
    assert "日照市碳达峰重点项目分布图" in "".join(_pdftotext(out).split())


@needs_poppler
def test_province_map_names_every_city_even_under_project_symbols(catalog, tmp_path):
    import pandas as pd

    # forty projects on one point of 日照市: its name has no free room left and is drawn over them
    many = pd.concat([catalog.projects.iloc[[0]]] * 40, ignore_index=True)
    many["id"] = [f"p{i}" for i in range(len(many))]
    many["precision"] = "city"
    crowded = type(catalog)(
        catalog.folder, many, catalog.targets, catalog.report, catalog.built_at, catalog.sources
    )
    out = render_report(crowded, None, tmp_path / "crowded.pdf", map_only=True)
    page1 = _pdftotext(out, 1)
    for city in ("济南市", "青岛市", "日照市", "烟台市", "威海市", "菏泽市"):
        assert city in page1, city
    assert "虚线圈" in page1  # the key for city-level projects ringed around the city's point


def test_offshore_project_without_a_city_is_placed_at_sea_in_the_table(catalog):
    from geo.report_rows import table_rows
    from geo.report_select import select

    projects = catalog.projects.copy()
    projects.loc[projects["offshore"], ["city", "county", "city_adcode", "county_adcode"]] = None
    sel = select(
        type(catalog)(
            catalog.folder, projects, catalog.targets, catalog.report, catalog.built_at, catalog.sources
        )
    )
    rows = [r for r in table_rows(sel) if r[1] == "海阳海上风电基地"]
    assert rows and rows[0][2] == "山东省（海上）"


def test_layer_cache_is_written_reused_and_rebuilt_when_broken(tmp_path, monkeypatch):
    import geo.report_layers as layers
    from geo import LAYERS_DIR

    monkeypatch.setenv(layers.CACHE_ENV, str(tmp_path / "cache"))
    layers.layers_utm.cache_clear()
    layers.simplified.cache_clear()
    try:
        fresh = layers.layers_utm(str(LAYERS_DIR))
        files = list((tmp_path / "cache").glob("report-layers-*.pickle"))
        assert len(files) == 1
        assert fresh["counties"].crs.to_epsg() == 32650 and len(fresh["counties"]) == 136
        layers.layers_utm.cache_clear()
        import geo.layers_read

        with monkeypatch.context() as m:
            m.setattr(geo.layers_read, "load_admin", None)  # the layer files are not read again
            again = layers.layers_utm(str(LAYERS_DIR))
        assert again["key"] == fresh["key"]
        assert again["counties"].geometry.geom_equals(fresh["counties"].geometry).all()
        files[0].write_bytes(b"not a pickle")
        layers.layers_utm.cache_clear()
        rebuilt = layers.layers_utm(str(LAYERS_DIR))
        assert len(rebuilt["cities"]) == 16
        assert files[0].read_bytes()[:1] != b"n"  # rewritten
        # drawing tolerances: coarser for a wider view, never above what was prepared
        assert layers.ladder(1.0) == layers.SIMPLIFY_LADDER[0]
        assert layers.ladder(10_000) == layers.SIMPLIFY_LADDER[-1]
    finally:
        layers.layers_utm.cache_clear()
        layers.simplified.cache_clear()


@needs_poppler
def test_concurrent_exports_do_not_interfere(catalog, tmp_path):
    import threading

    import matplotlib

    before = {k: matplotlib.rcParams[k] for k in ("font.family", "pdf.fonttype", "text.language")}
    errors: list[BaseException] = []
    jobs = [
        (Filters(cities=["日照市"]), tmp_path / "a.pdf"),
        (Filters(cities=["烟台市"]), tmp_path / "b.pdf"),
    ]

    def run(filters, out):
        try:
            render_report(catalog, filters, out, map_only=True)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert "日照市碳达峰" in "".join(_pdftotext(tmp_path / "a.pdf").split())
    assert "烟台市碳达峰" in "".join(_pdftotext(tmp_path / "b.pdf").split())
    assert {k: matplotlib.rcParams[k] for k in before} == before  # the global defaults are untouched


# --------------------------------------------------------------------------------------------
# numbered symbols (geo/report_labels.py) and each project counted once, on the seeds


def test_number_ranges_compress_runs_and_expand_back():
    from geo.report_labels import expand_ranges, number_ranges

    assert number_ranges([12, 3, 4, 5, 6, 7, 8, 9]) == "3–9, 12"
    assert number_ranges([1, 2, 5]) == "1, 2, 5"
    assert number_ranges([7]) == "7"
    assert expand_ranges("3–9,\n12") == [3, 4, 5, 6, 7, 8, 9, 12]


def _flat(text: str) -> str:
    return "".join(text.split())


@needs_poppler
def test_map_numbers_match_the_table_rows(seeds_catalog, tmp_path):
    from geo.report_pages import map_number_labels
    from geo.report_select import select

    cat = load_catalog(seeds_catalog)
    sel = select(cat)
    out = render_report(cat, None, tmp_path / "shandong.pdf")
    labels = map_number_labels(sel)
    numbers = sorted(n for label in labels for n in label.numbers)
    assert numbers == list(range(1, len(sel.projects) + 1))  # every row once on the map
    page1 = _flat(_pdftotext(out, 1))
    for label in labels:
        assert _flat(label.text) in page1, label.text
    # the table's row k is the project the map numbers k
    layout = subprocess.run(
        ["pdftotext", "-layout", "-f", "3", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    first_cells = {}
    for line in layout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isdigit():
            first_cells.setdefault(int(parts[0]), parts[1])
    for k, name in enumerate(sel.projects["name"], start=1):
        assert _flat(name).startswith(first_cells[k]), (k, name, first_cells.get(k))


def test_a_stacked_group_has_one_label_listing_its_numbers(seeds_catalog):
    from geo.report_labels import number_ranges
    from geo.report_pages import map_number_labels
    from geo.report_select import select

    sel = select(load_catalog(seeds_catalog), Filters(cities=["日照市"]))
    p = sel.projects
    by_text = {label.text.replace("\n", " "): label.numbers for label in map_number_labels(sel)}
    pts = p[p.geometry.geom_type == "Point"]
    at = pts.geometry.apply(lambda g: (round(g.x, 6), round(g.y, 6)))
    stacked = pts.groupby(at).groups  # projects sharing one point: a county's or city's point
    checked = 0
    for rows in stacked.values():
        if len(rows) < 3:
            continue
        numbers = sorted(int(i) + 1 for i in rows)
        assert by_text.get(number_ranges(numbers)) == numbers, (numbers, by_text)
        checked += 1
    assert checked >= 4  # 日照's counties (五莲, 莒县, 东港, 岚山) and the city's own point
    assert any("–" in text for text in by_text)  # a run of rows is written as a range


@needs_poppler
def test_summary_counts_and_totals_each_linked_project_once(seeds_catalog, tmp_path):
    from geo.report_rows import fmt_num, summary
    from geo.report_select import select

    cat = load_catalog(seeds_catalog)
    p = cat.projects
    linked = p[p["mention_count"] > 1]
    assert len(linked) and len(cat.mentions) > len(p)  # the seeds name some facilities in several plans
    s = summary(select(cat))
    cat_rows, area_rows, prec_rows = s.by_category, s.by_area, s.by_precision
    assert cat_rows[-1][:2] == ["合计", str(len(p))]
    assert area_rows[-1][:2] == ["合计", str(len(p))]
    assert sum(int(r[1]) for r in prec_rows) == len(p)
    assert sum(int(r[1]) for r in cat_rows[:-1]) == len(p)
    totals = "；".join(r[4] for r in cat_rows)
    sums = p.dropna(subset=["capacity_value"]).groupby("capacity_unit")["capacity_value"].sum()
    assert len(sums)
    for unit, value in sums.items():  # one value per project: its resolved capacity, not each mention's
        assert f"{fmt_num(value)} {unit}" in totals, (unit, totals)
    out = render_report(cat, None, tmp_path / "shandong.pdf")
    table = _flat(_pdftotext(out, None))
    for name in linked["name"]:
        assert table.count(_flat(name)) == 1, name  # one row, however many plans name it


def test_a_crowded_number_moves_out_with_a_leader_line_and_overlaps_nothing():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from geo.report_labels import Anchor, Labeler, place_numbers

    fig = Figure(figsize=(4, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1), xlim=(0, 400), ylim=(0, 400))  # 1 data unit = 1 px
    labeler = Labeler(ax, fig.canvas.get_renderer())
    labeler.block_box(170, 170, 230, 230)  # everything within 30 px of the symbol is taken
    placed = place_numbers(ax, labeler, [Anchor([12], 200, 200, 3)], fontsize=7)
    assert [p.text for p in placed] == ["12"] and placed[0].leader
    x0, y0, x1, y1 = labeler.hard[-1]  # the label's box
    assert x1 <= 170 or x0 >= 230 or y1 <= 170 or y0 >= 230
    assert len(ax.lines) == 1  # the leader from the symbol to its number
    # with room beside the symbol, a number sits there and needs no leader
    alone = place_numbers(ax, labeler, [Anchor([3], 60, 340, 3)], fontsize=7)[0]
    assert not alone.leader and abs(alone.x - 60) < 20 and abs(alone.y - 340) < 10
