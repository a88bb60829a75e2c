"""The brief's inputs: results files (reports or batch records), report files, directories,
and failures that go to the appendix instead of stopping the brief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.brief import make_brief
from summarizer.brief.collect import plan, run
from summarizer.errors import InputEmpty, InputMissing

from .conftest import GOLDEN_SEEDS, no_model
from .reports import simplified, traditional


def record(report: dict, source: str, content_hash: str, status: str = "ok", error: str | None = None) -> str:
    line = {"content_hash": content_hash, "prompt_version": "v3", "source": source, "status": status,
            "error": error, "report": report if status == "ok" else None}
    return json.dumps(line, ensure_ascii=False)


def test_a_results_file_gives_its_reports_and_lists_its_failures(tmp_path: Path) -> None:
    first, second = traditional().report, simplified().report
    text_file = tmp_path / "simplified.txt"
    text_file.write_text(simplified().text or "", encoding="utf-8")
    second = second.model_copy(update={"source": second.source.model_copy(update={"path": str(text_file)})})  # type: ignore[union-attr]
    lines = [
        record(first.model_dump(), "a.txt", "h1", "failed", "the endpoint timed out"),
        record(first.model_dump(), "a.txt", "h1"),  # retried: supersedes the failure
        second.model_dump_json(),  # a bare report line
        record({}, "b.txt", "h2", "failed", "b.txt: not a meeting report"),
        "not json at all",
        json.dumps({"is_meeting_report": "maybe"}),
        '{"content_hash": "h3", "status": "ok", "rep',  # a write cut short at the end
    ]
    results = tmp_path / "results.jsonl"
    results.write_text("\n".join(lines), encoding="utf-8")
    articles, failures = run(plan([str(results)]), no_model)
    assert [a.report.meeting.title for a in articles] == [first.meeting.title, second.meeting.title]
    assert {a.reused for a in articles} == {"results file"}
    assert articles[1].text == simplified().text  # read back from the report's source file for the highlights
    assert [f.origin for f in failures] == ["b.txt", f"{results}:5", f"{results}:6", f"{results}:7"]
    assert failures[0].reason == "b.txt: not a meeting report"
    assert "not a report" in failures[2].reason and failures[3].reason == "an unfinished last line"


def test_a_directory_gives_report_and_results_files_but_not_the_brief_itself(tmp_path: Path) -> None:
    for path in GOLDEN_SEEDS[:2]:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"PK")  # not an input kind: ignored
    (tmp_path / "brief.html").write_text("<p>last week's brief</p>", encoding="utf-8")
    tasks = plan([str(tmp_path)], skip=tmp_path / "brief.html")
    assert [Path(t.origin).name for t in tasks] == [p.name for p in GOLDEN_SEEDS[:2]]


def test_a_failing_article_goes_to_the_appendix(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    brief = make_brief(plan([str(tmp_path), str(GOLDEN_SEEDS[0])]), no_model)
    assert len(brief.articles) == 1
    reasons = {Path(f.origin).name: f.reason for f in brief.failures}
    assert set(reasons) == {"empty.txt", "binary.txt"} and "empty" in reasons["empty.txt"]


def test_nothing_to_brief_and_a_missing_path_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputEmpty, match="empty.txt"):
        make_brief(plan([str(tmp_path / "empty.txt")]), no_model)
    with pytest.raises(InputMissing):
        plan([str(tmp_path / "missing.txt")])
