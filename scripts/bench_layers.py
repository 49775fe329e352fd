"""Benchmark and numbers for layers/: prints timings and the measured quality figures.

    .venv/bin/python scripts/bench_layers.py [--rebuild]

--rebuild runs the full build into a temporary folder (layers/ is not touched).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from geo import LAYERS_DIR, layers_build, layers_read, layers_user


def timed(label, fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    print(f"{label:<44} {time.perf_counter() - t:7.3f} s")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="also time a full build into a temp folder")
    args = parser.parse_args()

    layers_read.clear_caches()
    timed("admin_units() cold", layers_read.admin_units)
    timed("admin_units() cached", layers_read.admin_units)
    for lv in layers_read.LEVELS:
        for res in layers_read.RESOLUTIONS:
            timed(f"load_admin({lv!r}, {res!r}) cold", layers_read.load_admin, lv, res)
    timed("load_admin('counties') cached", layers_read.load_admin, "counties")

    with tempfile.TemporaryDirectory() as tmp:
        c = layers_read.load_admin("counties")
        path = Path(tmp) / "all.gpkg"
        c[["adcode", "geometry"]].to_crs("EPSG:4490").to_file(path)
        timed("load_user_boundaries(136 counties, EPSG:4490)", layers_user.load_user_boundaries, path)
        if args.rebuild:
            m = timed("build() full, with datum measurement", layers_build.build, Path(tmp) / "layers")
            print(json.dumps(m["counts"]))

    m = json.loads((LAYERS_DIR / "manifest.json").read_text(encoding="utf-8"))
    print()
    print("counts", m["counts"])
    for f, info in m["files"].items():
        print(f"{f:<28} {info['bytes']:>9} bytes")
    d = m["display"]
    print(
        f"display tolerance {d['tolerance_deg']} deg, vertices {d['vertices_full']} -> {d['vertices_display']}"
    )
    print(f"display gap+overlap {d['gap_plus_overlap_pct_of_province']} % of the province")
    for key, v in (m["datum"]["measured_offsets"] or {}).items():
        for state in ("raw", "converted"):
            o = v[state]
            print(
                f"{key:<11} {state:<9} median distance {o['median_distance_m']:>6} m, median offset vector "
                f"{o['median_offset_xy_m']} m, least-squares shift {o['ls_shift_m']} m ({o['vertices']} vertices)"
            )
    print("nesting", m["nesting"])


if __name__ == "__main__":
    main()
