"""Summary checks on invented snippets: entities and their grounding, the problems a
re-ask names, whole sentences, lead copies and coverage."""

from __future__ import annotations

import pytest

from summarizer.schema import Meeting, Report
from summarizer.summary.checks import (
    LEAD_COPY,
    SummaryEntity,
    chinese_value,
    coverage,
    is_complete,
    lead_similarity,
    summary_entities,
    summary_problems_of,
)

ARTICLE = (
    "甄城市工商联召开民营企业座谈会\n"
    "2023年12月22日上午，甄城市工商业联合会在蔺家镇召开民营企业座谈会。市工商联主席蔺某某主持会议，"
    "副主席卜某某等12名企业家参加。会上签约项目3个，总金额17.51亿元，同比增长12.5%。"
    "广州市天河区商会会长邝某某介绍了经验。（记者 滕某某）"
)
PARTICIPANTS = {"蔺某某", "卜某某", "邝某某"}
ORGANIZERS = {"甄城市工商业联合会"}


def entities(summary: str) -> dict[str, SummaryEntity]:
    return {e.text: e for e in summary_entities(summary, ARTICLE)}


def test_entities_of_every_kind_are_found_and_grounded() -> None:
    found = entities("2023年12月22日，甄城市工商联召开座谈会，蔺某某主持，天河区企业家参加，签约17.51亿元。")
    assert found["2023年12月22日"].kind == "date"
    assert found["甄城市工商联"].kind == "organization"
    assert found["蔺某某"].kind == "person"
    assert found["天河区"].kind == "place"
    assert found["17.51亿元"].kind == "number"
    assert all(e.grounded for e in found.values())


def test_numbers_match_across_forms_and_scales() -> None:
    found = entities("十二名企业家参加，签约三个项目，共175100万元，增长12.5%。")
    assert {k: v.grounded for k, v in found.items()} == {"十二名": True, "三个": True, "175100万元": True, "12.5%": True}


def test_a_number_the_article_lacks_is_ungrounded() -> None:
    found = entities("签约5个项目，总金额17.6亿元，增长12.5%。")
    assert not found["5个"].grounded and not found["17.6亿元"].grounded and found["12.5%"].grounded


def test_the_counter_must_count_the_same_things() -> None:
    found = entities("12家企业参加，12位企业家参加。")
    assert not found["12家"].grounded  # the article has 12名, people, not companies
    assert found["12位"].grounded  # 名 and 位 count people alike


def test_an_article_and_vague_counts_are_no_numbers() -> None:
    found = entities("一家企业和数十家商会参加。")
    assert not any(e.kind == "number" for e in found.values())


def test_chinese_numerals() -> None:
    assert chinese_value("十二") == 12 and chinese_value("两百零五") == 205 and chinese_value("三亿二千万") == 320_000_000
    assert chinese_value("二〇二三") == 2023


def test_dates_grounded_by_their_parts() -> None:
    found = entities("12月22日召开，22日结束，2023年12月签约。")
    assert found["12月22日"].grounded and found["22日"].grounded and found["2023年12月"].grounded
    wrong = entities("12月23日召开，2024年签约。")
    assert not wrong["12月23日"].grounded and not wrong["2024年"].grounded


def test_traditional_script_is_grounded_in_a_simplified_article() -> None:
    found = entities("甄城市工商業聯合會主辦，簽約17.51億元。")
    assert found["甄城市工商業聯合會"].grounded and found["17.51億元"].grounded


def test_an_invented_person_and_organization_are_reported() -> None:
    problems = summary_problems_of("甄城市工商联召开座谈会，蔺志远出席，卜城县商会参加。", ARTICLE, PARTICIPANTS, ORGANIZERS)
    assert any("蔺志远" in p and "找不到" in p for p in problems)
    assert any("卜城县商会" in p for p in problems)


def test_a_person_who_did_not_take_part_is_reported() -> None:
    article = ARTICLE + "甄某某因故未能出席。"
    problems = summary_problems_of("甄某某出席了座谈会。", article, PARTICIPANTS, ORGANIZERS)
    assert problems == ["“甄某某”不是本次活动的参加者或主办方"]
    assert summary_problems_of("卜某某出席了座谈会。", article, PARTICIPANTS, ORGANIZERS) == []


def test_a_faithful_summary_has_no_problems() -> None:
    summary = "12月22日，市工商联在蔺家镇召开民营企业座谈会，蔺某某主持，十二名企业家参加，签约三个项目共17.51亿元。"
    assert summary_problems_of(summary, ARTICLE, PARTICIPANTS, ORGANIZERS) == []


@pytest.mark.parametrize(
    ("summary", "complete"),
    [
        ("双方签署合作协议。", True),
        ("他说：“合作共赢。”", True),
        ("合作是长期的。", True),
        ("双方将于下月在", False),  # cut by a bound
        ("双方将于下月在。", False),  # a preposition left hanging
        ("双方签约（三个项目。", False),  # a bracket never closed
        ("会议取得成果……", False),
        ("   ", False),
    ],
)
def test_is_complete(summary: str, complete: bool) -> None:
    assert is_complete(summary) is complete


def test_is_complete_in_english() -> None:
    assert is_complete("The two chambers signed an agreement.", "en")
    assert not is_complete("The two chambers will meet in.", "en")
    assert not is_complete("The two chambers signed an", "en")


def test_a_copied_lead_is_similar_and_a_rewrite_is_not() -> None:
    copy = "2023年12月22日上午，甄城市工商业联合会在蔺家镇召开民营企业座谈会。"
    assert lead_similarity(copy, ARTICLE) == pytest.approx(1.0)  # the headline line is skipped
    near = "2023年12月22日，甄城市工商业联合会在蔺家镇召开了民营企业座谈会。"
    assert lead_similarity(near, ARTICLE) > LEAD_COPY
    rewrite = "甄城企业家座谈签约三个项目，共17.51亿元，蔺某某主持。"
    assert lead_similarity(rewrite, ARTICLE) < LEAD_COPY


def test_the_first_line_is_text_when_it_ends_a_sentence() -> None:
    article = "甄城市工商联召开座谈会。\n蔺某某主持会议。"
    assert lead_similarity("甄城市工商联召开座谈会。", article) == pytest.approx(1.0)


REPORT = Report(
    is_meeting_report=True, summary="",
    meeting=Meeting(kind="座谈会", date="2023-12-22", location="甄城市蔺家镇", organizers=["甄城市工商业联合会"]),
)


@pytest.mark.parametrize(
    ("summary", "mentioned"),
    [
        ("12月22日，市工商联在蔺家镇召开座谈会。", 4),
        ("十二月二十二日，甄城工商联在蔺家座谈。", 4),  # Chinese numerals, a stem, an alias, a place without its level
        ("22日，甄城市工商业联合会召开交流会。", 2),  # the day alone counts; another kind and no place
        ("12月23日，省工商联举办活动。", 0),  # another day; a province's federation is not the city's
    ],
)
def test_coverage(summary: str, mentioned: int) -> None:
    assert coverage(summary, REPORT) == (mentioned, 4)


def test_coverage_counts_only_what_the_report_has() -> None:
    report = Report(is_meeting_report=True, summary="", meeting=Meeting(kind="考察", date="--05-06"))
    assert coverage("5月6日，甄城商会赴外地考察。", report) == (2, 2)
    assert coverage("甄城商会考察。", Report(is_meeting_report=True, summary="")) == (0, 0)


def test_a_city_joined_to_its_bare_level_body_is_grounded() -> None:
    article = "蔺川市召开座谈会。市工商联主席卜某某主持。"
    found = {e.text: e for e in summary_entities("蔺川市工商联召开座谈会。", article)}
    assert found["蔺川市工商联"].grounded
    other = {e.text: e for e in summary_entities("邝山市工商联召开座谈会。", article)}
    assert not other["邝山市工商联"].grounded


def test_a_surname_with_a_title_stands_for_that_person() -> None:
    assert summary_problems_of("蔺主席主持会议。", ARTICLE, PARTICIPANTS, ORGANIZERS) == []
    assert summary_problems_of("甄主席主持会议。", ARTICLE, PARTICIPANTS, ORGANIZERS) == ["人名“甄主席”在文章中找不到"]


def test_a_rounded_number_is_grounded_to_its_precision() -> None:
    found = entities("签约17.5亿元，约1.75 billion yuan，17.6亿元。")
    assert found["17.5亿元"].grounded and found["1.75 billion"].grounded
    assert not found["17.6亿元"].grounded


def test_a_misread_name_is_no_person() -> None:
    article = "蔺总商会举行年会。会议由工总理事长卜某某主持。"
    summary = "蔺总商会举行年会，由工总理事长卜某某主持。"
    assert [e.text for e in summary_entities(summary, article) if e.kind == "person"] == ["卜某某"]
    assert summary_problems_of(summary, article, {"卜某某"}, set()) == []


def test_a_numeral_inside_a_word_grounds_no_count() -> None:
    article = "甄城市召开三农工作座谈会，第五届理事会换届。"
    found = {e.text: e for e in summary_entities("三家企业参加，五届理事会换届。", article)}
    assert not found["三家"].grounded and found["五届"].grounded
