"""The evaluation's printed report: format_report(result, show_errors) -> str."""

from __future__ import annotations

from geo.eval_links import format_links


def _fmt(x) -> str:
    return "  n/a" if x is None else f"{x:5.2f}"


def _row(label: str, b: dict) -> str:
    return (
        f"{label:<16}{b['gold']:>6}{b['pred']:>6}{b['matched_gold']:>7}"
        f"  {_fmt(b['precision'])} {_fmt(b['recall'])} {_fmt(b['f1'])}"
    )


def format_report(result: dict, show_errors: bool = False) -> str:
    from geo.vocab import CATEGORIES

    pr = result["projects"]
    lines = [
        f"Evaluation on {len(result['files'])} plan(s) from {result['gold_folder']}",
        f"geocoding: {result['geocoding']}",
    ]
    for source, message in result["failures"].items():
        lines.append(f"FAILED {source}: {message}")
    lines += ["", "Projects", f"{'category':<16}{'gold':>6}{'pred':>6}{'match':>7}      P     R    F1"]
    for cat, b in pr["by_category"].items():
        label = f"{cat} {CATEGORIES.get(cat, ('?',))[0]}"
        lines.append(_row(label, b))
    lines.append("-" * 52)
    lines.append(_row("energy", pr["energy"]))
    lines.append(_row("all", pr["all"]))
    lines.append(f"(predictions matching a borderline gold entry, not counted: {pr['lenient']})")
    lines += ["", "By plan", f"{'source':<16}{'gold':>6}{'pred':>6}{'match':>7}      P     R    F1"]
    for source, b in pr["by_source"].items():
        lines.append(_row(source[:15], b))
    lines += ["", "Attribute accuracy on matched pairs"]
    for key, a in pr["accuracy"].items():
        if key in ("status", "line_ends") and not a["n"]:
            continue  # only gold files that give a stage (line ends) score it
        value = "n/a" if a["accuracy"] is None else f"{a['accuracy']:.2f}"
        lines.append(f"  {key:<18}{value:>6}  ({a['correct']}/{a['n']})")
    t = result["targets"]
    lines += [
        "",
        "Targets (indicator, year, value within 1 %)",
        f"  core gold {t['gold']}, predicted (counted) {t['pred']}, matched {t['matched_gold']}:"
        f"  P {_fmt(t['precision'])}  R {_fmt(t['recall'])}  F1 {_fmt(t['f1'])}",
        f"  optional gold {t['optional_gold']} (matched {t['optional_matched']});"
        f" predictions not counted {t['ignored_pred']}",
    ]
    for ind, b in t["by_indicator"].items():
        lines.append(
            f"    {ind:<16} gold {b['gold']:>3}  pred {b['pred']:>3}  matched {b['matched_gold']:>3}"
        )
    lines += format_links(result.get("links"), show_errors)
    if show_errors:
        lines += ["", "Missed projects"]
        lines += [f"  {m['source']}  [{m['category']}] {m['name']}" for m in pr["misses"]] or ["  none"]
        lines += ["", "False positives"]
        lines += [f"  {m['source']}  [{m['category']}] {m['name']}" for m in pr["false_positives"]] or [
            "  none"
        ]
        lines += ["", "Attribute errors"]
        lines += [
            f"  {e['source']}  {e['gold']}  {e['attribute']}: expected {e['expected']}, got {e['got']}"
            for e in pr["attribute_errors"]
        ] or ["  none"]
        lines += ["", "Missed targets"]
        lines += [
            f"  {m['source']}  {m['indicator']} {m['value']} {m['unit']} {m['year']}  {m['quote'][:60]}"
            for m in t["misses"]
        ] or ["  none"]
        lines += ["", "False-positive targets"]
        lines += [
            f"  {m['source']}  {m['indicator']} {m['value']} {m['unit']} {m['year']}  {m['quote'][:60]}"
            for m in t["false_positives"]
        ] or ["  none"]
    return "\n".join(lines)
