"""The English summary keeps the report's pinyin spellings and the numbers."""

from __future__ import annotations

from summarizer.summary.english import english_problems


def test_a_name_spelled_as_the_report_spells_it_passes_in_any_case_or_hyphenation() -> None:
    assert english_problems("ZHEN Ming chaired; Lin-Da spoke.", "甄明主持，蔺达发言。", ["Zhen Ming", "Lin Da"]) == []


def test_a_name_written_otherwise_and_a_lost_number_are_reported() -> None:
    problems = english_problems("Chen Ming chaired the meeting.", "甄明主持会议，签约17.5亿元，共12个项目。", ["Zhen Ming"])
    assert problems == ["Zhen Ming", "17.5", "12"]


def test_numbers_with_thousands_separators_match() -> None:
    assert english_problems("The park handles 1,200 tons a day.", "园区日处理1200吨。", []) == []
