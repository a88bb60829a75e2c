"""Input clean-up that keeps a map back to the original text.

Removes what script conversion and web scraping leave behind: pinyin annotations
(``進(jìn)`` -> ``進``), HTML tags and entities, full-width and non-breaking spaces.
Real parentheses (``(商會)``, ``(記者 王小川)``) are kept: a pinyin annotation is
lower-case Latin with a tone mark, directly after a Han character.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_HAN = r"[\u3400-\u9fff\uf900-\ufaff]"

# Each alternative is a named group; the replacement is decided in _replacement().
_NOISE = re.compile(
    rf"(?<={_HAN})(?P<pinyin>[(（][a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*[)）])"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,300})?/?>|<!--.{0,2000}?-->)"
    r"|(?P<entity>&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,5});)"
    r"|(?P<space>[\u3000\u00a0\u2002-\u200a\u202f\u205f]+)"
    r"|(?P<zerowidth>[\u200b-\u200d\ufeff])"
    r"|(?P<cr>\r\n?)"
    r"|(?P<brokentag>(?<![A-Za-z0-9<])/(?:p|div|span|br|strong|b)>)",
    re.DOTALL,
)

_BLOCK_TAGS = re.compile(r"</?(?:p|br|div|li|tr|h[1-6])\b", re.IGNORECASE)


@dataclass(frozen=True)
class CleanText:
    """Cleaned text plus, for each of its characters, the index in the original."""

    text: str
    original: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


def _replacement(match: re.Match[str]) -> str:
    kind = match.lastgroup
    value = match.group()
    if kind == "tag":
        return "\n" if _BLOCK_TAGS.match(value) else ""
    if kind == "entity":
        return html.unescape(value).replace("\u00a0", " ")
    if kind == "space":
        return " "
    if kind == "cr":
        return "\n"
    return ""


def clean(original: str) -> CleanText:
    """Clean ``original``; every output character maps to an original index."""
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _NOISE.finditer(original):
        out.append(original[position : match.start()])
        offsets.extend(range(position, match.start()))
        replacement = _replacement(match)
        out.append(replacement)
        offsets.extend([match.start()] * len(replacement))
        position = match.end()
    out.append(original[position:])
    offsets.extend(range(position, len(original)))
    text = "".join(out)
    return _strip_lines(CleanText(text=text, original=original, offsets=tuple(offsets)))


def _strip_lines(cleaned: CleanText) -> CleanText:
    """Trim spaces at line ends and drop blank lines, keeping the offset map."""
    keep: list[int] = []
    text = cleaned.text
    for line in re.finditer(r"[^\n]*\n?", text):
        if not line.group():
            continue
        body = line.group().rstrip("\n")
        stripped = body.strip(" \t")
        if not stripped:
            continue
        lead = len(body) - len(body.lstrip(" \t"))
        start = line.start() + lead
        keep.extend(range(start, start + len(stripped)))
        keep.append(-1)  # newline separator
    chars: list[str] = []
    offsets: list[int] = []
    for index in keep[:-1] if keep else []:
        if index == -1:
            chars.append("\n")
            offsets.append(offsets[-1] if offsets else 0)
        else:
            chars.append(text[index])
            offsets.append(cleaned.offsets[index])
    return CleanText(text="".join(chars), original=cleaned.original, offsets=tuple(offsets))


def clean_text(original: str) -> str:
    """Just the cleaned text."""
    return clean(original).text
