"""Grounding: find a string in the article, script- and width-insensitively, and give its span.

Exact match first, folded match (Traditional = Simplified, full = half width) second;
spans are in the cleaned text and, through the clean-up's offset map, in the input.
"""

from __future__ import annotations

from summarizer.article import Article
from summarizer.normalize import fold
from summarizer.schema import Span


class Grounder:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.folded = fold(article.text)

    def span(self, start: int, end: int, alignment: str = "exact") -> Span:
        source_start, source_end = self.article.cleaned.original_span(start, end)
        return Span(start=start, end=end, source_start=source_start, source_end=source_end, alignment=alignment)  # type: ignore[arg-type]

    def find(self, query: str, limit: int | None = None) -> Span | None:
        """The first occurrence of ``query`` in ``text[:limit]``."""
        query = query.strip()
        if not query:
            return None
        end = len(self.text) if limit is None else limit
        at = self.text.find(query, 0, end)
        if at >= 0:
            return self.span(at, at + len(query))
        at = self.folded.find(fold(query), 0, end)
        if at >= 0:
            return self.span(at, at + len(query), "folded")
        return None

    def verbatim(self, query: str, limit: int | None = None) -> str | None:
        """``query`` as the article writes it (its own script), or None when absent."""
        span = self.find(query, limit)
        return self.text[span.start : span.end] if span else None
