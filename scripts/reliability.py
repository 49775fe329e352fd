"""Tries to break `geo build` and the app's URL parsing, and prints what happened, one row per case.

    .venv/bin/python scripts/reliability.py

Every build case runs `python -m geo build` in a new process against its own copy of a built catalog that also
holds a user's QGIS project and style (carbon.qgz, styles/projects.qml). Columns: the case, the exit code, the
message (the error line, or the first line of a successful build), whether the previous catalog is intact
("yes": byte-identical; "replaced": a successful rebuild, every manifest file present; "NO" otherwise) and what
is left over (temporary folders next to the catalog, user files lost). The interrupt cases SIGKILL the build at
a named point (geo.outdir's test hook) and then show the next run; the concurrency case stops a first build
with SIGSTOP while it holds the lock. The full-disk case needs root to mount a small tmpfs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "seeds"
HOOK = "SDCARBON_TEST_SIGNAL_AT"
USER_FILES = {"carbon.qgz": b"PK\x03\x04 a QGIS project", "styles/projects.qml": b"<qgis/>"}
NO_CRYPTOGRAPHY = "import sys, runpy; sys.modules['cryptography'] = None; sys.argv[0] = 'geo'; runpy.run_module('geo', run_name='__main__')"


TMP_ROOT = re.compile(re.escape(tempfile.gettempdir()) + r"/sdcarbon-reliability-[^/]+")
MESSAGE_CHARS = 100


@dataclass
class Row:
    case: str
    code: str
    message: str
    intact: str
    leftovers: str


def snapshot(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


class Bench:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.template = tmp / "template"
        self.plan = sorted(SEEDS.glob("*.txt"))[0]
        code, err, _ = self.geo("--seeds", SEEDS, "--out", self.template)
        if code != 0:
            raise SystemExit(f"cannot build the template catalog: {err}")
        self.n = 0

    def geo(self, *args, env=None, cwd=ROOT, python=None) -> tuple[int, str, str]:
        cmd = [sys.executable, "-c", python] if python else [sys.executable, "-m", "geo"]
        environ = {k: v for k, v in os.environ.items() if k != HOOK} | (env or {})
        done = subprocess.run(
            [*cmd, "build", "--no-progress", *map(str, args)],
            cwd=cwd,
            env=environ,
            capture_output=True,
            text=True,
        )
        return done.returncode, done.stderr, done.stdout

    def case_dir(self) -> Path:
        self.n += 1
        folder = self.tmp / f"case{self.n:02d}"
        folder.mkdir()
        return folder

    def catalog(self, where: Path | None = None) -> Path:
        out = (where or self.case_dir()) / "catalog"
        shutil.copytree(self.template, out)
        for name, data in USER_FILES.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
        return out

    def seeds_with(self, **files: bytes) -> Path:
        seeds = self.case_dir() / "seeds"
        seeds.mkdir()
        shutil.copy(self.plan, seeds / self.plan.name)
        for name, data in files.items():
            (seeds / name).write_bytes(data)
        return seeds


def message(code: int, err: str, out: str) -> str:
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    first_error = next((i for i, line in enumerate(lines) if line.startswith("error:")), None)
    if code < 0:
        text = f"killed by {signal.Signals(-code).name}"
    elif first_error is not None:
        text = " ".join(lines[first_error : first_error + 2]).removeprefix("error: ")
    elif lines and ("Traceback" in err):
        text = "TRACEBACK: " + lines[-1]
    else:
        outs = [line.strip() for line in out.splitlines() if line.strip()]
        notes = [line for line in lines if line.startswith(("skipped", "note:"))]
        text = "; ".join([*notes, *(outs[:1])])
    text = TMP_ROOT.sub("$T", text)
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 3] + "..."


def verdict(out: Path, before: dict[str, str], code: int) -> tuple[str, str]:
    after = snapshot(out)
    lost = [f for f in USER_FILES if before.get(f) and before.get(f) != after.get(f)]
    temps = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))
    if after == before:
        intact = "yes"
    elif code == 0 and _complete(out):
        intact = "replaced"
    elif any((out.parent / t / ".sdcarbon-commit.json").is_file() for t in temps):
        intact = "half swapped, journal kept"
    else:
        intact = "NO"
    left = [*(f"temp {t}" for t in temps), *(f"LOST {f}" for f in lost)]
    return intact, ", ".join(left) or "none"


def _complete(out: Path) -> bool:
    try:
        files = json.loads((out / ".sdcarbon-manifest.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        return False
    return all((out / f).is_file() for f in files)


def build_row(bench: Bench, case: str, *args, out: Path | None = None, **kw) -> Row:
    out = out or bench.catalog()
    before = snapshot(out)
    code, err, stdout = bench.geo(*args, "--out", out, **kw)
    return Row(case, str(code), message(code, err, stdout), *verdict(out, before, code))


# ---------------------------------------------------------------------- the cases


def aes_pdf(folder: Path) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    path = folder / "aes.pdf"
    writer.write(str(path))
    return path.read_bytes()


def bad_input_rows(b: Bench) -> list[Row]:
    rows = [
        build_row(b, "seeds folder missing", "--seeds", b.tmp / "nope"),
        build_row(b, "seeds folder empty", "--seeds", _mkdir(b.case_dir() / "empty")),
        build_row(
            b, "binary file as a .txt plan", "--seeds", b.seeds_with(**{"garbage.txt": bytes(range(256)) * 8})
        ),
    ]
    pdf = aes_pdf(b.tmp)
    rows.append(build_row(b, "AES-encrypted PDF", "--seeds", b.seeds_with(**{"locked.pdf": pdf})))
    seeds = b.seeds_with(**{"locked.pdf": pdf})
    rows.append(
        build_row(
            b, "AES PDF, no cryptography, --skip-bad", "--seeds", seeds, "--skip-bad", python=NO_CRYPTOGRAPHY
        )
    )
    docx = _docx_bytes(b.tmp)
    rows.append(
        build_row(b, "truncated .docx", "--seeds", b.seeds_with(**{"cut.docx": docx[: len(docx) // 2]}))
    )
    bad = b.case_dir() / "counties.geojson"
    bad.write_text("not geojson", encoding="utf-8")
    rows.append(build_row(b, "--boundaries not GeoJSON", "--boundaries", bad))
    rows.append(
        build_row(b, "--boundaries Shapefile without .dbf", "--boundaries", _shapefile_without_dbf(b))
    )
    a_file = b.case_dir() / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    rows.append(Row("--out is a file", *_run_out(b, a_file)))
    work = b.case_dir()
    shutil.copy(b.plan, work / "plan.txt")
    (work / "notes.md").write_text("notes", encoding="utf-8")
    (work / "projects.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    before = snapshot(work)
    code, err, out = b.geo("--out", ".", cwd=work)
    intact = "yes" if snapshot(work) == before else "NO"
    rows.append(Row("--out . in a working folder", str(code), message(code, err, out), intact, "none"))
    out_dir = b.catalog()
    shutil.copytree(SEEDS, out_dir / "seeds")
    rows.append(build_row(b, "--out contains --seeds", "--seeds", out_dir / "seeds", out=out_dir))
    foreign = b.catalog()
    (foreign / ".sdcarbon-manifest.json").unlink(missing_ok=True)
    (foreign / "build_report.json").unlink()
    rows.append(build_row(b, "foreign files, no manifest", out=foreign))
    rows.append(build_row(b, "rebuild with a QGIS project inside"))
    return rows


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _run_out(b: Bench, out: Path) -> tuple[str, str, str, str]:
    before = out.read_bytes()
    code, err, stdout = b.geo("--out", out)
    return str(code), message(code, err, stdout), "yes" if out.read_bytes() == before else "NO", "none"


def _docx_bytes(folder: Path) -> bytes:
    import docx

    doc = docx.Document()
    for _ in range(40):
        doc.add_paragraph("某市碳达峰工作方案：推进光伏项目建设。")
    doc.save(str(folder / "plan.docx"))
    return (folder / "plan.docx").read_bytes()


def _shapefile_without_dbf(b: Bench) -> Path:
    from geo.layers_read import load_admin

    counties = load_admin("counties", "full")
    path = b.case_dir() / "counties.shp"
    counties[counties["adcode"].str.startswith("3711")][["adcode", "geometry"]].to_file(path)
    path.with_suffix(".dbf").unlink()
    return path


def interrupt_rows(b: Bench) -> list[Row]:
    rows = []
    two = b.case_dir() / "two"
    two.mkdir()
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, two / p.name)
    for point, label in (("written", "before the swap"), ("mid-swap", "between the renames")):
        out = b.catalog()
        rows.append(build_row(b, f"SIGKILL {label}", "--seeds", two, out=out, env={HOOK: f"{point}:KILL"}))
        rows.append(build_row(b, "  next run (same input)", "--seeds", two, out=out))
    out = b.catalog()
    before = snapshot(out)
    cmd = [sys.executable, "-m", "geo", "build", "--no-progress", "--seeds", str(two), "--out", str(out)]
    first = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**os.environ, HOOK: "written:STOP"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_stopped(first.pid)
    code, err, stdout = b.geo("--out", out)
    rows.append(
        Row("second build while one runs", str(code), message(code, err, stdout), *verdict(out, before, code))
    )
    first.send_signal(signal.SIGCONT)
    first_out, first_err = first.communicate(timeout=300)
    rows.append(
        Row(
            "  the first build, resumed",
            str(first.returncode),
            message(first.returncode, first_err, first_out),
            *verdict(out, before, first.returncode),
        )
    )
    rows.append(_full_disk_row(b))
    return rows


def _wait_stopped(pid: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("T", "Z"):
            return  # stopped at the hook (or, without the hook, already done)
        time.sleep(0.05)
    raise SystemExit("the first build never reached its swap")


def _full_disk_row(b: Bench) -> Row:
    disk = b.case_dir() / "disk"
    disk.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk)], capture_output=True
        ).returncode
        == 0
    )
    if not mounted:
        return Row("disk full while writing", "-", "skipped: mounting a small tmpfs needs root", "-", "-")
    try:
        out = b.catalog(disk)
        free = shutil.disk_usage(disk).free
        (disk / "filler").write_bytes(b"\0" * max(0, free - 1_000_000))
        return build_row(b, "disk full while writing", out=out)
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def url_rows() -> list[Row]:
    from geo.catalog_filters import Filters

    rows = []
    for label, params in (
        ("?year=inf", {"year": "inf"}),
        ("?year=1e400", {"year": "1e400"}),
        ("?year=-2030&cap_min=nan", {"year": "-2030", "cap_min": "nan"}),
        ("?cap_max=1e400", {"cap_max": "1e400"}),
        ("?year=<5000 digits>", {"year": "9" * 5000}),
        ("?q=<100 kB>", {"q": "solar" * 20_000}),
    ):
        try:
            _, warnings = Filters.from_query_params(params)
            rows.append(Row(label, "-", "warning: " + "; ".join(warnings), "-", "-"))
        except Exception as exc:
            rows.append(Row(label, "-", f"EXCEPTION {type(exc).__name__}: {exc}"[:MESSAGE_CHARS], "-", "-"))
    from geo.urlvalues import parse_view_params

    _, warnings = parse_view_params({"tyear": "inf"}, langs=("zh",), shades=(), ids=())
    rows.append(Row("?tyear=inf", "-", "warning: " + "; ".join(warnings), "-", "-"))
    return rows


def print_table(rows: list[Row]) -> None:
    header = Row("case", "exit", "message", "previous catalog intact", "leftovers")
    cols = ("case", "code", "message", "intact", "leftovers")
    widths = {c: max(len(getattr(r, c)) for r in [header, *rows]) for c in cols}
    for i, r in enumerate([header, *rows]):
        print(" | ".join(getattr(r, c).ljust(widths[c]) for c in cols).rstrip())
        if i == 0:
            print("-+-".join("-" * widths[c] for c in cols))


def main() -> int:
    t = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sdcarbon-reliability-") as tmp:
        bench = Bench(Path(tmp))
        rows = bad_input_rows(bench) + interrupt_rows(bench) + url_rows()
    print_table(rows)
    bad = [
        r
        for r in rows
        if r.intact == "NO" or "LOST" in r.leftovers or "TRACEBACK" in r.message or "EXCEPTION" in r.message
    ]
    print(
        f"\n{len(rows)} cases in {time.perf_counter() - t:.0f} s; {len(bad)} with a traceback, a damaged catalog or a lost file"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
