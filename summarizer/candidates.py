"""Candidates proposed by code, for the model to confirm: people, organizations, dates, cue sentences.

All matching runs on folded (Simplified) text, which has the cleaned text's length, so
every span found here is a span of the cleaned article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer import lexicon
from summarizer.sentences import Sentence, sentence_at

_HAN = re.compile(r"[\u3400-\u9fff]")
_TITLE_RE = "|".join(sorted(lexicon.TITLES, key=len, reverse=True))
_CUE_RE = "|".join(sorted(lexicon.PERSON_CUES, key=len, reverse=True))
_STRONG_CUE_RE = "|".join(sorted(lexicon.STRONG_PERSON_CUES, key=len, reverse=True))
# Folded text has ASCII commas and semicolons (NFKC), so both forms are listed.
CLAUSE_ENDS = "，,。；;！!？?\n"
_DELIMS = "，。、；：,;:！？!?（）()“”\"‘’「」【】《》 \n"


@dataclass
class PersonCandidate:
    name: str
    start: int
    end: int
    title: str | None = None
    organization: str | None = None
    mentions: list[int] = field(default_factory=list)  # sentence ids
    evidence: set[str] = field(default_factory=set)  # which patterns found it


@dataclass
class OrgCandidate:
    name: str
    start: int
    end: int
    mentions: list[int] = field(default_factory=list)


def _is_han(char: str) -> bool:
    return bool(_HAN.match(char))


def _surname_length(folded: str, at: int) -> int:
    if folded[at : at + 2] in lexicon.COMPOUND_SURNAMES:
        return 2
    return 1 if folded[at : at + 1] in lexicon.SURNAMES else 0


def _name_at(folded: str, at: int) -> int:
    """Length of a plausible personal name starting at ``at`` (0 if none)."""
    surname = _surname_length(folded, at)
    if not surname:
        return 0
    given = 0
    while given < 2 and at + surname + given < len(folded) and _is_han(folded[at + surname + given]):
        given += 1
    if given == 0:
        return 0
    rest = folded[at + surname :]
    # Prefer the length after which a delimiter, title or cue follows.
    # A second given character that starts a cue or title word (周平表示) is not part of the name.
    second_starts_word = given == 2 and bool(re.match(_CUE_RE, rest[1:]) or re.match(_TITLE_RE, rest[1:]))
    for length in (2, 1) if given == 2 else (1,):
        after = rest[length:]
        if length == 2 and (second_starts_word or rest[1] in lexicon.NOT_GIVEN_NAME_CHARS):
            continue
        if not after or after[0] in _DELIMS or re.match(_TITLE_RE, after) or re.match(_CUE_RE, after):
            return surname + length
    if given == 2 and not second_starts_word and rest[1] not in lexicon.NAME_STOP_CHARS:
        return surname + 2
    return surname + 1


def _title_and_org(folded: str, text: str, name_start: int) -> tuple[str | None, str | None]:
    """Split the words before a name (back to a delimiter) into organization and title."""
    left = name_start
    while left > 0 and folded[left - 1] not in "，。；：,;:！？!?\n“”\"" and name_start - left < 40:
        left -= 1
    chunk = folded[left:name_start]
    # The part after the last 、 that is not itself a title belongs to this person.
    pieces = chunk.split("、")
    keep = [pieces[-1]]
    for piece in reversed(pieces[:-1]):
        if re.search(rf"(?:{_TITLE_RE})$", piece):
            keep.insert(0, piece)
        else:
            break
    chunk = "、".join(keep)
    # 市委书记王建国和副市长李红梅: what precedes 和 belongs to the previous person.
    previous = list(re.finditer(rf"(?:{_TITLE_RE})[\u3400-\u9fff]{{1,3}}[和与及]", chunk))
    if previous:
        chunk = chunk[previous[-1].end() :]
    offset = name_start - len(chunk)
    match = re.search(rf"(?:(?:{_TITLE_RE})、?)+$", chunk)
    if not match:
        return None, None
    title = text[offset + match.start() : offset + match.end()].strip("、 ")
    org = text[offset : offset + match.start()].strip("、 ")
    org = re.sub(r"^(?:由|在|与|和|及|以及|并|也|还有|包括|如|其中)", "", org)
    if org and (not any(_is_han(c) for c in org) or len(org) < 2):
        org = ""
    return title or None, org or None


def _org_before(folded: str, text: str, name_start: int) -> str | None:
    """The words between the previous delimiter and a name, when they end in an org suffix."""
    left = name_start
    while left > 0 and folded[left - 1] not in _DELIMS and name_start - left < 30:
        left -= 1
    if not re.search(f"(?:{'|'.join(lexicon.ORG_SUFFIXES)})$", folded[left:name_start]):
        return None
    return text[left:name_start] or None


def find_people(folded: str, text: str, sentences: list[Sentence]) -> list[PersonCandidate]:
    """Names next to a title, before a speech or attendance cue, or in a list with such names."""
    found: dict[str, PersonCandidate] = {}

    def add(start: int, length: int, how: str, title_after: str | None = None) -> None:
        name = text[start : start + length]
        key = folded[start : start + length]
        if key in lexicon.NOT_NAMES or key[:2] in lexicon.NOT_NAMES or key[-1] in lexicon.NOT_NAME_LAST_CHARS:
            return
        if length == _surname_length(folded, start) + 1 and key[-1] in lexicon.NOT_GIVEN_NAME_CHARS:
            return
        candidate = found.get(key)
        if candidate is None:
            title, org = _title_and_org(folded, text, start)
            if title_after and title is None:
                title = text[start + length : start + length + len(title_after)]
                org = _org_before(folded, text, start)
            candidate = PersonCandidate(name, start, start + length, title, org)
            found[key] = candidate
        elif candidate.title is None:
            candidate.title, candidate.organization = _title_and_org(folded, text, start)
        candidate.evidence.add(how)

    # 1. Title immediately before a name: 局长张建国, 会长李文华主持
    for match in re.finditer(_TITLE_RE, folded):
        length = _name_at(folded, match.end())
        after = folded[match.end() + length : match.end() + length + 1]
        weak = match.group() in lexicon.WEAK_TITLES
        if length and (not weak or not after or after in _DELIMS or re.match(_CUE_RE, folded[match.end() + length :])):
            add(match.end(), length, "title-before")
    # 2. Name immediately before a title or cue: 王志远会长, 周平表示
    for at in range(len(folded)):
        if at and _is_han(folded[at - 1]) and folded[at - 1] not in "长记员席任理事监团员人家局会的了":
            # a name usually starts after a delimiter, an organization or a title
            if not re.search(rf"(?:{'|'.join(lexicon.ORG_SUFFIXES)}|{_TITLE_RE})$", folded[max(0, at - 8) : at]):
                continue
        length = _name_at(folded, at)
        if not length:
            continue
        after = folded[at + length :]
        title_after = re.match(_TITLE_RE, after)
        if title_after and title_after.group() not in lexicon.WEAK_TITLES:
            add(at, length, "title-after", title_after.group())
        elif re.match(_STRONG_CUE_RE, after):
            add(at, length, "cue-after")
    # 3. Lists: names that follow a found name with 、 (赵一鸣、钱二宝、孙三立参加)
    for key in list(found):
        for match in re.finditer(re.escape(key), folded):
            at = match.end()
            while folded[at : at + 1] == "、":
                length = _name_at(folded, at + 1)
                if not length:
                    break
                after = folded[at + 1 + length :]
                if not (after[:1] in ("、", "") or after[:1] in _DELIMS or re.match(_CUE_RE, after)):
                    break
                add(at + 1, length, "list")
                at += 1 + length
    # 4. Bare lists of three or more names (赵甲、钱乙丙、孙丁当选为副会长).
    for match in re.finditer(r"[\u3400-\u9fff]{2,4}(?:、[\u3400-\u9fff]{2,6}){2,40}", folded):
        items = [(m.start() + match.start(), m.group()) for m in re.finditer(r"[^、]+", match.group())]
        names = []
        for index, (start, item) in enumerate(items):
            length = _name_at(folded, start)
            tail = folded[start + length :]
            if length and (length == len(item) or (index == len(items) - 1 and re.match(_CUE_RE, tail))):
                names.append((start, length))
        if len(names) >= 3 and len(names) >= len(items) - 1:
            for start, length in names:
                add(start, length, "list")
    people = sorted(found.values(), key=lambda p: p.start)
    keys = {p.name: folded[p.start : p.end] for p in people}
    for person in people:
        key = keys[person.name]
        person.mentions = sorted({s.id for m in re.finditer(re.escape(key), folded) if (s := sentence_at(sentences, m.start()))})
    for person in people:
        if _absent(folded, person):
            person.evidence.add("absent")
    return _drop_shadowed(people)


def _absent(folded: str, person: PersonCandidate) -> bool:
    """The clause naming the person says they were absent, deceased or quoted from elsewhere."""
    key = folded[person.start : person.end]
    for match in re.finditer(re.escape(key), folded):
        left = max(folded.rfind(d, 0, match.start()) for d in CLAUSE_ENDS) + 1
        right = min((i for i in (folded.find(d, match.end()) for d in CLAUSE_ENDS) if i >= 0), default=len(folded))
        before, after = folded[left : match.start()], folded[match.end() : right]
        if any(cue in before for cue in lexicon.ABSENCE_CUES_BEFORE) or any(cue in after for cue in lexicon.ABSENCE_CUES_AFTER):
            return True
    return False


def _drop_shadowed(people: list[PersonCandidate]) -> list[PersonCandidate]:
    """Drop a candidate that is a prefix of a longer candidate seen at the same place."""
    keep = []
    for person in people:
        shadowed = any(
            other is not person
            and other.start == person.start
            and other.end > person.end
            for other in people
        )
        if not shadowed:
            keep.append(person)
    return keep


_ORG_LEAD = re.compile(
    r"^.*(?:\d+家|\d+年|[日午]|今日|当天|首次|召开|举办|举行|主办|承办|拜访了?|到访|访问|走进|来到|参观了?|"
    r"考察了?|齐聚|希望|表示|结合|包括|打造|启动|产生|感谢|帮助|对接|招引|"
    r"目前|接下来|我们|凝聚|充分|非常|使|让|还|也|均|都|即|更)"
)


_EVENT_AFTER = r"^(?!主办|承办|召开|举办|举行|组织|牵头|联合|共同)(?:(?!的)[\u3400-\u9fff]){0,6}?(?:座谈会|交流会|碰头会|工作会|联席会|大会|年会|论坛|峰会|推介会|对接会|恳谈会)"


def find_organizations(folded: str, text: str, sentences: list[Sentence], people: list[PersonCandidate]) -> list[OrgCandidate]:
    """Names ending in an organization suffix, extended left to a delimiter."""
    suffix_re = "|".join(sorted(lexicon.ORG_SUFFIXES, key=len, reverse=True))
    person_spans = [(p.start, p.end) for p in people]
    found: dict[str, OrgCandidate] = {}
    standalone: set[str] = set()
    named_events: set[str] = set()
    for match in re.finditer(suffix_re, folded):
        end = match.end()
        following = folded[end : end + 1]
        # 局长, 会长, 委员: the suffix is the start of a title, not the end of a name
        if re.match(_TITLE_RE, folded[match.start() :]) and match.group() in ("局", "委", "办", "社", "署", "厅", "中心"):
            continue
        if following and match.group() in ("委", "办", "社", "局") and following in "员长主任会":
            continue
        if following == "业" or folded[max(0, end - 2) : end] in lexicon.ORG_FALSE_ENDINGS:
            continue
        start = match.start()
        while start > 0 and folded[start - 1] not in lexicon.ORG_LEFT_STOPS and end - start < 30:
            if any(s < start <= e for s, e in person_spans):
                break
            start -= 1
        # Titles inside the run end one organization: 协会会长X -> keep after the last title
        inner = list(re.finditer(_TITLE_RE, folded[start : match.start()]))
        if inner:
            start = start + inner[-1].end()
        lead = _ORG_LEAD.search(folded[start:end])
        if lead:
            start += lead.end()
        name_folded = folded[start:end]
        if len(name_folded) < 3 or name_folded.startswith(lexicon.ORG_GENERIC_HEADS) or not _specific_org(name_folded, match.group()):
            continue
        if not all(_is_han(c) or c.isalnum() or c in "()（）·" for c in name_folded):
            continue
        if re.match(_EVENT_AFTER, folded[end : end + 12]):
            named_events.add(name_folded)
        else:
            standalone.add(name_folded)
        candidate = found.setdefault(name_folded, OrgCandidate(text[start:end], start, end))
        sentence = sentence_at(sentences, start)
        if sentence and sentence.id not in candidate.mentions:
            candidate.mentions.append(sentence.id)
    # A name seen only inside an event's name (X行业协会工作交流会) describes the event.
    kept = [o for key, o in found.items() if key in standalone or key not in named_events]
    return _merge_aliases(_merge_nested(sorted(kept, key=lambda o: o.start), folded), folded)


def _specific_org(name: str, suffix: str) -> bool:
    """A real organization's name: no sentence fragment, no title at the end, not a venue,
    and something specific (a place, a trade) left once generic words are removed."""
    head = name[: len(name) - len(suffix)]
    if any(word in head for word in lexicon.ORG_FRAGMENT_WORDS) or re.search(r"\d+\s*[个条项家名位万亿]", name):
        return False
    if name.endswith(("常委", "执委", "主委")) or name.endswith(lexicon.VENUE_SUFFIXES) or "各" in name:
        return False
    for word in sorted(lexicon.ORG_GENERIC_WORDS, key=len, reverse=True):
        head = head.replace(word, "")
    return len(head) >= 2 or suffix in ("工商联", "政协", "妇联")


def _alias(key: str) -> str:
    """A folded name with administrative level words removed and 工商联 unabbreviated, so that
    深圳网商协会 / 深圳市网商协会 and 市工商联 / 临澜市工商业联合会 can be recognised as one body."""
    return re.sub(r"[省市区县]", "", key.replace("工商业联合会", "工商联"))


def _merge_aliases(orgs: list[OrgCandidate], folded: str) -> list[OrgCandidate]:
    """Fold a later, shorter reference into the fuller name it abbreviates."""
    keys = {id(o): _alias(folded[o.start : o.end]) for o in orgs}
    keep: list[OrgCandidate] = []
    for org in orgs:
        alias = keys[id(org)]
        fuller = [
            o for o in orgs
            if o is not org and o.end - o.start > org.end - org.start and keys[id(o)].endswith(alias) and len(alias) >= 3
        ]
        if fuller:
            target = max(fuller, key=lambda o: o.end - o.start)
            target.mentions = sorted(set(target.mentions) | set(org.mentions))
            continue
        keep.append(org)
    return keep


def _merge_nested(orgs: list[OrgCandidate], folded: str) -> list[OrgCandidate]:
    """Fold a short form into the longer name it ends (市工商联 into 上海市工商联), and drop
    a name cut short inside a longer one that starts at the same place."""
    keys = [folded[o.start : o.end] for o in orgs]
    keep: list[OrgCandidate] = []
    for org, key in zip(orgs, keys):
        if any(o.start == org.start and o.end > org.end for o in orgs) and not key.endswith(lexicon.PARENT_BODY_SUFFIXES):
            continue
        longer = [o for o, k in zip(orgs, keys) if k != key and k.endswith(key) and len(key) >= 3]
        if longer and len(key) <= 5:
            target = max(longer, key=lambda o: o.end - o.start)
            target.mentions = sorted(set(target.mentions) | set(org.mentions))
            continue
        keep.append(org)
    return keep


_DATE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})\s*年\s*)?(?P<month>1[0-2]|0?[1-9])\s*月\s*(?P<day>3[01]|[12]\d|0?[1-9])\s*[日号]"
    r"|(?P<iso_year>(?:19|20)\d{2})[-/.](?P<iso_month>1[0-2]|0?[1-9])[-/.](?P<iso_day>3[01]|[12]\d|0?[1-9])"
)
_YEAR_MONTH = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>1[0-2]|0?[1-9])\s*月(?!\s*\d)")
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!度|\s*\d|以来|前|后|成立|起)")


_PUBLISHED = re.compile(r"(?:发布|更新|发表|出版|时间)\s*[:：]?\s*$")


@dataclass(frozen=True)
class DateMention:
    value: str  # YYYY-MM-DD, YYYY-MM or --MM-DD
    start: int
    end: int


def find_meeting_date(folded: str, sentences: list[Sentence]) -> DateMention | None:
    """The event date: the first month-day in the body, with its year when the article gives it.

    The year comes from the date itself, else from a dateline or another full date with the
    same month and day, else from a bare year (2021年…) in the same sentence.
    """
    mentions = list(_DATE.finditer(folded))
    publication_year = None
    for match in mentions:
        before = folded[max(0, match.start() - 3) : match.start()]
        if re.search(r"(?:去年|前年|于|成立)$", before):
            continue
        if _PUBLISHED.search(folded[max(0, match.start() - 8) : match.start()]):
            publication_year = match.group("year") or match.group("iso_year")
            continue
        if match.group("iso_year"):
            year, month, day = match.group("iso_year"), match.group("iso_month"), match.group("iso_day")
        else:
            year, month, day = match.group("year"), match.group("month"), match.group("day")
        if year is None:
            for other in mentions:
                if other.group("year") and int(other.group("month")) == int(month) and int(other.group("day")) == int(day):
                    year = other.group("year")
                    break
        if year is None:
            sentence = sentence_at(sentences, match.start())
            if sentence:
                bare = _BARE_YEAR.search(folded[sentence.start : sentence.end])
                if bare:
                    year = bare.group(1)
        year = year or publication_year
        month_day = f"{int(month):02d}-{int(day):02d}"
        return DateMention(f"{year}-{month_day}" if year else f"--{month_day}", match.start(), match.end())
    year_month = _YEAR_MONTH.search(folded)
    if year_month:
        value = f"{year_month.group('year')}-{int(year_month.group('month')):02d}"
        return DateMention(value, year_month.start(), year_month.end())
    return None


@dataclass(frozen=True)
class CueSentence:
    sentence: Sentence
    cues: tuple[str, ...]
    suggested: str  # strength the cue words suggest


_COMMITMENT_PATTERNS = {strength: re.compile("|".join(parts)) for strength, parts in lexicon.COMMITMENT_CUES.items()}
_PAST_OR_REPORTED = re.compile(r"^(?:据(?:统计|介绍|了解)|累计)|已(?:经)?(?:为|于|完成|签约|建成)")


def find_commitment_sentences(folded: str, sentences: list[Sentence]) -> list[CueSentence]:
    """Sentences holding a commitment cue, with the strength the cues suggest.

    Headlines and section titles (no closing punctuation) and sentences reporting what
    was already done are left out: they name signings and plans without committing.
    """
    found = []
    order = ("agreed", "proposed", "planned", "intended")
    for sentence in sentences:
        body = folded[sentence.start : sentence.end]
        if not re.search(r"[。！？!?；;”」]$", body) or _PAST_OR_REPORTED.search(body):
            continue
        hits = {strength: [m.group() for m in pattern.finditer(body)] for strength, pattern in _COMMITMENT_PATTERNS.items()}
        strengths = [s for s in order if hits[s]]
        if not strengths:
            continue
        cues = tuple(word for s in strengths for word in hits[s])
        found.append(CueSentence(sentence, cues, strengths[0]))
    return found


def find_kind(folded_head: str) -> str | None:
    """The meeting kind named first in the headline or lead: one of the named kinds,
    其他 for another kind of meeting, None when no meeting word occurs."""
    best: tuple[int, str] | None = None
    for kind, words in lexicon.MEETING_KINDS.items():
        for word in words:
            at = folded_head.find(word)
            if at >= 0 and (best is None or at < best[0]):
                best = (at, kind)
    if best:
        return best[1]
    return "其他" if re.search(lexicon.OTHER_MEETING_WORDS, folded_head) else None


def has_meeting_evidence(folded_body: str) -> bool:
    """Whether the text reports an event at all: someone attended, hosted, visited or signed."""
    named = "|".join(word for words in lexicon.MEETING_KINDS.values() for word in words)
    return bool(re.search(f"{lexicon.EVENT_WORDS}|{named}", folded_body))
