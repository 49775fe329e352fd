"""The served app, hardened: `streamlit run serve.py` sends the security headers on the app page and on the map
component page (printed here), the map still draws under the policy (headless Chromium, no CSP violation in
its log), and scripts/run.sh listens on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import urllib.request
from pathlib import Path

import pytest
from headless_chromium import chromium_driver, require_chromium
from served_app import running_app

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ("x-content-type-options", "x-frame-options", "content-security-policy", "permissions-policy")


# ---------------------------------------------------------------------- scripts/run.sh


@pytest.fixture
def fake_checkout(tmp_path):
    """scripts/run.sh in a folder whose python3 makes a .venv of stubs: streamlit prints its arguments."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/run.sh", tmp_path / "scripts/run.sh")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python3 = bin_dir / "python3"
    python3.write_text(
        "#!/bin/sh\nmkdir -p .venv/bin\n"
        "printf '#!/bin/sh\\nexit 0\\n' > .venv/bin/pip\n"
        "printf '#!/bin/sh\\necho \"$@\"\\n' > .venv/bin/streamlit\n"
        "chmod +x .venv/bin/pip .venv/bin/streamlit\n",
        encoding="utf-8",
    )
    python3.chmod(python3.stat().st_mode | stat.S_IEXEC)
    return tmp_path


def run_sh(folder: Path, *args: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "SDCARBON_ADDRESS"}
    environ["PATH"] = f"{folder / 'bin'}:{environ['PATH']}"
    done = subprocess.run(
        ["bash", str(folder / "scripts/run.sh"), *args],
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_run_sh_listens_on_localhost_unless_told_otherwise(fake_checkout):
    assert "--server.address 127.0.0.1" in run_sh(fake_checkout)
    assert "--server.address 0.0.0.0" in run_sh(fake_checkout, SDCARBON_ADDRESS="0.0.0.0")
    line = run_sh(fake_checkout, "--server.address=192.168.1.5", "--server.port", "9000")
    assert "127.0.0.1" not in line and line.endswith("--server.address=192.168.1.5 --server.port 9000")


# ---------------------------------------------------------------------- the served app


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hardening")
    spec = importlib.util.spec_from_file_location("synth", ROOT / "scripts/make_synthetic_catalog.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.write(30, tmp / "catalog", seed=2, html_name=True)
    env = dict(os.environ, SDCARBON_CATALOG_DIR=str(tmp / "catalog"), SDCARBON_WEB_CACHE=str(tmp / "web"))
    with running_app(tmp, env) as url:
        yield url


def _headers(url: str) -> dict[str, str]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return {k.lower(): v for k, v in r.headers.items()}


def _print_headers(label: str, url: str, headers: dict[str, str]) -> None:
    print(f"\n{label}: GET {url}")
    for k, v in headers.items():
        print(f"  {k}: {v}")


@pytest.mark.e2e
def test_app_and_component_page_send_the_security_headers_and_the_map_still_draws(server):
    require_chromium()  # the component page exists once a browser opened the app
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    logging = {"goog:loggingPrefs": {"browser": "ALL"}}
    with chromium_driver("--disable-background-networking", capabilities=logging) as driver:
        driver.get(server + "/")
        frame = WebDriverWait(driver, 60).until(
            lambda d: d.find_element(By.CSS_SELECTOR, "iframe[title*='sdcarbon_map']")
        )
        component_url = frame.get_attribute("src")
        driver.switch_to.frame(frame)
        WebDriverWait(driver, 60).until(
            lambda d: (
                d.execute_script("return document.body.getAttribute('data-sd-state')") in ("ready", "error")
            )
        )
        state = driver.execute_script("return document.body.getAttribute('data-sd-state')")
        driver.switch_to.default_content()
        log = [e["message"] for e in driver.get_log("browser")]
    assert state == "ready"
    violations = [m for m in log if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []

    app, component = _headers(server + "/"), _headers(component_url)
    _print_headers("app page", server + "/", app)
    _print_headers("map component page", component_url, component)
    for headers in (app, component):
        assert all(h in headers for h in HEADERS), headers
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert "sandbox allow-scripts" in component["content-security-policy"]
    assert "'unsafe-inline'" not in component["content-security-policy"].split("script-src")[1].split(";")[0]
