"""Fixtures for the brief: invented reports built on their own text, the golden seeds'
reports (read only), and Debian's headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.article import Article
from summarizer.brief.collect import plan, run
from summarizer.brief.model import BriefArticle
from summarizer.schema import Report

from .browser import Page, ensure_chromium

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_SEEDS = sorted((ROOT / "evals" / "golden").glob("seed-*.json"))


@pytest.fixture(autouse=True)
def home(isolated_home: Path) -> Path:
    """Every test gets its own cache directory: no user's cache is read or written."""
    return isolated_home


def no_model(article: Article) -> Report:
    raise AssertionError(f"{article.source}: a brief of report files must not summarize anything")


@pytest.fixture
def golden_articles() -> list[BriefArticle]:
    """The seeds' golden reports with their texts, read through the brief's own reader."""
    articles, failures = run(plan([str(p) for p in GOLDEN_SEEDS]), no_model)
    assert not failures and len(articles) == len(GOLDEN_SEEDS) >= 2
    return articles


@pytest.fixture(scope="session")
def chromium() -> str:
    binary, reason = ensure_chromium()
    if binary is None:
        pytest.skip(f"no headless chromium: {reason}")
    return binary


@pytest.fixture
def page(chromium: str) -> Iterator[Page]:
    opened = Page(chromium)
    try:
        yield opened
    finally:
        opened.close()
