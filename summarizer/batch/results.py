"""The results file of a batch: one JSON object a line, appended durably, read back to resume.

A line is written whole with one ``write`` and fsynced before its article counts as
done (articles that finish together share one fsync), so a crash, Ctrl-C or ``kill -9`` loses at most the line being
written. Reading tolerates exactly that: a last line without its newline is an
unfinished write and is cut off (nothing else is ever truncated). Lines that are not a
record of ours are kept in the file and ignored.

An article is known by ``(content_hash, prompt_version)``: the same bytes summarized with
the same prompt set are done, whatever the file is called. A later line for the same key
supersedes an earlier one (a failure retried with ``--retry-failed``); when a run leaves
superseded lines behind, :meth:`ResultsFile.compact` rewrites the file with the latest
record of each key, through a temporary file renamed over it.

Only one process writes a results file: :class:`ResultsFile` holds an exclusive
``flock`` on ``<file>.lock`` while open, which the kernel releases when the process
ends, however it ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from summarizer.errors import BatchLocked, ConfigError

Status = Literal["ok", "failed"]
Key = tuple[str, str]  # (content hash, prompt version)


@dataclass
class Record:
    """One line of the results file."""

    content_hash: str
    prompt_version: str
    source: str
    status: Status
    error: str | None = None
    error_kind: str | None = None
    report: dict[str, Any] | None = None
    backend: str | None = None
    model: str | None = None
    tokens: int = 0
    seconds: float = 0.0
    attempts: int = 1
    finished: str = ""

    @property
    def key(self) -> Key:
        return (self.content_hash, self.prompt_version)

    def to_json(self) -> str:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> Record | None:
        """The record a line holds, or None when the line is not one of ours."""
        try:
            data = json.loads(line)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        names = cls.__dataclass_fields__
        if not all(isinstance(data.get(k), str) for k in ("content_hash", "prompt_version", "source")):
            return None
        if data.get("status") not in ("ok", "failed"):
            return None
        try:
            return cls(**{k: v for k, v in data.items() if k in names})
        except TypeError:
            return None


@dataclass
class Existing:
    """What an earlier run left in the results file."""

    latest: dict[Key, Record] = field(default_factory=dict)
    lines: int = 0
    foreign: int = 0  # lines that are not records of ours
    cut_bytes: int = 0  # an unfinished last line removed

    @property
    def done(self) -> set[Key]:
        return {key for key, record in self.latest.items() if record.status == "ok"}

    @property
    def failed(self) -> set[Key]:
        return {key for key, record in self.latest.items() if record.status == "failed"}


class ResultsFile:
    """The results file, opened for appending under an exclusive lock (a context manager)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")
        self._lock_fd: int | None = None
        self._fd: int | None = None

    # --- lock ----------------------------------------------------------------------

    def __enter__(self) -> ResultsFile:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> Existing:
        """Take the lock, read what is there (cutting an unfinished last line), open for append."""
        directory = self.path.parent
        if not directory.is_dir():
            raise ConfigError(f"{self.path}: the directory {directory} does not exist")
        if self.path.is_dir():
            raise ConfigError(f"{self.path}: is a directory; -o takes a file path")
        try:
            self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise ConfigError(f"{self.path}: cannot create the lock file {self.lock_path} ({error.strerror})") from None
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(self._lock_fd)
            os.close(self._lock_fd)
            self._lock_fd = None
            raise BatchLocked(
                f"{self.path}: another batch{holder} is writing this results file; wait for it or use another -o"
            ) from None
        os.ftruncate(self._lock_fd, 0)
        os.pwrite(self._lock_fd, f"{os.getpid()}\n".encode(), 0)
        try:
            existing = self._read_and_repair()
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as error:
            self.close()
            raise ConfigError(f"cannot open {self.path}: {error.strerror or error}") from None
        self.existing = existing
        return existing

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    # --- reading -------------------------------------------------------------------

    def _read_and_repair(self) -> Existing:
        existing = Existing()
        if not self.path.exists():
            return existing
        data = self.path.read_bytes()
        complete = data.rfind(b"\n") + 1
        if complete < len(data):
            # kill -9 mid-write: the tail is half a line; its article was not done.
            with open(self.path, "r+b") as stream:
                stream.truncate(complete)
                os.fsync(stream.fileno())
            existing.cut_bytes = len(data) - complete
        for raw in data[:complete].splitlines():
            if not raw.strip():
                continue
            existing.lines += 1
            record = Record.from_json(raw.decode("utf-8", errors="replace"))
            if record is None:
                existing.foreign += 1
            else:
                existing.latest[record.key] = record
        return existing

    # --- writing -------------------------------------------------------------------

    def append(self, records: list[Record]) -> None:
        """Write one line per record and make them durable before returning.

        Each line goes out in one ``write`` (whole lines only); one ``fsync`` covers the
        group, so articles that finish together cost one disk flush.
        """
        if self._fd is None:
            raise RuntimeError("the results file is not open")
        for record in records:
            view = memoryview((record.to_json() + "\n").encode("utf-8"))
            while view:
                view = view[os.write(self._fd, view):]
        os.fsync(self._fd)

    def compact(self) -> int:
        """Keep only the latest record of each key (and foreign lines); returns lines dropped.

        Written to a temporary file in the same directory, fsynced and renamed over the
        results file, so a crash during compaction leaves the old file whole.
        """
        if self._fd is None:
            raise RuntimeError("the results file is not open")
        lines = self.path.read_bytes().splitlines(keepends=True)
        records = [(raw, Record.from_json(raw.decode("utf-8", errors="replace"))) for raw in lines if raw.strip()]
        last = {record.key: index for index, (_, record) in enumerate(records) if record is not None}
        kept = [raw for index, (raw, record) in enumerate(records) if record is None or last[record.key] == index]
        dropped = len(records) - len(kept)
        if dropped == 0:
            return 0
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.writelines(line if line.endswith(b"\n") else line + b"\n" for line in kept)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        os.close(self._fd)
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        return dropped


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def read_records(path: Path) -> list[Record]:
    """Every record of a results file in order (for tests and tools); unfinished tail ignored."""
    data = path.read_bytes()
    data = data[: data.rfind(b"\n") + 1]
    found = (Record.from_json(raw.decode("utf-8", errors="replace")) for raw in data.splitlines() if raw.strip())
    return [record for record in found if record is not None]
