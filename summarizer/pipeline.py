"""The data path: article -> sentences and candidates -> model passes -> grounded report.

Code proposes (names, organizations, dates, cue sentences); the prompt set's policy says
whether the model's labels or code's rules decide each list; the model always judges
whether the text reports a meeting and writes the summary; code builds every name, quote
and span of the report.
An article longer than the model's window is read in overlapping windows of sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from summarizer.answers import (
    ORG_LABELS,
    PERSON_LABELS,
    STRENGTH_LABELS,
    FactsAnswer,
    LongFactsAnswer,
    TranslationAnswer,
    labels_answer,
    summary_problems,
    without_problem_sentences,
)
from summarizer.article import Article
from summarizer.document import Document
from summarizer.fields.commitments import CueSentence, build_commitment, find_commitment_sentences, unique_commitments
from summarizer.fields.meeting import build_meeting, decide_meeting, key_figures
from summarizer.fields.organizations import (
    OrgCandidate, find_organizations, keep_organization, org_type, resolve_references, took_part,
)
from summarizer.fields.people import PersonCandidate, build_participants, find_people, keep_person
from summarizer.errors import ValidationFailed
from summarizer.injection import injected_phrases
from summarizer.render import name_pinyin
from summarizer.summary.english import english_problems
from summarizer.summary.writer import fallback_summary, whole_sentences, with_date
from summarizer.inputs.source import report_source
from summarizer.llm import Backend, Usage
from summarizer.normalize import fold, to_simplified
from summarizer.prompt import PromptSet, article_block
from summarizer.schema import BylineItem, Meeting, Organization, Participant, Report, RunStats
from summarizer.sentences import Sentence

# Tokens kept free in the context for the task text, candidate lists and the answer.
TASK_RESERVE = 1400
WINDOW_OVERLAP = 2  # sentences shared by neighbouring windows
MAX_CANDIDATES = 40  # per pass and window; the schema grows with it
# The facts answer and its token budget, by the prompt set's summary policy.
FACTS_ANSWERS = {"short": (FactsAnswer, 260), "long": (LongFactsAnswer, 300)}
CUES_PER_CALL = 12  # cue sentences per commitments call
# Bounds on the report's lists; what is left out is counted in ``Report.omitted``.
MAX_PARTICIPANTS = 300
MAX_ORGANIZATIONS = 200
MAX_COMMITMENTS = 200


@dataclass
class Prepared(Document):
    """The document and what code finds in it before any model call."""

    people: list[PersonCandidate] = field(default_factory=list)
    organizations: list[OrgCandidate] = field(default_factory=list)
    cues: list[CueSentence] = field(default_factory=list)


def prepare(article: Article) -> Prepared:
    doc = Document.of(article)
    folded = doc.body  # the footer holds bylines and sources, no participants
    byline = {fold(entry.name) for entry in article.byline}
    people = [  # nobody named only where the article addresses a model
        p for p in find_people(folded, article.text, doc.sentences)
        if fold(p.name) not in byline and not _only_inside(folded, fold(p.name), doc.instructions)
    ]
    organizations = find_organizations(folded, article.text, doc.sentences, people)
    resolve_references(people, organizations, folded)
    cues = find_commitment_sentences(folded, doc.sentences)
    return Prepared(article, doc.grounder, doc.sentences, people, organizations, cues)


def _without_instructions(window: list[Sentence], doc: Document) -> list[Sentence]:
    """The sentences the model is shown: those addressing a model are left out, so that
    nothing they ask for can steer its answer (code still reads the whole article)."""
    return [s for s in window if not any(a <= s.start < b or s.start <= a < s.end for a, b in doc.instructions)]


def _only_inside(folded: str, key: str, spans: list[tuple[int, int]]) -> bool:
    if not spans:
        return False
    return all(any(a <= m.start() < b for a, b in spans) for m in re.finditer(re.escape(key), folded))


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
        absent = {fold(p.name) for p in prepared.people if "absent" in p.evidence} | {fold(e.name) for e in prepared.article.byline}
        checks = {
            "folded": prepared.grounder.folded,
            "body": prepared.article.body,
            "people": {fold(p.name) for p in prepared.people} - absent,
            "not_participants": absent,
            "injected": injected_phrases(prepared.body, prepared.instructions),
        }
        # The summary's checks run here, not in the answer's validator, so that a refused
        # summary is re-asked once with its reasons and both answers are cached: a second
        # run costs no model call.
        grounded = {"folded": prepared.grounder.folded}
        answer, tokens = FACTS_ANSWERS[self.prompts.policy["summary"]]
        facts = self.backend.ask(messages, answer, grounded, max_tokens=tokens)
        problems = summary_problems(facts.summary, checks)
        if problems:
            again = messages + [
                {"role": "assistant", "content": facts.model_dump_json()},
                {"role": "user", "content": self.prompts.summary_retry(problems)},
            ]
            facts = self.backend.ask(again, answer, grounded, max_tokens=tokens)
        # Sentences still refused are left out; none left means code writes the summary.
        facts = facts.model_copy(update={"summary": without_problem_sentences(facts.summary, checks)})
        return facts.model_copy(update={"summary": whole_sentences(facts.summary)})

    def english(self, summary: str, participants: list[Participant]) -> str:
        """The summary in English (a pass of its own, without the article), its people
        spelled as the report's pinyin. Asked once more when a name or a number of the
        Chinese summary is missing from the English one."""
        named = {p.name: pinyin for p in participants if fold(p.name) in fold(summary) and (pinyin := name_pinyin(p.name))}
        messages = self.prompts.translation_messages(summary, "; ".join(f"{n} = {p}" for n, p in named.items()))
        english = self.backend.ask(messages, TranslationAnswer, max_tokens=300).english
        missing = english_problems(english, summary, list(named.values()))
        if missing:
            again = messages + [
                {"role": "assistant", "content": TranslationAnswer(english=english).model_dump_json()},
                {"role": "user", "content": f"Missing or misspelled: {', '.join(missing)}. Translate again, keeping them."},
            ]
            english = self.backend.ask(again, TranslationAnswer, max_tokens=300).english
        return english

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
        before = self.backend.usage.snapshot()
        prepared = prepare(article)
        windows = plan_windows(prepared.sentences, self.backend)
        facts = self.facts(article_block(_without_instructions(windows[0], prepared)), prepared)
        facts = facts.model_copy(update={"is_meeting": decide_meeting(facts.is_meeting, prepared)})
        if not facts.is_meeting:
            return self._report(prepared, facts, [], [], [], len(windows), before)
        chosen_people: list[PersonCandidate] = []
        added_names: list[str] = []
        chosen_orgs: list[OrgCandidate] = []
        commitments: list[tuple[CueSentence, str]] = []
        policy = self.prompts.policy
        for window in windows:
            block = article_block(_without_instructions(window, prepared))
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
                chosen_orgs += [o for o in orgs if took_part(o, prepared.sentences, prepared.body, chosen_people)]
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
        return self._report(prepared, facts, participants, chosen_orgs, commitments, len(windows), before)

    def _report(
        self,
        prepared: Prepared,
        facts: FactsAnswer,
        participants: list[Participant],
        orgs: list[OrgCandidate],
        commitments: list[tuple[CueSentence, str]],
        windows: int,
        before: Usage,
    ) -> Report:
        article = prepared.article
        grounder = prepared.grounder
        organizations = [
            Organization(name=o.name, type=org_type(o.name), span=grounder.span(o.start, o.end)) for o in orgs
        ]
        meeting = build_meeting(prepared, facts.location, orgs) if facts.is_meeting else Meeting()
        host = next(iter(meeting.organizers), None)
        built = unique_commitments(
            [build_commitment(prepared, cue, strength, participants, orgs, host=host) for cue, strength in commitments]
        )
        if facts.is_meeting:
            summary = with_date(facts.summary, meeting) or fallback_summary(meeting, participants, organizations, built)
        else:
            summary = facts.summary
        if self.language == "en" and summary:
            summary = self.english(summary, participants)
        usage = self.backend.usage.since(before)
        omitted = {
            name: len(items) - limit
            for name, items, limit in (
                ("participants", participants, MAX_PARTICIPANTS), ("organizations", organizations, MAX_ORGANIZATIONS),
                ("commitments", built, MAX_COMMITMENTS),
            )
            if len(items) > limit
        }
        return Report(
            is_meeting_report=facts.is_meeting,
            summary=summary,
            meeting=meeting,
            participants=participants[:MAX_PARTICIPANTS],
            organizations=organizations[:MAX_ORGANIZATIONS],
            commitments=built[:MAX_COMMITMENTS],
            omitted=omitted,
            key_figures=key_figures(article.body) if facts.is_meeting else [],
            byline=[BylineItem(role=e.role, name=e.name) for e in article.byline],
            source=report_source(article),
            language=self.language,  # type: ignore[arg-type]
            run=RunStats(
                backend=self.backend.name, model=self.backend.identity, prompt_version=self.prompts.version,
                calls=usage.calls, cached_calls=usage.cached_calls, prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens, seconds=round(usage.seconds, 2), windows=windows,
            ),
        )


def summarize(article: Article, backend: Backend, prompts: PromptSet, language: str = "zh") -> Report:
    """The whole path for one article."""
    return Extractor(backend, prompts, language).run(article)


def summarize_many(articles: Iterable[Article], backend: Backend, prompts: PromptSet, language: str = "zh") -> Iterator[Report]:
    """The whole path for many articles on one backend (one model load); each report
    carries its own run statistics."""
    extractor = Extractor(backend, prompts, language)
    for article in articles:
        yield extractor.run(article)
