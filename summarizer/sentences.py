"""The article body as numbered sentences: the unit the model points at."""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”」’』\"]?|\n|$)")
_MAX_CHARS = 160  # longer sentences are split at commas so ids stay precise


@dataclass(frozen=True)
class Sentence:
    id: int  # 1-based, as shown to the model
    start: int  # span in the cleaned text
    end: int
    text: str


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an overlong span at commas into pieces of at most about _MAX_CHARS."""
    if end - start <= _MAX_CHARS:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for comma in re.finditer(r"[，,]", text[start:end]):
        cut = start + comma.end()
        if cut - piece_start >= _MAX_CHARS // 2:
            pieces.append((piece_start, cut))
            piece_start = cut
    if piece_start < end:
        pieces.append((piece_start, end))
    # A run without any comma (a table, a garbled page) is cut where it stands, so that no
    # sentence alone can outgrow the model's window.
    return [(at, min(at + _MAX_CHARS, e)) for s, e in pieces for at in range(s, e, _MAX_CHARS)]


def split_sentences(text: str, limit: int | None = None) -> list[Sentence]:
    """Sentences of ``text[:limit]`` with their spans, blank pieces dropped."""
    body = text if limit is None else text[:limit]
    sentences: list[Sentence] = []
    for match in _END.finditer(body):
        for start, end in _pieces(body, match.start(), match.end()):
            raw = body[start:end]
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            begin = start + lead
            sentences.append(Sentence(len(sentences) + 1, begin, begin + len(stripped), stripped))
    return sentences


def sentence_at(sentences: list[Sentence], position: int) -> Sentence | None:
    """The sentence whose span contains ``position``."""
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return None
