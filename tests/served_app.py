"""The app served as `scripts/run.sh` serves it, on a free local port, for the browser and header tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(tmp: Path, env: dict[str, str], script: str = "serve.py", timeout: float = 60):
    """Start `streamlit run <script>` with ``env``; yield its URL once it answers; stop it afterwards.
    Its output goes to ``tmp/streamlit.log``, quoted when it does not start."""
    port = free_port()
    log_path = tmp / "streamlit.log"
    with open(log_path, "w") as log:
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / script), "--server.headless=true"]
        cmd += [f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none"]
        cmd += ["--browser.gatherUsageStats=false"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + timeout
        while proc.poll() is None:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.time() > deadline:
                    proc.kill()
                    pytest.fail("streamlit did not start: " + log_path.read_text())
                time.sleep(0.3)
        if proc.poll() is not None:
            pytest.fail("streamlit exited: " + log_path.read_text())
        try:
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
