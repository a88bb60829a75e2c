"""Fixtures for the knowledge base: isolated user directories, the golden set's gold
reports (read as data), invented articles, and no model anywhere."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from summarizer.article import Article
from summarizer.kb.add import add_inputs
from summarizer.kb.store import open_db
from summarizer.schema import Report

from .articles import INVENTED, write

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "evals" / "golden"


@pytest.fixture(autouse=True)
def home(isolated_home: Path) -> Path:
    """Every test gets its own user directories: no user's cache or knowledge base is touched."""
    return isolated_home


def no_model(article: Article) -> Report:
    raise AssertionError(f"{article.source}: reports and golden files must not be summarized")


def gold_meetings() -> list[dict[str, Any]]:
    """The golden set's gold files that report a meeting, as loaded data."""
    items = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN.glob("*.json"))]
    return [item for item in items if item["is_meeting_report"]]


@pytest.fixture
def invented(tmp_path: Path) -> Path:
    directory = tmp_path / "invented"
    write(directory, *INVENTED)
    return directory


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_db(tmp_path / "kb.db")


@pytest.fixture
def golden_db(db: sqlite_utils.Database, invented: Path) -> sqlite_utils.Database:
    """The knowledge base of the golden set's gold files and the invented articles."""
    outcome = add_inputs(db, [str(GOLDEN), str(invented)], no_model)
    assert outcome.added == len(gold_meetings()) + len(INVENTED)
    return db


def snapshot(db: sqlite_utils.Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (timestamps of adding left out: they are when, not what)."""
    tables = {}
    for name in db.table_names():
        if name.startswith("search_fts") or name == "migrations":
            continue
        columns = [c.name for c in db[name].columns if c.name not in ("added_at", "made_at")]
        select = ", ".join(f"[{c}]" for c in columns)
        tables[name] = list(db.execute(f"select {select} from [{name}] order by rowid").fetchall())
    return tables
