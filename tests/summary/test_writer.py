"""The summary a report carries: whole sentences within the bound, or code's fallback."""

from __future__ import annotations

from summarizer.schema import Commitment, Meeting, Organization, Participant
from summarizer.summary.writer import SUMMARY_LIMIT, fallback_summary, whole_sentences


def test_a_sentence_the_model_did_not_end_is_left_out() -> None:
    assert whole_sentences("甲市商会召开理事会。双方将于下月在") == "甲市商会召开理事会。"


def test_sentences_beyond_the_bound_are_left_out_whole() -> None:
    first = "甲" * 70 + "。"
    assert whole_sentences(first + "乙" * 60 + "。") == first
    assert len(whole_sentences(first * 3)) <= SUMMARY_LIMIT


def test_a_single_sentence_longer_than_the_bound_leaves_nothing() -> None:
    assert whole_sentences("甲" * (SUMMARY_LIMIT + 5) + "。") == ""


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert whole_sentences("会长表示：“商会将组织考察。”双方") == "会长表示：“商会将组织考察。”"


def _commitment(strength: str) -> Commitment:
    return Commitment(actor="甲市商会", action="组织考察", evidence="商会将组织考察", strength=strength)


def test_the_fallback_says_when_who_hosted_what_who_took_part_and_what_came_of_it() -> None:
    meeting = Meeting(title="甲市商会三届二次理事会", kind="理事会", date="2024-03-05", location="甲市", organizers=["甲市商会"])
    people = [Participant(name="甄明", title="会长", organization="甲市商会"), Participant(name="蔺达", title="秘书长")]
    summary = fallback_summary(meeting, people, [], [_commitment("agreed"), _commitment("planned")])
    assert summary == "2024年3月5日，甲市商会在甲市举行甲市商会三届二次理事会。甲市商会会长甄明等参加。会上商定了合作事项，提出了计划和建议。"


def test_the_fallback_without_host_date_or_people_names_the_kind_and_the_bodies() -> None:
    orgs = [Organization(name=n, type="chamber") for n in ("甲市商会", "乙县商会", "丙区商会")]
    summary = fallback_summary(Meeting(kind="座谈会", date="--05-06"), [], orgs, [])
    assert summary == "5月6日，座谈会举行。甲市商会、乙县商会等单位参加。"


def test_a_year_from_the_pages_metadata_is_not_written() -> None:
    meeting = Meeting(kind="座谈会", date="2021-03-09", date_basis="page-date")
    assert fallback_summary(meeting, [], [], []) == "3月9日，座谈会举行。"


def test_a_summary_without_a_time_is_opened_with_the_events_date() -> None:
    from summarizer.summary.writer import with_date

    meeting = Meeting(kind="理事会", date="2024-03-05", date_basis="stated")
    assert with_date("甲市商会召开理事会。", meeting) == "2024年3月5日，甲市商会召开理事会。"
    assert with_date("3月5日，甲市商会召开理事会。", meeting) == "3月5日，甲市商会召开理事会。"
    assert with_date("近日，甲市商会召开理事会。", meeting) == "近日，甲市商会召开理事会。"
    assert with_date("甲" * (SUMMARY_LIMIT - 3) + "。", meeting).startswith("甲")  # no room: left as it is
    assert with_date("甲市商会召开理事会。", Meeting(kind="理事会")) == "甲市商会召开理事会。"
