"""Rebuilding the catalog in the background, for the app: `python -m geo build` as a child process.

    job = start_build(seeds, out)   # or the job already running for ``out`` (one build per catalog folder)
    job.progress, job.stage         # 0..1 and the stage being worked on, read from the build's progress bar
    job.finished, job.ok, job.error # the error is the build's own message (it names the file and why)

A child process rather than a thread: the build is the command line's, with its own memory, and the app
stays responsive. The build writes into a temporary folder and swaps it in only when complete, so the map
shows the previous catalog until the new one is there (geo.build).
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

_STAGE = re.compile(r"build: (?P<stage>[^(\r\n]+?) \((?P<n>\d+)/(?P<total>\d+) stages done\)")
_jobs: dict[Path, BuildJob] = {}
_lock = threading.Lock()


@dataclass
class BuildJob:
    seeds: Path
    out: Path
    process: subprocess.Popen
    stage: str = "starting"
    done: int = 0
    total: int = 5
    stderr: list[str] = field(default_factory=list)
    stdout: str = ""
    finished_at: float | None = None  # time.monotonic() when the build's output was read to its end
    _reader: threading.Thread = field(init=False, repr=False)

    @property
    def finished(self) -> bool:
        return self.process.poll() is not None and not self._reader.is_alive()

    @property
    def ok(self) -> bool:
        return self.finished and self.process.returncode == 0

    @property
    def progress(self) -> float:
        return 1.0 if self.ok else min(self.done / self.total, 0.99)

    @property
    def error(self) -> str | None:
        if not self.finished or self.process.returncode == 0:
            return None
        # the message may follow a progress bar on the same line (tqdm clears it with a carriage return)
        start = next((i for i, ln in enumerate(self.stderr) if "error: " in ln), None)
        if start is None:
            return f"the build stopped (exit code {self.process.returncode})"
        first = self.stderr[start].split("error: ", 1)[1]
        return "\n".join([first, *self.stderr[start + 1 :]])

    def wait(self, timeout: float | None = None) -> BuildJob:
        self.process.wait(timeout)
        self._reader.join(timeout)
        return self

    def _read(self) -> None:
        buffer = ""
        for chunk in iter(lambda: self.process.stderr.read(256), ""):
            buffer += chunk
            *lines, buffer = re.split(r"[\r\n]", buffer)
            for line in lines:
                self._line(line)
        self._line(buffer)
        self.stdout = self.process.stdout.read()
        self.process.wait()
        if (
            self.process.returncode == 0
        ):  # tqdm may leave out its last redraw: a finished build did every stage
            self.done = self.total
        self.finished_at = time.monotonic()

    def _line(self, line: str) -> None:
        m = _STAGE.search(line)
        if m:
            self.stage, self.done, self.total = m["stage"], int(m["n"]), int(m["total"])
        if "error: " in line or (line.strip() and not m and "%|" not in line):
            self.stderr.append(line)


def start_build(seeds: Path, out: Path) -> BuildJob:
    """Start ``python -m geo build`` (with the review store, as the command line would) unless a build of
    ``out`` is running already; returns that build."""
    out = Path(out).resolve()
    with _lock:
        job = _jobs.get(out)
        if job is not None and not job.finished:
            return job
        cmd = [sys.executable, "-m", "geo", "build", "--seeds", str(seeds), "--out", str(out)]
        process = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace"
        )
        job = BuildJob(Path(seeds), out, process)
        job._reader = threading.Thread(target=job._read, daemon=True)
        job._reader.start()
        _jobs[out] = job
        return job


def current_build(out: Path) -> BuildJob | None:
    """The latest build of ``out`` started by this process (running or finished), if any."""
    with _lock:
        return _jobs.get(Path(out).resolve())
