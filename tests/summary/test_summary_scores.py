"""The summary metrics of an eval run: per article in the score, per split in the aggregate."""

from __future__ import annotations

from typing import Any

import pytest

from summarizer.evals.score import aggregate, score_article
from summarizer.evals.view import summaries_line

TEXT = (
    "甄城市商会举行签约仪式\n"
    "5月6日上午，甄城市商会在蔺家镇举行签约仪式。会长卜某某主持，12名企业家参加，签约项目3个。"
)


def gold(**meeting: Any) -> dict[str, Any]:
    return {
        "id": "t", "text": TEXT, "is_meeting_report": True, "summary": "",
        "meeting": {"kind": "签约仪式", "date": "--05-06", "location": "蔺家镇", "organizers": ["甄城市商会"], **meeting},
        "participants": [{"name": "卜某某"}], "organizations": [], "commitments": [],
    }


def predicted(summary: str) -> dict[str, Any]:
    return {"is_meeting_report": True, "summary": summary, "meeting": {}, "participants": [], "organizations": [], "commitments": []}


def test_an_article_score_carries_its_summary_checks() -> None:
    score = score_article(predicted("5月7日，甄城市商会签约5个项目，蔺某某主持"), gold()).to_dict()["summary"]
    assert score["complete"] is False
    assert set(score["ungrounded"]) == {"5月7日", "5个", "蔺某某"}
    assert {e["text"] for e in score["entities"]} >= {"甄城市商会", "5月7日", "5个", "蔺某某"}
    assert score["coverage"] == {"covered": 2, "wanted": 4}  # the organizer and the kind's stem 签约
    assert score["lead_copy"] is False and 0 <= score["similarity"] < 0.6


def test_no_summary_score_for_a_non_meeting_or_an_empty_summary() -> None:
    not_meeting = {**gold(), "is_meeting_report": False}
    assert score_article(predicted("甄城市商会签约。"), not_meeting).summary is None
    empty = score_article(predicted(""), gold())
    assert empty.summary is None and empty.summary_missing


def test_the_split_aggregate() -> None:
    scores = [
        score_article(predicted("5月6日上午，甄城市商会在蔺家镇举行签约仪式。"), gold()),  # a lead copy, all covered
        score_article(predicted("甄城市商会签约三个项目，12名企业家参加。"), gold()),
        score_article(predicted("甄城市商会签约5个项目"), gold()),  # cut, one number not in the article
        score_article(predicted(""), gold()),
    ]
    result = aggregate(scores)["summaries"]
    assert result["articles"] == 3 and result["missing"] == 1
    assert result["complete_rate"] == pytest.approx(2 / 3)
    assert result["lead_copies"] == 1 and result["lead_copy_rate"] == pytest.approx(1 / 3)
    assert result["entities"] == result["grounded_entities"] + 1
    assert result["wanted"] == 12 and result["covered"] == 4 + 2 + 2
    assert result["coverage"] == pytest.approx(8 / 12)
    assert result["length_max"] == len("5月6日上午，甄城市商会在蔺家镇举行签约仪式。")
    assert "complete 0.67" in summaries_line({"summaries": result})


def test_a_run_without_summary_metrics_still_prints() -> None:
    assert summaries_line({}) == "summaries: not measured in this run"
