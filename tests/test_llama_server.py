"""The OpenAI-compatible path against a real server: llama-cpp-python's own, on loopback,
serving the embedded model, with the same prompts as the local backend."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import urllib.error
import urllib.request
import pytest

from summarizer.article import read_article
from summarizer.llm import OpenAIBackend, mode_from_name
from summarizer.normalize import fold
from summarizer.pipeline import summarize
from summarizer.prompt import load_prompts

from conftest import SEEDS

pytestmark = pytest.mark.model


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(model_path: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--model_alias", "embedded"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail("llama_cpp.server exited during start-up")
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                time.sleep(1)
        else:
            pytest.fail("llama_cpp.server did not come up within 180 s")
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_same_prompts_through_the_server(llama_server: str) -> None:
    backend = OpenAIBackend(
        base_url=llama_server, model="embedded", api_key="unused", timeout=300,
        mode=mode_from_name("json_object_schema"), rewrite_schema=True,
    )
    article = read_article(str(SEEDS / "003_4b29677d6e77267a.txt"))
    report = summarize(article, backend, load_prompts("v2"))
    assert report.is_meeting_report
    assert report.participants
    folded = fold(article.text)
    assert all(fold(p.name) in folded for p in report.participants)
    assert all(c.evidence in article.text for c in report.commitments)
    assert report.run is not None and report.run.backend == "openai" and report.run.calls >= 2
