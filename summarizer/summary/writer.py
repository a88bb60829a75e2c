"""The report's summary: the model's whole sentences within the bound, or a fallback
that code writes from the report's own facts.

The model writes the summary (it reads what happened better than rules do), but a model
of this size neither holds a length nor always ends its sentence: code keeps the whole
sentences that fit, and when none does, or the checks in ``summary.checks`` refuse what
the model wrote, the summary is built from the meeting's facts, grounded by construction.
"""

from __future__ import annotations

import re

from summarizer.schema import Commitment, Meeting, Organization, Participant

# What a report's summary may hold, in characters; whole sentences only.
SUMMARY_LIMIT = 120
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+[”」』）)]*")


def whole_sentences(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """The leading whole sentences of ``text`` that fit in ``limit`` characters; a
    sentence the model did not end (cut by a length bound) is left out."""
    kept = ""
    for sentence in _SENTENCE.findall(text.strip()):
        sentence = sentence.strip()
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    return kept


def date_phrase(meeting: Meeting) -> str:
    """2023-12-22 -> 2023年12月22日; --12-22 -> 12月22日; 2023-12 -> 2023年12月. A year
    taken from the page's metadata, which the article does not write, is left out."""
    date = meeting.date
    if not date:
        return ""
    if meeting.date_basis == "page-date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        date = "--" + date[5:]
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date):
        return f"{match[1]}年{int(match[2])}月{int(match[3])}日"
    if match := re.fullmatch(r"--(\d{2})-(\d{2})", date):
        return f"{int(match[1])}月{int(match[2])}日"
    if match := re.fullmatch(r"(\d{4})-(\d{2})", date):
        return f"{match[1]}年{int(match[2])}月"
    return ""


_TIME_WORDS = re.compile(r"\d+\s*[月日号]|[一二三四五六七八九十]+月|近日|日前|昨天|昨日|今天|今日|前天|当天|上午|下午")


def with_date(summary: str, meeting: Meeting, limit: int = SUMMARY_LIMIT) -> str:
    """The summary opened with the event's date (5月6日，…) when it names no time of its
    own and the date still fits: a reader's first question, which the model often leaves
    out."""
    date = date_phrase(meeting)
    if not date or not summary or _TIME_WORDS.search(summary) or len(date) + 1 + len(summary) > limit:
        return summary
    return f"{date}，{summary}"


def _event(meeting: Meeting) -> str:
    """The event as the report names it: its title when that names an event of its kind,
    else its kind."""
    if meeting.title and meeting.kind and meeting.kind in meeting.title and len(meeting.title) <= 40:
        return meeting.title
    return meeting.kind if meeting.kind and meeting.kind != "其他" else "会议活动"


def fallback_summary(
    meeting: Meeting,
    participants: list[Participant],
    organizations: list[Organization],
    commitments: list[Commitment],
) -> str:
    """A summary made only of the report's facts: when, who hosted, what kind of event,
    who took part, whether something was agreed or planned."""
    date = date_phrase(meeting)
    host = meeting.organizers[0] if meeting.organizers else ""
    event = _event(meeting)
    place = f"在{meeting.location}" if meeting.location and len(meeting.location) <= 20 else ""
    opening = f"{date}，" if date else ""
    sentences = [f"{opening}{host}{place}举行{event}。" if host else f"{opening}{event}{place}举行。"]
    # Counts are left out: a number the article does not write reads as a fact of it.
    if participants:
        first = participants[0]
        post = f"{first.organization or ''}{first.title or ''}"
        sentences.append(f"{post}{first.name}{'等' if len(participants) > 1 else ''}参加。")
    elif organizations:
        sentences.append(f"{'、'.join(o.name for o in organizations[:2])}{'等单位' if len(organizations) > 2 else ''}参加。")
    strengths = {c.strength for c in commitments}
    outcomes = ["商定了合作事项" if "agreed" in strengths else "", "提出了计划和建议" if strengths - {"agreed"} else ""]
    if any(outcomes):
        sentences.append("会上" + "，".join(o for o in outcomes if o) + "。")
    return whole_sentences("".join(sentences))
