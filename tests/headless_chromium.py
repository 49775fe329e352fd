"""Headless Chromium (Debian's chromium + chromedriver) driven through selenium, for the browser tests."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
BASE_ARGS = ("--headless", "--no-sandbox", "--disable-gpu")
# no traffic of Chromium's own (updates, sync, QUIC probes): the network log holds only the page's requests
QUIET_ARGS = (
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def require_chromium() -> None:
    """Skip (the calling test module when called at import, else the test) unless Chromium, chromedriver and
    selenium are installed."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(
            f"needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver; scripts/test.sh does it)",
            allow_module_level=True,
        )
    pytest.importorskip("selenium", reason="needs selenium (pip install -e '.[test]')")


@contextmanager
def chromium_driver(*args: str, capabilities: dict | None = None):
    """A selenium driver of headless Chromium with BASE_ARGS plus ``args`` and a new, empty profile folder;
    the browser is shut down and the profile removed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="sdcarbon-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (*BASE_ARGS, *args, f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    for name, value in (capabilities or {}).items():
        opts.set_capability(name, value)
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
        try:
            yield driver
        finally:
            driver.quit()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
