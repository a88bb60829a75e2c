"""Bylines and editorial footers: the people who wrote, edited or reviewed the article.

They are article metadata and never participants. Works on cleaned text in either
script: labels are matched on folded (Simplified) text, which has the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.normalize import fold

# Simplified labels; longer ones first so that 责任编辑 wins over 编辑.
_LABELS = (
    "特派记者", "首席记者", "本报记者", "见习记者", "实习记者", "全媒体记者", "记者",
    "通讯员", "实习生", "撰文", "撰稿", "作者", "责任编辑", "责编", "编辑", "编审",
    "一审", "二审", "三审", "终审", "初审", "审核", "审校", "审签", "校对", "供稿",
    "摄影", "摄像", "图文", "来源", "出品", "监制", "统筹", "策划", "文字", "图片",
)
_LABEL = "|".join(_LABELS)
_NAME = r"[\u3400-\u9fff·]{2,6}"
# A line that is nothing but byline items: 【撰文】张莎 陈启亮 / ◆编辑:龙慧◆二审:陈吉春
_LINE = re.compile(
    rf"^\s*(?:[◆■●|｜/【\[(（]?\s*(?:{_LABEL})\s*[】\]:：)）]?\s*[^\n◆■●|｜【]*)+\s*$"
)
# A parenthesised byline inside the body: (记者 王小川 通讯员 赵一)
_INLINE = re.compile(rf"[(（]\s*((?:{_LABEL})[^()（）\n]{{0,60}})[)）]")
_ITEM = re.compile(rf"({_LABEL})\s*[】\]:：)）]?\s*((?:(?!{_LABEL})[^\n◆■●|｜【】\[\]])*)")
_SPLIT = re.compile(r"[\s、，,/；;]+")


@dataclass(frozen=True)
class BylineEntry:
    role: str  # Simplified label, e.g. 记者, 编辑, 来源
    name: str  # as written in the article
    start: int  # span in the cleaned text
    end: int


def _entries(folded: str, text: str, offset: int) -> list[BylineEntry]:
    entries: list[BylineEntry] = []
    for item in _ITEM.finditer(folded):
        role = item.group(1)
        value_start = item.start(2)
        position = value_start
        for token in _SPLIT.split(item.group(2)):
            at = folded.find(token, position) if token else -1
            if at < 0:
                continue
            position = at + len(token)
            if role == "来源" or re.fullmatch(_NAME, token):
                entries.append(BylineEntry(role, text[at:position], offset + at, offset + position))
    return entries


def _is_prose(line: str) -> bool:
    """A long line with sentence punctuation is the article, even when it opens with a byline."""
    return len(line) > FOOTER_LINE_CHARS and bool(re.search(r"[。！？]", line))


FOOTER_LINE_CHARS = 40


def split_byline(text: str) -> tuple[int, list[BylineEntry]]:
    """Return ``(body_end, entries)``: where the trailing footer starts, and every byline item."""
    folded = fold(text)
    lines = list(re.finditer(r"[^\n]+", folded))
    body_end = len(text)
    footer: list[BylineEntry] = []
    for line in reversed(lines):
        if not _LINE.match(line.group()) or not _ITEM.search(line.group()) or _is_prose(line.group()):
            break
        found = _entries(line.group(), text[line.start() : line.end()], line.start())
        if not found:
            break
        footer = found + footer
        body_end = line.start()
    inline: list[BylineEntry] = []
    for match in _INLINE.finditer(folded[:body_end]):
        inner = match.start(1)
        inline.extend(_entries(match.group(1), text[inner : match.end(1)], inner))
    return body_end, inline + footer
