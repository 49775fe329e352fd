"""End to end: `streamlit run serve.py` (app.py, as scripts/run.sh starts it) on a synthetic catalog, driven by headless Chromium (Debian's chromium +
chromedriver, through selenium). No network is used: the test also checks that every resource the page and
the map iframe loaded came from the local server.

The map iframe's <body> carries data-sd-state (loading | ready | error) and data-sd-count (projects drawn,
points + lines), set by static/sdmap.js; the test also adds up the numbers on the cluster icons, the stacks
(projects at one point) and the single symbols actually drawn, so the count is what a person sees.
"""

from __future__ import annotations

import importlib.util
import os
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from headless_chromium import QUIET_ARGS, chromium_driver, require_chromium
from served_app import running_app

ROOT = Path(__file__).resolve().parent.parent
HTML_NAME = "<img src=x onerror=alert(1)>"

pytestmark = pytest.mark.e2e

require_chromium()

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _synthetic(n: int, out: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_synthetic_catalog", ROOT / "scripts/make_synthetic_catalog.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.write(n, out, seed=11, html_name=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on a free port over a 60-project synthetic catalog."""
    tmp = tmp_path_factory.mktemp("e2e")
    catalog = tmp / "catalog"
    _synthetic(60, catalog)
    env = dict(os.environ, SDCARBON_CATALOG_DIR=str(catalog), SDCARBON_WEB_CACHE=str(tmp / "web"))
    from geo.catalog import load_catalog

    with running_app(tmp, env) as url:
        yield {"url": url, "catalog": load_catalog(catalog), "tmp": tmp}


@pytest.fixture(scope="module")
def browser():
    with chromium_driver(*QUIET_ARGS, "--window-size=1400,1200") as driver:
        yield driver


def _open(driver, url: str, timeout: float = 60) -> None:
    """Load the page and wait until the map has drawn its projects."""
    driver.switch_to.default_content()
    driver.get(url)
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "iframe[title*='sdcarbon_map']")
    )
    _enter_map(driver)
    _wait_ready(driver, timeout)


def _enter_map(driver) -> None:
    driver.switch_to.default_content()
    WebDriverWait(driver, 60).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "iframe[title*='sdcarbon_map']")
    )
    frame = driver.find_element(By.CSS_SELECTOR, "iframe[title*='sdcarbon_map']")
    driver.switch_to.frame(frame)


def _wait_ready(driver, timeout: float = 60) -> None:
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-sd-state')") in ("ready", "error")
    )
    state = driver.execute_script("return document.body.getAttribute('data-sd-state')")
    assert state == "ready", driver.execute_script("return document.body.innerText")


def _drawn(driver) -> dict:
    """Counts in the map iframe: the app's own and what is drawn (cluster numbers + single symbols)."""
    return driver.execute_script(
        """
        var clusters = Array.from(document.querySelectorAll('.sd-cluster span, .leaflet-marker-pane .sd-stack span'))
            .reduce(function (a, e) { return a + parseInt(e.textContent, 10); }, 0);
        return {
          count: parseInt(document.body.getAttribute('data-sd-count'), 10),
          points: parseInt(document.body.getAttribute('data-sd-points'), 10),
          lines: parseInt(document.body.getAttribute('data-sd-lines'), 10),
          drawn_points: clusters + document.querySelectorAll('.leaflet-marker-pane .sd-symbol').length,
          drawn_lines: document.querySelectorAll('path.sd-line').length,
          render: document.body.getAttribute('data-sd-render'),
        };
        """
    )


def _resources(driver) -> list[str]:
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
    )


def _expected(server, **filters) -> int:
    from geo.catalog_filters import Filters, apply_filters

    return len(apply_filters(server["catalog"].projects, Filters(**filters)))


def test_map_shows_all_projects_offline(server, browser, tmp_path):
    _open(browser, server["url"] + "/")
    n = len(server["catalog"].projects)
    counts = _drawn(browser)
    assert counts["count"] == n
    assert counts["points"] + counts["lines"] == n
    assert counts["drawn_points"] == counts["points"]  # every point is on the map, in a cluster or alone
    assert counts["drawn_lines"] == counts["lines"]
    # lines are drawn where they are (lat/lon not swapped, parts not mixed up): inside Shandong's box
    boxes = browser.execute_script(
        """return Object.values(SD.byIndex).filter(function (l) { return l instanceof L.Polyline; })
             .map(function (l) { var b = l.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; });"""
    )
    assert boxes and all(34 < s <= n < 39 and 114 < w <= e < 123.5 for s, w, n, e in boxes), boxes
    local = urllib.parse.urlsplit(server["url"]).netloc
    inner = _resources(browser)
    browser.switch_to.default_content()
    outer = _resources(browser)
    remote = [u for u in inner + outer if urllib.parse.urlsplit(u).netloc not in (local, "")]
    assert remote == [], f"resources from outside the app: {remote}"
    assert any("leaflet.js" in u for u in inner)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert f"显示 {n} / {n} 个项目" in body
    shot = tmp_path / "map_full.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_streamlit_bundle_arrives_gzip_compressed(server, browser):
    """serve.py compresses Streamlit's /static/ bundle, which Streamlit itself sends uncompressed."""
    _open(browser, server["url"] + "/")
    browser.switch_to.default_content()
    sizes = browser.execute_script(
        """return performance.getEntriesByType('resource')
             .filter(function (e) { return e.name.indexOf('/static/js/') > 0; })
             .map(function (e) { return [e.name, e.encodedBodySize, e.decodedBodySize]; });"""
    )
    encoded = sum(e for _, e, _ in sizes)
    decoded = sum(d for _, _, d in sizes)
    assert decoded > 1_000_000, sizes
    assert encoded < 0.4 * decoded, (encoded, decoded)


def test_filter_by_url_and_by_click_changes_the_count(server, browser, tmp_path):
    n_solar = _expected(server, categories=["solar"])
    assert 0 < n_solar < len(server["catalog"].projects)
    _open(browser, server["url"] + "/?category=solar")
    assert _drawn(browser)["count"] == n_solar
    browser.switch_to.default_content()
    assert f"显示 {n_solar} / " in browser.find_element(By.TAG_NAME, "body").text

    # add a category by clicking its pill in the legend: the map updates in place (no reload of the iframe)
    n_both = _expected(server, categories=["solar", "wind"])
    before = _drawn_after_enter(browser)["render"]
    browser.switch_to.default_content()
    pill = next(
        b
        for b in browser.find_elements(By.CSS_SELECTOR, "button[data-variant^='pills']")
        if b.text.startswith("风电")
    )
    pill.click()
    _enter_map(browser)
    WebDriverWait(browser, 30).until(lambda d: _drawn(d)["render"] != before and _drawn(d)["count"] == n_both)
    browser.switch_to.default_content()
    WebDriverWait(browser, 10).until(
        lambda d: "category=wind" in d.current_url or "category=solar" in d.current_url
    )
    assert "wind" in urllib.parse.unquote(browser.current_url)
    browser.save_screenshot(str(tmp_path / "map_filtered.png"))


def test_status_legend_filters_by_click(server, browser, tmp_path):
    """The 进展 legend: click a stage's pill, the map shows only those projects and its legend counts them."""
    n_planned = _expected(server, statuses=["planned"])
    assert 0 < n_planned < len(server["catalog"].projects)
    _open(browser, server["url"] + "/")
    before = _drawn(browser)["render"]
    browser.switch_to.default_content()
    pill = next(
        b
        for b in browser.find_elements(By.CSS_SELECTOR, ".st-key-f_status button[data-variant^='pills']")
        if b.text.startswith("规划/谋划")
    )
    assert f"({n_planned})" in pill.text
    pill.click()
    _enter_map(browser)
    WebDriverWait(browser, 30).until(
        lambda d: _drawn(d)["render"] != before and _drawn(d)["count"] == n_planned
    )
    stages = browser.execute_script(
        "return Array.from(document.querySelectorAll('.sd-legend-stages .sd-legend-row')).map(e => e.textContent)"
    )
    assert stages == [f"规划/谋划 {n_planned}"], stages
    browser.switch_to.default_content()
    WebDriverWait(browser, 10).until(lambda d: "status=planned" in d.current_url)
    browser.save_screenshot(str(tmp_path / "status_legend.png"))


def _drawn_after_enter(browser) -> dict:
    _enter_map(browser)
    return _drawn(browser)


def test_pages_keep_the_selection(server, browser, tmp_path):
    """The navigation's 下载 link opens the downloads of the map's selection; 地图 brings the same map back."""
    n_solar = _expected(server, categories=["solar"])
    _open(browser, server["url"] + "/?category=solar")
    browser.switch_to.default_content()

    def nav(label):
        links = [
            a
            for a in browser.find_elements(By.CSS_SELECTOR, "header a, [data-testid*='Nav'] a")
            if a.text == label
        ]
        assert links, [a.text for a in browser.find_elements(By.TAG_NAME, "a")]
        links[0].click()

    nav("下载")
    WebDriverWait(browser, 30).until(
        lambda d: f"下载当前筛选的 {n_solar} 个项目" in d.find_element(By.TAG_NAME, "body").text
    )
    WebDriverWait(browser, 10).until(
        lambda d: "/downloads" in d.current_url and "category=solar" in d.current_url
    )
    browser.save_screenshot(str(tmp_path / "downloads_page.png"))
    nav("地图")
    _enter_map(browser)
    _wait_ready(browser)
    WebDriverWait(browser, 30).until(lambda d: _drawn(d)["count"] == n_solar)
    browser.switch_to.default_content()
    assert "category=solar" in browser.current_url


def test_bad_query_value_warns_and_no_result_says_so(server, browser):
    browser.switch_to.default_content()
    sneaky = "![x](/nope.png)<b>bold</b>"
    browser.get(server["url"] + "/?category=not_a_category&year=20xx&city=" + urllib.parse.quote(sneaky))
    WebDriverWait(browser, 60).until(lambda d: "not_a_category" in d.find_element(By.TAG_NAME, "body").text)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "20xx" in body
    assert sneaky in body  # shown as typed: no image, no bold
    assert browser.execute_script("return document.querySelectorAll('img[src*=\"nope\"], b').length") == 0
    assert "Traceback" not in body
    browser.get(server["url"] + "/?q=no-such-project-anywhere")
    WebDriverWait(browser, 60).until(
        lambda d: "没有符合当前筛选条件的项目" in d.find_element(By.TAG_NAME, "body").text
    )
    _enter_map(browser)
    _wait_ready(browser)
    assert _drawn(browser)["count"] == 0


def test_popup_shows_html_in_a_name_as_text(server, browser, tmp_path):
    projects = server["catalog"].projects
    pid = projects.loc[projects["name"] == HTML_NAME, "id"].iloc[0]
    _open(browser, server["url"] + "/?sel=" + urllib.parse.quote(pid))
    WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup .sd-popup-name")
    )
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup .sd-quote"))
    name = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup .sd-popup-name")
    assert name.get_attribute("textContent") == HTML_NAME
    assert browser.execute_script("return document.querySelectorAll('img[src=\"x\"]').length") == 0
    # textContent: the quote is at the card's end, which scrolls inside the popup (.text is '' when hidden)
    quote = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup .sd-quote").get_attribute("textContent")
    assert HTML_NAME in quote
    browser.save_screenshot(str(tmp_path / "map_popup.png"))
    browser.switch_to.default_content()
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    # the details card under the map shows it as text too
    assert HTML_NAME in browser.find_element(By.TAG_NAME, "body").text
    assert browser.execute_script("return document.querySelectorAll('img[src=\"x\"]').length") == 0


def test_popup_lists_every_document_newest_first_after_a_click(server, browser, tmp_path):
    """A project two plans name: click its symbol with the mouse; the popup counts two documents and lists
    them newest first, each with its date, plan, name as written, stage words and sentence (as text)."""
    catalog = server["catalog"]
    projects = catalog.projects
    pid = projects.loc[projects["mention_count"] > 1, "id"].iloc[0]
    mentions = catalog.mentions_of(pid)
    assert len(mentions) == 2 and mentions[0]["doc_date"] != mentions[1]["doc_date"]
    _open(browser, server["url"] + "/")
    i = browser.execute_script("return SD.data.ids.indexOf(arguments[0])", pid)
    assert i >= 0
    _or_frozen(browser, 60, _click_project, browser, i)
    if browser.execute_script("return !!SD.stackOf[arguments[0]]", i):
        _or_frozen(browser, 30, _pick_from_stack, browser, i)
    popup = f".leaflet-popup .sd-popup[data-sd-id='{pid}']"
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, popup + " .sd-history"))
    rows = {
        r.find_element(By.TAG_NAME, "th").get_attribute("textContent"): r.find_element(
            By.TAG_NAME, "td"
        ).get_attribute("textContent")
        for r in browser.find_elements(By.CSS_SELECTOR, popup + " .sd-popup-table tr")
    }
    assert rows["提及文件数"] == "2" and rows["进展"]
    items = browser.find_elements(By.CSS_SELECTOR, popup + " .sd-history .sd-mention")
    heads = [e.find_element(By.CSS_SELECTOR, ".sd-mention-head").get_attribute("textContent") for e in items]
    dates = [h.split(" · ")[0] for h in heads]
    assert len(items) == 2 and dates == sorted(dates, reverse=True), heads
    titles = catalog.plan_titles()
    for item, head, m in zip(items, heads, mentions, strict=True):
        assert head.startswith(m["doc_date"]) and titles[m["source"]] in head and "（规划）" in head
        said = item.find_element(By.CSS_SELECTOR, ".sd-mention-said").get_attribute("textContent")
        assert m["name"] in said and (m["status_text"] or "") in said
        quote = item.find_element(By.CSS_SELECTOR, ".sd-mention-quote").get_attribute("textContent")
        assert quote == m["quote"]
    assert mentions[0]["name"] != mentions[1]["name"]  # each document's own wording, not the project's name
    browser.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", items[-1])
    browser.save_screenshot(str(tmp_path / "popup_history.png"))
    _or_frozen(browser, 30, _check_popup, browser, i)


def test_selecting_a_table_row_focuses_the_map(server, browser, tmp_path):
    """Open the table tab, tick the first row: the URL gets sel=<id>, the map opens that project's popup."""
    from selenium.webdriver.common.action_chains import ActionChains

    first = server["catalog"].projects.iloc[0]
    _open(browser, server["url"] + "/")
    browser.switch_to.default_content()
    tab = WebDriverWait(browser, 30).until(
        lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, "[role='tab']") if e.text == "项目表"]
    )[0]
    tab.click()
    grid = WebDriverWait(browser, 60).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='stDataFrame'] canvas")
    )[0]
    time.sleep(0.5)  # the grid draws its rows
    w, h = grid.size["width"], grid.size["height"]
    # the row-marker column (checkbox) of the first data row: header and rows are about 35 px high
    ActionChains(browser).move_to_element_with_offset(grid, -w / 2 + 18, -h / 2 + 35 + 17).click().perform()
    WebDriverWait(browser, 30).until(lambda d: "sel=" in d.current_url)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(browser.current_url).query)
    assert query["sel"] == [first["id"]]
    _enter_map(browser)
    WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f".leaflet-popup .sd-popup[data-sd-id='{first['id']}']")
    )
    name = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup .sd-popup-name")
    assert name.get_attribute("textContent") == first["name"]
    browser.switch_to.default_content()
    browser.save_screenshot(str(tmp_path / "map_table_selection.png"))


# ---------------------------------------------------------------------------------------------------------------
# clicking symbols with the real mouse (not through ?sel=): what every planner does first

_SYMBOL_AT = """
var i = arguments[0];
var layer = SD.byIndex[i];
var box = document.getElementById('map').getBoundingClientRect();
function hit(x, y, el) {
  if (x < box.left + 2 || y < box.top + 2 || x > box.right - 2 || y > box.bottom - 2) return false;
  var top = document.elementFromPoint(x, y);
  return !!top && (top === el || el.contains(top));
}
if (layer instanceof L.Polyline) {
  var pts = [].concat.apply([], layer.getLatLngs().map(function (p) { return Array.isArray(p) ? p : [p]; }));
  for (var k = 0; k + 1 < pts.length; k++) {
    var a = SD.map.latLngToContainerPoint(pts[k]), b = SD.map.latLngToContainerPoint(pts[k + 1]);
    var x = box.left + (a.x + b.x) / 2, y = box.top + (a.y + b.y) / 2;
    if (hit(x, y, layer._path)) return {kind: 'line', x: x, y: y};
  }
  var mid = SD.map.latLngToContainerPoint(layer.getCenter());
  return {kind: 'hidden', x: box.left + mid.x, y: box.top + mid.y, cx: box.left + box.width / 2,
          cy: box.top + box.height / 2};
}
var parent = SD.cluster.getVisibleParent(layer);
var at = SD.map.latLngToContainerPoint((parent || layer).getLatLng());
var x = box.left + at.x, y = box.top + at.y;
if (!parent || !parent._icon || !hit(x, y, parent._icon)) {
  // off screen or under a control: a person drags the map to bring it into view
  return {kind: 'hidden', x: x, y: y, cx: box.left + box.width / 2, cy: box.top + box.height / 2};
}
return {kind: parent === layer ? 'symbol' : 'cluster', x: x, y: y};
"""


def _click_at(driver, x: float, y: float) -> None:
    """A real mouse click at (x, y) of the map iframe's viewport."""
    from selenium.webdriver.common.action_chains import ActionChains

    mapdiv = driver.find_element(By.ID, "map")
    r = driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height];", mapdiv
    )
    dx, dy = x - (r[0] + r[2] / 2), y - (r[1] + r[3] / 2)
    ActionChains(driver).move_to_element_with_offset(mapdiv, int(dx), int(dy)).click().perform()


def _drag_map(driver, dx: float, dy: float) -> None:
    """Drag the map with the mouse from its centre by (dx, dy) pixels."""
    from selenium.webdriver.common.action_chains import ActionChains

    mapdiv = driver.find_element(By.ID, "map")
    w, h = mapdiv.size["width"], mapdiv.size["height"]
    dx = max(-w / 2 + 20, min(w / 2 - 20, dx))  # the pointer stays on the map
    dy = max(-h / 2 + 20, min(h / 2 - 20, dy))
    chain = ActionChains(driver).move_to_element(mapdiv).click_and_hold()
    for _ in range(5):
        chain.move_by_offset(int(dx / 5), int(dy / 5))
    chain.release().perform()


def _answers_within(driver, seconds: float) -> float:
    """How long the tab takes to run a trivial script."""
    t0 = time.perf_counter()
    driver.execute_script("return 1")
    return time.perf_counter() - t0


def _kill_tree(pid: int) -> None:
    """SIGKILL a process and all its descendants (chromedriver, Chromium and its renderers)."""
    import contextlib
    import signal

    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    todo, tree = [pid], []
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    for p in tree:
        with contextlib.suppress(OSError):
            os.kill(p, signal.SIGKILL)


def _or_frozen(driver, seconds: float, step, *args):
    """Run a step of browser commands; a tab that stops answering fails the test within `seconds` instead of
    hanging it (chromedriver waits for a frozen renderer indefinitely; the browser is then shut down)."""
    import threading

    result: dict = {}

    def work():
        try:
            result["value"] = step(*args)
        except BaseException as e:  # re-raised in the test's thread
            result["error"] = e

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        _kill_tree(driver.service.process.pid)  # a frozen renderer would spin on after the test otherwise
        pytest.fail(f"the page stopped answering (no reply within {seconds:.0f} s after a click)")
    if "error" in result:
        raise result["error"]
    return result.get("value")


def _click_project(driver, i: int) -> str:
    """Click clusters until project i is a symbol of its own, then click it; returns the symbol's kind."""
    settled = "return !SD.map._animatingZoom && !SD.cluster._inZoomAnimation && !SD.cluster._animating"
    for _ in range(12):
        spot = None
        deadline = time.time() + 15
        while spot is None and time.time() < deadline:  # clusters zoom and unfold in animated steps
            time.sleep(0.3)
            if driver.execute_script(settled):
                spot = driver.execute_script(_SYMBOL_AT, i)
        flags = "return [!!SD.map._animatingZoom, !!SD.cluster._inZoomAnimation, !!SD.cluster._animating]"
        assert spot, f"project {i} is not visible on the map (animating: {driver.execute_script(flags)})"
        if spot["kind"] == "hidden":
            _drag_map(driver, spot["cx"] - spot["x"], spot["cy"] - spot["y"])
            continue
        _click_at(driver, spot["x"], spot["y"])
        if spot["kind"] != "cluster":
            return spot["kind"]
    pytest.fail(f"project {i} stayed inside a cluster after 12 clicks")


_PANNED = "return !(SD.map._panAnim && SD.map._panAnim._inProgress) && !SD.map._animatingZoom"


def _pick_from_stack(driver, i: int) -> None:
    """The stack's popup lists its projects: click project i's row with the mouse."""
    from selenium.webdriver.common.action_chains import ActionChains

    item = WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f".leaflet-popup .sd-stack-item[data-sd-i='{i}']")
    )[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", item)
    # a person clicks the row once the popup has stopped panning into view, not while it slides
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(_PANNED))
    ActionChains(driver).move_to_element(item).click().perform()


def _check_popup(driver, i: int) -> None:
    data = driver.execute_script(
        "var d = SD.data; return {id: d.ids[arguments[0]], name: d.name[arguments[0]]};", i
    )
    popup = f".leaflet-popup .sd-popup[data-sd-id='{data['id']}']"
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, popup))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, popup + " .sd-popup-table"))
    name = driver.find_element(By.CSS_SELECTOR, popup + " .sd-popup-name")
    assert name.get_attribute("textContent") == data["name"]
    # textContent: on a phone the quote can be scrolled below the card's visible part, where .text is ''
    assert driver.find_element(By.CSS_SELECTOR, popup + " .sd-quote").get_attribute("textContent").strip()
    time.sleep(0.4)  # the popup pans into view
    inside = driver.execute_script(
        """var p = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
           var m = document.getElementById('map').getBoundingClientRect();
           return [p.left >= m.left - 1, p.right <= m.right + 1, p.top >= m.top - 1, p.bottom <= m.bottom + 1];"""
    )
    assert all(inside), f"popup not inside the map (left, right, top, bottom): {inside}"
    covered = driver.execute_script(
        """var l = document.querySelector('details.sd-legend[open]');
           if (!l) return false;
           var a = l.getBoundingClientRect();
           var b = document.querySelector('.leaflet-popup').getBoundingClientRect();
           return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;"""
    )
    assert not covered, "the open legend covers the popup"
    time.sleep(0.5)  # the freeze came after the details arrived: ask again once they have
    assert _answers_within(driver, 1.0) < 1.0
    assert _answers_within(driver, 1.0) < 1.0
    close = driver.find_element(By.CSS_SELECTOR, ".leaflet-popup-close-button")
    close.click()
    WebDriverWait(driver, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".leaflet-popup"))


def _overprinting_labels(driver) -> list[list[str]]:
    """Pairs of place names drawn over one another on the map."""
    return driver.execute_script(
        """var spans = Array.from(document.querySelectorAll('.sd-label span')).filter(function (e) {
             var r = e.getBoundingClientRect();
             return r.width > 0 && getComputedStyle(e).visibility !== 'hidden';
           });
           var out = [];
           spans.forEach(function (a, i) {
             var r = a.getBoundingClientRect();
             spans.slice(i + 1).forEach(function (b) {
               var s = b.getBoundingClientRect();
               if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom)
                 out.push([a.textContent, b.textContent]);
             });
           });
           return out;"""
    )


def _open_legend(driver) -> None:
    legend = driver.find_element(By.CSS_SELECTOR, "details.sd-legend")
    if not legend.get_attribute("open"):
        legend.find_element(By.CSS_SELECTOR, "summary").click()
    WebDriverWait(driver, 5).until(lambda d: legend.get_attribute("open"))


def _pick_targets(driver) -> dict[str, int]:
    """One project of each kind: a single symbol, an offshore one, a line, one drawn inside a cluster, one of
    several at the same point (a stack, opened as a list)."""
    return driver.execute_script(
        """
        var d = SD.data, out = {};
        Object.keys(SD.byIndex).forEach(function (k) {
          var l = SD.byIndex[k], i = +k;
          if (l instanceof L.Polyline) { if (out.line === undefined) out.line = i; return; }
          var p = SD.cluster.getVisibleParent(l);
          if (d.offshore[i]) { if (out.offshore === undefined) out.offshore = i; return; }
          if (SD.stackOf[i]) { if (out.stacked === undefined) out.stacked = i; return; }
          if (p === l && out.single === undefined) out.single = i;
          else if (p && p !== l && out.clustered === undefined) out.clustered = i;
        });
        return out;
        """
    )


@pytest.mark.parametrize("size", [(1400, 1200), (390, 844)], ids=["desktop", "phone"])
def test_clicking_symbols_opens_their_popup_and_the_page_answers(server, browser, tmp_path, size):
    browser.set_window_size(*size)
    try:
        _open(browser, server["url"] + "/")
        browser.switch_to.default_content()
        frame = browser.find_element(By.CSS_SELECTOR, "iframe[title*='sdcarbon_map']")
        # the map starts within the first screen (on a phone too: a compact title, the legend in one row)
        top, screen = browser.execute_script(
            "return [arguments[0].getBoundingClientRect().top, window.innerHeight]", frame
        )
        assert top < 0.55 * screen, (top, screen)
        browser.execute_script("arguments[0].scrollIntoView({block: 'end'})", frame)
        _enter_map(browser)
        time.sleep(0.5)  # the first fit to the province (after the iframe got its size)
        WebDriverWait(browser, 5).until(lambda d: d.execute_script(_PANNED))
        assert _overprinting_labels(browser) == [], "place names print over one another"
        targets = _pick_targets(browser)
        assert set(targets) == {"single", "offshore", "line", "clustered", "stacked"}, targets
        for kind in ("single", "line", "offshore", "clustered", "stacked"):
            i = targets[kind]
            if kind == "single":  # with the legend open, as a planner reading it would click
                _open_legend(browser)
            clicked = _or_frozen(browser, 60, _click_project, browser, i)
            assert clicked == ("line" if kind == "line" else "symbol")
            if browser.execute_script("return !!SD.stackOf[arguments[0]]", i):
                _or_frozen(browser, 30, _pick_from_stack, browser, i)
            _or_frozen(browser, 30, _check_popup, browser, i)
            if kind == "single":  # folded only while the popup was open
                assert browser.execute_script("return document.querySelector('details.sd-legend').open")
            browser.save_screenshot(str(tmp_path / f"click_{kind}_{size[0]}.png"))
    finally:
        browser.switch_to.default_content()
        browser.set_window_size(1400, 1200)
