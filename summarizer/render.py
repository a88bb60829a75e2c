r"""Renderers for a validated ``Report``: JSON, Markdown, rich console, and pinyin names.

Everything here works on a ``Report`` that has already passed validation and never
calls a model, so rendering is deterministic and cheap to test. Article- and
model-written text is untrusted data:

- terminal and document output (console, plain text, Markdown) shows control characters
  visibly (``ESC`` as ``␛``, a C1 or bidi control as ``\x9b`` / ``\u202e``), so an
  article cannot clear the screen, colour it, plant an OSC-8 link or reorder a line;
  JSON keeps every such character as a ``\uXXXX`` escape;
- console output is built from ``rich.text.Text`` objects, never from markup strings,
  so ``[bold]`` or ``[link=…]`` in an article is printed literally;
- in Markdown every article-derived string is escaped: ``& < >`` as entities (no live
  HTML tag), Markdown punctuation (``[ ] * _ ` ~ \``) and line-start block markers
  with a backslash (no live link, image, emphasis or heading); ``|`` in table cells.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from pypinyin import Style, lazy_pinyin
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarizer.fields.words import people as person_words
from summarizer.normalize import fold
from summarizer.schema import Commitment, Participant, Report, RunStats

__all__ = ["add_pinyin", "name_pinyin", "render_console", "to_json", "to_markdown", "to_plain_text", "visible"]

# Surname readings pypinyin gets wrong because it picks the common reading of the
# character (单 -> dan, 曾 -> ceng, 区 -> qu ...). Keys are Simplified; names are
# folded to Simplified before lookup, so Traditional forms (單, 區, 尉遲) match too.
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "区": "ou", "仇": "qiu", "解": "xie", "查": "zha",
    "朴": "piao", "覃": "qin", "缪": "miao", "翟": "zhai", "阚": "kan", "隗": "wei",
    "种": "chong", "秘": "bi", "召": "shao", "繁": "po", "员": "yun", "黑": "he",
    "尉迟": "yuchi", "万俟": "moqi", "单于": "chanyu",
}
_COMPOUND_SURNAMES = set(person_words.COMPOUND_SURNAMES) | {"万俟", "单于"}
_NAME_SEPARATORS = "·•・‧."

_LABELS = {
    "en": {
        "default_title": "Meeting report", "kind": "Kind", "date": "Date", "location": "Location",
        "organizers": "Organizers", "source": "Source", "participants": "Participants", "organizations": "Organizations",
        "commitments": "Commitments", "key_figures": "Key figures", "byline": "Byline (not participants)",
        "name": "Name", "pinyin": "Pinyin", "title": "Title", "organization": "Organization",
        "role": "Role", "org_name": "Name", "type": "Type", "counterpart": "with", "timeframe": "when",
        "not_meeting": "Not a meeting report", "summary": "Summary", "list_sep": ", ",
        "backend": "backend", "model": "model", "prompt": "prompt", "tokens": "tokens",
        "token_parts": "{p} prompt + {c} completion", "seconds": "s", "calls": "calls",
        "cached": "cached",
    },
    "zh": {
        "default_title": "会议报告", "kind": "类型", "date": "日期", "location": "地点",
        "organizers": "主办", "source": "来源", "participants": "参会人员", "organizations": "参与机构",
        "commitments": "承诺与约定", "key_figures": "关键数据", "byline": "署名（非参会人员）",
        "name": "姓名", "pinyin": "拼音", "title": "职务", "organization": "单位",
        "role": "角色", "org_name": "名称", "type": "类型", "counterpart": "对方", "timeframe": "时间",
        "not_meeting": "非会议报道", "summary": "摘要", "list_sep": "、",
        "backend": "后端", "model": "模型", "prompt": "提示词版本", "tokens": "tokens",
        "token_parts": "提示 {p} + 生成 {c}", "seconds": "秒", "calls": "调用",
        "cached": "缓存",
    },
}
# Enum values shown in the Markdown briefing; the console and JSON keep the raw values.
_ENUM_LABELS = {
    "en": {
        "delegation_lead": "delegation lead", "delegation_member": "delegation member",
    },
    "zh": {
        "host": "东道主", "chair": "主持", "speaker": "发言", "attendee": "出席",
        "delegation_lead": "团长", "delegation_member": "代表团成员", "signatory": "签约",
        "receiver": "接待", "other": "其他", "government": "政府机关", "party": "党组织",
        "federation": "联合会", "chamber": "商会", "association": "协会", "company": "企业",
        "institution": "机构", "agreed": "已商定", "planned": "已计划", "intended": "有意向",
        "proposed": "提议",
    },
}
_STRENGTH_STYLES = {
    "agreed": "bold green", "planned": "bold cyan", "intended": "bold yellow", "proposed": "bold magenta",
}


# --- untrusted text ---------------------------------------------------------------

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What a JSON serializer leaves raw because JSON allows it: DEL, C1 and bidi controls.
_JSON_RAW_CONTROL = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_M = TypeVar("_M", bound=BaseModel)


def _visible_char(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Control Pictures: ESC -> ␛, CR -> ␍
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character a terminal or viewer would act on shown visibly.

    Newline and tab are kept. Nothing is dropped, so a reader can still tell that the
    article held an escape sequence (``␛[2J``) and where.
    """
    return _CONTROL.sub(lambda match: _visible_char(match.group()), text)


def _visible_value(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, BaseModel):
        return _visible_model(value)
    if isinstance(value, list):
        return [_visible_value(item) for item in value]
    return value


def _visible_model(model: _M) -> _M:
    """A copy of ``model`` with ``visible`` applied to every string, however deep.

    Done once per rendering on the whole report, so no field (present or added later)
    can reach a terminal raw. ``model_copy`` skips validation: a shown control may be
    longer than the character it replaces and must not trip a length bound.
    """
    update = {name: _visible_value(getattr(model, name)) for name in type(model).model_fields}
    return model.model_copy(update=update)


# Markdown: characters that start inline syntax (links, images, emphasis, code, strike-
# through) or an escape; ``&<>`` become entities so no HTML tag is live. ``|`` is
# escaped in table cells only (``_cell``): elsewhere it cannot make a link or a tag.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]~&<>]")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Markers that make a block when they open a line (or a list item's content): heading,
# list item, setext underline / thematic break, ordered list item.
_MD_BLOCK_START = re.compile(r"^(?:[#+=-]|\d{1,9}(?=[.)]))")


def _md_escape(text: str) -> str:
    """Article text as inert Markdown: it renders as the same characters, never as markup.

    Escapes one line's worth of text; a marker at its start is escaped too, because
    the text may open a line or a list item (``- {text}``, ``   > {row}``).
    """
    escaped = _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m.group(), "\\" + m.group()), text)
    match = _MD_BLOCK_START.match(escaped)
    if match:
        end = match.end()
        if match.group()[:1].isdigit():  # 1. item -> 1\. item
            return escaped[:end] + "\\" + escaped[end:]
        return "\\" + escaped
    return escaped


def _md_block(text: str) -> str:
    """Multi-line article text (the summary) as inert Markdown paragraphs.

    Leading spaces are dropped (four would open a code block) and each line is escaped.
    """
    return "\n".join(_md_escape(line.strip()) for line in text.strip().splitlines())


def _md_code(text: str) -> str:
    """A code span holding ``text`` (run metadata); a backtick would end it early."""
    return "`" + _inline(text).replace("`", "'") + "`"


# --- pinyin -----------------------------------------------------------------------


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\U00020000" <= char <= "\U0002ffff"


def _join_syllables(syllables: list[str]) -> str:
    """Join syllables into one capitalised word, with an apostrophe before a/o/e (Jia'an)."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in "aoe":
            word += "'"
        word += syllable
    return word.capitalize()


def _syllables(text: str) -> list[str]:
    return [s for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True) if s.strip()]


def _surname_length(folded: str) -> int:
    """Two for a compound surname (欧阳) when a given name follows it, else one."""
    return 2 if len(folded) >= 3 and folded[:2] in _COMPOUND_SURNAMES else 1


def _han_name_pinyin(name: str) -> str:
    """``Surname Givenname`` for one run of Han characters, e.g. 張明華 -> Zhang Minghua."""
    folded = fold(name)
    cut = _surname_length(folded)
    surname, given = folded[:cut], folded[cut:]
    surname_word = _SURNAME_READINGS.get(surname) or _join_syllables(_syllables(surname))
    parts = [surname_word.capitalize()]
    if given:
        parts.append(_join_syllables(_syllables(given)))
    return " ".join(parts)


def name_pinyin(name: str) -> str | None:
    """Pinyin for a personal name, or None when it holds no Han characters.

    Names written with a middle dot (transliterated minority or foreign names such as
    阿不都·艾买提) have no surname-first structure: each part becomes one word.
    """
    compact = "".join(name.split())
    if not any(_is_han(c) for c in compact):
        return None
    if any(sep in compact for sep in _NAME_SEPARATORS):
        parts = [p for p in _split_any(compact, _NAME_SEPARATORS) if p]
        return " ".join(_join_syllables(_syllables(p)) for p in parts)
    return _han_name_pinyin(compact)


def _split_any(text: str, separators: str) -> list[str]:
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return text.split(separators[0])


def add_pinyin(report: Report) -> Report:
    """A deep copy of ``report`` whose participants carry ``pinyin``.

    A pinyin already present is kept (it may have been corrected by hand); only
    missing ones are filled in.
    """
    copy = report.model_copy(deep=True)
    for participant in copy.participants:
        if participant.pinyin is None:
            participant.pinyin = name_pinyin(participant.name)
    return copy


# --- JSON -------------------------------------------------------------------------


def to_json(report: Report) -> str:
    """The full report as indented JSON; non-ASCII text (Chinese) is written as is.

    pydantic escapes C0 controls (``\\u001b``) but, as JSON allows, leaves DEL, C1 and
    bidi controls raw; they are escaped too, so the JSON is safe to ``cat``. They only
    occur inside strings (every key is ASCII), so the text stays valid, equal JSON.
    """
    text = report.model_dump_json(indent=2)
    return _JSON_RAW_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


# --- Markdown ---------------------------------------------------------------------


def _labels(report: Report) -> dict[str, str]:
    return _LABELS[report.language]


def _enum(report: Report, value: str) -> str:
    return _ENUM_LABELS[report.language].get(value, value)


def _inline(text: str) -> str:
    """One line of text: line breaks would end a list item or a table row."""
    return " ".join(text.split())


def _md(text: str) -> str:
    """Article text for one Markdown line: single line, escaped (see ``_md_escape``)."""
    return _md_escape(_inline(text))


def _cell(text: str | None) -> str:
    """A Markdown table cell: single line, escaped (``|`` included), empty shown as a dash."""
    if not text:
        return "—"
    return _md(text).replace("|", "\\|")


def _title(report: Report) -> str:
    return _inline(report.meeting.title or "") or _labels(report)["default_title"]


def _facts(report: Report, show: Callable[[str], str] = _inline) -> list[tuple[str, str]]:
    """(label, value) pairs for the meeting facts that are known; ``show`` formats a value."""
    labels, meeting = _labels(report), report.meeting
    facts = [("kind", meeting.kind), ("date", meeting.date), ("location", meeting.location)]
    pairs = [(labels[key], show(value)) for key, value in facts if value]
    if meeting.organizers:
        pairs.append((labels["organizers"], labels["list_sep"].join(show(o) for o in meeting.organizers)))
    source = _source_line(report)
    if source:
        pairs.append((labels["source"], show(source)))
    return pairs


def _source_line(report: Report) -> str | None:
    """Where the article came from, as a reader cites it: site, page title, publication
    date and address (page text: escaped like the rest by the caller's ``show``)."""
    source = report.source
    if source is None or (source.kind == "file" and not (source.title or source.site_name or source.published)):
        return None
    parts = [p for p in (source.site_name, source.title) if p]
    if source.published:
        parts.append(source.published)
    parts.append(source.url or source.path or "")
    return " · ".join(p for p in parts if p) or None


def _md_participants(report: Report) -> list[str]:
    labels, with_pinyin = _labels(report), report.language == "en"
    header = [labels["name"]] + ([labels["pinyin"]] if with_pinyin else [])
    header += [labels["title"], labels["organization"], labels["role"]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for p in report.participants:
        row = [_cell(p.name)] + ([_cell(p.pinyin or name_pinyin(p.name))] if with_pinyin else [])
        row += [_cell(p.title), _cell(p.organization), _cell(_enum(report, p.role))]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _md_commitment(report: Report, number: int, item: Commitment) -> list[str]:
    labels = _labels(report)
    strength = _enum(report, item.strength)
    if strength != item.strength:
        strength = f"{strength} ({item.strength})"
    extras = [f"{labels[key]}: {_md(value)}" for key, value in
              (("counterpart", item.counterpart), ("timeframe", item.timeframe)) if value]
    line = f"{number}. **{strength}** — {_md(item.actor)}: {_md(item.action)}"
    if extras:
        line += f" ({'; '.join(extras)})"
    rows = [_md_escape(row.strip()) for row in item.evidence.splitlines()] or [""]
    quote = [f"   > {row}" if row else "   >" for row in rows]
    return [line, *quote]


def _md_footer(report: Report, run: RunStats) -> str:
    labels = _labels(report)
    tokens = run.prompt_tokens + run.completion_tokens
    parts = labels["token_parts"].format(p=f"{run.prompt_tokens:,}", c=f"{run.completion_tokens:,}")
    return (
        f"*{labels['backend']} {_md_code(run.backend)} · {labels['model']} {_md_code(run.model)} · "
        f"{labels['prompt']} {_md_code(run.prompt_version)} · {tokens:,} {labels['tokens']} ({parts}) · "
        f"{run.calls} {labels['calls']} ({run.cached_calls} {labels['cached']}) · "
        f"{run.seconds:.1f} {labels['seconds']}*"
    )


def _md_section(heading: str, body: list[str]) -> list[str]:
    return ["", f"## {heading}", "", *body]


def to_markdown(report: Report) -> str:
    """A briefing: title, facts, summary, then one section per non-empty list.

    Every article- or model-derived string is escaped, so the briefing can be opened in
    any Markdown viewer without the article adding a tag, a link or an image to it.
    """
    report = _visible_model(report)
    labels = _labels(report)
    title = _md(report.meeting.title or "") or labels["default_title"]
    lines = [f"# {title}", ""]
    if not report.is_meeting_report:
        lines += [f"**{labels['not_meeting']}**", ""]
    facts = _facts(report, _md)
    if facts:
        lines += [" · ".join(f"**{label}:** {value}" for label, value in facts), ""]
    lines.append(_md_block(report.summary))
    if report.participants:
        lines += _md_section(labels["participants"], _md_participants(report))
    if report.organizations:
        orgs = [f"- {_md(o.name)} ({_enum(report, o.type)})" for o in report.organizations]
        lines += _md_section(labels["organizations"], orgs)
    if report.commitments:
        body = [row for n, c in enumerate(report.commitments, 1) for row in _md_commitment(report, n, c)]
        lines += _md_section(labels["commitments"], body)
    if report.key_figures:
        lines += _md_section(labels["key_figures"], [f"- {_md(f)}" for f in report.key_figures])
    if report.byline:
        byline = [f"- {_md(b.role)}: {_md(b.name)}" for b in report.byline]
        lines += _md_section(labels["byline"], byline)
    if report.run is not None:
        lines += ["", "---", "", _md_footer(report, report.run)]
    return "\n".join(lines) + "\n"


# --- console ----------------------------------------------------------------------


def _facts_panel(report: Report) -> Panel:
    body = Text()
    for label, value in _facts(report):
        body.append(f"{label}: ", style="bold")
        body.append(f"{value}\n")
    if body:
        body.append("\n")
    body.append(report.summary.strip())
    return Panel(body, title=Text(_title(report), style="bold"), title_align="left", border_style="blue")


def _notice_panel(report: Report) -> Panel:
    labels = _labels(report)
    body = Text(report.summary.strip())
    title = Text(labels["not_meeting"], style="bold yellow")
    return Panel(body, title=title, title_align="left", border_style="yellow")


def _participant_row(participant: Participant, with_pinyin: bool) -> list[Text]:
    cells = [participant.name]
    if with_pinyin:
        cells.append(participant.pinyin or name_pinyin(participant.name) or "")
    cells += [participant.title or "", participant.organization or "", participant.role]
    return [Text(cell) for cell in cells]


def _participants_table(report: Report) -> Table:
    labels, with_pinyin = _labels(report), report.language == "en"
    table = Table(title=labels["participants"], title_justify="left", expand=False)
    for key in ["name"] + (["pinyin"] if with_pinyin else []) + ["title", "organization", "role"]:
        table.add_column(labels[key], overflow="fold")
    for participant in report.participants:
        table.add_row(*_participant_row(participant, with_pinyin))
    return table


def _organizations_table(report: Report) -> Table:
    labels = _labels(report)
    table = Table(title=labels["organizations"], title_justify="left", expand=False)
    table.add_column(labels["org_name"], overflow="fold")
    table.add_column(labels["type"])
    for org in report.organizations:
        table.add_row(Text(org.name), Text(org.type))
    return table


def _commitment_text(report: Report, item: Commitment) -> Text:
    labels = _labels(report)
    text = Text()
    text.append(f"[{item.strength}]", style=_STRENGTH_STYLES[item.strength])
    text.append(f" {_inline(item.actor)}", style="bold")
    text.append(f" — {_inline(item.action)}")
    for key, value in (("counterpart", item.counterpart), ("timeframe", item.timeframe)):
        if value:
            text.append(f" ({labels[key]}: {_inline(value)})", style="dim")
    text.append(f"\n    “{_inline(item.evidence)}”", style="dim italic")
    return text


def _run_line(report: Report, run: RunStats) -> Text:
    labels = _labels(report)
    tokens = run.prompt_tokens + run.completion_tokens
    parts = labels["token_parts"].format(p=f"{run.prompt_tokens:,}", c=f"{run.completion_tokens:,}")
    seconds = f"{run.seconds:.1f} {labels['seconds']}"
    line = f"{run.backend}/{run.model} · {tokens:,} {labels['tokens']} ({parts}) · {seconds}"
    return Text(line, style="dim")


def _console_items(report: Report) -> list[Panel | Table | Text]:
    labels = _labels(report)
    items: list[Panel | Table | Text] = []
    if report.participants:
        items.append(_participants_table(report))
    if report.organizations:
        items.append(_organizations_table(report))
    if report.commitments:
        items.append(Text(f"\n{labels['commitments']}", style="bold"))
        items.extend(_commitment_text(report, c) for c in report.commitments)
    if report.key_figures:
        items.append(Text(f"\n{labels['key_figures']}", style="bold"))
        items.extend(Text(f"• {_inline(f)}") for f in report.key_figures)
    if report.byline:
        names = labels["list_sep"].join(f"{b.role} {b.name}" for b in report.byline)
        items.append(Text(f"{labels['byline']}: {names}", style="dim"))
    return items


def render_console(report: Report, console: Console) -> None:
    """Print the report to a rich console; a non-meeting report gets a notice panel.

    Control characters in the report are shown visibly (``visible``); every string goes
    in as ``Text``, so rich markup in it is printed, not applied.
    """
    report = _visible_model(report)
    if report.is_meeting_report:
        console.print(_facts_panel(report))
    else:
        console.print(_notice_panel(report))
    for item in _console_items(report):
        console.print(item)
    if report.run is not None:
        console.print(_run_line(report, report.run))




def to_plain_text(report: Report, width: int = 100) -> str:
    """The console report as plain text, without ANSI codes (``-f pretty -o FILE``)."""
    console = Console(
        file=io.StringIO(), record=True, width=width, color_system=None, force_terminal=False,
        force_jupyter=False, force_interactive=False, legacy_windows=False, emoji=False, highlight=False,
    )
    render_console(report, console)
    lines = console.export_text(styles=False).splitlines()
    return "\n".join(line.rstrip() for line in lines) + "\n"
