"""A log of every model call in SQLite, in the spirit of ``llm logs``.

One row per question a backend is asked (:meth:`summarizer.llm.Backend.ask`, re-asks and
transport retries included): when, which backend, endpoint and model, the prompt version
and article it was for, the answer type, tokens, seconds, the outcome (``ok``,
``cached`` or ``failed``) and the one-line error. Errors arrive already redacted by the
backend, and the endpoint is the backend's identity, which never holds a credential;
nothing else a row stores could carry a key. Prompts and answers are not stored (the
response cache has the answers).

What the call was for comes from :func:`call_context`, set by whoever drives the
pipeline (the batch runner), so that backends stay ignorant of prompts and articles.

The log lives beside the response cache (``$SUMMARIZER_HOME`` or ``~/.cache/summarizer``)
as ``logs.sqlite``. Like the cache, it is never fatal: a log that cannot be written is
skipped with one warning, so logging never ends a run.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.cache import warn
from summarizer.model_store import cache_dir

LOG_NAME = "logs.sqlite"

_MIGRATIONS: list[tuple[str, str]] = [
    (
        "calls",
        """create table calls (
            id integer primary key,
            time real not null,
            backend text not null,
            endpoint text,
            model text,
            prompt_version text,
            article_hash text,
            source text,
            answer text,
            prompt_tokens integer not null default 0,
            completion_tokens integer not null default 0,
            seconds real not null default 0,
            outcome text not null,
            error text
        )""",
    ),
    ("calls_time_index", "create index calls_time on calls (time)"),
]

COLUMNS = (
    "id", "time", "backend", "endpoint", "model", "prompt_version", "article_hash", "source", "answer",
    "prompt_tokens", "completion_tokens", "seconds", "outcome", "error",
)


@dataclass(frozen=True)
class CallFor:
    """What a model call is for: set around one article's pipeline run."""

    prompt_version: str | None = None
    article_hash: str | None = None
    source: str | None = None


_CURRENT: ContextVar[CallFor] = ContextVar("summarizer_call_for", default=CallFor())


@contextlib.contextmanager
def call_context(prompt_version: str | None, article_hash: str | None, source: str | None) -> Iterator[None]:
    token = _CURRENT.set(CallFor(prompt_version, article_hash, source))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> CallFor:
    return _CURRENT.get()


def default_path() -> Path:
    return cache_dir() / LOG_NAME


class CallLog:
    """The SQLite call log; safe to share between threads (one connection behind a lock)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
            db.execute("pragma journal_mode=wal")
            db.execute("pragma synchronous=normal")  # a log row need not cost a disk flush per call
            _migrate(db)
            self._db = db
        except (sqlite3.Error, OSError) as error:
            warn(f"cannot open the call log {self.path} ({' '.join(str(error).split())}); calls are not logged")

    def record(
        self, *, backend: str, endpoint: str | None, model: str | None, answer: str, prompt_tokens: int,
        completion_tokens: int, seconds: float, outcome: str, error: str | None = None,
    ) -> None:
        """Add one row; a failure to write turns the log off with one warning."""
        if self._db is None:
            return
        context = current()
        row = (
            time.time(), backend, endpoint, model, context.prompt_version, context.article_hash, context.source,
            answer, prompt_tokens, completion_tokens, round(seconds, 4), outcome, error,
        )
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute(
                    "insert into calls (time, backend, endpoint, model, prompt_version, article_hash, source,"
                    " answer, prompt_tokens, completion_tokens, seconds, outcome, error)"
                    " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                self._db.commit()
            except sqlite3.Error as failure:
                warn(f"cannot write to the call log {self.path} ({' '.join(str(failure).split())}); calls are not logged")
                self._db.close()
                self._db = None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def _migrate(db: sqlite3.Connection) -> None:
    """Apply the named steps not yet recorded in ``_migrations``, each in its own transaction."""
    db.execute("create table if not exists _migrations (name text primary key, applied real)")
    applied = {row[0] for row in db.execute("select name from _migrations")}
    for name, statement in _MIGRATIONS:
        if name in applied:
            continue
        with db:
            db.execute(statement)
            db.execute("insert into _migrations values (?, ?)", (name, time.time()))


# --- reading (summarizer logs) ---------------------------------------------------------


@dataclass
class Filter:
    backend: str | None = None
    model: str | None = None
    outcome: str | None = None
    article: str | None = None  # a prefix of the article hash
    prompt_version: str | None = None
    since: float | None = None  # seconds since the epoch
    limit: int = 20


def query(path: Path, where: Filter) -> list[dict[str, Any]]:
    """The newest rows matching ``where``, newest first; [] when there is no log yet."""
    if not path.exists():
        return []
    clauses: list[str] = []
    values: list[Any] = []
    for column, value in (
        ("backend", where.backend), ("model", where.model), ("outcome", where.outcome),
        ("prompt_version", where.prompt_version),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            values.append(value)
    if where.article:
        clauses.append("article_hash like ?")
        values.append(where.article.replace("%", "").replace("_", "") + "%")
    if where.since is not None:
        clauses.append("time >= ?")
        values.append(where.since)
    sql = f"select {', '.join(COLUMNS)} from calls"
    if clauses:
        sql += " where " + " and ".join(clauses)
    sql += " order by id desc limit ?"
    values.append(where.limit)
    with contextlib.closing(_reader(path)) as db:
        return [dict(zip(COLUMNS, row)) for row in db.execute(sql, values)]


def get(path: Path, call_id: int) -> dict[str, Any] | None:
    if not path.exists():
        return None
    with contextlib.closing(_reader(path)) as db:
        row = db.execute(f"select {', '.join(COLUMNS)} from calls where id = ?", (call_id,)).fetchone()
    return dict(zip(COLUMNS, row)) if row else None


def _reader(path: Path) -> sqlite3.Connection:
    from summarizer.errors import ConfigError

    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        db.execute("select 1 from calls limit 1")
    except sqlite3.Error as error:
        raise ConfigError(f"{path}: not a readable call log ({' '.join(str(error).split())})") from None
    return db
