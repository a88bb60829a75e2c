"""The schema: its version, its migrations, foreign keys Datasette can follow."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from summarizer.kb.store import MIGRATIONS, default_path, open_db


def test_a_new_database_is_migrated_once(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    db = open_db(path)
    assert db.execute("pragma user_version").fetchone()[0] == len(MIGRATIONS)
    assert [r["name"] for r in db["migrations"].rows] == [name for name, _ in MIGRATIONS]
    again = open_db(path)
    assert again["migrations"].count == len(MIGRATIONS)
    assert {(fk.column, fk.other_table) for fk in db["participations"].foreign_keys} == {
        ("person_id", "people"), ("event_id", "events"), ("organization_id", "organizations"),
    }
    assert {(fk.column, fk.other_table) for fk in db["commitments"].foreign_keys} >= {
        ("event_id", "events"), ("actor_person_id", "people"), ("actor_organization_id", "organizations"),
    }
    assert "search_fts" in db.table_names() and "trigram" in db["search_fts"].schema


def test_the_default_path_is_in_the_user_directory(home: Path) -> None:
    assert default_path() == home / "kb.db"


def test_a_rebuild_cut_short_is_done_again_on_open(golden_db: sqlite_utils.Database, tmp_path: Path) -> None:
    from .conftest import snapshot

    whole = snapshot(golden_db)
    golden_db["state"].upsert({"key": "rebuilding", "value": "1"}, pk="key")
    golden_db.execute("delete from search")
    golden_db.execute("delete from commitment_actors")
    golden_db.conn.commit()
    assert snapshot(golden_db) != whole
    assert snapshot(open_db(tmp_path / "kb.db")) == whole
