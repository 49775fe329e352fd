"""Running the pipeline on one plan for the evaluation: predict(plan, geocoder) -> (Preds, PredTargets), and
the geocoder it uses when there is one (load_geocoder).
"""

from __future__ import annotations

from pathlib import Path

from geo.eval_records import Pred, PredTarget


def load_geocoder():
    try:
        from geo.geocode import Geocoder
    except Exception as exc:  # not written yet, or broken: place accuracy is n/a
        return None, f"geo.geocode not importable ({type(exc).__name__}: {exc})"
    try:
        return Geocoder.default(), None
    except Exception as exc:
        return None, f"Geocoder.default() failed ({type(exc).__name__}: {exc})"


def predict(plan_path: Path, geocoder) -> tuple[list[Pred], list[PredTarget]]:
    from geo.extract import extract
    from geo.history import project_status
    from geo.ingest import read_plan
    from geo.parse import parse_document

    plan = read_plan(plan_path)
    doc = parse_document(plan)
    result = extract(doc)
    source = plan_path.name
    preds: list[Pred] = []
    for project in result.projects:
        cap = project.capacity
        pred = Pred(
            source=source,
            name=project.name,
            category=project.category,
            capacity_text=cap.text if cap else None,
            capacity_value=cap.value if cap else None,
            capacity_unit=cap.unit if cap else None,
            owner=project.owner,
            responsible_units=list(project.responsible_units),
            offshore=bool(project.offshore),
            quote=project.quote if project.spans else "",
            status=project_status(project, doc.meta.doc_kind, doc.meta.title)[0],
            line_ends=project.line_ends,
        )
        if geocoder is not None:
            pred.located = True
            try:
                located = geocoder.locate(project)
            except Exception:  # a geocoder crash on one project counts as unresolved
                located = None
            location = getattr(located, "location", None)
            if location is not None:
                pred.county_adcode = location.county_adcode
                pred.precision = location.precision
                pred.offshore = bool(location.offshore or project.offshore)
        preds.append(pred)
    targets = [PredTarget(source, t.indicator, t.value, t.unit, t.year, t.quote) for t in result.targets]
    return preds, targets
