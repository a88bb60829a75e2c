"""Text taken out of a document file, shared by the Word and PDF readers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.errors import NoArticleText

MIN_TEXT_CHARS = 20  # fewer non-space characters than this is no article


@dataclass(frozen=True)
class DocumentText:
    text: str  # one paragraph per line
    title: str | None  # the title stored in the file's properties, if any


def checked(text: str, source: str, why: str) -> str:
    """``text`` without blank lines; :class:`NoArticleText` (saying ``why``) if too little is left."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)
    if len(re.sub(r"\s", "", text)) < MIN_TEXT_CHARS:
        raise NoArticleText(f"{source}: no article text found ({why})")
    return text


def property_title(value: str | None) -> str | None:
    title = " ".join((value or "").split())
    return title or None
