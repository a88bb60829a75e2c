"""Scoring of predicted reports against golden files, on hand-made cases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from summarizer.evals.score import (
    ORG_THRESHOLD,
    ArticleScore,
    aggregate,
    assign,
    evidence_overlap,
    org_similarity,
    score_article,
)

TEXT = (
    "3月9日下午，松山湖產業發展局在松山湖國際創新創業社區召開行業協會工作交流會。"
    "松山湖產業發展局局長陳潮暉、東莞市機器人產業協會會長李明出席會議。"
    "雙方簽署了戰略合作協議，將共同舉辦機器人產業對接會。"
    "李明希望各方加強交流。（記者 劉晨）"
)


def report(
    participants: Sequence[str] = (),
    organizations: Sequence[str] = (),
    commitments: Sequence[tuple[str, str]] = (),
    *,
    is_meeting: bool = True,
    date: str | None = "--03-09",
    kind: str | None = "交流会",
    location: str | None = "松山湖国际创新创业社区",
) -> dict[str, Any]:
    """A report in CONTRACT shape; commitments are (evidence, strength) pairs."""
    return {
        "is_meeting_report": is_meeting,
        "summary": "",
        "meeting": {
            "title": None,
            "kind": kind,
            "date": date,
            "location": location,
            "organizers": [],
        },
        "participants": [{"name": n, "title": None, "organization": None} for n in participants],
        "organizations": [{"name": n} for n in organizations],
        "commitments": [
            {"actor": "x", "action": "y", "evidence": e, "strength": s} for e, s in commitments
        ],
    }


def gold(*args: Any, text: str = TEXT, not_participants: Sequence[str] = (), **kwargs: Any):
    g = report(*args, **kwargs)
    g.update({"id": "t1", "text": text, "not_participants": list(not_participants)})
    return g


GOLD_ARGS = dict(
    participants=["陳潮暉", "李明"],
    organizations=["松山湖產業發展局", "東莞市機器人產業協會"],
    commitments=[("雙方簽署了戰略合作協議", "agreed"), ("李明希望各方加強交流", "proposed")],
)


def test_perfect_match() -> None:
    score = score_article(report(**GOLD_ARGS), gold(**GOLD_ARGS))
    for field in (score.participants, score.organizations, score.commitments):
        assert (field.precision, field.recall, field.f1) == (1.0, 1.0, 1.0)
        assert field.missed == [] and field.added == []
    assert score.commitments.strength_accuracy == 1.0
    assert score.date.correct and score.kind.correct and score.location.correct
    assert score.is_meeting_report.correct
    assert score.grounding_rate == 1.0 and score.grounding_total == 6
    assert score.byline_leaks == 0


def test_missed_and_added_participant() -> None:
    score = score_article(report(["陳潮暉", "王五"]), gold(["陳潮暉", "李明"]))
    p = score.participants
    assert (p.tp, p.fp, p.fn) == (1, 1, 1)
    assert p.precision == 0.5 and p.recall == 0.5 and p.f1 == 0.5
    assert p.missed == ["李明"] and p.added == ["王五"]


def test_traditional_matches_simplified() -> None:
    score = score_article(report(["陈潮晖"]), gold(["陳潮暉"]))
    assert score.participants.tp == 1 and score.participants.f1 == 1.0


def test_pinyin_noise_in_gold_name() -> None:
    score = score_article(report(["陈潮晖"]), gold(["陳潮暉(huī)"]))
    assert score.participants.tp == 1
    score = score_article(report(["李 明"]), gold(["李明"]))
    assert score.participants.tp == 1, "white space inside a name is ignored"


def test_org_fuzzy_match() -> None:
    assert org_similarity("東莞市機器人產業協會", "机器人产业协会") >= ORG_THRESHOLD
    assert org_similarity("東莞市機器人產業協會", "东莞市人民政府") < ORG_THRESHOLD
    score = score_article(
        report(organizations=["机器人产业协会", "东莞市人民政府"]),
        gold(organizations=["東莞市機器人產業協會"]),
    )
    o = score.organizations
    assert (o.tp, o.fp, o.fn) == (1, 1, 0)
    assert o.added == ["东莞市人民政府"]


def test_org_short_containment_is_not_enough() -> None:
    # "协会" is contained but shorter than 4 characters: only the plain ratio counts.
    assert org_similarity("東莞市機器人產業協會", "协会") < ORG_THRESHOLD


# Positions in a text of distinct characters make overlaps easy to compute by hand.
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_optimal_assignment_beats_greedy() -> None:
    text = LETTERS
    g1, g2 = text[10:20], text[18:28]
    p1, p2 = text[11:25], text[0:16]
    # p1-g1 0.9, p1-g2 0.7, p2-g1 0.6, p2-g2 0.0
    table = [[evidence_overlap(g, p, text) for p in (p1, p2)] for g in (g1, g2)]
    assert np.allclose(table, [[0.9, 0.6], [0.7, 0.0]])

    # Greedy "best pair first" takes p1-g1 and then has nothing left for p2.
    pairs = sorted(
        ((table[i][j], i, j) for i in range(2) for j in range(2)), reverse=True
    )
    used_g, used_p, greedy = set(), set(), 0
    for value, i, j in pairs:
        if value >= 0.5 and i not in used_g and j not in used_p:
            used_g.add(i), used_p.add(j)
            greedy += 1
    assert greedy == 1

    score = score_article(
        report(commitments=[(p1, "agreed"), (p2, "planned")]),
        gold(commitments=[(g1, "agreed"), (g2, "agreed")], text=text),
    )
    c = score.commitments
    assert (c.tp, c.fp, c.fn) == (2, 0, 0)
    # Optimal pairs are p1-g2 (agreed = agreed) and p2-g1 (planned != agreed).
    assert (c.strength_correct, c.strength_total) == (1, 2)
    assert c.strength_accuracy == 0.5


def test_assign_prefers_more_pairs_over_higher_similarity() -> None:
    similarity = np.array([[1.0, 0.8], [0.8, 0.0]])
    pairs = assign(similarity, similarity >= 0.8)
    assert sorted(pairs) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("start", "expected", "matched"),
    [(5, 0.5, True), (6, 0.4, False)],
)
def test_commitment_overlap_threshold(start: int, expected: float, matched: bool) -> None:
    text = LETTERS
    gold_ev, pred_ev = text[0:10], text[start : start + 10]
    assert evidence_overlap(gold_ev, pred_ev, text) == pytest.approx(expected)
    score = score_article(
        report(commitments=[(pred_ev, "agreed")]),
        gold(commitments=[(gold_ev, "agreed")], text=text),
    )
    assert (score.commitments.tp == 1) is matched
    if not matched:
        assert score.commitments.missed == [gold_ev]
        assert score.commitments.added == [pred_ev]


def test_commitment_overlap_falls_back_to_common_substring() -> None:
    # The prediction is not in the text (one character changed): longest common
    # substring "abcdef" (6) over the shorter quote (10).
    text = LETTERS
    assert evidence_overlap(text[0:10], "abcdefXhij", text) == pytest.approx(0.6)


def test_commitment_evidence_script_insensitive() -> None:
    score = score_article(
        report(commitments=[("双方签署了战略合作协议", "agreed")]),
        gold(commitments=[("雙方簽署了戰略合作協議", "agreed")]),
    )
    assert score.commitments.tp == 1


def test_byline_leak_counted() -> None:
    score = score_article(
        report(["陳潮暉", "刘晨"]), gold(["陳潮暉"], not_participants=["劉晨"])
    )
    assert score.byline_leaks == 1
    assert score.leaked_names == ["刘晨"]
    assert score.participants.fp == 1


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "correct"),
    [
        (None, None, True),
        (None, "2021-03-09", False),
        ("--03-09", None, False),
        ("--03-09", "--03-09", True),
        ("--03-09", "2021-03-09", False),
    ],
)
def test_date(gold_date: str | None, pred_date: str | None, correct: bool) -> None:
    score = score_article(report(date=pred_date), gold(date=gold_date))
    assert score.date.correct is correct


def test_kind_and_location() -> None:
    score = score_article(
        report(kind="交流會", location="松山湖"), gold(kind="交流会", location="东莞松山湖")
    )
    assert score.kind.correct and score.location.correct
    score = score_article(report(kind="座谈会", location=None), gold(kind="交流会"))
    assert not score.kind.correct and not score.location.correct
    score = score_article(report(kind=None, location=None), gold(kind=None, location=None))
    assert score.kind.correct and score.location.correct


def test_not_a_meeting_gold() -> None:
    g = gold(is_meeting=False, date=None, kind=None, location=None)
    score = score_article(report(["陳潮暉"], ["松山湖產業發展局"]), g)
    assert not score.is_meeting_report.correct
    assert (score.participants.tp, score.participants.fp, score.participants.fn) == (0, 1, 0)
    assert score.participants.precision == 0.0
    assert score.organizations.fp == 1
    right = score_article(report(is_meeting=False), g)
    assert right.is_meeting_report.correct
    assert right.participants.f1 == 1.0


def test_grounding_with_one_ungrounded_name() -> None:
    score = score_article(
        report(["陈潮晖", "王五"], ["松山湖产业发展局"], [("将共同举办机器人产业对接会", "planned")]),
        gold(),
    )
    assert (score.grounded, score.grounding_total) == (3, 4)
    assert score.grounding_rate == 0.75
    assert score.ungrounded == ["王五"]


def test_pinyin_annotations_in_gold_text() -> None:
    text = "東莞市機(jī)器人產(chǎn)業(yè)協(xié)會(huì)表示，將(jiāng)舉辦對(duì)接會(huì)。"
    score = score_article(
        report(organizations=["东莞市机器人产业协会"], commitments=[("将举办对接会", "planned")]),
        gold(
            organizations=["東莞市機器人產業協會"],
            commitments=[("將(jiāng)舉辦對(duì)接會(huì)", "planned")],
            text=text,
        ),
    )
    assert score.organizations.tp == 1 and score.commitments.tp == 1
    assert (score.grounded, score.grounding_total) == (2, 2)


def test_malformed_prediction_does_not_crash() -> None:
    score = score_article({"participants": None, "meeting": None}, gold(**GOLD_ARGS))
    assert score.participants.fn == 2 and score.participants.precision == 1.0
    assert score.grounding_total == 0


def test_to_dict_keys() -> None:
    d = score_article(report(**GOLD_ARGS), gold(**GOLD_ARGS)).to_dict()
    assert set(d) >= {
        "id", "gold_is_meeting_report", "is_meeting_report", "date", "kind", "location",
        "participants", "organizations", "commitments", "byline_leaks", "leaked_names",
        "grounded", "grounding_total", "grounding_rate", "ungrounded",
    }
    assert set(d["participants"]) == {
        "tp", "fp", "fn", "missed", "added", "precision", "recall", "f1",
    }
    assert "strength_accuracy" in d["commitments"]
    assert set(d["date"]) == {"gold", "predicted", "correct"}


def test_aggregate_micro_average() -> None:
    # Article A: participants tp=2 fp=0 fn=1; B: tp=1 fp=2 fn=0.
    a = score_article(
        report(["陳潮暉", "李明"], date="--03-09"),
        gold(["陳潮暉", "李明", "張三"], date="--03-09"),
    )
    b = score_article(
        report(["陳潮暉", "王五", "刘晨"], date="2021-03-09"),
        gold(["陳潮暉"], date="--03-09", not_participants=["劉晨"]),
    )
    c = score_article(report(is_meeting=True), gold(is_meeting=False, date=None))
    scores: list[ArticleScore] = [a, b, c]
    result = aggregate(scores)
    assert result["articles"] == 3
    p = result["participants"]
    assert (p["tp"], p["fp"], p["fn"]) == (3, 2, 1)
    assert p["precision"] == pytest.approx(3 / 5)
    assert p["recall"] == pytest.approx(3 / 4)
    assert p["f1"] == pytest.approx(2 * 0.6 * 0.75 / (0.6 + 0.75))
    # Macro would give precision (1 + 1/3) / 2 = 0.667: micro is different on purpose.
    assert result["organizations"]["f1"] == 1.0
    assert result["meeting_articles"] == 2
    assert result["date_accuracy"] == 0.5  # c is not counted: its gold is no meeting
    assert result["kind_accuracy"] == 1.0
    assert result["is_meeting_report_accuracy"] == pytest.approx(2 / 3)
    assert result["byline_leaks"] == 1
    # Predicted names: a 2 grounded; b 陳潮暉 and 刘晨 grounded, 王五 not.
    assert (result["grounded"], result["grounding_total"]) == (4, 5)
    assert result["grounding_rate"] == pytest.approx(0.8)
    assert result["strength_matched"] == 0 and result["strength_accuracy"] is None


def test_aggregate_empty() -> None:
    result = aggregate([])
    assert result["articles"] == 0
    assert result["participants"]["precision"] == 1.0
    assert result["participants"]["f1"] == 1.0
    assert result["date_accuracy"] is None


# --------------------------------------------------------------------------- what users read


def test_participant_title_and_organization_accuracy_over_matched_people() -> None:
    gold = {"text": TEXT, "participants": [
        {"name": "陳潮暉", "title": "局長", "organization": "松山湖產業發展局"},
        {"name": "李明", "title": "會長", "organization": "東莞市機器人產業協會"},
    ]}
    predicted = {"participants": [
        {"name": "陈潮晖", "title": "局长", "organization": "松山湖产业发展局"},  # both right, other script
        {"name": "李明", "title": "副会长", "organization": "局长"},  # both wrong
        {"name": "刘晨", "title": None, "organization": None},  # unmatched: not scored here
    ]}
    score = score_article(predicted, gold)
    assert (score.participant_title.correct, score.participant_title.total) == (1, 2)
    assert (score.participant_organization.correct, score.participant_organization.total) == (1, 2)


@pytest.mark.parametrize(
    ("gold", "predicted", "right"),
    [
        ("李明", "李明", True),
        ("東莞市機器人產業協會", "东莞市机器人产业协会", True),
        ("松山湖產業發展局; 東莞市機器人產業協會", "东莞市机器人产业协会；松山湖产业发展局", True),
        ("松山湖產業發展局; 東莞市機器人產業協會", "松山湖产业发展局", True),  # half the parties named
        ("李明", "陈潮晖", False),
        ("李明", "未注明", False),
        ("李明", "李明; 陈潮晖", False),  # a party that is not the actor
        ("甲協會; 乙商會; 丙聯盟", "甲協會", False),
    ],
)
def test_commitment_actor(gold: str, predicted: str, right: bool) -> None:
    from summarizer.evals.score import actor_matches

    assert actor_matches(gold, predicted) is right


def test_actor_accuracy_and_organizers_in_the_aggregate() -> None:
    evidence = "將共同舉辦機器人產業對接會"
    gold = {"text": TEXT, "is_meeting_report": True, "meeting": {"organizers": ["松山湖產業發展局"]},
            "commitments": [{"actor": "李明", "evidence": evidence, "strength": "planned"}]}
    right = {"is_meeting_report": True, "meeting": {"organizers": ["松山湖产业发展局"]},
             "commitments": [{"actor": "李明", "evidence": evidence, "strength": "planned"}]}
    wrong = {"is_meeting_report": True, "meeting": {"organizers": []},
             "commitments": [{"actor": "未注明", "evidence": evidence, "strength": "planned"}]}
    summary = aggregate([score_article(right, gold), score_article(wrong, gold)])
    assert summary["commitment_actor_accuracy"] == 0.5
    assert summary["organizers"]["tp"] == 1 and summary["organizers"]["fn"] == 1
