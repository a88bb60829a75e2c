"""Character classes and clause helpers shared by the field finders."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
import jieba.posseg

HAN = re.compile(r"[\u3400-\u9fff]")
# Folded text has ASCII commas and semicolons (NFKC), so both forms are listed.
CLAUSE_ENDS = "，,。；;！!？?\n"
DELIMS = "，。、；：,;:！？!?（）()“”\"‘’「」【】《》 \n"


def is_han(char: str) -> bool:
    return bool(HAN.match(char))


def words_re(words) -> str:
    """An alternation of words, longest first, for a regular expression."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def clause_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between clause ends) that holds folded[start:end]."""
    left = max(folded.rfind(d, 0, start) for d in CLAUSE_ENDS) + 1
    right = min((i for i in (folded.find(d, end) for d in CLAUSE_ENDS) if i >= 0), default=len(folded))
    return left, right


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.posseg.POSTokenizer:
    """jieba's part-of-speech tokenizer with its shipped dictionary (offline), loaded once."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    tokenizer.tokenizer.initialize()
    return tokenizer


def segment(text: str) -> list[jieba.posseg.pair]:
    """Words of (folded, Simplified) ``text`` with their part-of-speech tags."""
    return list(_tokenizer().cut(text)) if text else []


def is_word(text: str) -> bool:
    """Whether jieba's dictionary holds ``text`` as a common word."""
    return _tokenizer().tokenizer.FREQ.get(text, 0) > 0


def word_tag(text: str) -> str | None:
    """The part-of-speech tag jieba's dictionary gives ``text`` as one word, if it is one."""
    return _tokenizer().word_tag_tab.get(text)
