"""The Excel export, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import sqlite_utils
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.kb.add import add_inputs
from summarizer.kb.export import SHEETS

from .articles import C, write
from .conftest import no_model

runner = CliRunner()


def test_the_workbook_opens_with_a_sheet_per_table(golden_db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "kb.xlsx"
    result = runner.invoke(app, ["kb", "export", "-o", str(path), "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    for name in SHEETS:
        sheet = book[name]
        columns = [c.name for c in golden_db[name].columns if not (name == "articles" and c.name == "report")]
        assert [cell.value for cell in sheet[1]] == columns
        assert sheet.max_row == golden_db[name].count + 1
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
    people = book["people"]
    names = [row[1] for row in people.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(r["name"] for r in golden_db["people"].rows)
    widths = [people.column_dimensions[letter].width for letter in "ABCD"]
    assert all(6 <= w <= 60 for w in widths) and widths[2] > widths[0]  # names wider than ids
    assert book["events"].column_dimensions["H"].width == 60  # summaries capped, wrapped


def test_a_formula_in_an_article_stays_text(db: sqlite_utils.Database, tmp_path: Path) -> None:
    item = dict(C, id="kb-formula", summary='=HYPERLINK("http://example.invalid","x")' + C["summary"])
    add_inputs(db, [str(p) for p in write(tmp_path / "in", item)], no_model)
    path = tmp_path / "kb.xlsx"
    assert runner.invoke(app, ["kb", "export", "-o", str(path), "--db", str(tmp_path / "kb.db")]).exit_code == 0
    cell = openpyxl.load_workbook(path)["events"]["H2"]
    assert cell.data_type == "s" and cell.value == item["summary"]
