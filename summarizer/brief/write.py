"""The brief in the format its file name asks for: .html, .md or .docx."""

from __future__ import annotations

from pathlib import Path

from summarizer.brief.model import Brief
from summarizer.brief.network import build_network
from summarizer.errors import ConfigError

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".docx": "docx"}


def format_of(path: Path) -> str:
    """The format ``-o`` asks for by its extension; ConfigError (exit 13) for any other."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise ConfigError(f"{path}: the brief is written as .html, .md or .docx; the file name says which")
    return found


def render(brief: Brief, format: str) -> bytes:
    """The brief's bytes in ``format`` (html, markdown or docx)."""
    network = build_network(brief)
    if format == "docx":
        from summarizer.brief.word import to_docx

        return to_docx(brief, network)
    if format == "markdown":
        from summarizer.brief.markdown import to_markdown

        return to_markdown(brief, network).encode("utf-8")
    from summarizer.brief.html import to_html

    return to_html(brief, network).encode("utf-8")
