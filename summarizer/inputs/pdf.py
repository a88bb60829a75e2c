"""Text-based PDF files through pypdf.

pypdf gives one line per printed line; a paragraph's lines are joined again (a line that
fills the width and does not end a sentence continues on the next), so that sentences
are not cut in the middle. A PDF with no text layer (a scan) is an error, not an OCR job.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader

from summarizer.errors import InputUndecodable
from summarizer.inputs.document import DocumentText, checked, property_title

# pypdf reports damaged but readable files as WARNING logs; they must not reach stderr.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_FULL_LINE = 0.8  # a line at least this share of the page's longest line fills the width
_SENTENCE_END = tuple("。！？.!?；;：:”」』）)")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def join_lines(page: str) -> str:
    """A page's printed lines as paragraphs, one per line."""
    lines = [" ".join(line.split()) for line in page.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    full = _FULL_LINE * max(len(line) for line in lines)
    paragraphs = [lines[0]]
    for previous, line in zip(lines, lines[1:]):
        if len(previous) >= full and not previous.endswith(_SENTENCE_END):
            glue = "" if _HAN.match(previous[-1]) or _HAN.match(line[0]) else " "
            paragraphs[-1] += glue + line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def read_pdf(data: bytes, source: str) -> DocumentText:
    """The text of a PDF; raises a one-line error for a damaged, locked or textless one."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputUndecodable(f"{source}: the PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = property_title(reader.metadata.title if reader.metadata else None)
    except InputUndecodable:
        raise
    except Exception as error:  # any parser failure on untrusted input is one line, not a traceback
        raise InputUndecodable(f"{source}: not a readable PDF ({type(error).__name__})") from None
    text = checked("\n".join(join_lines(page) for page in pages), source, "the PDF has no text layer; a scan needs OCR first")
    return DocumentText(text, title)
