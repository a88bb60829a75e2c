"""Checks on a summary: is every name, place, number and date in it found in the
article, is it whole, is it a copy of the lead, does it say when, where, what and who.

Pure functions, no model calls: the writer uses them to refuse and re-ask a summary, the
eval uses them to measure summaries, so one rule decides both.

Entities (what a reader would take as a fact) and how a summary's entity is grounded,
always after folding both texts (Traditional = Simplified, full width = half width):

- person: a name the project's person finder sees in the summary (unless only weak
  evidence in both texts says it is one), a name the finder is sure of in the article,
  or a surname-led name right before an act (滕某某出席); found in the article, a
  surname with a title (蔺主席) when the article has that surname with that title.
- organization: a name the organization finder sees; found in the article, or its short
  form is (市工商联 for 某某市工商业联合会: level words dropped, long forms abbreviated),
  or it joins a place the article names to a body written with that level (甄城市 +
  市工商联).
- place: a word jieba tags ``ns`` (generic words such as 全国, 本市, 城市 left out);
  found in the article, with or without its level word (广州市 = 广州).
- number: Arabic digits (decimals, thousands commas, %, 万/亿, an optional counter or
  unit: 17.51亿元, 12%, 30余家) and Chinese numerals followed by a counter (三家,
  十余名, 两位); a Chinese numeral without a counter, 一 before a counter (一家企业 is
  an article, not a count) and vague counts (数十家, 几位) are no numbers. Grounded
  when the article holds the same value at any scale, to the precision the summary
  writes (17.51亿 for 17.51亿元, 3家 for 三家, 175100万 for 17.51亿, 17.51亿 for 17.5亿
  or 1.75 billion) and, when both name a counter, the same kind of counter (名, 位 and
  人 are one kind).
- date: a year-month-day, month-day, year-month, year, month or day (X日); grounded
  when each part it states is in the article: the month and day in one date of the
  article (12月22日 in 2023年12月22日) or the day alone with that month elsewhere, the
  year anywhere in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from summarizer.fields.dates import _cn_number, _mentions as full_dates
from summarizer.fields.organizations import _alias as org_alias
from summarizer.fields.organizations import _unabbreviated, find_organizations
from summarizer.fields.people import STRONG_EVIDENCE, PersonCandidate, find_people
from summarizer.fields.text import segment, word_tag
from summarizer.fields.words.people import COMPOUND_SURNAMES, SURNAMES, TITLES
from summarizer.normalize import fold, name_key
from summarizer.schema import Report
from summarizer.sentences import split_sentences

EntityKind = Literal["person", "organization", "place", "number", "date"]

LEAD_COPY = 0.6
"""A summary whose similarity to the article's opening exceeds this is a copy of the lead."""

HEADLINE_MAX_CHARS = 60
"""A first line without sentence-final punctuation longer than this is text, not a headline."""

KIND_NAMES: dict[str, str] = {"person": "人名", "organization": "单位", "place": "地点", "number": "数字", "date": "日期"}


@dataclass(frozen=True)
class SummaryEntity:
    kind: EntityKind
    text: str
    grounded: bool


# --------------------------------------------------------------------------- places

# Words jieba tags as places that name no particular place, or that it mistakes for one.
GENERIC_PLACES = frozenset({
    "全国", "全省", "全市", "全区", "全县", "全镇", "本市", "本省", "本区", "本县", "本地", "当地", "各地", "两地",
    "三地", "异地", "外地", "城市", "家乡", "国内", "国外", "海外", "境内", "境外", "省内", "省外", "市内", "市外",
    "区内", "县内", "地方", "我国", "全球", "世界", "各省", "各市", "新区", "回国", "海鲜",
})
_LEVELS = "省市区县镇乡村州"


def _place_grounded(place: str, folded_article: str) -> bool:
    if place in folded_article:
        return True
    stem = place[:-1]
    return place[-1] in _LEVELS and len(stem) >= 2 and stem in folded_article


# --------------------------------------------------------------------------- numbers

_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_MAGNITUDES = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3,
    "trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3,  # an English summary's amounts
}
# Counters and units a count or amount is written with, longest first in the pattern.
COUNTERS = (
    "家次", "人次", "个月", "平方米", "平方公里", "公里", "千米", "美元", "港元", "港币", "欧元", "日元", "元",
    "家", "名", "位", "个", "项", "人", "次", "批", "场", "届", "件", "条", "所", "座", "款", "期", "轮", "户",
    "台", "套", "辆", "吨", "亩", "天", "周", "年", "岁", "倍", "种", "类", "份", "笔", "宗", "单", "支", "层", "米",
    "公顷", "间", "处", "组", "队", "篇", "本", "部",
)
# Counters that count the same things: a summary's 十名 is the article's 十位.
_COUNTER_KIND = {"名": "人", "位": "人", "人": "人", "人次": "人", "个月": "月"}
_COUNTER_RE = "|".join(sorted(COUNTERS, key=len, reverse=True))
_MAGNITUDE_RE = "|".join(sorted(_MAGNITUDES, key=len, reverse=True))
_ARABIC = re.compile(
    rf"(?<![\d.])(?<!\d,)(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])\s*(?P<percent>%|‰)?"
    rf"(?:余|多)?(?P<magnitude>{_MAGNITUDE_RE})?(?:余|多)?(?P<counter>{_COUNTER_RE})?"
)
_CHINESE = re.compile(
    rf"(?P<numeral>[一二三四五六七八九十两〇零○][〇零○一二三四五六七八九十百千万亿两]*)(?:余|多)?(?P<counter>{_COUNTER_RE})?"
)
_VAGUE_BEFORE = ("数", "几", "若干", "成", "上")  # 数十家, 几位, 成百上千: no value to check


@dataclass(frozen=True)
class _Number:
    value: Decimal
    step: Decimal  # the precision it is written with: 17.5亿 is 17.5亿 ± 0.05亿
    percent: bool
    counter: str | None
    start: int
    end: int


def chinese_value(numeral: str) -> int | None:
    """一 … 九千九百九十九亿 as an integer; 二〇二三 read digit by digit; None if unreadable."""
    if not any(c in _CN_UNIT or c in _CN_BIG for c in numeral):
        digits = [_CN_DIGIT.get(c) for c in numeral]
        return None if None in digits else int("".join(str(d) for d in digits))
    total, section, digit = 0, 0, 0
    for char in numeral:
        if char in _CN_DIGIT:
            digit = _CN_DIGIT[char]
        elif char in _CN_UNIT:
            section += (digit or 1) * _CN_UNIT[char]
            digit = 0
        elif char in _CN_BIG:
            total = (total + section + digit) * _CN_BIG[char] if char == "亿" else total + (section + digit) * _CN_BIG[char]
            section, digit = 0, 0
        else:
            return None
    return total + section + digit


def _numbers(folded: str, masked: list[tuple[int, int]], counted_only: bool) -> list[_Number]:
    """Numbers in ``folded`` outside the ``masked`` spans (dates). ``counted_only`` (the
    summary's rule): a Chinese numeral counts only with a counter, never 一 or a vague
    count; the article side also reads 一 and numerals with 百/千/万/亿, so that a
    summary's count finds its match, but not a lone 三 of 三农."""
    found: list[_Number] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in masked)

    for match in _ARABIC.finditer(folded):
        if not free(match.start(), match.end()):
            continue
        try:
            value = Decimal(match["digits"].replace(",", ""))
        except InvalidOperation:
            continue
        step = Decimal(1).scaleb(min(0, int(value.as_tuple().exponent)))
        if match["magnitude"]:
            value *= _MAGNITUDES[match["magnitude"]]
            step *= _MAGNITUDES[match["magnitude"]]
        found.append(_Number(value, step, bool(match["percent"]), match["counter"], match.start(), match.end()))
    for match in _CHINESE.finditer(folded):
        numeral = match["numeral"]
        if not free(match.start(), match.end()) or numeral[0] in "〇零○" and len(numeral) == 1:
            continue
        if counted_only and (not match["counter"] or numeral == "一" or folded[: match.start()].endswith(_VAGUE_BEFORE)):
            continue
        if not match["counter"] and not any(c in "百千万亿" for c in numeral):
            continue
        value = chinese_value(numeral)
        if value is None:
            continue
        found.append(_Number(Decimal(value), Decimal(1), False, match["counter"], match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)


def _same_counter(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    return _COUNTER_KIND.get(a, a) == _COUNTER_KIND.get(b, b)


def _number_grounded(number: _Number, article_numbers: list[_Number]) -> bool:
    return any(
        abs(n.value - number.value) * 2 <= number.step and n.percent == number.percent
        and _same_counter(n.counter, number.counter)
        for n in article_numbers
    )


# --------------------------------------------------------------------------- dates

_CN_SMALL = "一二三四五六七八九十"
_YEAR = rf"(?<!\d)(?:19|20)\d{{2}}(?!\d)|[〇零○{_CN_SMALL[:-1]}]{{4}}"
_MONTH = rf"(?<![\d{_CN_SMALL}])(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_YEAR_MONTH_RE = re.compile(rf"(?P<year>{_YEAR})\s*年\s*(?P<month>{_MONTH})\s*月")
_YEAR_RE = re.compile(rf"(?P<year>{_YEAR})\s*年")
_MONTH_RE = re.compile(rf"(?P<month>{_MONTH})\s*月(?!份?\s*\d)")
_DAY_RE = re.compile(r"(?<![\d月.\-/])(?P<day>3[01]|[12]\d|0?[1-9])\s*日")
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class _Date:
    year: int | None
    month: int | None
    day: int | None
    start: int
    end: int


def _year(text: str) -> int | None:
    value = int(text) if text.isdigit() else chinese_value(text)
    return value if value is not None and 1900 <= value <= 2100 else None


def _dates(folded: str) -> list[_Date]:
    """Every date mention, the fullest reading of each span first (a month-day is not
    read again as a month and a day)."""
    found = [_Date(f.year, f.month, f.day, f.start, f.end) for f in full_dates(folded)]

    def free(start: int, end: int) -> bool:
        return not any(d.start < end and start < d.end for d in found)

    for pattern in (_YEAR_MONTH_RE, _YEAR_RE, _MONTH_RE, _DAY_RE):
        for match in pattern.finditer(folded):
            if not free(match.start(), match.end()):
                continue
            groups = match.groupdict()
            year = _year(groups["year"]) if groups.get("year") else None
            month = _cn_number(groups["month"]) if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            if groups.get("year") and year is None:
                continue
            found.append(_Date(year, month, day, match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def _date_grounded(date: _Date, folded_article: str, article_dates: list[_Date]) -> bool:
    years = {d.year for d in article_dates if d.year} | {int(y) for y in _ANY_YEAR.findall(folded_article)}
    months = {d.month for d in article_dates if d.month}
    days = {d.day for d in article_dates if d.day}
    if date.year is not None and date.year not in years:
        return False
    if date.month is not None and date.day is not None:
        return any(d.month == date.month and d.day == date.day for d in article_dates) or (
            date.day in days and date.month in months
        )
    if date.month is not None:
        return date.month in months
    if date.day is not None:
        return date.day in days
    return True


# --------------------------------------------------------------------------- people

# Verbs a bare name is the subject of in a summary (滕某某出席, 某某到会): the person
# finder wants more context than a summary gives, so these find names it misses.
_ACTS = (
    "出席", "参加", "主持", "会见", "接待", "致辞", "讲话", "发言", "表示", "指出", "强调", "带队", "率队", "率团",
    "一行", "到会", "莅临", "签约", "签署", "介绍",
)
_BARE_NAMES = re.compile(
    rf"(?:^|(?<=[，,。；;：:\s]))((?:[\u4e00-\u9fff]{{2,4}}、)*[\u4e00-\u9fff]{{2,4}}?)(?:等人?)?(?={'|'.join(_ACTS)})"
)


def _bare_names(folded: str) -> list[tuple[int, int]]:
    """Spans of names (2-4 characters that start with a surname and are no common word),
    alone or listed with 、, between a delimiter and one of :data:`_ACTS`."""
    spans = []
    for match in _BARE_NAMES.finditer(folded):
        start = match.start(1)
        for name in match.group(1).split("、"):
            surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
            tag = word_tag(name)
            if name[:surname] in SURNAMES and len(name) - surname in (1, 2) and (tag is None or tag.startswith("nr")):
                spans.append((start, start + len(name)))
            start += len(name) + 1
    return spans


def title_reference(name: str) -> tuple[str, str] | None:
    """(surname, title) when a person is named by surname and title (黄会长), else None."""
    surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
    return (name[:surname], name[surname:]) if name[surname:] in TITLES else None


def _person_grounded(key: str, folded_article: str) -> bool:
    """Found in the article; a surname and title (黄会长) when the article names someone
    of that surname with that title (黄某某会长, 会长黄某某)."""
    if key in folded_article:
        return True
    reference = title_reference(key)
    if reference is None:
        return False
    surname, title = (re.escape(part) for part in reference)
    return bool(re.search(rf"{surname}[\u4e00-\u9fff]{{1,2}}{title}|{title}{surname}", folded_article))


@lru_cache(maxsize=8)
def _article_people(folded_article: str) -> tuple[str, ...]:
    """Folded names the article's person finder is sure of: after a title or before a
    cue, or said to be absent."""
    people = find_people(folded_article, folded_article, split_sentences(folded_article))
    return tuple(p.name for p in people if p.evidence & (STRONG_EVIDENCE | {"absent"}))


def _person_spans(folded: str, summary: str, folded_article: str) -> list[tuple[int, int]]:
    """Where the summary names people: what the person finder sees in it, the names the
    article's finder is sure of, and bare names before an act. A name the article holds
    that the finder took for one only on weak evidence in both texts (由工 before
    总理事长, 普陀 before 区长) is a misreading of the short text and left out."""
    sure = _article_people(folded_article)
    spans = [
        (p.start, p.end) for p in find_people(folded, summary, split_sentences(summary))
        if folded[p.start : p.end] not in folded_article or folded[p.start : p.end] in sure
        or p.evidence & STRONG_EVIDENCE or title_reference(folded[p.start : p.end]) is not None
    ]
    for name in sure:
        for match in re.finditer(re.escape(name), folded):
            spans.append((match.start(), match.end()))
    spans += _bare_names(folded)
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not any(s < end and start < e for s, e in kept):
            kept.append((start, end))
    return kept


# --------------------------------------------------------------------------- entities


def _org_grounded(name: str, folded_article: str, article_aliases: str) -> bool:
    """Found as written, by its short form, or as a place the article names joined to a
    body the article writes with that place's level (甄城市 + 市工商联 = 甄城市工商联)."""
    key = fold(name)
    alias = org_alias(key)
    if key in folded_article or (len(alias) >= 3 and alias in article_aliases):
        return True
    return any(
        char in _LEVELS and key[: i + 1] in folded_article and len(key) - i >= 4 and key[i:] in folded_article
        for i, char in enumerate(key[2:], start=2)
    )


def summary_entities(summary: str, article: str) -> list[SummaryEntity]:
    """The people, organizations, places, numbers and dates a summary states, in the
    order it states them, each with whether the article grounds it (see the module)."""
    folded, folded_article = fold(summary), fold(article)
    sentences = split_sentences(summary)
    people = _person_spans(folded, summary, folded_article)
    organizations = find_organizations(
        folded, summary, sentences, [PersonCandidate(summary[start:end], start, end) for start, end in people]
    )
    found: list[tuple[int, SummaryEntity]] = []
    taken: list[tuple[int, int]] = []

    def add(kind: EntityKind, start: int, end: int, grounded: bool) -> None:
        taken.append((start, end))
        found.append((start, SummaryEntity(kind, summary[start:end], grounded)))

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for start, end in people:
        add("person", start, end, _person_grounded(folded[start:end], folded_article))
    article_aliases = org_alias(folded_article)
    for org in organizations:
        if free(org.start, org.end):
            add("organization", org.start, org.end, _org_grounded(org.name, folded_article, article_aliases))
    article_dates = _dates(folded_article)
    summary_dates = _dates(folded)
    for date in summary_dates:
        if free(date.start, date.end):
            add("date", date.start, date.end, _date_grounded(date, folded_article, article_dates))
    article_numbers = _numbers(folded_article, [(d.start, d.end) for d in article_dates], counted_only=False)
    for number in _numbers(folded, [(d.start, d.end) for d in summary_dates], counted_only=True):
        if free(number.start, number.end):
            add("number", number.start, number.end, _number_grounded(number, article_numbers))
    at = 0
    for word in segment(folded):
        start, at = at, at + len(word.word)
        if word.flag == "ns" and len(word.word) >= 2 and word.word not in GENERIC_PLACES and free(start, at):
            add("place", start, at, _place_grounded(word.word, folded_article))
    entities: list[SummaryEntity] = []
    for _, entity in sorted(found, key=lambda pair: pair[0]):
        if entity not in entities:
            entities.append(entity)
    return entities


def summary_problems_of(summary: str, article: str, participants: set[str], organizers: set[str]) -> list[str]:
    """Why a summary cannot be kept, in Chinese for the re-ask message; empty when it can:
    every entity the article does not ground, and every person named who is neither a
    participant nor an organizer."""
    allowed = {name_key(name) for name in participants | organizers}
    problems: list[str] = []
    for entity in summary_entities(summary, article):
        key = name_key(entity.text)
        reference = title_reference(key) if entity.kind == "person" else None
        if not entity.grounded:
            problems.append(f"{KIND_NAMES[entity.kind]}“{entity.text}”在文章中找不到")
        elif reference is not None:
            if not any(name.startswith(reference[0]) for name in allowed):
                problems.append(f"“{entity.text}”不是本次活动的参加者或主办方")
        elif entity.kind == "person" and key not in allowed:
            problems.append(f"“{entity.text}”不是本次活动的参加者或主办方")
    return problems


# --------------------------------------------------------------------------- complete


_FINAL = {"zh": "。！？!?", "en": ".!?"}
_CLOSERS = "”’」』）)】》\"'"
_PAIRS = {"zh": ("（）", "()", "【】", "《》", "“”", "‘’", "「」", "『』"), "en": ("()", "[]", "“”")}
# Words a sentence cannot end on: prepositions and conjunctions left hanging by a cut
# (双方将于下月在。). 的 is not among them: 是…的 ends sentences well.
DANGLING_ZH = frozenset({"在", "于", "和", "与", "及", "以及", "并", "并且", "而", "或", "或者", "将", "把", "被", "向", "从", "对", "为", "由", "同", "跟", "给", "以", "就", "但", "但是", "及其", "之"})
DANGLING_EN = frozenset({"the", "a", "an", "of", "to", "in", "and", "or", "with", "for", "at", "on", "by", "from", "as", "that", "its", "their"})


def is_complete(summary: str, language: str = "zh") -> bool:
    """Whether a summary is whole: not empty, ends with sentence-final punctuation (a
    closing quote or bracket may follow; an ellipsis is a cut), every bracket and quote
    closed, and the last sentence not ending on a preposition or conjunction."""
    text = summary.strip()
    final = _FINAL.get(language, _FINAL["zh"]) + (_FINAL["zh"] if language == "en" else "")
    body = text.rstrip(_CLOSERS)
    if not body or body[-1] not in final or body.endswith(("…", "...")):
        return False
    for opening, closing in _PAIRS.get(language, _PAIRS["zh"]):
        depth = 0
        for char in text:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                return False
        if depth:
            return False
    if text.count('"') % 2:
        return False
    last = body.rstrip(final + _CLOSERS).strip()
    if not last:
        return False
    if language == "en":
        words = re.findall(r"[A-Za-z]+", last)
        return not words or words[-1].lower() not in DANGLING_EN
    words = [w.word for w in segment(fold(last)) if w.word.strip()]
    return not words or words[-1] not in DANGLING_ZH


# --------------------------------------------------------------------------- lead copy

_SPACE = re.compile(r"\s+")


def article_opening(article_body: str) -> str:
    """The article's text from its first sentence: a first line without sentence-final
    punctuation, short enough to be a headline and followed by more text, is skipped."""
    lines = article_body.strip().split("\n")
    first = lines[0].strip()
    if len(lines) > 1 and first and len(first) <= HEADLINE_MAX_CHARS and not re.search(r"[。！？!?]", first):
        return "\n".join(lines[1:]).strip()
    return article_body.strip()


def lead_similarity(summary: str, article_body: str) -> float:
    """How much the summary copies the article's opening of the same length: difflib's
    ratio (2 × matched characters / both lengths) on folded text without white space.

    The ratio counts characters matched in order, in runs, so a lead copied with a few
    words dropped or changed still scores high, while a summary that only names the same
    people and bodies as the lead (which a character-bigram overlap would count) does not.
    """
    text = _SPACE.sub("", fold(summary))
    if not text:
        return 0.0
    opening = _SPACE.sub("", fold(article_opening(article_body)))[: len(text)]
    return SequenceMatcher(None, text, opening, autojunk=False).ratio()


# --------------------------------------------------------------------------- coverage

_ADMIN_PART = re.compile(r".{1,6}?(?:特别行政区|自治区|自治州|街道|省|市|区|县|州|镇|乡)")
_KIND_ENDINGS = ("仪式", "大会", "会议", "活动", "会")


def _date_mentioned(date: str, summary_dates: list[_Date]) -> bool:
    if match := re.fullmatch(r"(?:\d{4}|-)-(\d{2})-(\d{2})", date):
        month, day = int(match[1]), int(match[2])
        return any(d.day == day and d.month in (month, None) for d in summary_dates)
    if match := re.fullmatch(r"\d{4}-(\d{2})", date):
        return any(d.month == int(match[1]) for d in summary_dates)
    return False


def _place_mentioned(location: str, folded: str) -> bool:
    key = name_key(location)
    if key in folded:
        return True
    parts = _ADMIN_PART.findall(key)
    if not parts:
        return False
    last = parts[-1]
    stem = last[:-1] if last[-1] in _LEVELS else last
    return last in folded or (len(stem) >= 2 and stem in folded)


def _kind_mentioned(kind: str, folded: str) -> bool:
    key = name_key(kind)
    stems = [key] + [key[: -len(e)] for e in _KIND_ENDINGS if key.endswith(e) and len(key) - len(e) >= 2]
    return any(stem in folded for stem in stems)


def _organizer_mentioned(organizers: list[str], folded: str) -> bool:
    """Any organizer named in full, by its alias (levels dropped, long forms short), or by
    an end of its name that starts at or just after a level word and has 4+ characters
    (市工商联 or 蔺家镇商会 for 甄城市蔺家镇商会; 工商联 alone is too short to say which)."""
    summary_aliases = org_alias(folded)
    for organizer in organizers:
        key = _unabbreviated(name_key(organizer))
        alias = org_alias(key)
        if name_key(organizer) in folded or key in folded or (len(alias) >= 3 and alias in summary_aliases):
            return True
        starts = [i + n for i, char in enumerate(key) if char in _LEVELS for n in (0, 1)]
        if any(len(key) - start >= 4 and key[start:] in folded for start in starts):
            return True
    return False


def coverage(summary: str, report: Report) -> tuple[int, int]:
    """How many of the report's date, place, kind and organizers the summary mentions,
    and how many of these the report has. The date counts when its month and day (or
    the day alone) are written in any form, the place when it or its last administrative
    part is (天河区 or 天河 for 广州市天河区), the kind when it or its stem is (座谈 for
    座谈会), the organizers when any one of them or a short form of it is."""
    folded = _SPACE.sub("", fold(summary))
    meeting = report.meeting
    checks: list[bool] = []
    if meeting.date:
        checks.append(_date_mentioned(meeting.date, _dates(folded)))
    if meeting.location and meeting.location.strip():
        checks.append(_place_mentioned(meeting.location, folded))
    if meeting.kind and meeting.kind.strip():
        checks.append(_kind_mentioned(meeting.kind, folded))
    organizers = [o for o in meeting.organizers if o.strip()]
    if organizers:
        checks.append(_organizer_mentioned(organizers, folded))
    return sum(checks), len(checks)
