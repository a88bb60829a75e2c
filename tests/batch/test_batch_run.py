"""A batch against a loopback endpoint: the results file, resume, failures, the lock, inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from batch import canned
from batch.helpers import by_source, cli, run
from fake_openai import FakeOpenAI
from inputs.documents import cjk_pdf, make_docx
from summarizer.batch.results import ResultsFile, read_records
from summarizer.batch.sources import expand, file_hash
from summarizer.errors import AuthenticationFailed, BatchLocked

CONTRACT_MEETING = {"title", "kind", "date", "location", "organizers"}


def test_one_durable_record_per_article_in_the_contracts_field_names(tmp_path: Path) -> None:
    paths = canned.write_articles(tmp_path / "in", 6)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as server:
        stats = run([tmp_path / "in"], output, [server.base_url])
    assert (stats.done, stats.failed, stats.skipped) == (6, 0, 0)
    lines = output.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    records = [json.loads(line) for line in lines]
    assert {Path(r["source"]).name for r in records} == {p.name for p in paths}
    for data in records:
        assert data["status"] == "ok" and data["error"] is None
        assert data["prompt_version"] == "v3"
        assert data["content_hash"] == file_hash(data["source"])
        report = data["report"]
        assert {"is_meeting_report", "summary", "meeting", "participants", "organizations", "commitments"} <= set(report)
        assert CONTRACT_MEETING <= set(report["meeting"])
        assert all({"name", "title", "organization"} <= set(p) for p in report["participants"])
        assert all({"actor", "action", "evidence", "strength"} <= set(c) for c in report["commitments"])
        assert report["run"]["prompt_version"] == "v3"
        assert data["tokens"] == report["run"]["prompt_tokens"] + report["run"]["completion_tokens"] > 0
    assert stats.tokens == sum(r["tokens"] for r in records)


def test_a_rerun_skips_finished_articles_and_does_only_the_rest(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 4)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as server:
        run([tmp_path / "in"], output, [server.base_url])
        canned.write_articles(tmp_path / "in", 2, start=4)
        server.reset()
        stats = run([tmp_path / "in"], output, [server.base_url])
        assert (stats.done, stats.skipped) == (2, 4)
        assert sorted(canned.number_of(r) for r in server.requests) == [4, 5]
    assert all(len(records) == 1 for records in by_source(output).values())
    assert len(by_source(output)) == 6


def test_a_renamed_file_is_still_done_and_a_copy_is_read_once(tmp_path: Path) -> None:
    paths = canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as server:
        run([tmp_path / "in"], output, [server.base_url])
        paths[0].rename(tmp_path / "in" / "renamed.txt")
        (tmp_path / "in" / "copy.txt").write_bytes(paths[1].read_bytes())
        server.reset()
        stats = run([tmp_path / "in"], output, [server.base_url])
    assert (stats.done, stats.skipped) == (0, 4)
    assert server.requests == []


def test_another_prompt_version_is_new_work(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 2)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as server:
        run([tmp_path / "in"], output, [server.base_url])
        records = [json.loads(line) for line in output.read_text().splitlines()]
        output.write_text("".join(json.dumps({**r, "prompt_version": "v0"}) + "\n" for r in records))
        stats = run([tmp_path / "in"], output, [server.base_url])
    assert (stats.done, stats.skipped) == (2, 0)
    assert sorted(r.prompt_version for r in read_records(output)) == ["v0", "v0", "v3", "v3"]


def _failing(numbers: set[int], reply: str) -> Any:
    def responder(request: dict[str, Any]) -> str:
        return reply if canned.number_of(request) in numbers else canned.answer(request)
    return responder


def test_a_failure_is_recorded_with_its_reason_and_retried_on_request(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 5)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(_failing({2}, '{"is_meeting": "perhaps"}')) as server:
        stats = run([tmp_path / "in"], output, [server.base_url])
        assert (stats.done, stats.failed) == (4, 1)
        failed = by_source(output)["article-00002.txt"][0]
        assert failed.status == "failed" and failed.error_kind == "ValidationFailed"
        assert "validation" in (failed.error or "") and failed.report is None
        assert sum(canned.number_of(r) == 2 for r in server.requests) == 3  # asked, then re-asked twice

        server.reset()
        stats = run([tmp_path / "in"], output, [server.base_url])
        assert (stats.done, stats.failed, stats.skipped) == (0, 0, 5)
        assert server.requests == []

        server.responder = canned.answer
        stats = run([tmp_path / "in"], output, [server.base_url], retry_failed=True)
        assert (stats.done, stats.failed, stats.skipped) == (1, 0, 4)
    records = by_source(output)
    assert all(len(r) == 1 for r in records.values()) and len(records) == 5  # the failed line is superseded
    assert records["article-00002.txt"][0].status == "ok"


def test_a_rejected_key_ends_the_run_instead_of_failing_every_article(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer, api_key="right") as server:
        with pytest.raises(AuthenticationFailed):
            run([tmp_path / "in"], output, [server.base_url])
    assert read_records(output) == []


def test_a_second_batch_on_the_same_results_file_is_refused(tmp_path: Path, home: Path) -> None:
    canned.write_articles(tmp_path / "in", 2)
    output = tmp_path / "results.jsonl"
    with ResultsFile(output):
        with pytest.raises(BatchLocked):
            ResultsFile(output).open()
        result = cli("batch", str(tmp_path / "in"), "-o", str(output), "--base-url", "http://127.0.0.1:9/v1",
                     "--model", "m", home=home)
    assert result.returncode == 21, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "another batch" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    with ResultsFile(output):  # released when the holder closes
        pass


def test_an_unfinished_last_line_is_cut_and_its_article_redone(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as server:
        run([tmp_path / "in"], output, [server.base_url])
        lines = output.read_bytes().splitlines(keepends=True)
        output.write_bytes(b"".join(lines[:2]) + lines[2][:40])  # kill -9 in the middle of a write
        stats = run([tmp_path / "in"], output, [server.base_url])
    assert (stats.done, stats.skipped) == (1, 2)
    assert [json.loads(line)["status"] for line in output.read_text().splitlines()] == ["ok"] * 3


def test_every_input_kind_through_a_list_file_and_a_glob(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text(canned.article_text(1), encoding="gb18030")
    (folder / "b.html").write_text(
        f"<html><head><title>座谈会</title></head><body><article><h1>会员座谈会</h1><p>{canned.article_text(2)}</p>"
        "</article></body></html>", encoding="utf-8",
    )
    make_docx(folder / "c.docx")
    (folder / "d.pdf").write_bytes(cjk_pdf())
    (folder / "e.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    listing = tmp_path / "list.txt"
    listing.write_text("# the articles\nmixed/a.txt\nmixed/b.html\n\nmixed/c.docx\n", encoding="utf-8")
    assert expand([str(listing)]) == [str(tmp_path / "mixed" / n) for n in ("a.txt", "b.html", "c.docx")]
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as server:
        stats = run([listing, str(folder / "*.pdf"), folder / "e.txt"], output, [server.base_url])
    records = {Path(r.source).name: r for r in read_records(output)}
    assert set(records) == {"a.txt", "b.html", "c.docx", "d.pdf", "e.txt"}
    assert records["e.txt"].status == "failed" and records["e.txt"].error_kind == "InputBinary"
    assert all(records[n].status == "ok" for n in ("a.txt", "b.html", "c.docx", "d.pdf"))
    assert records["c.docx"].report["participants"]  # type: ignore[index]
    assert (stats.done, stats.failed) == (4, 1)


def test_missing_input_is_a_one_line_error(tmp_path: Path, home: Path) -> None:
    result = cli("batch", str(tmp_path / "nothing-*.txt"), "-o", str(tmp_path / "r.jsonl"), "--base-url",
                 "http://127.0.0.1:9/v1", "--model", "m", home=home)
    assert result.returncode == 3, result.stderr
    assert result.stderr.strip().startswith("error:") and "no file matches" in result.stderr


def test_the_command_shows_progress_and_a_closing_table(tmp_path: Path, home: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as server:
        result = cli("batch", str(tmp_path / "in"), "-o", str(output), "--base-url", server.base_url,
                     "--model", "canned", "-c", "2", home=home)
    assert result.returncode == 0, result.stderr
    assert "mode json_schema (found by a probe)" in result.stderr
    for column in ("done", "failed", "skipped", "tokens", "seconds", "articles/min"):
        assert column in result.stderr
    assert " 3 │ " in result.stderr  # done
    assert len(read_records(output)) == 3


def test_db_fills_the_knowledge_base_and_a_rerun_adds_nothing(tmp_path: Path, home: Path) -> None:
    import sqlite3

    canned.write_articles(tmp_path / "in", 3)
    output, db = tmp_path / "results.jsonl", tmp_path / "kb.db"
    with FakeOpenAI(canned.answer) as server:
        command = ("batch", str(tmp_path / "in"), "-o", str(output), "--base-url", server.base_url, "--model", "canned", "--db", str(db))
        first = cli(*command, home=home)
        assert first.returncode == 0, first.stderr
        assert "added 3, 0 already there" in first.stderr
        again = cli(*command, home=home)
    assert again.returncode == 0, again.stderr
    assert "added 0, 3 already there" in again.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from articles").fetchone()[0] == 3
