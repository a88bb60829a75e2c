"""The Word brief read back with python-docx: headings, the participants tables, the picture."""

from __future__ import annotations

import io

from docx import Document
from PIL import Image

from summarizer.brief.labels import labels
from summarizer.brief.model import BriefArticle, build_brief
from summarizer.brief.word import to_docx
from summarizer.render import name_pinyin

from .reports import injected, simplified, traditional


def test_headings_participants_and_the_network_picture(golden_articles: list[BriefArticle]) -> None:
    brief = build_brief([*golden_articles, traditional(), simplified()], language="en", title="Weekly note")
    document = Document(io.BytesIO(to_docx(brief)))
    words = labels("en")
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "Weekly note")
    texts = [text for _, text in headings]
    for heading in ("network", "timeline", "across", "by_actor", "appendix"):
        assert words[heading] in texts
    for article in brief.articles:
        assert ("Heading 1", f"{article.ref} · {article.title}") in headings
    # One participants table per article with participants, in the report's order, with pinyin.
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == [words["name"], words["pinyin"]]]
    with_people = [a for a in brief.articles if a.report.participants]
    assert len(tables) == len(with_people)
    for table, article in zip(tables, with_people):
        rows = [[c.text for c in row.cells] for row in table.rows[1:]]
        assert [r[0] for r in rows] == [p.name for p in article.report.participants]
        assert [r[1] for r in rows] == [name_pinyin(p.name) for p in article.report.participants]
    # The who-met-whom picture: one inline PNG, wide, drawn (not blank).
    [shape] = document.inline_shapes
    blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    image = Image.open(io.BytesIO(blob))
    assert image.format == "PNG" and image.width >= 1000
    colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 50


def test_article_text_is_plain_text_in_word() -> None:
    brief = build_brief([injected()])
    document = Document(io.BytesIO(to_docx(brief)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert '<b onmouseover="window.__pwned=1">' in body  # the quote, verbatim as text
    xml = document.element.xml
    assert "<script>" not in xml and "&lt;script&gt;" in xml
