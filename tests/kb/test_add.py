"""Adding: every kind of input, only what is new, and twice is once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from summarizer.article import Article
from summarizer.cli import app
from summarizer.kb.add import add_inputs
from summarizer.schema import GoldenFile, Report

from .articles import A, B, C, E
from .conftest import GOLDEN, gold_meetings, no_model, snapshot

runner = CliRunner()


def results_file(path: Path) -> Path:
    """A batch results file: two reports, a failed record, and a superseded record."""
    def record(item: dict, status: str = "ok") -> dict:
        report = Report.model_validate(GoldenFile.model_validate(item).model_dump(exclude={"id", "text", "not_participants", "source", "file"}))
        return {"content_hash": item["id"], "prompt_version": "v3", "source": f"{item['id']}.txt", "status": status,
                "report": json.loads(report.model_dump_json()) if status == "ok" else None, "error": "model error"}
    lines = [record(A), record(B, "failed"), record(B), record(C)]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return path


def test_adding_the_same_inputs_twice_changes_nothing(db: sqlite_utils.Database, tmp_path: Path) -> None:
    inputs = [str(GOLDEN), str(results_file(tmp_path / "results.jsonl"))]
    first = add_inputs(db, inputs, no_model)
    assert first.added == len(gold_meetings()) + 3  # the failed record was superseded by B's later one
    before = snapshot(db)
    counts = {name: db[name].count for name in db.table_names()}
    second = add_inputs(db, inputs, no_model)
    assert second.added == 0 and second.present == first.added
    assert snapshot(db) == before
    assert {name: db[name].count for name in db.table_names()} == counts
    assert counts["people"] > 100 and counts["commitments"] > 100


def test_cli_add_reports_what_it_did_and_is_idempotent(tmp_path: Path, invented: Path) -> None:
    args = ["kb", "add", str(invented), "--db", str(tmp_path / "kb.db")]
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and "added 6 articles, 0 already there" in first.output
    second = runner.invoke(app, args)
    assert second.exit_code == 0 and "added 0 articles, 6 already there" in second.output


def test_an_article_already_there_is_not_summarized_and_a_new_one_is(db: sqlite_utils.Database, tmp_path: Path) -> None:
    """Articles go through the brief's reading of inputs: the pipeline's callable is asked
    only for text that is not in the knowledge base yet."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "e.json").write_text(json.dumps(E, ensure_ascii=False), encoding="utf-8")
    add_inputs(db, [str(tmp_path / "reports")], no_model)
    known = tmp_path / "e.txt"
    known.write_text(E["text"], encoding="utf-8")
    new = tmp_path / "c.txt"
    new.write_text(C["text"], encoding="utf-8")
    asked: list[str] = []

    def summarize(article: Article) -> Report:
        asked.append(article.text)
        return Report.model_validate({k: v for k, v in C.items() if k not in ("id", "text")})

    outcome = add_inputs(db, [str(known), str(new)], summarize)
    assert asked == [C["text"]] and outcome.added == 1 and outcome.present == 1
    assert add_inputs(db, [str(known), str(new)], no_model).added == 0


@pytest.mark.parametrize("args, code, message", [
    (["kb", "add", "missing-dir"], 3, "no such file or directory"),
    (["kb", "person", "x", "--db", "."], 13, "is a directory"),
    (["kb", "commitments", "--since", "last year"], 2, "not a date"),
    (["kb", "export", "-o", "kb.csv"], 13, ".xlsx"),
])
def test_bad_input_ends_in_one_line(args: list[str], code: int, message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    path.write_text("not sqlite " * 100, encoding="utf-8")
    result = runner.invoke(app, ["kb", "search", "商会", "--db", str(path)])
    assert result.exit_code == 13 and "not a knowledge base" in result.output
    assert path.read_text(encoding="utf-8").startswith("not sqlite")


def test_a_question_to_a_missing_knowledge_base_is_an_error_and_makes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["kb", "person", "甄某某", "--db", str(tmp_path / "none" / "kb.db")])
    assert result.exit_code == 13 and "no such knowledge base" in result.output
    assert not (tmp_path / "none").exists()
