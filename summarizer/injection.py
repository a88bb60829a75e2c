"""Sentences inside an article that address a model: data, never instructions.

They are found so that nothing they ask for reaches a report: the people they name
are no participants, and their quoted phrases and names must not appear in a summary.
"""

from __future__ import annotations

import re

from summarizer.fields.words import people as person_words

INSTRUCTION = re.compile(
    r"(?:如果你是|假如你是|你作为|作为)(?:AI|人工智能|模型|大模型|助手|程序|摘要程序|机器人)"
    r"|忽略(?:以上|之前|前面|上述)|ignore (?:all |the )?(?:previous|above)",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[。！？!?\n）)])")


def instruction_spans(folded: str) -> list[tuple[int, int]]:
    """Spans of the sentences that address a model."""
    spans, start = [], 0
    for piece in _SENTENCE_END.split(folded):
        if INSTRUCTION.search(piece):
            spans.append((start, start + len(piece)))
        start += len(piece)
    return spans


def injected_phrases(folded: str, spans: list[tuple[int, int]] | None = None) -> list[str]:
    """What the sentences addressing a model (at ``spans``, found when not given) ask for:
    their quoted phrases (请输出“…”) and the names that occur nowhere else in the article."""
    spans = instruction_spans(folded) if spans is None else spans
    rest = "".join(folded[a:b] for a, b in _gaps(spans, len(folded)))
    phrases = []
    for start, end in spans:
        sentence = folded[start:end]
        phrases += re.findall(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]", sentence)
        for match in re.finditer(r"[\u3400-\u9fff]{2,3}(?:、[\u3400-\u9fff]{2,3})+", sentence):
            items = match.group().split("、")
            items[0] = items[0][-3:] if items[0][-3:-2] in person_words.SURNAMES else items[0][-2:]
            phrases += [item for item in items if item[:1] in person_words.SURNAMES and item not in rest]
    return phrases


def _gaps(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    edges = [0] + [edge for span in spans for edge in span] + [length]
    return list(zip(edges[::2], edges[1::2]))
