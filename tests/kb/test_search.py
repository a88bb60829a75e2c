"""Full-text search on Chinese: trigram FTS5 for three characters or more, LIKE below."""

from __future__ import annotations

import sqlite_utils
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.kb import query

from .articles import A, B, F

runner = CliRunner()


def test_a_two_character_name_is_found_where_the_trigram_index_finds_nothing(golden_db: sqlite_utils.Database) -> None:
    name = F["participants"][0]["name"]
    assert len(name) == 2 and name in F["summary"]
    matched = golden_db.execute("select count(*) from search_fts where search_fts match ?", (f'"{name}"',)).fetchone()[0]
    assert matched == 0  # measured: what FTS5 trigram alone gives a two-character query
    hits = query.search(golden_db, name)
    assert any(h["text"] == F["summary"] for h in hits)
    assert all(name in h["text"] for h in hits)


def test_three_characters_or_more_go_through_the_index_in_any_script(golden_db: sqlite_utils.Database) -> None:
    quote = B["commitments"][0]["evidence"]
    hits = query.search(golden_db, "跨境電商服務站")  # Traditional query, Simplified text
    assert [h["text"] for h in hits if h["field"] == "quote"] == [quote]
    traditional = query.search(golden_db, "会员企业赴澄江市")  # Simplified query, Traditional text
    assert [h["text"] for h in traditional if h["field"] == "quote"] == [A["commitments"][0]["evidence"]]


def test_search_in_the_gold_reports_finds_their_own_quotes(golden_db: sqlite_utils.Database) -> None:
    from .conftest import gold_meetings

    for item in gold_meetings():
        for commitment in item["commitments"][:1]:
            words = commitment["evidence"][:6]
            assert any(h["text"] == commitment["evidence"] for h in query.search(golden_db, words, limit=200)), words


def test_search_prints_json_and_csv(golden_db: sqlite_utils.Database, tmp_path) -> None:
    result = runner.invoke(app, ["kb", "search", "跨境", "--db", str(tmp_path / "kb.db"), "-f", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("field,text,event_id,date,event,actor")
    assert B["commitments"][0]["evidence"] in result.stdout
