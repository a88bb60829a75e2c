"""Commitments: clauses holding a commitment cue, the strength the cue suggests, the
actor, the action, counterpart and timeframe.

A sentence that lists several points (一是…二是…, 要…，要…) gives one commitment per
point, as a reader would count them. The actor is the party that speaks or acts: the
signing parties of an agreement, a participant who says it (in this sentence or as the
speaker the paragraph is reporting), or the organization that is the clause's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.document import Document
from summarizer.fields.organizations import OrgCandidate, referenced_org
from summarizer.fields.words.organizations import ORG_SUFFIXES
from summarizer.fields.words.commitments import COMMITMENT_CUES, DISCUSSION_TOPIC, POINT_MARKERS, REPEATED_POINT, TIMEFRAMES
from summarizer.fields.words.speech import SPEECH_RE
from summarizer.normalize import fold
from summarizer.schema import Commitment, Participant
from summarizer.sentences import Sentence

STRENGTH_ORDER = ("agreed", "proposed", "planned", "intended")
MIN_POINT_CHARS = 4  # a shorter piece stays with its neighbour


@dataclass(frozen=True)
class CueSentence:
    """A commitment candidate: a clause span inside one sentence."""

    sentence: Sentence
    cues: tuple[str, ...]
    suggested: str  # strength the cue words suggest
    start: int = -1  # clause span in the cleaned text; -1: the whole sentence
    end: int = -1

    @property
    def span(self) -> tuple[int, int]:
        return (self.sentence.start, self.sentence.end) if self.start < 0 else (self.start, self.end)


_COMMITMENT_PATTERNS = {strength: re.compile("|".join(parts)) for strength, parts in COMMITMENT_CUES.items()}
_PAST_OR_REPORTED = re.compile(r"^(?:据(?:统计|介绍|了解)|累计|记者[^，,。]{0,12}了解到)|已(?:经)?(?:为|于|完成|签约|建成)|去年|前年|去\(\d{4}\)年|此前")
_POINT = re.compile(rf"(?:^|(?<=[，,：:。]))(?:{POINT_MARKERS})")


def _cues(body: str) -> tuple[tuple[str, ...], str] | None:
    hits = {strength: [m.group() for m in pattern.finditer(body)] for strength, pattern in _COMMITMENT_PATTERNS.items()}
    strengths = [s for s in STRENGTH_ORDER if hits[s]]
    if not strengths:
        return None
    return tuple(word for s in strengths for word in hits[s]), strengths[0]


def _points(body: str) -> list[tuple[int, int]]:
    """Spans of a sentence's listed points: 一是/二要/首先 …, or clauses opening with 要
    when there are two or more; a sentence without points is one span."""
    repeated = [m.start() for m in re.finditer(REPEATED_POINT, body)]
    starts = sorted({m.start() for m in _POINT.finditer(body)} | set(repeated if len(repeated) >= 2 else []) | {0})
    starts = [s for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] >= MIN_POINT_CHARS]
    return [(s, e) for s, e in zip(starts, starts[1:] + [len(body)])]


def find_commitment_sentences(folded: str, sentences: list[Sentence]) -> list[CueSentence]:
    """Clauses holding a commitment cue, with the strength the cues suggest.

    Headlines and section titles (no punctuation at all) and sentences reporting what
    was already done are left out: they name signings and plans without committing.
    """
    found: list[CueSentence] = []
    for sentence in sentences:
        body = folded[sentence.start : sentence.end]
        if re.search(r"[\w”」]$", body) and not re.search(r"[，,。；;]", body) or _PAST_OR_REPORTED.search(body):
            continue
        whole = _cues(body)
        if not whole and _POINT.match(body) and found and sentence.id - found[-1].sentence.id <= 2:
            whole = (found[-1].cues, found[-1].suggested)  # 提出3点希望。一是…。二是…。
        if not whole:
            continue
        if re.search(DISCUSSION_TOPIC.format(cue="|".join(map(re.escape, whole[0]))), body):
            continue
        points = _points(body)
        if len(points) == 1:
            found.append(CueSentence(sentence, *whole))
            continue
        # Points without a cue of their own take the cue of the words that announce them
        # (提出三点要求：一是…，二是…).
        announced = _cues(body[: points[1][0]])
        for index, (start, end) in enumerate(points):
            cues = _cues(body[start:end]) or (announced if index else None)
            if cues and not re.search(r"[：:]\s*$", body[start:end]):  # 提出三点要求： announces, the points commit
                found.append(CueSentence(sentence, *cues, start=sentence.start + start, end=sentence.start + end))
    return found


# --------------------------------------------------------------------------- actor

_GROUP = re.compile(r"双方|三方|各方|多方|与会[^，,。]{0,6}?代表|企业家代表|各[^，,。]{1,8}?代表")
_PARTIES = re.compile(r"(?:与|和|同)")
_MEETING_SUBJECT = re.compile(r"^(?:会议|大会|座谈会|会上|会议上)[^，,。]{0,4}?(?:要求|指出|强调|提出|认为|号召|呼吁|决定)")
_PRONOUN = re.compile(r"^(?:他|她|他们|她们)")


def _speaker_in(text: str, names: list[str]) -> str | None:
    """The participant a speech verb is attributed to in ``text``: the last one before the verb."""
    best: tuple[int, str] | None = None
    for name in names:
        for match in re.finditer(re.escape(fold(name)) + f"[^，,。；;：:]{{0,10}}?(?:{SPEECH_RE})", text):
            if best is None or match.start() > best[0]:
                best = (match.start(), name)
    return best[1] if best else None


def _named_before(text: str, names: list[str], limit: int) -> list[tuple[int, str]]:
    found = []
    for name in names:
        at = text.rfind(fold(name), 0, limit)
        if at >= 0:
            found.append((at, name))
    return sorted(found)


def _before(doc: Document, sentence: Sentence, count: int) -> list[Sentence]:
    """The ``count`` sentences before ``sentence`` (ids are positions, 1-based)."""
    return doc.sentences[max(0, sentence.id - 1 - count) : sentence.id - 1]


def _paragraph_start(doc: Document, sentence: Sentence) -> bool:
    previous = _before(doc, sentence, 1)
    return not previous or "\n" in doc.text[previous[0].end : sentence.start]


def _signing_parties(doc: Document, sentence: Sentence, orgs: list[OrgCandidate]) -> str | None:
    """The organizations a signing or agreement is between: named in this sentence, else
    in the nearest earlier sentence that names two or more with 与/和."""
    names = [o.name for o in orgs]
    for candidate in [sentence] + list(reversed(_before(doc, sentence, 4))):
        text = doc.sentence_text(candidate)
        named = _named_before(text, names, len(text))
        if len(named) >= 2 and (candidate is sentence or _PARTIES.search(text)):
            parties = []
            for _, name in named:
                if name not in parties:
                    parties.append(name)
            return "; ".join(parties[:4])
    return None


_SUFFIX_RE = "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True))
# An organization opening a clause, then the commitment cue: 协会将…, 市工商联计划…, 我会愿…
_SUBJECT = re.compile(
    rf"^(?:同时|此外|下一步|今后|接下来|未来)?[，,]?(?:我们|我|本|该|贵)?([\u4e00-\u9fff()（）]{{0,16}}?(?:{_SUFFIX_RE}))"
    r"(?:今年|明年|年内|今后|下一步|未来)?(?:也|还|都|亦|会)?$"
)
# Cues addressed to others: the speaker, not the organization named, is the actor (商会要…).
_ADDRESSED = ("要", "要求", "务必", "必须", "希望")


def _clause_subject(
    doc: Document, sentence: Sentence, body: str, clause_start: int, cue_at: int, orgs: list[OrgCandidate],
    speaker_org: str | None,
) -> str | None:
    """The organization that is the grammatical subject of a commitment it states itself
    (协会将…, 省工商联将…, 某协会建议…), named in full as the article names it. A bare
    kind (协会将…) in a speaker's words is the speaker's own organization."""
    if any(body.startswith(word, cue_at) for word in _ADDRESSED):
        return None
    match = _SUBJECT.match(body[clause_start:cue_at].strip())
    if not match:
        return None
    reference = match.group(1)
    at = sentence.start + clause_start + body[clause_start:cue_at].find(reference)
    if speaker_org and fold(speaker_org).endswith(reference) and len(reference) <= 3:
        own = referenced_org(speaker_org, orgs, doc.folded, at)
        return own.name if own else speaker_org
    org = referenced_org(reference, orgs, doc.folded, at)
    return org.name if org else None


def _reported_speaker(doc: Document, sentence: Sentence, people: list[str]) -> str | None:
    """The participant whose words the paragraph reports, named in an earlier sentence."""
    current = sentence
    for previous in reversed(_before(doc, sentence, 6)):
        if _paragraph_start(doc, current):
            return None
        found = _speaker_in(doc.sentence_text(previous), people)
        if found:
            return found
        current = previous
    return None


def _actor(doc: Document, cue: CueSentence, participants: list[Participant], orgs: list[OrgCandidate], host: str | None) -> str:
    """Who commits, in this order: the parties of an agreement; the organization that is
    the subject of a plan it states itself; a participant who speaks in this sentence
    before the clause; an organization opening the clause; a
    named group; the speaker this paragraph is reporting; the host when the meeting
    itself 要求/指出; an organization or participant named before the clause."""
    sentence = cue.sentence
    body = doc.sentence_text(sentence)
    clause_at = cue.span[0] - sentence.start
    cue_at = clause_at + min((body[clause_at:].find(w) for w in cue.cues if w in body[clause_at:]), default=0)
    people = [p.name for p in participants]
    org_names = [o.name for o in orgs]
    if cue.suggested == "agreed":
        parties = _signing_parties(doc, sentence, orgs)
        if parties:
            return parties
    clause_start = max(body.rfind(d, 0, cue_at) for d in "，,；;：:") + 1
    speaker = _speaker_in(body[:cue_at], people)
    reporting = speaker or _reported_speaker(doc, sentence, people)
    speaker_org = next((p.organization for p in participants if p.name == reporting), None)
    for word in cue.cues:  # 下一步，省工商联将…: the subject stands before a later cue word
        at = body.find(word, cue_at)
        if at < 0:
            continue
        start = max(body.rfind(d, 0, at) for d in "，,；;：:") + 1
        subject = _clause_subject(doc, sentence, body, max(start, clause_at), at, orgs, speaker_org)
        if subject:
            return subject
    if speaker:
        return speaker
    subject = _named_before(body[clause_start:cue_at], org_names, cue_at - clause_start)
    if subject and subject[0][0] <= 3:  # an organization opening the clause is its subject
        return subject[0][1]
    opening = _named_before(body, org_names, 3)
    if opening:
        return opening[0][1]
    named_people = _named_before(body, people, cue_at)
    if named_people:
        return named_people[-1][1]
    group = _GROUP.search(body[:cue_at])
    if group:
        if group.group() in ("双方", "三方", "各方", "多方"):
            parties = _signing_parties(doc, sentence, orgs)
            if parties:
                return parties
        return doc.text[sentence.start + group.start() : sentence.start + group.end()]
    if _MEETING_SUBJECT.search(body) and host:
        return host
    earlier = _before(doc, sentence, 6)
    current = sentence
    for previous in reversed(earlier):
        if _paragraph_start(doc, current) and not _PRONOUN.search(doc.sentence_text(current)):
            break
        text = doc.sentence_text(previous)
        found = _speaker_in(text, people)
        if found:
            return found
        if _MEETING_SUBJECT.search(text) and host:
            return host  # 会议强调，…。要…；要…: the meeting's points are the host's
        if _PRONOUN.search(doc.sentence_text(current)):
            named = _named_before(text, people, len(text))
            if named:
                return named[-1][1]  # 他表示: the person the previous sentence named last
        current = previous
    before = _named_before(body, org_names, cue_at)
    if before:
        return before[-1][1]
    return host or "未注明"


def build_commitment(
    doc: Document, cue: CueSentence, strength: str, participants: list[Participant], orgs: list[OrgCandidate],
    host: str | None = None,
) -> Commitment:
    start, end = cue.span
    text = doc.text[start:end]
    lead = len(text) - len(text.lstrip("，,。；;：: "))
    text = text.strip("，,；;：: ")
    start += lead
    end = start + len(text)
    folded = doc.folded[start:end]
    cue_at = min((folded.find(w) for w in cue.cues if w in folded), default=0)
    clause_start = max(folded.rfind(d, 0, max(cue_at, 0)) for d in "，,；;：:") + 1
    action = text[clause_start:].strip("，。；,; ”」")[:80] or text[:80]
    timeframe = re.search(TIMEFRAMES, folded)
    counterpart = None
    for org in orgs:
        if re.search(r"(?:与|和|同|跟)" + re.escape(fold(org.name)), folded):
            counterpart = org.name
            break
    return Commitment(
        actor=_actor(doc, cue, participants, orgs, host),
        action=action,
        evidence=text,
        strength=strength,  # type: ignore[arg-type]
        counterpart=counterpart,
        timeframe=text[timeframe.start() : timeframe.end()] if timeframe else None,
        span=doc.grounder.span(start, end),
    )


def unique_commitments(commitments: list[Commitment]) -> list[Commitment]:
    """One commitment per quote: a report that repeats itself states each commitment once."""
    seen: set[str] = set()
    unique = []
    for commitment in commitments:
        key = fold(commitment.evidence)
        if key not in seen:
            seen.add(key)
            unique.append(commitment)
    return unique
