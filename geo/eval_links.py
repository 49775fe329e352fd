"""Link precision and recall: does the catalog make one project of the mentions of one facility?

The gold is a links file (tests/eval/links/<gold folder name>.json, format in tests/eval/README.md): groups of
gold projects, named by file and gold name, that are one facility; every other gold project is a facility of
its own. `uncertain` pairs (the annotator could not tell) count neither way.

Scoring is pairwise over mentions of different files. The pipeline (geo.build: extract, geocode, link) runs on
the plans of the gold files; each predicted mention is matched to a gold project of its file by
geo.eval_score.match_projects. Among matched mentions, a predicted pair is two mentions in one project, a gold pair
two gold projects in one group. Precision = correct predicted pairs / predicted pairs; recall = found gold
pairs / gold pairs whose two projects were both extracted (link recall, apart from extraction misses), and
end-to-end recall over all gold pairs.

    python -m geo.eval_links [--gold DIR] [--plans DIR]    (also printed by `python -m geo eval`)
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from geo import REPO_ROOT
from geo.cli import UserError
from geo.eval_gold import DEFAULT_GOLD, plan_path
from geo.eval_predict import load_geocoder
from geo.eval_records import Pred
from geo.eval_score import match_projects

LINKS_DIR = REPO_ROOT / "tests" / "eval" / "links"


@dataclass(frozen=True)
class GoldDoc:
    source: str
    projects: list[dict]  # gold projects: name, aliases, category ...
    plan: Path
    region_adcode: str | None = None


def links_file_for(gold_folder: Path) -> Path:
    return LINKS_DIR / f"{Path(gold_folder).resolve().name}.json"


def _gold_names(project: dict) -> list[str]:
    from geo.ingest_clean import clean_text

    return [clean_text(n).strip() for n in [project.get("name", ""), *(project.get("aliases") or [])] if n]


def load_links(path: Path, docs: list[GoldDoc]) -> tuple[dict[tuple[str, int], int], set[frozenset]]:
    """(gold project (source, index) -> group number, uncertain pairs); raises UserError naming a member
    that is not a gold project of its file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"cannot read links file {path}: {exc}") from exc
    index = {}
    for doc in docs:
        for k, project in enumerate(doc.projects):
            for name in _gold_names(project):
                index.setdefault((doc.source, name), k)

    def member(m: dict, where: str) -> tuple[str, int]:
        from geo.ingest_clean import clean_text

        key = (m.get("source"), clean_text(m.get("name") or "").strip())
        if key not in index:
            raise UserError(f"{path}: {where}: {m.get('name')!r} is not a gold project of {m.get('source')}")
        return key[0], index[key]

    group_of: dict[tuple[str, int], int] = {}
    for g, group in enumerate(data.get("groups") or []):
        for m in group["members"]:
            group_of[member(m, f"group {g + 1}")] = g
    uncertain = {
        frozenset(member(m, "uncertain pair") for m in pair["members"])
        for pair in data.get("uncertain") or []
    }
    return group_of, uncertain


def predict_mentions(docs: list[GoldDoc], geocoder) -> tuple[list, dict[str, str]]:
    """Mentions of the plans, linked across them as `python -m geo build` links them, and the plans that could
    not be read (file -> reason; their projects count as not extracted)."""
    from geo.build import link_located, locate_projects, merge_duplicates
    from geo.extract import extract
    from geo.ingest import read_plan
    from geo.ingest_errors import PlanReadError
    from geo.parse import parse_document

    documents, projects, unreadable = [], [], {}
    for doc in docs:
        try:
            parsed = parse_document(read_plan(doc.plan))
        except PlanReadError as exc:
            unreadable[doc.source] = exc.reason
            continue
        documents.append(parsed)
        projects += merge_duplicates(extract(parsed).projects)
    located, _, _ = locate_projects(projects, geocoder)
    return link_located(located, documents).mentions, unreadable


def gold_mentions(docs: list[GoldDoc], region_adcodes: dict[str, str | None]) -> list:
    """The gold projects themselves as mentions (extraction and placing taken as perfect), linked: this
    measures the linking rules alone."""
    from geo.build import assign_ids, link_located
    from geo.gazetteer import Gazetteer
    from geo.ingest_clean import clean_text
    from geo.model import (
        Capacity,
        Document,
        DocumentMeta,
        LocatedProject,
        Location,
        Node,
        Project,
        SourceSpan,
    )

    gazetteer = Gazetteer.default()
    located, documents = [], []
    for doc in docs:
        region = region_adcodes.get(doc.source)
        meta = DocumentMeta(doc.source, "", region, None, None)
        documents.append(Document(doc.source, "", meta, Node("root", 0, "", "", 0, 0)))
        items = [(doc.source, clean_text(g["name"]).strip()) for g in doc.projects]
        for g, (_, name), pid in zip(doc.projects, items, assign_ids(items), strict=True):
            county = gazetteer.unit(g["county_adcode"]) if g.get("county_adcode") else None
            city = (
                gazetteer.unit(county.city_adcode) if county else gazetteer.unit(region) if region else None
            )
            value = g.get("capacity_value")
            text = g.get("capacity_text")
            project = Project(
                name=name,
                category=g["category"],
                source=doc.source,
                doc_title=doc.source,
                region_adcode=region,
                spans=[SourceSpan(g.get("section") or "", clean_text(g.get("quote") or ""), 0, 0)],
                owner=clean_text(g["owner"]).strip() if g.get("owner") else None,
                capacity=Capacity(text, value, g.get("capacity_unit")) if text else None,
            )
            location = Location(
                precision=g["precision"],
                lon=0.0,
                lat=0.0,
                city=city.name if city and city.kind == "city" else None,
                city_adcode=city.adcode if city and city.kind == "city" else None,
                county=county.name if county else None,
                county_adcode=county.adcode if county else None,
                township=g.get("township"),
            )
            located.append(LocatedProject(id=pid, project=project, location=location))
    return link_located(located, documents).mentions


def score_links(mentions: list, docs: list[GoldDoc], group_of: dict, uncertain: set) -> dict:
    preds = [
        Pred(source=m.source, name=m.located.project.name, category=m.located.project.category)
        for m in mentions
    ]
    golds = [
        {**p, "_source": d.source, "_key": (d.source, k)} for d in docs for k, p in enumerate(d.projects)
    ]
    gold_of = {i: golds[j]["_key"] for i, j, _ in match_projects(preds, golds)}
    found = set(gold_of.values())

    def entity(key):
        return group_of.get(key, key)

    gold_pairs = {
        frozenset((a, b))
        for a, b in combinations(sorted(group_of), 2)
        if a[0] != b[0] and group_of[a] == group_of[b]
    }
    predicted = set()
    for i, j in combinations(sorted(gold_of), 2):
        a, b = gold_of[i], gold_of[j]
        if a[0] != b[0] and mentions[i].project_id == mentions[j].project_id:
            predicted.add(frozenset((a, b)))
    predicted -= uncertain
    correct = {p for p in predicted if len({entity(k) for k in p}) == 1}
    reachable = {p for p in gold_pairs if p <= found}

    def label(pair):
        return " = ".join(f"{golds_by_key[k]['name']} ({k[0]})" for k in sorted(pair))

    golds_by_key = {g["_key"]: g for g in golds}
    return {
        "gold_pairs": len(gold_pairs),
        "gold_pairs_extracted": len(reachable),
        "predicted_pairs": len(predicted),
        "correct_pairs": len(correct),
        "precision": len(correct) / len(predicted) if predicted else None,
        "recall": len(correct & reachable) / len(reachable) if reachable else None,
        "recall_end_to_end": len(correct) / len(gold_pairs) if gold_pairs else None,
        "false_links": sorted(label(p) for p in predicted - correct),
        "missed_links": sorted(label(p) for p in reachable - correct),
        "not_extracted": sorted(label(p) for p in gold_pairs - reachable),
    }


def evaluate_links(gold_folder: Path, docs: list[GoldDoc], geocoder) -> dict | None:
    """Link scores for these gold documents, or None when the gold folder has no links file."""
    path = links_file_for(gold_folder)
    if not path.is_file():
        return None
    group_of, uncertain = load_links(path, docs)
    mentions, unreadable = predict_mentions(docs, geocoder)
    oracle = gold_mentions(docs, {d.source: d.region_adcode for d in docs})
    return {
        "links_file": str(path),
        "unreadable": unreadable,
        **score_links(mentions, docs, group_of, uncertain),
        "on_gold_projects": score_links(oracle, docs, group_of, uncertain),
    }


def link_scores(gold_files: list, plans: Path | None, geocoder) -> dict | None:
    """evaluate_links for geo.evaluate's gold files (None without a geocoder or a links file)."""
    if geocoder is None or not gold_files or not links_file_for(gold_files[0].path.parent).is_file():
        return None
    docs = [
        GoldDoc(gf.source, gf.data["projects"], plan_path(gf, plans), gf.data.get("region_adcode"))
        for gf in gold_files
    ]
    return evaluate_links(gold_files[0].path.parent, docs, geocoder)


def format_links(result: dict | None, show_errors: bool = False) -> list[str]:
    if result is None:
        return []

    def fmt(x):
        return "n/a" if x is None else f"{x:.2f}"

    lines = [
        "",
        f"Cross-document links ({Path(result['links_file']).name})",
        f"  gold pairs {result['gold_pairs']} (both extracted {result['gold_pairs_extracted']}), "
        f"predicted {result['predicted_pairs']}, correct {result['correct_pairs']}:"
        f"  P {fmt(result['precision'])}  R {fmt(result['recall'])}"
        f"  (end to end R {fmt(result['recall_end_to_end'])})",
    ]
    gold = result["on_gold_projects"]
    lines.append(
        f"  on the gold projects (extraction taken as perfect): predicted {gold['predicted_pairs']},"
        f" correct {gold['correct_pairs']}:  P {fmt(gold['precision'])}  R {fmt(gold['recall'])}"
    )
    lines += [f"  not read: {source}: {reason}" for source, reason in result["unreadable"].items()]
    if show_errors:
        for key, title in (
            ("false_links", "false"),
            ("missed_links", "missed"),
            ("not_extracted", "not extracted"),
        ):
            lines += [f"  {title}: {x}" for x in result[key]]
        for key, title in (("false_links", "false"), ("missed_links", "missed")):
            lines += [f"  on gold, {title}: {x}" for x in gold[key]]
    return lines


def gold_docs(gold_folder: Path, plans: Path | None = None) -> list[GoldDoc]:
    """The gold JSON files of a folder with their plans (in `plans`, the gold folder, or seeds/)."""
    from geo import SEEDS_DIR

    if not Path(gold_folder).is_dir():
        raise UserError(f"gold folder not found: {gold_folder}")
    docs = []
    for path in sorted(Path(gold_folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UserError(f"cannot read gold file {path}: {exc}") from exc
        folders = [f for f in (plans, path.parent, SEEDS_DIR) if f is not None]
        plan = next((f / data["source"] for f in folders if (f / data["source"]).is_file()), None)
        if plan is None:
            raise UserError(f"plan {data['source']} of {path} not found in {', '.join(map(str, folders))}")
        docs.append(GoldDoc(data["source"], data.get("projects") or [], plan, data.get("region_adcode")))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.eval_links", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gold", type=Path, default=DEFAULT_GOLD, help="gold folder (default tests/eval/gold)"
    )
    parser.add_argument(
        "--plans", type=Path, default=None, help="folder of the plans (default: beside the gold)"
    )
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    try:
        if not links_file_for(args.gold).is_file():
            raise UserError(f"no links file for {args.gold}: expected {links_file_for(args.gold)}")
        geocoder, note = load_geocoder()
        if geocoder is None:
            raise UserError(f"link evaluation needs the geocoder: {note}")
        result = evaluate_links(args.gold, gold_docs(args.gold, args.plans), geocoder)
    except UserError as exc:
        print(f"error: {exc}")
        return 2
    print("\n".join(format_links(result, args.show_errors)).strip("\n"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
