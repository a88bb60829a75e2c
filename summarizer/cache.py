"""On-disk cache of validated model answers, keyed by everything that changes them.

The key covers backend, model identity, messages (so prompt text and article), the
answer schema and the sampling parameters; a hit returns the stored JSON and makes
no model call. One SQLite file, safe for concurrent readers.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any


def request_key(**parts: Any) -> str:
    """A stable hash of the request's parts (dicts sorted, Chinese kept as is)."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ResponseCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), timeout=30)
        self._db.execute(
            "create table if not exists responses (key text primary key, answer text not null,"
            " prompt_tokens integer, completion_tokens integer, created real)"
        )
        self._db.commit()

    def get(self, key: str) -> tuple[str, int, int] | None:
        row = self._db.execute(
            "select answer, prompt_tokens, completion_tokens from responses where key = ?", (key,)
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def put(self, key: str, answer: str, prompt_tokens: int, completion_tokens: int) -> None:
        self._db.execute(
            "insert or replace into responses values (?, ?, ?, ?, ?)",
            (key, answer, prompt_tokens, completion_tokens, time.time()),
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()
