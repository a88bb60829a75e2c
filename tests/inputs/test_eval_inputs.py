"""A golden file may point at a saved page: the eval reads it through the CLI's loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from inputs.page_server import page
from summarizer.errors import ConfigError
from summarizer.evals.run import article_of
from summarizer.inputs.load import load_article


def test_a_golden_file_pointing_at_a_saved_page_is_read_as_a_page(tmp_path: Path) -> None:
    saved = tmp_path / "portal.html"
    saved.write_text(page("portal.html"), encoding="utf-8")
    text = load_article(str(saved)).raw
    gold = {"id": "g1", "text": text, "file": "portal.html", "_path": str(tmp_path / "g1.json")}
    article = article_of(gold)
    assert article.raw == text and article.published is not None
    assert "首页" not in article.raw  # the navigation is not in the article


def test_a_golden_text_that_differs_from_its_page_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "portal.html").write_text(page("portal.html"), encoding="utf-8")
    gold = {"id": "g1", "text": "别的文字", "file": "portal.html", "_path": str(tmp_path / "g1.json")}
    with pytest.raises(ConfigError):
        article_of(gold)
