"""`summarizer brief` as a user runs it: formats by extension, one-line errors, the
previous brief kept on failure; and once on the embedded model, the second run from the
response cache without a model call."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from summarizer.brief.labels import labels
from summarizer.cache import ResponseCache
from summarizer.llm import LocalBackend

from .conftest import GOLDEN_SEEDS, ROOT

SEED = ROOT / "seeds" / "000_45db39b3a693ef13.txt"


def cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    environment.update({"SUMMARIZER_HOME": str(home), "SUMMARIZER_CONFIG": os.devnull})
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "brief", *args], capture_output=True, text=True, env=environment,
        cwd=ROOT, timeout=120,
    )


def one_line_error(result: subprocess.CompletedProcess[str], code: int, word: str) -> None:
    assert result.returncode == code, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and word in lines[0], result.stderr


def test_report_and_results_files_to_word(tmp_path: Path) -> None:
    results = tmp_path / "results.jsonl"
    report = json.loads(GOLDEN_SEEDS[2].read_text(encoding="utf-8"))
    failed = {"content_hash": "x", "prompt_version": "v3", "source": "lost.txt", "status": "failed", "error": "timed out"}
    results.write_text(json.dumps({"report": report, "status": "ok"}, ensure_ascii=False) + "\n" + json.dumps(failed) + "\n")
    output = tmp_path / "brief.docx"
    result = cli(str(GOLDEN_SEEDS[0]), str(GOLDEN_SEEDS[1]), str(results), "-o", str(output), "--lang", "en",
                 "--title", "Week 12", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 articles (1 from results files, 2 from report files)" in result.stderr
    assert "1 without a report" in result.stderr
    document = Document(io.BytesIO(output.read_bytes()))
    assert document.paragraphs[0].text == "Week 12"
    assert any("lost.txt" in cell.text for table in document.tables for row in table.rows for cell in row.cells)


@pytest.mark.parametrize(
    ("arguments", "code", "word"),
    [
        (["-o", "{tmp}/brief.pdf"], 13, ".html, .md or .docx"),
        (["-o", "{tmp}/missing/brief.html"], 13, "does not exist"),
        (["-o", "{tmp}/brief.html", "--since", "2023-13-01"], 2, "--since"),
        (["{tmp}/nope.txt", "-o", "{tmp}/brief.html"], 3, "nope.txt"),
    ],
)
def test_bad_options_and_inputs_are_one_line_errors(tmp_path: Path, arguments: list[str], code: int, word: str) -> None:
    args = [a.format(tmp=tmp_path) for a in arguments]
    one_line_error(cli(str(GOLDEN_SEEDS[0]), *args, home=tmp_path), code, word)


def test_an_input_is_never_the_output(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>an article</p>", encoding="utf-8")
    one_line_error(cli(str(page), "-o", str(page), home=tmp_path), 13, "one of the inputs")
    assert page.read_text(encoding="utf-8") == "<p>an article</p>"


def test_nothing_to_brief_keeps_the_previous_brief(tmp_path: Path) -> None:
    output = tmp_path / "brief.md"
    output.write_text("last week's brief\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    one_line_error(cli(str(tmp_path / "empty.txt"), "-o", str(output), home=tmp_path), 4, "empty.txt")
    assert output.read_text(encoding="utf-8") == "last week's brief\n"


@pytest.mark.model
def test_a_seed_summarized_once_then_briefed_from_the_cache(
    local_backend: LocalBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI on the session's embedded model (one load per session), with a response
    cache: the second brief of the same article makes no model call."""
    from summarizer.cli import app

    monkeypatch.setattr(local_backend, "cache", ResponseCache(tmp_path / "responses.sqlite"))
    monkeypatch.setattr("summarizer.config.make_backend", lambda options: local_backend)
    words = labels("zh")
    outputs = []
    for run in ("first", "second"):
        output = tmp_path / f"{run}.md"
        result = CliRunner().invoke(app, ["brief", str(SEED), "-o", str(output)])
        assert result.exit_code == 0, result.output
        outputs.append(output.read_text(encoding="utf-8"))
    first, second = (text.split(f"## {words['appendix']}")[1] for text in outputs)

    def calls(made: str, cached: str) -> str:
        return re.escape(words["calls"]).replace(r"\{calls\}", made).replace(r"\{cached\}", cached)

    assert words["model"] in first and re.search(calls("[1-9][0-9]*", "0"), first), first
    assert words["cache"] in second and re.search(calls("0", "[1-9][0-9]*"), second), second
    # The same report both times: everything above the generation time and the appendix is equal.
    body = [text.split("\n", 3)[3].split(f"## {words['appendix']}")[0] for text in outputs]
    assert body[0] == body[1] and "## A1 · " in body[0]
