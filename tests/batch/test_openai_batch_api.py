"""The OpenAI Batch API mode against a loopback server with its endpoints: the requests go
out as one JSONL file, the batch is polled, the answers land in the same results file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from batch import canned
from batch.fake_batch_api import FakeBatchAPI
from batch.helpers import by_source, cli
from summarizer.batch.openai_batch import OpenAIBatchRunner
from summarizer.batch.results import read_records
from summarizer.batch.runner import Settings, run_batch
from summarizer.config import BackendOptions
from summarizer.prompt import load_prompts


def _runner(api: FakeBatchAPI, output: Path) -> OpenAIBatchRunner:
    options = BackendOptions("openai", "canned", api.base_url, None, 30.0, use_cache=False)
    return OpenAIBatchRunner.open(options, [], output, poll=0.05, log=True)


def test_a_batch_api_run_submits_once_polls_and_writes_every_report(tmp_path: Path, home: Path) -> None:
    canned.write_articles(tmp_path / "in", 5)
    output = tmp_path / "results.jsonl"
    with FakeBatchAPI(canned.answer, polls_until_done=3) as api:
        runner = _runner(api, output)
        stats = run_batch([str(tmp_path / "in")], output, Settings(prompts=load_prompts("v3")), lambda: runner)
        assert (stats.done, stats.failed) == (5, 0)
        assert len(api.batches) == 1 and api.polls[runner.batches[0]] == 3
        lines = list(api.lines_of(runner.batches[0]))
    assert len(lines) == 5
    assert all(line["url"] == "/v1/chat/completions" and line["body"]["model"] == "canned" for line in lines)
    assert all(line["body"]["response_format"]["type"] == "json_schema" for line in lines)
    records = by_source(output)
    assert len(records) == 5 and all(r[0].status == "ok" and r[0].backend == "openai-batch" for r in records.values())
    assert all(r[0].tokens == 120 for r in records.values())
    kept = tmp_path / "results.jsonl.openai-batch"
    assert len(list(kept.glob("requests-*.jsonl"))) == 1
    assert len((kept / "answers.jsonl").read_text().splitlines()) == 5
    assert not (kept / "pending.json").exists()
    logged = json.loads(cli("logs", "--json", "--backend", "openai-batch", home=home).stdout)
    assert len(logged) == 5 and {r["outcome"] for r in logged} == {"ok"}


def test_a_broken_answer_is_reasked_in_the_next_round_then_recorded(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    asked: dict[int, int] = {}

    def responder(body: dict[str, Any]) -> str:
        number = canned.number_of(body)
        asked[number] = asked.get(number, 0) + 1  # type: ignore[index]
        if number == 1 and asked[number] == 1:
            return '{"is_meeting": "maybe"}'  # fixed when re-asked
        if number == 2:
            return '{"is_meeting": tr'  # never fixed
        return canned.answer(body)

    with FakeBatchAPI(responder, polls_until_done=1) as api:
        runner = _runner(api, output)
        stats = run_batch([str(tmp_path / "in")], output, Settings(prompts=load_prompts("v3")), lambda: runner)
    assert (stats.done, stats.failed) == (2, 1)
    assert len(runner.batches) == 3  # the first round, then re-asks for 1 and 2, then 2 again
    assert asked == {0: 1, 1: 2, 2: 3}
    records = by_source(output)
    assert records["article-00001.txt"][0].status == "ok"
    assert records["article-00002.txt"][0].error_kind == "ValidationFailed"


def test_a_stopped_run_collects_its_submitted_batch_instead_of_paying_twice(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    with FakeBatchAPI(canned.answer, polls_until_done=1) as api:
        runner = _runner(api, output)
        runner.work.mkdir(parents=True)

        def stop_after_submitting(batch_id: str, requests: dict) -> dict:
            raise KeyboardInterrupt  # the process stops while the batch is waited for

        runner._collect = stop_after_submitting  # type: ignore[method-assign]
        try:
            run_batch([str(tmp_path / "in")], output, Settings(prompts=load_prompts("v3")), lambda: runner)
        except KeyboardInterrupt:
            pass
        assert read_records(output) == [] and len(api.batches) == 1
        assert json.loads((runner.work / "pending.json").read_text())["batch"] in api.batches

        again = _runner(api, output)
        stats = run_batch([str(tmp_path / "in")], output, Settings(prompts=load_prompts("v3")), lambda: again)
        assert (stats.done, stats.failed) == (3, 0)
        assert len(api.batches) == 1  # the batch already paid for was collected, none created
