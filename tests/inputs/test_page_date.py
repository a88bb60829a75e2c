"""The page's publication date gives a yearless event date its year (issue 12, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from inputs.page_server import page
from summarizer.document import Document
from summarizer.fields.meeting import build_meeting
from summarizer.inputs.load import load_article


@pytest.mark.parametrize(
    ("name", "date", "basis"),
    # header-date.html: 研究部署2021年重点工作 in the same sentence states the year itself
    [("portal.html", "2021-06-16", "page-date"), ("header-date.html", "2021-03-09", "stated")],
)
def test_a_saved_pages_date_gives_the_event_its_year(tmp_path: Path, name: str, date: str, basis: str) -> None:
    path = tmp_path / "saved.html"
    path.write_text(page(name), encoding="utf-8")
    meeting = build_meeting(Document.of(load_article(str(path))), None, [])
    assert (meeting.date, meeting.date_basis) == (date, basis)


def test_the_same_text_without_its_page_keeps_the_year_unknown(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("县商会召开会长办公会\n3月9日，青禾县商会召开会长办公会，会长甄某某主持会议。", encoding="utf-8")
    meeting = build_meeting(Document.of(load_article(str(path))), None, [])
    assert (meeting.date, meeting.date_basis) == ("--03-09", "none")
