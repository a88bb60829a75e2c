"""What a brief says, before any format: the articles, and what they share.

:func:`build_brief` takes the reports (with the article text when it is at hand) and
works out the cross-article sections through :mod:`summarizer.identity`: people and
organizations that several articles name, a timeline, commitments by actor and the
who-met-whom network. Renderers (HTML, Markdown, DOCX) only lay this out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from summarizer.identity import Entity, Mention, PossibleDuplicate, Resolution, report_mentions, resolve
from summarizer.render import name_pinyin
from summarizer.schema import Commitment, Report

STRENGTHS = ("agreed", "planned", "intended", "proposed")


@dataclass
class BriefArticle:
    """One summarized article: its report, the text its spans point into, where it came from."""

    report: Report
    origin: str
    text: str | None = None
    reused: str = "model"  # model | cache | results file | report file
    ref: str = ""  # A1, A2 … in the brief's order, set by build_brief

    @property
    def title(self) -> str:
        """The meeting's title, the page's, the first organizer and the kind, or the file's name."""
        meeting, source = self.report.meeting, self.report.source
        described = " ".join(x for x in (meeting.organizers[:1] + [meeting.kind or ""]) if x)
        return meeting.title or (source.title if source else None) or described or Path(self.origin).name

    @property
    def date(self) -> str | None:
        """The meeting's date, or the publication date when the meeting's has no year."""
        meeting = self.report.meeting.date
        if meeting and meeting[0].isdigit():
            return meeting
        source = self.report.source
        return (source.published if source else None) or meeting


@dataclass(frozen=True)
class Failure:
    """An input that gave no report, and why (listed in the brief's appendix)."""

    origin: str
    reason: str


@dataclass
class Quote:
    """A commitment with its article and where its quote stands in the article's text."""

    number: int  # within its article, from 1
    commitment: Commitment
    article: BriefArticle
    start: int | None = None
    end: int | None = None

    @property
    def anchor(self) -> str:
        return f"{self.article.ref}-q{self.number}"


@dataclass
class Appearance:
    """An entity in one article: the event, and the title/organization written there."""

    article: BriefArticle
    title: str | None = None
    organization: str | None = None
    role: str | None = None


@dataclass
class SharedEntity:
    entity: Entity
    appearances: list[Appearance]
    pinyin: str | None = None

    @property
    def reasons(self) -> list[str]:
        return list(dict.fromkeys(m.reason for m in self.entity.merges))


@dataclass
class ActorCommitments:
    actor: str
    entity_id: str
    quotes: list[Quote]


@dataclass
class Brief:
    title: str
    language: str
    articles: list[BriefArticle]
    failures: list[Failure]
    quotes: dict[str, list[Quote]]  # by article ref
    people: list[SharedEntity]
    organizations: list[SharedEntity]
    duplicates: list[tuple[SharedEntity, SharedEntity, PossibleDuplicate]]
    timeline: list[BriefArticle]
    by_actor: list[ActorCommitments]
    resolution: Resolution
    since: str | None = None
    left_out: list[BriefArticle] = field(default_factory=list)  # before --since

    def grouped(self, article: BriefArticle) -> list[tuple[str, list[Quote]]]:
        """The article's commitments by strength, strongest first; empty groups left out."""
        quotes = self.quotes[article.ref]
        return [(s, [q for q in quotes if q.commitment.strength == s]) for s in STRENGTHS if any(
            q.commitment.strength == s for q in quotes
        )]


# --- quotes in the text --------------------------------------------------------------


def locate(text: str | None, commitment: Commitment) -> tuple[int | None, int | None]:
    """Where the commitment's quote stands in ``text``: its span when the span holds the
    quote, else the first occurrence of the quote; (None, None) when it is not there."""
    if not text or not commitment.evidence:
        return None, None
    span = commitment.span
    if span and text[span.start : span.end] == commitment.evidence:
        return span.start, span.end
    found = text.find(commitment.evidence)
    return (found, found + len(commitment.evidence)) if found >= 0 else (None, None)


def _quotes(article: BriefArticle) -> list[Quote]:
    return [
        Quote(n, c, article, *locate(article.text, c)) for n, c in enumerate(article.report.commitments, 1)
    ]


# --- dates ---------------------------------------------------------------------------


def parse_since(value: str) -> str:
    """``--since``: an ISO date (YYYY-MM-DD), returned as given; ValueError otherwise."""
    Date.fromisoformat(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(value)
    return value


def on_or_after(article: BriefArticle, since: str) -> bool:
    """Whether the article's event is on or after ``since``; an undated article is kept
    (nothing says it is older), a month compares by month."""
    when = article.date
    if not when or not when[0].isdigit():
        return True
    return when >= since[: len(when)]


# --- identity ------------------------------------------------------------------------


def _shared(entity: Entity, by_ref: dict[str, BriefArticle], language: str) -> SharedEntity:
    appearances: dict[str, Appearance] = {}
    for mention in entity.mentions:
        seen = appearances.get(mention.article)
        if seen is None or (mention.title and not seen.title):
            appearances[mention.article] = Appearance(
                by_ref[mention.article], mention.title, mention.organization, mention.role
            )
    pinyin = name_pinyin(entity.name) if language == "en" and entity.kind == "person" else None
    return SharedEntity(entity, list(appearances.values()), pinyin)


def _sort_key(article: BriefArticle) -> tuple[int, str, str]:
    when = article.date
    return (0, when, article.ref) if when and when[0].isdigit() else (1, "", article.ref)


def build_brief(
    articles: list[BriefArticle],
    failures: list[Failure] | None = None,
    *,
    title: str | None = None,
    language: str = "zh",
    since: str | None = None,
) -> Brief:
    """The brief of ``articles`` (refs A1, A2 … given in this order)."""
    left_out = [a for a in articles if since and not on_or_after(a, since)]
    kept = [a for a in articles if not (since and not on_or_after(a, since))]
    for number, article in enumerate(kept, 1):
        article.ref = f"A{number}"
    by_ref = {a.ref: a for a in kept}
    mentions: list[Mention] = []
    actors: dict[str, dict[int, list[Mention]]] = {}
    for article in kept:
        found, actors[article.ref] = report_mentions(article.report, article.ref)
        mentions += found
    resolution = resolve(mentions)
    shared = [_shared(e, by_ref, language) for e in resolution.entities if len(e.articles) > 1]
    duplicates = [
        (_shared(resolution.get(d.first), by_ref, language), _shared(resolution.get(d.second), by_ref, language), d)
        for d in resolution.possible_duplicates
    ]
    quotes = {a.ref: _quotes(a) for a in kept}
    grouped: dict[str, ActorCommitments] = {}
    for article in kept:
        for quote in quotes[article.ref]:
            for mention in actors[article.ref][quote.number]:
                entity = resolution.entity_of(mention)
                item = grouped.setdefault(entity.id, ActorCommitments(entity.name, entity.id, []))
                item.quotes.append(quote)
    by_actor = sorted(grouped.values(), key=lambda a: (-len(a.quotes), a.actor))
    default = "Briefing note" if language == "en" else "简报"
    return Brief(
        title=title or default,
        language=language,
        articles=kept,
        failures=list(failures or []),
        quotes=quotes,
        people=[s for s in shared if s.entity.kind == "person"],
        organizations=[s for s in shared if s.entity.kind == "organization"],
        duplicates=duplicates,
        timeline=sorted(kept, key=_sort_key),
        by_actor=by_actor,
        resolution=resolution,
        since=since,
        left_out=left_out,
    )

