"""Commitment cue sentences on invented snippets."""

from __future__ import annotations

import pytest

from summarizer.article import from_text
from summarizer.document import Document
from summarizer.fields.commitments import build_commitment, find_commitment_sentences
from summarizer.fields.organizations import OrgCandidate
from summarizer.normalize import fold
from summarizer.schema import Participant
from summarizer.sentences import split_sentences


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


def clauses(text: str) -> list[tuple[str, str]]:
    found = find_commitment_sentences(fold(text), split_sentences(text))
    return [(text[c.span[0] : c.span[1]].strip("，。："), c.suggested) for c in found]


def test_listed_points_are_one_commitment_each() -> None:
    text = "市长提出三点要求：一是加强学习，二是深化合作，三是优化服务。"
    assert clauses(text) == [("一是加强学习", "proposed"), ("二是深化合作", "proposed"), ("三是优化服务", "proposed")]


def test_repeated_modal_clauses_split_and_the_lead_is_left_out() -> None:
    text = "主任指出，要坚持问题导向，要加快项目建设。"
    assert clauses(text) == [("要坚持问题导向", "proposed"), ("要加快项目建设", "proposed")]


@pytest.mark.parametrize("text", ["这是一次重要的会议。", "企业需要更多支持。", "会议纪要已印发。", "主要议题是招商。"])
def test_yao_in_other_words_is_no_cue(text: str) -> None:
    assert clauses(text) == []


def actors(text: str, people: list[str], orgs: list[str]) -> list[str]:
    doc = Document.of(from_text(text, "test"))
    participants = [Participant(name=name) for name in people]
    candidates = [OrgCandidate(name, text.find(name), text.find(name) + len(name)) for name in orgs]
    cues = find_commitment_sentences(doc.body, doc.sentences)
    return [build_commitment(doc, cue, cue.suggested, participants, candidates).actor for cue in cues]


def test_actor_is_the_speaker_the_paragraph_reports() -> None:
    text = "会长王建国主持会议并讲话。他指出，要凝聚会员力量。要加强自身建设。\n副会长李红梅表示，商会将组织考察。"
    assert actors(text, ["王建国", "李红梅"], []) == ["王建国", "王建国", "李红梅"]


def test_actor_of_an_agreement_names_the_parties() -> None:
    text = "甲市商会与乙县工商联签署友好合作协议。双方将建立互访机制。"
    assert actors(text, [], ["甲市商会", "乙县工商联"]) == ["甲市商会; 乙县工商联", "甲市商会; 乙县工商联"]


def test_actor_is_the_organization_opening_the_clause() -> None:
    text = "会上，李红梅介绍了情况。甲市商会将组织会员企业赴乙县考察。"
    assert actors(text, ["李红梅"], ["甲市商会"]) == ["甲市商会"]


@pytest.mark.parametrize(
    "text",
    [
        "副省长出席推进会并见证签约。",
        "在会长提议下，全体起立默哀一分钟。",
        "会议审议通过了下阶段工作计划。",
        "在春节即将到来之际，商会举行团拜会。",
        "双方企业家围绕今后合作方向进行了深入交流。",
        "为做好建议稿起草工作，开展了调研。",
        "中总一众领导欢迎来宾。",
        "处长卜某宣读《关于同意成立甲协会的批复》。",
        "自协定签署以来，双方贸易增长。",
        "该会的成立将起着一定的促进作用。",
    ],
    ids=["witness", "tiyi-xia", "plan-noun", "jijiang-daolai", "discussion-topic", "jianyi-gao", "welcome-guests",
         "document-title", "since-signing", "predicted-effect"],
)
def test_words_that_look_like_cues_but_commit_no_one(text: str) -> None:
    assert clauses(text) == []


def test_actor_of_a_pronoun_subject_is_the_person_named_before() -> None:
    text = "会上，滕建国当选为商会第二届会长。他表示，将不断提升服务能效。"
    assert actors(text, ["滕建国"], []) == ["滕建国"]


def test_points_the_meeting_makes_are_the_hosts() -> None:
    text = "甲县委统战部召开座谈会。会议强调，各商会要提高站位；要聚焦发展重点。"
    doc = Document.of(from_text(text, "test"))
    host = "甲县委统战部"
    cues = find_commitment_sentences(doc.body, doc.sentences)
    orgs = [OrgCandidate(host, 0, len(host))]
    assert [build_commitment(doc, c, c.suggested, [], orgs, host=host).actor for c in cues] == [host, host]


def test_an_organization_stating_its_own_plan_is_the_actor_not_the_speaker() -> None:
    text = "卜晓蒙表示，甲省工商联将积极协调相关部门。下一步，省工商联将持续加强沟通。"
    assert actors(text, ["卜晓蒙"], ["甲省工商联"]) == ["甲省工商联", "甲省工商联"]


def test_a_bare_kind_in_a_speakers_words_is_the_speakers_organization() -> None:
    text = "甲市汽车零部件行业协会会长滕春林表示，协会将于5月中旬组织会员企业赴乙市考察。"
    doc = Document.of(from_text(text, "test"))
    name = "甲市汽车零部件行业协会"
    participants = [Participant(name="滕春林", organization=name)]
    orgs = [OrgCandidate("乙市跨境电商协会", 0, 0), OrgCandidate(name, 0, len(name))]
    cues = find_commitment_sentences(doc.body, doc.sentences)
    assert [build_commitment(doc, c, c.suggested, participants, orgs).actor for c in cues] == [name]


def test_a_short_form_names_the_body_written_in_full_at_its_level() -> None:
    text = "甲市发展和改革委员会、乙县工商业联合会、甲市工商业联合会出席。市发展改革委将出台措施。市工商联将组织培训。"
    orgs = ["甲市发展和改革委员会", "乙县工商业联合会", "甲市工商业联合会"]
    assert actors(text, [], orgs) == ["甲市发展和改革委员会", "甲市工商业联合会"]


def test_a_request_addressed_to_a_body_is_the_speakers() -> None:
    text = "卜晓蒙指出，商会要发挥桥梁作用。"
    assert actors(text, ["卜晓蒙"], ["商会"]) == ["卜晓蒙"]


@pytest.mark.parametrize(
    ("text", "strength"),
    [
        ("会议决定第三届仍设名誉会长。", "agreed"),
        ("双方同意采取有效措施，加强经贸联系。", "agreed"),
        ("卢某允诺届时必定亲自出席成立大会。", "planned"),
        ("会长卜某表达了与甲商会开展合作的意愿。", "intended"),
        ("期盼各位乡亲为家乡建设做出新的贡献。", "intended"),
        ("卜某热情邀请联盟成员赴草原考察交流。", "proposed"),
        ("卢某欢迎联谊会未来多到台湾交流。", "proposed"),
    ],
    ids=["decided", "agreed-to", "promised", "willing", "hoping", "invited", "welcome-to-come"],
)
def test_commitment_words_beyond_jiang_and_yao(text: str, strength: str) -> None:
    assert [s for _, s in clauses(text)] == [strength]
