"""The app (app.py and its pages in ui/) with streamlit's AppTest (no browser): counts, URL filters, warnings, messages, escaping."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytest.importorskip("streamlit.testing.v1")
from streamlit.testing.v1 import AppTest

from geo.catalog import load_catalog
from geo.catalog_filters import Filters, apply_filters

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
HTML_NAME = "<img src=x onerror=alert(1)>"


def _synthetic(n: int, out: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "make_synthetic_catalog", ROOT / "scripts/make_synthetic_catalog.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.write(n, out, seed=5, html_name=True)
    return out


@pytest.fixture(scope="module")
def catalog_dir(tmp_path_factory) -> Path:
    return _synthetic(80, tmp_path_factory.mktemp("app") / "catalog")


@pytest.fixture
def app(catalog_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(catalog_dir))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))

    def make(**params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()

    return make


def _text(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success", "subheader", "title"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def _count_line(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "个项目" in m.value or "projects shown" in m.value)


def test_starts_and_counts_all_projects(app, catalog_dir):
    at = app()
    assert not at.exception
    n = len(load_catalog(catalog_dir).projects)
    assert f"显示 {n} / {n} 个项目" in _count_line(at)
    assert "合成测试数据" in _text(at)  # the synthetic catalog says so
    assert at.error == []


def test_filter_from_url(app, catalog_dir):
    projects = load_catalog(catalog_dir).projects
    expected = len(apply_filters(projects, Filters(categories=["solar"], capacity_min=100)))
    at = app(category="solar", cap_min="100")
    assert not at.exception
    assert f"显示 {expected} / {len(projects)}" in _count_line(at)
    assert at.pills(key="f_cats").value == ["solar"]
    assert at.number_input(key="f_cap_min").value == 100
    assert at.warning == [] or all("合成" in w.value for w in at.warning)


def test_widget_change_updates_count_and_url(app, catalog_dir):
    projects = load_catalog(catalog_dir).projects
    at = app()
    city = sorted(projects["city"].dropna().unique())[0]
    at.multiselect(key="f_cities").set_value([city]).run()
    expected = len(apply_filters(projects, Filters(cities=[city])))
    assert f"显示 {expected} / {len(projects)}" in _count_line(at)
    assert at.query_params["city"] in (city, [city])
    next(b for b in at.button if b.label == "清除筛选").click().run()
    assert f"显示 {len(projects)} / {len(projects)}" in _count_line(at)
    assert "city" not in at.query_params


def test_bad_query_values_warn_and_are_ignored(app, catalog_dir):
    n = len(load_catalog(catalog_dir).projects)
    at = app(category=["solar", "moonbase"], year="20x5", shade="rainbow", sel="nope")
    assert not at.exception
    warnings = "\n".join(w.value for w in at.warning)
    for bad in ("moonbase", "20x5", "rainbow", "nope"):
        assert bad in warnings
    assert at.pills(key="f_cats").value == ["solar"]
    assert "/ " + str(n) in _count_line(at)


def test_table_cap_is_stated(app, monkeypatch):
    """More rows than the table shows: the table tab says so and points to the downloads."""
    at = app()
    assert "最多列出" in _text(at) and "下载包含全部" in _text(at)  # default tab (summary) names the cap


def test_no_result_filter_says_so(app):
    at = app(q="没有这个项目")
    assert not at.exception
    assert "显示 0 /" in _count_line(at)
    assert any("没有符合当前筛选条件的项目" in i.value for i in at.info)


def test_missing_catalog_message(tmp_path, monkeypatch):
    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error and "nowhere" in at.error[0].value
    assert "does not exist" in at.error[0].value


def test_corrupt_catalog_message(catalog_dir, tmp_path, monkeypatch):
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in ("targets.csv", "build_report.json"):
        (bad / name).write_bytes((catalog_dir / name).read_bytes())
    (bad / "projects.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": ', encoding="utf-8"
    )
    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(bad))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error and "projects.geojson is not valid JSON" in at.error[0].value


def test_english_toggle(app, catalog_dir):
    n = len(load_catalog(catalog_dir).projects)
    at = app(lang="en")
    assert not at.exception
    assert f"{n} of {n} projects shown" in _count_line(at)
    assert "names are shown in Chinese" in _text(at)  # the English page says names stay Chinese
    at.segmented_control(key="lang").set_value("zh").run()
    assert f"显示 {n} / {n}" in _count_line(at)
    assert "lang" not in at.query_params


def test_selected_project_details_escape_html(app, catalog_dir):
    projects = load_catalog(catalog_dir).projects
    pid = projects.loc[projects["name"] == HTML_NAME, "id"].iloc[0]
    at = app(sel=pid)
    assert not at.exception
    bodies = [getattr(e.proto, "body", "") for e in at.get("html")]
    card = next(b for b in bodies if "sd-details" in b)
    assert "&lt;img src=x onerror=alert(1)&gt;" in card
    assert "<img" not in card


def test_choropleths_and_targets_run(app):
    for shade in ("count_county", "count_city", "cap_county", "cap_city", "target_city"):
        at = app(shade=shade)
        assert not at.exception, shade
        assert at.selectbox(key="shade").value == shade


def test_map_state_lists_filtered_indices(app, catalog_dir, tmp_path):
    """The map gets only the filtered projects' positions (the browser has the data already), no project text;
    its configuration is a file in the web cache, the same URL on every run."""
    projects = load_catalog(catalog_dir).projects
    at = app(category="wind")
    comp = next(e for e in at.get("component_instance") if "sdcarbon_map" in e.proto.component_name)
    args = json.loads(comp.proto.json_args)
    state = args["state"]
    assert sorted(state["idx"]) == sorted(int(i) for i in projects.index[projects["category"] == "wind"])
    # project texts come from details.json and are shown with textContent
    assert HTML_NAME not in comp.proto.json_args
    assert len(comp.proto.json_args) < 6000  # the state and URLs only (the icons are in the config file)
    cfg_dir = args["cfg_url"].split("/")[-2]
    cfg = json.loads((tmp_path / "web" / cfg_dir / "config.json").read_text(encoding="utf-8"))
    assert cfg["lang"] == "zh" and set(cfg["cats"]) >= {"wind", "solar"}
    assert all(not u.startswith("http") for u in [*cfg["layers"].values(), *args["layers"], state["base"]])
    # a filter change sends the same configuration URL (the iframe stays) and a new state
    at.pills(key="f_cats").set_value([]).run()
    comp2 = next(e for e in at.get("component_instance") if "sdcarbon_map" in e.proto.component_name)
    args2 = json.loads(comp2.proto.json_args)
    assert args2["cfg_url"] == args["cfg_url"] and args2["state"]["idx"] is None
    at.segmented_control(key="lang").set_value("en").run()
    comp3 = next(e for e in at.get("component_instance") if "sdcarbon_map" in e.proto.component_name)
    assert json.loads(comp3.proto.json_args)["cfg_url"] != args["cfg_url"]


def test_builds_the_catalog_on_first_run(tmp_path, monkeypatch):
    """No SDCARBON_CATALOG_DIR and no build/: the app builds it from the seeds (once) and shows it."""
    import geo

    monkeypatch.delenv("SDCARBON_CATALOG_DIR", raising=False)
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    monkeypatch.setattr(geo, "DEFAULT_BUILD_DIR", tmp_path / "build")
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert at.error == []
    n = len(load_catalog(tmp_path / "build").projects)
    assert n > 0
    assert f"显示 {n} / {n} 个项目" in _count_line(at)


def test_failed_first_build_is_a_message(tmp_path, monkeypatch):
    import geo

    monkeypatch.delenv("SDCARBON_CATALOG_DIR", raising=False)
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    monkeypatch.setattr(geo, "DEFAULT_BUILD_DIR", tmp_path / "build")
    monkeypatch.setattr(geo, "SEEDS_DIR", tmp_path / "no-seeds-here")
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert at.error and "no-seeds-here" in at.error[0].value
    assert not (tmp_path / "build").exists()


def test_downloads_page_keeps_the_filters_and_has_every_format(app, catalog_dir):
    """The 下载 page exports the map page's selection; coming back to the map keeps it (page switches clear
    Streamlit's query parameters: the session's filters stay and are written back into the URL)."""
    projects = load_catalog(catalog_dir).projects
    n_solar = len(apply_filters(projects, Filters(categories=["solar"])))
    at = app(category="solar")
    at.switch_page("ui/downloads.py").run()
    assert not at.exception
    assert f"下载当前筛选的 {n_solar} 个项目" in _text(at)
    labels = [b.label for b in at.get("download_button")]
    assert any("GeoJSON" in x for x in labels) and any("GeoPackage" in x for x in labels)
    assert any("CSV" in x for x in labels)
    assert at.query_params["category"] in ("solar", ["solar"])
    at.switch_page("ui/map.py").run()
    assert f"显示 {n_solar} / {len(projects)}" in _count_line(at)
    assert at.pills(key="f_cats").value == ["solar"]
    at.switch_page("ui/downloads.py").run()
    at.button(key="report").click().run()
    assert not at.exception
    assert at.error == []
    assert at.session_state["_report_pdf"][:4] == b"%PDF"


def _decode_ring(ring: list[int], q: int) -> list[tuple[float, float]]:
    out, x, y = [], 0, 0
    for i in range(0, len(ring), 2):
        x, y = x + ring[i], y + ring[i + 1]
        out.append((x / q, y / q))
    return out


def test_web_cache_compact_boundaries_and_cleanup(app, tmp_path):
    """The map's files: boundaries in the compact format (same shapes within 1/q degree), stale versions of
    earlier catalogs removed, recent ones (maybe another running app's) kept."""
    import os
    import time

    web = tmp_path / "web"
    for name, age_days in (("cat-00000000000000aa", 30), ("cat-00000000000000bb", 0), ("layers-0000cc", 9)):
        (web / name).mkdir(parents=True)
        old = time.time() - age_days * 86400
        os.utime(web / name, (old, old))
    at = app()
    assert not at.exception
    names = sorted(p.name for p in web.iterdir())
    assert "cat-00000000000000aa" not in names and "layers-0000cc" not in names
    assert "cat-00000000000000bb" in names
    layers = next(web / n for n in names if n.startswith("layers-"))
    compact = json.loads((layers / "counties.json").read_text(encoding="utf-8"))
    source = json.loads((ROOT / "layers/display/counties.geojson").read_text(encoding="utf-8"))
    assert len(compact["f"]) == len(source["features"]) > 100
    f, g = compact["f"][0], source["features"][0]
    assert f["a"] == g["properties"]["adcode"] and f["n"] == g["properties"]["name"]
    src_ring = g["geometry"]["coordinates"][0][0]
    ring = _decode_ring(f["g"][0][0], compact["q"])
    assert len(ring) == len(src_ring)
    err = max(abs(a - b) for p, s in zip(ring, src_ring, strict=True) for a, b in zip(p, s[:2], strict=True))
    assert err <= 0.5 / compact["q"] + 1e-9
    assert set(g["properties"]) - {"adcode", "name", "rep_lon", "rep_lat"}  # unused properties are dropped
    assert set(f) == {"a", "n", "r", "g"}


def test_language_toggle_switches_the_shading_control(app):
    at = app(shade="count_city")
    assert at.selectbox(key="shade").format_func("count_city") == "项目数 · 按地级市"
    at.segmented_control(key="lang").set_value("en").run()
    assert at.selectbox(key="shade").format_func("count_city") == "Project count · by city"
    assert at.selectbox(key="shade").value == "count_city"


def test_quantities_in_the_units_planners_use():
    from geo.i18n import format_quantity

    assert format_quantity(4000, "MW", "zh") == "400 万千瓦"
    assert format_quantity(95000, "MW", "zh") == "9,500 万千瓦"
    assert format_quantity(4000, "MW", "en") == "4,000 MW"
    assert format_quantity(2.0, "bcm/a", "zh") == "20 亿立方米/年"
    assert format_quantity(2.0, "bcm/a", "en") == "2 bcm/a"
    assert format_quantity(1.0, "Mt/a", "zh") == "100 万吨/年"
    assert format_quantity(float("nan"), "MW", "zh") == ""


def test_location_notes_in_english_keep_place_names():
    from geo.i18n import location_note_label

    note = "仅知到区县：点位为莒县代表点，非项目实际位置"
    assert location_note_label(note, "zh") == note
    assert location_note_label(note, "en") == (
        "Known only to the county: the point is 莒县's representative point, not the project's site"
    )
    sea = "海上项目：东港区近海的示意点位，非实际场址"
    assert location_note_label(sea, "en") == (
        "Offshore project: an indicative point at sea off 东港区, not the actual site"
    )
    port = "线路另一端“新海石化”未能定位，仅显示本端；日照港（港口）跨东港区、岚山区：点位为日照市代表点，非项目实际位置"
    en = location_note_label(port, "en")
    assert en.startswith("The line's other end “新海石化” could not be placed, only this end is shown; ")
    assert "日照港 (port) spans 东港区、岚山区" in en
    assert not any(
        "\u4e00" <= c <= "\u9fff"
        for c in en.replace("新海石化", "")
        .replace("日照港", "")
        .replace("东港区、岚山区", "")
        .replace("日照市", "")
    )


def test_stats_and_targets_in_planners_units(app, catalog_dir):
    from geo.webview import stats_html, targets_html

    catalog = load_catalog(catalog_dir)
    p = catalog.projects
    html_zh = stats_html(p, "city", "zh")
    assert "总装机（万千瓦）" in html_zh
    none = p[p["capacity_value"].isna()]
    assert "总装机" not in stats_html(none, "city", "zh")  # no capacity in the selection: no empty column
    assert f"{len(none.dropna(subset=['city']))} 个项目中 0 个写明了装机容量" in stats_html(
        none, "city", "zh"
    )
    tg = catalog.targets
    if not tg.empty:
        body = targets_html(tg, "zh", catalog.plan_titles())
        assert "原文" in body and "<script" not in body


def test_capacity_shading_without_capacities_says_so(catalog_dir):
    from geo.webmap import shade_data

    catalog = load_catalog(catalog_dir)
    p = catalog.projects
    choro, msg = shade_data("cap_county", p[p["capacity_value"].isna()], catalog, "zh", None, None)
    assert choro is None and "没有写明" in msg
    choro, msg = shade_data("cap_city", p, catalog, "zh", None, None)
    assert msg is None and choro["value_label"] == "万千瓦" and choro["legend"]


def test_status_filter_every_stage_and_unknown(catalog_dir):
    from geo.catalog import STATUSES, UNKNOWN_STATUS
    from geo.history import STATUS_WORDS

    assert set(STATUSES) == {*STATUS_WORDS, UNKNOWN_STATUS}
    projects = load_catalog(catalog_dir).projects
    filters, warnings = Filters.from_query_params({"status": ["construction", "unknown", "built?"]})
    assert filters.statuses == ["construction", "unknown"] and "built?" in warnings[0]
    shown = apply_filters(projects, filters)
    assert 0 < len(shown) < len(projects)
    assert set(shown["status"].fillna("unknown")) == {"construction", "unknown"}
    assert filters.to_query_params()["status"] == ["construction", "unknown"]


def test_status_legend_counts_and_url(app, catalog_dir):
    projects = load_catalog(catalog_dir).projects
    n_planned = int((projects["status"] == "planned").sum())
    at = app()
    pills = at.pills(key="f_status")
    assert pills.options[0].startswith("规划/谋划") and f"({n_planned})" in pills.options[0]
    assert pills.options[-1].startswith("未说明")
    pills.set_value(["planned"]).run()
    assert f"显示 {n_planned} / {len(projects)}" in _count_line(at)
    assert at.query_params["status"] in ("planned", ["planned"])
    comp = next(e for e in at.get("component_instance") if "sdcarbon_map" in e.proto.component_name)
    assert json.loads(comp.proto.json_args)["state"]["status_counts"] == [["planned", n_planned]]


def test_review_filter_from_url_and_sidebar(app, catalog_dir):
    projects = load_catalog(catalog_dir).projects
    n_edited = int((projects["review_status"] == "edited").sum())
    n_added = int((projects["review_status"] == "added").sum())
    assert 0 < n_edited < len(projects) and n_added > 0
    filters, warnings = Filters.from_query_params({"review": ["edited,added", "<b>approved</b>"]})
    assert filters.review_statuses == ["edited", "added"] and "<b>approved</b>" in warnings[0]
    assert filters.to_query_params()["review"] == ["edited", "added"]
    at = app(review="edited")
    assert not at.exception
    assert f"显示 {n_edited} / {len(projects)}" in _count_line(at)
    widget = at.multiselect(key="f_review")
    assert widget.value == ["edited"]
    widget.set_value(["edited", "added"]).run()
    assert f"显示 {n_edited + n_added} / {len(projects)}" in _count_line(at)
    assert at.query_params["review"] == ["edited", "added"]
    at = app(review="x" * 100_000)  # hostile: one warning quoting a little of it, nothing filtered
    assert not at.exception
    assert any("100,000 characters" in w.value for w in at.warning)
    assert f"显示 {len(projects)} / {len(projects)}" in _count_line(at)


def test_details_list_the_documents_of_projects_more_than_one_names(catalog_dir):
    from geo.webmap import marker_payload

    catalog = load_catalog(catalog_dir)
    _, details = marker_payload(catalog)
    many = [i for i, n in enumerate(catalog.projects["mention_count"]) if n > 1]
    assert many and sorted(details["hist"]) == many  # only those: details.json stays small
    k = {name: j for j, name in enumerate(details["hist_fields"])}
    docs = details["hist"][many[0]]
    dates = [d[k["doc_date"]] for d in docs]
    assert len(docs) == 2 and dates == sorted(dates, reverse=True) and dates[0] > dates[1]
    assert {details["plans"][d[k["plan"]]] for d in docs} == {s["title"] for s in catalog.sources[:2]}
