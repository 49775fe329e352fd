"""End-to-end build time on the seeds, in a fresh process (layers and gazetteer loaded from disk).

    .venv/bin/python scripts/bench_build.py [--seeds DIR] [--runs N]

Each run starts a new Python process that runs `python -m geo build --no-progress` into a temporary folder,
so the time includes interpreter start-up, imports, loading the layers and the gazetteer, reading, extraction,
geocoding and writing every file. Prints the wall time per run, the stage timings of the last run, the projects
by precision and every row of unresolved.csv with its reason. Target: < 10 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    walls = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        for _ in range(args.runs):
            t = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "geo",
                    "build",
                    "--seeds",
                    str(args.seeds),
                    "--out",
                    str(out),
                    "--no-progress",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            walls.append(time.perf_counter() - t)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
        report = json.loads((out / "build_report.json").read_text(encoding="utf-8"))
        with open(out / "unresolved.csv", encoding="utf-8-sig", newline="") as fh:
            unresolved = list(csv.DictReader(fh))
    c = report["counts"]
    print(f"seeds: {args.seeds} ({len(report['sources'])} plans)")
    print("end-to-end wall time per run (new process): " + ", ".join(f"{w:.2f} s" for w in walls))
    print(f"best {min(walls):.2f} s, median {sorted(walls)[len(walls) // 2]:.2f} s (target < 10 s)")
    print("stages of the last run (s): " + ", ".join(f"{k} {v:.2f}" for k, v in report["timings_s"].items()))
    print(
        f"projects on the map: {c['projects']} (offshore {c['offshore']}, lines {c['lines']}); targets {c['targets']}"
    )
    print("by precision: " + ", ".join(f"{k} {v}" for k, v in c["by_precision"].items()))
    print(f"unresolved.csv: {len(unresolved)} rows, {c['unplaced']} projects not on the map")
    for row in unresolved:
        placed = f"[placed as {row['placed_as']}]" if row["placed_as"] else "[not placed]"
        mention = f" «{row['mention']}»" if row["mention"] else ""
        print(f"  {row['source'][:3]} {row['project']}{mention}: {row['reason']} {placed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
