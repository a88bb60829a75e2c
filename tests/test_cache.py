"""The response cache is never fatal: a broken file is moved aside, an unwritable one skipped.

Every test here works on files in ``tmp_path``; no model is loaded. The read-only case runs
a child process without CAP_DAC_OVERRIDE (through ``setpriv``), because root writes to a
``chmod 444`` file regardless; an in-process twin opens SQLite read-only instead.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from fake_openai import FakeOpenAI
from summarizer.cache import ResponseCache, request_key
from summarizer.llm import OpenAIBackend

ROOT = Path(__file__).resolve().parent.parent


class Echo(BaseModel):
    text: str


def filled_cache(path: Path, entries: int = 200) -> None:
    """A healthy cache of several pages, so that truncation cuts real data."""
    cache = ResponseCache(path)
    for n in range(entries):
        cache.put(request_key(n=n), '{"text": "' + "会议" * 40 + f'{n}"}}', 10, 20)
    cache.close()


def moved_aside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name + ".broken-"))


def warning_lines(captured: str) -> list[str]:
    return [line for line in captured.splitlines() if line.strip()]


def assert_works(cache: ResponseCache) -> None:
    cache.put("k", '{"text": "好"}', 1, 2)
    assert cache.get("k") == ('{"text": "好"}', 1, 2)


def assert_rebuilt(path: Path, original: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cache = ResponseCache(path)
    try:
        assert_works(cache)
    finally:
        cache.close()
    aside = moved_aside(path)
    assert len(aside) == 1, list(path.parent.iterdir())
    assert aside[0].read_bytes() == original  # kept for inspection, untouched
    lines = warning_lines(capsys.readouterr().err)
    assert len(lines) == 1, lines
    assert lines[0].startswith("warning:") and str(aside[0]) in lines[0]


# --- broken files are moved aside and rebuilt --------------------------------------------


def test_garbage_bytes_are_moved_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "responses.sqlite"
    garbage = random.Random(8).randbytes(8192)
    path.write_bytes(garbage)
    assert_rebuilt(path, garbage, capsys)


@pytest.mark.parametrize("keep", [50, 0.3, 0.7])
def test_truncated_cache_is_moved_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str], keep: float) -> None:
    path = tmp_path / "responses.sqlite"
    filled_cache(path)
    whole = path.read_bytes()
    cut = whole[: int(keep if keep >= 1 else len(whole) * keep)]
    path.write_bytes(cut)
    assert_rebuilt(path, cut, capsys)


def test_sqlite_file_with_other_tables_is_moved_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "responses.sqlite"
    db = sqlite3.connect(path)
    db.execute("create table something_else (a, b)")
    db.commit()
    db.close()
    assert_rebuilt(path, path.read_bytes(), capsys)


def test_responses_table_with_wrong_columns_is_moved_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "responses.sqlite"
    db = sqlite3.connect(path)
    db.execute("create table responses (key text primary key, body text)")
    db.execute("insert into responses values ('k', 'x')")
    db.commit()
    db.close()
    assert_rebuilt(path, path.read_bytes(), capsys)


def test_a_healthy_cache_is_kept_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "responses.sqlite"
    filled_cache(path, entries=5)
    cache = ResponseCache(path)
    try:
        assert cache.get(request_key(n=3)) is not None
    finally:
        cache.close()
    assert moved_aside(path) == []
    assert capsys.readouterr().err == ""


def test_an_empty_file_is_a_new_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "responses.sqlite"
    path.write_bytes(b"")
    cache = ResponseCache(path)
    try:
        assert_works(cache)
    finally:
        cache.close()
    assert moved_aside(path) == [] and capsys.readouterr().err == ""


# --- a cache that cannot be written is skipped ------------------------------------------


def ask(server: FakeOpenAI, cache: ResponseCache) -> Echo:
    backend = OpenAIBackend(base_url=server.base_url, model="canned", api_key="k", cache=cache)
    return backend.ask([{"role": "user", "content": "你好"}], Echo)


def test_read_only_cache_still_returns_the_paid_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite opened read-only behaves as a ``chmod 444`` file does for a normal user."""
    path = tmp_path / "responses.sqlite"
    filled_cache(path, entries=1)
    connect = sqlite3.connect

    def read_only(database: str, **kwargs: Any) -> sqlite3.Connection:
        return connect(f"file:{database}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with FakeOpenAI(lambda request: '{"text": "好"}', api_key="k") as server:
        cache = ResponseCache(path)
        try:
            assert cache.get(request_key(n=0)) is not None  # reads still work
            assert ask(server, cache).text == "好"
            assert ask(server, cache).text == "好"
        finally:
            cache.close()
        assert len(server.requests) == 2
    lines = warning_lines(capsys.readouterr().err)
    assert len(lines) == 1, lines  # one warning, not one per answer
    assert lines[0].startswith("warning:") and "not" in lines[0] and str(path) in lines[0]
    assert moved_aside(path) == []  # a read-only cache is not broken


def test_cache_whose_folder_cannot_be_made_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("x")
    with FakeOpenAI(lambda request: '{"text": "好"}', api_key="k") as server:
        cache = ResponseCache(tmp_path / "a-file" / "responses.sqlite")
        try:
            assert ask(server, cache).text == "好"
        finally:
            cache.close()
    lines = warning_lines(capsys.readouterr().err)
    assert len(lines) == 1 and lines[0].startswith("warning:"), lines


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from pydantic import BaseModel
    from summarizer.cache import ResponseCache
    from summarizer.llm import OpenAIBackend

    class Echo(BaseModel):
        text: str

    cache = ResponseCache(Path(sys.argv[1]))
    backend = OpenAIBackend(base_url=sys.argv[2], model="canned", api_key="k", cache=cache)
    print(backend.ask([{"role": "user", "content": "你好"}], Echo).text)
    """
)


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop CAP_DAC_OVERRIDE")
def test_chmod_444_cache_still_returns_the_paid_answer(tmp_path: Path) -> None:
    path = tmp_path / "responses.sqlite"
    filled_cache(path, entries=1)
    before = path.read_bytes()
    path.chmod(0o444)
    tmp_path.chmod(0o555)  # no journal, no rename either
    try:
        with FakeOpenAI(lambda request: '{"text": "好"}', api_key="k") as server:
            result = subprocess.run(
                ["setpriv", "--bounding-set=-dac_override,-dac_read_search", sys.executable, "-c", CHILD,
                 str(path), server.base_url],
                capture_output=True, text=True, cwd=ROOT, timeout=60,
                env={k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))},
            )
    finally:
        tmp_path.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "好"
    lines = warning_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("warning:"), result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
