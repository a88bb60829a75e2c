"""A brief written straight from the knowledge base (`summarizer brief --db`), no model."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.schema import Report

runner = CliRunner()


def test_a_brief_from_the_knowledge_base_holds_its_articles_since_a_date(golden_db: sqlite_utils.Database, tmp_path: Path) -> None:
    reports = [Report.model_validate_json(row["report"]) for row in golden_db["articles"].rows]
    dated = sorted(r.meeting.date for r in reports if r.meeting.date and r.meeting.date[:1].isdigit() and len(r.meeting.date) == 10)
    since = dated[len(dated) // 2]
    path = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", "--db", str(tmp_path / "kb.db"), "--since", since, "-o", str(path)])
    assert result.exit_code == 0, result.output
    brief = path.read_text(encoding="utf-8")
    later = [r for r in reports if r.meeting.date and r.meeting.date[:1].isdigit() and len(r.meeting.date) == 10 and r.meeting.date >= since]
    earlier = [r for r in reports if r.meeting.date and r.meeting.date[:1].isdigit() and len(r.meeting.date) == 10 and r.meeting.date < since]
    assert later and earlier
    assert all(r.commitments[0].evidence[:10] in brief for r in later if r.commitments)
    body, appendix = brief.split("## 附录")  # the earlier ones are listed as left out, nothing more
    assert not any(r.meeting.date in body for r in earlier) and all(r.meeting.date in appendix for r in earlier)


def test_nothing_to_brief_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["brief", "-o", str(tmp_path / "brief.md")])
    assert result.exit_code != 0 and "nothing to brief" in result.output
    result = runner.invoke(app, ["brief", "--db", str(tmp_path / "missing.db"), "-o", str(tmp_path / "brief.md")])
    assert result.exit_code != 0 and "no such knowledge base" in result.output
