"""Geocoding rules on hand-made projects, with exact expected outcomes (bundled layers + gazetteer)."""

from __future__ import annotations

import math

import pytest
import shapely
import shapely.ops

from geo.geocode import Geocoder, is_offshore
from geo.layers_read import admin_units, load_admin
from geo.model import LocatedProject, Project, SourceSpan, Unresolved

RIZHAO, YANTAI, DONGYING, ZAOZHUANG, PROVINCE = "371100", "370600", "370500", "370400", "370000"


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.default()


@pytest.fixture(scope="module")
def units():
    return admin_units().set_index("adcode")


@pytest.fixture(scope="module")
def polygons():
    gdfs = [load_admin(level, "full") for level in ("province", "cities", "counties")]
    out = {row.adcode: row.geometry for gdf in gdfs for row in gdf.itertuples()}
    for geom in out.values():
        shapely.prepare(geom)
    return out


def project(name, places=(), region=RIZHAO, quote=None, **kw) -> Project:
    span = SourceSpan(section="测试", quote=quote or f"推进{name}建设。", start=0, end=10)
    return Project(
        name=name,
        category=kw.pop("category", "solar"),
        source="test.txt",
        doc_title="测试方案",
        region_adcode=region,
        spans=[span],
        places=list(places),
        **kw,
    )


def rep(units, code):
    return float(units.at[code, "rep_lon"]), float(units.at[code, "rep_lat"])


def km_between(a, b) -> float:
    dx = (a[0] - b[0]) * 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
    dy = (a[1] - b[1]) * 110.57
    return math.hypot(dx, dy)


def assert_at_sea(polygons, lon, lat):
    pt = shapely.Point(lon, lat)
    assert not polygons[PROVINCE].intersects(pt)
    assert not any(g.intersects(pt) for g in polygons.values())


def test_county_level(geocoder, units, polygons):
    res = geocoder.resolve(project("五莲丰禾生物质发电扩建项目", ["五莲"], category="biomass"))
    loc = res.location
    assert res.problems == []
    assert (loc.precision, loc.county, loc.county_adcode, loc.city, loc.city_adcode) == (
        "county", "五莲县", "371121", "日照市", "371100",
    )  # fmt: skip
    assert (loc.lon, loc.lat) == rep(units, "371121")
    assert polygons["371121"].contains(shapely.Point(loc.lon, loc.lat))
    assert loc.township is None and not loc.offshore and loc.wkt is None
    assert loc.note == "仅知到区县：点位为五莲县代表点，非项目实际位置"


def test_a_former_county_name_is_placed_at_todays_county_and_says_so(geocoder, units):
    res = geocoder.resolve(project("华电邹县发电厂三期", ["邹县"], region="370800", category="coal_power"))
    loc = res.location
    assert (loc.precision, loc.county_adcode, (loc.lon, loc.lat)) == (
        "county",
        "370883",
        rep(units, "370883"),
    )
    assert "文中“邹县”今属邹城市" in loc.note


def test_a_place_named_after_the_project_in_its_sentence_belongs_to_the_next_item(geocoder):
    quote = "实施华电十里泉发电厂、滕州新源热电有限公司等煤电机组节能改造。"
    first = geocoder.resolve(project("华电十里泉发电厂", region="370400", quote=quote, category="coal_power"))
    assert (first.location.precision, first.location.city_adcode) == ("city", "370400")
    before = "支持滕州市实施华电十里泉发电厂节能改造。"
    second = geocoder.resolve(
        project("华电十里泉发电厂", region="370400", quote=before, category="coal_power")
    )
    assert (second.location.precision, second.location.county_adcode) == ("county", "370481")


def test_township_keeps_its_name_at_the_county_point(geocoder, units):
    loc = geocoder.resolve(project("莒县洛河集中式光伏项目", ["洛河", "莒县"])).location
    assert (loc.precision, loc.township, loc.county, loc.county_adcode) == (
        "township",
        "洛河镇",
        "莒县",
        "371122",
    )
    assert (loc.lon, loc.lat) == rep(units, "371122")  # no invented township coordinate
    assert loc.note == "仅知到乡镇（莒县洛河镇）：乡镇无坐标，点位为莒县代表点，非项目实际位置"


def test_township_named_after_its_county_in_another_order(geocoder):
    loc = geocoder.resolve(project("五莲县街头抽水蓄能电站项目", ["五莲县", "街头"])).location
    assert (loc.precision, loc.township, loc.county_adcode) == ("township", "街头镇", "371121")


def test_port_lies_in_its_county(geocoder, units):
    loc = geocoder.resolve(
        project("日照港石臼港区南区煤炭进港铁路工程", ["石臼港区"], category="transport")
    ).location
    assert (loc.precision, loc.county, loc.county_adcode) == ("county", "东港区", "371102")
    assert (loc.lon, loc.lat) == rep(units, "371102")
    assert loc.note == "日照港石臼港区（港口）位于东港区：点位为东港区代表点，非项目实际位置"


@pytest.mark.parametrize(("name", "places", "region", "county"), [
    ("海阳海上风电基地", ["海阳"], YANTAI, "370687"),
    ("东港区海上光伏项目", ["东港区"], RIZHAO, "371102"),
])  # fmt: skip
def test_offshore_point_is_at_sea_off_the_county(geocoder, polygons, name, places, region, county):
    p = project(name, places, region=region, category="wind", offshore=True)
    loc = geocoder.resolve(p).location
    assert loc.offshore is True
    assert (loc.precision, loc.county_adcode) == ("county", county)
    assert_at_sea(polygons, loc.lon, loc.lat)
    # off *that* county: it is the nearest county, 15-65 km out
    pt = shapely.Point(loc.lon, loc.lat)
    nearest = min((c for c in polygons if c[4:] != "00"), key=lambda c: shapely.distance(polygons[c], pt))
    assert nearest == county
    near = shapely.ops.nearest_points(polygons[county], pt)[0]
    assert 15 <= km_between((near.x, near.y), (loc.lon, loc.lat)) <= 65
    assert loc.note.startswith("海上项目：") and "近海的示意点位，非实际场址" in loc.note
    assert geocoder.sea.sea_point(county) == (loc.lon, loc.lat)  # deterministic


def test_offshore_by_name_but_not_the_onshore_industry():
    assert is_offshore(project("东港区海上光伏项目", ["东港区"]))
    assert is_offshore(project("某某近海风电", []))
    assert not is_offshore(project("海上风电装备产业园", [], offshore=True))
    assert not is_offshore(project("东港区渔光互补项目", ["东港区"]))


def test_inland_county_cannot_be_offshore(geocoder):
    res = geocoder.resolve(project("沂源海上风电", ["沂源"], region="370300", offshore=True))
    assert res.location is None
    assert res.problems[0].reason == "海上项目，但沂源县无海岸线，无法置于其近海"


def test_line_between_two_resolvable_places(geocoder, units):
    p = project("石臼港区—莒县输油管道", line_ends=("石臼港区", "莒县"), category="oil_pipeline")
    loc = geocoder.resolve(p).location
    line = shapely.from_wkt(loc.wkt)
    assert line.geom_type == "LineString"
    assert list(line.coords) == [rep(units, "371102"), rep(units, "371122")]
    assert (loc.lon, loc.lat) == rep(units, "371102")
    assert (loc.precision, loc.city_adcode, loc.county_adcode) == ("county", "371100", None)
    assert loc.note == "线路石臼港区（东港区）—莒县：两端代表点间的直线示意，非实际走向"


def test_line_with_one_resolvable_end(geocoder, units):
    p = project("日照港—新海石化输油管道", line_ends=("日照港", "新海石化"), category="oil_pipeline")
    res = geocoder.resolve(p)
    loc = res.location
    # 日照港 spans 东港区 (石臼) and 岚山区 (岚山): known to its city only
    assert (loc.precision, loc.city_adcode, loc.county, loc.wkt) == ("city", RIZHAO, None, None)
    assert (loc.lon, loc.lat) == rep(units, RIZHAO)
    assert loc.note.startswith("线路另一端“新海石化”未能定位，仅显示本端；")
    assert "日照港（港口）跨东港区、岚山区" in loc.note
    assert [(u.mention, u.reason) for u in res.problems] == [("新海石化", "地名库中无此地名")]


def test_region_in_the_plans_city_and_in_a_province_plan(geocoder, polygons):
    loc = geocoder.resolve(
        project("鲁北盐碱滩涂地风光储输一体化基地", ["鲁北盐碱滩涂地"], region=DONGYING)
    ).location
    assert (loc.precision, loc.city_adcode, loc.county_adcode) == ("region", DONGYING, None)
    assert polygons[DONGYING].contains(shapely.Point(loc.lon, loc.lat))
    loc = geocoder.resolve(
        project("鲁北盐碱滩涂地风光储输一体化基地", ["鲁北盐碱滩涂地"], region=PROVINCE)
    ).location
    assert loc.precision == "region" and loc.county is None
    members = shapely.union_all([polygons[c] for c in ("370500", "371600", "370700")])
    assert members.contains(shapely.Point(loc.lon, loc.lat))
    assert loc.note == (
        "区域鲁北盐碱滩涂地涵盖东营市、滨州市、潍坊市：点位取其中面积最大的潍坊市代表点，非项目实际位置"
    )


def test_offshore_zone_is_at_sea(geocoder, polygons):
    loc = geocoder.resolve(project("半岛南海上风电基地", ["半岛南"], region=PROVINCE, offshore=True)).location
    assert (loc.precision, loc.offshore, loc.county) == ("region", True, None)
    assert_at_sea(polygons, loc.lon, loc.lat)
    assert loc.note == (
        "海上片区半岛南：即墨区、莱阳市、海阳市、乳山市、文登区、荣成市近海的示意点位，非实际场址"
    )


def test_ambiguous_name_resolved_by_the_plans_region(geocoder):
    loc = geocoder.resolve(project("市中区分布式光伏", ["市中区"], region=ZAOZHUANG)).location
    assert (loc.county_adcode, loc.city) == ("370402", "枣庄市")
    out = geocoder.locate(project("市中区分布式光伏", ["市中区"], region=PROVINCE))
    assert isinstance(out, Unresolved)
    assert (out.mention, out.reason) == ("市中区", "地名有歧义：2处同名地点分属济南市、枣庄市")


def test_city_and_its_namesake_district(geocoder):
    loc = geocoder.resolve(project("东营原油库", ["东营"], region=PROVINCE, category="oil")).location
    assert (loc.precision, loc.city_adcode) == ("city", DONGYING)


def test_unknown_place_is_listed_and_only_the_plans_city_is_claimed(geocoder, units):
    res = geocoder.resolve(project("火星光伏电站", ["火星"]))
    assert (res.location.precision, res.location.city_adcode, res.location.county) == ("city", RIZHAO, None)
    assert (res.location.lon, res.location.lat) == rep(units, RIZHAO)
    [row] = res.problems
    assert (row.source, row.project, row.mention) == ("test.txt", "火星光伏电站", "火星")
    assert row.reason == "地名库中无此地名；已按本方案所属城市日照市定位"
    assert res.location.note == "“火星”未能定位：按本方案所属城市日照市定位"
    out = geocoder.locate(project("火星光伏电站", ["火星"], region=None))  # no region to fall back on
    assert isinstance(out, Unresolved) and out.reason == "地名库中无此地名"


def test_outside_shandong(geocoder):
    out = geocoder.locate(project("内蒙古风电外送", ["内蒙古"], region=PROVINCE, category="grid"))
    assert isinstance(out, Unresolved) and out.reason == "在山东省外（内蒙古）"
    # a line from outside: only its Shandong end is placed
    p = project(
        "陇东至山东±800千伏特高压直流输变电工程", region=PROVINCE, category="grid", line_ends=("陇东", "山东")
    )
    res = geocoder.resolve(p)
    assert (res.location.precision, res.location.wkt) == ("province", None)
    assert [(u.mention, u.reason) for u in res.problems] == [("陇东", "在山东省外（陇东，甘肃省东部）")]
    assert res.location.note.startswith("线路另一端“陇东”在山东省外，仅显示本端；仅知到省：")


def test_township_outside_the_plans_city_is_not_trusted(geocoder):
    # 洛河镇 is in 莒县 (日照): a bare 洛河 in a 烟台 plan is not placed there
    res = geocoder.resolve(project("洛河光伏", ["洛河"], region=YANTAI))
    assert (res.location.precision, res.location.city_adcode, res.location.township) == ("city", YANTAI, None)
    assert res.problems[0].reason.startswith("洛河镇（日照市莒县）不在本方案所属地区，文中也未提其所在区县")


def test_no_place_in_a_city_plan_and_a_province_plan(geocoder, units):
    res = geocoder.resolve(project("亚太森博发电项目", [], category="biomass"))
    assert (res.location.precision, res.location.city_adcode) == ("city", RIZHAO)
    assert (res.location.lon, res.location.lat) == rep(units, RIZHAO)
    assert res.problems[0].mention == ""
    assert res.problems[0].reason == "文中未指明市以下地点；已按本方案所属城市日照市定位"
    assert res.location.note == "文中未指明地点：按本方案所属城市日照市定位"
    res = geocoder.resolve(project("某外送通道", [], region=PROVINCE, category="grid"))
    assert (res.location.precision, res.location.city) == ("province", None)
    assert (res.location.lon, res.location.lat) == rep(units, PROVINCE)
    assert res.location.note == "文中未指明地点：按本方案所属省份山东省定位"
    assert [u.reason for u in res.problems] == ["文中未指明地点（省级方案）；已按本方案所属省份山东省定位"]


def test_only_the_province_named_in_a_city_plan_means_the_plans_city(geocoder, units):
    res = geocoder.resolve(project("中国中化山东化工原料基地", ["山东"], category="oil"))
    assert (res.location.precision, res.location.city_adcode) == ("city", RIZHAO)
    assert res.location.note == "文中仅提及山东省：按本方案所属城市日照市定位"
    res = geocoder.resolve(project("山东某化工原料基地", ["山东"], region=PROVINCE, category="oil"))
    assert res.location.precision == "province"


def test_places_in_one_county_are_placed_at_it_and_named(geocoder):
    loc = geocoder.resolve(project("莒县洛河、长岭光伏", ["洛河", "长岭"])).location
    assert (loc.precision, loc.county) == ("county", "莒县")
    assert loc.note == "涉及洛河镇（乡镇，莒县）、长岭镇（乡镇，莒县）：点位为莒县代表点，非项目实际位置"


def test_offshore_without_a_place_is_off_the_plans_city(geocoder):
    res = geocoder.resolve(project("华能海上风电项目", [], region=YANTAI, category="wind"))
    assert (res.location.precision, res.location.offshore) == ("city", True)
    assert res.location.note == (
        "文中未指明地点，按本方案所属城市烟台市定位；海上项目：烟台市近海的示意点位，非实际场址"
    )
    assert [u.reason for u in res.problems] == [
        "文中未指明市以下地点；已按本方案所属城市烟台市定位（海上项目，置于其近海）"
    ]


def test_name_is_searched_when_places_are_missing(geocoder):
    loc = geocoder.resolve(project("齐鲁石化转型升级改造项目", [], region="370300", category="oil")).location
    assert (loc.precision, loc.county_adcode) == ("county", "370305")


def test_locate_returns_a_located_project(geocoder):
    out = geocoder.locate(project("莒县整县屋顶光伏项目", ["莒县"]))
    assert isinstance(out, LocatedProject) and out.id == "" and out.location.county == "莒县"


def test_every_coastal_county_gets_a_sea_point(geocoder, polygons):
    coastal = [c for c in geocoder.sea.county_codes if len(geocoder.sea.coast_points(c))]
    assert 25 <= len(coastal) <= 45  # Shandong has ~34 county-level units on the coast
    for code in ("370687", "371102", "371103", "370681", "371623", "370503"):
        assert code in coastal
    for code in ("370323", "371122", "370102"):  # 沂源, 莒县, 历下: inland
        assert code not in coastal
        assert geocoder.sea.sea_point(code) is None
    for code in coastal:
        lon, lat = geocoder.sea.sea_point(code)
        assert_at_sea(polygons, lon, lat)
        assert not geocoder.sea.on_land(lon, lat)


def test_line_between_two_townships_of_one_county(geocoder, units):
    p = project(
        "沾化区220千伏富国—滨海线路工程",
        ["沾化区"],
        region="371600",
        category="grid",
        line_ends=("千伏富国", "滨海"),
    )
    res = geocoder.resolve(p)
    loc = res.location
    assert res.problems == []
    assert (loc.precision, loc.county_adcode, loc.township, loc.wkt) == ("county", "371603", None, None)
    assert (loc.lon, loc.lat) == rep(units, "371603")
    assert loc.note == "线路富国—滨海两端均在沾化区：点位为沾化区代表点，非项目实际位置"


def test_line_between_two_cities(geocoder, units):
    p = project(
        "东营至淄博炼厂支线", [], region=DONGYING, category="oil_pipeline", line_ends=("东营", "淄博炼厂")
    )
    loc = geocoder.resolve(p).location
    assert list(shapely.from_wkt(loc.wkt).coords) == [rep(units, DONGYING), rep(units, "370300")]
    assert (loc.precision, loc.city, loc.county) == ("city", None, None)
    assert loc.note == "线路东营（东营市）—淄博炼厂（淄博市）：两端代表点间的直线示意，非实际走向"


def test_offshore_zone_in_a_city_plan_is_off_that_city(geocoder, polygons):
    loc = geocoder.resolve(project("渤中海上风电项目", ["渤中"], region=DONGYING, category="wind")).location
    assert (loc.precision, loc.offshore, loc.city_adcode) == ("region", True, DONGYING)
    assert_at_sea(polygons, loc.lon, loc.lat)
    pt = shapely.Point(loc.lon, loc.lat)
    nearest = min((c for c in polygons if c[4:] != "00"), key=lambda c: shapely.distance(polygons[c], pt))
    assert nearest.startswith("3705")
    assert loc.note == (
        "海上片区渤中（河口区、垦利区、莱州市、招远市、龙口市近海）：取其中本方案所在城市部分近海的示意点位，非实际场址"
    )


def test_neighbour_land_mask(polygons):
    """geo/data/neighbour_land.geojson: the neighbours' land, not Shandong's, and not the sea."""
    from geo.sea import load_neighbour_land

    land = load_neighbour_land()
    assert land is not None and land.is_valid
    for lon, lat in (
        (119.22, 34.60),
        (116.84, 38.30),
        (117.20, 39.13),
        (121.61, 38.91),
    ):  # 连云港 沧州 天津 大连
        assert land.contains(shapely.Point(lon, lat))
    for lon, lat in ((120.5, 38.3), (121.0, 35.5), (119.5, 38.5)):  # 渤海海峡, 黄海, 渤海
        assert not land.contains(shapely.Point(lon, lat))
    overlap = shapely.area(shapely.intersection(land, polygons[PROVINCE])) / shapely.area(polygons[PROVINCE])
    assert overlap < 0.002


def test_a_county_whose_short_name_ends_in_xiang_is_not_its_own_seat_township(geocoder):
    loc = geocoder.locate(project("甲乙绿能金乡100兆瓦风电项目", places=["金乡"], region="370800")).location
    assert (loc.county, loc.precision) == ("金乡县", "county")


def test_a_township_named_bare_after_its_developer_is_found_in_the_plans_city(geocoder):
    loc = geocoder.locate(project("华能税郭100MW光伏电站", region="370400")).location
    assert (loc.county, loc.township, loc.precision) == ("市中区", "税郭镇", "township")
    # a short name shared with a city or county (日照街道) is not taken as the township
    loc = geocoder.locate(project("华能日照电厂", places=["日照"], region=RIZHAO)).location
    assert loc.precision == "city"


def test_an_unknown_landmark_is_named_in_the_unresolved_rows(geocoder):
    res = geocoder.resolve(project("华能潍坊甲乙水库光伏电站", places=["潍坊"], region="370700"))
    assert res.location.precision == "city"
    assert [p.mention for p in res.problems if "地标" in p.reason] == ["甲乙水库"]
    # a landmark the place table holds is placed, not reported
    res = geocoder.resolve(project("微山湖光伏电站", region="370800"))
    assert res.location.precision == "county" and not any("地标" in p.reason for p in res.problems)
