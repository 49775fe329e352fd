"""The development set (`../shared/devset`): real passages from cities outside the seeds, in their own format.

Each `<city>-<n><set>.txt` has a `<same>.json` beside it: `source`, `url`, `region`, `region_adcode`,
`projects` (name, category, county, county_adcode, township, precision, offshore, capacity_*, owner,
responsible_units, quote), `targets`, `notes`. Names and quotes are written as in the passage (Traditional
script and pinyin glosses included), so the text fields are passed through the same cleaning ingestion
applies (`geo.ingest_clean.clean_text`) before they are compared.

    is_devset(folder)          -> whether a gold folder is in this format
    load_devset(folder)        -> [GoldFile] in the format geo.evaluate scores
    summarize(result, golds)   -> the dev-set numbers: named-energy P/R, county and capacity accuracy on the
                                  energy projects found, duplicates per 100 found, the same per city
    format_summary(summary)    -> text

A duplicate is an energy prediction that matched no gold project but names a facility another prediction of
the same passage already found: its name matches (`name_score`) a gold project another prediction matched,
or it has the matched prediction's category and stated capacity, or one normalized name contains the other.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from geo.cli import UserError
from geo.eval_compare import capacity_equal, county_equal, name_score, normalize_name
from geo.eval_gold import GoldFile, admin_codes, validate_gold
from geo.eval_records import Pred
from geo.eval_score import match_projects

TEXT_FIELDS = ("name", "owner", "township", "quote", "capacity_text")
DEVSET_DIR = Path("shared") / "devset"


def default_folder() -> Path | None:
    """`../shared/devset` beside the repository, looked for from the repository root upwards (a git
    worktree sits one level deeper than the main checkout); None when there is none."""
    from geo import REPO_ROOT

    for parent in REPO_ROOT.resolve().parents:
        if (parent / DEVSET_DIR).is_dir():
            return parent / DEVSET_DIR
    return None


def resolve_folder(folder: Path) -> Path:
    """A `--gold` folder as given; a relative `../shared/devset` that is not there from the working
    directory is looked for beside the repository (see default_folder)."""
    folder = Path(folder)
    if folder.is_dir() or folder.is_absolute() or folder.parts[-2:] != DEVSET_DIR.parts:
        return folder
    return default_folder() or folder


def is_devset(folder: Path) -> bool:
    """A gold folder in the dev-set format: its JSON files carry `url` and no per-project `energy` flag."""
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return False
        projects = data.get("projects") or []
        return "url" in data or any("energy" not in p for p in projects)
    return False


def _clean(value: str | None) -> str | None:
    from geo.ingest_clean import clean_text

    return clean_text(value) if value else value


def to_gold(data: dict) -> dict:
    """One dev-set document as a geo.evaluate gold document (text fields cleaned, missing keys filled)."""
    from geo.vocab import ENERGY_CATEGORIES

    projects = []
    for p in data.get("projects") or []:
        entry = {"aliases": [], "target_year": None, "section": "", **p}
        for key in TEXT_FIELDS:
            entry[key] = _clean(entry.get(key))
        entry["owner"] = entry["owner"].split(";")[0] if entry.get("owner") else None
        entry["alt_owner"] = [_clean(o) for o in (p.get("owner") or "").split(";")[1:]]
        entry["energy"] = entry.get("category") in ENERGY_CATEGORIES
        projects.append(entry)
    return {**data, "projects": projects, "targets": data.get("targets") or []}


def load_devset(folder: Path) -> list[GoldFile]:
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"dev-set folder not found: {folder}")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserError(f"no dev-set files (*.json) in {folder}")
    codes = admin_codes()
    out = []
    for path in files:
        try:
            data = to_gold(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UserError(f"cannot read dev-set file {path}: {exc}") from exc
        problems = validate_gold(data, codes)
        if problems:
            raise UserError(f"invalid dev-set file {path}: " + "; ".join(problems[:5]))
        out.append(GoldFile(path, data))
    return out


# ---------------------------------------------------------------------------------------------------------
# numbers


def _is_duplicate(pred: Pred, matched_golds: list[dict], matched_preds: list[Pred]) -> bool:
    """Whether an unmatched prediction names a facility already found in its passage."""
    if any(name_score(pred.name, g) > 0 for g in matched_golds):
        return True
    name = normalize_name(pred.name)
    for other in matched_preds:
        same_capacity = pred.capacity_value is not None and pred.capacity_value == other.capacity_value
        if pred.category == other.category and same_capacity:
            return True
        other_name = normalize_name(other.name)
        if name and other_name and (name in other_name or other_name in name):
            return True
    return False


def _block(preds: list[Pred], golds: list[dict]) -> dict:
    """Named-energy numbers of one group of passages (predictions and gold of the same sources)."""
    from geo.vocab import ENERGY_CATEGORIES

    matches = match_projects(preds, golds)
    pred_of = {j: i for i, j, _ in matches}
    matched_p = set(pred_of.values())
    energy_golds = [j for j, g in enumerate(golds) if g["category"] in ENERGY_CATEGORIES]
    energy_preds = [i for i, p in enumerate(preds) if p.category in ENERGY_CATEGORIES]
    found = [j for j in energy_golds if j in pred_of]
    located = [j for j in found if preds[pred_of[j]].located]
    with_capacity = [j for j in found if golds[j].get("capacity_value") is not None]
    duplicates = []
    for i in energy_preds:
        if i in matched_p:
            continue
        here = [j for j in pred_of if golds[j]["_source"] == preds[i].source]
        if _is_duplicate(preds[i], [golds[j] for j in here], [preds[pred_of[j]] for j in here]):
            duplicates.append(i)
    n_correct_pred = sum(1 for i in energy_preds if i in matched_p)
    return {
        "gold": len(energy_golds),
        "pred": len(energy_preds),
        "found": len(found),
        "precision": n_correct_pred / len(energy_preds) if energy_preds else None,
        "recall": len(found) / len(energy_golds) if energy_golds else None,
        "county": _share(sum(county_equal(preds[pred_of[j]], golds[j]) for j in located), len(located)),
        "capacity": _share(
            sum(capacity_equal(preds[pred_of[j]], golds[j]) for j in with_capacity), len(with_capacity)
        ),
        "duplicates": len(duplicates),
        "duplicates_per_100": 100 * len(duplicates) / n_correct_pred if n_correct_pred else None,
        "duplicate_names": [f"{preds[i].source}: {preds[i].name}" for i in duplicates],
        "county_errors": [
            f"{golds[j]['_source']}: {golds[j]['name']} expected {golds[j]['county']}, "
            f"got {preds[pred_of[j]].county_adcode}"
            for j in located
            if not county_equal(preds[pred_of[j]], golds[j])
        ],
        "capacity_errors": [
            f"{golds[j]['_source']}: {golds[j]['name']} expected {golds[j]['capacity_value']}, "
            f"got {preds[pred_of[j]].capacity_text} = {preds[pred_of[j]].capacity_value}"
            for j in with_capacity
            if not capacity_equal(preds[pred_of[j]], golds[j])
        ],
    }


def _share(ok: int, n: int) -> float | None:
    return ok / n if n else None


def summarize(result: dict, gold_files: list[GoldFile]) -> dict:
    """Named-energy numbers overall and per city, from `geo.evaluate.evaluate`'s result."""
    preds = [Pred(**p) for p in result["predictions"]]
    city_of = {gf.source: gf.data.get("region") or "?" for gf in gold_files}
    golds = [{**p, "_source": gf.source} for gf in gold_files for p in gf.data["projects"]]
    by_city: dict[str, tuple[list[Pred], list[dict]]] = defaultdict(lambda: ([], []))
    for p in preds:
        by_city[city_of.get(p.source, "?")][0].append(p)
    for g in golds:
        by_city[city_of[g["_source"]]][1].append(g)
    return {
        "overall": _block(preds, golds),
        "by_city": {city: _block(*pair) for city, pair in sorted(by_city.items())},
    }


def _fmt(x, digits: int = 2) -> str:
    return "  n/a" if x is None else f"{x:5.{digits}f}"


def format_summary(summary: dict, show_errors: bool = False) -> str:
    head = f"{'':<10}{'gold':>5}{'pred':>5}{'found':>6}      P     R  county  capacity  dup/100"

    def row(label: str, b: dict) -> str:
        return (
            f"{label:<10}{b['gold']:>5}{b['pred']:>5}{b['found']:>6}  {_fmt(b['precision'])} "
            f"{_fmt(b['recall'])}   {_fmt(b['county'])}     {_fmt(b['capacity'])}  {_fmt(b['duplicates_per_100'], 1)}"
        )

    lines = ["", "Dev set: named energy projects", head, row("all", summary["overall"])]
    lines += [row(city, b) for city, b in summary["by_city"].items()]
    if show_errors:
        overall = summary["overall"]
        for title, key in (
            ("Duplicates", "duplicate_names"),
            ("County errors", "county_errors"),
            ("Capacity errors", "capacity_errors"),
        ):
            lines += ["", title] + ([f"  {line}" for line in overall[key]] or ["  none"])
    return "\n".join(lines)
