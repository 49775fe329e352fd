"""Time the briefing export (geo/report*.py): province-wide PDF and PNG, cold and warm, seeds and synthetic.

    .venv/bin/python scripts/bench_report.py [--catalog DIR] [--synthetic N]

- cold: `python -m geo report ...` in a fresh process (imports, font, layers, drawing, writing), wall and CPU
  seconds; this is what a user waits for on the command line (target < 10 s province-wide). The projected
  layers are cached on disk (GEO_CACHE_DIR, here a fresh folder): the first run builds that cache;
- warm: render_report called again in one process (the app's export button: layers cached);
- numbered symbols: page 1's map alone (the number labels included) and how many labels, group labels and
  leader lines it has;
- synthetic: a catalog of N made-up projects (scripts/make_synthetic_catalog.py) to see how the table pages scale.

The catalog defaults to build/; when it is missing the seeds are built into a temporary folder first.
Prints the load average too: on a shared machine wall time can be far above CPU time.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cold(args: list[str]) -> tuple[float, float]:
    cpu0, t0 = _child_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0, _child_cpu() - cpu0


def _pages(pdf: Path) -> str:
    try:
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:"))
    except (OSError, subprocess.CalledProcessError, StopIteration):
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", default=str(ROOT / "build"))
    parser.add_argument(
        "--synthetic", type=int, default=1000, help="projects in the synthetic catalog (0: skip)"
    )
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        tmp = Path(tmp)
        catalog = Path(opts.catalog)
        if not (catalog / "projects.geojson").is_file():
            catalog = tmp / "seeds-catalog"
            print(f"{opts.catalog} has no catalog: building the seeds into {catalog}")
            subprocess.run(
                [sys.executable, "-m", "geo", "build", "--out", str(catalog)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        # a fresh layer cache: the first run builds it (a one-off per layer file), the others read it
        os.environ["GEO_CACHE_DIR"] = str(tmp / "cache")
        wall, cpu = _cold(["report", "--catalog", str(catalog), "--out", str(tmp / "first.pdf")])
        print(
            f"seeds, province-wide PDF, first run (builds the layer cache): {wall:.2f} s wall, {cpu:.2f} s CPU"
        )

        pdf, png = tmp / "province.pdf", tmp / "province.png"
        wall, cpu = _cold(["report", "--catalog", str(catalog), "--out", str(pdf)])
        size = pdf.stat().st_size / 1e6
        print(
            f"seeds, province-wide PDF (cold CLI): {wall:.2f} s wall, {cpu:.2f} s CPU, {_pages(pdf)} pages, {size:.2f} MB"
        )
        wall, cpu = _cold(["report", "--catalog", str(catalog), "--out", str(png), "--dpi", "200"])
        pngs = sorted(tmp.glob("province*.png"))
        sizes = ", ".join(f"{p.stat().st_size / 1e6:.2f}" for p in pngs)
        print(
            f"seeds, province-wide PNG 200 dpi, all pages (cold CLI): {wall:.2f} s wall, {cpu:.2f} s CPU, "
            f"{len(pngs)} files ({sizes} MB)"
        )
        wall, cpu = _cold(
            ["report", "--catalog", str(catalog), "--out", str(tmp / "map.png"), "--dpi", "200", "--map-only"]
        )
        print(f"seeds, province-wide map page PNG 200 dpi (cold CLI): {wall:.2f} s wall, {cpu:.2f} s CPU")
        rz = tmp / "rz.pdf"
        wall, cpu = _cold(["report", "--catalog", str(catalog), "--city", "日照", "--out", str(rz)])
        print(
            f"seeds, 日照市 PDF (cold CLI): {wall:.2f} s wall, {cpu:.2f} s CPU, {_pages(rz)} pages, "
            f"{rz.stat().st_size / 1e6:.2f} MB"
        )

        from geo.catalog import load_catalog
        from geo.catalog_filters import Filters
        from geo.report_write import render_report

        cat = load_catalog(catalog)
        for i in range(2):
            cpu0, t0 = time.process_time(), time.perf_counter()
            render_report(cat, None, tmp / f"warm{i}.pdf")
            label = "first call" if i == 0 else "second call"
            print(
                f"seeds, province-wide PDF in process ({label}): {time.perf_counter() - t0:.2f} s wall, "
                f"{time.process_time() - cpu0:.2f} s CPU"
            )

        from geo.report_pages import map_number_labels
        from geo.report_select import select

        for label, filters in (("province-wide", None), ("日照市", Filters(cities=["日照市"]))):
            sel = select(cat, filters)
            cpu0 = time.process_time()
            labels = map_number_labels(sel)
            groups = sum(len(lab.numbers) > 1 for lab in labels)
            leaders = sum(lab.leader for lab in labels)
            print(
                f"seeds, {label} map of page 1 drawn (no file), numbered symbols included: {time.process_time() - cpu0:.2f} s CPU, "
                f"{len(sel.projects)} projects in {len(labels)} labels ({groups} group labels, {leaders} with a leader)"
            )

        if opts.synthetic > 0:
            syn = tmp / "synthetic"
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "scripts" / "make_synthetic_catalog.py"),
                    str(opts.synthetic),
                    str(syn),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            out = tmp / "synthetic.pdf"
            wall, cpu = _cold(["report", "--catalog", str(syn), "--out", str(out)])
            print(
                f"synthetic {opts.synthetic} projects, province-wide PDF (cold CLI): {wall:.2f} s wall, {cpu:.2f} s CPU, "
                f"{_pages(out)} pages, {out.stat().st_size / 1e6:.2f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
