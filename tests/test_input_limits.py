"""Reading input safely: a size limit, early binary detection, endless streams, damaged UTF-8."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from summarizer.article import MAX_INPUT_BYTES, decode, read_article, read_limited
from summarizer.errors import InputBinary, InputUndecodable, SummarizerError

PARAGRAPH = (
    "本報訊 5月6日上午，市商務局召開行業協會工作座談會。"
    "市商務局局長王建國出席會議，廣州市機器人產業協會會長李明華主持。"
    "雙方表示，將進一步加強溝通聯繫，共同推動產業高質量發展。\n"
)


def assert_one_line(error: SummarizerError) -> None:
    message = str(error)
    assert message and "\n" not in message and "\r" not in message


class EndlessStream(io.RawIOBase):
    """A file object that never ends, counting how much was asked of it."""

    def __init__(self, pattern: bytes) -> None:
        self.pattern = pattern
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = len(buffer)
        chunk = (self.pattern * (size // len(self.pattern) + 1))[:size]
        buffer[:size] = chunk
        self.served += size
        return size


# --- size limit and early stop ---------------------------------------------------------


def test_the_default_limit_is_five_megabytes() -> None:
    assert MAX_INPUT_BYTES == 5 * 1024 * 1024


def test_endless_text_stream_stops_at_the_limit() -> None:
    stream = EndlessStream("會議".encode("utf-8"))
    with pytest.raises(SummarizerError) as caught:
        read_limited(stream, "<stream>", max_bytes=100 * 1024)
    assert isinstance(caught.value, InputBinary)
    assert_one_line(caught.value)
    assert "100 KB limit" in str(caught.value)
    assert stream.served <= 100 * 1024 + 1
    with pytest.raises(InputBinary, match="100,000 bytes limit"):
        read_limited(EndlessStream(b"abc"), "<stream>", max_bytes=100_000)


def test_endless_zero_stream_is_binary_after_the_first_chunk() -> None:
    stream = EndlessStream(b"\x00")
    with pytest.raises(InputBinary) as caught:
        read_limited(stream, "<zeros>")
    assert_one_line(caught.value)
    assert stream.served <= 64 * 1024


def test_large_binary_file_is_refused_after_the_first_chunk(tmp_path: Path) -> None:
    path = tmp_path / "model.gguf"
    with path.open("wb") as handle:  # sparse: 1.1 GB of NULs that cost no disk
        handle.truncate(1100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(InputBinary) as caught:
            read_article(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_one_line(caught.value)
    assert peak < 16 * 1024 * 1024


def test_text_file_over_the_limit_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    data = PARAGRAPH.encode("utf-8")
    path.write_bytes(data * (MAX_INPUT_BYTES // len(data) + 2))
    with pytest.raises(InputBinary) as caught:
        read_article(str(path))
    assert_one_line(caught.value)
    assert "5 MB" in str(caught.value)


def test_a_raised_limit_admits_a_larger_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    data = PARAGRAPH.encode("utf-8") * 200  # about 37 KB
    path.write_bytes(data)
    with pytest.raises(InputBinary):
        read_article(str(path), max_bytes=10_000)
    article = read_article(str(path), max_bytes=len(data))
    assert article.raw == PARAGRAPH * 200


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    data = PARAGRAPH.encode("utf-8")
    path.write_bytes(data)
    assert read_article(str(path), max_bytes=len(data)).raw == PARAGRAPH


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_ends_quickly_with_input_binary() -> None:
    started = time.monotonic()
    with pytest.raises(InputBinary) as caught:
        read_article("/dev/zero")
    assert time.monotonic() - started < 5
    assert_one_line(caught.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_endless_fifo_ends_with_an_error(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    stop = threading.Event()

    def feed() -> None:
        try:
            with open(fifo, "wb") as handle:
                while not stop.is_set():
                    handle.write(PARAGRAPH.encode("utf-8") * 100)
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    started = time.monotonic()
    try:
        with pytest.raises(InputBinary) as caught:
            read_article(str(fifo), max_bytes=200_000)
    finally:
        stop.set()
    assert time.monotonic() - started < 10
    assert_one_line(caught.value)
    writer.join(timeout=5)


def test_stdin_endless_stream_is_refused() -> None:
    """`yes | summarizer summarize -` must end on its own, through read_article("-")."""
    code = (
        "import sys\n"
        "from summarizer.article import read_article\n"
        "from summarizer.errors import SummarizerError\n"
        "try:\n"
        "    read_article('-', max_bytes=100_000)\n"
        "except SummarizerError as error:\n"
        "    print(type(error).__name__, error.exit_code)\n"
    )
    producer = subprocess.Popen(["yes", "會議召開"], stdout=subprocess.PIPE)
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], stdin=producer.stdout, capture_output=True, text=True, timeout=30
        )
    finally:
        producer.kill()
        producer.wait()
    assert result.stdout.strip() == "InputBinary 5"


# --- damaged UTF-8 ---------------------------------------------------------------------


def damaged(text: str, spots: list[int], bad: bytes = b"\xff") -> bytes:
    """UTF-8 of ``text`` with ``bad`` inserted before each character index in ``spots``."""
    out = bytearray()
    for index, char in enumerate(text):
        if index in spots:
            out += bad
        out += char.encode("utf-8")
    return bytes(out)


LONG = PARAGRAPH * 20  # about 5 KB of UTF-8


def test_a_few_bad_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    spots = [100, 400, 900, 1200, 1500, 1700]
    data = damaged(LONG, spots)
    assert 5000 < len(data) < 6000
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    article = read_article(str(path))
    assert article.encoding == "utf-8"
    assert article.replaced_bytes == 6
    assert article.raw.count("\ufffd") == 6
    assert article.raw.replace("\ufffd", "") == LONG
    assert article.decode_warning is not None
    assert "6" in article.decode_warning and "\n" not in article.decode_warning


def test_an_undamaged_article_has_no_warning(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_bytes(LONG.encode("utf-8"))
    article = read_article(str(path))
    assert article.replaced_bytes == 0
    assert article.decode_warning is None


def test_each_bad_byte_counts_once() -> None:
    # a truncated three-byte character (2 bytes) and a stray continuation byte
    data = LONG.encode("utf-8")
    cut = "會".encode("utf-8")[:2]
    data = data[:300] + cut + data[300:600] + b"\x80" + data[600:]
    text, encoding = decode(data)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 3


def test_offsets_point_at_the_right_characters_around_the_damage(tmp_path: Path) -> None:
    raw = "會議召開。\r\n雙方簽(qiān)約。\r\n" + LONG
    at = raw.index("雙方")
    data = damaged(raw, [at, at + 2])  # bad bytes right before 雙 and before 簽
    path = tmp_path / "damaged-crlf.txt"
    path.write_bytes(data)
    article = read_article(str(path))
    assert article.replaced_bytes == 2
    for word in ("雙方", "簽", "約", "會議召開"):
        found = article.text.index(word)
        start, end = article.cleaned.original_span(found, found + len(word))
        assert article.raw[start:end] == word
    # the replacement characters are in the cleaned text and map back onto themselves
    for i, char in enumerate(article.text):
        if char == "\ufffd":
            assert article.raw[article.cleaned.offsets[i]] == "\ufffd"
    # one replacement character per bad byte: the raw index of a character after the
    # damage is its index in the undamaged text plus the bad bytes before it
    after = article.raw.index("約")
    assert after == raw.index("約") + 2


def test_heavy_damage_is_still_undecodable(tmp_path: Path) -> None:
    spots = list(range(0, len(LONG), 15))  # about 115 bad bytes, over 2%
    path = tmp_path / "ruined.txt"
    path.write_bytes(damaged(LONG, spots))
    with pytest.raises(InputUndecodable) as caught:
        read_article(str(path))
    assert_one_line(caught.value)


def test_damage_over_the_share_is_undecodable(tmp_path: Path) -> None:
    short = PARAGRAPH * 4  # about 1 KB: 15 bad bytes are under the cap but 1.5% of it
    path = tmp_path / "short.txt"
    path.write_bytes(damaged(short, list(range(0, 15 * 20, 20))))
    with pytest.raises(InputUndecodable):
        read_article(str(path))
    path.write_bytes(damaged(short, [10, 50, 90]))  # 3 bytes: 0.3%
    assert read_article(str(path)).replaced_bytes == 3


def test_damage_over_the_absolute_cap_is_undecodable(tmp_path: Path) -> None:
    big = PARAGRAPH * 400  # about 75 KB: 0.3% is still more bad bytes than the cap allows
    spots = list(range(0, len(big), 100))
    path = tmp_path / "many.txt"
    path.write_bytes(damaged(big, spots))
    with pytest.raises(InputUndecodable):
        read_article(str(path))


def test_gbk_article_is_not_read_as_damaged_utf8() -> None:
    data = (PARAGRAPH.replace("報", "报") * 3).encode("gb18030", errors="replace")
    text, encoding = decode(data)
    assert encoding == "gb18030"
    assert "\ufffd" not in text


def test_mostly_ascii_gbk_is_not_read_as_damaged_utf8() -> None:
    text = ("Meeting notes, May 6. " * 200) + "座谈会"
    decoded, encoding = decode(text.encode("gbk"))
    assert "\ufffd" not in decoded
