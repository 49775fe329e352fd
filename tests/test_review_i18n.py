"""The 规划文件 and 审核 pages in English: the labels of geo.i18n_review, geo.review's messages in both
languages, and the pages themselves (AppTest, signed in, a record open) with no Chinese outside the data."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from geo import review
from geo.i18n import LABELS, t
from geo.i18n_review import FIELD_LABELS, QUEUE_LABELS, REVIEW_LABELS, STAGE_LABELS, field_label, stage_label

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
EXAMPLES = ("400万千瓦", "100万吨/年", "五莲县", "中文")  # examples of input a planner types, kept in Chinese


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _chinese_left(text: str) -> str:
    for example in EXAMPLES:
        text = text.replace(example, "")
    return "".join(CJK.findall(text))


@pytest.mark.parametrize("table", [REVIEW_LABELS, FIELD_LABELS, QUEUE_LABELS, STAGE_LABELS])
def test_every_label_has_both_languages_with_the_same_placeholders(table):
    for key, (zh, en) in table.items():
        assert zh and en, key
        assert _fields(zh) == _fields(en), key
        assert CJK.search(zh), key
        assert not _chinese_left(en), (key, en)


def test_review_labels_are_found_by_t_and_do_not_shadow_the_map_labels():
    assert not set(REVIEW_LABELS) & set(LABELS)
    assert t("signed_in_as", "en", name="王工") == "Signed in as 王工"
    assert t("signed_in_as", "zh", name="王工") == "已登录编辑：王工"
    assert (field_label("county", "en"), field_label("county")) == ("county", "区县")
    assert stage_label("geocoding", "zh") == "定位" and stage_label("new stage", "zh") == "new stage"


@pytest.mark.parametrize(
    ("check", "zh", "en"),
    [
        (lambda: review.capacity_text("abc"), "无法识别容量“abc”", "Cannot read the capacity “abc”"),
        (lambda: review.county_code("火星县"), "未知区县“火星县”", "Unknown county “火星县”"),
        (
            lambda: review.clean_text("<img>", "name"),
            "名称“<img>”含有 < > &",
            "The name “<img>” contains < > &",
        ),
        (
            lambda: review.reject({"id": "x"}, {}, "王工", ""),
            "驳回理由不能为空",
            "The reason for rejecting must",
        ),
        (lambda: review.site_point(0, 0), "不在山东省范围内", "is outside Shandong"),
        (lambda: review.status_code("快了"), "可选 规划/谋划、前期/核准", "one of planned, pre-construction"),
    ],
)
def test_review_errors_in_chinese_and_english(check, zh, en):
    with pytest.raises(review.ReviewError) as caught:
        check()
    assert zh in str(caught.value) and zh in caught.value.text("zh")
    assert en in caught.value.text("en")
    assert not _chinese_left(caught.value.text("en").replace("“火星县”", "").replace("“快了”", ""))


def test_queue_details_in_english_name_the_precision_and_keep_the_names():
    import pandas as pd
    from shapely.geometry import Point

    row = {"id": "r1", "name": "某某港口项目", "source": "a.txt", "quote": "建设某某港口项目。"}
    coarse = dict(row, precision="city", location_note="仅知到市：点位为日照市代表点，非项目实际位置")
    dup = dict(row, id="r2", name="某某港口工程", precision="site", location_note="", source="b.txt")
    frame = pd.DataFrame([coarse, dup]).assign(geometry=[Point(119.5, 35.4)] * 2)
    items = {i.kind: i for i in review.review_queue(frame, [], [], [])}
    assert items["coarse"].detail.startswith("定位精度：地级市级；仅知到市")
    assert items["coarse"].detail_en == (
        "Location precision: city; Known only to the city: the point is 日照市's representative point, "
        "not the project's site"
    )
    assert items["duplicate"].detail_en == "Records of the same name: 某某港口工程 (b.txt, r2)"


# ---------------------------------------------------------------------- the pages (AppTest)


@pytest.fixture
def office(tmp_path, monkeypatch):
    from test_app import _synthetic

    from geo.store import Store

    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(_synthetic(20, tmp_path / "catalog")))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    monkeypatch.setenv("SDCARBON_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SDCARBON_PLANS_DIR", str(tmp_path / "plans"))
    monkeypatch.delenv("SDCARBON_DB_URL", raising=False)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.txt").write_text("日照市碳达峰工作方案\n", encoding="utf-8")
    with Store.open() as s:
        s.add_editor("王工", "correct horse battery")


def _labels(at) -> list[str]:
    """What the page itself says (headings, widget labels, buttons, options, messages), not the data."""
    out = [m.value for m in at.markdown if m.value.startswith("## ")]
    for kind in ("button", "text_input", "selectbox", "radio", "checkbox", "text_area"):
        out += [w.label for w in getattr(at, kind)]
    out += [o for r in at.radio for o in r.options]
    out += [str(e.value) for kind in ("info", "warning", "error", "success") for e in getattr(at, kind)]
    return out


@pytest.mark.parametrize("page", ["ui/review.py", "ui/plans.py"])
def test_pages_in_english_have_no_chinese_labels(office, page):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["editor"] = "王工"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    zh = "\n".join(_labels(at))
    at.segmented_control(key="lang").set_value("en").run()
    if page == "ui/review.py":
        at.radio(key="review_view").set_value("all").run()
        at.text_input(key="search").input("项目").run()  # the synthetic names end in 项目: a record opens
    assert not at.exception
    labels = _labels(at)
    assert not [x for x in labels if _chinese_left(x)], [x for x in labels if _chinese_left(x)]
    assert CJK.search(zh)  # the same page in Chinese
    assert "Sign out" in labels
    if page == "ui/plans.py":
        assert list(at.table[0].value.columns) == [
            "File",
            "Type",
            "Title",
            "Region",
            "Date",
            "Projects",
            "Added by",
            "Added (UTC)",
            "Size (KB)",
            "Problem",
        ]
        assert "not built yet (read by the next build)" in at.table[0].value["Problem"].tolist()
    else:
        assert {"## Review", "Confirm", "Save the edits", "Merge", "County (name or code)"} <= set(labels)
