"""Write a SYNTHETIC catalog (for development, tests and the app benchmark) in the build's schema.

    .venv/bin/python scripts/make_synthetic_catalog.py N OUT_DIR [--seed S] [--html-name]

Writes OUT_DIR/projects.geojson, projects.csv, mentions.csv, targets.csv and build_report.json exactly as
`python -m geo build` would (columns of geo/schema.py), with N made-up projects. Every project is marked
synthetic: its name starts with 「合成」 and ends with "(synthetic)", its source is `synthetic_plan_NN.txt`
and its location_note says so.
Points are the representative points of real counties (layers/admin_units.csv, `rep_lon`/`rep_lat`, points
inside the county polygon), so several projects share a point, as real county-level projects do; offshore
projects are moved out to sea off a coastal county (when the province layer is there); a few are lines
between two county points. `--html-name` adds one project named `<img src=x onerror=alert(1)>` (XSS check).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import LAYERS_DIR
from geo.vocab import CATEGORIES

HTML_NAME = "<img src=x onerror=alert(1)>"

# Used only when layers/admin_units.csv is not built: the 16 city seats, approximate (rounded to 0.01 degree,
# WGS-84), note: for synthetic data only, read off public maps of the city governments' seats.
FALLBACK_CITIES = [
    ("370100", "济南市", 117.12, 36.65),
    ("370200", "青岛市", 120.38, 36.07),
    ("370300", "淄博市", 118.05, 36.81),
    ("370400", "枣庄市", 117.32, 34.81),
    ("370500", "东营市", 118.67, 37.43),
    ("370600", "烟台市", 121.45, 37.46),
    ("370700", "潍坊市", 119.16, 36.71),
    ("370800", "济宁市", 116.59, 35.41),
    ("370900", "泰安市", 117.09, 36.20),
    ("371000", "威海市", 122.12, 37.51),
    ("371100", "日照市", 119.53, 35.42),
    ("371300", "临沂市", 118.36, 35.10),
    ("371400", "德州市", 116.36, 37.44),
    ("371500", "聊城市", 115.99, 36.46),
    ("371600", "滨州市", 117.97, 37.38),
    ("371700", "菏泽市", 115.48, 35.23),
]

WEIGHTS = {
    "solar": 18,
    "wind": 12,
    "storage": 8,
    "hydrogen": 6,
    "biomass": 5,
    "industry": 8,
    "transport": 5,
    "grid": 6,
    "gas_power": 3,
    "ccus": 3,
    "heat": 4,
    "circular": 4,
    "ecology": 3,
    "nuclear": 1,
    "pumped_storage": 2,
    "lng": 1,
    "gas_pipeline": 2,
    "oil_pipeline": 1,
    "oil": 2,
    "waste_energy": 2,
    "coal_power": 2,
    "other": 2,
}
LINE_CATEGORIES = ("grid", "gas_pipeline", "oil_pipeline")
UNITS = [
    "市发展改革委",
    "市能源局",
    "市工业和信息化局",
    "市自然资源和规划局",
    "市生态环境局",
    "市住房城乡建设局",
    "国网供电公司",
]
OWNERS = [None, None, "华能", "国家电投", "中广核", "华电", "国家能源集团", "山东能源", "中石化"]


# stages the synthetic sentences state, in turn (None: the sentence states none)
STAGES = [
    (None, None),
    ("construction", "加快建设"),
    ("planned", "谋划"),
    (None, None),
    ("pre_construction", "前期工作"),
    ("operating", "建成投运"),
    ("construction", "开工"),
]


LINKED_EVERY = 10  # every 10th project (the 2nd, 12th ...) is named by two plans: two mentions, newest first
# what a person did with a project (geo.edits' review_status), in turn: most stay unreviewed
REVIEWS = {3: ("confirmed", []), 5: ("edited", ["county"]), 8: ("added", [])}


def _plan_date(k: int) -> str:
    return f"{2021 + k % 4}-03-01"


def _review(i: int) -> dict:
    status, fields = REVIEWS.get(i % 9, ("unreviewed", []))
    return {"review_status": status, "edited_fields": fields}


def _mention(props: dict, i: int, plan: int, name: str, words: str | None) -> dict:
    """One row of mentions.csv (geo.schema.MENTION_FIELDS): what plan `plan` says about project i."""
    return {
        "mention_id": f"{props['id']}-m{plan:02d}",
        "project_id": props["id"],
        "source": props["source"],
        "doc_title": props["doc_title"],
        "doc_kind": "plan",
        "doc_date": _plan_date(plan),
        "section": props["section"],
        "quote": props["quote"],
        "name": name,
        "category": props["category"],
        "owner": props["owner"],
        "capacity_text": props["capacity_text"],
        "capacity_value": props["capacity_value"],
        "capacity_unit": props["capacity_unit"],
        "target_year": props["target_year"],
        "status": props["status"],
        "status_text": words,
        "responsible_units": json.dumps(props["responsible_units"], ensure_ascii=False),
        "city": props["city"],
        "county": props["county"],
        "county_adcode": props["county_adcode"],
        "township": None,
        "precision": props["precision"],
        "link_reason": "合成测试关联（synthetic）" if i % LINKED_EVERY == 1 else "仅此一处提及",
    }


def _counties() -> list[dict]:
    """Counties with city, adcodes and a representative point."""
    path = LAYERS_DIR / "admin_units.csv"
    if path.exists():
        import pandas as pd

        units = pd.read_csv(path, dtype=str, keep_default_na=False)
        cities = {r.adcode: r.name for r in units[units.level == "city"].itertuples()}
        out = []
        for r in units[units.level == "county"].itertuples():
            out.append(
                {
                    "county": r.name,
                    "county_adcode": r.adcode,
                    "city": cities.get(r.parent_adcode),
                    "city_adcode": r.parent_adcode,
                    "lon": float(r.rep_lon),
                    "lat": float(r.rep_lat),
                }
            )
        if out:
            return out
    return [
        {"county": None, "county_adcode": None, "city": name, "city_adcode": code, "lon": lon, "lat": lat}
        for code, name, lon, lat in FALLBACK_CITIES
    ]


def _sea_point(lon: float, lat: float, province) -> tuple[float, float] | None:
    """A point at sea off (lon, lat): walk out in 8 directions until well outside the province polygon."""
    from shapely.geometry import Point

    if province is None:
        return None
    best = None
    for dx, dy in ((1, 0), (0, 1), (1, 1), (1, -1), (0, -1), (-1, 1), (-1, 0), (-1, -1)):
        for step in range(1, 30):
            p = Point(lon + dx * step * 0.05, lat + dy * step * 0.05)
            if not province.intersects(p) and province.distance(p) > 0.08:
                if best is None or step < best[0]:
                    best = (step, p)
                break
    return None if best is None or best[0] > 12 else (round(best[1].x, 6), round(best[1].y, 6))


def _province_shape():
    path = LAYERS_DIR / "display" / "province.geojson"
    if not path.exists():
        return None
    from shapely.geometry import shape
    from shapely.ops import unary_union

    data = json.loads(path.read_text(encoding="utf-8"))
    return unary_union([shape(f["geometry"]) for f in data["features"]])


def make(n: int, seed: int = 7, html_name: bool = False) -> tuple[dict, list[dict], dict, list[dict]]:
    rng = random.Random(seed)
    counties = _counties()
    province = _province_shape()
    coastal_cities = {"青岛市", "烟台市", "威海市", "日照市", "东营市", "潍坊市", "滨州市"}
    coastal = [c for c in counties if c["city"] in coastal_cities]
    sea_cache: dict[str, tuple[float, float] | None] = {}
    cats = list(WEIGHTS)
    weights = [WEIGHTS[c] for c in cats]
    n_plans = max(1, min(16, n // 50 + 1))
    plans = [
        (f"synthetic_plan_{i:02d}.txt", f"合成测试规划 {i:02d}（synthetic, not a real plan）")
        for i in range(n_plans)
    ]
    features, mentions = [], []
    for i in range(n):
        cat = rng.choices(cats, weights)[0]
        c = rng.choice(counties)
        source, title = plans[i % n_plans]
        offshore = cat == "wind" and coastal and rng.random() < 0.25
        geometry = {"type": "Point", "coordinates": [c["lon"], c["lat"]]}
        precision = "county" if c["county"] else "city"
        note = "合成数据（synthetic）：点位为区县代表点，非真实项目"
        if offshore:
            c = rng.choice(coastal)
            key = c["county_adcode"] or c["city_adcode"]
            if key not in sea_cache:
                sea_cache[key] = _sea_point(c["lon"], c["lat"], province)
            sea = sea_cache[key]
            if sea is None:
                offshore = False
                geometry = {"type": "Point", "coordinates": [c["lon"], c["lat"]]}
            else:
                geometry = {"type": "Point", "coordinates": list(sea)}
                note = "合成数据（synthetic）：区县近海的示意点位，非真实项目"
        elif cat in LINE_CATEGORIES and rng.random() < 0.5:
            d = rng.choice([x for x in counties if x["city"] == c["city"] and x is not c] or counties)
            geometry = {"type": "LineString", "coordinates": [[c["lon"], c["lat"]], [d["lon"], d["lat"]]]}
            note = "合成数据（synthetic）：两区县代表点间的直线示意，非真实项目"
        label_zh, _ = CATEGORIES[cat]
        if cat in ("ccus",):
            cap_value, unit = float(rng.choice([10, 20, 50, 100])) / 100, "Mt/a"
            cap_text = f"{int(cap_value * 100)}万吨/年"
        elif rng.random() < 0.8:
            cap_value = float(rng.choice([10, 20, 50, 100, 200, 300, 500, 1000, 2000, 4000]))
            unit = "MW"
            cap_text = f"{cap_value / 10:g}万千瓦"
        else:
            cap_value, unit, cap_text = None, None, None
        name = f"合成{c['county'] or c['city']}{label_zh}项目{i + 1:05d} (synthetic)"
        if html_name and i == 0:
            name = HTML_NAME
        stage, words = STAGES[i % len(STAGES)]  # (not from rng: the other values stay as they were)
        props = {
            "id": f"syn{seed:02d}-{i + 1:06d}",
            "name": name,
            "category": cat,
            "category_zh": label_zh,
            "owner": rng.choice(OWNERS),
            "province": "山东省",
            "city": c["city"],
            "city_adcode": c["city_adcode"],
            "county": c["county"],
            "county_adcode": c["county_adcode"],
            "township": None,
            "precision": "region" if offshore else precision,
            "offshore": bool(offshore),
            "capacity_text": cap_text,
            "capacity_value": cap_value,
            "capacity_unit": unit,
            "target_year": rng.choice([None, 2025, 2025, 2027, 2030]),
            "responsible_units": rng.sample(UNITS, rng.randint(1, 3)),
            "source": source,
            "doc_title": title,
            "doc_kind": "plan",
            "section": "三、重点任务 > （一）合成测试章节 > 专栏 1（synthetic）",
            "quote": f"合成测试句子：{name}{words or ''}（synthetic text, not from a plan）。",
            "location_note": note,
            "status": stage,
            "status_words": words,
            "status_date": "2023-06-01" if stage else None,
        }
        props.update(_review(i))
        own = _mention(props, i, plans.index((source, title)), name, words)
        mentions.append(own)
        if n_plans > 1 and i % LINKED_EVERY == 1:  # a later plan names it again, in other words
            k = (plans.index((source, title)) + 1) % n_plans
            again = _mention(props, i, k, f"山东{name}", "开工")
            again.update(source=plans[k][0], doc_title=plans[k][1])
            again["quote"] = f"合成测试句子：再次提到{again['name']}开工（synthetic text, not from a plan）。"
            mentions.append(again)
            props["sources"] = [source, plans[k][0]]
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    projects = {"type": "FeatureCollection", "features": features}

    targets = []
    cities = sorted({(c["city"], c["city_adcode"]) for c in counties if c["city"]})
    for j, (city, code) in enumerate(cities):
        src, _ = plans[j % n_plans]
        for indicator, base in (("solar", 1000), ("wind", 500), ("storage", 200)):
            for year in (2025, 2030):
                value = float(base * (1 + rng.randint(0, 8)) * (1.6 if year == 2030 else 1.0))
                targets.append(
                    {
                        "region": city,
                        "region_adcode": code,
                        "indicator": indicator,
                        "value": value,
                        "unit": "MW",
                        "year": year,
                        "source": src,
                        "quote": f"合成测试目标：到{year}年{CATEGORIES[indicator][0]}装机达到"
                        f"{value / 10:g}万千瓦（synthetic）。",
                    }
                )

    def counts(key):
        out: dict[str, int] = {}
        for f in features:
            k = f["properties"][key] or ""
            out[k] = out.get(k, 0) + 1
        return dict(sorted(out.items()))

    n_lines = sum(1 for f in features if f["geometry"]["type"] == "LineString")
    n_offshore = sum(1 for f in features if f["properties"]["offshore"])
    per_source: dict[str, int] = {}
    for f in features:
        per_source[f["properties"]["source"]] = per_source.get(f["properties"]["source"], 0) + 1
    per_source_targets: dict[str, int] = {}
    for t in targets:
        per_source_targets[t["source"]] = per_source_targets.get(t["source"], 0) + 1
    # the layout of the build's report (geo/build.py), marked synthetic
    report = {
        "synthetic": True,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seeds": "(synthetic: scripts/make_synthetic_catalog.py)",
        "boundaries": None,
        "sources": [
            {
                "source": s,
                "title": t,
                "region": None,
                "region_adcode": None,
                "doc_number": None,
                "date": _plan_date(k),
                "projects": per_source.get(s, 0),
                "targets": per_source_targets.get(s, 0),
                "unresolved_rows": 0,
            }
            for k, (s, t) in enumerate(plans)
        ],
        "skipped": [],
        "counts": {
            "projects": len(features),
            "extracted": len(features),
            "unplaced": 0,
            "unresolved_rows": 0,
            "targets": len(targets),
            "offshore": n_offshore,
            "lines": n_lines,
            "by_precision": counts("precision"),
            "by_city": counts("city"),
            "by_category": counts("category"),
        },
        "timings_s": {},
        "notes": [
            "SYNTHETIC catalog made by scripts/make_synthetic_catalog.py for development and benchmarks"
        ],
    }
    return projects, targets, report, mentions


def write(n: int, out_dir: Path, seed: int = 7, html_name: bool = False) -> Path:
    import pandas as pd

    from geo.catalog import load_catalog
    from geo.catalog_export import to_csv_bytes, write_atomic
    from geo.schema import MENTION_FIELDS, TARGET_FIELDS, names

    projects, targets, report, mentions = make(n, seed=seed, html_name=html_name)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(
        out_dir / "projects.geojson",
        json.dumps(projects, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
    )
    frame = pd.DataFrame(targets, columns=names(TARGET_FIELDS))
    write_atomic(out_dir / "targets.csv", frame.to_csv(index=False).encode("utf-8"))
    frame = pd.DataFrame(mentions, columns=names(MENTION_FIELDS))
    write_atomic(out_dir / "mentions.csv", frame.to_csv(index=False).encode("utf-8"))
    write_atomic(
        out_dir / "build_report.json", json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8")
    )
    write_atomic(out_dir / "projects.csv", to_csv_bytes(load_catalog(out_dir).projects))
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of synthetic projects")
    parser.add_argument("out_dir", type=Path, help="folder to write the catalog into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--html-name", action="store_true", help=f"name one project {HTML_NAME} (XSS check)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("N must be >= 0")
    write(args.n, args.out_dir, seed=args.seed, html_name=args.html_name)
    print(f"wrote {args.n} synthetic projects to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
