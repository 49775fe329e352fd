"""Time and size every download of geo/downloads.py (the app's 下载 tab, `python -m geo export`) on the seeds and
on a synthetic catalog, in one process (what a click in the app waits for, after the first import).

    .venv/bin/python scripts/bench_exports.py [--synthetic N]

Prints one row per catalog and format: projects, seconds (median of 3), bytes. The seeds are built into a
temporary folder first; the synthetic catalog is scripts/make_synthetic_catalog.py's (default 10,000 projects).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _synthetic(n: int, out: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_synthetic_catalog", ROOT / "scripts/make_synthetic_catalog.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.write(n, out, seed=5)


def _bench(label: str, catalog) -> None:
    from geo.downloads import DOWNLOADS

    for fmt in DOWNLOADS:
        times, size = [], 0
        for _ in range(3):
            t = time.perf_counter()
            size = len(fmt.make(catalog.projects, catalog))
            times.append(time.perf_counter() - t)
        print(
            f"{label:<10} {fmt.suffix:<9} {len(catalog.projects):>7} {statistics.median(times):>8.2f} {size:>12,}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10000, help="synthetic projects (0 to skip)")
    args = parser.parse_args()
    from geo import SEEDS_DIR
    from geo.build import build_catalog
    from geo.catalog import load_catalog

    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'catalog':<10} {'format':<9} {'projects':>7} {'seconds':>8} {'bytes':>12}")
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
        build_catalog(SEEDS_DIR, Path(tmp) / "seeds", progress=False)
        _bench("seeds", load_catalog(Path(tmp) / "seeds"))
        if args.synthetic:
            _synthetic(args.synthetic, Path(tmp) / "synthetic")
            _bench("synthetic", load_catalog(Path(tmp) / "synthetic"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
