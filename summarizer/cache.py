"""On-disk cache of validated model answers, keyed by everything that changes them.

The key covers backend, model identity, messages (so prompt text and article), the
answer schema and the sampling parameters; a hit returns the stored JSON and makes
no model call. One SQLite file, safe for concurrent readers.

The cache is never fatal: an answer may have cost money, so losing the cache must not
lose the answer. A file that is not a healthy cache (garbage, truncated, other tables)
is renamed to ``<name>.broken-<time>`` and a new one is started; a cache that cannot be
opened or written is skipped. Either way one ``warning:`` line goes to stderr.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

_COLUMNS = ("key", "answer", "prompt_tokens", "completion_tokens", "created")
_CREATE = (
    "create table if not exists responses (key text primary key, answer text not null,"
    " prompt_tokens integer, completion_tokens integer, created real)"
)
# SQLite's primary result codes for a file whose content is damaged or not a database.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
# Files SQLite keeps beside the database; a stale journal must not be replayed into a new one.
_SIDE_FILES = ("-journal", "-wal", "-shm")


def request_key(**parts: Any) -> str:
    """A stable hash of the request's parts (dicts sorted, Chinese kept as is)."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CacheBroken(Exception):
    """The file exists but is not a usable response cache."""


def _is_damage(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(error)
    return "not a database" in text or "malformed" in text


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def warn(message: str) -> None:
    """One line on stderr; plain write so that no console wraps it."""
    sys.stderr.write(f"warning: {message}\n")
    sys.stderr.flush()


class ResponseCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._writable = True
        try:
            self._db = self._open()
        except CacheBroken as error:
            self._move_aside_and_reopen(str(error))
        except (sqlite3.Error, OSError) as error:
            self._give_up(f"cannot open the response cache {path} ({_one_line(error)}); answers are not cached")

    # --- opening ---------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """Connect and check that the file is a healthy cache; CacheBroken if not."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), timeout=30)
        try:
            self._check(db)
        except BaseException:
            db.close()
            raise
        return db

    def _check(self, db: sqlite3.Connection) -> None:
        try:
            problems = [row[0] for row in db.execute("pragma quick_check").fetchall()]
            if problems != ["ok"]:
                raise CacheBroken(f"damaged ({'; '.join(problems)[:200]})")
            tables = {
                row[0]
                for row in db.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
            }
            if not tables:
                db.execute(_CREATE)
                db.commit()
                return
            if tables != {"responses"}:
                raise CacheBroken(f"holds other tables ({', '.join(sorted(tables))[:200]})")
            columns = tuple(row[1] for row in db.execute("pragma table_info(responses)"))
            if columns != _COLUMNS:
                raise CacheBroken(f"its responses table has other columns ({', '.join(columns)})")
        except sqlite3.Error as error:
            if _is_damage(error):
                raise CacheBroken(_one_line(error)) from None
            raise

    def _move_aside_and_reopen(self, why: str) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.broken-{stamp}-{n}")
        try:
            self.path.rename(aside)
            for suffix in _SIDE_FILES:
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.rename(aside.with_name(aside.name + suffix))
            self._db = self._open()
        except (sqlite3.Error, OSError, CacheBroken) as error:
            self._give_up(
                f"the response cache {self.path} is broken ({why}) and could not be replaced"
                f" ({_one_line(error)}); answers are not cached"
            )
            return
        warn(f"the response cache {self.path} was broken ({why}); moved it to {aside} and started a new one")

    def _give_up(self, message: str) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        warn(message)

    # --- use -------------------------------------------------------------------------

    def get(self, key: str) -> tuple[str, int, int] | None:
        """The stored answer and its token counts; None on a miss or when the cache is unusable."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "select answer, prompt_tokens, completion_tokens from responses where key = ?", (key,)
            ).fetchone()
        except sqlite3.Error as error:
            self._give_up(f"cannot read the response cache {self.path} ({_one_line(error)}); answers are not cached")
            return None
        return (row[0], row[1], row[2]) if row else None

    def put(self, key: str, answer: str, prompt_tokens: int, completion_tokens: int) -> None:
        """Store an answer; a cache that cannot be written is skipped (warned about once)."""
        if self._db is None or not self._writable:
            return
        try:
            self._db.execute(
                "insert or replace into responses values (?, ?, ?, ?, ?)",
                (key, answer, prompt_tokens, completion_tokens, time.time()),
            )
            self._db.commit()
        except sqlite3.Error as error:
            try:
                self._db.rollback()
            except sqlite3.Error:
                pass
            # Reads may still work (a read-only file): keep them, stop writing.
            self._writable = False
            warn(f"cannot write to the response cache {self.path} ({_one_line(error)}); answers are not cached")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class EndpointModes:
    """Which instructor mode each endpoint and model takes, found once by a probe.

    A small JSON file (``endpoint-modes.json`` in the cache directory) mapping an
    endpoint's identity (base URL without credentials, ``#``, model) to a mode name.
    It is rewritten through a temporary file renamed over it; a file that cannot be read
    is treated as empty and one that cannot be written is skipped with a warning, so the
    worst case is probing again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}

    def get(self, identity: str) -> str | None:
        return self._read().get(identity)

    def put(self, identity: str, mode: str) -> None:
        import os
        import tempfile

        data = {**self._read(), identity: mode}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
        except OSError as error:
            warn(f"cannot remember endpoint modes in {self.path} ({_one_line(error)}); the next run probes again")
