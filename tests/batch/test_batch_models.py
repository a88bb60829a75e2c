"""Batches on the real model: the embedded one (one load for the run) and the same model
behind a real `python -m llama_cpp.server`, whose mode a probe finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch import canned
from batch.helpers import cli
from summarizer.batch.backends import MODES_FILE, Backends
from summarizer.batch.endpoints import Pool
from summarizer.batch.results import read_records
from summarizer.batch.runner import Settings, ThreadRunner, run_batch
from summarizer.config import BackendOptions
from summarizer.inputs.load import load_article
from summarizer.llm import LocalBackend, OpenAIBackend, probe_mode
from summarizer.normalize import fold
from summarizer.prompt import load_prompts
from test_llama_server import llama_server  # noqa: F401 - the server fixture, started once for this module

pytestmark = pytest.mark.model


def _grounded(report: dict, path: Path) -> bool:
    text = load_article(str(path)).text
    return all(fold(p["name"]) in fold(text) for p in report["participants"]) and all(
        c["evidence"] in text for c in report["commitments"]
    )


def test_a_local_batch_loads_the_model_once_and_grounds_every_report(
    tmp_path: Path, local_backend: LocalBackend,
) -> None:
    folder = tmp_path / "in"
    canned.write_articles(folder, 2)
    output = tmp_path / "results.jsonl"
    loads: list[object] = []
    settings = Settings(prompts=load_prompts("v3"))

    def runner() -> ThreadRunner:
        backends = Backends(BackendOptions("local"), ["local"], local=local_backend)
        return ThreadRunner(backends, Pool(["local"]))

    class Loads:
        def planned(self, stats: object) -> None: ...

        def finished(self, record: object, stats: object) -> None:
            loads.append(local_backend.llama)

    stats = run_batch([str(folder)], output, settings, runner, Loads())
    assert (stats.done, stats.failed) == (2, 0)
    assert len({id(llama) for llama in loads}) == 1  # one model for the whole run
    for record in read_records(output):
        report = record.report or {}
        assert report["run"]["backend"] == "local" and report["run"]["calls"] >= 1
        assert report["participants"] and _grounded(report, Path(record.source))
        assert record.tokens > 0


def test_the_probe_finds_json_object_schema_on_a_llama_cpp_server(llama_server: str) -> None:  # noqa: F811
    backend = OpenAIBackend(base_url=llama_server, model="embedded", api_key="unused", timeout=300)
    assert probe_mode(backend) == "json_object_schema"


def test_a_batch_through_a_llama_cpp_server_needs_only_base_url_and_model(
    tmp_path: Path, home: Path, llama_server: str,  # noqa: F811
) -> None:
    [path] = canned.write_articles(tmp_path / "in", 1)
    output = tmp_path / "results.jsonl"
    command = ["batch", str(path), "-o", str(output), "--base-url", llama_server, "--model", "embedded",
               "--timeout", "300", "-c", "1"]
    result = cli(*command, home=home, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "mode json_object_schema (found by a probe)" in result.stderr
    assert json.loads((home / MODES_FILE).read_text()) == {f"{llama_server}#embedded": "json_object_schema"}
    [record] = read_records(output)
    assert record.status == "ok", record.error
    report = record.report or {}
    assert report["is_meeting_report"] and report["participants"] and _grounded(report, path)
