"""Renderers on hand-built reports: JSON, Markdown, rich console, pinyin names."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from rich.console import Console

from summarizer.render import add_pinyin, name_pinyin, render_console, to_json, to_markdown, to_plain_text
from summarizer.schema import (
    BylineItem,
    Commitment,
    Meeting,
    Organization,
    Participant,
    Report,
    RunStats,
    Source,
    Span,
)

EVIDENCE = "雙方將共同舉辦機器人產業對接會|並設立聯絡機制"


def meeting_report(language: str = "zh") -> Report:
    return Report(
        is_meeting_report=True,
        summary="松山湖產業發展局召開行業協會工作交流會，雙方簽署戰略合作協議。",
        meeting=Meeting(
            title="行業協會工作交流會",
            kind="交流会",
            date="2024-03-09",
            location="松山湖國際創新創業社區",
            organizers=["松山湖產業發展局"],
        ),
        participants=[
            Participant(
                name="陳潮暉",
                title="局長",
                organization="松山湖產業發展局",
                role="host",
                span=Span(start=0, end=3, source_start=0, source_end=3),
            ),
            Participant(
                name="歐陽顏", title="會長|秘書長", organization="東莞市機器人產業協會", role="speaker"
            ),
            Participant(name="单雄", title=None, organization=None),
        ],
        organizations=[
            Organization(name="松山湖產業發展局", type="government"),
            Organization(name="東莞市機器人產業協會", type="association"),
        ],
        commitments=[
            Commitment(
                actor="松山湖產業發展局",
                action="共同舉辦機器人產業對接會",
                evidence=EVIDENCE,
                strength="agreed",
                counterpart="東莞市機器人產業協會",
            ),
            Commitment(
                actor="歐陽顏", action="加強交流", evidence="希望各方加強交流", strength="proposed"
            ),
        ],
        key_figures=["簽約項目 3 個"],
        byline=[BylineItem(role="记者", name="劉晨")],
        source=Source(kind="file", path="test.txt"),
        language=language,
        run=RunStats(
            backend="fake", model="tiny", prompt_version="v3", calls=2, cached_calls=1,
            prompt_tokens=1000, completion_tokens=234, seconds=12.34,
        ),
    )


def non_meeting_report() -> Report:
    summary = "This article reports quarterly trade figures."
    return Report(is_meeting_report=False, summary=summary, language="en")


def console_text(report: Report) -> str:
    console = Console(record=True, width=120)
    render_console(report, console)
    return console.export_text()


# --- JSON ---


@pytest.mark.parametrize("report", [meeting_report(), meeting_report("en"), non_meeting_report()])
def test_json_round_trips(report: Report) -> None:
    assert Report.model_validate_json(to_json(report)) == report


def test_json_keeps_chinese_readable_and_everything_included() -> None:
    text = to_json(meeting_report())
    assert "陳潮暉" in text and "\\u" not in text
    data = json.loads(text)
    assert data["participants"][0]["span"]["source_end"] == 3
    assert data["run"]["prompt_tokens"] == 1000
    assert "pinyin" in data["participants"][0]


# --- Markdown ---


def test_markdown_zh_table_rows_and_escaping() -> None:
    md = to_markdown(meeting_report())
    assert md.startswith("# 行業協會工作交流會\n")
    assert "| 姓名 | 职务 | 单位 | 角色 |" in md
    assert "| 陳潮暉 | 局長 | 松山湖產業發展局 | 东道主 |" in md
    assert "| 歐陽顏 | 會長\\|秘書長 | 東莞市機器人產業協會 | 发言 |" in md
    assert "| 单雄 | — | — | 出席 |" in md
    assert "拼音" not in md
    assert f"   > {EVIDENCE}" in md
    assert "**已商定 (agreed)** — 松山湖產業發展局: 共同舉辦機器人產業對接會" in md
    assert "## 署名（非参会人员）" in md and "- 记者: 劉晨" in md
    assert "**日期:** 2024-03-09" in md
    assert "1,234 tokens" in md and "12.3 秒" in md


def test_markdown_en_has_pinyin_column_and_english_headings() -> None:
    md = to_markdown(meeting_report("en"))
    assert "| Name | Pinyin | Title | Organization | Role |" in md
    assert "| 陳潮暉 | Chen Chaohui | 局長 | 松山湖產業發展局 | host |" in md
    assert "| 歐陽顏 | Ouyang Yan | 會長\\|秘書長 | 東莞市機器人產業協會 | speaker |" in md
    for heading in ("## Participants", "## Organizations", "## Commitments", "## Key figures",
                    "## Byline (not participants)"):
        assert heading in md
    assert "- 松山湖產業發展局 (government)" in md
    assert "backend `fake` · model `tiny` · prompt `v3`" in md


def test_markdown_every_table_row_has_the_same_number_of_cells() -> None:
    md = to_markdown(meeting_report("en"))
    rows = [line for line in md.splitlines() if line.startswith("|")]
    counts = {line.replace("\\|", "").count("|") for line in rows}
    assert len(rows) == 5 and counts == {6}


def test_markdown_default_title_and_non_meeting_notice() -> None:
    md = to_markdown(non_meeting_report())
    assert md.startswith("# Meeting report\n")
    assert "**Not a meeting report**" in md
    assert "## Participants" not in md and "---" not in md
    assert to_markdown(Report(is_meeting_report=True, summary="摘要")).startswith("# 会议报告\n")


# --- console ---


def test_console_shows_names_quote_strength_and_run() -> None:
    text = console_text(meeting_report())
    expected_parts = (
        "行業協會工作交流會", "陳潮暉", "歐陽顏", "单雄", "松山湖產業發展局", "government", "名称",
        "[agreed]", "[proposed]", EVIDENCE, "1,234 tokens", "12.3 秒", "劉晨",
    )
    for expected in expected_parts:
        assert expected in text, expected


def test_console_en_shows_pinyin() -> None:
    text = console_text(meeting_report("en"))
    assert "Chen Chaohui" in text and "Participants" in text


def test_console_does_not_interpret_markup_in_model_text() -> None:
    report = meeting_report().model_copy(update={"summary": "[bold]not markup[/bold]"})
    assert "[bold]not markup[/bold]" in console_text(report)


def test_console_non_meeting_notice() -> None:
    text = console_text(non_meeting_report())
    assert "Not a meeting report" in text
    assert "quarterly trade figures" in text


# --- pinyin ---


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("陳潮暉", "Chen Chaohui"),
        ("歐陽顏", "Ouyang Yan"),
        ("欧阳修", "Ouyang Xiu"),
        ("单雄", "Shan Xiong"),
        ("單雄信", "Shan Xiongxin"),
        ("曾国藩", "Zeng Guofan"),
        ("區志明", "Ou Zhiming"),
        ("尉遲恭", "Yuchi Gong"),
        ("查良镛", "Zha Liangyong"),
        ("吕明", "Lü Ming"),
        ("刘嘉安", "Liu Jia'an"),
        ("阿不都·艾买提", "Abudou Aimaiti"),
        ("John Lee", None),
    ],
)
def test_name_pinyin(name: str, expected: str | None) -> None:
    assert name_pinyin(name) == expected


def test_add_pinyin_fills_a_copy() -> None:
    report = meeting_report()
    report.participants.append(Participant(name="张三", pinyin="Zhang San (checked)"))
    result = add_pinyin(report)
    names = [p.pinyin for p in result.participants]
    assert names[0] == "Chen Chaohui"
    assert names[1] == "Ouyang Yan"
    assert names[2] is not None and names[2].startswith("Shan ")
    assert names[3] == "Zhang San (checked)"
    assert all(p.pinyin is None for p in report.participants[:3])
    assert result.commitments == report.commitments and result.commitments is not report.commitments


# --- untrusted text: control characters, rich markup, Markdown and HTML ---

# Escape sequences an article may smuggle in: clear screen, colour, an OSC-8 hyperlink,
# a C1 CSI, DEL, a bell, a carriage return, and bidi overrides/isolates.
HOSTILE = (
    "A\x1b[2JB\x1b[31mC\x1b]8;;https://evil.example\x1b\\D\x1b]8;;\x1b\\"
    "E\x9b31mF\x7fG\x07H\rI\u202eJ\u2066K\u2069L\u202aM"
)
RAW_CONTROLS = ["\x1b", "\x9b", "\x7f", "\x07", "\r", "\u202a", "\u202e", "\u2066", "\u2069"]


def hostile_report(text: str = HOSTILE) -> Report:
    """A report whose every article-derived string field carries ``text``.

    Built with ``model_copy`` so the bounded fields (a name is at most 12 characters)
    can hold longer payloads, as a report assembled without validation could.
    """
    report = meeting_report()
    meeting = report.meeting.model_copy(update={"title": text, "kind": text, "location": text, "organizers": [text]})
    participants = [p.model_copy(update={"name": text, "title": text, "organization": text}) for p in report.participants]
    organizations = [o.model_copy(update={"name": text}) for o in report.organizations]
    commitments = [
        c.model_copy(update={"actor": text, "action": text, "evidence": text, "counterpart": text, "timeframe": text})
        for c in report.commitments
    ]
    return report.model_copy(update={
        "summary": f"{text}\n{text}", "meeting": meeting, "participants": participants,
        "organizations": organizations, "commitments": commitments, "key_figures": [text],
        "byline": [BylineItem(role=text, name=text)],
    })


def terminal_output(report: Report) -> str:
    """What a colour terminal would receive (rich's own styling included)."""
    buffer = io.StringIO()
    render_console(report, Console(file=buffer, force_terminal=True, color_system="truecolor", width=120))
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_console_makes_control_characters_visible(language: str) -> None:
    report = hostile_report().model_copy(update={"language": language})
    raw = terminal_output(report)
    # The only escape sequences left are rich's own SGR styles: no clear screen, no OSC.
    stripped = re.sub(r"\x1b\[[0-9;]*m", "", raw)
    for char in RAW_CONTROLS:
        assert char not in stripped, repr(char)
    assert "\x1b[2J" not in raw and "\x1b]" not in raw
    text = console_text(report)
    assert "␛[2J" in text and "␛]8;;https://evil.example" in text


def test_console_prints_rich_markup_literally() -> None:
    markup = "[bold red]x[/] [link=https://evil.example]y[/link] :smile:"
    report = hostile_report("[bold red]x[/]").model_copy(update={"summary": markup})
    raw = terminal_output(report)
    assert "\x1b]8" not in raw, "no hyperlink may come out of article text"
    text = console_text(report)
    assert markup in text
    assert "[bold red]x[/]" in text.replace(markup, "")


def test_markdown_makes_control_characters_visible() -> None:
    md = to_markdown(hostile_report())
    for char in RAW_CONTROLS:
        assert char not in md, repr(char)
    assert "␛\\[2J" in md  # visible, and the bracket escaped as Markdown


def test_json_keeps_control_characters_as_json_escapes() -> None:
    report = hostile_report()
    text = to_json(report)
    for char in RAW_CONTROLS:
        assert char not in text, repr(char)
    assert "\\u001b[2J" in text and "\\u202e" in text and "\\u009b" in text and "\\u007f" in text
    assert json.loads(text) == json.loads(report.model_dump_json())
    assert json.loads(text)["summary"] == report.summary


MARKUP_ATTACKS = [
    "<img src=x onerror=alert(1)>",
    "[text](javascript:alert(1))",
    "![pic](https://evil.example/x.png)",
    "<https://evil.example>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<script>alert(1)</script>",
]


def rendered_html(markdown: str) -> str:
    """HTML from a CommonMark renderer with raw HTML on and no URL filter, like a naive viewer."""
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    renderer.validateLink = lambda url: True
    return renderer.render(markdown)


@pytest.mark.parametrize("attack", MARKUP_ATTACKS)
def test_markdown_article_text_cannot_make_html_or_links(attack: str) -> None:
    md = to_markdown(hostile_report(attack))
    html_out = rendered_html(md)
    for live in ("<img", "<a ", "<script"):
        assert live not in html_out, (live, html_out)


def test_markdown_escapes_html_entities_and_keeps_the_text_readable() -> None:
    text = "<img src=x onerror=alert(1)> & [text](javascript:alert(1)) *a* _b_ `c` ~~d~~ a\\b"
    md = to_markdown(hostile_report(text))
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; \\[text\\](javascript:alert(1))" in md
    html_out = rendered_html(md)
    # Rendered, the article's text reads exactly as written (HTML-escaped, nothing styled).
    assert html.escape(text, quote=False) in html_out
    for styled in ("<em>a</em>", "<em>b</em>", "<code>c</code>", "<s>d</s>"):
        assert styled not in html_out, styled


@pytest.mark.parametrize("start", ["# heading", "- item", "+ item", "1. item", "2) item", "> quote", "---", "=", "    code"])
def test_markdown_block_syntax_at_the_start_of_article_text_stays_text(start: str) -> None:
    report = meeting_report().model_copy(update={"summary": f"摘要\n{start}", "key_figures": [start], "run": None})
    report.byline = [BylineItem(role=start, name="劉晨")]
    html_out = rendered_html(to_markdown(report))
    html_out = html_out.replace("<h1>行業協會工作交流會</h1>", "", 1)
    for tag in ("<h1>", "<h2>摘要", "<ol start=\"2\"", "<blockquote>\n<p>quote", "<hr", "<pre>", "<li>\n<ul>"):
        assert tag not in html_out, (tag, html_out)
    assert html_out.count("<ul>") == 3  # organizations, key figures, byline: no nested list


def test_plain_text_is_the_console_report_without_ansi_codes() -> None:
    text = to_plain_text(hostile_report())
    assert "\x1b" not in text and "␛[2J" in text
    plain = to_plain_text(meeting_report("en"))
    assert "Chen Chaohui" in plain and "[agreed]" in plain and plain.endswith("s\n")
    assert all(line == line.rstrip() for line in plain.splitlines())


def test_a_pages_source_is_cited_in_markdown_and_on_the_console() -> None:
    report = meeting_report().model_copy(
        update={"source": Source(kind="url", url="https://example.org/a/2021/0617.html", title="<script>x</script>座谈会",
                                 site_name="临川市工商联", published="2021-06-17", published_from="page-metadata")}
    )
    markdown = to_markdown(report)
    assert "临川市工商联" in markdown and "2021-06-17" in markdown and "https://example.org/a/2021/0617.html" in markdown
    assert "<script>" not in markdown  # page text stays inert
    assert "2021-06-17" in console_text(report)


def test_a_plain_file_adds_no_source_line() -> None:
    assert "来源" not in to_markdown(meeting_report())
