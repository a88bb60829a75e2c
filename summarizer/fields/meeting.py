"""Meeting facts: is it a meeting report, its kind, title, place, organizers and key figures.
The date has its own module (dates.py).
"""

from __future__ import annotations

import re

from summarizer.document import Document
from summarizer.fields import dates
from summarizer.fields.organizations import OrgCandidate
from summarizer.fields.words import events as words
from summarizer.fields.words.events import EVENT_NOUNS
from summarizer.normalize import fold
from summarizer.schema import Meeting


def find_kind(folded_head: str) -> str | None:
    """The meeting kind named first in the headline or lead: one of the named kinds,
    其他 for another kind of meeting, None when no meeting word occurs."""
    best: tuple[int, str] | None = None
    for kind, names in words.MEETING_KINDS.items():
        for word in names:
            at = folded_head.find(word)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, kind)
    if best:
        return best[1]
    return "其他" if re.search(words.OTHER_MEETING_WORDS, folded_head) else None

def decide_meeting(model_says: bool, doc: Document) -> bool:
    """Whether the text reports an event that took place, decided from the evidence.

    The evidence is the sentences in which an event act (召开, 出席, 会见, 签约 …) is
    reported as done, not announced (将于…召开) or habitual (每年…都会出席). A notice
    or a prepared speech (通知, 公告, 取消, 注销, 致辞稿 …) named in the headline or lead
    needs two such sentences. Two or more decide it; with one, the model's answer or a
    kind of meeting named in the lead does; with none, it is no meeting report.
    """
    done = events_reported(doc)
    head = meeting_head(doc, meeting_title(doc))
    if re.search(_NOTICE_RE, head) and len(done) < 2:
        return False
    if len(done) >= 2:
        return True
    return bool(done) and (model_says or find_kind(head) not in (None, "其他"))


_NOTICE_RE = "|".join(words.NOTICE_WORDS)
_EVENT_VERB_RE = re.compile(words.EVENT_WORDS)


def events_reported(doc: Document) -> list[int]:
    """Ids of sentences that report an event act as done: not announced, not called off,
    not a kind of activity in general (通过座谈会等形式), not the name of a body (行政会议成员).
    Once the first event the text reports is announced (将于…举行), what follows is the
    programme of that event unless it is marked as done (召开了, 已举行, 圆满结束)."""
    found = []
    announced = None
    for sentence in doc.sentences:
        text = doc.sentence_text(sentence)
        if sentence.id == 1 and not re.search(r"[。！？!?；;]$", text):
            continue  # the headline names the event; the body must report it
        if re.search(r"(?:取消|延期|推迟|暂停|停办)", text) or re.search(r"[?？]\s*$", text):
            continue  # called off, or a question (难道要拒于门外？), reports no event
        for match in _EVENT_VERB_RE.finditer(text):
            after = text[match.end() :]
            if re.match(words.GENERAL_USE, after) or re.match(words.VENUE_OF, after):
                continue
            if re.search(words.NOT_YET, text[: match.start()]):
                if re.match(r"[^，,。；;]{0,2}的", after):
                    continue  # 为筹备将于…举办的博览会，…: an event named, not the one reported
                if announced is None and re.search(words.ANNOUNCED, text[: match.start()]):
                    announced = True
                break  # what follows an announced event in the sentence is announced too
            if announced is None:
                announced = False
            if announced and not re.search(words.DONE_MARKS, text[max(0, match.start() - 4) : match.end() + 2]):
                continue
            found.append(sentence.id)
            break
    return found


_EVENT_RE = "|".join(EVENT_NOUNS)
_TITLES = (
    re.compile(rf"(?:召开|举办|举行|启动|开展)了?([^，,。；、]{{4,40}}?(?:{_EVENT_RE}))"),
    re.compile(rf"(?:^|的|，|,)([^，,。；]{{4,50}}?(?:{_EVENT_RE}))(?:在|于)"),
)


def meeting_title(doc: Document) -> str | None:
    head = doc.sentences[:3]
    for sentence in head:
        for pattern in _TITLES:
            match = pattern.search(doc.sentence_text(sentence))
            if match:
                return doc.text[sentence.start + match.start(1) : sentence.start + match.end(1)]
    first = head[0] if head else None
    if first and len(first.text) <= 50 and not re.search(r"[。！？]$", first.text):
        return first.text
    return None


_LOCATION = re.compile(
    r"(?:在|于|赴|齐聚|走进|来到)([^，,。；;、：:“”\s在于]{2,24}?)(?:联合|共同|隆重|正式)?(?:召开|举行|举办|开幕|启动|开展|顺利|成功|座谈|交流|考察|[，,])"
)
_PLACE_ENDINGS = r"(?:中心|酒店|宾馆|会议室|大厦|大楼|商会|协会|基地|园区|产业园|科技园|礼堂|会堂|厅|馆|市|区|县|镇|街道|公司|集团|广场)$"


def meeting_location(doc: Document) -> str | None:
    """Where the event took place, from the lead: 在X召开 / 于X举行 / 齐聚X."""
    for sentence in doc.sentences[:4]:
        match = _LOCATION.search(doc.sentence_text(sentence))
        if match and re.search(r"^(?:我|本|该|其|此)|的|和|了", match.group(1)):
            continue  # 在我会召开 names no place; 的问题和困难 is no place
        if match and (len(match.group(1)) <= 8 or re.search(_PLACE_ENDINGS, match.group(1))):
            start = sentence.start + match.start(1)
            return doc.text[start : sentence.start + match.end(1)]
    return None


def meeting_head(doc: Document, title: str | None) -> str:
    """Folded title and first three sentences: where a report names its kind of meeting."""
    return fold(title or "") + "".join(doc.sentence_text(s) for s in doc.sentences[:3])


def find_organizers(doc: Document, orgs: list[OrgCandidate]) -> list[str]:
    """Organizations the lead names as host: 由X主办, X召开, X举办."""
    if not doc.sentences:
        return []
    lead = doc.folded[: doc.sentences[min(2, len(doc.sentences) - 1)].end]
    organizers = []
    for org in orgs:
        key = re.escape(doc.folded[org.start : org.end])
        if re.search(rf"由{key}|{key}(?:[^，,。；;]{{0,6}})(?:主办|承办|牵头|组织|召开|举办|举行)", lead):
            organizers.append(org.name)
    return organizers[:10]


def build_meeting(doc: Document, model_location: str | None, orgs: list[OrgCandidate]) -> Meeting:
    title = meeting_title(doc)
    date = dates.find_meeting_date(doc.body, doc.sentences, doc.article.published)
    location = meeting_location(doc)
    if location is None and model_location:
        location = doc.grounder.verbatim(model_location, doc.article.body_end)
    return Meeting(
        title=title, kind=find_kind(meeting_head(doc, title)), date=date.value if date else None,
        date_basis=date.basis if date else None, location=location, organizers=find_organizers(doc, orgs),
    )


_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千]+)\s*(?:余|多)?\s*(?:家|个|項|项|人|名|亿元|万元|亿|万|场|次|位)[^\s，。；、,]{0,10}")


def key_figures(body: str) -> list[str]:
    """Numbers with a unit and what they count (25个结对协作项目签约)."""
    figures: list[str] = []
    for match in _FIGURE.finditer(body):
        value = match.group().strip()
        if re.match(r"^\d{4}", value) or value in figures:
            continue
        figures.append(value)
    return figures[:8]
