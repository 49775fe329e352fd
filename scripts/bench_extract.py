"""Extraction speed: the five seeds end to end (read -> parse -> extract), then a synthetic corpus of
N plans made by recombining seed paragraphs under other cities' names. Prints seconds and MB/s.

    .venv/bin/python scripts/bench_extract.py [N]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from geo import SEEDS_DIR
from geo.extract import extract, gazetteer_finders
from geo.ingest import PlanText, read_plans
from geo.layers_read import admin_units
from geo.parse import default_region_lookup, parse_document


def run(plans: list[PlanText]) -> tuple[float, int, int]:
    finders = gazetteer_finders()
    region_of = default_region_lookup()
    start = time.perf_counter()
    projects = 0
    for plan in plans:
        projects += len(extract(parse_document(plan, region_of), *finders).projects)
    elapsed = time.perf_counter() - start
    return elapsed, sum(len(p.text.encode("utf-8")) for p in plans), projects


def synthetic(seeds: list[PlanText], count: int) -> list[PlanText]:
    rng = random.Random(7)
    cities = admin_units().query("level == 'city'")["name"].tolist()
    paragraphs = [line for plan in seeds for line in plan.text.split("\n")]
    out = []
    for i in range(count):
        city = cities[i % len(cities)]
        body = rng.sample(paragraphs, k=min(len(paragraphs), 400))
        out.append(PlanText(f"synthetic_{i:04d}.txt", f"{city}碳达峰工作方案\n" + "\n".join(body), "utf-8"))
    return out


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    start = time.perf_counter()
    seeds, errors = read_plans(Path(SEEDS_DIR))
    read_time = time.perf_counter() - start
    assert not errors, errors
    elapsed, size, projects = run(seeds)
    print(
        f"seeds: {len(seeds)} plans, {size / 1e6:.2f} MB, read {read_time:.2f} s + extract {elapsed:.2f} s, {projects} projects"
    )
    corpus = synthetic(seeds, count)
    elapsed, size, projects = run(corpus)
    print(
        f"synthetic: {len(corpus)} plans, {size / 1e6:.1f} MB in {elapsed:.1f} s = {size / 1e6 / elapsed:.2f} MB/s, {projects} projects"
    )


if __name__ == "__main__":
    main()
