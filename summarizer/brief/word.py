"""The brief as a Word document (python-docx): headings, tables and the network picture.

Article text goes in as plain runs (python-docx writes it as XML text, never as markup);
control characters, which XML cannot hold, are shown visibly first.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from summarizer.brief import labels as words
from summarizer.brief.html import facts, period
from summarizer.brief.model import Brief, Quote, SharedEntity
from summarizer.brief.network import Network, build_network, to_png
from summarizer.render import name_pinyin, visible

EAST_ASIAN_FONT = "Microsoft YaHei"
TABLE_STYLE = "Table Grid"


def v(text: str | None) -> str:
    return visible(" ".join((text or "").split()))


def _table(document: DocxDocument, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = v(text) or "—"
    document.add_paragraph()


def _quote(document: DocxDocument, brief: Brief, quote: Quote, with_title: bool) -> None:
    labels, item = words.labels(brief.language), quote.commitment
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.add_run(labels[item.strength] + " ").bold = True
    paragraph.add_run(v(item.actor)).bold = True
    paragraph.add_run(f": {v(item.action)}")
    reference = f" ({quote.article.ref}" + (f" · {v(quote.article.title)})" if with_title else ")")
    paragraph.add_run(reference).italic = True
    document.add_paragraph(v(item.evidence), style="Quote")


def _shared(document: DocxDocument, brief: Brief, kind: str, items: list[SharedEntity]) -> None:
    """People or organizations (``kind``) named in several articles."""
    labels = words.labels(brief.language)
    document.add_heading(labels[kind], level=2)
    if not items:
        document.add_paragraph(labels[f"no_{kind}"])
        return
    rows = []
    for shared in items:
        name = shared.entity.name + (f" ({shared.pinyin})" if shared.pinyin else "")
        others = [n for n in shared.entity.names if n != shared.entity.name]
        if others:
            name += f"; {labels['also_written']}: {'、'.join(others)}"
        events = "; ".join(
            f"{ap.article.ref} {ap.article.date or labels['undated']} {ap.article.title}"
            + (f" — {' '.join(x for x in (ap.organization, ap.title) if x)}" if ap.organization or ap.title else "")
            for ap in shared.appearances
        )
        rows.append([name, events, "; ".join(shared.reasons)])
    _table(document, [labels["name"], labels["event"], labels["why"]], rows)


def _east_asian_font(document: DocxDocument) -> None:
    """Chinese text in the Normal style's East Asian font, so Word does not pick a Latin one."""
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    properties = style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def to_docx(brief: Brief, network: Network | None = None) -> bytes:
    network = network or build_network(brief)
    labels, en = words.labels(brief.language), brief.language == "en"
    sep = ", " if en else "、"
    document = Document()
    _east_asian_font(document)
    document.core_properties.title = v(brief.title)
    document.add_heading(v(brief.title), level=0)
    meta = [labels["n_articles"].format(n=len(brief.articles)), period(brief)]
    meta.append(f"{labels['generated']} {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    document.add_paragraph(" · ".join(m for m in meta if m))

    document.add_heading(labels["network"], level=1)
    document.add_picture(io.BytesIO(to_png(network)), width=Inches(6.5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = labels["network_note"] + (f" {labels['hidden'].format(n=network.hidden)}." if network.hidden else "")
    document.add_paragraph(note).runs[0].italic = True

    document.add_heading(labels["timeline"], level=1)
    _table(document, [labels["date"], labels["event"], labels["where"], labels["organized_by"], labels["article"]], [
        [a.date or labels["undated"], a.title, a.report.meeting.location or "", sep.join(a.report.meeting.organizers), a.ref]
        for a in brief.timeline
    ])

    document.add_heading(labels["across"], level=1)
    _shared(document, brief, "people", brief.people)
    _shared(document, brief, "organizations", brief.organizations)
    if brief.duplicates:
        document.add_heading(labels["duplicates"], level=2)
        for _, _, duplicate in brief.duplicates:
            document.add_paragraph(v(duplicate.reason), style="List Bullet")

    document.add_heading(labels["by_actor"], level=1)
    for group in brief.by_actor:
        document.add_heading(v(group.actor), level=2)
        for quote in group.quotes:
            _quote(document, brief, quote, True)
    if not brief.by_actor:
        document.add_paragraph(labels["no_commitments"])

    for article in brief.articles:
        document.add_page_break()
        document.add_heading(f"{article.ref} · {v(article.title)}", level=1)
        _table(document, [labels["facts"], ""], [[label, value] for label, value in facts(brief, article)])
        document.add_heading(labels["summary"], level=2)
        document.add_paragraph(v(article.report.summary))
        document.add_heading(labels["participants"], level=2)
        header = [labels["name"]] + ([labels["pinyin"]] if en else []) + [labels["title"], labels["organization"], labels["role"]]
        rows = [
            [p.name] + ([p.pinyin or name_pinyin(p.name) or ""] if en else [])
            + [p.title or "", p.organization or "", words.role(brief.language, p.role)]
            for p in article.report.participants
        ]
        if rows:
            _table(document, header, rows)
        else:
            document.add_paragraph(labels["no_participants"])
        document.add_heading(labels["commitments"], level=2)
        for strength, quotes in brief.grouped(article):
            document.add_heading(labels[strength], level=3)
            for quote in quotes:
                _quote(document, brief, quote, False)
        if not brief.quotes[article.ref]:
            document.add_paragraph(labels["no_commitments"])

    document.add_page_break()
    document.add_heading(labels["appendix"], level=1)
    if brief.failures:
        document.add_heading(labels["failed"], level=2)
        _table(document, [labels["source"], labels["reason"]], [[f.origin, f.reason] for f in brief.failures])
    if brief.left_out:
        document.add_heading(labels["left_out"].format(since=brief.since), level=2)
        for article in brief.left_out:
            document.add_paragraph(v(f"{article.date} · {article.title} ({article.origin})"), style="List Bullet")
    document.add_heading(labels["reused"], level=2)
    for article in brief.articles:
        run = article.report.run
        calls = f" ({labels['calls'].format(calls=run.calls, cached=run.cached_calls)})" if run else ""
        document.add_paragraph(v(f"{article.ref} {article.origin}: {labels[article.reused]}{calls}"), style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
