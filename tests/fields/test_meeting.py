"""Meeting facts on invented snippets: is an event reported as done, kind, organizers."""

from __future__ import annotations

import pytest

from summarizer.article import from_text
from summarizer.document import Document
from summarizer.fields.meeting import decide_meeting, events_reported


def doc(text: str) -> Document:
    return Document.of(from_text(text, "test"))


@pytest.mark.parametrize(
    "text",
    [
        "关于召开2025年会员大会的通知\n各会员单位：经研究，定于3月20日在商会会议室召开会员大会，请准时参加。",
        "商会年会延期举办的公告\n原定于12月举行的年会，因故推迟举办，具体时间另行通知。",
        "某某商会注销公告\n经理事会决议，本会决定注销，请债权人于45日内申报债权。",
        "恒川公司发布半年度报告，营业收入同比增长18%。",
    ],
    ids=["notice", "postponed", "dissolved", "results"],
)
def test_no_event_reported_as_done_is_no_meeting(text: str) -> None:
    assert decide_meeting(True, doc(text)) is False


def test_an_event_reported_as_done_is_a_meeting_even_when_the_model_says_no() -> None:
    text = "市工商联召开民营企业座谈会\n3月9日，市工商联召开民营企业座谈会，副市长王建国出席并讲话。"
    assert decide_meeting(False, doc(text)) is True


def test_an_announced_event_is_not_reported_as_done() -> None:
    assert events_reported(doc("商会将于下月召开理事会。")) == []
    assert events_reported(doc("商会昨天召开理事会。")) == [1]


def test_the_programme_of_an_announced_event_is_not_reported_as_done() -> None:
    text = (
        "甲市乙商会换届大会将于5月15日在会议中心举行。两地领导及兄弟商会负责人等出席大会。"
        "在大会召开之际，各地商会发来贺信。"
    )
    assert events_reported(doc(text)) == []
    assert events_reported(doc(text + "大会于5月15日召开了，会长卜某主持。")) == [4]


def test_the_description_of_a_venue_or_a_question_reports_no_event() -> None:
    assert events_reported(doc("甲会展中心五楼是本届博览会举办开幕式、主论坛以及贸促活动的地方。")) == []
    assert events_reported(doc("所有人都希望和平，但友人来访，难道要拒于门外？")) == []


def test_an_event_to_come_named_in_a_report_does_not_hide_the_report() -> None:
    assert events_reported(doc("为筹备将于10月举办的博览会，甲商会召开座谈会。会长卜某主持会议。")) == [1, 2]


def test_an_activity_in_general_or_a_body_named_after_meetings_reports_no_event() -> None:
    assert events_reported(doc("卜某说，各商会应通过会员大会、座谈会等形式开展学习。")) == []
    assert events_reported(doc("据了解，总商会理事、行政会议成员甄某推动发表这份声明。")) == []


@pytest.mark.parametrize(
    ("head", "kind"),
    [("市工商联到商会调研座谈", "调研"), ("商会召开第二届会员代表大会", "会员大会"), ("区长会见香港客商", "会见"),
     ("两地商会举行签约仪式", "签约仪式"), ("协会召开工作会议", "其他"), ("公司发布年度报告", None)],
)
def test_kind_is_the_first_kind_the_lead_names(head: str, kind: str | None) -> None:
    from summarizer.fields.meeting import find_kind

    assert find_kind(head) == kind


def test_a_pronoun_or_a_phrase_is_no_location() -> None:
    from summarizer.fields.meeting import meeting_location

    assert meeting_location(doc("10月16日，联系会议在我会召开。")) is None
