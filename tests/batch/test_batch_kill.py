"""kill -9 in the middle of a batch, then the same command again: every article exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from batch import canned
from batch.helpers import ROOT, by_source, cli, environment
from fake_openai import FakeOpenAI
from summarizer.batch.results import read_records

COUNT = 40


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_kill_9_mid_batch_then_resume_holds_every_article_once(tmp_path: Path, home: Path) -> None:
    canned.write_articles(tmp_path / "in", COUNT)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(canned.answer, delay=0.1, lifetime=120) as server:
        command = ["batch", str(tmp_path / "in"), "-o", str(output), "--base-url", server.base_url,
                   "--model", "canned", "-c", "4"]
        process = subprocess.Popen(
            [sys.executable, "-m", "summarizer", *command], env=environment(home), cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while _lines(output) < 8 and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.02)
            assert process.poll() is None, "the batch ended before it could be killed"
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        finally:
            if process.poll() is None:
                process.kill()
        killed_at = len(read_records(output))
        assert 8 <= killed_at < COUNT
        requests_before = len(server.requests)

        result = cli(*command, home=home)
        assert result.returncode == 0, result.stderr
        assert f"{killed_at} already in the results file (skipped)" in result.stderr
        resumed = len(server.requests) - requests_before
    records = by_source(output)
    assert sorted(records) == [f"article-{i:05d}.txt" for i in range(COUNT)]
    assert all(len(found) == 1 and found[0].status == "ok" for found in records.values())
    assert resumed <= COUNT - killed_at + 4  # only the rest (and those in flight at the kill)
