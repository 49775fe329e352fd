"""Benchmark of the map app in headless Chromium: first-map time, filter-change time, page payload.

    .venv/bin/python scripts/bench_app.py [--runs 3] [--synthetic 10000] [--seeds-catalog DIR]

(needs the test extras, `pip install -e ".[test]"`: it starts the app and Chromium with the tests' helpers)

For each catalog (the seeds, built into a temporary folder unless --seeds-catalog is given; and N synthetic
projects from scripts/make_synthetic_catalog.py) it starts `streamlit run serve.py` (app.py behind the compressing entry point, as scripts/run.sh does) on a free local port and
opens it in Debian's chromium (selenium + /usr/bin/chromedriver). Times are taken inside the page.

What is measured (server start is never included, except in the last line):

- first map: from the page's navigation start to the moment the map iframe has drawn every project
  (static/sdmap.js stamps data-sd-ready-at on its body).
  * "first visit" = a new browser profile (empty HTTP cache and Cache Storage) against a server that is
    already up and has served one visit before (catalog loaded and published, Python caches warm);
  * "repeat visit" = the same URL again in the same browser (Streamlit's hashed bundles come from the HTTP
    cache, the map's content-addressed data from Cache Storage): what a planner sees every day;
  * the last line: the very first request after the server started (imports, catalog load, publishing).
- filter change: from a click on a category pill (the legend filter) to the map having redrawn.
- payload: bytes the browser received (HTTP bodies as transferred, gzip where the server compresses, plus
  WebSocket frames) from Chromium's network log, split into
  * Streamlit's frontend (/static/ bundles, fonts, the page itself): the framework, not the app. Streamlit
    serves these uncompressed on purpose (see streamlit/web/server/starlette/starlette_gzip_middleware.py)
    and they are content-hashed and cached for a year, so a repeat visit does not download them;
  * the app's map code (component iframe: index.html, Leaflet, markercluster, sdmap.js/css);
  * the app's map data (boundaries, project positions, project details when a popup opens);
  * the WebSocket (the script's output: widgets, texts, the map's state).
  Files read from the browser's caches are not network traffic and count 0.

Prints tables; no network beyond 127.0.0.1. Numbers depend on the machine's load: medians are shown.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from headless_chromium import CHROMEDRIVER, CHROMIUM, QUIET_ARGS, chromium_driver  # noqa: E402
from served_app import running_app  # noqa: E402


@contextmanager
def browser():
    """Chromium with a new profile (empty HTTP cache and Cache Storage), logging the network traffic."""
    logging = {"goog:loggingPrefs": {"performance": "ALL"}}
    with chromium_driver(*QUIET_ARGS, "--window-size=1400,1100", capabilities=logging) as driver:
        driver.execute_cdp_cmd("Network.enable", {})
        yield driver


def network_bytes(driver) -> dict:
    """Bytes received since the last call, from the performance log: by area."""
    out = {"streamlit": 0, "map_code": 0, "map_data": 0, "websocket": 0}
    urls: dict[str, str] = {}
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Network.responseReceived":
            urls[params["requestId"]] = params["response"]["url"]
        elif method == "Network.loadingFinished":
            url = urls.get(params["requestId"], "")
            size = int(params.get("encodedDataLength", 0))
            if "/component/" in url and "sdcarbon_web" in url:
                out["map_data"] += size
            elif "/component/" in url:
                out["map_code"] += size
            elif url.startswith("http"):  # /static/ bundles and fonts, the page, favicon, /_stcore/ checks
                out["streamlit"] += size
        elif method == "Network.webSocketFrameReceived":
            out["websocket"] += len(params["response"].get("payloadData", ""))
    out["total"] = sum(out.values())
    return out


def wait_ready(driver, after_ms: float = 0, timeout: float = 120) -> float:
    """Wait until the map iframe says ready (after `after_ms`, epoch ms); returns its ready time (epoch ms)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.switch_to.default_content()
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "iframe[title*='sdcarbon_map']")
    )
    frame = driver.find_element(By.CSS_SELECTOR, "iframe[title*='sdcarbon_map']")
    driver.switch_to.frame(frame)

    def ready(d):
        v = d.execute_script(
            "return document.body.getAttribute('data-sd-state') === 'ready' && "
            "parseFloat(document.body.getAttribute('data-sd-ready-at'))"
        )
        return v if v and v > after_ms else False

    at = WebDriverWait(driver, timeout, poll_frequency=0.05).until(ready)
    count = driver.execute_script("return document.body.getAttribute('data-sd-count')")
    driver.switch_to.default_content()
    driver._sd_count = count
    return float(at)


def first_map(driver, url: str) -> tuple[float, dict]:
    driver.get_log("performance")  # drop earlier entries
    driver.get(url)
    ready_at = wait_ready(driver)
    nav = driver.execute_script("return performance.timeOrigin")
    time.sleep(0.5)  # late frames
    return (ready_at - nav) / 1000.0, network_bytes(driver)


def filter_change(driver) -> tuple[float, dict]:
    driver.switch_to.default_content()
    driver.get_log("performance")
    clicked = driver.execute_script(
        """
        var b = document.querySelector("button[data-variant^='pills']");
        var t = Date.now(); b.click(); return t;
        """
    )
    ready_at = wait_ready(driver, after_ms=clicked)
    time.sleep(0.3)
    return (ready_at - clicked) / 1000.0, network_bytes(driver)


def bench(name: str, catalog: Path, runs: int) -> dict:
    from geo.catalog import load_catalog

    n = len(load_catalog(catalog).projects)
    tmp = Path(tempfile.mkdtemp(prefix="sdcarbon-bench-web-"))
    env = dict(os.environ, SDCARBON_CATALOG_DIR=str(catalog), SDCARBON_WEB_CACHE=str(tmp / "web"))
    res: dict = {"name": name, "projects": n, "cold": [], "warm": [], "filter": []}
    try:
        with running_app(tmp, env, timeout=90) as url:
            t0 = time.time()
            with browser() as driver:
                secs, _ = first_map(driver, url + "/")
                res["first_visit_after_start"] = secs
            res["server_start_to_first_map"] = time.time() - t0
            for _ in range(runs):
                with browser() as driver:
                    secs, payload = first_map(driver, url + "/")
                    res["cold"].append(secs)
                    res["payload_cold"] = payload
                    res["drawn"] = driver._sd_count
                    secs, payload = first_map(driver, url + "/")
                    res["warm"].append(secs)
                    res["payload_warm"] = payload
                    secs, payload = filter_change(driver)
                    res["filter"].append(secs)
                    res["payload_filter"] = payload
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return res


def kb(b: int) -> str:
    return f"{b / 1024:,.0f} KB"


def report(results: list[dict]) -> None:
    print()
    print("| catalog | projects | first map, first visit | first map, repeat visit | filter change |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['name']} | {r['projects']} (drawn {r.get('drawn')}) | {statistics.median(r['cold']):.2f} s "
            f"| {statistics.median(r['warm']):.2f} s | {statistics.median(r['filter']):.2f} s |"
        )
    print()
    print("| catalog | payload | first visit | repeat visit | filter change |")
    print("| --- | --- | ---: | ---: | ---: |")
    for r in results:
        for key, label in (
            ("total", "total"),
            ("streamlit", "Streamlit frontend (framework: /static/, page)"),
            ("app", "app's own part (map code + map data + WebSocket)"),
            ("map_code", "  map code (iframe page, Leaflet, sdmap.js)"),
            ("map_data", "  map data (boundaries, project positions)"),
            ("websocket", "  WebSocket (script output)"),
        ):
            cells = []
            for k in ("payload_cold", "payload_warm", "payload_filter"):
                p = r[k]
                v = p["map_code"] + p["map_data"] + p["websocket"] if key == "app" else p[key]
                cells.append(kb(v))
            print(f"| {r['name']} | {label} | " + " | ".join(cells) + " |")
    print()
    for r in results:
        print(
            f"{r['name']}: first visit right after the server started {r['first_visit_after_start']:.2f} s "
            f"(server start to first map {r['server_start_to_first_map']:.1f} s)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=10000, help="synthetic projects (0 = skip)")
    parser.add_argument(
        "--seeds-catalog", type=Path, help="an existing seeds catalog folder (default: build one)"
    )
    args = parser.parse_args(argv)
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            print(f"error: {path} is missing (apt-get install chromium chromium-driver)", file=sys.stderr)
            return 2
    tmp = Path(tempfile.mkdtemp(prefix="sdcarbon-bench-"))
    try:
        seeds = args.seeds_catalog
        if seeds is None:
            from geo import SEEDS_DIR
            from geo.build import build_catalog

            seeds = tmp / "seeds"
            build_catalog(SEEDS_DIR, seeds)
        results = [bench("seeds", seeds, args.runs)]
        if args.synthetic:
            spec = importlib.util.spec_from_file_location("msc", ROOT / "scripts/make_synthetic_catalog.py")
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            syn = mod.write(args.synthetic, tmp / "synthetic")
            results.append(bench(f"synthetic {args.synthetic}", syn, args.runs))
        report(results)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
