"""A batch on Ray: actors that each load the model once and take articles from Ray's ActorPool.

``--ray local`` starts a Ray instance in this process (as many CPUs as the machine has);
any other value is a cluster address (``auto``, ``HOST:6379``, ``ray://HOST:10001``). The
driver reads the articles (so workers need no access to the files), hands them to a
:class:`ray.util.ActorPool` of :class:`Worker` actors, a bounded number at a time, and
writes the results file itself: resume, failure records and the lock are those of a
local run. Each actor builds its backend once (the embedded model is loaded on its first
article and kept) and runs every article through ``summarize_many``.

The ``summarizer`` package must be importable on the workers (the same environment on
every node). Ray is an optional extra: ``pip install "summarizer[ray]"``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from summarizer.batch.results import Record
from summarizer.batch.runner import FATAL, Job, Settings, read_job, summarize_job
from summarizer.calllog import CallLog
from summarizer.config import BackendOptions, make_backend
from summarizer.errors import ConfigError, SummarizerError

# Settings a worker must see as the driver does (cache directory, config file, keys).
_PASSED_ENV = ("SUMMARIZER_HOME", "SUMMARIZER_CONFIG", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "SUMMARIZER_API_KEY",
               "OPENAI_API_KEY", "SUMMARIZER_LOCAL_MODEL")


class Worker:
    """One Ray actor: a backend built once, many articles."""

    def __init__(self, options: BackendOptions, log: bool) -> None:
        self.backend = make_backend(options)
        self.backend.call_log = CallLog() if log else None
        self.articles = 0
        self.models: set[int] = set()

    def summarize(self, job: Job, settings: Settings) -> Record:
        try:
            record = summarize_job(job, self.backend, settings)
        except FATAL as error:  # sent back as a record the driver turns into the error again
            record = Record(job.content_hash, settings.prompts.version, job.source, "failed",
                            error=str(error), error_kind=f"fatal:{type(error).__name__}")
        self.articles += 1
        model = getattr(self.backend, "_llama", None)
        if model is not None:
            self.models.add(id(model))
        return record

    def stats(self) -> dict[str, int]:
        """This worker's process, articles done and how many model objects it ever held."""
        return {"pid": os.getpid(), "articles": self.articles, "model_loads": len(self.models)}


@dataclass
class RayRunner:
    address: str
    workers: int
    options: BackendOptions
    log: bool = True
    worker_stats: list[dict[str, int]] = field(default_factory=list)

    def records(self, jobs: list[Job], settings: Settings) -> Iterator[list[Record]]:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError:
            raise ConfigError('--ray needs Ray: pip install "summarizer[ray]"') from None
        started_here = not ray.is_initialized()
        if started_here:
            env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
            try:
                ray.init(
                    address=None if self.address == "local" else self.address, include_dashboard=False,
                    log_to_driver=False, logging_level=logging.ERROR,
                    runtime_env={"env_vars": env} if env else None,
                )
            except (ConnectionError, ValueError, RuntimeError) as error:
                raise ConfigError(f"--ray {self.address}: cannot join Ray ({' '.join(str(error).split())[:200]})") from None
        try:
            options = self._resolved_options()
            actor = ray.remote(num_cpus=1)(Worker)
            actors = [actor.remote(options, self.log) for _ in range(self.workers)]
            pool = ActorPool(actors)
            pending = iter(jobs)
            in_flight = 0

            def submit() -> bool:
                job = next(pending, None)
                if job is None:
                    return False
                pool.submit(lambda worker, value: worker.summarize.remote(value, settings), read_job(job, settings))
                return True

            while in_flight < 2 * self.workers and submit():
                in_flight += 1
            while pool.has_next():
                try:
                    record = pool.get_next_unordered()
                except ray.exceptions.RayError as error:  # an actor died (its backend could not be built)
                    raise ConfigError(f"a Ray worker failed: {' '.join(str(error).split())[:300]}") from None
                in_flight -= 1
                if record.error_kind and record.error_kind.startswith("fatal:"):
                    raise _fatal(record)
                if submit():
                    in_flight += 1
                yield [record]
            self.worker_stats = ray.get([a.stats.remote() for a in actors])
        finally:
            if started_here:
                ray.shutdown()

    def _resolved_options(self) -> BackendOptions:
        """The backend options every worker gets; an endpoint's mode is found here, once."""
        from summarizer.batch.backends import open_backends

        backends, _ = open_backends(self.options, [self.options.base_url] if self.options.base_url else [], log=False)
        if backends.is_local:
            return replace(self.options, backend="local")
        url = backends.urls[0]
        return replace(self.options, backend="openai", base_url=url, mode=backends.modes.get(url))




def _fatal(record: Record) -> SummarizerError:
    from summarizer import errors

    kind = (record.error_kind or "").removeprefix("fatal:")
    cls = getattr(errors, kind, SummarizerError)
    return cls(record.error or kind)
