"""Filling the knowledge base: articles in, everything else derived from them.

The rows a user adds (``articles``, with each report as JSON) and the decisions made by
hand (``decisions``) are the knowledge base's own data. Every other table is derived
from them by :func:`rebuild`: all mentions go through :func:`summarizer.identity.resolve`
once, with the decisions, and the tables are written again with the same ids for the
same data, so re-adding what is there, or rebuilding, changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlite_utils

from summarizer.identity import (
    Entity, ForcedMerge, ForcedSplit, Mention, Override, Ref, Resolution, org_key, person_key, report_mentions, resolve,
)
from summarizer.kb.roles import organization_roles
from summarizer.kb.store import DERIVED
from summarizer.normalize import fold
from summarizer.schema import Report


def content_hash(text: str | None, report: Report | None = None) -> str:
    """SHA-256 of the text the report's spans point into; of the report (without its run
    statistics) when no text is at hand."""
    if text is not None:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert report is not None
    data = report.model_dump_json(exclude={"run"})
    return "report-" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def event_date(report: Report) -> str | None:
    """The meeting's date; the publication date when the meeting's has no year."""
    meeting = report.meeting.date
    if meeting and meeting[0].isdigit():
        return meeting
    return (report.source.published if report.source else None) or meeting


@dataclass
class Added:
    added: int = 0
    present: int = 0


def known_hashes(db: sqlite_utils.Database) -> set[str]:
    return {row["content_hash"] for row in db.query("select content_hash from articles")}


def add_reports(db: sqlite_utils.Database, items: list[tuple[Report, str, str | None]]) -> Added:
    """Add (report, origin, text) items not there yet (by content hash) and rebuild."""
    known = known_hashes(db)
    result = Added()
    next_id = (db.execute("select max(id) from articles").fetchone()[0] or 0) + 1
    for report, origin, text in items:
        digest = content_hash(text, report)
        if digest in known:
            result.present += 1
            continue
        known.add(digest)
        source = report.source
        db["articles"].insert({
            "id": next_id, "content_hash": digest, "origin": origin,
            "source_kind": source.kind if source else None, "source_path": source.path if source else None,
            "source_url": source.url if source else None, "title": report.meeting.title or (source.title if source else None),
            "site_name": source.site_name if source else None, "published": source.published if source else None,
            "date": event_date(report), "prompt_version": report.run.prompt_version if report.run else None,
            "added_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "report": report.model_dump_json(exclude={"run"}),
        })
        next_id += 1
        result.added += 1
    if result.added:
        rebuild(db)
    return result


# --- decisions made by hand ------------------------------------------------------------


def decisions(db: sqlite_utils.Database) -> list[Override]:
    found: list[Override] = []
    for row in db.query("select * from decisions order by id"):
        ref = Ref(row["kind"], row["name"], row["article_hash"])
        if row["action"] == "merge":
            found.append(ForcedMerge(ref, Ref(row["kind"], row["other_name"], row["other_article_hash"]), row["why"]))
        else:
            found.append(ForcedSplit(ref, tuple(json.loads(row["articles"])), row["why"]))
    return found


def record(db: sqlite_utils.Database, override: Override) -> None:
    """Keep a merge or split made by hand and rebuild with it."""
    row: dict[str, Any] = {"made_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "why": override.why}
    if isinstance(override, ForcedMerge):
        first, second = override.first, override.second
        row |= {"action": "merge", "kind": first.kind, "name": first.name, "article_hash": first.article,
                "other_name": second.name, "other_article_hash": second.article}
    else:
        row |= {"action": "split", "kind": override.entity.kind, "name": override.entity.name,
                "article_hash": override.entity.article, "articles": json.dumps(list(override.articles))}
    db["decisions"].insert(row)
    rebuild(db)


# --- the derived tables ------------------------------------------------------------------


class _Article:
    """One stored article with its report and the mentions it makes."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.id: int = row["id"]
        self.hash: str = row["content_hash"]
        self.date: str | None = row["date"]
        self.report = Report.model_validate_json(row["report"])
        self.mentions, self.actors = report_mentions(self.report, self.hash)


class _Lookup:
    """Names written in one article, to their entities."""

    def __init__(self, resolution: Resolution, article: _Article) -> None:
        self.resolution = resolution
        self.article = article.hash
        self.table: dict[tuple[str, str], Entity] = {}
        for mention in article.mentions:
            self.table.setdefault(self._key(mention.kind, mention.name), resolution.entity_of(mention))

    @staticmethod
    def _key(kind: str, name: str) -> tuple[str, str]:
        return kind, (person_key(name) if kind == "person" else org_key(name))

    def organization(self, name: str | None) -> Entity | None:
        if not name:
            return None
        found = self.table.get(self._key("organization", name))
        if found is None:
            try:
                found = self.resolution.entity_of(Mention("organization", name, self.article))
            except KeyError:
                return None
        return found


def rebuild(db: sqlite_utils.Database) -> None:
    """Write every derived table again from the articles and the decisions."""
    articles = [_Article(row) for row in db.query("select id, content_hash, date, report from articles order by id")]
    resolution = resolve([m for a in articles for m in a.mentions], decisions(db))
    article_id = {a.hash: a.id for a in articles}
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in DERIVED}
    for entity in resolution.entities:
        table = "people" if entity.kind == "person" else "organizations"
        tables[table].append({
            "id": entity.id, "name": entity.name, "names": "、".join(entity.names), "articles": len(entity.articles),
        })
        for merge in entity.merges:
            tables["identity_reasons"].append({
                "kind": entity.kind, "entity_id": entity.id, "name": merge.mention.name,
                "article_id": article_id[merge.mention.article], "reason": merge.reason,
            })
    for duplicate in resolution.possible_duplicates:
        tables["possible_duplicates"].append({
            "first_id": duplicate.first, "second_id": duplicate.second, "reason": duplicate.reason,
        })
    for article in articles:
        _event_rows(article, resolution, tables)
    db["state"].upsert({"key": "rebuilding", "value": "1"}, pk="key")
    for name in DERIVED:
        db.execute(f"delete from [{name}]")
    for name in reversed(DERIVED):  # parents before children
        rows = tables[name]
        for number, row in enumerate(rows, 1):
            row.setdefault("id", number)
        if rows:
            db[name].insert_all(rows)
    db["state"].upsert({"key": "rebuilding", "value": "0"}, pk="key")
    db.conn.commit()


def _event_rows(article: _Article, resolution: Resolution, tables: dict[str, list[dict[str, Any]]]) -> None:
    report, event = article.report, article.id
    meeting = report.meeting
    tables["events"].append({
        "id": event, "article_id": article.id, "title": meeting.title or meeting.kind, "kind": meeting.kind,
        "date": article.date, "date_basis": meeting.date_basis, "location": meeting.location,
        "summary": report.summary,
    })
    lookup = _Lookup(resolution, article)
    for participant in report.participants:
        person = lookup.table[_Lookup._key("person", participant.name)]
        organization = lookup.organization(participant.organization)
        span = participant.span
        tables["participations"].append({
            "person_id": person.id, "event_id": event, "name": participant.name, "title": participant.title,
            "organization": participant.organization, "organization_id": organization.id if organization else None,
            "role": participant.role, "span_start": span.start if span else None, "span_end": span.end if span else None,
        })
    for entity, name, role in organization_roles(report, article.actors, lookup.organization):
        tables["event_organizations"].append({"event_id": event, "organization_id": entity.id, "name": name, "role": role})
    _search_row(tables, event, None, "summary", report.summary)
    for number, commitment in enumerate(report.commitments, 1):
        people = [resolution.entity_of(m) for m in article.actors[number] if m.kind == "person"]
        orgs = [resolution.entity_of(m) for m in article.actors[number] if m.kind == "organization"]
        span = commitment.span
        row_id = len(tables["commitments"]) + 1
        tables["commitments"].append({
            "id": row_id, "event_id": event, "number": number, "actor": commitment.actor,
            "actor_person_id": people[0].id if people else None, "actor_organization_id": orgs[0].id if orgs else None,
            "strength": commitment.strength, "action": commitment.action, "quote": commitment.evidence,
            "span_start": span.start if span else None, "span_end": span.end if span else None,
            "counterpart": commitment.counterpart, "timeframe": commitment.timeframe,
        })
        for mention in article.actors[number]:
            entity = resolution.entity_of(mention)
            tables["commitment_actors"].append({
                "commitment_id": row_id, "name": mention.name,
                "person_id": entity.id if entity.kind == "person" else None,
                "organization_id": entity.id if entity.kind == "organization" else None,
            })
        _search_row(tables, event, row_id, "quote", commitment.evidence)


def _search_row(tables: dict[str, list[dict[str, Any]]], event: int, commitment: int | None, field: str, text: str) -> None:
    if text:
        tables["search"].append({
            "event_id": event, "commitment_id": commitment, "field": field, "text": text, "folded": fold(text),
        })
