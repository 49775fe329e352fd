"""End to end, as a planning office would use it: an editor created on the command line signs in, uploads a
plan on the 规划文件 page and watches the background build, then on the 审核 page confirms one project, moves
another to a different county and rejects a third (bad input on the way is refused with a message). A rebuild
from the command line keeps all three corrections, in the GeoJSON too. Headless Chromium (Debian's chromium +
chromedriver) through selenium; screenshots of each page go to $SDCARBON_SHOTS (default: the test's tmp dir).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from headless_chromium import chromium_driver, require_chromium
from served_app import running_app

from geo import SEEDS_DIR

ROOT = Path(__file__).resolve().parent.parent
APP = os.environ.get("SDCARBON_E2E_APP", "serve.py")
RIZHAO, DONGYING = "000_1960cbd18c417490.txt", "002_afad6566bc5c7fb1.txt"

pytestmark = pytest.mark.e2e
require_chromium()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _geo(env: dict, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A planning office's folders: plans (日照 only), the store with one editor, a built catalog; the app."""
    tmp = tmp_path_factory.mktemp("office")
    plans, catalog = tmp / "plans", tmp / "catalog"
    plans.mkdir()
    shutil.copy(SEEDS_DIR / RIZHAO, plans / RIZHAO)
    env = dict(
        os.environ,
        SDCARBON_DATA_DIR=str(tmp / "data"),
        SDCARBON_PLANS_DIR=str(plans),
        SDCARBON_CATALOG_DIR=str(catalog),
        SDCARBON_WEB_CACHE=str(tmp / "web"),
    )
    env.pop("SDCARBON_DB_URL", None)
    assert (
        _geo(env, "editor", "add", "王工", "--password-stdin", stdin="correct horse battery\n").returncode
        == 0
    )
    built = _geo(env, "build", "--seeds", str(plans), "--out", str(catalog), "--no-progress")
    assert built.returncode == 0, built.stderr
    shots = Path(os.environ.get("SDCARBON_SHOTS") or tmp / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with running_app(tmp, env, APP, timeout=120) as url:
        yield {"url": url, "env": env, "plans": plans, "catalog": catalog, "shots": shots, "tmp": tmp}


@pytest.fixture(scope="module")
def browser():
    with chromium_driver("--window-size=1400,1800") as driver:
        yield driver


# ---------------------------------------------------------------------- driving Streamlit


def wait_text(driver, text: str, timeout: float = 120) -> None:  # a busy CI machine reruns slowly
    from selenium.common.exceptions import TimeoutException

    try:
        WebDriverWait(driver, timeout).until(lambda d: text in d.find_element(By.TAG_NAME, "body").text)
    except TimeoutException:
        raise AssertionError(
            f"{text!r} not on the page after {timeout} s; the page says:\n{body(driver)}"
        ) from None


def body(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def button(driver, label: str):
    xpath = f"//button[normalize-space()='{label}'] | //button[.//p[normalize-space()='{label}']]"
    WebDriverWait(driver, 30).until(
        lambda d: [b for b in d.find_elements(By.XPATH, xpath) if b.is_displayed()]
    )
    return next(b for b in driver.find_elements(By.XPATH, xpath) if b.is_displayed())


def field(driver, label: str, within=None):
    scope = within or driver
    css = f"input[aria-label='{label}'], textarea[aria-label='{label}']"
    WebDriverWait(driver, 30).until(
        lambda d: [e for e in scope.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]
    )
    return next(e for e in scope.find_elements(By.CSS_SELECTOR, css) if e.is_displayed())


def type_into(element, text: str) -> None:
    """Replace the input's text (retrying while Streamlit is still laying the widget out)."""
    from selenium.common.exceptions import ElementNotInteractableException

    for attempt in range(20):
        try:
            element.click()
            element.send_keys(Keys.CONTROL, "a")
            element.send_keys(Keys.DELETE)
            element.send_keys(text)
            return
        except ElementNotInteractableException:
            if attempt == 19:
                raise
            time.sleep(0.25)


def go_to(driver, page: str) -> None:
    """Another page of the app in the same session (a new URL would start a new session: signed out)."""
    link = WebDriverWait(driver, 30).until(
        lambda d: next(
            (
                a
                for a in d.find_elements(
                    By.CSS_SELECTOR, "a[data-testid='stTopNavLink'], a[data-testid='stSidebarNavLink']"
                )
                if a.text == page
            ),
            None,
        )
    )
    link.click()


def choose_file(driver, path: Path) -> None:
    picker = WebDriverWait(driver, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "input[type='file']")
    )[0]
    driver.execute_script("arguments[0].value = '';", picker)  # chromedriver adds to a multiple input's files
    picker.send_keys(str(path))


def show_view(driver, label: str) -> None:
    """A view of the 审核 page (the radio buttons at its top)."""
    css = "label[data-testid='stRadioOption']"
    option = WebDriverWait(driver, 30).until(
        lambda d: next((o for o in d.find_elements(By.CSS_SELECTOR, css) if label in o.text), None)
    )
    option.click()


def open_record(driver, name: str) -> None:
    """审核 > 全部项目: find the project by name (the first match is shown)."""
    show_view(driver, "全部项目")
    type_into(field(driver, "按名称查找"), name + Keys.ENTER)
    wait_text(driver, f"{name} · ")
    wait_text(driver, "修改（只保存改动过的字段）")


def edit_form(driver):
    return driver.find_element(By.XPATH, "//div[@data-testid='stForm'][.//p[normalize-space()='保存修改']]")


def saved(driver) -> None:
    wait_text(driver, "已保存")


def features(folder: Path) -> dict[str, dict]:
    fc = json.loads((folder / "projects.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["name"]: f["properties"] for f in fc["features"]}


# ---------------------------------------------------------------------- the workflow


def test_sign_in_upload_review_and_rebuild_keeps_the_corrections(office, browser):
    d, url, shots = browser, office["url"], office["shots"]
    d.get(url + "/plans")
    wait_text(d, "登录后可上传")
    type_into(field(d, "编辑名"), "王工")
    type_into(field(d, "密码"), "wrong password")
    button(d, "登录").click()
    wait_text(d, "编辑名或密码不对")
    type_into(field(d, "编辑名"), "王工")
    type_into(field(d, "密码"), "correct horse battery")
    button(d, "登录").click()
    wait_text(d, "已登录编辑：王工")
    cookie = WebDriverWait(d, 30).until(lambda d: d.get_cookie("sdcarbon_session"))
    assert (cookie["httpOnly"], cookie["sameSite"]) == (True, "Strict")
    assert cookie["value"] not in d.current_url
    d.refresh()  # a new Streamlit session: the cookie keeps the editor signed in
    wait_text(d, "已登录编辑：王工")

    # a file that is not a plan is refused and named; then a real plan goes in and the catalog is rebuilt
    junk = office["tmp"] / "notes.txt"
    junk.write_text("天气很好，我们去公园散步吧。", encoding="utf-8")
    choose_file(d, junk)
    wait_text(d, "notes.txt")  # the upload reached the server
    button(d, "上传并重新生成目录").click()
    wait_text(d, "未添加：notes.txt: does not look like a plan")
    assert not (office["plans"] / "notes.txt").exists()
    upload = office["tmp"] / DONGYING
    shutil.copy(SEEDS_DIR / DONGYING, upload)
    choose_file(d, upload)
    wait_text(d, "5c7fb1.txt")  # the uploader shortens long names
    button(d, "上传并重新生成目录").click()
    wait_text(d, "正在重新生成目录")
    d.save_screenshot(str(shots / "plans_building.png"))
    wait_text(d, "目录已重新生成", timeout=180)
    wait_text(d, "东营市")
    d.save_screenshot(str(shots / "plans.png"))
    assert (office["plans"] / DONGYING).exists() and "东营市碳达峰工作方案" in body(d)
    assert any(p["source"] == DONGYING for p in features(office["catalog"]).values())

    go_to(d, "审核")
    wait_text(d, "待审核")
    d.save_screenshot(str(shots / "review_queue.png"))

    open_record(d, "莒县洛河集中式光伏项目")
    button(d, "确认无误").click()
    saved(d)

    open_record(d, "日照港 LNG 接收站及外输管道项目")
    form = edit_form(d)
    type_into(field(d, "容量（如 400万千瓦、200 MW）", form), "abc")
    button(d, "保存修改").click()
    wait_text(d, "无法识别容量“abc”")
    form = edit_form(d)
    type_into(field(d, "容量（如 400万千瓦、200 MW）", form), "")
    type_into(field(d, "区县（名称或代码）", form), "火星县")
    button(d, "保存修改").click()
    wait_text(d, "未知区县“火星县”")
    form = edit_form(d)
    type_into(field(d, "名称", form), "<img src=x onerror=alert(1)>")
    type_into(field(d, "区县（名称或代码）", form), "东港区")
    button(d, "保存修改").click()
    wait_text(d, "含有 < > &")
    form = edit_form(d)
    type_into(field(d, "名称", form), "日照港 LNG 接收站及外输管道项目")
    type_into(field(d, "区县（名称或代码）", form), "东港区")
    button(d, "保存修改").click()
    saved(d)
    d.save_screenshot(str(shots / "review_record.png"))

    open_record(d, "成品码头工程")
    button(d, "驳回（不是项目）").click()
    button(d, "驳回").click()
    wait_text(d, "驳回理由不能为空")
    if not [e for e in d.find_elements(By.CSS_SELECTOR, "input[aria-label='理由']") if e.is_displayed()]:
        button(d, "驳回（不是项目）").click()  # the popover closed with the rerun
    type_into(field(d, "理由"), "码头的一部分，不是单独项目")
    button(d, "驳回").click()
    saved(d)

    # the command line rebuilds from the same plans and store: all three corrections hold
    env = office["env"]
    built = _geo(
        env, "build", "--seeds", str(office["plans"]), "--out", str(office["catalog"]), "--no-progress"
    )
    assert built.returncode == 0, built.stderr
    got = features(office["catalog"])
    assert got["莒县洛河集中式光伏项目"]["review_status"] == "confirmed"
    moved = got["日照港 LNG 接收站及外输管道项目"]
    assert (moved["county"], moved["precision"], moved["edited_fields"]) == ("东港区", "county", ["county"])
    assert "成品码头工程" not in got
    assert not any("<img" in name for name in got)

    go_to(d, "审核")
    show_view(d, "已驳回/合并")
    wait_text(d, "码头的一部分")
    d.save_screenshot(str(shots / "review_rejected.png"))

    # the plan changes so that the moved project is gone: its edit is listed as orphaned, not dropped
    plan = office["plans"] / RIZHAO
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("日照港 LNG 接收站及外输管道项目", ""), encoding="utf-8"
    )
    built = _geo(
        env, "build", "--seeds", str(office["plans"]), "--out", str(office["catalog"]), "--no-progress"
    )
    assert built.returncode == 0, built.stderr
    assert "日照港 LNG 接收站及外输管道项目" not in features(office["catalog"])
    go_to(d, "规划文件")
    go_to(d, "审核")
    show_view(d, "孤立的修改（1）")
    wait_text(d, "记录或原文句子已不在目录中")
    d.save_screenshot(str(shots / "review_orphaned.png"))
    d.get(url + "/")
    time.sleep(3)
    d.save_screenshot(str(shots / "map.png"))


def test_review_page_follows_the_language_toggle_and_the_session_outlives_a_reload(office, browser):
    d, url, shots = browser, office["url"], office["shots"]
    d.get(url + "/review")
    wait_text(d, "待审核")
    button(d, "English").click()  # the sidebar's 中文 / English toggle
    wait_text(d, "To review")
    assert "待审核" not in body(d) and "Review" in [h.text for h in d.find_elements(By.TAG_NAME, "h2")]
    wait_text(d, "Signed in as 王工")  # a new page load, like a new tab: still signed in
    show_view(d, "All projects")
    type_into(field(d, "Find by name"), "莒县洛河集中式光伏项目" + Keys.ENTER)
    wait_text(d, "Edit (only the fields you change are saved)")
    for label in (
        "Confirm",
        "Reject (not a project)",
        "Save the edits",
        "Save the site",
        "Merge",
        "Sign out",
    ):
        assert button(d, label).is_displayed()
    form = d.find_element(By.XPATH, "//div[@data-testid='stForm'][.//p[normalize-space()='Save the edits']]")
    type_into(field(d, "Capacity (e.g. 400万千瓦, 200 MW)", form), "abc")
    button(d, "Save the edits").click()
    wait_text(d, "Cannot read the capacity “abc”")
    page = body(d)
    assert not any(zh in page for zh in ("确认无误", "保存修改", "合并", "退出登录", "无法识别容量"))
    d.save_screenshot(str(shots / "review_en.png"))
    d.set_window_size(390, 844)
    try:
        d.refresh()
        wait_text(d, "To review")  # the language is in the URL: a refresh keeps it
        time.sleep(2)
        d.save_screenshot(str(shots / "review_en_phone.png"))
    finally:
        d.set_window_size(1400, 1800)

    # signing out ends the session on the server: a refresh (or the old cookie) does not sign in again
    old = d.get_cookie("sdcarbon_session")
    button(d, "Sign out").click()
    wait_text(d, "Editor sign-in (browsing needs none)")
    WebDriverWait(d, 30).until(lambda d: d.get_cookie("sdcarbon_session") is None)
    d.refresh()
    wait_text(d, "Editor sign-in (browsing needs none)")
    assert "Signed in as" not in body(d)
    d.add_cookie({k: old[k] for k in ("name", "value", "path", "httpOnly", "sameSite")})
    d.refresh()
    wait_text(d, "Editor sign-in (browsing needs none)")
    time.sleep(2)
    assert "Signed in as" not in body(d)
