"""Word .docx files through python-docx: paragraphs and table rows in document order.

A table row becomes one line, its cells separated by a space, so that a name, a title
and an organization in one row stay together; a cell merged across columns counts once.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from summarizer.errors import InputBinary, UnsupportedContent
from summarizer.inputs.document import DocumentText, checked, property_title


def _rows(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        lines.append(" ".join(c for c in cells if c))
    return lines


def read_docx(data: bytes, source: str) -> DocumentText:
    """The text of a .docx; raises a one-line error for a damaged file or another ZIP."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        raise InputBinary(f"{source}: a damaged ZIP or .docx file") from None
    if "word/document.xml" not in names:
        raise UnsupportedContent(f"{source}: a ZIP archive, not a Word .docx file")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # any parser failure on untrusted input is one line, not a traceback
        raise InputBinary(f"{source}: a damaged .docx file ({type(error).__name__})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        lines += _rows(block) if isinstance(block, Table) else [block.text]
    text = checked("\n".join(lines), source, "the Word file holds no text")
    return DocumentText(text, property_title(document.core_properties.title))
