"""Ingestion speed: clean_text MB/s on the seed plans (simplified and converted to traditional script),
and read_plan on the seed files. Prints numbers; not a test.

    .venv/bin/python scripts/bench_ingest.py
"""

from __future__ import annotations

import time

from geo import SEEDS_DIR
from geo.ingest import read_plan
from geo.ingest_clean import clean_text
from geo.ingest_script import t2s


def rate(label: str, texts: list[str], repeat: int = 1) -> None:
    size = sum(len(t.encode("utf-8")) for t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            clean_text(text)
    seconds = time.perf_counter() - start
    print(f"{label:<44} {size / 1e6:7.2f} MB in {seconds:6.3f} s = {size / 1e6 / seconds:7.1f} MB/s")


def main() -> None:
    files = sorted(SEEDS_DIR.glob("*.txt"))
    raws = [f.read_text(encoding="utf-8-sig") for f in files]
    clean_text(raws[0])  # warm the lazy tables (common Han set, traditional-only set)
    rate("clean_text, 5 seeds x 40 (simplified)", raws, repeat=40)
    big = "\n".join(raws * 20)
    rate("clean_text, one 4 MB text (simplified)", [big])

    from opencc import OpenCC

    s2t = OpenCC("s2t")
    trad = [s2t.convert(r) for r in raws]
    start = time.perf_counter()
    t2s().convert(trad[0])
    print(f"{'OpenCC t2s first call (loads dictionaries)':<44} {time.perf_counter() - start:6.3f} s")
    rate("clean_text, 5 seeds (traditional script)", trad, repeat=2)

    start = time.perf_counter()
    total = 0
    for f in files:
        total += f.stat().st_size
        read_plan(f)
    seconds = time.perf_counter() - start
    print(
        f"{'read_plan, 5 seed files':<44} {total / 1e6:7.2f} MB in {seconds:6.3f} s = {total / 1e6 / seconds:7.1f} MB/s"
    )


if __name__ == "__main__":
    main()
