"""Checks of an English summary against the Chinese one it translates."""

from __future__ import annotations

import re
import unicodedata

from summarizer.normalize import fold


def _letters(text: str) -> str:
    """Lower-case ASCII letters only: Zhen Ming, ZHEN Ming and Zhen-ming compare equal."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


def english_problems(english: str, chinese: str, pinyin_names: list[str]) -> list[str]:
    """What the translation lost: each person's pinyin spelling (given, from the report)
    and each number of the Chinese summary missing from the English text."""
    letters = _letters(english)
    missing = [name for name in pinyin_names if _letters(name) not in letters]
    english_numbers = set(re.findall(r"\d+(?:\.\d+)?", english.replace(",", "")))
    missing += [n for n in dict.fromkeys(re.findall(r"\d+(?:\.\d+)?", fold(chinese))) if n not in english_numbers]
    return missing
