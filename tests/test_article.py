"""Reading articles: encodings, input errors, byline and footer, sentence spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.article import Article, decode, from_text, read_article
from summarizer.errors import (
    InputBinary,
    InputEmpty,
    InputMissing,
    InputUndecodable,
    SummarizerError,
)
from summarizer.sentences import sentence_at, split_sentences

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SEED_IDS = [path.name[:3] for path in SEEDS]

# Invented samples; every character exists in GBK / Big5 respectively.
SIMPLIFIED = (
    "本报讯 5月6日上午，市商务局召开行业协会工作座谈会。\n"
    "市商务局局长王建国出席会议，广州市机器人产业协会会长李明华主持。\n"
    "双方表示，将进一步加强沟通联系，共同推动产业高质量发展。"
)
TRADITIONAL = (
    "本報訊 5月6日上午，市商務局召開行業協會工作座談會。\n"
    "市商務局局長王建國出席會議，廣州市機器人產業協會會長李明華主持。\n"
    "雙方表示，將進一步加強溝通聯繫，共同推動產業高質量發展。"
)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def assert_one_line(error: SummarizerError) -> None:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "data", "encoding"),
    [
        ("utf-8", SIMPLIFIED.encode("utf-8"), "utf-8"),
        ("utf-8-bom", b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), "utf-8"),
        ("gbk", SIMPLIFIED.encode("gbk"), "gb18030"),
        ("gb18030", SIMPLIFIED.encode("gb18030"), "gb18030"),
        ("utf-16", SIMPLIFIED.encode("utf-16"), "utf-16"),
    ],
)
def test_simplified_sample_decodes_to_the_same_text(label: str, data: bytes, encoding: str, tmp_path: Path) -> None:
    text, found = decode(data)
    assert text == SIMPLIFIED
    assert found == encoding
    article = read_article(write(tmp_path, f"{label}.txt", data))
    assert article.raw == SIMPLIFIED
    assert article.text == read_article(write(tmp_path, "ref.txt", SIMPLIFIED.encode())).text
    assert not article.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", TRADITIONAL.encode("utf-8")),
        ("utf-8-bom", b"\xef\xbb\xbf" + TRADITIONAL.encode("utf-8")),
        ("utf-16", TRADITIONAL.encode("utf-16")),
    ],
)
def test_traditional_sample_decodes_to_the_same_text(label: str, data: bytes, tmp_path: Path) -> None:
    text, _ = decode(data)
    assert text == TRADITIONAL
    assert read_article(write(tmp_path, f"{label}.txt", data)).raw == TRADITIONAL


BIG5_BUG = (
    "Big5 bytes are valid GB18030 and decode to CJK-looking mojibake, which passes the "
    "15% CJK-share check, so decode() returns the GB18030 reading and never tries big5hkscs"
)


def test_big5_traditional_sample_decodes_to_the_same_text(tmp_path: Path) -> None:
    data = TRADITIONAL.encode("big5")
    text, encoding = decode(data)
    assert text == TRADITIONAL
    assert encoding.startswith("big5")
    assert read_article(write(tmp_path, "big5.txt", data)).raw == TRADITIONAL


@pytest.mark.parametrize("path", [SEEDS[0], SEEDS[3]], ids=["000", "003"])
def test_big5_seed_article_decodes(path: Path, tmp_path: Path) -> None:
    expected = read_article(str(path)).text
    article = read_article(write(tmp_path, "seed-big5.txt", expected.encode("big5")))
    assert article.text == expected


def test_decode_leaves_a_utf8_bom_out() -> None:
    text, encoding = decode("\ufeff會議".encode("utf-8"))
    assert (text, encoding) == ("會議", "utf-8")


def test_seeds_read_as_utf8() -> None:
    for path in SEEDS:
        article = read_article(str(path))
        assert article.encoding == "utf-8"
        assert article.source == str(path)


# --- input errors ------------------------------------------------------------------------


def test_empty_file_is_input_empty(tmp_path: Path) -> None:
    with pytest.raises(InputEmpty) as caught:
        read_article(write(tmp_path, "empty.txt", b""))
    assert_one_line(caught.value)
    with pytest.raises(InputEmpty):
        decode(b"")


@pytest.mark.parametrize(
    "data",
    [b"   ", b" \n\t\r\n  \n", "\u3000\u3000\n\u3000".encode("utf-8"), "\u00a0 \n".encode("utf-8")],
    ids=["spaces", "ascii-whitespace", "full-width-spaces", "nbsp"],
)
def test_whitespace_only_file_is_input_empty(data: bytes, tmp_path: Path) -> None:
    with pytest.raises(InputEmpty) as caught:
        read_article(write(tmp_path, "blank.txt", data))
    assert_one_line(caught.value)


def test_markup_only_file_is_input_empty(tmp_path: Path) -> None:
    with pytest.raises(InputEmpty) as caught:
        read_article(write(tmp_path, "markup.txt", "<p>&nbsp;</p>\n<br/>".encode()))
    assert_one_line(caught.value)


def test_from_text_rejects_blank_text() -> None:
    with pytest.raises(InputEmpty):
        from_text(" \n\u3000")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),
        "會議".encode("utf-8") + b"\x00" + "召開".encode("utf-8"),
    ],
    ids=["nul-bytes", "zip-header", "text-with-nul"],
)
def test_binary_bytes_are_input_binary(data: bytes, tmp_path: Path) -> None:
    with pytest.raises(InputBinary) as caught:
        read_article(write(tmp_path, "blob.bin", data))
    assert_one_line(caught.value)


def test_undecodable_high_bytes_are_input_undecodable(tmp_path: Path) -> None:
    data = bytes(range(128, 256)) * 20  # no NUL: not binary, but no Chinese reading either
    with pytest.raises(InputUndecodable) as caught:
        read_article(write(tmp_path, "noise.txt", data))
    assert_one_line(caught.value)
    with pytest.raises(InputUndecodable):
        decode(data)


def test_missing_path_is_input_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "article.txt"
    with pytest.raises(InputMissing) as caught:
        read_article(str(missing))
    assert_one_line(caught.value)
    assert str(missing) in str(caught.value)


def test_directory_is_input_missing(tmp_path: Path) -> None:
    with pytest.raises(InputMissing) as caught:
        read_article(str(tmp_path))
    assert_one_line(caught.value)


def test_error_exit_codes_are_distinct() -> None:
    codes = [InputMissing.exit_code, InputEmpty.exit_code, InputBinary.exit_code, InputUndecodable.exit_code]
    assert len(set(codes)) == 4
    assert all(issubclass(cls, SummarizerError) for cls in (InputMissing, InputEmpty, InputBinary, InputUndecodable))


def test_original_span_indexes_the_raw_input_for_crlf_files(tmp_path: Path) -> None:
    raw = "會議召開。\r\n雙方簽(qiān)約。\r\n"
    article = read_article(write(tmp_path, "crlf.txt", raw.encode("utf-8")))
    at = article.text.index("雙方")
    start, end = article.cleaned.original_span(at, at + 2)
    assert article.raw[start:end] == "雙方"


# --- byline and footer ------------------------------------------------------------------


EXPECTED_NAMES = {
    "000": {"張莎", "陳啟亮"},
    "001": {"劉晨", "李明"},
    "002": set(),
    "003": {"莊曉麗"},
    "004": {"龍慧", "陳吉春", "周亞平"},
}
EXPECTED_ROLES = {
    "000": {"撰文", "作者", "来源"},
    "001": {"记者", "通讯员"},
    "002": set(),
    "003": {"特派记者"},
    "004": {"编辑", "二审", "三审"},
}


@pytest.fixture(params=SEEDS, ids=SEED_IDS)
def seed_article(request: pytest.FixtureRequest) -> tuple[str, Article]:
    return request.param.name[:3], read_article(str(request.param))


def test_byline_names_per_seed(seed_article: tuple[str, Article]) -> None:
    key, article = seed_article
    names = {entry.name for entry in article.byline if entry.role != "来源"}
    assert names == EXPECTED_NAMES[key]
    assert {entry.role for entry in article.byline} == EXPECTED_ROLES[key]


def test_byline_spans_index_the_cleaned_text(seed_article: tuple[str, Article]) -> None:
    _, article = seed_article
    for entry in article.byline:
        assert article.text[entry.start : entry.end] == entry.name


def test_byline_source_organization_of_seed_000() -> None:
    article = read_article(str(SEEDS[0]))
    sources = [entry.name for entry in article.byline if entry.role == "来源"]
    assert sources == ["南方報業傳媒集團南方+客戶端"]
    roles = {(entry.role, entry.name) for entry in article.byline}
    assert {("撰文", "張莎"), ("撰文", "陳啟亮"), ("作者", "陳啟亮"), ("作者", "張莎")} <= roles


def test_byline_roles_of_seed_004() -> None:
    article = read_article(str(SEEDS[4]))
    assert [(e.role, e.name) for e in article.byline] == [("编辑", "龍慧"), ("二审", "陳吉春"), ("三审", "周亞平")]


def test_body_excludes_footer_of_seed_000() -> None:
    article = read_article(str(SEEDS[0]))
    assert "【撰文】" not in article.body
    assert "【作者】" not in article.body
    assert "【來源】" not in article.body
    assert "南方報業" not in article.body
    assert article.body.rstrip().endswith("使行業協會在園區發展歷程中發揮更大作用。")
    assert article.text[article.body_end :].strip().splitlines() == [
        "【撰文】張莎 陳啟亮",
        "【作者】 陳啟亮 張莎",
        "【來源】 南方報業傳媒集團南方+客戶端",
    ]


def test_body_excludes_footer_of_seed_004() -> None:
    article = read_article(str(SEEDS[4]))
    assert "◆" not in article.body
    assert "編輯" not in article.body and "二審" not in article.body
    assert article.body.rstrip().endswith("推動兩地經濟的高質量發展。")
    assert article.text[article.body_end :].strip() == "◆編輯:龍慧◆二審:陳吉春◆三審:周亞平"


@pytest.mark.parametrize("index", [1, 2, 3], ids=["001", "002", "003"])
def test_body_is_whole_text_without_trailing_footer(index: int) -> None:
    article = read_article(str(SEEDS[index]))
    assert article.body_end == len(article.text)


def test_inline_byline_stays_in_body() -> None:
    article = read_article(str(SEEDS[1]))
    assert "(記者 劉晨 通訊員 李明)" in article.body
    for entry in article.byline:
        assert entry.end <= article.body_end


# --- sentences -------------------------------------------------------------------------


@pytest.mark.parametrize("use_limit", [False, True], ids=["whole", "body"])
def test_sentence_spans_index_the_cleaned_text(seed_article: tuple[str, Article], use_limit: bool) -> None:
    _, article = seed_article
    limit = article.body_end if use_limit else None
    sentences = split_sentences(article.text, limit)
    assert len(sentences) > 10
    assert [s.id for s in sentences] == list(range(1, len(sentences) + 1))
    for sentence in sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text
        if use_limit:
            assert sentence.end <= article.body_end
    # in order, not overlapping, and every visible character of the span is in a sentence
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
    end = len(article.text) if limit is None else limit
    for position, char in enumerate(article.text[:end]):
        if not char.isspace():
            found = sentence_at(sentences, position)
            assert found is not None and found.start <= position < found.end


def test_footer_is_not_in_body_sentences() -> None:
    article = read_article(str(SEEDS[4]))
    sentences = split_sentences(article.text, article.body_end)
    assert all("◆" not in s.text for s in sentences)
    assert sentences[-1].text.endswith("推動兩地經濟的高質量發展。")


def test_overlong_sentence_is_split_at_commas_with_exact_spans() -> None:
    clause = "協會會員企業積極參與產業鏈對接活動"
    text = "開頭。" + "，".join([clause] * 20) + "。結尾！"
    sentences = split_sentences(text)
    assert sentences[0].text == "開頭。"
    assert sentences[-1].text == "結尾！"
    middle = sentences[1:-1]
    assert len(middle) > 1
    assert "".join(s.text for s in middle) == text[3:-3]
    for index, sentence in enumerate(sentences, start=1):
        assert sentence.id == index
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_one_line_article_opening_with_a_byline_keeps_its_body() -> None:
    from summarizer.byline import split_byline

    text = "通讯员 赵一 本报记者 钱二 本报讯 6月10日，某某商会访问团抵达，受到热烈欢迎和盛情接待。双方交换了意见，并互赠纪念品。"
    body_end, entries = split_byline(text)
    assert body_end == len(text)
    assert {(e.role, e.name) for e in entries} == set()  # a header, not a footer: the body starts after it
