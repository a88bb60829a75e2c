"""The event date and where its year came from.

Deterministic code, not the model's guess. The text is searched for date mentions
(Arabic or Chinese numerals, ISO forms, relative days); a dateline or publication
line is a *reference* date, never the event date unless the body says so. The event
date is the first mention in a sentence that reports an event, else the first mention;
its year comes from the date itself or the same sentence (``stated``), else from the
reference date (``dateline``); without any year it stays ``--MM-DD`` (``none``).
A month and day that do not exist, or digits run together, give no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summarizer.fields.words.events import EVENT_NOUNS, EVENT_WORDS
from summarizer.schema import DateBasis
from summarizer.sentences import Sentence, sentence_at

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○一二三四五六七八九十"

_DATE = re.compile(
    rf"(?:(?P<year>(?<!\d)(?:19|20)\d{{2}}|[{_CN}]{{4}})\s*年\s*)?"
    rf"(?P<month>(?<![\d{_CN}])(?:1[0-2]|0?[1-9])|十[一二]?|[一二三四五六七八九])\s*月\s*"
    rf"(?P<day>(?:3[01]|[12]\d|0?[1-9])(?!\d)|三十一?|二?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])\s*[)）]?\s*[日号]"
    r"|(?<!\d)(?P<iso_year>(?:19|20)\d{2})(?P<sep>[-/.])(?P<iso_month>1[0-2]|0?[1-9])(?P=sep)(?P<iso_day>3[01]|[12]\d|0?[1-9])(?!\d)"
)
_YEAR_MONTH = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月(?![\s\d一二三四五六七八九十]*[日号])")
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!度|\s*\d|以来|前|后|成立|起|底|初)")
# A day without its month (18日上午): read against the dateline's month.
_DAY = re.compile(r"(?<![\d月年\-/.号日])(3[01]|[12]\d|0?[1-9])\s*日")
_DAY_ONLY = re.compile(_DAY.pattern + rf"(?=[上下中]午|晚|傍晚|早上|凌晨|[，,在于]|{EVENT_WORDS})")  # 18日上午, 15日拜会
_RELATIVE = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0}
_RELATIVE_RE = re.compile("|".join(_RELATIVE))
# Words before a date that make it a publication date, not the event's.
_PUBLISHED_BEFORE = re.compile(r"(?:发布|更新|发表|出版|时间|日期|来源|编辑|录入)\s*[:：]?\s*$")
# A dateline: 本报讯 …2021年7月27日讯, [2020-11-05], a date alone on its line.
_DATELINE_AFTER = re.compile(
    r"^\s*(?:\d{1,2}[:：]\d{2}|(?:[讯電电]|消息|报道|\]|】|$|\n|来源|作者|编辑|浏览|"
    r"[)）]?\s*(?:\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|前天|昨天|昨日|今天|今日|近日|日前)))"
)
_DATELINE_BEFORE = re.compile(r"(?:本报讯|讯|電|电|消息|[\[【(（])\s*(?:[(（]?\s*记者[^)）]{0,12}[)）])?\s*$")
# Dates that are not this event's: another year's, a founding date, a deadline.
_OTHER_EVENT_BEFORE = re.compile(r"(?:去年|前年|成立于|创办于|始建于|截至|截止|自|从|于\d{4}年)\s*$")
# An event still to come (将于今年8月15日举行): the date of another event than the one reported.
_ANNOUNCED_BEFORE = re.compile(r"(?:将于|定于|拟于|计划于|将在|预计于?)[^，,。；;]{0,4}$")
# Words that give the reported event no day (日前, 近日 …).
_NO_DAY = re.compile(r"日前|近日|前不久")


@dataclass(frozen=True)
class DateMention:
    value: str  # YYYY-MM-DD, YYYY-MM or --MM-DD
    start: int
    end: int
    basis: DateBasis = "none"


@dataclass(frozen=True)
class _Found:
    year: int | None
    month: int
    day: int
    start: int
    end: int


def _cn_number(text: str) -> int:
    """一 … 三十一 as an integer; 二〇二四 read digit by digit."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")  # 廿五 = 25, 卅一 = 31
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: --02-29 stays possible
    except ValueError:
        return False
    return True


# A Republic of China year (民国109年1月17日; 日期: 109-01-17 on Taiwanese sites): year + 1911.
_ROC_DATE = re.compile(
    r"(?:民国\s*(?P<year>\d{2,3})\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月\s*(?P<day>3[01]|[12]\d|0?[1-9])\s*日"
    r"|(?<=日期)[:：]?\s*(?P<short_year>1\d{2})-(?P<short_month>1[0-2]|0[1-9])-(?P<short_day>3[01]|[12]\d|0[1-9])(?!\d))"
)


def _roc_mentions(folded: str) -> list[_Found]:
    found = []
    for match in _ROC_DATE.finditer(folded):
        year, month, day = (match.group(g) or match.group(f"short_{g}") for g in ("year", "month", "day"))
        y, m, d = int(year) + 1911, int(month), int(day)
        if _valid(y, m, d):
            start = match.start("year") if match.group("year") else match.start("short_year")
            found.append(_Found(y, m, d, start, match.end()))
    return found


def _mentions(folded: str) -> list[_Found]:
    found = _roc_mentions(folded)
    for match in _DATE.finditer(folded):
        if match.group("iso_year"):
            year, month, day = match.group("iso_year"), match.group("iso_month"), match.group("iso_day")
        else:
            year, month, day = match.group("year"), match.group("month"), match.group("day")
        y = _cn_number(year) if year else None
        m, d = _cn_number(month), _cn_number(day)
        if y is not None and not 1900 <= y <= 2100:
            y = None
        if _valid(y, m, d):
            found.append(_Found(y, m, d, match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def _is_dateline(folded: str, found: _Found) -> bool:
    before = folded[max(0, found.start - 10) : found.start]
    after = folded[found.end : found.end + 12]
    if found.year is None:
        return bool(re.match(r"\s*[讯電电]", after))  # 某网10月13日讯: a dateline without its year
    return bool(_PUBLISHED_BEFORE.search(before) or _DATELINE_AFTER.match(after) or _DATELINE_BEFORE.search(before))


def reference_date(folded: str) -> dt.date | None:
    """The dateline or publication date written in the text, if any. A story's dateline
    without its year (兰州3月19日讯) is preferred to a page's date, which gives it the year."""
    datelines = [found for found in _mentions(folded) if _is_dateline(folded, found)]
    dated = next((f for f in datelines if f.year), None)
    if dated is None:
        return None
    page = dt.date(dated.year, dated.month, dated.day)  # type: ignore[arg-type]
    story = next((f for f in datelines if f.year is None), None)
    if story:
        year = _with_reference_year(story.month, story.day, page)
        if _valid(year, story.month, story.day):
            return dt.date(year, story.month, story.day)
    return page


def _with_reference_year(month: int, day: int, reference: dt.date) -> int:
    """The year of a month-day reported on ``reference``: the same year, or the year before
    when the month-day would fall more than two months after the report."""
    year = reference.year
    if _valid(year, month, day) and dt.date(year, month, day) > reference + dt.timedelta(days=60):
        return year - 1
    return year


def _day_in_reference_month(day: int, reference: dt.date) -> dt.date | None:
    """The latest date with this day of the month on or before the reference date."""
    year, month = reference.year, reference.month
    if day > reference.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return dt.date(year, month, day) if _valid(year, month, day) else None


def _last_day_before_the_event(folded: str, chosen: _Found, sentence: Sentence | None, event_re: re.Pattern[str]) -> _Found:
    """On an itinerary (6月10日出发，11日…，13日到达，当天礼访…) the event's day is the
    last day named before the act, in the same month."""
    if sentence is None:
        return chosen
    acts = [m for m in event_re.finditer(folded, chosen.end, sentence.end) if folded[m.end() : m.end() + 1] not in "团组"]
    if not acts:
        return chosen  # 访问团, 考察组 name the visitors, not the act
    act = acts[0]
    days = [
        m for m in _DAY.finditer(folded, chosen.end, act.start())
        if int(m.group(1)) > chosen.day and not re.search(r"[至到\-—~～]$", folded[max(0, m.start() - 1) : m.start()])
    ]
    if not days or not _valid(chosen.year, chosen.month, int(days[-1].group(1))):
        return chosen
    return _Found(chosen.year, chosen.month, int(days[-1].group(1)), days[-1].start(), days[-1].end())



# A sentence that names an event or its opening without an act of taking part
# (6月15日，某峰会开幕): the event's date when no sentence reports an act.
_EVENT_NAMED = re.compile("|".join(EVENT_NOUNS + ("开幕", "启幕", "揭牌")))
# A year written alone (2022 某峰会, 某学会2017三个会议), not part of a longer number.
_YEAR_ALONE = re.compile(r"(?<![\d.\-/])((?:19|20)\d{2})(?![\d.\-/]|\s*年\s*(?:度|以来|前|后|底|初|[\d一二三四五六七八九十]+\s*月))")


def _headline_year(folded: str, sentences: list[Sentence]) -> int | None:
    """The one year the headline and lead write, which reports name their event by
    (2023年某签约仪式, 2022某峰会): the event's year when no date or dateline gives it.
    The year of a date (成立于2015年3月1日) names that date, not the event."""
    lead = "".join(folded[s.start : s.end] for s in sentences[:2])
    years = {int(m.group(1)) for m in _YEAR_ALONE.finditer(lead)}
    return years.pop() if len(years) == 1 else None


def find_meeting_date(folded: str, sentences: list[Sentence], page_date: dt.date | None = None) -> DateMention | None:
    """The event date with its basis, or None when the text gives no day for it.

    ``page_date`` is the publication date of the page the text came from (its metadata
    or its address): the reference when the text itself has no dateline."""
    mentions = _mentions(folded)
    reference = reference_date(folded)
    from_reference: DateBasis = "dateline"
    if reference is None and page_date is not None:
        reference, from_reference = page_date, "page-date"
    candidates = [
        f for f in mentions
        if not _is_dateline(folded, f)
        and not _OTHER_EVENT_BEFORE.search(folded[max(0, f.start - 6) : f.start])
        and not _ANNOUNCED_BEFORE.search(folded[max(0, f.start - 8) : f.start])
    ]
    event_re = re.compile(EVENT_WORDS)

    def sentence_text(at: int) -> str:
        sentence = sentence_at(sentences, at)
        return folded[sentence.start : sentence.end] if sentence else ""

    first_report = next(
        (s for s in sentences if re.search(r"[。！？!?；;]$", folded[s.start : s.end]) and event_re.search(folded[s.start : s.end])),
        None,
    )
    if first_report and _NO_DAY.search(folded[first_report.start : first_report.end]) and not any(
        first_report.start <= f.start < first_report.end for f in candidates
    ):
        return None  # 日前，某商会一行…: the report gives the event no day

    chosen = (
        next((f for f in candidates if event_re.search(text := sentence_text(f.start)) or _EVENT_NAMED.search(text)), None)
        or (candidates[0] if candidates else None)
    )
    if chosen is None:
        day_only = next((m for m in _DAY_ONLY.finditer(folded) if event_re.search(sentence_text(m.start()))), None)
        if reference:
            relative = _RELATIVE_RE.search(folded)
            if relative:
                day = reference + dt.timedelta(days=_RELATIVE[relative.group()])
                return DateMention(day.isoformat(), relative.start(), relative.end(), from_reference)
            found = _day_in_reference_month(int(day_only.group(1)), reference) if day_only else None
            if found and day_only:
                return DateMention(found.isoformat(), day_only.start(), day_only.end(), from_reference)
        story = next((f for f in mentions if f.year is None and _is_dateline(folded, f)), None)
        if reference is None and story and day_only:
            # 12月16日电 …就职典禮12日在曼谷举行: the day in the dateline's month, year unknown
            day = int(day_only.group(1))
            month = story.month if day <= story.day else (story.month - 2) % 12 + 1  # a later day: the month before
            if _valid(None, month, day):
                return DateMention(f"--{month:02d}-{day:02d}", day_only.start(), day_only.end(), "none")
        year_month = _YEAR_MONTH.search(folded)
        if year_month:
            value = f"{year_month.group('year')}-{int(year_month.group('month')):02d}"
            return DateMention(value, year_month.start(), year_month.end(), "stated")
        return None
    chosen = _last_day_before_the_event(folded, chosen, sentence_at(sentences, chosen.start), event_re)
    month_day = f"{chosen.month:02d}-{chosen.day:02d}"
    year, basis = chosen.year, "stated"
    if year is None:
        same = next((f for f in mentions if f.year and (f.month, f.day) == (chosen.month, chosen.day)), None)
        bare = _BARE_YEAR.search(sentence_text(chosen.start))
        if same:
            year = same.year
            basis = "dateline" if _is_dateline(folded, same) else "stated"
        elif bare:
            year = int(bare.group(1))
        elif reference:
            year, basis = _with_reference_year(chosen.month, chosen.day, reference), from_reference
        else:
            year = _headline_year(folded, sentences)
    if year is None or not _valid(year, chosen.month, chosen.day):
        return DateMention(f"--{month_day}", chosen.start, chosen.end, "none")
    return DateMention(f"{year}-{month_day}", chosen.start, chosen.end, basis)  # type: ignore[arg-type]
