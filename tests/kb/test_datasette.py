"""Datasette serves the knowledge base on 127.0.0.1: labels, facets, search, canned queries."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlite_utils
from typer.testing import CliRunner

from summarizer.cli import app

from .articles import A, B

runner = CliRunner()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(golden_db: sqlite_utils.Database, tmp_path: Path) -> Iterator[str]:
    metadata = tmp_path / "metadata.json"
    db_path = tmp_path / "kb.db"
    result = runner.invoke(app, ["kb", "datasette-metadata", "--db", str(db_path), "-o", str(metadata)])
    assert result.exit_code == 0, result.output
    binary = shutil.which("datasette") or pytest.fail("datasette is not installed: pip install -e '.[test]'")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", str(db_path), "-m", str(metadata), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/-/versions.json", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    pytest.fail(f"datasette did not start: {output[-500:]}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_datasette_answers_through_its_json_api(served: str, golden_db: sqlite_utils.Database) -> None:
    name = A["participants"][0]["name"]
    with httpx.Client(base_url=served, timeout=10) as client:
        people = client.get("/kb/people.json", params={"_shape": "array", "names__contains": name}).json()
        assert len(people) == 1 and people[0]["articles"] == 2
        person_id = people[0]["id"]
        labelled = client.get("/kb/participations.json", params={"person_id": person_id, "_labels": "on", "_shape": "array"}).json()
        assert len(labelled) == 2
        assert all(row["person_id"] == {"value": person_id, "label": people[0]["name"]} for row in labelled)
        canned = client.get("/kb/person_events.json", params={"name": name, "_shape": "array"}).json()
        assert [row["date"] for row in canned] == [A["meeting"]["date"], B["meeting"]["date"]]
        facets = client.get("/kb/commitments.json").json()["facet_results"]
        assert "strength" in facets
        search = client.get("/kb/search.json", params={"_search": "跨境电商服务站", "_shape": "array"}).json()
        assert len(search) >= 1
