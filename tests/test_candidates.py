"""Candidate finders on invented Simplified snippets: people, organizations, dates, cue sentences."""

from __future__ import annotations

import pytest

from summarizer.candidates import (
    DateMention,
    OrgCandidate,
    PersonCandidate,
    find_commitment_sentences,
    find_meeting_date,
    find_organizations,
    find_people,
)
from summarizer.normalize import fold
from summarizer.sentences import split_sentences


def people(text: str) -> dict[str, PersonCandidate]:
    found = find_people(fold(text), text, split_sentences(text))
    for person in found:
        assert text[person.start : person.end] == person.name
    return {person.name: person for person in found}


def organizations(text: str) -> dict[str, OrgCandidate]:
    folded = fold(text)
    sentences = split_sentences(text)
    found = find_organizations(folded, text, sentences, find_people(folded, text, sentences))
    for org in found:
        assert text[org.start : org.end] == org.name
    return {org.name: org for org in found}


def meeting_date(text: str) -> DateMention | None:
    return find_meeting_date(fold(text), split_sentences(text))


# --- people -----------------------------------------------------------------------------


def test_title_before_name_with_organization() -> None:
    found = people("市商务局局长王建国出席会议。")
    assert set(found) == {"王建国"}
    person = found["王建国"]
    assert person.title == "局长"
    assert person.organization == "市商务局"
    assert "title-before" in person.evidence
    assert person.mentions == [1]


def test_title_before_name_in_traditional_script_keeps_article_script() -> None:
    found = people("市商務局局長王建國出席會議。")
    assert set(found) == {"王建國"}
    assert found["王建國"].title == "局長"
    assert found["王建國"].organization == "市商務局"


def test_long_organization_before_title_and_name() -> None:
    found = people("东莞市新材料行业协会会长林晓峰致辞。")
    assert found["林晓峰"].title == "会长"
    assert found["林晓峰"].organization == "东莞市新材料行业协会"


def test_name_before_title() -> None:
    found = people("李明华会长表示，协会将继续支持会员企业发展。")
    assert set(found) == {"李明华"}
    assert found["李明华"].title == "会长"
    assert "title-after" in found["李明华"].evidence


def test_compound_surname_before_title() -> None:
    found = people("欧阳明辉会长主持会议。")
    assert set(found) == {"欧阳明辉"}
    assert found["欧阳明辉"].title == "会长"


def test_list_after_leaders() -> None:
    found = people("市领导张三丰、李四海、王五洲参加活动。")
    assert set(found) == {"张三丰", "李四海", "王五洲"}
    assert "list" in found["李四海"].evidence and "list" in found["王五洲"].evidence
    assert [p.start for p in found.values()] == sorted(p.start for p in found.values())


def test_mentions_collect_every_sentence_naming_the_person() -> None:
    text = "市商务局局长王建国出席会议。会议气氛热烈。王建国表示，将加大支持力度。"
    found = people(text)
    assert found["王建国"].mentions == [1, 3]


@pytest.mark.parametrize(
    "text",
    [
        "相关负责人表示，协会将做好服务。",
        "秘书长方面表示支持。",
        "会长单位代表发言。",
        "各位会长同时表示，要加强交流。",
        "会长们表示赞同。",
        "班子成员参加会议。",
        "会议由协会秘书长主持。",
    ],
    ids=["xiangguan", "fangmian", "danwei", "tongshi", "men", "chengyuan", "zhuchi"],
)
def test_non_name_word_next_to_a_title_is_not_a_candidate(text: str) -> None:
    assert people(text) == {}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        pytest.param(
            "协会会长高度评价了这次活动。", "高度", id="gaodu"),
        pytest.param(
            "区委书记关于加强合作的讲话。", "关于", id="guanyu"),
        pytest.param(
            "理事长金融工作经验丰富。", "金融", id="jinrong"),
        pytest.param(
            "各协会会长向大家介绍了发展情况。", "向大家", id="xiangdajia"),
        pytest.param(
            "公司总经理王建国表示，", "公司总", id="gongsizong"),
    ],
)
def test_common_word_after_a_title_is_not_a_candidate(text: str, word: str) -> None:
    assert not any(name.startswith(word) for name in people(text))


@pytest.mark.parametrize("text", ["会上，李国强表示支持。", "公司总经理黄志强发言。"], ids=["liguoqiang", "huangzhiqiang"])
def test_given_name_ending_in_a_stop_character(text: str) -> None:
    found = people(text)
    name = "李国强" if "李国强" in text else "黄志强"
    assert name in found
    assert name[:2] not in found


def test_organization_does_not_swallow_a_previous_person() -> None:
    found = people("市委书记王建国和副市长李红梅出席。")
    assert found["王建国"].title == "书记"
    assert found["李红梅"].title == "副市长"
    assert "王建国" not in (found["李红梅"].organization or "")


# --- organizations -----------------------------------------------------------------------


def test_two_organizations_joined_by_yu() -> None:
    found = organizations("广州市机器人产业协会与深圳市电子商会签约。")
    assert set(found) == {"广州市机器人产业协会", "深圳市电子商会"}
    assert found["广州市机器人产业协会"].mentions == [1]


def test_organization_drops_a_leading_verb() -> None:
    found = organizations("由广州市工商业联合会主办的座谈会在天河举行。")
    assert set(found) == {"广州市工商业联合会"}


def test_organization_before_a_title_ends_at_the_title() -> None:
    found = organizations("东莞市新材料行业协会会长林晓峰致辞。")
    assert set(found) == {"东莞市新材料行业协会"}


def test_traditional_organization_names_in_article_script() -> None:
    found = organizations("廣州市機器人產業協會與深圳市電子商會簽約。")
    assert set(found) == {"廣州市機器人產業協會", "深圳市電子商會"}


def test_title_word_is_not_an_organization() -> None:
    # 局长 / 会长 begin titles; 布局 is an ordinary word
    found = organizations("局长指出，要优化产业布局。")
    assert found == {}


def test_verb_ending_in_an_org_suffix_is_not_an_organization() -> None:
    assert organizations("双方签署合作协议，将共同推进项目。") == {}


# --- meeting date -----------------------------------------------------------------------


def test_full_date() -> None:
    date = meeting_date("2023年5月6日，双方在广州召开座谈会。")
    assert date is not None and date.value == "2023-05-06"
    assert (date.start, date.end) == (0, len("2023年5月6日"))


def test_month_day_without_any_year() -> None:
    date = meeting_date("5月6日上午，双方在广州召开座谈会。会议持续两小时。")
    assert date is not None and date.value == "--05-06"


def test_dateline_gives_the_year() -> None:
    text = "深圳新闻网2022年7月27日讯 7月27日下午，座谈会在福田举行。"
    date = meeting_date(text)
    assert date is not None and date.value == "2022-07-27"


def test_year_borrowed_from_a_later_full_date_with_same_month_day() -> None:
    date = meeting_date("7月27日下午，座谈会举行。本报2022年7月27日电")
    assert date is not None and date.value == "2022-07-27"


def test_year_borrowed_from_a_bare_year_in_the_same_sentence() -> None:
    date = meeting_date("3月9日，2023年全市商会工作会议召开。")
    assert date is not None and date.value == "2023-03-09"


def test_last_year_date_is_not_taken() -> None:
    date = meeting_date("去年12月15日，联盟筹建成立。3月9日，联盟召开交流会。")
    assert date is not None and date.value == "--03-09"


def test_last_year_month_alone_gives_no_date() -> None:
    assert meeting_date("去年12月，联盟筹建成立。会议围绕发展交流。") is None


def test_year_month_fallback() -> None:
    date = meeting_date("2023年5月，协会召开会员大会。")
    assert date is not None and date.value == "2023-05"


def test_iso_date() -> None:
    date = meeting_date("2021/3/9 座谈会在园区召开。")
    assert date is not None and date.value == "2021-03-09"


def test_no_date() -> None:
    assert meeting_date("双方在广州召开座谈会。") is None


# --- commitment cue sentences ------------------------------------------------------------


def test_commitment_sentences() -> None:
    text = "双方将在明年共同举办展会。会长建议成立联络小组。会议现场气氛热烈。"
    sentences = split_sentences(text)
    found = find_commitment_sentences(fold(text), sentences)
    by_id = {cue.sentence.id: cue for cue in found}
    assert set(by_id) == {1, 2}
    assert by_id[1].suggested == "planned" and "将" in by_id[1].cues
    assert by_id[2].suggested == "proposed" and "建议" in by_id[2].cues
    assert by_id[1].sentence.text == "双方将在明年共同举办展会。"


def test_plain_descriptive_sentences_are_skipped() -> None:
    text = "会议现场气氛热烈。与会人员参观了展厅。将近百家企业参加。"
    assert find_commitment_sentences(fold(text), split_sentences(text)) == []


def test_agreement_outranks_plan() -> None:
    text = "双方签署合作协议，将共同推进项目。"
    found = find_commitment_sentences(fold(text), split_sentences(text))
    assert len(found) == 1 and found[0].suggested == "agreed"


def test_commitment_cues_in_traditional_script() -> None:
    text = "雙方將共同舉辦對接會。會長建議設立聯絡機制。"
    found = find_commitment_sentences(fold(text), split_sentences(text))
    assert [(c.sentence.id, c.suggested) for c in found] == [(1, "planned"), (2, "proposed")]
