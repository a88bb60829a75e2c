"""A batch: many articles through ``summarize_many``, each result appended as it completes.

:func:`run_batch` takes the results file's lock, reads what an earlier run finished,
works out what is left (by content hash and prompt version), hands that to a runner and
appends each record the runner yields, durably, before counting it. Runners:

- :class:`ThreadRunner`: the embedded model (one worker, one model load) or endpoints
  (``concurrency`` workers, each article sent to an endpoint of the :class:`Pool`);
- :class:`summarizer.batch.ray_runner.RayRunner`: Ray actors, each with the model loaded once;
- :class:`summarizer.batch.openai_batch.OpenAIBatchRunner`: the OpenAI Batch API.

One article's failure is a record with its reason, never the end of the run; only
errors that would fail every article (a rejected key, a broken configuration, a missing
model) end it. Transient failures (unreachable endpoint, timeout, 5xx or 429 beyond the
per-request retries) are tried again with exponential back-off, on any endpoint.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from tenacity import Retrying, retry_if_result, stop_after_attempt, wait_exponential, wait_random

from summarizer.article import MAX_INPUT_BYTES, Article
from summarizer.batch.backends import Backends
from summarizer.batch.endpoints import Pool
from summarizer.batch.results import Key, Record, ResultsFile
from summarizer.batch.sources import expand, file_hash, text_hash
from summarizer.calllog import call_context
from summarizer.errors import (
    AuthenticationFailed,
    ConfigError,
    EndpointUnreachable,
    InputMissing,
    ModelMissing,
    RequestTimeout,
    SummarizerError,
)
from summarizer.inputs.fetch import is_url
from summarizer.inputs.load import load_article
from summarizer.llm import Backend, EndpointReplyError
from summarizer.pipeline import summarize_many
from summarizer.prompt import PromptSet

# Errors that would fail every article the same way: they end the run.
FATAL = (AuthenticationFailed, ConfigError, ModelMissing)
# Errors worth another try of the article (maybe on another endpoint).
TRANSIENT = (EndpointUnreachable, RequestTimeout)


@dataclass
class Settings:
    prompts: PromptSet
    language: str = "zh"
    retry_failed: bool = False
    concurrency: int = 1
    max_bytes: int = MAX_INPUT_BYTES
    attempts: int = 3  # tries of one article for transient errors
    retry_wait: float = 1.0  # first back-off in seconds, doubled each try (with jitter)


@dataclass
class Job:
    """One article to do: where it is, its content hash, and the article when already read."""

    source: str
    content_hash: str
    article: Article | None = None
    error: SummarizerError | None = None  # it could not even be read

    def key(self, version: str) -> Key:
        return (self.content_hash, version)


@dataclass
class Stats:
    total: int = 0  # articles named
    to_do: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    tokens: int = 0
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    @property
    def per_minute(self) -> float:
        finished = self.done + self.failed
        return 60.0 * finished / self.seconds if self.seconds > 0 else 0.0


class Events(Protocol):
    def planned(self, stats: Stats) -> None: ...

    def finished(self, record: Record, stats: Stats) -> None: ...


class Runner(Protocol):
    def records(self, jobs: list[Job], settings: Settings) -> Iterator[list[Record]]:
        """Records in groups, as they finish (a group is written with one fsync)."""
        ...


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def failed_record(job: Job, version: str, error: Exception, backend: Backend | None = None, attempts: int = 1) -> Record:
    return Record(
        content_hash=job.content_hash, prompt_version=version, source=job.source, status="failed",
        error=" ".join(str(error).split()) or type(error).__name__, error_kind=type(error).__name__,
        backend=backend.name if backend else None, model=backend.identity if backend else None,
        attempts=attempts, finished=now(),
    )


def summarize_job(job: Job, backend: Backend, settings: Settings) -> Record:
    """One article through the pipeline on ``backend``: an ok or failed record.

    Raises only the :data:`FATAL` errors.
    """
    version = settings.prompts.version
    if job.error is not None:
        return failed_record(job, version, job.error)
    started = time.perf_counter()
    before = backend.usage.snapshot()
    try:
        article = job.article or load_article(job.source, max_bytes=settings.max_bytes)
        with call_context(version, job.content_hash, job.source):
            report = next(summarize_many([article], backend, settings.prompts, settings.language))
    except FATAL:
        raise
    except SummarizerError as error:
        record = failed_record(job, version, error, backend)
        used = backend.usage.since(before)
        record.tokens = used.prompt_tokens + used.completion_tokens
        record.seconds = round(time.perf_counter() - started, 3)
        return record
    run = report.run
    return Record(
        content_hash=job.content_hash, prompt_version=version, source=job.source, status="ok",
        report=report.model_dump(mode="json"), backend=backend.name, model=backend.identity,
        tokens=(run.prompt_tokens + run.completion_tokens) if run else 0,
        seconds=round(time.perf_counter() - started, 3), finished=now(),
    )


def read_job(job: Job, settings: Settings) -> Job:
    """The job with its article read here (Ray's driver, the Batch API's rounds), or its error."""
    if job.article is not None or job.error is not None:
        return job
    try:
        return replace(job, article=load_article(job.source, max_bytes=settings.max_bytes))
    except SummarizerError as error:
        return replace(job, error=error)


_TRANSIENT_KINDS = {error.__name__ for error in (*TRANSIENT, EndpointReplyError)}


def _transient(record: Record) -> bool:
    return record.status == "failed" and record.error_kind in _TRANSIENT_KINDS


@dataclass
class ThreadRunner:
    """Worker threads taking articles; each try of an article goes to an endpoint of the pool."""

    backends: Backends
    pool: Pool

    def _one(self, job: Job, settings: Settings) -> Record:
        tries = 0

        def attempt() -> Record:
            nonlocal tries
            tries += 1
            endpoint = self.pool.acquire()
            started = time.monotonic()
            try:
                record = summarize_job(job, self.backends.get(endpoint.url), settings)
            except BaseException:
                self.pool.release(endpoint, False, time.monotonic() - started)
                raise
            self.pool.release(
                endpoint, record.status == "ok", time.monotonic() - started, transport_failure=_transient(record),
            )
            record.attempts = tries
            return record

        retrying = Retrying(
            retry=retry_if_result(_transient),
            stop=stop_after_attempt(settings.attempts),
            wait=wait_exponential(multiplier=settings.retry_wait, max=30.0) + wait_random(0, settings.retry_wait),
            retry_error_callback=lambda state: state.outcome.result(),  # the last failure is the record
        )
        return retrying(attempt)

    def records(self, jobs: list[Job], settings: Settings) -> Iterator[list[Record]]:
        workers = 1 if self.backends.is_local else max(1, settings.concurrency)
        pending = iter(jobs)
        running: set[Future[Record]] = set()
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="batch")

        def refill() -> None:
            while len(running) < 2 * workers:  # a bounded queue ahead of the workers
                job = next(pending, None)
                if job is None:
                    return
                running.add(executor.submit(self._one, job, settings))

        try:
            refill()
            while running:
                finished, still = wait(running, return_when=FIRST_COMPLETED)
                running.clear()
                running.update(still)
                refill()  # the workers go on while the group is written
                yield [future.result() for future in finished]  # a FATAL error ends the run here
        finally:
            executor.shutdown(wait=False, cancel_futures=True)


def plan(
    sources: Iterable[str], results: ResultsFile, settings: Settings, stats: Stats,
) -> list[Job]:
    """The jobs left to do: sources not yet done (or failed, unless retrying), each once."""
    version = settings.prompts.version
    existing = results.existing
    done, failed = existing.done, existing.failed
    jobs: list[Job] = []
    seen: set[str] = set()
    for source in sources:
        stats.total += 1
        job = _job(source, settings)
        key = job.key(version)
        if key in done or (key in failed and not settings.retry_failed) or job.content_hash in seen:
            stats.skipped += 1
            continue
        seen.add(job.content_hash)
        jobs.append(job)
    stats.to_do = len(jobs)
    return jobs


def _job(source: str, settings: Settings) -> Job:
    if is_url(source):
        try:
            article = load_article(source, max_bytes=settings.max_bytes)
        except SummarizerError as error:
            return Job(source, text_hash(f"unreadable\0{source}"), error=error)
        return Job(source, text_hash(article.raw), article=article)
    try:
        return Job(source, file_hash(source))
    except OSError as error:
        problem = InputMissing(f"{source}: cannot read ({error.strerror or error})")
        return Job(source, text_hash(f"unreadable\0{source}"), error=problem)


def run_batch(
    inputs: list[str], output: Path, settings: Settings, runner: Callable[[], Runner], events: Events | None = None,
) -> Stats:
    """Summarize every article ``inputs`` name into ``output``; returns the run's counts.

    ``runner`` is called only once the lock is held and there is work left, so that a
    refused or finished run loads no model and probes no endpoint.
    """
    stats = Stats()
    with ResultsFile(output) as results:
        sources = expand(inputs)
        jobs = plan(sources, results, settings, stats)
        chosen = runner() if jobs else None  # endpoints probed before the progress starts
        if events:
            events.planned(stats)
        if chosen is not None:
            for group in chosen.records(jobs, settings):
                results.append(group)
                for record in group:
                    if record.status == "ok":
                        stats.done += 1
                    else:
                        stats.failed += 1
                    stats.tokens += record.tokens
                    stats.seconds = time.monotonic() - stats.started
                    if events:
                        events.finished(record, stats)
        results.compact()
    stats.seconds = time.monotonic() - stats.started
    return stats
