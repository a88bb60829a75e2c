"""The SQLite call log: every model call of a batch, listed and filtered by `summarizer logs`, no key in it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from batch import canned
from batch.helpers import ROOT, cli, environment
from fake_openai import FakeOpenAI, Raw
from summarizer.batch.sources import file_hash
from summarizer.calllog import CallLog, Filter, call_context, query
from summarizer.prompt import DEFAULT_VERSION

SECRET = "sk-batch-SECRET-8d1f0c3b9a"


def _responder(request: dict[str, Any]) -> Any:
    if canned.number_of(request) == 1:  # the endpoint quotes the key in its error
        body = json.dumps({"error": {"message": f"upstream refused key {SECRET}", "type": "server_error"}})
        return Raw(body, status=500, headers=(("Retry-After", "0"),))
    return canned.answer(request)


def test_a_batch_logs_every_call_and_logs_lists_filters_and_shows_them(tmp_path: Path, home: Path) -> None:
    paths = canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(_responder, api_key=SECRET) as server:
        base_url = server.base_url
        result = subprocess.run(
            [sys.executable, "-m", "summarizer", "batch", str(tmp_path / "in"), "-o", str(output), "--base-url",
             base_url, "--model", "canned", "--retries", "1"],
            capture_output=True, text=True, env={**environment(home), "SUMMARIZER_API_KEY": SECRET}, cwd=ROOT,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert SECRET not in result.stderr and SECRET not in output.read_text()

    listed = cli("logs", "--json", "-n", "50", home=home)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    facts = [r for r in rows if r["answer"] == "FactsAnswer"]
    assert len(facts) == 3
    assert {r["article_hash"] for r in facts} == {file_hash(str(p)) for p in paths}
    assert all(r["prompt_version"] == DEFAULT_VERSION and r["backend"] == "openai" and r["model"] == "canned" for r in facts)
    ok = [r for r in facts if r["outcome"] == "ok"]
    assert len(ok) == 2 and all(r["prompt_tokens"] > 0 and r["completion_tokens"] > 0 for r in ok)
    failed = [r for r in facts if r["outcome"] == "failed"]
    assert len(failed) == 1 and "HTTP 500" in failed[0]["error"] and "***" in failed[0]["error"]
    assert failed[0]["endpoint"] == base_url

    only_failed = json.loads(cli("logs", "--json", "--outcome", "failed", home=home).stdout)
    assert [r["id"] for r in only_failed] == [failed[0]["id"]]
    by_article = json.loads(cli("logs", "--json", "--article", ok[0]["article_hash"][:10], home=home).stdout)
    assert [r["id"] for r in by_article] == [ok[0]["id"]]
    shown = cli("logs", "show", str(failed[0]["id"]), "--json", home=home)
    assert json.loads(shown.stdout)["error"] == failed[0]["error"]
    table = cli("logs", home=home)
    assert table.returncode == 0 and "FactsAnswer" in table.stdout
    missing = cli("logs", "show", "99999", home=home)
    assert missing.returncode == 13 and missing.stderr.startswith("error:")

    for path in home.glob("logs.sqlite*"):
        assert SECRET.encode() not in path.read_bytes(), path


def test_the_log_of_a_call_is_for_the_article_in_context(tmp_path: Path) -> None:
    log = CallLog(tmp_path / "logs.sqlite")
    with call_context("v9", "abc123", "a.txt"):
        log.record(backend="local", endpoint=None, model="m.gguf", answer="FactsAnswer", prompt_tokens=5,
                   completion_tokens=2, seconds=0.5, outcome="ok")
    log.record(backend="local", endpoint=None, model="m.gguf", answer="FactsAnswer", prompt_tokens=0,
               completion_tokens=0, seconds=0.1, outcome="cached")
    log.close()
    rows = query(tmp_path / "logs.sqlite", Filter(limit=10))
    assert [(r["outcome"], r["prompt_version"], r["article_hash"]) for r in rows] == [
        ("cached", None, None), ("ok", "v9", "abc123"),
    ]
    assert query(tmp_path / "logs.sqlite", Filter(prompt_version="v9"))[0]["source"] == "a.txt"


def test_an_unwritable_log_is_skipped_with_a_warning(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "logs.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    log = CallLog(path)
    log.record(backend="local", endpoint=None, model="m", answer="A", prompt_tokens=0, completion_tokens=0,
               seconds=0.0, outcome="ok")
    assert "warning:" in capsys.readouterr().err


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    CallLog(tmp_path / "logs.sqlite").close()
    CallLog(tmp_path / "logs.sqlite").close()
    with sqlite3.connect(tmp_path / "logs.sqlite") as db:
        names = [row[0] for row in db.execute("select name from _migrations")]
        columns = [row[1] for row in db.execute("pragma table_info(calls)")]
    assert names == ["calls", "calls_time_index"]
    assert "error" in columns and "article_hash" in columns
