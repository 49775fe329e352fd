"""The standalone HTML map (geo.htmlmap), opened from a file:// URL in headless Chromium with the network
blocked: Leaflet runs from the page itself, every project is drawn in its category colour, a click opens its
popup, plan text stays text, and nothing outside the file is requested."""

from __future__ import annotations

import os
import shutil

import pytest
from headless_chromium import chromium_driver, require_chromium

from geo import SEEDS_DIR
from geo.build import build_catalog
from geo.catalog import load_catalog
from geo.cli import main
from geo.htmlmap import map_html
from geo.vocab import category_color

HOSTILE = "<img src=x onerror=alert(1)>${alert(2)}`项目"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    out = tmp_path_factory.mktemp("htmlmap") / "catalog"
    build_catalog(SEEDS_DIR, out, progress=False)
    return load_catalog(out)


def test_page_is_self_contained_and_escaped(catalog):
    projects = catalog.projects.copy()
    projects.loc[0, "name"] = HOSTILE
    page = map_html(projects, catalog, title="全省")
    assert "cdn.jsdelivr" not in page and "code.jquery" not in page and "<script src" not in page
    assert "<link" not in page  # no stylesheet links: Leaflet's CSS and images are inline
    assert "Leaflet 1.9.4" in page and "data:image/png;base64," in page
    assert "<img src=x" not in page  # the name is in the page only escaped
    assert all(s["title"] in page for s in catalog.sources)
    assert str(catalog.built_at) in page


def test_report_command_writes_html(catalog, tmp_path):
    out = tmp_path / "rizhao.html"
    assert main(["report", "--catalog", str(catalog.folder), "--city", "日照", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    rizhao = catalog.projects[catalog.projects["city"] == "日照市"]
    assert f"{len(rizhao)} 个项目" in page and "日照市碳达峰工作方案" in page


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with chromium_driver(
        "--window-size=1200,900", "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking"
    ) as driver:
        yield driver


def test_map_opens_offline_with_symbols_and_popups(catalog, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    projects = catalog.projects.copy()
    projects.loc[0, "name"] = HOSTILE
    path = tmp_path / "map.html"
    path.write_text(map_html(projects, catalog), encoding="utf-8")
    browser.get(path.as_uri())
    WebDriverWait(browser, 30).until(
        lambda d: d.execute_script("return !!window.L && !!document.querySelector('.leaflet-interactive')")
    )
    assert browser.execute_script("return sdProjects.getLayers().length") == len(projects)
    fills = browser.execute_script(
        "return Array.from(document.querySelectorAll('path.leaflet-interactive'))"
        ".map(function (p) { return p.getAttribute('fill'); })"
    )
    circles = [f for f in fills if f not in (None, "none")]
    clusters = browser.find_elements(By.CSS_SELECTOR, ".marker-cluster")
    shown = sum(int(c.text) for c in clusters) + len(circles)
    points = projects[projects.geometry.geom_type == "Point"]
    assert circles and shown == len(points)  # each point project is a symbol or counted in a cluster
    assert set(circles) <= {category_color(c) for c in points["category"]}
    single = browser.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive[fill^='#']")[0]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", single)
    WebDriverWait(browser, 10).until(
        lambda d: (
            "类别" in "".join(p.text for p in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content"))
        )
    )
    browser.save_screenshot(str(tmp_path / "popup.png"))
    browser.execute_script(
        "var layer = sdProjects.getLayers()[0]; sdClusters.zoomToShowLayer(layer, function () { layer.openPopup(); });"
    )
    WebDriverWait(browser, 10).until(
        lambda d: any(b.text == HOSTILE for b in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content b"))
    )  # the hostile name is shown as text, never run
    assert projects.iloc[0]["quote"] in browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-content").text
    assert not browser.find_elements(By.CSS_SELECTOR, "img[src='x']")
    assert browser.execute_script("return document.title") == "山东碳达峰项目地图"
    legend = browser.find_element(By.CSS_SELECTOR, ".sd-panel").text
    assert f"{len(projects)} 个项目" in legend and "来源方案" in legend
    resources = browser.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )
    assert all(r.startswith(("file:", "data:")) for r in resources), resources
    if shot := os.environ.get("SDCARBON_SCREENSHOT"):  # to look at the map the test opened
        shutil.copy(tmp_path / "popup.png", shot)
