"""Participants: names found next to titles, cues and in lists; who is absent; titles and
organizations; roles; the participants of a report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.fields.text import CLAUSE_ENDS, DELIMS, is_han, is_word, segment, word_tag
from summarizer.fields.words import organizations as org_words
from summarizer.fields.words import people as words
from summarizer.fields.words.speech import SPEECH_VERBS, SPEECH_VERBS_AMBIGUOUS
from summarizer.document import Document
from summarizer.normalize import fold
from summarizer.schema import Participant
from summarizer.sentences import Sentence, sentence_at

TITLE_RE = "|".join(sorted(words.TITLES, key=len, reverse=True))


CUE_RE = "|".join(sorted(words.PERSON_CUES, key=len, reverse=True))


STRONG_CUE_RE = "|".join(sorted(words.STRONG_PERSON_CUES, key=len, reverse=True))


@dataclass
class PersonCandidate:
    name: str
    start: int
    end: int
    title: str | None = None
    organization: str | None = None
    mentions: list[int] = field(default_factory=list)  # sentence ids
    evidence: set[str] = field(default_factory=set)  # which patterns found it


def _surname_length(folded: str, at: int) -> int:
    for size in (3, 2):
        if folded[at : at + size] in _JAPANESE and at + size < len(folded) and is_han(folded[at + size]):
            return size
    if folded[at : at + 2] in words.COMPOUND_SURNAMES:
        return 2
    return 1 if folded[at : at + 1] in words.SURNAMES else 0


_JAPANESE = {name for name in words.JAPANESE_SURNAMES if len(name) > 1}


def _japanese_given(rest: str) -> int:
    """Length of a Japanese given name (一, 健一郎): the shortest one a title or cue
    follows, else the longest one a delimiter follows (up to three characters)."""
    lengths = [n for n in (1, 2, 3) if all(is_han(c) for c in rest[:n]) and len(rest) >= n]
    for length in lengths:
        if re.match(TITLE_RE, rest[length:]) or re.match(CUE_RE, rest[length:]):
            return length
    for length in reversed(lengths):
        if not rest[length:] or rest[length] in DELIMS:
            return length
    return min(2, len(lengths)) or 1


def _name_at(folded: str, at: int) -> int:
    """Length of a plausible personal name starting at ``at`` (0 if none)."""
    surname = _surname_length(folded, at)
    if not surname:
        return 0
    given = 0
    while given < 2 and at + surname + given < len(folded) and is_han(folded[at + surname + given]):
        given += 1
    if given == 0:
        return 0
    if folded[at : at + surname] in _JAPANESE:
        return surname + _japanese_given(folded[at + surname : at + surname + 4])
    rest = folded[at + surname :]
    # Prefer the length after which a delimiter, title or cue follows.
    # A second given character that starts a cue or title word (周平表示) is not part of the name.
    second_starts_word = given == 2 and bool(re.match(CUE_RE, rest[1:]) or re.match(TITLE_RE, rest[1:]))
    if second_starts_word and rest[1] in words.OBJECT_CUES and rest[2:3] and rest[2] in DELIMS:
        second_starts_word = False  # 甲章作，: a cue needing an object cannot end the clause
    for length in (2, 1) if given == 2 else (1,):
        after = rest[length:]
        function_char_ends_name = (
            given == 2 and rest[1] in "和与为" and bool(re.match(CUE_RE, after)) and not _surname_length(rest, 2)
        )
        if length == 2 and (second_starts_word or rest[1] in words.NOT_GIVEN_NAME_CHARS) and not function_char_ends_name:
            continue
        if not after or after[0] in DELIMS or re.match(TITLE_RE, after) or re.match(CUE_RE, after):
            return surname + length
    if given == 2 and not second_starts_word and rest[1] not in words.NAME_STOP_CHARS:
        # Nothing after the name confirms its length: jieba's segmentation decides whether
        # the third character opens the next word (甲某|亲自, 乙某|现场).
        tokens = segment(folded[at : at + surname + 4])
        if tokens and tokens[0].flag.startswith("nr") and len(tokens[0].word) == surname + 1:
            return surname + 1
        return surname + 2
    return surname + 1


PLACE_ENDINGS = set("省市县区镇乡村州")


def _name_shaped(folded: str, start: int, key: str, how: str) -> bool:
    """Whether a candidate looks like a name rather than a word or a title:
    not a dictionary word of another class (国家, 简要), no title opening at it
    (荣誉会长, 甲院长), not a conjunction before a name (和某某副院长)."""
    tag = word_tag(key)
    if tag and not tag.startswith("nr"):
        return False
    if folded[start + len(key) : start + len(key) + 1] in PLACE_ENDINGS and not re.match(TITLE_RE, folded[start + len(key) :]):
        return False  # 普陀区, but 某某乡贤
    if re.match(TITLE_RE, key[1:]) or re.match(TITLE_RE, folded[start:]):
        return False
    if key[1:] in words.NOT_NAMES:
        return False  # 和常务(副主席): the given name is a common word
    if key[0] in words.FUNCTION_SURNAMES and len(key) == 3 and word_tag(key[1:]) in _COMMON_WORD_TAGS:
        return False  # 和侨务, 暨行政, 来参加: a function word before a common word
    if key[0] in "和与及" and how == "title-before":
        # 会长和乙某林常务副会长: after a title, 和 joins the next name, written before its title
        after_conjunction = _name_at(folded, start + 1)
        if after_conjunction and re.match(TITLE_RE, folded[start + 1 + after_conjunction :]):
            return False
    if key[0] in "和与及同" and how != "title-before":
        # 和/与 opening a candidate is a conjunction unless a title right before says otherwise
        tokens = segment(folded[start : start + len(key) + 2])
        if _surname_length(folded, start + 1) or (tokens and tokens[0].word == key[0] and tokens[0].flag in ("c", "p")):
            return False
    return True


_COMMON_WORD_TAGS = {"n", "v", "vn", "a", "r", "m", "j", "l", "d", "p", "c"}


def _whole_item_is_name(item: str) -> bool:
    """An item of a 、-list of names, taken whole: two to three characters (four with a
    compound surname), not a dictionary word of another class."""
    limit = 4 if item[:2] in words.COMPOUND_SURNAMES else 3
    tag = word_tag(item)
    return 2 <= len(item) <= limit and not (tag and not tag.startswith("nr")) and item[-1] not in words.NOT_NAME_LAST_CHARS


def _title_and_org(folded: str, text: str, name_start: int) -> tuple[str | None, str | None]:
    """Split the words before a name (back to a delimiter) into organization and title."""
    if folded[max(0, name_start - 1) : name_start] in (" ", "\u3000"):
        name_start -= 1  # 主席 某某: a space between title and name, as in transcripts
    left = name_start
    while left > 0 and folded[left - 1] not in "，。；：,;:！？!?\n“”\"【】[]" and name_start - left < 40:
        left -= 1
    chunk = folded[left:name_start]
    # The part after the last 、 that is not itself a title belongs to this person.
    pieces = chunk.split("、")
    keep = [pieces[-1]]
    for piece in reversed(pieces[:-1]):
        if re.search(rf"(?:{TITLE_RE})$", piece):
            keep.insert(0, piece)
        else:
            break
    chunk = "、".join(keep)
    # 市委书记王建国和副市长李红梅: what precedes 和 belongs to the previous person.
    previous = list(re.finditer(rf"(?:{TITLE_RE})[\u3400-\u9fff]{{1,3}}[和与及]", chunk))
    if previous:
        chunk = chunk[previous[-1].end() :]
    offset = name_start - len(chunk)
    if not re.search(rf"(?:{TITLE_RE})、?$", chunk):
        return None, None
    # With several posts, the first one written with an organization is the person's
    # title, the words before it their organization (市政协副主席、市工商联主席X:
    # 副主席 of 市政协); with none, the first post alone.
    titles = [m for m in re.finditer(TITLE_RE, chunk) if chunk[m.end() : m.end() + 1] not in ORG_CONTINUES]
    if not titles:
        return None, None
    previous_end = 0
    for match in titles:
        org = _organization_in(text[offset + previous_end : offset + match.start()])
        if org:
            return text[offset + match.start() : offset + match.end()], org
        previous_end = match.end()
    first = titles[0]
    reference = re.search(ORG_REFERENCE_RE, chunk[: first.start()])
    org = text[offset + reference.start() : offset + reference.end()] if reference else None
    return text[offset + first.start() : offset + first.end()], org


# 该会理事长X, 本会副会长Y: the post belongs to a body named elsewhere in the article;
# organizations.resolve_references replaces the reference with that body's name.
ORG_REFERENCE_RE = r"[该本](?:总商会|商会|协会|总会|公会|联合会|基金会|会|公司|集团|委员会)$"


def _organization_in(words_before: str) -> str | None:
    """The organization named by the words before a title: cut back to the last
    organization suffix (投资促进局招商二科 -> 投资促进局), without leading connectors."""
    words_before = re.sub(r"^[、，,\s]*(?:由|在|与|和|及|以及|并|也|还有|包括|如|其中)?", "", words_before).strip("、 ")
    folded = fold(words_before)
    ends = [m.end() for m in re.finditer(ORG_SUFFIX_RE, folded)]
    if not ends or not any(is_han(c) for c in words_before):
        return None
    org = words_before[: ends[-1]]
    return org if len(org) >= 2 else None


ORG_SUFFIX_RE = "|".join(sorted(org_words.ORG_SUFFIXES, key=len, reverse=True))


# A title word followed by one of these is inside an organization's name (常委会, 委员会).
ORG_CONTINUES = set("会部局处室办厅")


def _org_before(folded: str, text: str, name_start: int) -> str | None:
    """The words between the previous delimiter and a name, when they end in an org suffix."""
    left = name_start
    while left > 0 and folded[left - 1] not in DELIMS and name_start - left < 30:
        left -= 1
    if not re.search(f"(?:{'|'.join(org_words.ORG_SUFFIXES)})$", folded[left:name_start]):
        return None
    return text[left:name_start] or None


def find_people(folded: str, text: str, sentences: list[Sentence]) -> list[PersonCandidate]:
    """Names next to a title, before a speech or attendance cue, or in a list with such names."""
    found: dict[str, PersonCandidate] = {}

    def add(start: int, length: int, how: str, title_after: str | None = None) -> None:
        name = text[start : start + length]
        key = folded[start : start + length]
        if key in words.NOT_NAMES or key[:2] in words.NOT_NAMES or key[-1] in words.NOT_NAME_LAST_CHARS:
            return
        if not _name_shaped(folded, start, key, how):
            return
        if length == _surname_length(folded, start) + 1 and key[-1] in words.NOT_GIVEN_NAME_CHARS:
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
    for match in re.finditer(TITLE_RE, folded):
        length = _name_at(folded, match.end())
        after = folded[match.end() + length : match.end() + length + 1]
        weak = match.group() in words.WEAK_TITLES
        if length and (not weak or not after or after in DELIMS or re.match(CUE_RE, folded[match.end() + length :])):
            add(match.end(), length, "title-before")
        elif not length and folded[match.end() : match.end() + 1] in (" ", "\u3000") and not weak:
            # 主席 某某：, as transcripts write it: only with a colon or delimiter after the name
            length = _name_at(folded, match.end() + 1)
            if length and folded[match.end() + 1 + length : match.end() + 2 + length] in ("：", ":", "，", ",", "。"):
                add(match.end() + 1, length, "title-before")
    # 2. Name immediately before a title or cue: 王志远会长, 周平表示
    for at in range(len(folded)):
        if at and is_han(folded[at - 1]) and folded[at - 1] not in "长记员席任理事监团员人家局会的了院处部厅署委办党":
            # a name usually starts after a delimiter, an organization or a title
            before = folded[max(0, at - 8) : at]
            opener = re.search(f"(?:{'|'.join(words.NAME_OPENERS)})$", before)
            if not re.search(rf"(?:{'|'.join(org_words.ORG_SUFFIXES)}|{TITLE_RE})$", before) and not opener:
                continue
        else:
            opener = None
        length = _name_at(folded, at)
        if not length:
            continue
        after = folded[at + length :]
        title_after = re.match(TITLE_RE, after)
        if opener and not title_after:
            continue  # after 由, 偕同, 和 …: only a title right after shows a name
        if title_after and title_after.group() not in words.WEAK_TITLES:
            add(at, length, "title-after", title_after.group())
        elif re.match(STRONG_CUE_RE, after):
            add(at, length, "cue-after")
    # 1b. A name whose surname is not in the list, between a title and an attendance or
    #     speech cue (会长达瓦次仁出席, 副主席巴音其其格一行): the title and the cue fix both ends.
    for match in re.finditer(rf"(?:{TITLE_RE})([\u3400-\u9fff]{{2,4}}?)(?={STRONG_CUE_RE}|出席|参加|莅临|率)", folded):
        name = match.group(1)
        if match.group()[: -len(name)] in words.WEAK_TITLES or _surname_length(folded, match.start(1)):
            continue
        if word_tag(name) is None and not any(c in words.NAME_STOP_CHARS or c in words.NOT_GIVEN_NAME_CHARS for c in name):
            add(match.start(1), len(name), "title-before")
    # 3. Lists: names that follow a found name with 、 (赵一鸣、钱二宝、孙三立参加)
    for key in list(found):
        for match in re.finditer(re.escape(key), folded):
            at = match.end()
            while folded[at : at + 1] == "、":
                length = _name_at(folded, at + 1)
                item = re.match(r"[\u3400-\u9fff]+", folded[at + 1 :])
                if length and item and _whole_item_is_name(item.group()) and folded[at + 1 + len(item.group()) : at + 2 + len(item.group())] in ("、", *DELIMS):
                    length = len(item.group())
                if not length:
                    break
                after = folded[at + 1 + length :]
                if not (after[:1] in ("、", "") or after[:1] in DELIMS or re.match(CUE_RE, after)):
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
            if _surname_length(folded, start) and _whole_item_is_name(item):
                length = len(item)  # the list's 、 marks the name's end (甄信和、卜某)
            if length and (length == len(item) or (index == len(items) - 1 and re.match(CUE_RE, tail))):
                names.append((start, length))
        last_start, last = items[-1]
        trailing = re.search(r"等人?$", last)
        if trailing and len(last) > 2:
            items[-1] = (last_start, last[: trailing.start()])  # 某某等: the list ends before 等
            if _surname_length(folded, last_start) and _whole_item_is_name(items[-1][1]):
                names = [n for n in names if n[0] != last_start] + [(last_start, len(items[-1][1]))]
        for index, (start, item) in enumerate(items[1:-1], 1):
            pair = re.fullmatch(r"([\u3400-\u9fff]{2,3})[和及与]([\u3400-\u9fff]{2,3})", item)
            if pair and all(_surname_length(folded, start + pair.start(g)) for g in (1, 2)):
                names += [(start + pair.start(g), len(pair.group(g))) for g in (1, 2)]  # 甲某和乙某 mid-list
        first_start, first = items[0]
        if not names or names[0][0] != first_start:  # 还有甲某、…: the list's first name ends its first item
            for size in (3, 2):
                at = first_start + len(first) - size
                if size < len(first) and _surname_length(folded, at) and _whole_item_is_name(first[-size:]):
                    names.insert(0, (at, size))
                    break
        last_start, last = items[-1]
        pair = re.fullmatch(r"([\u3400-\u9fff]{2,3})[和及与]([\u3400-\u9fff]{2,3})", last)
        if pair and all(_surname_length(folded, last_start + pair.start(g)) for g in (1, 2)):
            names = [n for n in names if n[0] != last_start]  # 甲某和乙某: the last item holds two names
            names += [(last_start + pair.start(g), len(pair.group(g))) for g in (1, 2)]
        if len(names) >= 3 and len(names) >= len(items) - 1:
            for start, length in names:
                add(start, length, "list")
    # 5. Two names before an attendance cue (甲某、乙某出席).
    for match in re.finditer(r"(?:^|(?<=[，。,\n ]))([\u3400-\u9fff]{2,3})、([\u3400-\u9fff]{2,3})(?=出席|参加|陪同|分别|一同|等)", folded):
        pair = [(match.start(g), match.group(g)) for g in (1, 2)]
        if all(_surname_length(folded, at) and _whole_item_is_name(item) for at, item in pair):
            for at, item in pair:
                add(at, len(item), "list")
    people = sorted(found.values(), key=lambda p: p.start)
    keys = {p.name: folded[p.start : p.end] for p in people}
    for person in people:
        key = keys[person.name]
        person.mentions = sorted({s.id for m in re.finditer(re.escape(key), folded) if (s := sentence_at(sentences, m.start()))})
    for person in people:
        if _absent(folded, person):
            person.evidence.add("absent")
    people = _drop_shadowed(people)
    _share_posts(folded, people)
    return people


def _share_posts(folded: str, people: list[PersonCandidate]) -> None:
    """Names listed after a person share that person's post or organization:
    常委王甲、李乙 (both 常委), 商会会长王甲，副会长李乙 (both of the 商会)."""
    for previous, person in zip(people, people[1:]):
        between = folded[previous.end : person.start]
        if re.fullmatch(r"[、和及与]", between):
            person.title = person.title or previous.title
            person.organization = person.organization or previous.organization
        elif person.organization is None and re.fullmatch(rf"[，,、](?:{TITLE_RE})(?:[、兼][\u4e00-\u9fff]{{0,4}}?(?:{TITLE_RE}))*", between):
            person.organization = previous.organization  # 副会长X，理事兼外联主任Y: both of X's body


def _absent(folded: str, person: PersonCandidate) -> bool:
    """The clause naming the person says they were absent, deceased or quoted from
    elsewhere; or every clause naming them cites their words (学习贯彻某某讲话精神)."""
    key = folded[person.start : person.end]
    cited = True
    for match in re.finditer(re.escape(key), folded):
        left = max(folded.rfind(d, 0, match.start()) for d in CLAUSE_ENDS) + 1
        right = min((i for i in (folded.find(d, match.end()) for d in CLAUSE_ENDS) if i >= 0), default=len(folded))
        before, after = folded[left : match.start()], folded[match.end() : right]
        if any(cue in before for cue in words.ABSENCE_CUES_BEFORE) or any(cue in after for cue in words.ABSENCE_CUES_AFTER):
            return True
        cited = cited and (any(cue in before for cue in words.CITED_CUES_BEFORE) or after.startswith(words.CITED_CUES_AFTER))
    return cited


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


STRONG_EVIDENCE = {"title-before", "cue-after"}


def keep_person(person: PersonCandidate, label: str | None, policy: str) -> bool:
    """Whether a candidate is a participant, given the model's label (None when no pass ran)."""
    if "absent" in person.evidence:
        return False
    if policy == "code" or (policy == "code_first" and person.evidence & STRONG_EVIDENCE):
        return True
    return label == "参与"


_ROLE_CUES = (
    ("chair", ("主持",)),
    ("delegation_lead", ("率队", "率团", "带队", "率领")),
    ("signatory", ("签署", "签约", "签订")),
    ("receiver", ("接待", "会见", "欢迎")),
    ("speaker", SPEECH_VERBS + SPEECH_VERBS_AMBIGUOUS),
)


def person_role(folded: str, key: str) -> str:
    for role, cues in _ROLE_CUES:
        if re.search(re.escape(key) + r"[^，,。；;]{0,12}(?:" + "|".join(cues) + ")", folded):
            return role
    return "attendee"


def build_participants(doc: Document, chosen: list[PersonCandidate], added: list[str]) -> list[Participant]:
    grounder = doc.grounder
    participants: list[Participant] = []
    keys: set[str] = set()
    for person in chosen:
        key = fold(person.name)
        if key in keys:
            continue
        keys.add(key)
        participants.append(Participant(
            name=person.name, title=person.title, organization=person.organization,
            role=person_role(grounder.folded, key), span=grounder.span(person.start, person.end),  # type: ignore[arg-type]
        ))
    for name in added:
        key = fold(name)
        span = grounder.find(name, doc.article.body_end)
        if span is None or key in keys or any(key in k or k in key for k in keys):
            continue
        keys.add(key)
        participants.append(Participant(
            name=grounder.text[span.start : span.end], role=person_role(grounder.folded, key), span=span,  # type: ignore[arg-type]
        ))
    return participants
