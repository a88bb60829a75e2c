"""Organization finder on invented Simplified snippets."""

from __future__ import annotations

import pytest

from summarizer.fields.organizations import OrgCandidate, find_organizations
from summarizer.fields.people import find_people
from summarizer.normalize import fold
from summarizer.sentences import split_sentences


def organizations(text: str) -> dict[str, OrgCandidate]:
    folded = fold(text)
    sentences = split_sentences(text)
    found = find_organizations(folded, text, sentences, find_people(folded, text, sentences))
    for org in found:
        assert text[org.start : org.end] == org.name
    return {org.name: org for org in found}






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


@pytest.mark.parametrize(
    "text",
    ["我们要服务好政府。", "依托商会开展工作。", "进一步壮大协会力量。", "考察团一行莅临商会。"],
    ids=["yao", "yituo", "zhuangda", "lilin"],
)
def test_a_verb_phrase_ending_in_a_suffix_is_no_organization(text: str) -> None:
    assert organizations(text) == {}


def test_names_with_words_that_hold_function_characters_are_kept() -> None:
    found = organizations("甲市智能制造行业协会与乙市新能源汽车产业联盟签约。")
    assert set(found) == {"甲市智能制造行业协会", "乙市新能源汽车产业联盟"}


def test_a_verb_after_a_place_is_part_of_the_name() -> None:
    assert set(organizations("甲市投资促进局局长出席。")) == {"甲市投资促进局"}


def test_a_city_federation_is_not_folded_into_a_region_federation() -> None:
    text = "自治区工商联调研组到甲市调研，甲市委统战部副部长、市工商联党组书记出席。"
    assert {"自治区工商联", "市工商联"} <= set(organizations(text))


def test_a_function_character_inside_a_word_does_not_cut_the_name() -> None:
    assert set(organizations("华为技术有限公司董事长出席，中国和平发展基金会代表发言。")) == {
        "华为技术有限公司", "中国和平发展基金会",
    }


def took_part_in(text: str) -> set[str]:
    """The organizations found in ``text`` that it shows taking part."""
    from summarizer.fields.organizations import took_part

    folded = fold(text)
    sentences = split_sentences(text)
    people = find_people(folded, text, sentences)
    return {name for name, org in organizations(text).items() if took_part(org, sentences, folded, people)}


def test_an_organization_only_mentioned_in_passing_did_not_take_part() -> None:
    text = "甲市商会召开理事会。会长卜建新主持。近年来，乙省贸易促进委员会发布的报告显示外贸回暖。丙县工商联代表出席会议。"
    assert took_part_in(text) == {"甲市商会", "丙县工商联"}


@pytest.mark.parametrize(
    "text",
    ["甲市基层商会代表参加。", "区县工商联负责人出席。", "乙省主要商会负责人出席。", "推广学习型商会建设。", "国家部委有关负责人出席。"],
    ids=["grassroots", "district-county", "main", "kind", "ministries"],
)
def test_a_class_of_bodies_is_no_organization(text: str) -> None:
    assert organizations(text) == {}


def test_central_is_an_adjective_before_work_and_tasks() -> None:
    assert organizations("各方围绕党和国家中心工作建言。") == {}


def test_a_place_in_brackets_stays_inside_a_company_name() -> None:
    assert set(organizations("甲国博利（中国）投资有限公司总裁甄大全出席。")) == {"甲国博利（中国）投资有限公司"}


def test_a_party_abbreviation_that_jieba_knows_as_one_word_is_kept() -> None:
    assert {"民建中央", "民进中央"} <= set(organizations("民建中央主席甄明、民进中央主席蔺达发言。"))


def test_a_county_federation_written_in_full_is_kept() -> None:
    assert "县工商业联合会" in organizations("县工商业联合会(商会)与甲市商会签约。")


def test_a_party_department_seen_only_in_titles_did_not_take_part() -> None:
    found = organizations("甲市委统战部副部长、甲市工商联党组书记卜明出席。")
    assert "甲市委统战部" not in found and "甲市工商联" in found


def test_a_company_where_the_meeting_was_held_is_the_venue() -> None:
    found = organizations("会议在宁波甄美家具有限公司举行。甲市商会会长卜明出席。")
    assert set(found) == {"甲市商会"}


def test_a_place_name_holding_an_adverb_character_is_kept() -> None:
    assert set(organizations("来自成都甲苍商会、成都乙陵商会的代表出席。")) == {"成都甲苍商会", "成都乙陵商会"}


def test_a_bank_branch_and_a_word_inside_a_longer_word_of_the_name() -> None:
    assert "建设银行甲江支行" in organizations("会上，建设银行甲江支行代表发言。")


def test_a_department_name_holding_he_is_whole() -> None:
    assert "甲县人力资源和社会保障局" in organizations("甲县人力资源和社会保障局局长卜波陪同。")


def test_a_clause_verb_ends_the_words_before_a_name() -> None:
    assert set(organizations("会上，卜某宣读甲市住建局文件；常务副秘书长单位乙星公司承办。")) == {"甲市住建局", "乙星公司"}


def test_an_organization_whose_officials_speak_at_the_meeting_took_part() -> None:
    from summarizer.fields.organizations import took_part

    text = "甲区召开民营经济工作会。会上，甲区工商联、甲区人民法院主要负责同志先后介绍了政策举措。"
    folded = fold(text)
    sentences = split_sentences(text)
    found = organizations(text)
    assert took_part(found["甲区人民法院"], sentences, folded, [])


def test_after_a_persons_name_the_organization_starts_at_the_place() -> None:
    assert set(organizations("甲省湖北商会会长兰粟年高度评价温州商会的办会智慧。")) == {"甲省湖北商会", "温州商会"}


@pytest.mark.parametrize(
    "text", ["全力支持两地商会开展交流。", "要充分发挥新时期工商联职能作用。"],
    ids=["two-places", "new-period"],
)
def test_no_organization_in_a_clause_about_bodies_in_general(text: str) -> None:
    assert organizations(text) == {}


def test_a_title_opening_with_a_suffix_is_no_name() -> None:
    assert organizations("由第2届总会长甄美香将印信交给新任总会长卜明裕。") == {}


def test_a_body_named_only_in_the_clause_of_leadership_did_not_take_part() -> None:
    kept = took_part_in("甲市商会召开理事会。会长卜建新主持。在乙省贸易促进委员会的指导下，商会与丙星公司签约合作。")
    assert "乙省贸易促进委员会" not in kept and "丙星公司" in kept


@pytest.mark.parametrize("text", ["在甲市委市政府的坚强领导下，商会发展壮大。", "感谢乙县县委县政府的支持。", "各级党委政府高度重视。"])
def test_a_party_committee_and_its_government_together_are_no_organization(text: str) -> None:
    assert not any(name.endswith("政府") for name in organizations(text))


def _affiliations(text: str) -> dict[str, str | None]:
    from summarizer.fields.organizations import find_organizations, resolve_references

    folded = fold(text)
    sentences = split_sentences(text)
    people = find_people(folded, text, sentences)
    resolve_references(people, find_organizations(folded, text, sentences, people), folded)
    return {p.name: p.organization for p in people}


def test_a_post_of_that_body_takes_the_body_named_before() -> None:
    text = "乙县商会考察团拜访甲市商会，受到该会理事长甄开明，副理事长蔺大为、卜小强等的热情接待。"
    assert _affiliations(text) == {"甄开明": "甲市商会", "蔺大为": "甲市商会", "卜小强": "甲市商会"}


def test_a_post_of_our_body_with_a_second_post_joined_by_jian() -> None:
    text = "甲省福建总商会举行联席会议。出席会议者尚有本会副理事长甄芳，董事兼外交主任蔺荣。"
    assert _affiliations(text) == {"甄芳": "甲省福建总商会", "蔺荣": "甲省福建总商会"}


def test_a_reference_to_a_body_never_named_is_no_organization() -> None:
    assert _affiliations("本会副会长甄芳出席。") == {"甄芳": None}
