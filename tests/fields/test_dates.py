"""Event date finder on invented snippets."""

from __future__ import annotations

import pytest

from summarizer.fields.dates import DateMention, find_meeting_date
from summarizer.normalize import fold
from summarizer.sentences import split_sentences


def meeting_date(text: str) -> DateMention | None:
    return find_meeting_date(fold(text), split_sentences(text))




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


@pytest.mark.parametrize(
    ("text", "value", "basis"),
    [
        # the body's day, not the dateline's; the dateline gives the year
        ("本报讯 2021-06-15 6月12日，市商会召开座谈会。", "2021-06-12", "dateline"),
        ("（2021年7月27日讯）7月26日下午，协会举行交流会。", "2021-07-26", "dateline"),
        ("[2020-11-05] 11月3日，考察团一行到访商会。", "2020-11-03", "dateline"),
        # a December meeting reported in January belongs to the year before
        ("发布时间：2021-01-02\n12月30日，商会举办年会。", "2020-12-30", "dateline"),
        # relative days against the dateline
        ("本报讯 2022-03-10 昨天上午，工商联召开座谈会。", "2022-03-09", "dateline"),
        ("本报讯 2022-03-10 前天，商会会见来访客商。", "2022-03-08", "dateline"),
        ("2022年3月10日讯 今天下午，协会召开理事会。", "2022-03-10", "dateline"),
        # Chinese numerals
        ("二〇二四年三月九日，协会召开成立大会。", "2024-03-09", "stated"),
        ("十一月二十日，商会举行签约仪式。", "--11-20", "none"),
        # the year of the event's own date wins over the dateline
        ("发布日期：2023-01-05\n2022年12月28日，协会召开年会。", "2022-12-28", "stated"),
        # the date of the sentence that reports the event, not an earlier mention
        ("商会成立于2015年3月1日。5月20日，商会召开会员大会。", "--05-20", "none"),
    ],
    ids=["dateline-iso", "dateline-xun", "bracket", "year-before", "yesterday", "day-before", "today",
         "cn-full", "cn-month-day", "own-year", "event-sentence"],
)
def test_event_date_and_basis(text: str, value: str, basis: str) -> None:
    found = meeting_date(text)
    assert found is not None and (found.value, found.basis) == (value, basis)


@pytest.mark.parametrize(
    "text",
    [
        "2021615日，商会召开座谈会。",  # digits run together: no month
        "近日，商会召开座谈会。",
        "日前，协会举行交流会。",
        "昨天上午，工商联召开座谈会。",  # a relative day with no dateline to resolve it
        "2月30日，协会召开理事会。",  # no such day
    ],
    ids=["garbled", "jinri", "riqian", "yesterday-no-dateline", "no-such-day"],
)
def test_no_event_date(text: str) -> None:
    assert meeting_date(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("本报2024年4月18日讯 18日上午，工商联召开座谈会。", "2024-04-18"),
        ("本报2024年5月2日讯 29日下午，商会举行签约仪式。", "2024-04-29"),
    ],
    ids=["same-month", "month-before"],
)
def test_day_without_month_reads_the_dateline_month(text: str, value: str) -> None:
    found = meeting_date(text)
    assert found is not None and (found.value, found.basis) == (value, "dateline")


def test_day_without_month_and_no_dateline_gives_no_date() -> None:
    assert meeting_date("18日上午，工商联召开座谈会。") is None


def test_on_an_itinerary_the_event_is_on_the_last_day_before_the_act() -> None:
    found = meeting_date("6月10日，访问团出发往甲市，11日转赴乙市，13日到达丙市，当天下午拜访丙市商会。")
    assert found is not None and found.value == "--06-13"


def test_a_range_keeps_its_first_day_and_a_parenthesised_date_is_read() -> None:
    assert meeting_date("3月5日至7日，考察团在乙市考察。").value == "--03-05"  # type: ignore[union-attr]
    assert meeting_date("院长于本(3月31)日会见访问团。").value == "--03-31"  # type: ignore[union-attr]


def test_twenty_written_as_nian() -> None:
    date = meeting_date("本会领导于五月廿五日（星期五）前往乙市，召开联席会议。")
    assert date is not None and date.value == "--05-25"


def test_the_date_of_an_event_still_to_come_is_not_the_reported_one() -> None:
    text = "2015-05-30 00:00 甲联谊会五月二十八日拜会乙办事处。该会将于今年八月十五日举行成立典礼。"
    date = meeting_date(text)
    assert date is not None and (date.value, date.basis) == ("2015-05-28", "dateline")


def test_a_report_that_gives_its_event_no_day_has_no_date() -> None:
    assert meeting_date("某网10月13日讯 日前，甲同乡会代表团出席乙总会座谈会。") is None
    assert meeting_date("日期: 2012年06月27日 甲商会一行于日前访问乙总商会。该会将于七月五日举行成立典礼。") is None


def test_a_story_dateline_without_its_year_is_the_reference_for_today() -> None:
    date = meeting_date("某日报\n2020年03月20日\n本报兰州3月19日讯 今天下午，省发展改革委召开推进会。")
    assert date is not None and (date.value, date.basis) == ("2020-03-19", "dateline")


@pytest.mark.parametrize(
    ("text", "page", "value", "basis"),
    [
        ("3月9日，甲商会召开座谈会。", "2021-03-10", "2021-03-09", "page-date"),
        ("12月30日，甲商会召开年会。", "2021-01-02", "2020-12-30", "page-date"),
        ("昨天，甲商会召开理事会。", "2021-03-10", "2021-03-09", "page-date"),
        ("今天上午，甲商会召开理事会。", "2021-03-10", "2021-03-10", "page-date"),
        ("本报讯 2021年7月27日讯 7月26日，甲商会召开理事会。", "2021-08-30", "2021-07-26", "dateline"),
        ("2019年5月6日，甲商会召开理事会。", "2021-03-10", "2019-05-06", "stated"),
    ],
    ids=["same-year", "year-before", "yesterday", "today", "dateline-first", "stated"],
)
def test_the_page_date_is_the_reference_when_the_text_has_none(text: str, page: str, value: str, basis: str) -> None:
    import datetime as dt

    date = find_meeting_date(fold(text), split_sentences(text), dt.date.fromisoformat(page))
    assert date is not None and (date.value, date.basis) == (value, basis)


@pytest.mark.parametrize("text", ["近日，甲商会召开座谈会。", "日前，甲商会一行到访乙市。"])
def test_no_day_stays_null_with_a_page_date(text: str) -> None:
    import datetime as dt

    assert find_meeting_date(fold(text), split_sentences(text), dt.date(2021, 3, 10)) is None


def test_without_any_reference_the_year_stays_unknown() -> None:
    date = meeting_date("3月9日，甲商会召开座谈会。")
    assert date is not None and (date.value, date.basis) == ("--03-09", "none")


def test_a_republic_of_china_date_line_is_the_reference() -> None:
    date = meeting_date("甲联谊会访问乙办\n日期:109-01-17\n(某报讯)甲总会一行返台访问，并于15日拜会丙委员会。")
    assert date is not None and (date.value, date.basis) == ("2020-01-15", "dateline")


def test_a_republic_of_china_year_in_the_body_is_stated() -> None:
    date = meeting_date("民国109年1月17日，甲商会召开理事会。")
    assert date is not None and (date.value, date.basis) == ("2020-01-17", "stated")


def test_a_day_alone_takes_the_month_of_a_dateline_without_its_year() -> None:
    date = meeting_date("乙城12月16日电 (记者白某)甲商会执委会就职典礼12日在乙城举行。")
    assert date is not None and (date.value, date.basis) == ("--12-12", "none")


def test_the_one_year_in_the_headline_names_the_events_year() -> None:
    found = meeting_date("甲市商会2019年度三次会议纪实\n3月5日，甲市商会召开理事会，会长甄明主持。")
    assert found is not None and found.value == "--03-05"  # 年度 is a period, not the event's year
    found = meeting_date("2021甲省商会峰会纪实\n3月5日，甲省商会峰会召开，会长甄明主持。")
    assert found is not None and (found.value, found.basis) == ("2021-03-05", "stated")


def test_two_years_in_the_headline_give_none() -> None:
    found = meeting_date("2020-2021甲省商会峰会纪实\n3月5日，峰会召开，会长甄明主持。")
    assert found is not None and found.value == "--03-05"


def test_a_sentence_naming_the_event_opening_dates_it() -> None:
    found = meeting_date("2022年6月15日，甲省合作峰会开幕。6月16日，与会嘉宾座谈交流。")
    assert found is not None and found.value == "2022-06-15"
