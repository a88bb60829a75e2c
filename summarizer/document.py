"""An article ready for the field finders: cleaned text, its folded form, sentences."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from summarizer.article import Article
from summarizer.ground import Grounder
from summarizer.injection import instruction_spans
from summarizer.sentences import Sentence, split_sentences


@dataclass
class Document:
    article: Article
    grounder: Grounder
    sentences: list[Sentence]

    @classmethod
    def of(cls, article: Article) -> Document:
        return cls(article, Grounder(article), split_sentences(article.text, article.body_end))

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def folded(self) -> str:
        """Simplified, width-folded text of the same length as ``text``."""
        return self.grounder.folded

    @cached_property
    def body(self) -> str:
        """Folded text without the footer (bylines, sources)."""
        return self.grounder.folded[: self.article.body_end]

    @cached_property
    def instructions(self) -> list[tuple[int, int]]:
        """Spans of the body's sentences that address a model (data, never instructions)."""
        return instruction_spans(self.body)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.folded[sentence.start : sentence.end]
