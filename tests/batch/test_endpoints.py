"""Several endpoints together: spreading, health and circuit breaking (pool and live servers)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

from batch import canned
from batch.helpers import run
from fake_openai import FakeOpenAI, Raw
from summarizer.batch import endpoints
from summarizer.batch.endpoints import Pool
from summarizer.batch.results import read_records


def test_round_robin_takes_the_endpoints_in_turn() -> None:
    pool = Pool(["a", "b", "c"], "round-robin")
    chosen = []
    for _ in range(6):
        endpoint = pool.acquire()
        chosen.append(endpoint.url)
        pool.release(endpoint, ok=True)
    assert chosen == ["a", "b", "c", "a", "b", "c"]


def test_least_loaded_takes_the_endpoint_with_fewest_in_flight() -> None:
    pool = Pool(["a", "b"])
    first, second = pool.acquire(), pool.acquire()
    assert {first.url, second.url} == {"a", "b"}
    pool.release(first, ok=True)
    assert pool.acquire().url == first.url  # the other one is still busy


def test_failures_open_the_circuit_and_a_trial_closes_it(monkeypatch: Any) -> None:
    monkeypatch.setattr(endpoints, "COOL_DOWN", 0.2)
    pool = Pool(["bad", "good"], "round-robin")
    bad = pool.endpoints[0]
    while bad.healthy:
        endpoint = pool.acquire()
        pool.release(endpoint, ok=endpoint is not bad, transport_failure=endpoint is bad)
    assert bad.consecutive_failures == endpoints.FAILURES_TO_OPEN
    taken = [pool.acquire() for _ in range(4)]
    assert {e.url for e in taken} == {"good"}  # taken out while open
    for endpoint in taken:
        pool.release(endpoint, ok=True)
    time.sleep(0.25)
    trial = pool.acquire()
    while trial is not bad:  # half-open: the next turn gives it one trial article
        pool.release(trial, ok=True)
        trial = pool.acquire()
    pool.release(trial, ok=True)
    assert bad.healthy and bad.consecutive_failures == 0


def test_a_failed_trial_opens_the_circuit_again_for_longer(monkeypatch: Any) -> None:
    monkeypatch.setattr(endpoints, "COOL_DOWN", 0.1)
    pool = Pool(["only"])
    only = pool.endpoints[0]
    for _ in range(endpoints.FAILURES_TO_OPEN):
        pool.release(pool.acquire(), ok=False, transport_failure=True)
    first_pause = only.open_until - time.monotonic()
    started = time.monotonic()
    trial = pool.acquire()  # waits for the half-open moment
    assert time.monotonic() - started >= first_pause - 0.01
    pool.release(trial, ok=False, transport_failure=True)
    assert only.open_until - time.monotonic() > first_pause  # doubled


def _down(request: dict[str, Any]) -> Raw:
    return Raw('{"error": {"message": "down"}}', status=503, headers=(("Retry-After", "0"),))


def test_a_dead_endpoint_is_taken_out_and_every_article_is_done_by_the_others(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(endpoints, "COOL_DOWN", 30.0)
    canned.write_articles(tmp_path / "in", 12)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as good, FakeOpenAI(_down) as bad:
        stats = run([tmp_path / "in"], output, [bad.base_url, good.base_url], concurrency=2, mode="json_schema")
        bad_articles = {canned.number_of(r) for r in bad.requests}
    assert (stats.done, stats.failed) == (12, 0)
    assert {r.status for r in read_records(output)} == {"ok"}
    # the circuit opened after FAILURES_TO_OPEN articles failed there (plus those in flight then)
    assert len(bad_articles) <= endpoints.FAILURES_TO_OPEN + 1


def test_the_faster_endpoint_takes_more_articles_when_least_loaded(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 16)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer, delay=0.02) as fast, FakeOpenAI(canned.answer, delay=0.4) as slow:
        stats = run([tmp_path / "in"], output, [slow.base_url, fast.base_url], concurrency=2)
        served = Counter({"fast": len(fast.requests), "slow": len(slow.requests)})
    assert stats.done == 16
    assert served["fast"] > 2 * served["slow"], served


def test_round_robin_spreads_evenly(tmp_path: Path) -> None:
    canned.write_articles(tmp_path / "in", 10)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer) as one, FakeOpenAI(canned.answer) as two:
        run([tmp_path / "in"], output, [one.base_url, two.base_url], concurrency=1, balance="round-robin")
        assert (len(one.requests), len(two.requests)) == (5, 5)
