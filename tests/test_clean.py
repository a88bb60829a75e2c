"""Input clean-up: pinyin annotations, HTML remnants, odd spaces, and the offset map back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.clean import clean, clean_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SEED_IDS = [path.name[:3] for path in SEEDS]

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# "(" + lower-case Latin with at least one tone mark + ")", either width of parenthesis
PINYIN = re.compile(rf"[(（][a-z{TONED}]*[{TONED}][a-z{TONED}]*[)）]")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def read_seed(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_seeds_present() -> None:
    assert len(SEEDS) == 5


@pytest.fixture(params=SEEDS, ids=SEED_IDS)
def seed(request: pytest.FixtureRequest) -> str:
    return read_seed(request.param)


# --- pinyin annotations ------------------------------------------------------------


def test_every_seed_has_pinyin_noise_to_remove(seed: str) -> None:
    # Guards the other tests: they would pass vacuously on an already clean text.
    assert len(PINYIN.findall(seed)) > 50


def test_seed_loses_all_pinyin_annotations(seed: str) -> None:
    text = clean(seed).text
    assert PINYIN.findall(text) == []
    # No parenthesised Latin of any kind survives in the seeds either.
    assert re.findall(r"[(（][A-Za-z\u00c0-\u024f\u1e00-\u1eff]+[)）]", text) == []


def test_seed_keeps_every_han_character(seed: str) -> None:
    # Only annotations and markup go: the Chinese text itself is untouched.
    assert HAN.findall(clean(seed).text) == HAN.findall(seed)


def test_pinyin_removed_in_both_parenthesis_widths() -> None:
    assert clean_text("促進(jìn)園區(qū)發展") == "促進園區發展"
    assert clean_text("好（hǎo）的") == "好的"
    assert clean_text("協會(huì)會長(zhǎng)") == "協會會長"


def test_pinyin_needs_a_preceding_han_character() -> None:
    # Not directly after a Han character: not an annotation, so kept.
    assert clean_text("abc(hǎo)") == "abc(hǎo)"
    assert clean_text("會議 (hǎo)") == "會議 (hǎo)"


def test_latin_without_tone_mark_or_upper_case_is_kept() -> None:
    assert clean_text("好(hao)的") == "好(hao)的"
    assert clean_text("公司(Hǎo)的") == "公司(Hǎo)的"
    assert clean_text("聯盟(ABC)成立") == "聯盟(ABC)成立"


# --- real parentheses ----------------------------------------------------------------


def test_real_parentheses_kept_tongxianghui() -> None:
    raw = read_seed(SEEDS[3])
    annotated = raw.count("(同鄉(xiāng)會(huì))")
    assert annotated == 5
    text = clean_text(raw)
    assert text.count("(同鄉會)") == annotated
    assert "(特派記者 莊曉麗)" in text


def test_real_parentheses_kept_inline_byline() -> None:
    text = clean_text(read_seed(SEEDS[1]))
    assert "(記者 劉晨 通訊員 李明)" in text
    assert "2021年7月27日訊(記者 劉晨 通訊員 李明)7月27日下午" in text


def test_real_parentheses_kept_synthetic() -> None:
    assert clean_text("異地商會(同鄉會)互動") == "異地商會(同鄉會)互動"
    assert clean_text("記者（劉晨）報道") == "記者（劉晨）報道"
    assert clean_text("會(huì)員(2021年)名單") == "會員(2021年)名單"


# --- HTML remnants, entities, spaces ------------------------------------------------------


def test_closing_paragraph_tag_stripped() -> None:
    text = clean_text("分擔一些壓力。”</p>\n“未來我們將加強合作。”</p>")
    assert "<" not in text and ">" not in text and "/p" not in text
    assert text == "分擔一些壓力。”\n“未來我們將加強合作。”"


def test_tags_and_comments_stripped_block_tags_break_lines() -> None:
    text = clean_text('<p>甲</p><br/>乙<div class="x">丙</div>丁<!-- 註釋 -->戊<span style="a">己</span>')
    assert text == "甲\n乙\n丙\n丁戊己"


def test_opening_tag_with_attributes_and_paragraph_pairs() -> None:
    text = clean_text('<p style="text-indent:2em">會議召開。</p><p>雙方簽約。</p>')
    assert text == "會議召開。\n雙方簽約。"


def test_no_paragraph_tag_remnant_left_in_seeds() -> None:
    for path in SEEDS:
        text = clean_text(read_seed(path))
        assert "/p>" not in text, path.name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("甲&nbsp;乙", "甲 乙"),
        ("甲&amp;乙", "甲&乙"),
        ("&lt;會議&gt;", "<會議>"),
        ("&quot;會議&quot;", '"會議"'),
        ("&#20250;議", "会議"),
        ("&#x4F1A;議", "会議"),
        ("&ldquo;聯&rdquo;字", "“聯”字"),
    ],
)
def test_html_entities_decoded(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_full_width_and_other_spaces_become_ascii_spaces() -> None:
    assert clean_text("香港科創\u3000+\u3000中山制造") == "香港科創 + 中山制造"
    assert clean_text("甲\u00a0乙") == "甲 乙"
    assert clean_text("甲\u2003\u2003乙") == "甲 乙"  # a run is one space
    assert "\u3000" not in clean_text("\u3000\u3000會議召開。\n\u3000\u3000雙方簽約。")


def test_indentation_and_blank_lines_dropped() -> None:
    assert clean_text("\u3000\u3000會議召開。\n\n  \n\u3000\u3000雙方簽約。  ") == "會議召開。\n雙方簽約。"


def test_zero_width_characters_removed() -> None:
    assert clean_text("\ufeff會\u200b議") == "會議"


def test_line_endings_normalised() -> None:
    assert clean_text("甲\r\n乙\r丙") == "甲\n乙\n丙"


# --- the offset map -------------------------------------------------------------------


def test_offset_map_points_at_the_same_character(seed: str) -> None:
    cleaned = clean(seed)
    assert len(cleaned.offsets) == len(cleaned.text)
    assert cleaned.original == seed  # seeds have no CR
    mismatches = [
        (i, char, cleaned.original[cleaned.offsets[i]])
        for i, char in enumerate(cleaned.text)
        if char != "\n" and cleaned.original[cleaned.offsets[i]] != char
    ]
    assert mismatches == []


def test_offset_map_is_monotonic_and_in_range(seed: str) -> None:
    cleaned = clean(seed)
    offsets = cleaned.offsets
    assert all(0 <= at < len(cleaned.original) for at in offsets)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    # strictly increasing over the characters that are copied through
    copied = [at for at, char in zip(offsets, cleaned.text) if char != "\n"]
    assert all(a < b for a, b in zip(copied, copied[1:]))


def test_original_span_covers_removed_annotations(seed: str) -> None:
    cleaned = clean(seed)
    where = {at: i for i, at in enumerate(cleaned.offsets) if cleaned.text[i] != "\n"}
    checked = 0
    for annotation in PINYIN.finditer(seed):
        before = annotation.start() - 1  # the annotated Han character
        if before not in where:
            continue
        i = where[before]
        if i + 1 >= len(cleaned.text) or cleaned.text[i + 1] == "\n":
            continue
        start, end = cleaned.original_span(i, i + 2)
        assert start <= annotation.start() and annotation.end() <= end
        assert start == before
        # the span is exactly "X(pinyin)Y" up to the next kept character
        assert seed[start] == cleaned.text[i] and seed[end - 1] == cleaned.text[i + 1]
        assert PINYIN.sub("", seed[start:end]) == cleaned.text[i : i + 2]
        checked += 1
    assert checked > 50


def test_original_span_of_a_word_with_annotations() -> None:
    raw = "為促進(jìn)園區(qū)各行業(yè)協(xié)會(huì)之間交流"
    cleaned = clean(raw)
    assert cleaned.text == "為促進園區各行業協會之間交流"
    at = cleaned.text.index("園區各行業協會")
    start, end = cleaned.original_span(at, at + len("園區各行業協會"))
    assert raw[start:end] == "園區(qū)各行業(yè)協(xié)會"
    # a span inside one character plus its annotation ends before the annotation
    start, end = cleaned.original_span(at, at + 1)
    assert raw[start:end] == "園"


def test_original_span_of_empty_span() -> None:
    cleaned = clean("會(huì)議")
    assert cleaned.original_span(1, 1) == (cleaned.offsets[1],) * 2
    assert cleaned.original_span(len(cleaned.text), len(cleaned.text)) == (len("會(huì)議"),) * 2


def test_offset_map_with_markup_entities_and_spaces() -> None:
    raw = "<p>\u3000\u3000會議於3月9日召開&nbsp;陳潮暉(chén)表示&amp;協會(同鄉會)\u00a0成立</p>"
    cleaned = clean(raw)
    assert cleaned.text == "會議於3月9日召開 陳潮暉表示&協會(同鄉會) 成立"
    for i, char in enumerate(cleaned.text):
        source = raw[cleaned.offsets[i]]
        if char == " ":
            # a replaced run maps to its first character
            assert source in "&\u00a0"
        else:
            assert source == char, (i, char, source)
    at = cleaned.text.index("召開 陳")
    start, end = cleaned.original_span(at, at + 4)
    assert raw[start:end] == "召開&nbsp;陳"
    at = cleaned.text.index("暉表")
    assert raw.__getitem__(slice(*cleaned.original_span(at, at + 2))) == "暉(chén)表"


def test_a_run_without_punctuation_is_cut_into_bounded_sentences() -> None:
    from summarizer.sentences import split_sentences

    text = "商会" * 20000
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) <= 160
    assert "".join(s.text for s in sentences) == text
