"""Merges and splits made by hand, named the way a user names things.

A user names an entity by a name (any written form, any script) or an id (P3, O7), and
an article by its id (the event's id, shown by ``kb person``), its origin, or the start
of its content hash. The decision is stored against a mention (a name as written in
one article, by content hash), which stays valid when ids are numbered again.
"""

from __future__ import annotations

import sqlite_utils

from summarizer.errors import ConfigError
from summarizer.identity import ForcedMerge, ForcedSplit, Kind, Ref
from summarizer.kb.build import record
from summarizer.kb.query import Row, find_entities

MIN_HASH_PREFIX = 6


def entity(db: sqlite_utils.Database, name: str, kind: Kind | None = None) -> tuple[Kind, Row]:
    """The one entity ``name`` names; ConfigError when none or several do."""
    kinds: tuple[Kind, ...] = (kind,) if kind else ("person", "organization")
    for candidate in kinds:
        found = find_entities(db, candidate, name)
        if len(found) == 1:
            return candidate, found[0]
        if found:
            ids = ", ".join(f"{r['id']} ({r['names']})" for r in found)
            raise ConfigError(f"{name}: several {candidate} entities have this name ({ids}); give an id")
    raise ConfigError(f"{name}: no person or organization of that name in the knowledge base")


_MENTIONS: dict[str, str] = {  # (name as written, article's content hash, entity id) of every mention
    "person": """
        select p.name, a.content_hash, p.person_id as entity_id, a.id as article_id from participations p
        join events e on e.id = p.event_id join articles a on a.id = e.article_id
        union all select c.name, a.content_hash, c.person_id, a.id from commitment_actors c
        join commitments m on m.id = c.commitment_id join events e on e.id = m.event_id join articles a on a.id = e.article_id
        where c.person_id is not null""",
    "organization": """
        select r.name, a.content_hash, r.organization_id as entity_id, a.id as article_id from event_organizations r
        join events e on e.id = r.event_id join articles a on a.id = e.article_id
        union all select p.organization, a.content_hash, p.organization_id, a.id from participations p
        join events e on e.id = p.event_id join articles a on a.id = e.article_id where p.organization_id is not null
        union all select c.name, a.content_hash, c.organization_id, a.id from commitment_actors c
        join commitments m on m.id = c.commitment_id join events e on e.id = m.event_id join articles a on a.id = e.article_id
        where c.organization_id is not null""",
}


def mentions(db: sqlite_utils.Database, kind: Kind, entity_id: str) -> list[Ref]:
    """The entity's mentions, first article first."""
    rows = db.query(f"select * from ({_MENTIONS[kind]}) where entity_id = :id order by article_id", {"id": entity_id})
    return list(dict.fromkeys(Ref(kind, r["name"], r["content_hash"]) for r in rows))


def holder(db: sqlite_utils.Database, ref: Ref) -> Row:
    """The entity that holds the mention ``ref`` now."""
    table = "people" if ref.kind == "person" else "organizations"
    return next(iter(db.query(
        f"select x.* from ({_MENTIONS[ref.kind]}) m join [{table}] x on x.id = m.entity_id "
        "where m.name = :name and m.content_hash = :hash", {"name": ref.name, "hash": ref.article},
    )))


def representative(db: sqlite_utils.Database, kind: Kind, entity_id: str) -> Ref:
    """One mention of the entity: its first written form in its first article."""
    found = mentions(db, kind, entity_id)
    if not found:
        raise ConfigError(f"{entity_id}: no mention of it in any article")
    return found[0]


def article_hash(db: sqlite_utils.Database, ref: str) -> str:
    """The content hash of the article ``ref`` names (its id, origin or hash prefix)."""
    rows = list(db.query(
        "select content_hash from articles where cast(id as text) = :ref or origin = :ref "
        "or (length(:ref) >= :min and content_hash like :ref || '%')",
        {"ref": ref.strip(), "min": MIN_HASH_PREFIX},
    ))
    if len(rows) != 1:
        state = "no article" if not rows else "several articles"
        raise ConfigError(f"{ref}: {state} with this id, origin or content hash")
    return rows[0]["content_hash"]


def merge(db: sqlite_utils.Database, first: str, second: str, why: str, kind: Kind | None = None) -> Row:
    """Make the entities ``first`` and ``second`` name one; the merged entity's row."""
    first_kind, a = entity(db, first, kind)
    _, b = entity(db, second, first_kind)
    if a["id"] == b["id"]:
        raise ConfigError(f"{first} and {second} are one {first_kind} already ({a['id']})")
    ref = representative(db, first_kind, a["id"])
    record(db, ForcedMerge(ref, representative(db, first_kind, b["id"]), why))
    return holder(db, ref)


def split(db: sqlite_utils.Database, name: str, articles: list[str], why: str, kind: Kind | None = None) -> list[Row]:
    """Take the entity's mentions in ``articles`` out into an entity of their own; the
    entity that stays and the one split off."""
    found_kind, row = entity(db, name, kind)
    hashes = tuple(dict.fromkeys(article_hash(db, a) for a in articles))
    before = mentions(db, found_kind, row["id"])
    leaving = [m for m in before if m.article in hashes]
    staying = [m for m in before if m.article not in hashes]
    if not leaving:
        raise ConfigError(f"{name} ({row['id']}) is not named in those articles")
    if not staying:
        raise ConfigError(f"{name} ({row['id']}) is named only in those articles: nothing to split it from")
    record(db, ForcedSplit(staying[0], hashes, why))
    return [holder(db, staying[0]), holder(db, leaving[0])]
