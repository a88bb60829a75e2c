"""Running a batch in process or as a user does (a subprocess), against a loopback endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from summarizer.batch.backends import open_backends
from summarizer.batch.endpoints import Pool
from summarizer.batch.results import Record, read_records
from summarizer.batch.runner import Settings, Stats, ThreadRunner, run_batch
from summarizer.config import BackendOptions
from summarizer.prompt import load_prompts

ROOT = Path(__file__).resolve().parents[2]


def run(
    inputs: list[str | Path], output: Path, urls: list[str], *, concurrency: int = 4, retry_failed: bool = False,
    mode: str | None = "json_schema", timeout: float | None = None, attempts: int = 3, prompt: str = "v3",
    balance: str = "least-loaded",
) -> Stats:
    """One batch in this process, as the CLI runs it (without the progress bar)."""
    settings = Settings(
        prompts=load_prompts(prompt), retry_failed=retry_failed, concurrency=concurrency, attempts=attempts,
        retry_wait=0.05,
    )
    options = BackendOptions("openai", "canned", None, mode, timeout, use_cache=False)

    def runner() -> ThreadRunner:
        backends, _ = open_backends(options, urls)
        return ThreadRunner(backends, Pool(backends.urls, balance))  # type: ignore[arg-type]

    return run_batch([str(i) for i in inputs], output, settings, runner)


def cli(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, env=environment(home),
        cwd=ROOT, timeout=timeout,
    )


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update({"SUMMARIZER_HOME": str(home), "SUMMARIZER_CONFIG": os.devnull, "COLUMNS": "120"})
    return env


def by_source(output: Path) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {}
    for record in read_records(output):
        found.setdefault(Path(record.source).name, []).append(record)
    return found
