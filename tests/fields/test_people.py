"""People finder on invented Simplified snippets."""

from __future__ import annotations

import pytest

from summarizer.fields.people import PersonCandidate, find_people
from summarizer.normalize import fold
from summarizer.sentences import split_sentences


def people(text: str) -> dict[str, PersonCandidate]:
    found = find_people(fold(text), text, split_sentences(text))
    for person in found:
        assert text[person.start : person.end] == person.name
    return {person.name: person for person in found}


def test_title_before_name_in_traditional_script_keeps_article_script() -> None:
    found = people("市商務局局長王建國出席會議。")
    assert set(found) == {"王建國"}
    assert found["王建國"].title == "局長"
    assert found["王建國"].organization == "市商務局"


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


@pytest.mark.parametrize("text", ["会上，李国强表示支持。", "公司总经理黄志强发言。"], ids=["liguoqiang", "huangzhiqiang"])
def test_given_name_ending_in_a_stop_character(text: str) -> None:
    found = people(text)
    name = "李国强" if "李国强" in text else "黄志强"
    assert name in found
    assert name[:2] not in found


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


def test_title_before_name_with_organization() -> None:
    found = people("市商务局局长王建国出席会议。")
    assert set(found) == {"王建国"}
    person = found["王建国"]
    assert person.title == "局长"
    assert person.organization == "市商务局"
    assert "title-before" in person.evidence
    assert person.mentions == [1]


def test_long_organization_before_title_and_name() -> None:
    found = people("东莞市新材料行业协会会长林晓峰致辞。")
    assert found["林晓峰"].title == "会长"
    assert found["林晓峰"].organization == "东莞市新材料行业协会"


def test_organization_does_not_swallow_a_previous_person() -> None:
    found = people("市委书记王建国和副市长李红梅出席。")
    assert found["王建国"].title == "书记"
    assert found["李红梅"].title == "副市长"
    assert "王建国" not in (found["李红梅"].organization or "")


def test_a_list_takes_whole_items_and_splits_its_first_and_last() -> None:
    found = people("出席会议的还有甄信和、卜永年、欧阳明远、滕震和邝恩迪。")
    assert set(found) == {"甄信和", "卜永年", "欧阳明远", "滕震", "邝恩迪"}


def test_a_name_whose_surname_is_not_listed_between_a_title_and_a_cue() -> None:
    assert "达瓦次仁" in people("区工商联副主席达瓦次仁出席座谈会并讲话。")


def test_the_third_character_opening_a_word_is_not_part_of_the_name() -> None:
    found = people("办事处主任蔺阳亲自带队参观。")
    assert set(found) == {"蔺阳"}


@pytest.mark.parametrize(
    "text",
    ["中共中央总书记、国家主席出席。", "秘书长在总结时表示，活动圆满。", "会议审议了办法和新增理事名单。", "听取静安区、普陀区汇报。"],
    ids=["dictionary-word", "preposition", "conjunction", "place"],
)
def test_words_next_to_titles_and_cues_are_not_names(text: str) -> None:
    assert people(text) == {}


def test_two_names_before_an_attendance_cue() -> None:
    assert set(people("蔺干杰、滕立峰出席座谈会。")) == {"蔺干杰", "滕立峰"}


def test_the_first_post_with_an_organization_is_the_title() -> None:
    found = people("市政协副主席、市工商联主席甄卫东出席。新任理事代表、甲乙建材有限公司总经理滕海燕发言。")
    assert (found["甄卫东"].title, found["甄卫东"].organization) == ("副主席", "市政协")
    assert (found["滕海燕"].title, found["滕海燕"].organization) == ("总经理", "甲乙建材有限公司")


def test_an_organization_is_cut_back_to_its_suffix() -> None:
    found = people("市投资促进局招商二科科长蔺立新应邀到会。")
    assert (found["蔺立新"].title, found["蔺立新"].organization) == ("科长", "市投资促进局")


def test_listed_names_share_the_post_and_organization() -> None:
    found = people("中共中央政治局常委蔺沪宁、滕奇出席。甲市乙县商会会长卜建新，党支部书记邝楚忠参加座谈。")
    assert (found["滕奇"].title, found["滕奇"].organization) == ("常委", "中共中央政治局")
    assert found["邝楚忠"].organization == "甲市乙县商会"


def test_japanese_names_and_honorifics() -> None:
    found = people("日本商工会议所会长佐藤健一郎、副会长鈴木一出席。丹斯里林福山致辞。")
    assert {"佐藤健一郎", "鈴木一", "林福山"} <= set(found)
    assert found["林福山"].title == "丹斯里"


def test_a_pair_joined_by_he_inside_a_list_and_a_list_ending_in_deng() -> None:
    found = people("还有甄信和、卜永年、滕震和邝恩迪、蔺立佳、巩轩等。")
    assert set(found) == {"甄信和", "卜永年", "滕震", "邝恩迪", "蔺立佳", "巩轩"}


def test_an_office_is_no_name_and_a_party_before_a_name() -> None:
    found = people("中央办公厅主任蔺奇出席。民进党滕佳滨主席发言。")
    assert "公厅" not in found and {"蔺奇", "滕佳滨"} <= set(found)


def test_a_conjunction_after_a_title_joins_a_name_written_before_its_title() -> None:
    assert set(people("原则上由甄博会长和蒲彩林常务副会长选址决定。")) == {"甄博", "蒲彩林"}


def test_a_cue_that_needs_an_object_before_a_comma_ends_the_name() -> None:
    assert "蔡章作" in people("组织副主任蔡章作，秘书长卜长江出席。")


def test_names_after_openers_are_found_when_a_title_follows() -> None:
    found = people("由卜德全会长偕同萧妃英副会长、萧家海副会长拜会办事处，办事处由卢长水主任与林佳彻秘书接见。")
    assert {"卜德全", "萧妃英", "萧家海", "卢长水", "林佳彻"} <= set(found)


def test_a_person_named_only_where_their_words_are_studied_is_absent() -> None:
    found = people("座谈会上，集中学习了甄某某总书记重要讲话精神。县委常委、统战部长蔺某某出席会议。")
    assert "absent" in found["甄某某"].evidence and "absent" not in found["蔺某某"].evidence


def test_a_host_also_cited_elsewhere_is_not_absent() -> None:
    found = people("甄某某主持座谈会并讲话。会议强调，要学习贯彻甄某某重要讲话精神。")
    assert "absent" not in found["甄某某"].evidence


def test_a_transcript_title_and_name_with_a_space_between() -> None:
    found = people("【同期声】全国政协副主席、甲市工商联主席 甄孟复：潮商在近代商业史上很重要。")
    assert found["甄孟复"].title == "副主席" and found["甄孟复"].organization == "全国政协"


def test_a_title_starting_with_a_place_ending_follows_a_name() -> None:
    assert set(people("甲商会在理事长甄亨利乡贤率领下出发。")) == {"甄亨利"}


@pytest.mark.parametrize(
    "text",
    ["甲会长表示，这次到访旨在响应国家主席甄某某提出的倡议。", "以甄某某同志为核心的党中央高度重视民营经济。"],
    ids=["responding", "at-the-core"],
)
def test_a_leader_cited_is_absent(text: str) -> None:
    assert all("absent" in p.evidence for p in people(text).values() if p.name.startswith("甄"))
