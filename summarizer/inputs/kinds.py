"""What kind of input a source is: by its extension, its media type, or its first bytes."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

from summarizer.article import PDF_SIGNATURE, ZIP_SIGNATURE

Kind = Literal["text", "html", "pdf", "docx"]

_EXTENSIONS: dict[str, Kind] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html", ".pdf": "pdf", ".docx": "docx",
}
_MEDIA_TYPES: dict[str, Kind] = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "application/pdf": "pdf", "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
# Media types that say nothing about the content: the bytes decide.
GENERIC_MEDIA_TYPES = frozenset({
    "", "application/octet-stream", "binary/octet-stream", "application/download", "application/x-download",
    "application/force-download", "application/unknown",
})
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)


def path_kind(path: str) -> Kind | None:
    """The kind a file's extension promises; ``None`` for .txt and anything else."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


def media_kind(media_type: str) -> Kind | None:
    """The kind a ``Content-Type`` (without parameters) names; ``None`` if none we read."""
    return _MEDIA_TYPES.get(media_type)


def sniff(data: bytes) -> Kind:
    """The kind the first bytes show; plain text unless they are a PDF, a ZIP or a page."""
    if data.startswith(PDF_SIGNATURE):
        return "pdf"
    if data.startswith(ZIP_SIGNATURE):
        return "docx"
    if _HTML_START.match(data[:8192]):
        return "html"
    return "text"
