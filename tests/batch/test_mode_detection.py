"""Endpoint modes found by one probe per endpoint and remembered: canned servers that behave
like OpenAI (json_schema), a llama.cpp server (json_schema refused with HTTP 500, the
schema honoured as json_object), a DeepSeek-style endpoint (tools only) and one that
enforces nothing (json); the real `python -m llama_cpp.server` is in test_llama_server_modes.py."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from batch import canned
from batch.helpers import by_source, cli
from fake_openai import FakeOpenAI, Raw, Reply
from summarizer.batch.backends import MODES_FILE
from summarizer.llm import OpenAIBackend, probe_mode


def _arguments(request: dict[str, Any]) -> str:
    return canned.answer(request)


def tool_reply(request: dict[str, Any]) -> Raw:
    name = request["tools"][0]["function"]["name"]
    body = {
        "id": "chatcmpl-tools", "object": "chat.completion", "created": int(time.time()), "model": "canned",
        "choices": [{
            "index": 0, "finish_reason": "tool_calls",
            "message": {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": name, "arguments": _arguments(request)}},
            ]},
        }],
        "usage": {"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60},
    }
    return Raw(json.dumps(body, ensure_ascii=False))


def openai_like(request: dict[str, Any]) -> Reply:
    return canned.answer(request)


def llama_cpp_like(request: dict[str, Any]) -> Reply:
    kind = (request.get("response_format") or {}).get("type")
    if kind == "json_schema":
        return (500, "Input should be 'text' or 'json_object'")
    if kind == "json_object" and "schema" in request["response_format"]:
        return canned.answer(request)
    if request.get("tools"):
        return "I cannot call tools."
    return "Hello! How can I help?"


def tools_only(request: dict[str, Any]) -> Reply:
    if request.get("response_format"):
        return (400, "This response_format type is unavailable now")
    if request.get("tools"):
        return tool_reply(request)
    return "Hello!"


def free_text(request: dict[str, Any]) -> Reply:
    """Accepts every form and enforces none: only the schema in the prompt can help."""
    if canned.number_of(request) is None:
        return "Hello there!"
    return canned.facts(request)


SERVERS = {
    "json_schema": openai_like,
    "json_object_schema": llama_cpp_like,
    "tools": tools_only,
    "json": free_text,
}


@pytest.mark.parametrize("expected", sorted(SERVERS))
def test_the_probe_finds_the_mode(expected: str) -> None:
    with FakeOpenAI(SERVERS[expected]) as server:
        assert probe_mode(OpenAIBackend(base_url=server.base_url, model="canned", api_key="k")) == expected


@pytest.mark.parametrize("expected", ["json_object_schema", "tools"])
def test_base_url_and_model_are_all_a_user_types(expected: str, tmp_path: Path, home: Path) -> None:
    canned.write_articles(tmp_path / "in", 3)
    output = tmp_path / "results.jsonl"
    with FakeOpenAI(SERVERS[expected]) as server:
        command = ["batch", str(tmp_path / "in"), "-o", str(output), "--base-url", server.base_url, "--model", "canned"]
        first = cli(*command, home=home)
        assert first.returncode == 0, first.stderr
        assert f"mode {expected} (found by a probe)" in first.stderr
        remembered = json.loads((home / MODES_FILE).read_text())
        assert remembered == {f"{server.base_url}#canned": expected}
        assert all(r[0].status == "ok" for r in by_source(output).values()) and len(by_source(output)) == 3

        server.reset()
        canned.write_articles(tmp_path / "in", 1, start=3)
        second = cli(*command, home=home)
        assert second.returncode == 0, second.stderr
        assert f"mode {expected} (remembered)" in second.stderr
        assert [canned.number_of(r) for r in server.requests] == [3]  # no probe, only the new article


def test_an_explicit_mode_skips_the_probe(tmp_path: Path, home: Path) -> None:
    canned.write_articles(tmp_path / "in", 1)
    with FakeOpenAI(llama_cpp_like) as server:
        result = cli("batch", str(tmp_path / "in"), "-o", str(tmp_path / "r.jsonl"), "--base-url", server.base_url,
                     "--model", "canned", "--mode", "json_object_schema", home=home)
        assert result.returncode == 0, result.stderr
        assert [canned.number_of(r) for r in server.requests] == [0]
    assert not (home / MODES_FILE).exists()


def test_an_unreachable_endpoint_ends_the_probe_with_one_line(tmp_path: Path, home: Path) -> None:
    from fake_openai import closed_port

    canned.write_articles(tmp_path / "in", 1)
    result = cli("batch", str(tmp_path / "in"), "-o", str(tmp_path / "r.jsonl"), "--base-url",
                 f"http://127.0.0.1:{closed_port()}/v1", "--model", "canned", home=home)
    assert result.returncode == 9, result.stderr
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr
    assert not (home / MODES_FILE).exists()
