"""The knowledge base as an Excel workbook for analysts who work in Excel.

One sheet per table (the search index and bookkeeping tables left out; the reports'
JSON left out of ``articles``), a bold frozen header row, an auto-filter over the data
and column widths fitted to the text (CJK characters count double), capped so a long
summary does not make a column a screen wide. Cells that start with ``=``, ``+``, ``-``
or ``@`` are written as text, never as formulas: the article is untrusted.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

import sqlite_utils
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

SHEETS = (
    "people", "organizations", "events", "participations", "event_organizations", "commitments",
    "commitment_actors", "possible_duplicates", "identity_reasons", "decisions", "articles",
)
LEFT_OUT = {"articles": {"report"}}
MAX_WIDTH = 60
_ILLEGAL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"}


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return "".join(c for c in value if c not in _ILLEGAL)
    return value


def workbook(db: sqlite_utils.Database) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for name in SHEETS:
        table = db[name]
        columns = [c.name for c in table.columns if c.name not in LEFT_OUT.get(name, set())]
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [_width(c) for c in columns]
        select = ", ".join(f"[{c}]" for c in columns)
        for row in db.execute(f"select {select} from [{name}] order by rowid"):
            values = [_clean(v) for v in row]
            sheet.append(values)
            for index, value in enumerate(values):
                cell = sheet.cell(row=sheet.max_row, column=index + 1)
                if isinstance(value, str):
                    cell.data_type = TYPE_STRING  # never a formula
                    cell.alignment = Alignment(vertical="top", wrap_text=_width(value) > MAX_WIDTH)
                widths[index] = max(widths[index], _width(value))
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6) + 2, MAX_WIDTH)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"
    return book


def xlsx_bytes(db: sqlite_utils.Database) -> bytes:
    """The workbook as the bytes of an .xlsx file (the caller writes it atomically)."""
    buffer = BytesIO()
    workbook(db).save(buffer)
    return buffer.getvalue()
