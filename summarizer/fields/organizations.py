"""Organizations: names ending in an organization suffix, their boundaries, the filter
for specific names, aliases folded into fuller names, and their type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarizer.fields.people import ORG_REFERENCE_RE, TITLE_RE, PersonCandidate
from summarizer.fields.text import clause_bounds, is_han, is_word, segment
from summarizer.fields.words import organizations as words
from summarizer.fields.words.events import EARLIER_WORDS, EVENT_VERBS, MEETING_NOUNS, PARTICIPATION_WORDS
from summarizer.normalize import fold
from summarizer.sentences import Sentence, sentence_at

@dataclass
class OrgCandidate:
    name: str
    start: int
    end: int
    mentions: list[int] = field(default_factory=list)


_ORG_LEAD = re.compile(
    r"^.*(?:\d+家|\d+年|[一二三四五六七八九十两几多]+年来|时候|[日午]|今日|当天|首次|召开|举办|举行|主办|承办|拜访了?|到访|访问|走进|来到|参观了?|"
    r"考察了?|齐聚|希望|表示|结合|包括|打造|启动|产生|感谢|帮助|对接|招引|"
    r"目前|接下来|我们|大家|各位|凝聚|充分|非常|使|让|还|也|均|即|更|单位)"
)


_EVENT_AFTER = rf"^(?!主办|承办|召开|举办|举行|组织|牵头|联合|共同)(?:(?!的)[\u3400-\u9fff]){{0,6}}?(?:{'|'.join(MEETING_NOUNS)})"


def find_organizations(folded: str, text: str, sentences: list[Sentence], people: list[PersonCandidate]) -> list[OrgCandidate]:
    """Names ending in an organization suffix, extended left to a delimiter."""
    person_spans = [(p.start, p.end) for p in people]
    found: dict[str, OrgCandidate] = {}
    standalone: set[str] = set()
    named_events: set[str] = set()
    for match in re.finditer(_SUFFIX_RE, folded):
        end = match.end()
        following = folded[end : end + 1]
        # 局长, 会长, 委员: the suffix is the start of a title, not the end of a name
        if re.match(TITLE_RE, folded[match.start() :]) and match.group() in ("局", "委", "办", "社", "署", "厅", "中心", "总会"):
            continue
        if following and match.group() in ("委", "办", "社", "局") and following in "员长主任会托屈":
            continue
        if following == "业" or folded[max(0, end - 2) : end] in words.ORG_FALSE_ENDINGS:
            continue
        if match.group() == "中心" and folded[end : end + 2] in words.CENTRAL_WORDS:
            continue
        # 中心城市, 政府工作: the suffix opens a longer word, so no name ends here
        if following and any(
            is_word(folded[match.start() : end + n]) and not is_word(folded[end : end + n]) for n in (1, 2)
        ):
            continue
        start, after_person = match.start(), False
        while start > 0 and end - start < 30:
            # 博世(中国)投资有限公司: a place in brackets inside a company's name
            bracketed = _BRACKETED_PLACE.search(folded[max(0, start - 8) : start])
            if bracketed and start - len(bracketed.group()) > 0 and is_han(folded[start - len(bracketed.group()) - 1]):
                start -= len(bracketed.group())
                continue
            if folded[start - 1] in words.ORG_LEFT_STOPS and not _inside_a_word(folded, start - 1) and not _inside_a_department_name(folded, start - 1):
                break
            if any(s < start <= e for s, e in person_spans):
                after_person = True
                break
            start -= 1
        # Titles inside the run end one organization: 协会会长X -> keep after the last title
        inner = list(re.finditer(TITLE_RE, folded[start : match.start()]))
        if inner:
            start = start + inner[-1].end()
        lead = _ORG_LEAD.search(folded[start:end])
        if lead:
            start += lead.end()
        clause = _CLAUSE_VERB.search(folded[start : match.start()])
        if clause:
            start += clause.end()  # 王某宣读某市住建局: the verb ends a clause, the name follows
        start += _verb_phrase_end(folded[start:end], len(match.group()), after_person)
        name_folded = folded[start:end]
        if len(name_folded) < 3 or name_folded.startswith(words.ORG_GENERIC_HEADS) or not _specific_org(name_folded, match.group()):
            continue
        if not all(is_han(c) or c.isalnum() or c in "()（）·" for c in name_folded):
            continue
        if re.match(_EVENT_AFTER, folded[end : end + 12]):
            named_events.add(name_folded)
        else:
            standalone.add(name_folded)
        candidate = found.setdefault(name_folded, OrgCandidate(text[start:end], start, end))
        sentence = sentence_at(sentences, start)
        if sentence and sentence.id not in candidate.mentions:
            candidate.mentions.append(sentence.id)
    # A name seen only inside an event's name (X行业协会工作交流会) describes the event;
    # a government or party body seen only in officials' titles did not itself take part.
    kept = [
        o for key, o in found.items()
        if (key in standalone or key not in named_events) and not _only_in_titles(folded, key) and not _only_as_venue(folded, key)
    ]
    return _merge_aliases(_merge_nested(sorted(kept, key=lambda o: o.start), folded), folded)


# Word classes (jieba's tags) that cannot open an organization's name: verbs, adverbs,
# prepositions, numerals, pronouns, particles, people's names (要服务好政府, 依托商会,
# 进一步壮大协会, 一行莅临商会). After a place name, a verb or a name is part of the
# organization's own name (南京市投资促进局, 宁波好美秋千有限公司).
_NOT_NAME_START = {"v", "vd", "vn", "d", "p", "r", "u", "ad", "q", "y", "l", "i", "a", "nr", "nrfg", "nrt", "t", "c"}
_ANY_POSITION = {"d", "p", "r", "u", "ad", "y", "t"}
_PLACES = {"ns", "nt", "nz", "j"}
_COUNTED = re.compile(r"(?:\d|[个家届名位批项次])")  # 三个, 第32届: a count, not a name (九三学社 is one)


_CLAUSE_VERB = re.compile(rf"^.*(?:{'|'.join(words.CLAUSE_VERBS)})")
_SUFFIX_RE = "|".join(sorted(words.ORG_SUFFIXES, key=len, reverse=True))
_BRACKETED_PLACE = re.compile(r"[(（](?:中国|香港|澳门|台湾|亚洲|亚太|[\u4e00-\u9fff]{1,3}[省市])[)）]$")


def _verb_phrase_end(name: str, suffix_length: int, after_person: bool = False) -> int:
    """How many characters at the start of ``name`` are a clause's words, not the name's.
    Right after a person's name (某某|年高度评价温州商会) the name starts at a place."""
    cut, position, seen_place = 0, 0, False
    head = len(name) - suffix_length
    # A word of the whole name that runs into the suffix (民建中央) is the name's own,
    # however the words before the suffix are read alone (民建: a verb).
    protected, at = head, 0
    for token in segment(name):
        if at < head < at + len(token.word):
            protected = at
        at += len(token.word)
    tokens = segment(name[:head])
    for index, token in enumerate(tokens):
        position += len(token.word)
        if (
            re.match(r"[\u4e00-\u9fff]{0,3}[省市县区州]", name[position:]) and len(token.word) <= 2
            and token.flag not in _ANY_POSITION and token.flag != "v"
        ):
            seen_place = True  # the start of a place name the dictionary does not know (临|澜市)
            continue
        if token.flag.startswith("nr") and index < len(tokens) - 1:
            continue  # a name right before the suffix is a person's; elsewhere often a place the dictionary tags as a name
        if token.flag in _PLACES or re.search(r"[省市县区州]$", token.word):
            if (after_person and index and not seen_place) or any(
                t.flag.startswith("nr") and not re.match(r"[省市县区州]", n.word) for t, n in zip(tokens[:index], tokens[1:index])
            ):
                cut = position - len(token.word)  # 某某年高度评价|温州商会: after a person's name, the name starts at the place
            seen_place = True
        elif token.flag == "f" and len(token.word) > 1:
            cut = position  # 以上, 期间: a locality word, not part of a name
        elif token.flag == "m":
            if _COUNTED.search(token.word):
                cut = position
        elif token.flag in _ANY_POSITION or (token.flag in _NOT_NAME_START and not seen_place and (token.flag != "vn" or index == 0)):
            cut = position
        elif token.flag == "v" and index and re.search(f"(?:{_SUFFIX_RE})$", tokens[index - 1].word):
            cut = position  # 某市工商联指导商会: a body, a verb, then another body
    return min(cut, protected)


def _inside_a_word(folded: str, at: int) -> bool:
    """Whether a character that usually ends a name's left edge (为, 和, 与 …) is inside a
    word with the character after it (华为技术有限公司, 和平发展基金会)."""
    if not is_han(folded[at]) or at + 1 >= len(folded):
        return False
    left = max(0, at - 3)
    position = left
    for token in segment(folded[left : at + 3]):
        if position <= at < position + len(token.word):
            return (
                position + len(token.word) > at + 1
                and token.flag not in ("p", "c", "u", "uj", "ul", "d", "f", "i", "l")
                and (len(token.word) <= 2 or (len(token.word) <= 4 and token.flag in ("n", "nt", "ns", "nr")))
            )
        position += len(token.word)
    return False


def _inside_a_department_name(folded: str, at: int) -> bool:
    """Whether the 和 at ``at`` is inside a department's name (人力资源和社会保障局)."""
    return any(
        at >= name.index("和") and folded.startswith(name, at - name.index("和")) for name in words.NAMES_WITH_AND
    )


def _only_in_titles(folded: str, key: str) -> bool:
    """A government, party or advisory body every mention of which opens an official's
    title (市政协副主席X, 区委书记Y): the body is how the person is described."""
    if not key.endswith(words.TITLE_ONLY_BODIES):
        return False
    after = [folded[m.end() : m.end() + 6] for m in re.finditer(re.escape(key), folded)]
    in_titles = [a for a in after if re.match(rf"(?:{TITLE_RE}|[副常执]|党组|党委|党工委|机关|政治局)", a)]
    # a mention that opens a longer name (某街道商会) is that other body's
    return bool(in_titles) and all(a in in_titles or re.match(_SUFFIX_RE, a) for a in after)


def _only_as_venue(folded: str, key: str) -> bool:
    """A body every mention of which is where the event was held (在某公司举行): a
    location, not a participant."""
    mentions = list(re.finditer(re.escape(key), folded))
    return bool(mentions) and all(
        folded[max(0, m.start() - 1) : m.start()] in ("在", "于") and re.match(r"[^，,。；;]{0,6}?(?:举行|召开|举办)", folded[m.end() :])
        for m in mentions
    )


def _specific_org(name: str, suffix: str) -> bool:
    """A real organization's name: no sentence fragment, no title at the end, not a venue,
    and something specific (a place, a trade) left once generic words are removed."""
    head = name[: len(name) - len(suffix)]
    if _has_fragment_word(name, len(head)) or re.search(r"\d+\s*[个条项家名位万亿]", name):
        return False
    if name.endswith(("常委", "执委", "主委")) or name.endswith(words.VENUE_SUFFIXES) or "各" in name:
        return False
    if any(word in name for word in words.ORG_CLASS_WORDS) or re.search(words.LEADERSHIP_PAIR, name):
        return False
    specific = head
    for word in sorted(words.ORG_GENERIC_WORDS, key=len, reverse=True):
        specific = specific.replace(word, "")
    removed = specific != head
    head = specific
    return len(head) >= 2 or (suffix in ("工商联", "工商业联合会", "政协", "妇联") and not removed)


def _has_fragment_word(name: str, head: int) -> bool:
    """A clause's word in the part before the suffix, unless it is inside a longer word
    of the name (建设 in 建设银行)."""
    if not any(word in name[:head] for word in words.ORG_FRAGMENT_WORDS):
        return False
    position = 0
    for token in segment(name):
        if position < head and any(
            word in token.word and (len(token.word) <= len(word) + 1 or token.flag.startswith("v"))
            for word in words.ORG_FRAGMENT_WORDS
        ):
            return True
        position += len(token.word)
    return False


def referenced_org(reference: str, orgs: list[OrgCandidate], folded: str, before: int) -> OrgCandidate | None:
    """The organization a short reference names (协会, 市工商联, 商务局): one whose name
    is it or ends like it once level words are removed, the last one named before
    ``before``; for a bare kind (协会, 公司) the last one of that kind."""
    key = fold(reference)
    alias = _alias(key)
    short = _unabbreviated(key)
    level = short[0] if short[0] in "省市区县" else ""
    matching = [
        o for o in orgs
        if folded[o.start : o.end] == key
        or (len(key) >= 4 and folded[o.start : o.end].startswith(key))  # 某银行 for 某银行某支行
        or (
            len(alias) >= 2 and _alias(folded[o.start : o.end]).endswith(alias)
            # 市工商联 names a city's federation, never a county's
            and (not level or _unabbreviated(folded[o.start : o.end]).endswith(short))
        )
    ]
    if not matching:
        return None
    named_before = [o for o in matching if o.start < before]
    return max(named_before, key=lambda o: o.start) if named_before else min(matching, key=lambda o: o.start)


def resolve_references(people: list[PersonCandidate], orgs: list[OrgCandidate], folded: str) -> None:
    """A participant whose post belongs to 该会 / 本商会 gets the name of that body: the
    last one of its kind named before the person (the first after, if none is), or none."""
    for person in people:
        reference = fold(person.organization or "")
        if not re.fullmatch(ORG_REFERENCE_RE, reference):
            continue
        kind = reference[1:]
        named = [o for o in orgs if fold(o.name).endswith(kind)]
        before = [o for o in named if o.end <= person.start]
        target = max(before, key=lambda o: o.end) if before else min(named, key=lambda o: o.start, default=None)
        person.organization = target.name if target else None


def _alias(key: str) -> str:
    """A folded name with administrative level words removed and 工商联 unabbreviated, so that
    深圳网商协会 / 深圳市网商协会 and 市工商联 / 某某市工商业联合会 can be recognised as one body."""
    return re.sub(r"[省市区县]", "", _unabbreviated(key))


def _unabbreviated(key: str) -> str:
    """A folded name without a trailing parenthesised alias, its body written short
    (工商联 for 工商业联合会, 发改委 for 发展和改革委员会) so both forms compare equal."""
    key = re.sub(r"[（(][^()（）]*[)）]$", "", key)  # 某县工商联(总商会)
    for full, short in words.SHORT_FORMS:
        key = key.replace(full, short)
    return key


def _short_company_name(alias: str, fuller: str) -> bool:
    """A company named without its legal form (某某建工 for 某某建工集团有限公司)."""
    return len(alias) >= 3 and fuller.startswith(alias) and bool(re.fullmatch(words.COMPANY_FORMS, fuller[len(alias) :]))


def _merge_aliases(orgs: list[OrgCandidate], folded: str) -> list[OrgCandidate]:
    """Fold a later, shorter reference into the fuller name it abbreviates."""
    keys = {id(o): _alias(folded[o.start : o.end]) for o in orgs}
    keep: list[OrgCandidate] = []
    for org in orgs:
        alias = keys[id(org)]
        short = _unabbreviated(folded[org.start : org.end])
        level = short[0] if short[0] in "省市区县" else ""
        fuller = [
            o for o in orgs
            if o is not org and o.end - o.start > org.end - org.start and keys[id(o)].endswith(alias) and len(alias) >= 3
            # 市工商联 abbreviates a city's federation, never a region's (自治区工商联)
            and (not level or _unabbreviated(folded[o.start : o.end]).endswith(short))
            or _short_company_name(alias, keys[id(o)])
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
        if any(o.start == org.start and o.end > org.end for o in orgs) and not key.endswith(words.PARENT_BODY_SUFFIXES):
            continue
        longer = [o for o, k in zip(orgs, keys) if k != key and k.endswith(key) and len(key) >= 3]
        if longer and len(key) <= 5:
            target = max(longer, key=lambda o: o.end - o.start)
            target.mentions = sorted(set(target.mentions) | set(org.mentions))
            continue
        keep.append(org)
    return keep


_TYPE_SUFFIXES = (
    ("federation", ("工商联", "工商业联合会")),
    ("party", ("党委", "党工委", "党组", "区委", "市委", "县委", "省委", "统战部")),
    ("chamber", ("商会", "同乡会")),
    ("association", ("协会", "促进会", "联合会", "研究会", "联盟", "协进会", "学会", "共同体")),
    ("government", ("局", "委", "办", "政府", "街道", "厅", "署", "管委会", "办事处", "部")),
    ("company", ("公司", "集团", "银行")),
    ("institution", ("大学", "学院", "研究院", "研究所", "中心", "医院", "基金会")),
)


def org_type(name: str) -> str:
    folded = fold(name)
    for kind, suffixes in _TYPE_SUFFIXES:
        if folded.endswith(suffixes):
            return kind
    return "other"


def keep_organization(label: str, policy: str) -> bool:
    """Whether a candidate stays, given the model's label and the prompt set's policy."""
    return label != "错误" if policy == "veto" else label == "参与"


_TOOK_PART = re.compile("|".join(EVENT_VERBS + PARTICIPATION_WORDS))


def took_part(org: OrgCandidate, sentences: list[Sentence], folded: str, people: list[PersonCandidate]) -> bool:
    """Whether the text shows the organization taking part, not only mentioned: a
    participant speaks for it (their organization), or a clause naming it reports an act
    of the event (出席, 主办, 签约, 到访, 一行 …) and not an earlier occasion (去年…). The
    clause, not the sentence: 在市委的领导下，商会与某公司签约 shows only the chamber."""
    key = fold(org.name)
    for person in people:
        affiliation = fold(person.organization or "")
        if affiliation and (affiliation == key or (len(affiliation) >= 3 and key.endswith(affiliation)) or affiliation.endswith(key)):
            return True
    if any(i <= LEAD_SENTENCES for i in org.mentions):
        return True  # the headline and lead name who held and joined the event
    for mention in re.finditer(re.escape(key), folded):
        start, end = clause_bounds(folded, mention.start(), mention.end())
        clause = folded[start:end]
        if _TOOK_PART.search(clause) and not any(word in clause for word in EARLIER_WORDS):
            return True
    return False


LEAD_SENTENCES = 2
