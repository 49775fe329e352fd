"""Lines between places, offshore 场址 and bases placed in several cities (tests/eval/edge_cases/geo_unseen), and
the scoring of a line's two ends."""

from pathlib import Path

GEO_UNSEEN = Path(__file__).resolve().parent / "eval" / "edge_cases" / "geo_unseen"


def test_line_ends_are_scored_where_the_gold_gives_them_in_either_order():
    from geo.eval_records import Pred
    from geo.eval_score import score_projects

    golds = [
        {
            "_source": "a.txt",
            "name": "甲县—乙县输气管道",
            "category": "gas_pipeline",
            "aliases": [],
            "line_ends": ["甲县", "乙县"],
        },
        {"_source": "a.txt", "name": "甲县丙镇风电项目", "category": "wind", "aliases": []},
    ]
    preds = [
        Pred("a.txt", "甲县—乙县输气管道", "gas_pipeline", line_ends=("乙", "甲县")),
        Pred("a.txt", "甲县丙镇风电项目", "wind"),
    ]
    ends = score_projects(preds, golds)["accuracy"]["line_ends"]
    assert (ends["n"], ends["correct"]) == (1, 1)
    preds[0].line_ends = ("甲县", "丙镇")
    assert score_projects(preds, golds)["accuracy"]["line_ends"]["correct"] == 0
