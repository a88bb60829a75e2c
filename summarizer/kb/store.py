"""The knowledge base's SQLite file: where it lives, its schema and its migrations.

The file is ``$SUMMARIZER_HOME/kb.db`` when that is set (as for every other file the
project keeps), else ``$XDG_DATA_HOME/summarizer/kb.db`` (``~/.local/share/…``): a
knowledge base is data a user builds up, not a cache to be thrown away. ``--db PATH``
overrides it.

Migrations are small named functions, applied in order, each with its record in
``migrations`` in one transaction; ``PRAGMA user_version`` holds their count, the
schema's version. Tables (all written through sqlite-utils):

- ``articles``: one per article text (``content_hash`` is the SHA-256 of the text the
  report's spans point into, or of the report when no text is at hand), its origin,
  source and dates, and the report as JSON: everything else is derived from these rows
  and ``decisions``;
- ``events`` (one per article: the meeting), ``people``, ``organizations``;
- ``participations`` (a person at an event, with the title, organization and span as
  written there), ``event_organizations`` (an organization's role in an event),
  ``commitments`` (the first actor entity, strength, quote and span) and
  ``commitment_actors`` (every party a commitment names: "A; B" is two);
- ``possible_duplicates`` (people kept apart), ``identity_reasons`` (why each mention
  joined its entity) and ``decisions`` (merges and splits made by hand);
- ``search``: the summaries and quotes, folded to Simplified script, with an FTS5
  trigram index (``search_fts``);
- ``state``: whether a rebuild of the derived tables is under way (one cut short is
  done again when the file is next opened).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from summarizer.errors import ConfigError

DB_NAME = "kb.db"


def default_path() -> Path:
    """``$SUMMARIZER_HOME/kb.db``, else ``$XDG_DATA_HOME/summarizer/kb.db``."""
    home = os.environ.get("SUMMARIZER_HOME")
    if home:
        return Path(home) / DB_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "summarizer" / DB_NAME


Migration = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(function: Migration) -> Migration:
    MIGRATIONS.append((function.__name__, function))
    return function


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    db["articles"].create({
        "id": int, "content_hash": str, "origin": str, "source_kind": str, "source_path": str,
        "source_url": str, "title": str, "site_name": str, "published": str, "date": str,
        "prompt_version": str, "added_at": str, "report": str,
    }, pk="id", not_null={"content_hash", "report"})
    db["articles"].create_index(["content_hash"], unique=True)
    db["events"].create({
        "id": int, "article_id": int, "title": str, "kind": str, "date": str, "date_basis": str,
        "location": str, "summary": str,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    for table in ("people", "organizations"):
        db[table].create({"id": str, "name": str, "names": str, "articles": int}, pk="id")
    db["participations"].create({
        "id": int, "person_id": str, "event_id": int, "name": str, "title": str, "organization": str,
        "organization_id": str, "role": str, "span_start": int, "span_end": int,
    }, pk="id", foreign_keys=[
        ("person_id", "people", "id"), ("event_id", "events", "id"), ("organization_id", "organizations", "id"),
    ])
    db["event_organizations"].create({
        "id": int, "event_id": int, "organization_id": str, "name": str, "role": str,
    }, pk="id", foreign_keys=[("event_id", "events", "id"), ("organization_id", "organizations", "id")])
    db["commitments"].create({
        "id": int, "event_id": int, "number": int, "actor": str, "actor_person_id": str,
        "actor_organization_id": str, "strength": str, "action": str, "quote": str, "span_start": int,
        "span_end": int, "counterpart": str, "timeframe": str,
    }, pk="id", foreign_keys=[
        ("event_id", "events", "id"), ("actor_person_id", "people", "id"),
        ("actor_organization_id", "organizations", "id"),
    ])
    db["commitment_actors"].create({
        "id": int, "commitment_id": int, "person_id": str, "organization_id": str, "name": str,
    }, pk="id", foreign_keys=[
        ("commitment_id", "commitments", "id"), ("person_id", "people", "id"), ("organization_id", "organizations", "id"),
    ])
    db["possible_duplicates"].create({
        "id": int, "first_id": str, "second_id": str, "reason": str,
    }, pk="id", foreign_keys=[("first_id", "people", "id"), ("second_id", "people", "id")])
    db["identity_reasons"].create({
        "id": int, "kind": str, "entity_id": str, "name": str, "article_id": int, "reason": str,
    }, pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["decisions"].create({
        "id": int, "action": str, "kind": str, "name": str, "article_hash": str, "other_name": str,
        "other_article_hash": str, "articles": str, "why": str, "made_at": str,
    }, pk="id")
    db["search"].create({
        "id": int, "event_id": int, "commitment_id": int, "field": str, "text": str, "folded": str,
    }, pk="id", foreign_keys=[("event_id", "events", "id"), ("commitment_id", "commitments", "id")])
    db["search"].enable_fts(["folded"], tokenize="trigram", create_triggers=True)


@migration
def m002_rebuild_state(db: sqlite_utils.Database) -> None:
    """``state``: ``rebuilding`` is 1 from the start of a rebuild to its end, so that a
    rebuild cut short (sqlite-utils commits each table it writes) is done again on open."""
    db["state"].create({"key": str, "value": str}, pk="key")
    db["state"].insert({"key": "rebuilding", "value": "0"})


DERIVED = (
    "search", "commitment_actors", "identity_reasons", "possible_duplicates", "commitments", "event_organizations", "participations",
    "events", "people", "organizations",
)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply the migrations not yet applied; the schema's version (their count)."""
    if "migrations" not in db.table_names():
        db["migrations"].create({"name": str, "applied_at": str}, pk="name")
    done = {row["name"] for row in db["migrations"].rows}
    for name, function in MIGRATIONS:
        if name in done:
            continue
        with db.conn:
            function(db)
            db["migrations"].insert({"name": name, "applied_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
            db.execute(f"PRAGMA user_version = {len(done) + 1}")
        done.add(name)
    return len(done)


def open_db(path: Path | None = None) -> sqlite_utils.Database:
    """The knowledge base at ``path`` (default :func:`default_path`), created and migrated.

    ConfigError (one line) when the path is a directory or not a database.
    """
    target = path or default_path()
    if target.is_dir():
        raise ConfigError(f"{target}: is a directory; --db takes a file path")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(target)
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
        if db["state"].get("rebuilding")["value"] == "1":
            from summarizer.kb.build import rebuild

            rebuild(db)
    except sqlite3.DatabaseError as error:
        raise ConfigError(f"{target}: not a knowledge base ({error})") from None
    except OSError as error:
        raise ConfigError(f"{target}: cannot open ({error.strerror or error})") from None
    return db
