"""The Markdown brief: sections, references to articles, and inert article text."""

from __future__ import annotations

from summarizer.brief.markdown import md, to_markdown
from summarizer.brief.model import BriefArticle, Failure, build_brief

from .reports import injected, simplified, traditional


def test_sections_quotes_and_references(golden_articles: list[BriefArticle]) -> None:
    brief = build_brief([*golden_articles, traditional(), simplified()], [Failure("gone.txt", "no such file")])
    markdown = to_markdown(brief)
    for article in brief.articles:
        assert f'<a id="{article.ref}"></a>' in markdown
        for quote in brief.quotes[article.ref]:
            assert f"  > {md(quote.commitment.evidence)}" in markdown
    assert "| gone.txt | no such file |" in markdown
    assert markdown.count("## ") >= 5 + len(brief.articles)


def test_article_html_and_links_are_escaped() -> None:
    markdown = to_markdown(build_brief([injected()]))
    assert "<script>" not in markdown and "<img" not in markdown and "<b " not in markdown
    assert "&lt;script&gt;" in markdown and "&lt;b onmouseover" in markdown
