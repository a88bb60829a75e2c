"""Reading an article: bytes from a file or stdin, encoding detection, clean-up, byline."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from summarizer.byline import BylineEntry, split_byline
from summarizer.clean import CleanText, clean
from summarizer.normalize import to_simplified
from summarizer.errors import InputBinary, InputEmpty, InputMissing, InputUndecodable

_MIN_CJK_SHARE = 0.15
_MIN_PLAUSIBLE = 0.6


@dataclass(frozen=True)
class Article:
    """An input article: its decoded text, the cleaned body and its byline."""

    source: str
    raw: str
    encoding: str
    cleaned: CleanText
    body_end: int  # cleaned.text[:body_end] is the body; the rest is byline/footer
    byline: list[BylineEntry] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.cleaned.text

    @property
    def body(self) -> str:
        return self.cleaned.text[: self.body_end]


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return cjk / len(text)


def _is_common(char: str) -> bool:
    """A character among GB2312's 3,755 most frequent ones, in either script."""
    try:
        encoded = to_simplified(char).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and 0xB0 <= encoded[0] <= 0xD7


def _plausibility(text: str) -> float:
    """Share of the Han characters that are common ones: low for a wrong decoding."""
    han = [c for c in text if "\u3400" <= c <= "\u9fff"]
    if not han:
        return 0.0
    return sum(_is_common(c) for c in han) / len(han)


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)`` or raises a one-line error."""
    if not data.strip():
        raise InputEmpty(f"{source}: the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputBinary(f"{source}: this is a binary file, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 decodes almost any byte string, Big5 bytes included: pick the reading
    # whose characters are the common ones of written Chinese.
    readings = []
    for encoding in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readings.append((_plausibility(text), encoding, text))
    if readings:
        score, encoding, text = max(readings)
        if score >= _MIN_PLAUSIBLE:
            return text, encoding
    best = from_bytes(data).best()
    if best is None or _cjk_share(str(best)) < _MIN_CJK_SHARE:
        raise InputUndecodable(
            f"{source}: cannot decode the text as UTF-8, GB18030/GBK or Big5 Chinese"
        )
    return str(best), best.encoding


def from_text(raw: str, source: str = "<text>", encoding: str = "utf-8") -> Article:
    """Build an article from already decoded text."""
    if not raw.strip():
        raise InputEmpty(f"{source}: the article is empty")
    cleaned = clean(raw)
    if not cleaned.text.strip():
        raise InputEmpty(f"{source}: nothing is left after removing markup")
    body_end, byline = split_byline(cleaned.text)
    return Article(source, raw, encoding, cleaned, body_end, byline)


def read_article(path: str) -> Article:
    """Read ``path`` (``-`` for stdin) into an :class:`Article`."""
    if path == "-":
        data = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        file = Path(path)
        if not file.exists():
            raise InputMissing(f"{path}: no such file")
        if file.is_dir():
            raise InputMissing(f"{path}: is a directory, not a file")
        data = file.read_bytes()
        source = path
    raw, encoding = decode(data, source)
    if "\ufffd" in raw[:2000] and raw.count("\ufffd") > len(raw) // 50:
        raise InputUndecodable(f"{source}: the text is full of replacement characters")
    return from_text(raw, source, encoding)
