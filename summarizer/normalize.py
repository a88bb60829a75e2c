"""Script- and width-insensitive text folding, one output character per input character.

Folding keeps lengths equal so that a match found in folded text is a span of the
original text too: grounding and scoring both rely on that.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """Simplified script, half width, lower case; always exactly one character."""
    simplified = _T2S.convert(char)
    if len(simplified) != 1:
        simplified = char
    folded = unicodedata.normalize("NFKC", simplified).lower()
    return folded if len(folded) == 1 else simplified


def fold(text: str) -> str:
    """Fold every character of ``text``; ``len(fold(t)) == len(t)``."""
    return "".join(fold_char(c) for c in text)


def to_simplified(text: str) -> str:
    """Simplified-script version of ``text`` (phrase-aware, length may differ)."""
    return _T2S.convert(text)


def name_key(text: str) -> str:
    """Comparison key for names: folded, without any white space."""
    return _SPACES.sub("", fold(text))
