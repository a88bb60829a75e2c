"""Reading an article: bytes from a file or stdin, encoding detection, clean-up, byline.

Web pages, URLs, Word and PDF files are read by :mod:`summarizer.inputs`, which ends
here too (:func:`from_text`) and sets the source metadata fields of :class:`Article`.
"""

from __future__ import annotations

import datetime as dt
import stat
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from summarizer.byline import BylineEntry, split_byline
from summarizer.clean import CleanText, clean
from summarizer.normalize import to_simplified
from summarizer.errors import InputBinary, InputEmpty, InputMissing, InputUndecodable
from summarizer.schema import PublishedFrom

_MIN_CJK_SHARE = 0.15
_MIN_PLAUSIBLE = 0.6

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""Default input limit. A news article is a few KB; anything past this is a blob or a
stream that never ends (``/dev/zero``, ``yes |``). ``read_article(max_bytes=...)`` raises it."""

_CHUNK = 64 * 1024
_SNIFF = 4096  # binary detection looks at this many leading bytes
# Binary files that summarizer.inputs opens as documents (a .docx is a ZIP), or names
# (an OLE file is a Word 97-2003 .doc or the like) rather than calling them binary.
PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENT_SIGNATURES = (PDF_SIGNATURE, ZIP_SIGNATURE, OLE_SIGNATURE)

# Damaged UTF-8: bad bytes are replaced (one U+FFFD each) when they are at most this share
# of the input and at most this many; beyond that the text is called undecodable.
MAX_REPLACED_SHARE = 0.01
MAX_REPLACED_BYTES = 64
# ...and only when the rest reads as Chinese: this many Han characters per bad byte, at
# least, so that a mostly-ASCII GBK file is not taken for damaged UTF-8.
_HAN_PER_BAD_BYTE = 10


@dataclass(frozen=True)
class Article:
    """An input article: its decoded text, the cleaned body and its byline.

    The last fields say where it came from beyond ``source`` (a path, ``<stdin>`` or the
    URL given); they stay ``None`` for plain text. ``published`` is the publication date
    the page or its URL states, a reference for dates whose year the text leaves out.
    """

    source: str
    raw: str
    encoding: str
    cleaned: CleanText
    body_end: int  # cleaned.text[:body_end] is the body; the rest is byline/footer
    byline: list[BylineEntry] = field(default_factory=list)
    replaced_bytes: int = 0  # invalid bytes decoded as U+FFFD, one character per byte
    url: str | None = None  # a fetched page: the URL it was served from, after redirects
    title: str | None = None  # the page's or document's own title
    site_name: str | None = None
    published: dt.date | None = None
    published_from: PublishedFrom | None = None

    @property
    def text(self) -> str:
        return self.cleaned.text

    @property
    def decode_warning(self) -> str | None:
        """A one-line note for stderr when bytes were replaced, else ``None``."""
        if not self.replaced_bytes:
            return None
        noun = "byte" if self.replaced_bytes == 1 else "bytes"
        return (
            f"{self.source}: {self.replaced_bytes} invalid {self.encoding.upper()} {noun} "
            "replaced with U+FFFD; the text around them may be garbled"
        )

    @property
    def body(self) -> str:
        return self.cleaned.text[: self.body_end]


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    cjk = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    return cjk / len(text)


# A few thousand distinct characters, but millions of calls for a 5 MB article.
@lru_cache(maxsize=65536)
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


def _format_size(size: int) -> str:
    """``5 MB``, ``100 KB`` or ``100,000 bytes``: the limit as it was most likely set."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size:,} bytes"


def too_large(source: str, max_bytes: int) -> str:
    """The message for an input (a file, a stream, a download) past the size limit."""
    return (
        f"{source}: the input is larger than the {_format_size(max_bytes)} limit "
        "(an article is a few KB; raise the limit to read it anyway)"
    )


def _has_bom16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _looks_binary(head: bytes, documents: bool = False) -> bool:
    """NUL bytes near the start, outside UTF-16 text (and outside documents, when ``documents``)."""
    if documents and head.startswith(DOCUMENT_SIGNATURES):
        return False
    return b"\x00" in head[:_SNIFF] and not _has_bom16(head)


def read_limited(
    stream: BinaryIO, source: str, max_bytes: int = MAX_INPUT_BYTES, documents: bool = False
) -> bytes:
    """Read at most ``max_bytes`` from ``stream``, stopping as soon as the input is refused.

    Binary input is refused on its first chunk and anything longer than ``max_bytes`` as
    soon as one byte more arrives, so an endless stream (``/dev/zero``) ends quickly. Both
    raise :class:`InputBinary` (exit 5): errors.py has no "too large" class, and a file
    past the limit is, like a binary one, not an article to decode. With ``documents``, a
    PDF, ZIP (``.docx``) or OLE file is read whole for :mod:`summarizer.inputs`.
    """
    if max_bytes < 1:
        raise ValueError("max_bytes must be positive")
    chunks: list[bytes] = []
    total = 0
    sniffed = False
    while total <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if not sniffed and total >= _SNIFF:
            sniffed = True
            if _looks_binary(b"".join(chunks)[:_SNIFF], documents):
                raise InputBinary(f"{source}: this is a binary file, not text")
    data = b"".join(chunks)
    if _looks_binary(data, documents):
        raise InputBinary(f"{source}: this is a binary file, not text")
    if total > max_bytes:
        raise InputBinary(too_large(source, max_bytes))
    return data


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding read, and how many invalid bytes became U+FFFD."""

    text: str
    encoding: str
    replaced_bytes: int = 0


def _lenient_utf8(data: bytes, source: str) -> Decoded | None:
    """UTF-8 with a few invalid bytes, each replaced by one U+FFFD; ``None`` if not UTF-8.

    One character per bad byte (surrogateescape, then U+FFFD) rather than Python's
    "replace", which folds a truncated sequence into one character: the count is then
    the number of bytes lost, and the raw text has one character where each byte was.
    Raises :class:`InputUndecodable` when the text clearly is UTF-8 Chinese but too
    damaged to trust.
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    if escaped.startswith("\ufeff"):
        escaped = escaped[1:]
    bad = sum(1 for c in escaped if "\udc80" <= c <= "\udcff")
    han = sum(1 for c in escaped if "\u3400" <= c <= "\u9fff")
    if not bad or han < bad * _HAN_PER_BAD_BYTE or _plausibility(escaped) < _MIN_PLAUSIBLE:
        return None
    if bad > MAX_REPLACED_BYTES or bad > len(data) * MAX_REPLACED_SHARE:
        raise InputUndecodable(
            f"{source}: {bad} invalid UTF-8 bytes, too many to replace "
            f"(at most {MAX_REPLACED_BYTES} and {MAX_REPLACED_SHARE:.0%} of the input)"
        )
    text = "".join("\ufffd" if "\udc80" <= c <= "\udcff" else c for c in escaped)
    return Decoded(text, "utf-8", bad)


def decode_bytes(data: bytes, source: str = "<bytes>") -> Decoded:
    """Decode ``data``, replacing a few invalid UTF-8 bytes; raises a one-line error."""
    if not data.strip():
        raise InputEmpty(f"{source}: the file is empty")
    if _looks_binary(data):
        raise InputBinary(f"{source}: this is a binary file, not text")
    if _has_bom16(data):
        return Decoded(data.decode("utf-16"), "utf-16")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _lenient_utf8(data, source)
    if damaged is not None:
        return damaged
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
            return Decoded(text, encoding)
    best = from_bytes(data).best()
    if best is None or _cjk_share(str(best)) < _MIN_CJK_SHARE:
        raise InputUndecodable(
            f"{source}: cannot decode the text as UTF-8, GB18030/GBK or Big5 Chinese"
        )
    return Decoded(str(best), best.encoding)


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)`` or raises a one-line error."""
    decoded = decode_bytes(data, source)
    return decoded.text, decoded.encoding


def from_text(
    raw: str, source: str = "<text>", encoding: str = "utf-8", replaced_bytes: int = 0
) -> Article:
    """Build an article from already decoded text."""
    if not raw.strip():
        raise InputEmpty(f"{source}: the article is empty")
    cleaned = clean(raw)
    if not cleaned.text.strip():
        raise InputEmpty(f"{source}: nothing is left after removing markup")
    body_end, byline = split_byline(cleaned.text)
    return Article(source, raw, encoding, cleaned, body_end, byline, replaced_bytes)


def _read_path(path: str, max_bytes: int, documents: bool) -> bytes:
    file = Path(path)
    if not file.exists():
        raise InputMissing(f"{path}: no such file")
    if file.is_dir():
        raise InputMissing(f"{path}: is a directory, not a file")
    with file.open("rb", buffering=0) as handle:
        info = file.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            # Peek at the head first so that a large binary file is still called binary.
            if _looks_binary(handle.read(_SNIFF), documents):
                raise InputBinary(f"{path}: this is a binary file, not text")
            raise InputBinary(too_large(path, max_bytes))
        return read_limited(handle, path, max_bytes, documents)


def read_input(path: str, max_bytes: int = MAX_INPUT_BYTES, documents: bool = False) -> tuple[bytes, str]:
    """The bytes of ``path`` (``-`` for stdin) and the name errors give it.

    Raises :class:`InputMissing`, or :class:`InputBinary` for binary input (unless it is a
    document and ``documents`` is set) and for input longer than ``max_bytes``.
    """
    if path == "-":
        return read_limited(sys.stdin.buffer, "<stdin>", max_bytes, documents), "<stdin>"
    return _read_path(path, max_bytes, documents), path


def text_article(data: bytes, source: str) -> Article:
    """An article from the bytes of a plain-text file, in any supported encoding."""
    decoded = decode_bytes(data, source)
    raw = decoded.text
    # U+FFFD already in the input (not ours): a file saved after a failed conversion.
    literal = raw.count("\ufffd") - decoded.replaced_bytes
    if "\ufffd" in raw[:2000] and literal > len(raw) // 50:
        raise InputUndecodable(f"{source}: the text is full of replacement characters")
    return from_text(raw, source, decoded.encoding, decoded.replaced_bytes)


def read_article(path: str, max_bytes: int = MAX_INPUT_BYTES) -> Article:
    """Read the plain-text file ``path`` (``-`` for stdin) into an :class:`Article`.

    At most ``max_bytes`` are read (:data:`MAX_INPUT_BYTES` by default); a longer input
    is refused with :class:`InputBinary`. A few invalid UTF-8 bytes are replaced and
    counted in :attr:`Article.replaced_bytes` (see :attr:`Article.decode_warning`).
    Pages, URLs, .docx and .pdf: :func:`summarizer.inputs.load_article`.
    """
    return text_article(*read_input(path, max_bytes))
