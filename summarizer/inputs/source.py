"""The report's ``source`` object, from what the article carries."""

from __future__ import annotations

from summarizer.article import Article
from summarizer.schema import Source


def report_source(article: Article) -> Source:
    """Where the article came from: a URL, or a file (``-`` for standard input)."""
    published = article.published.isoformat() if article.published else None
    common = {
        "title": article.title, "site_name": article.site_name,
        "published": published, "published_from": article.published_from,
    }
    if article.url:
        return Source(kind="url", url=article.url, **common)
    return Source(kind="file", path="-" if article.source == "<stdin>" else article.source, **common)
