"""Fetched pages kept on disk by URL, so that a rerun sends no request.

Under the cache directory (``$SUMMARIZER_HOME`` or ``~/.cache/summarizer``), ``pages/``
holds two files per URL, named by the SHA-256 of the URL: the body as it was received,
and a JSON record (URL after redirects, media type, header charset, size, time). The
record is written last, so a half-written entry is never read. A cache that cannot be
written is skipped with a warning; an unreadable entry is fetched again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from summarizer.cache import warn
from summarizer.inputs.fetch import Fetched
from summarizer.model_store import cache_dir


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class PageCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or cache_dir() / "pages"

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / f"{key}.json", self.directory / f"{key}.body"

    def get(self, url: str) -> Fetched | None:
        record_path, body_path = self._paths(url)
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("url") != url or record.get("size") != len(body):
            return None
        return Fetched(str(record["final_url"]), str(record["media_type"]), record.get("charset"), body)

    def put(self, url: str, page: Fetched) -> None:
        record_path, body_path = self._paths(url)
        record = {
            "url": url, "final_url": page.url, "media_type": page.media_type, "charset": page.charset,
            "size": len(page.body), "fetched": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomic(body_path, page.body)
            _write_atomic(record_path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
        except OSError as error:
            warn(f"cannot write the page cache {self.directory} ({error.strerror or error}); the page is not cached")
