"""Benchmark the gazetteer: load time, lookups/s, find() MB/s on the seed plans.

.venv/bin/python scripts/bench_gazetteer.py                # numbers
.venv/bin/python scripts/bench_gazetteer.py --short-names  # + short-name match counts on the seeds
.venv/bin/python scripts/bench_gazetteer.py --townships    # + time to rebuild the township table from jionlp
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import SEEDS_DIR
from geo.gazetteer import WEAK_SHORT_NAMES, Gazetteer


def best_of(n: int, fn):
    times = []
    out = None
    for _ in range(n):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--short-names", action="store_true", help="count short-name matches on the seeds")
    ap.add_argument("--townships", action="store_true", help="time write_township_table (needs jionlp)")
    args = ap.parse_args()

    load_s, gaz = best_of(3, Gazetteer.from_files)
    names = gaz.names()
    print(
        f"load: {load_s * 1000:.0f} ms  ({len(names)} names; {len(gaz.counties())} counties, "
        f"{len(gaz.townships())} townships, {len(gaz.places)} places)"
    )

    rng = random.Random(0)
    queries = [rng.choice(names) for _ in range(200_000)] + [f"不存在{i}" for i in range(50_000)]
    rng.shuffle(queries)
    lookup = gaz.lookup
    s, _ = best_of(3, lambda: [lookup(q) for q in queries])
    print(f"lookup: {len(queries) / s:,.0f} lookups/s ({len(queries)} queries, 20% unknown)")

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]
    text = "\n".join(seeds) * 10
    mb = len(text.encode("utf-8")) / 1e6
    s, hits = best_of(3, lambda: gaz.find(text))
    print(
        f"find: {mb / s:.2f} MB/s ({len(text):,} chars = {mb:.1f} MB UTF-8 in {s:.2f} s; {len(hits)} matches)"
    )
    per_seed = [len(gaz.find(t)) for t in seeds]
    print(f"find per seed plan: {per_seed} matches")

    if args.short_names:
        counts: Counter = Counter()
        ctx: dict[str, list[str]] = defaultdict(list)
        for t in seeds:
            for m in gaz.find(t):
                if any(m.surface == p.name for p in m.candidates):
                    continue
                counts[m.surface] += 1
                ctx[m.surface].append(t[max(0, m.start - 6) : m.end + 6].replace("\n", " "))
        print("\nshort names / aliases matched on the seeds (after weak-name filtering):")
        for name, c in counts.most_common():
            flag = " (weak)" if name in WEAK_SHORT_NAMES else ""
            print(f"  {c:3d} {name}{flag}: {' | '.join(ctx[name][:3])}")

    if args.townships:
        from geo.gazetteer_townships import write_township_table

        with tempfile.TemporaryDirectory() as d:
            t0 = time.perf_counter()
            report = write_township_table(Path(d) / "townships.csv")
            dt = time.perf_counter() - t0
        print(
            f"\nwrite_township_table: {dt:.2f} s; {report['jionlp_entries']} jionlp entries -> "
            f"{report['written']} townships; remapped {len(report['remapped_county_code'])} (county code) + "
            f"{len(report['remapped_from_zone'])} (development zone); dropped {len(report['dropped'])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
