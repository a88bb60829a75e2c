"""The data path: article -> sentences and candidates -> model passes -> grounded report.

Code proposes (names, organizations, dates, cue sentences); the prompt set's policy says
whether the model's labels or code's rules decide each list; the model always judges
whether the text reports a meeting and writes the summary; code builds every name, quote
and span of the report.
An article longer than the model's window is read in overlapping windows of sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer import lexicon
from summarizer.answers import ORG_LABELS, PERSON_LABELS, STRENGTH_LABELS, FactsAnswer, TranslationAnswer, labels_answer
from summarizer.article import Article
from summarizer.candidates import (
    CueSentence,
    OrgCandidate,
    PersonCandidate,
    find_commitment_sentences,
    find_kind,
    find_meeting_date,
    find_organizations,
    find_people,
    has_meeting_evidence,
)
from summarizer.ground import Grounder
from summarizer.llm import Backend
from summarizer.normalize import fold, to_simplified
from summarizer.prompt import PromptSet, article_block
from summarizer.schema import (
    BylineItem,
    Commitment,
    Meeting,
    Organization,
    Participant,
    Report,
    RunStats,
)
from summarizer.sentences import Sentence, split_sentences

# Tokens kept free in the context for the task text, candidate lists and the answer.
TASK_RESERVE = 1400
WINDOW_OVERLAP = 2  # sentences shared by neighbouring windows
MAX_CANDIDATES = 40  # per pass and window; the schema grows with it
CUES_PER_CALL = 12  # cue sentences per commitments call


@dataclass
class Prepared:
    """What code finds in the article before any model call."""

    article: Article
    grounder: Grounder
    sentences: list[Sentence]
    people: list[PersonCandidate]
    organizations: list[OrgCandidate]
    cues: list[CueSentence]


def prepare(article: Article) -> Prepared:
    grounder = Grounder(article)
    sentences = split_sentences(article.text, article.body_end)
    folded = grounder.folded[: article.body_end]  # the footer holds bylines and sources, no participants
    byline = {fold(entry.name) for entry in article.byline}
    people = [p for p in find_people(folded, article.text, sentences) if fold(p.name) not in byline]
    organizations = find_organizations(folded, article.text, sentences, people)
    cues = find_commitment_sentences(folded, sentences)
    return Prepared(article, grounder, sentences, people, organizations, cues)


def plan_windows(sentences: list[Sentence], backend: Backend) -> list[list[Sentence]]:
    """Split sentences into windows that fit the model's context, overlapping a little."""
    budget = backend.context_tokens - TASK_RESERVE
    # A character is at most about one token: short articles need no tokenizer (nor a model load).
    if sum(len(s.text) + 6 for s in sentences) <= budget:
        return [sentences]
    sizes = [backend.count_tokens(to_simplified(s.text)) + 4 for s in sentences]
    if sum(sizes) <= budget:
        return [sentences]
    windows: list[list[Sentence]] = []
    start = 0
    while start < len(sentences):
        end, used = start, 0
        while end < len(sentences) and (used + sizes[end] <= budget or end == start):
            used += sizes[end]
            end += 1
        windows.append(sentences[start:end])
        if end >= len(sentences):
            break
        start = max(end - WINDOW_OVERLAP, start + 1)
    return windows


def _in_window(ids: list[int], window: list[Sentence]) -> bool:
    first, last = window[0].id, window[-1].id
    return any(first <= i <= last for i in ids)


def _people_lines(people: list[PersonCandidate]) -> str:
    return "\n".join(
        f"P{i}｜{to_simplified(p.name)}｜{to_simplified(p.title or '-')}｜{to_simplified(p.organization or '-')}｜句{','.join(map(str, p.mentions[:6]))}"
        for i, p in enumerate(people, 1)
    )


def _org_lines(orgs: list[OrgCandidate]) -> str:
    return "\n".join(
        f"O{i}｜{to_simplified(o.name)}｜句{','.join(map(str, o.mentions[:6]))}" for i, o in enumerate(orgs, 1)
    )


def _cue_lines(cues: list[CueSentence]) -> str:
    return "\n".join(f"C{i}｜[{c.sentence.id}] {to_simplified(c.sentence.text)}" for i, c in enumerate(cues, 1))


class Extractor:
    """Runs the passes of one prompt set on one backend."""

    def __init__(self, backend: Backend, prompts: PromptSet, language: str = "zh") -> None:
        self.backend = backend
        self.prompts = prompts
        self.language = language

    def facts(self, block: str, prepared: Prepared) -> FactsAnswer:
        messages = self.prompts.messages(block, "facts", language="中文")
        facts = self.backend.ask(messages, FactsAnswer, {"folded": prepared.grounder.folded}, max_tokens=260)
        if self.language == "en" and facts.summary:
            english = self.backend.ask(self.prompts.translation_messages(facts.summary), TranslationAnswer, max_tokens=300)
            facts = facts.model_copy(update={"summary": english.english})
        return facts

    def people(self, block: str, prepared: Prepared, people: list[PersonCandidate]) -> tuple[list[str], list[str]]:
        answer_type = labels_answer("People", "P", len(people), PERSON_LABELS, missed=True)
        context = {
            "folded": fold(prepared.article.body),
            "byline": {fold(e.name) for e in prepared.article.byline},
        }
        messages = self.prompts.messages(block, "people", candidates=_people_lines(people) or "（无）")
        answer = self.backend.ask(messages, answer_type, context, max_tokens=16 + 10 * len(people))
        data = answer.model_dump()
        return [data[f"P{i}"] for i in range(1, len(people) + 1)], list(data.get("missed") or [])

    def organizations(self, block: str, orgs: list[OrgCandidate]) -> list[str]:
        if not orgs:
            return []
        answer_type = labels_answer("Organizations", "O", len(orgs), ORG_LABELS)
        messages = self.prompts.messages(block, "organizations", candidates=_org_lines(orgs))
        data = self.backend.ask(messages, answer_type, max_tokens=16 + 10 * len(orgs)).model_dump()
        return [data[f"O{i}"] for i in range(1, len(orgs) + 1)]

    def commitments(self, block: str, cues: list[CueSentence]) -> list[str]:
        """Strength labels, asked in chunks: the candidates repeat whole sentences, and
        one long list would overflow the context reserved for the task."""
        labels: list[str] = []
        for first in range(0, len(cues), CUES_PER_CALL):
            chunk = cues[first : first + CUES_PER_CALL]
            answer_type = labels_answer("Commitments", "C", len(chunk), STRENGTH_LABELS)
            messages = self.prompts.messages(block, "commitments", candidates=_cue_lines(chunk))
            data = self.backend.ask(messages, answer_type, max_tokens=16 + 10 * len(chunk)).model_dump()
            labels += [data[f"C{i}"] for i in range(1, len(chunk) + 1)]
        return labels

    def run(self, article: Article) -> Report:
        prepared = prepare(article)
        windows = plan_windows(prepared.sentences, self.backend)
        facts = self.facts(article_block(windows[0]), prepared)
        facts = facts.model_copy(update={"is_meeting": decide_meeting(facts.is_meeting, prepared)})
        if not facts.is_meeting:
            return self._report(prepared, facts, [], [], [], len(windows))
        chosen_people: list[PersonCandidate] = []
        added_names: list[str] = []
        chosen_orgs: list[OrgCandidate] = []
        commitments: list[tuple[CueSentence, str]] = []
        policy = self.prompts.policy
        for window in windows:
            block = article_block(window)
            people = [p for p in prepared.people if _in_window(p.mentions, window) and p not in chosen_people]
            if policy["people"] == "code":
                chosen_people += [p for p in people if keep_person(p, None, "code")]
            else:
                people = people[:MAX_CANDIDATES]
                labels, missed = self.people(block, prepared, people)
                chosen_people += [p for p, label in zip(people, labels) if keep_person(p, label, policy["people"])]
                added_names += missed
            orgs = [o for o in prepared.organizations if _in_window(o.mentions, window) and o not in chosen_orgs]
            if policy["organizations"] == "code":
                chosen_orgs += orgs
            else:
                orgs = orgs[:MAX_CANDIDATES]
                org_labels = self.organizations(block, orgs)
                chosen_orgs += [o for o, label in zip(orgs, org_labels) if keep_organization(label, policy["organizations"])]
            seen = {c.sentence.id for c, _ in commitments}
            cues = [c for c in prepared.cues if window[0].id <= c.sentence.id <= window[-1].id and c.sentence.id not in seen]
            if policy["commitments"] == "code":
                commitments += [(c, c.suggested) for c in cues]
            else:
                commitments += [(c, s) for c, s in zip(cues, self.commitments(block, cues)) if s != "none"]
        participants = build_participants(prepared, chosen_people, added_names)
        return self._report(prepared, facts, participants, chosen_orgs, commitments, len(windows))

    def _report(
        self,
        prepared: Prepared,
        facts: FactsAnswer,
        participants: list[Participant],
        orgs: list[OrgCandidate],
        commitments: list[tuple[CueSentence, str]],
        windows: int,
    ) -> Report:
        article = prepared.article
        grounder = prepared.grounder
        organizations = [
            Organization(name=o.name, type=org_type(o.name), span=grounder.span(o.start, o.end)) for o in orgs
        ]
        meeting = build_meeting(prepared, facts, orgs) if facts.is_meeting else Meeting()
        usage = self.backend.usage
        return Report(
            is_meeting_report=facts.is_meeting,
            summary=facts.summary,
            meeting=meeting,
            participants=participants,
            organizations=organizations,
            commitments=[build_commitment(prepared, cue, strength, participants, orgs) for cue, strength in commitments],
            key_figures=key_figures(article.body) if facts.is_meeting else [],
            byline=[BylineItem(role=e.role, name=e.name) for e in article.byline],
            source=article.source,
            language=self.language,  # type: ignore[arg-type]
            run=RunStats(
                backend=self.backend.name, model=self.backend.identity, prompt_version=self.prompts.version,
                calls=usage.calls, cached_calls=usage.cached_calls, prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens, seconds=round(usage.seconds, 2), windows=windows,
            ),
        )


def decide_meeting(model_says: bool, prepared: Prepared) -> bool:
    """A meeting report needs an event in the text (someone attended, hosted, visited or
    signed); when the headline or lead names a kind of meeting, the small model's "no" is
    overruled, since a wrong "no" would empty the whole report."""
    if not has_meeting_evidence(prepared.grounder.folded[: prepared.article.body_end]):
        return False
    return model_says or find_kind(meeting_head(prepared, meeting_title(prepared))) in lexicon.MEETING_KINDS


STRONG_EVIDENCE = {"title-before", "cue-after"}


def keep_person(person: PersonCandidate, label: str | None, policy: str) -> bool:
    """Whether a candidate is a participant, given the model's label (None when no pass ran)."""
    if "absent" in person.evidence:
        return False
    if policy == "code" or (policy == "code_first" and person.evidence & STRONG_EVIDENCE):
        return True
    return label == "参与"


def keep_organization(label: str, policy: str) -> bool:
    return label != "错误" if policy == "veto" else label == "参与"


_ROLE_CUES = (
    ("chair", ("主持",)),
    ("delegation_lead", ("率队", "率团", "带队", "率领")),
    ("signatory", ("签署", "签约", "签订")),
    ("receiver", ("接待", "会见", "欢迎")),
    ("speaker", ("表示", "指出", "强调", "介绍", "致辞", "讲话", "发言", "认为", "提议", "说")),
)


def person_role(folded: str, key: str) -> str:
    for role, cues in _ROLE_CUES:
        if re.search(re.escape(key) + r"[^，,。；;]{0,12}(?:" + "|".join(cues) + ")", folded):
            return role
    return "attendee"


def build_participants(prepared: Prepared, chosen: list[PersonCandidate], added: list[str]) -> list[Participant]:
    grounder = prepared.grounder
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
        span = grounder.find(name, prepared.article.body_end)
        if span is None or key in keys or any(key in k or k in key for k in keys):
            continue
        keys.add(key)
        participants.append(Participant(
            name=grounder.text[span.start : span.end], role=person_role(grounder.folded, key), span=span,  # type: ignore[arg-type]
        ))
    return participants


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


_EVENT_WORDS = "座谈会|交流会|碰头会|推介会|对接会|洽谈会|恳谈会|联谊会|说明会|研讨会|年会|大会|会议|仪式|论坛|峰会|典礼|活动"
_TITLES = (
    re.compile(rf"(?:召开|举办|举行|启动|开展)了?([^，,。；、]{{4,40}}?(?:{_EVENT_WORDS}))"),
    re.compile(rf"(?:^|的|，|,)([^，,。；]{{4,50}}?(?:{_EVENT_WORDS}))(?:在|于)"),
)


def meeting_title(prepared: Prepared) -> str | None:
    head = prepared.sentences[:3]
    for sentence in head:
        for pattern in _TITLES:
            match = pattern.search(prepared.grounder.folded[sentence.start : sentence.end])
            if match:
                return prepared.article.text[sentence.start + match.start(1) : sentence.start + match.end(1)]
    first = head[0] if head else None
    if first and len(first.text) <= 50 and not re.search(r"[。！？]$", first.text):
        return first.text
    return None


_LOCATION = re.compile(
    r"(?:在|于|赴|齐聚|走进|来到)([^，,。；;、：:“”\s在于]{2,24}?)(?:联合|共同|隆重|正式)?(?:召开|举行|举办|开幕|启动|开展|顺利|成功|座谈|交流|考察|[，,])"
)


_PLACE_ENDINGS = r"(?:中心|酒店|宾馆|会议室|大厦|大楼|商会|协会|基地|园区|产业园|科技园|礼堂|会堂|厅|馆|市|区|县|镇|街道|公司|集团|广场)$"


def meeting_location(prepared: Prepared) -> str | None:
    """Where the event took place, from the lead: 在X召开 / 于X举行 / 齐聚X."""
    for sentence in prepared.sentences[:4]:
        match = _LOCATION.search(prepared.grounder.folded[sentence.start : sentence.end])
        if match and (len(match.group(1)) <= 8 or re.search(_PLACE_ENDINGS, match.group(1))):
            start = sentence.start + match.start(1)
            return prepared.article.text[start : sentence.start + match.end(1)]
    return None


def meeting_head(prepared: Prepared, title: str | None) -> str:
    """Folded title and first three sentences: where a report names its kind of meeting."""
    folded = prepared.grounder.folded
    return fold(title or "") + "".join(folded[s.start : s.end] for s in prepared.sentences[:3])


def build_meeting(prepared: Prepared, facts: FactsAnswer, orgs: list[OrgCandidate]) -> Meeting:
    folded = prepared.grounder.folded
    title = meeting_title(prepared)
    head = meeting_head(prepared, title)
    date = find_meeting_date(folded[: prepared.article.body_end], prepared.sentences)
    organizers = []
    for org in orgs:
        key = re.escape(folded[org.start : org.end])
        lead = folded[: prepared.sentences[min(2, len(prepared.sentences) - 1)].end] if prepared.sentences else ""
        if re.search(rf"由{key}|{key}(?:[^，,。；;]{{0,6}})(?:主办|承办|牵头|组织|召开|举办|举行)", lead):
            organizers.append(org.name)
    location = meeting_location(prepared)
    if location is None and facts.location:
        location = prepared.grounder.verbatim(facts.location, prepared.article.body_end)
    return Meeting(title=title, kind=find_kind(head), date=date.value if date else None, location=location, organizers=organizers[:10])


_SPEECH = "表示|指出|强调|认为|说|提议|提出|介绍|建议|希望|透露"


def _actor(prepared: Prepared, cue: CueSentence, participants: list[Participant], orgs: list[OrgCandidate]) -> str:
    """Who commits: a participant named before the cue word, else the speaker of this or the
    two sentences before, else an organization or group named before the cue."""
    folded = prepared.grounder.folded
    sentence = cue.sentence
    body = folded[sentence.start : sentence.end]
    cue_at = min((body.find(w) for w in cue.cues if w in body), default=len(body))

    def first_before(names: list[str], text: str, limit: int) -> str | None:
        found = [(text.find(fold(n)), n) for n in names]
        found = [(at, n) for at, n in found if 0 <= at < limit]
        return min(found)[1] if found else None

    person = first_before([p.name for p in participants], body, cue_at)
    if person:
        return person
    group = re.search(r"双方|各方|多方|与会[^，,。]{0,6}?代表|各[^，,。]{1,8}?代表", body[:cue_at])
    if group:
        return prepared.article.text[sentence.start + group.start() : sentence.start + group.end()]
    org_names = [o.name for o in orgs]
    subject = first_before(org_names, body, 3)  # an organization opening the sentence is its subject
    if subject:
        return subject
    for earlier in reversed([s for s in prepared.sentences if s.id < sentence.id][-2:]):
        text = folded[earlier.start : earlier.end]
        for participant in participants:
            if re.search(re.escape(fold(participant.name)) + f"[^，,。；;]{{0,6}}(?:{_SPEECH})", text):
                return participant.name
    return first_before(org_names, body, cue_at) or "未注明"


def build_commitment(
    prepared: Prepared, cue: CueSentence, strength: str, participants: list[Participant], orgs: list[OrgCandidate]
) -> Commitment:
    sentence = cue.sentence
    text = sentence.text
    folded = prepared.grounder.folded[sentence.start : sentence.end]
    cue_at = min((folded.find(w) for w in cue.cues if w in folded), default=0)
    clause_start = max(folded.rfind(d, 0, cue_at) for d in "，,；;：:") + 1
    action = text[clause_start:].strip("，。；,; ”」")[:80] or text[:80]
    timeframe = re.search(r"下一步|下阶段|下一阶段|接下来|今后|未来|近期|年内|年底前|\d{4}年(?:底|内)?", folded)
    counterpart = None
    for org in orgs:
        if re.search(r"(?:与|和|同|跟)" + re.escape(fold(org.name)), folded):
            counterpart = org.name
            break
    return Commitment(
        actor=_actor(prepared, cue, participants, orgs),
        action=action,
        evidence=text,
        strength=strength,  # type: ignore[arg-type]
        counterpart=counterpart,
        timeframe=text[timeframe.start() : timeframe.end()] if timeframe else None,
        span=prepared.grounder.span(sentence.start, sentence.end),
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


def summarize(article: Article, backend: Backend, prompts: PromptSet, language: str = "zh") -> Report:
    """The whole path for one article."""
    return Extractor(backend, prompts, language).run(article)
