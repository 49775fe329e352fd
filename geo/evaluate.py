"""`python -m geo eval`: score extraction (and, when available, geocoding) against the annotated evaluation set.

The gold files (`tests/eval/gold/*.json` for the five seeds, `tests/eval/edge_cases/*.json` for the hand-written edge cases)
list every named project and quantitative target of a plan; see tests/eval/README.md for the format and the
annotation conventions. This module runs the pipeline on each gold file's plan and compares:

- projects: a predicted project matches a gold one of the same plan when their normalized names match
  (`name_score`); matching is one-to-one, greedy by best score. Predictions that match a gold `borderline`
  entry count neither way. Precision/recall/F1 per category (recall by the gold category, precision by the
  predicted one), for energy categories together and for all.
- attributes, on matched pairs: category, county (adcode), precision level, capacity, responsible units, owner,
  offshore. Place attributes need `geo.geocode`; without it they are reported as n/a.
- targets: a predicted target matches a gold one on indicator, year and value (within 1 %). Gold targets marked
  `optional` (indicators outside the vocabulary, e.g. energy-intensity percentages) are neither required nor,
  when matched, counted against precision; predicted `other` targets that match nothing are not counted either.

One job per module: geo.eval_gold (reading and checking gold files), geo.eval_predict (the pipeline's
predictions as plain geo.eval_records), geo.eval_compare (names and attributes), geo.eval_score (matching and
the numbers), geo.eval_report (the printed report), geo.eval_links (cross-document links), geo.devset (the dev
set's format and summary).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from geo.cli import UserError
from geo.eval_gold import DEFAULT_GOLD, GoldFile, load_gold, plan_path
from geo.eval_links import link_scores
from geo.eval_predict import load_geocoder, predict
from geo.eval_records import Pred, PredTarget
from geo.eval_report import format_report
from geo.eval_score import score_projects, score_targets


def add_arguments(parser) -> None:
    parser.add_argument(
        "--gold",
        type=Path,
        default=DEFAULT_GOLD,
        help="folder of gold JSON files (default tests/eval/gold; tests/eval/edge_cases for the edge cases;"
        " ../shared/devset, in the dev-set format, is recognized and scored by geo.devset)",
    )
    parser.add_argument(
        "--plans",
        type=Path,
        default=None,
        help="folder holding the plans (default: the gold folder if the plan is there, else seeds/)",
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="FILE", help="also write the numbers as JSON"
    )
    parser.add_argument(
        "--show-errors", action="store_true", help="list misses, false positives and attribute errors"
    )
    parser.add_argument(
        "--no-geocode", action="store_true", help="skip place resolution (place accuracy n/a)"
    )


def evaluate(gold_files: list[GoldFile], plans: Path | None = None, geocode: bool = True) -> dict:
    geocoder, geocode_note = (None, "skipped (--no-geocode)")
    if geocode:
        geocoder, geocode_note = load_geocoder()
    golds: list[dict] = []
    borderlines: list[dict] = []
    gold_targets: list[dict] = []
    preds: list[Pred] = []
    pred_targets: list[PredTarget] = []
    failures: dict[str, str] = {}
    for gf in gold_files:
        source = gf.source
        golds += [{**p, "_source": source} for p in gf.data["projects"]]
        borderlines += [{**b, "_source": source} for b in gf.data.get("borderline") or []]
        gold_targets += [{**t, "_source": source} for t in gf.data["targets"]]
        path = plan_path(gf, plans)
        try:
            p, t = predict(path, geocoder)
        except ImportError as exc:
            raise UserError(f"the extraction pipeline is not available yet: {exc}") from exc
        except Exception as exc:  # one broken plan must not stop the evaluation
            failures[source] = f"{type(exc).__name__}: {exc}"
            continue
        preds += p
        pred_targets += t
    return {
        "gold_folder": str(gold_files[0].path.parent) if gold_files else None,
        "files": [gf.source for gf in gold_files],
        "geocoding": "on" if geocoder is not None else f"n/a: {geocode_note}",
        "failures": failures,
        "projects": score_projects(preds, golds, borderlines),
        "targets": score_targets(pred_targets, gold_targets),
        "predictions": [asdict(p) for p in preds],
        "links": link_scores(gold_files, plans, geocoder),
    }


def _write_json(path: Path, result: dict) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc}") from exc


def run(args) -> int:
    from geo import devset

    folder = devset.resolve_folder(Path(args.gold))
    dev = devset.is_devset(folder)
    gold_files = devset.load_devset(folder) if dev else load_gold(folder)
    result = evaluate(gold_files, plans=args.plans, geocode=not args.no_geocode)
    print(format_report(result, show_errors=args.show_errors))
    if dev:
        result["devset"] = devset.summarize(result, gold_files)
        print(devset.format_summary(result["devset"], show_errors=args.show_errors))
    if args.json:
        _write_json(args.json, result)
        print(f"\nwrote {args.json}", file=sys.stderr)
    return 0
