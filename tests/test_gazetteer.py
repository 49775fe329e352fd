"""Gazetteer: admin units, townships and the place table, on the committed layers and the seed plans."""

from __future__ import annotations

import csv
import itertools
from collections import Counter

import pytest

from geo import LAYERS_DIR, SEEDS_DIR
from geo.gazetteer import WEAK_SHORT_NAMES, Gazetteer
from geo.gazetteer_tables import KINDS, PLACE_FIELDS, PLACE_KINDS, PLACE_PRECISIONS, TOWNSHIP_FIELDS
from geo.gazetteer_townships import township_short_name


def _rows(name: str) -> list[dict]:
    with open(LAYERS_DIR / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


ADMIN = _rows("admin_units.csv")
TOWNSHIPS = _rows("townships.csv")
PLACES = _rows("places.csv")
COUNTIES = [r for r in ADMIN if r["level"] == "county"]
CITIES = [r for r in ADMIN if r["level"] == "city"]
CODES = {r["adcode"] for r in ADMIN}
PARENT = {r["adcode"]: r["parent_adcode"] for r in ADMIN}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def codes(places) -> set[str]:
    return {p.adcode or p.county_adcode or p.city_adcode for p in places}


# ---------------------------------------------------------------------------------------------- admin units
def test_counts(gaz):
    assert len(COUNTIES) == 136 and len(CITIES) == 16
    assert len(gaz.counties()) == 136 and len(gaz.cities()) == 16
    assert gaz.province is not None and gaz.province.adcode == "370000"


def test_every_county_by_full_and_short_name(gaz):
    for r in COUNTIES:
        full = gaz.lookup(r["name"])
        assert r["adcode"] in {p.adcode for p in full}, r["name"]
        assert full[0].adcode == r["adcode"] or r["name"] == "市中区", r["name"]  # full name ranks first
        short = gaz.lookup(r["short_name"])
        assert r["adcode"] in {p.adcode for p in short}, r["short_name"]
        county = gaz.county(r["adcode"])
        assert county is not None and county.city_adcode == r["parent_adcode"]
        assert gaz.city(r["parent_adcode"]) is not None
        # find: the full name always; the short name alone unless it is a weak (ordinary-word) name,
        # and a weak short name inside a list of counties
        hits = gaz.find(f"在{r['name']}建设")
        assert [m.surface for m in hits] == [r["name"]] and r["adcode"] in codes(hits[0].candidates)
        other = "莒县" if r["adcode"] != "371122" else "五莲"
        text = (
            f"推进{r['short_name']}、{other}等地项目"
            if r["short_name"] in WEAK_SHORT_NAMES
            else r["short_name"]
        )
        assert any(r["adcode"] in codes(m.candidates) for m in gaz.find(text)), r["short_name"]


def test_every_city_by_full_and_short_name(gaz):
    for r in CITIES:
        assert gaz.lookup(r["name"])[0].adcode == r["adcode"]
        assert gaz.lookup(r["short_name"])[0].adcode == r["adcode"]  # the city ranks before 东营区
        assert gaz.find(r["short_name"])[0].candidates[0].adcode == r["adcode"]


def test_former_names_resolve_with_a_note(gaz):
    changdao = gaz.lookup("长岛")
    assert [p.adcode for p in changdao] == ["370614"] and "长岛" in changdao[0].note
    assert [p.adcode for p in gaz.lookup("长岛县")] == ["370614"]
    assert {p.adcode for p in gaz.lookup("莱芜市")} == {"370116", "370117"}
    assert [p.adcode for p in gaz.lookup("莱芜")] == ["370116"]
    assert [p.adcode for p in gaz.lookup("茌平县")] == ["371503"]
    assert [p.adcode for p in gaz.lookup("蓬莱市")] == ["370614"]
    # a county renamed before today's codes, alive in plant names
    (zouxian,) = gaz.find("华电邹县发电厂")
    assert zouxian.surface == "邹县" and zouxian.candidates[0].adcode == "370883"
    assert "1992" in zouxian.candidates[0].note
    # a former district's short form in a plant name: 莱城区 became 莱芜区 in 2019
    (laicheng,) = gaz.find("甲电莱城电厂机组改造")
    assert laicheng.surface == "莱城" and laicheng.candidates[0].adcode == "370116"
    assert "2019" in laicheng.candidates[0].note
    assert [m.surface for m in gaz.find("蓬莱城区")] == ["蓬莱"]


def test_a_bay_named_after_a_county_is_the_bay(gaz):
    (bay,) = gaz.find("胶州湾海上风电")
    assert bay.surface == "胶州湾" and bay.candidates[0].kind == "region"
    assert "370281" in bay.candidates[0].member_adcodes and "370211" in bay.candidates[0].member_adcodes


# ---------------------------------------------------------------------------------------------- townships
def test_township_table_shape():
    assert list(TOWNSHIPS[0].keys()) == TOWNSHIP_FIELDS
    assert len(TOWNSHIPS) == 1818
    assert {r["county_adcode"] for r in TOWNSHIPS} == {r["adcode"] for r in COUNTIES}  # every county has some
    for r in TOWNSHIPS:
        assert r["county_adcode"] in CODES and PARENT[r["county_adcode"]] == r["city_adcode"]
        assert r["short_name"] == township_short_name(r["name"])
        assert r["name"].endswith(("镇", "乡", "街道", "街道办事处")), r["name"]
        assert r["source"].startswith("jionlp ")
    assert len({(r["name"], r["county_adcode"]) for r in TOWNSHIPS}) == len(TOWNSHIPS)


def test_every_township_resolves_to_exactly_its_county(gaz):
    assert len(gaz.townships()) == len(TOWNSHIPS)
    for r in TOWNSHIPS:
        mine = [
            p for p in gaz.lookup(r["name"]) if p.kind == "township" and p.county_adcode == r["county_adcode"]
        ]
        assert len(mine) == 1, r
        assert mine[0].city_adcode == r["city_adcode"] and mine[0].precision == "township"
        assert mine[0] in gaz.townships_in(r["county_adcode"])
        by_short = [p for p in gaz.lookup(r["short_name"]) if p.kind == "township"]
        assert mine[0] in by_short


def test_township_short_names():
    assert township_short_name("洛河镇") == "洛河"
    assert township_short_name("户部乡") == "户部"
    assert township_short_name("城阳街道") == "城阳"
    assert township_short_name("创新谷街道办事处") == "创新谷"
    assert township_short_name("刁镇") == "刁镇"  # the rest would be one character


def test_township_remaps(gaz):
    by = {(r["name"], r["county_adcode"]): r for r in TOWNSHIPS}
    # 长岛's islands under 蓬莱区's current code (jionlp files them under the old 370684)
    assert "长岛" in by[("北长山乡", "370614")]["note"]
    assert not any(r["county_adcode"] == "370684" for r in TOWNSHIPS)
    # statistical development zones -> their counties
    assert ("罗西街道", "371311") in by and ("马厂湖镇", "371302") in by
    assert ("红岛街道", "370214") in by and ("大家洼街道", "370703") in by
    assert ("团林镇", "371327") in by
    # 莱芜 / 茌平 townships sit under the current codes
    assert gaz.townships_in("370116") and gaz.townships_in("370117") and gaz.townships_in("371503")
    # the seeds' townships
    assert {"洛河", "长岭", "库山"} <= {p.short_name for p in gaz.townships_in("371122")}
    assert {"街头", "户部"} <= {p.short_name for p in gaz.townships_in("371121")}
    assert "三庄" in {p.short_name for p in gaz.townships_in("371102")}


def test_township_table_rebuilds_identically(tmp_path):
    pytest.importorskip("jionlp")
    from geo.gazetteer_townships import write_township_table

    out = tmp_path / "townships.csv"
    report = write_township_table(out)
    assert out.read_bytes() == (LAYERS_DIR / "townships.csv").read_bytes()
    assert report["written"] == 1818 and report["counties_without_townships"] == []
    assert len(report["remapped_county_code"]) == 20  # 蓬莱区 370684 -> 370614
    assert len(report["remapped_from_zone"]) == 56
    assert all(d["reason"] for d in report["dropped"])
    assert not list(tmp_path.glob(".*.tmp"))


# ---------------------------------------------------------------------------------------------- ambiguity
def test_ambiguous_names_return_every_candidate(gaz):
    assert [p.adcode for p in gaz.lookup("市中区")] == ["370103", "370402"]
    chengyang = gaz.lookup("城阳")  # 城阳区 and two 城阳街道 (莒县, 城阳区)
    assert chengyang[0].adcode == "370214"
    assert {(p.kind, p.county_adcode) for p in chengyang[1:]} == {
        ("township", "370214"),
        ("township", "371122"),
    }
    twice = Counter(r["name"] for r in TOWNSHIPS)
    name, n = twice.most_common(1)[0]
    assert n > 1 and len(gaz.lookup(name)) == n
    hx = gaz.lookup("高新区")
    assert len(hx) == 17 and {p.city_adcode for p in hx} == {r["adcode"] for r in CITIES}


def test_disambiguate_by_document_region(gaz):
    assert [p.adcode for p in gaz.disambiguate(gaz.lookup("市中区"), "370400")] == ["370402"]
    assert len(gaz.disambiguate(gaz.lookup("市中区"), "370000")) == 2  # a province plan keeps all
    assert len(gaz.disambiguate(gaz.lookup("市中区"), None)) == 2
    zibo = gaz.disambiguate(gaz.lookup("高新区"), "370300")
    assert [p.name for p in zibo] == ["淄博高新技术产业开发区"]
    # a county-level region prefers its own county, then its city
    assert [p.county_adcode for p in gaz.disambiguate(gaz.lookup("城阳"), "371122")] == ["371122"]
    # regions and offshore zones count as inside a city when a member is
    assert gaz.disambiguate(gaz.lookup("渤中") + gaz.lookup("莒县"), "370500")[0].name == "渤中"
    # nothing inside: everything is returned
    assert len(gaz.disambiguate(gaz.lookup("市中区"), "371100")) == 2


# ---------------------------------------------------------------------------------------------- find
def test_find_county_then_short_townships(gaz):
    text = "莒县洛河、长岭、库山集中式光伏项目"
    hits = gaz.find(text)
    assert [(m.surface, m.start) for m in hits] == [("莒县", 0)]  # bare 洛河 etc. are not matched
    assert hits[0].candidates[0].adcode == "371122"
    shorts = {p.short_name: p for p in gaz.townships_in("371122")}
    assert all(s in shorts for s in ("洛河", "长岭", "库山"))
    assert shorts["库山"].name == "库山乡"


def test_find_lng_sentence(gaz):
    text = "推进中石化龙口、国家管网南山、西港区3个LNG基地建设"
    hits = gaz.find(text)
    assert [m.surface for m in hits] == ["龙口", "西港区"]
    assert hits[0].candidates[0].adcode == "370681"
    west = hits[1].candidates
    assert all(p.kind != "county" for p in west)  # 西港区 is not a county
    assert west[0].kind == "port" and west[0].county_adcode == "370681"
    for m in hits:
        assert text[m.start : m.end] == m.surface


def test_find_yiyuan(gaz):
    hits = gaz.find("在沂源等区县规划抽水蓄能电站")
    assert [(m.surface, m.candidates[0].adcode) for m in hits] == [("沂源", "370323")]


def test_find_longest_leftmost_and_places(gaz):
    text = "日照港岚山港区、长岛综试区、淄博高新区、黄三角农高区、东营港经济开发区、齐鲁石化、裕龙岛"
    got = [(m.surface, m.candidates[0].name, m.candidates[0].county_adcode) for m in gaz.find(text)]
    assert got == [
        ("日照港岚山港区", "日照港岚山港区", "371103"),
        ("长岛综试区", "长岛海洋生态文明综合试验区", "370614"),
        ("淄博高新区", "淄博高新技术产业开发区", "370303"),
        ("黄三角农高区", "黄河三角洲农业高新技术产业示范区", "370523"),
        ("东营港经济开发区", "东营港经济开发区", "370503"),
        ("齐鲁石化", "齐鲁石化", "370305"),
        ("裕龙岛", "裕龙岛", "370681"),
    ]


def test_find_weak_short_names_need_context(gaz):
    assert gaz.find("平原地区光照充足") == []
    assert [m.surface for m in gaz.find("德州平原、禹城、齐河")] == ["德州", "平原", "禹城", "齐河"]
    assert [m.surface for m in gaz.find("在平原等县推进")] == ["平原"]
    assert gaz.find("保护恢复河口海湾") == []
    assert [m.candidates[0].kind for m in gaz.find("保护黄河口新生湿地")] == ["landmark"]
    assert [m.surface for m in gaz.find("河口、垦利、利津")] == ["河口", "垦利", "利津"]
    assert gaz.find("年日照时数超过2500小时") == []
    assert gaz.find("建设海滨城市，高密度开发") == []
    assert [m.surface for m in gaz.find("日照市、高密市")] == ["日照市", "高密市"]


def test_find_on_seeds_has_no_hekou_false_positive(gaz):
    text = (SEEDS_DIR / "002_afad6566bc5c7fb1.txt").read_text(encoding="utf-8")
    hekou = [m for m in gaz.find(text) if any(p.adcode == "370503" for p in m.candidates)]
    assert hekou and all(m.surface == "河口区" for m in hekou)
    for m in gaz.find(text):
        assert text[m.start : m.end] == m.surface


def test_find_is_non_overlapping_on_all_seeds(gaz):
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        hits = gaz.find(text)
        assert hits
        assert all(a.end <= b.start for a, b in itertools.pairwise(hits))
        assert all(m.candidates for m in hits)


# ---------------------------------------------------------------------------------------------- place table
def test_place_table_rows():
    assert list(PLACES[0].keys()) == PLACE_FIELDS
    names = Counter(r["name"] for r in PLACES)
    assert max(names.values()) == 1
    for r in PLACES:
        assert r["source"].strip() and r["precision"] in PLACE_PRECISIONS and r["kind"] in PLACE_KINDS, r
        for code in (r["county_adcode"], r["city_adcode"], *filter(None, r["member_adcodes"].split("|"))):
            assert not code or code in CODES, (r["name"], code)
        if r["county_adcode"]:
            assert PARENT[r["county_adcode"]] == r["city_adcode"], r["name"]
            assert r["precision"] == "county", r["name"]
        if r["kind"] in ("region", "offshore_zone"):
            assert not r["county_adcode"] and r["member_adcodes"] and r["precision"] == "region", r["name"]
        if r["precision"] == "city":
            assert r["city_adcode"] and not r["county_adcode"] and r["note"], r["name"]
        if r["kind"] == "offshore_zone":
            assert all(PARENT[c] != "370000" for c in r["member_adcodes"].split("|"))  # coastal counties


def test_domain_places(gaz):
    def one(name):
        hits = gaz.lookup(name)
        assert hits, name
        return hits[0]

    assert one("山海天旅游度假区").county_adcode == "371102"
    assert one("东营港").county_adcode == "370503"
    assert one("黄三角农高区").city_adcode == "370500"
    assert one("黄渤海新区").city_adcode == "370600"
    assert one("长岛综试区").county_adcode == "370614"
    assert one("石臼港区").county_adcode == "371102"
    assert one("岚山港区").county_adcode == "371103"
    assert one("烟台港西港区").county_adcode == "370681"
    assert one("裕龙岛").county_adcode == "370681"
    assert one("齐鲁石化").county_adcode == "370305"
    assert set(one("日照港").member_adcodes) == {"371102", "371103"}
    assert set(one("鲁北盐碱滩涂地").member_adcodes) >= {"370500", "371600"}
    assert set(one("鲁西南采煤沉陷区").member_adcodes) >= {"370800", "371700"}
    for zone in ("渤中", "半岛南", "半岛北"):
        z = one(zone)
        assert z.kind == "offshore_zone" and z.precision == "region" and len(z.member_adcodes) >= 3
    assert "370683" in one("渤中").member_adcodes  # 莱州 (烟台 plan: 莱州及山东渤中区域)
    assert "370687" in one("半岛南").member_adcodes  # 海阳


def test_place_kinds_are_known(gaz):
    assert all(p.kind in KINDS for p in gaz.places)
    assert len(gaz.places) == len(PLACES)
