"""The report: pydantic models whose JSON field names ../shared/CONTRACT.md fixes.

Fields beyond the contract (spans, roles, types, counterparts, key figures, byline, run
statistics) are additions; the contract's names are never renamed or dropped.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Strength = Literal["agreed", "planned", "intended", "proposed"]
Role = Literal["host", "chair", "speaker", "attendee", "delegation_lead", "delegation_member", "signatory", "receiver", "other"]
OrgType = Literal["government", "party", "federation", "chamber", "association", "company", "institution", "other"]
Alignment = Literal["exact", "folded"]
DateBasis = Literal["stated", "dateline", "page-date", "none"]
PublishedFrom = Literal["page-metadata", "url", "dateline"]


class Span(BaseModel):
    """Where an item stands: ``start``/``end`` in the cleaned text, ``source_*`` in the input."""

    start: int
    end: int
    source_start: int
    source_end: int
    alignment: Alignment = "exact"


class Meeting(BaseModel):
    title: str | None = Field(None, max_length=120)
    kind: str | None = Field(None, max_length=20)
    date: str | None = Field(None, pattern=r"^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|--\d{2}-\d{2})$")
    date_basis: DateBasis | None = Field(
        None, description=(
            "where the date's year came from: stated in the text, a dateline or publication date in the text, "
            "the page's publication date (page-date), or none"
        ),
    )
    location: str | None = Field(None, max_length=60)
    organizers: list[str] = Field(default_factory=list, max_length=10)


class Participant(BaseModel):
    name: str = Field(max_length=12)
    title: str | None = Field(None, max_length=60)
    organization: str | None = Field(None, max_length=80)
    role: Role = "attendee"
    pinyin: str | None = None
    span: Span | None = None


class Organization(BaseModel):
    name: str = Field(max_length=80)
    type: OrgType = "other"
    span: Span | None = None


class Commitment(BaseModel):
    actor: str = Field(max_length=120)
    action: str = Field(max_length=200)
    evidence: str = Field(max_length=400)
    strength: Strength
    counterpart: str | None = None
    timeframe: str | None = None
    span: Span | None = None


class BylineItem(BaseModel):
    role: str
    name: str


class Source(BaseModel):
    """Where the article came from and what its page or file says about itself."""

    kind: Literal["file", "url"]
    path: str | None = Field(None, description="the file given (- for standard input); null for a URL")
    url: str | None = Field(None, description="the page's URL after redirects; null for a file")
    title: str | None = None
    site_name: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="publication date")
    published_from: PublishedFrom | None = Field(
        None, description="where the publication date came from: the page's metadata, its URL, or a dateline in the text"
    )


class RunStats(BaseModel):
    backend: str
    model: str
    prompt_version: str
    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    windows: int = 1


class Report(BaseModel):
    is_meeting_report: bool
    summary: str = Field(max_length=600)
    meeting: Meeting = Field(default_factory=Meeting)
    participants: list[Participant] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    key_figures: list[str] = Field(default_factory=list)
    omitted: dict[str, int] = Field(
        default_factory=dict, description="items left out of a list that reached its bound, by list name"
    )
    byline: list[BylineItem] = Field(default_factory=list)
    source: Source | None = None
    language: Literal["zh", "en"] = "zh"
    run: RunStats | None = None


class GoldenFile(Report):
    """One annotated article of an evaluation set (CONTRACT.md section 2)."""

    id: str
    text: str
    not_participants: list[str] = Field(default_factory=list)
    source: str | None = None  # CONTRACT.md: free text saying where the article comes from
    file: str | None = None  # optional raw file (e.g. GBK bytes) that decodes to ``text``


SCHEMAS: dict[str, type[BaseModel]] = {"report": Report, "golden": GoldenFile}


def json_schemas() -> dict[str, dict]:
    """The JSON Schemas exported under schemas/ (a test keeps the files in step)."""
    return {name: model.model_json_schema() for name, model in SCHEMAS.items()}
