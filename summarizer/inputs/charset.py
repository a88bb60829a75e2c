"""Decoding a web page: the charset from the HTTP header, then the page's own ``<meta>``,
then detection.

Chinese sites often declare GB2312 and use characters only GBK has (堃, 喆, 镕): every
GB name is read as GB18030, which contains both, and Big5 as Big5-HKSCS. A header that
names a Western single-byte charset is a server default more often than the truth (it
also decodes any bytes without error), so the page's ``<meta>`` and detection decide.
"""

from __future__ import annotations

import codecs
import re

from summarizer.article import Decoded, decode_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_META_SCAN = 16 * 1024  # a <head> with long scripts before its <meta>
_ALIASES = {"x-gbk": "gbk", "gb_2312-80": "gb2312", "x-gb2312": "gb2312", "x-euc-cn": "gb2312"}  # Python lacks these
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}
_SERVER_DEFAULTS = {"iso8859-1", "ascii", "cp1252"}


def _codec(name: str | None) -> str | None:
    """Python's codec for a charset name (GB and Big5 widened), ``None`` if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    try:
        codec = codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return None
    return _SUPERSETS.get(codec, codec)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>`` or ``<meta http-equiv>``."""
    match = _META_CHARSET.search(data[:_META_SCAN])
    return match.group(1).decode("ascii") if match else None


def decode_page(data: bytes, source: str, header_charset: str | None = None) -> Decoded:
    """Decode a page's bytes; a declared charset that fails on them is passed over."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        header = _codec(header_charset)
        declared = [header] if header not in _SERVER_DEFAULTS else []
        for codec in [*declared, _codec(meta_charset(data))]:
            if codec is None:
                continue
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                continue
    return decode_bytes(data, source)
