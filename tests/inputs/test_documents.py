"""Word and PDF files: their text in order, through the same clean-up as plain text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from inputs.documents import ASCII_LINES, ascii_pdf, cjk_pdf, make_docx, textless_pdf
from summarizer.errors import InputBinary, InputUndecodable, NoArticleText, UnsupportedContent
from summarizer.inputs.load import load_article
from summarizer.inputs.pdf import join_lines
from summarizer.inputs.source import report_source


def test_a_docx_gives_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    article = load_article(str(make_docx(tmp_path / "notice.docx")))
    assert article.raw.splitlines() == [
        "青禾县商会召开会长办公会",
        "3月9日，青禾县商会召开会长办公会，会长甄某某主持会议，研究部署2021年重点工作。",
        "姓名 单位 职务",
        "甄某某 青禾县商会 会长",
        "蔺某某 堃元科技 董事长",
        "列席：秘书处",  # a cell merged over three columns, once
        "会议决定，商会将于4月组织会员企业赴临川市考察。",
    ]
    assert article.cleaned.original == article.raw
    source = report_source(article)
    assert (source.kind, source.path, source.title) == ("file", str(tmp_path / "notice.docx"), "青禾县商会会长办公会纪要")


def test_a_chinese_pdf_joins_the_lines_of_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(cjk_pdf(title="工作简报"))
    article = load_article(str(path))
    assert article.raw.splitlines() == [
        "临川市工商联召开民营企业座谈会",
        "6月16日，临川市工商联在市民营经济服务中心召开民营企业座谈会，听取民营企业对优化营商环境的意见建议。"
        "市工商联主席甄某某主持会议。",
        "蔺某某表示，将于下月召开政企对接会。",
    ]
    assert (article.title, article.encoding) == ("工作简报", "pdf")


def test_an_ascii_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(ascii_pdf())
    lines = load_article(str(path)).raw.splitlines()
    assert lines[0] == ASCII_LINES[0]
    assert lines[1] == f"{ASCII_LINES[1]} {ASCII_LINES[2]}"
    assert lines[2] == ASCII_LINES[3]


def test_documents_are_recognised_without_their_extension(tmp_path: Path) -> None:
    (tmp_path / "bulletin").write_bytes(cjk_pdf())
    make_docx(tmp_path / "notice")
    assert load_article(str(tmp_path / "bulletin")).raw.startswith("临川市工商联召开民营企业座谈会")
    assert load_article(str(tmp_path / "notice")).raw.startswith("青禾县商会召开会长办公会")


def test_a_pdf_without_text_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(textless_pdf())
    with pytest.raises(NoArticleText) as caught:
        load_article(str(path))
    assert "no text layer" in str(caught.value) and "\n" not in str(caught.value)


def test_a_damaged_pdf_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    with pytest.raises(InputUndecodable) as caught:
        load_article(str(path))
    assert "not a readable PDF" in str(caught.value) and "\n" not in str(caught.value)


def test_a_zip_that_is_no_word_file(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.csv", "a,b\n")
    with pytest.raises(UnsupportedContent):
        load_article(str(path))
    (tmp_path / "damaged.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)))
    with pytest.raises(InputBinary):
        load_article(str(tmp_path / "damaged.docx"))


def test_an_old_word_file_names_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "notice.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(UnsupportedContent) as caught:
        load_article(str(path))
    assert ".docx" in str(caught.value)


def test_binary_files_are_still_binary(tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputBinary):
        load_article(str(tmp_path / "blob.bin"))


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("一二三四五六七八九十\n一二三四五六七八九\n", "一二三四五六七八九十一二三四五六七八九"),
        ("标题\n一二三四五六七八九十\n一二三。\n", "标题\n一二三四五六七八九十一二三。"),
        ("一二三四五六七八九。\n一二三四五六七八九十\n", "一二三四五六七八九。\n一二三四五六七八九十"),
        ("a full line of text here\nand its end\n", "a full line of text here and its end"),
        ("", ""),
    ],
    ids=["continued", "short-title", "sentence-end", "ascii-space", "empty"],
)
def test_join_lines(page: str, expected: str) -> None:
    assert join_lines(page) == expected
