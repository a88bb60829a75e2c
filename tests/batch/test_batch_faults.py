"""Each fault a real endpoint shows, injected by a loopback server, during a batch.

Transport faults (latency beyond the timeout, 429 with Retry-After, 500, a dropped
connection, a body cut short) are retried and the article ends ok; answers that are
truncated or break the schema are re-asked and, when they stay broken, recorded as
that article's failure while the run goes on.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from batch import canned
from batch.helpers import by_source, run
from fake_openai import Drop, FakeOpenAI, Raw, Reply


class Faulty:
    """Answers like :func:`canned.answer`, but an article's first ``times`` requests get ``fault``."""

    def __init__(self, fault: Callable[[], Reply], times: int = 1, only: set[int] | None = None) -> None:
        self.fault = fault
        self.times = times
        self.only = only
        self.seen: dict[int, list[float]] = defaultdict(list)
        self.lock = threading.Lock()

    def __call__(self, request: dict[str, Any]) -> Reply:
        number = canned.number_of(request)
        if number is None:
            return canned.answer(request)
        with self.lock:
            self.seen[number].append(time.monotonic())
            count = len(self.seen[number])
        if count <= self.times and (self.only is None or number in self.only):
            return self.fault()
        return canned.answer(request)


def _slow() -> Reply:
    time.sleep(1.5)
    return canned.facts({})


FAULTS: dict[str, Callable[[], Reply]] = {
    "500": lambda: (500, "The server had an error while processing your request."),
    "503": lambda: (503, "overloaded"),
    "dropped-connection": Drop,
    "truncated-body": lambda: Raw('{"id": "x", "choices": [{"message": {"role": "assis', length=400),
    "429-retry-after": lambda: Raw(
        json.dumps({"error": {"message": "slow down", "type": "rate_limit_error", "code": None, "param": None}}),
        status=429, headers=(("Retry-After", "1"),),
    ),
}


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_a_transport_fault_is_retried_and_the_article_ends_ok(kind: str, tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 4)
    output = tmp_path / "results.jsonl"
    times = 1 if kind == "429-retry-after" else 2
    model = Faulty(FAULTS[kind], times=times)
    with FakeOpenAI(model) as server:
        stats = run([tmp_path / "in"], output, [server.base_url], concurrency=4)
    assert (stats.done, stats.failed) == (4, 0)
    assert all(len(model.seen[n]) == times + 1 for n in range(4))  # the faults, then the answer
    if kind == "429-retry-after":
        for times in model.seen.values():
            gaps = [b - a for a, b in zip(times, times[1:])]
            assert all(gap >= 0.95 for gap in gaps), gaps  # Retry-After: 1 is honoured


def test_latency_beyond_the_timeout_is_tried_again(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    model = Faulty(_slow, times=1, only={1})
    with FakeOpenAI(model) as server:
        stats = run([tmp_path / "in"], output, [server.base_url], timeout=0.7)
    assert (stats.done, stats.failed) == (3, 0)
    record = by_source(output)["article-00001.txt"][0]
    assert record.status == "ok" and record.attempts == 2


def test_latency_within_the_timeout_is_just_waited_for(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 4)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer, delay=0.3) as server:
        started = time.monotonic()
        stats = run([tmp_path / "in"], output, [server.base_url], concurrency=4, timeout=5)
        elapsed = time.monotonic() - started
    assert (stats.done, stats.failed) == (4, 0)
    assert all(r[0].attempts == 1 for r in by_source(output).values())
    assert elapsed < 4 * 0.3 + 2.5  # concurrent, not one after another (plus start-up)


BROKEN_ANSWERS = {
    "truncated-json": '{"is_meeting": true, "location": null, "summ',
    "schema-invalid-json": '{"is_meeting": "maybe", "summary": 12}',
    "not-json": "会议很成功。",
}


@pytest.mark.parametrize("kind", sorted(BROKEN_ANSWERS))
def test_a_broken_answer_is_reasked_and_then_accepted(kind: str, tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    model = Faulty(lambda: BROKEN_ANSWERS[kind], times=1)
    with FakeOpenAI(model) as server:
        stats = run([tmp_path / "in"], output, [server.base_url])
        reasks = [r for r in server.requests if canned.number_of(r) == 0]
    assert (stats.done, stats.failed) == (3, 0)
    assert len(reasks) == 2
    assert len(reasks[1]["messages"]) > len(reasks[0]["messages"])  # the error went back to the model


@pytest.mark.parametrize("kind", sorted(BROKEN_ANSWERS))
def test_an_answer_that_stays_broken_is_one_failure_and_the_run_goes_on(kind: str, tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 4)
    output = tmp_path / "results.jsonl"
    model = Faulty(lambda: BROKEN_ANSWERS[kind], times=99, only={2})
    with FakeOpenAI(model) as server:
        stats = run([tmp_path / "in"], output, [server.base_url])
    assert (stats.done, stats.failed) == (3, 1)
    failed = by_source(output)["article-00002.txt"][0]
    assert failed.status == "failed" and failed.error_kind == "ValidationFailed"
    assert failed.error and "\n" not in failed.error
    assert len(model.seen[2]) == 3  # asked, re-asked twice; not retried as if the endpoint were down


def test_an_endpoint_that_keeps_failing_fails_its_articles_after_the_retries(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    # Retry-After: 0 keeps the test quick; the sends are the same as with the default back-off.
    model = Faulty(lambda: Raw('{"error": {"message": "down"}}', status=500, headers=(("Retry-After", "0"),)), times=99, only={1})
    with FakeOpenAI(model) as server:
        stats = run([tmp_path / "in"], output, [server.base_url], attempts=2)
    assert (stats.done, stats.failed) == (2, 1)
    failed = by_source(output)["article-00001.txt"][0]
    assert failed.error_kind == "EndpointUnreachable" and "HTTP 500" in (failed.error or "")
    assert failed.attempts == 2
    assert len(model.seen[1]) == 2 * 5  # each try: the request and 4 transport retries
