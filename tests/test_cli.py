"""The command line as a user runs it: one-line errors and distinct exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from fake_openai import FakeOpenAI, closed_port
from test_openai_backend import ARTICLE, SECRET, SUMMARY, MeetingModel

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, home: Path, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    # os.devnull: "no config file" (a missing $SUMMARIZER_CONFIG file is a ConfigError).
    environment.update({"SUMMARIZER_HOME": str(home), "SUMMARIZER_CONFIG": os.devnull}, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args], input=stdin.decode("utf-8", "replace") if stdin else None,
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def remote(server: FakeOpenAI, key: str = SECRET) -> tuple[list[str], dict[str, str]]:
    return ["--backend", "openai", "--base-url", server.base_url, "--model", "canned", "--no-cache"], {"SUMMARIZER_API_KEY": key}


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(cli("summarize", str(tmp_path / "nope.txt"), home=tmp_path), 3, "no such file")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    assert_one_line_error(cli("summarize", str(tmp_path / "empty.txt"), home=tmp_path), 4, "empty")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "b.bin").write_bytes(bytes(range(256)) * 8)
    assert_one_line_error(cli("summarize", str(tmp_path / "b.bin"), home=tmp_path), 5, "binary")


def test_undecodable_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(bytes(range(128, 256)) * 20)
    assert_one_line_error(cli("summarize", str(tmp_path / "x.txt"), home=tmp_path), 6, "decode")


def test_model_missing(tmp_path: Path, article: Path) -> None:
    assert_one_line_error(cli("summarize", str(article), home=tmp_path), 8, "summarizer model pull")


def test_model_path_not_gguf(tmp_path: Path, article: Path) -> None:
    (tmp_path / "fake.gguf").write_bytes(b"not a model")
    assert_one_line_error(cli("summarize", str(article), "--model", str(tmp_path / "fake.gguf"), home=tmp_path), 8, "GGUF")


def test_unknown_prompt_version(tmp_path: Path, article: Path) -> None:
    assert_one_line_error(cli("summarize", str(article), "--prompt", "v999", home=tmp_path), 13, "v999")


def test_endpoint_unreachable(tmp_path: Path, article: Path) -> None:
    args = ["--backend", "openai", "--base-url", f"http://127.0.0.1:{closed_port()}/v1", "--model", "m", "--no-cache"]
    assert_one_line_error(cli("summarize", str(article), *args, home=tmp_path), 9, "cannot reach")


def test_authentication_failure_does_not_print_the_key(tmp_path: Path, article: Path) -> None:
    with FakeOpenAI(MeetingModel(), api_key="sk-the-right-one", echo_key=True) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, home=tmp_path, env=env)
    assert_one_line_error(result, 10, "authentication")
    assert SECRET not in result.stderr + result.stdout


def test_timeout(tmp_path: Path, article: Path) -> None:
    with FakeOpenAI(MeetingModel(), delay=30) as server:
        config = tmp_path / "config.toml"
        config.write_text("[openai]\ntimeout = 0.5\n", encoding="utf-8")
        args, env = remote(server)
        result = cli("summarize", str(article), *args, home=tmp_path, env={**env, "SUMMARIZER_CONFIG": str(config)})
    assert_one_line_error(result, 11, "in time")


def test_validation_failing_after_retries(tmp_path: Path, article: Path) -> None:
    bad = {"is_meeting": True, "location": "火星基地", "summary": "无"}
    with FakeOpenAI(MeetingModel(facts=[bad])) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, home=tmp_path, env=env)
    assert_one_line_error(result, 12, "validation", "火星基地")


EARNINGS = """华川电气发布三季度报告 营收同比增长12%
10月28日晚间，华川电气股份有限公司发布三季度报告。报告显示，前三季度公司实现营业收入18.6亿元，同比增长12.1%；归属于上市公司股东的净利润2.1亿元。
公司表示，海外订单增长较快，毛利率较上年同期提升1.2个百分点。"""


def test_not_a_meeting_report(tmp_path: Path) -> None:
    article = tmp_path / "earnings.txt"
    article.write_text(EARNINGS, encoding="utf-8")
    facts = {"is_meeting": False, "location": None, "summary": "一篇企业财报。"}
    with FakeOpenAI(MeetingModel(facts=[facts])) as server:
        args, env = remote(server)
        refused = cli("summarize", str(article), *args, home=tmp_path, env=env)
        allowed = cli("summarize", str(article), *args, "--allow-non-meeting", "--format", "json", home=tmp_path, env=env)
    assert_one_line_error(refused, 7, "not a meeting report")
    assert allowed.returncode == 0
    assert json.loads(allowed.stdout)["is_meeting_report"] is False


def test_json_and_markdown_output_from_stdin(tmp_path: Path) -> None:
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        as_json = cli("summarize", "-", *args, "--format", "json", home=tmp_path, env=env, stdin=ARTICLE.encode())
        out_file = tmp_path / "brief.md"
        as_markdown = cli("summarize", "-", *args, "--format", "markdown", "-o", str(out_file), home=tmp_path, env=env, stdin=ARTICLE.encode())
    assert as_json.returncode == 0, as_json.stderr
    report: dict[str, Any] = json.loads(as_json.stdout)
    assert {p["name"] for p in report["participants"]} == {"陈潮晖", "欧阳颜"}
    assert all(c["evidence"] in ARTICLE for c in report["commitments"])
    assert as_markdown.returncode == 0 and "陈潮晖" in out_file.read_text(encoding="utf-8")


def test_english_summary_adds_pinyin(tmp_path: Path, article: Path) -> None:
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, "--lang", "en", "--format", "json", home=tmp_path, env=env)
        translation = [r for r in server.requests if "english" in json.dumps(r.get("response_format", {}))]
    assert result.returncode == 0, result.stderr
    # told the pinyin of the people the summary names; the canned answer leaves the name
    # out, so it is asked once more, and its second answer is kept
    assert SUMMARY in translation[0]["messages"][-1]["content"] and "陈潮晖 = Chen Chaohui" in translation[0]["messages"][-1]["content"]
    assert len(translation) == 2 and "Chen Chaohui" in translation[1]["messages"][-1]["content"]
    assert json.loads(result.stdout)["summary"] == "The association held a members' symposium."
    pinyin = {p["name"]: p["pinyin"] for p in json.loads(result.stdout)["participants"]}
    assert pinyin["陈潮晖"] == "Chen Chaohui"


# --- untrusted text on the terminal ------------------------------------------------------

# No digits: a number the article lacks would make the summary checks refuse the summary,
# and this test is about how a summary that passes them is shown.
HOSTILE_SUMMARY = "座谈会\x1b[J\x1bc链接\x1b]l;x\x1b\\ [bold red]x[/] &lt;img src=x onerror=alert(document.cookie)&gt; [t](javascript:alert(document.domain)) \u202e。"


def test_escape_sequences_and_markup_from_the_article_reach_no_output_raw(tmp_path: Path, article: Path) -> None:
    facts = {"is_meeting": True, "location": "松山湖", "summary": HOSTILE_SUMMARY.replace("&lt;", "<").replace("&gt;", ">")}
    with FakeOpenAI(MeetingModel(facts=[facts])) as server:
        args, env = remote(server)
        pretty = cli("summarize", str(article), *args, home=tmp_path, env=env)
        markdown = cli("summarize", str(article), *args, "-f", "markdown", home=tmp_path, env=env)
        as_json = cli("summarize", str(article), *args, "-f", "json", home=tmp_path, env=env)
    for result in (pretty, markdown, as_json):
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "␛[J" in pretty.stdout and "[bold red]x[/]" in pretty.stdout
    assert "<img" not in markdown.stdout and "&lt;img" in markdown.stdout and "\\[t\\](javascript" in markdown.stdout
    assert json.loads(as_json.stdout)["summary"].endswith(facts["summary"])  # after the date code adds


def test_error_messages_print_paths_literally(tmp_path: Path) -> None:
    name = tmp_path / "[bold]x[/bold]\x1b[2J.txt"
    result = cli("summarize", str(name), home=tmp_path)
    assert_one_line_error(result, 3, "[bold]x[/bold]", "␛[2J", "no such file")
    assert "\x1b" not in result.stderr


# --- -o FILE -----------------------------------------------------------------------------


def test_output_in_a_missing_directory_fails_before_any_model_call(tmp_path: Path, article: Path) -> None:
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, "-o", str(tmp_path / "nowhere" / "r.json"), home=tmp_path, env=env)
        assert server.requests == []
    assert_one_line_error(result, 13, "does not exist")


def test_output_onto_a_directory_is_refused(tmp_path: Path, article: Path) -> None:
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, "-o", str(tmp_path), home=tmp_path, env=env)
        assert server.requests == []
    assert_one_line_error(result, 13, "directory")


def test_output_onto_the_input_file_is_refused(tmp_path: Path, article: Path) -> None:
    link = tmp_path / "same.txt"
    link.symlink_to(article)
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        direct = cli("summarize", str(article), *args, "-o", str(article), home=tmp_path, env=env)
        through_link = cli("summarize", str(article), *args, "-f", "json", "-o", str(link), home=tmp_path, env=env)
        assert server.requests == []
    assert_one_line_error(direct, 13, "input")
    assert_one_line_error(through_link, 13, "input")
    assert article.read_text(encoding="utf-8") == ARTICLE


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_output_in_a_read_only_directory_fails_before_any_model_call(tmp_path: Path, article: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with FakeOpenAI(MeetingModel()) as server:
            args, env = remote(server)
            result = cli("summarize", str(article), *args, "-o", str(locked / "r.json"), home=tmp_path, env=env)
            assert server.requests == []
    finally:
        locked.chmod(0o700)
    assert_one_line_error(result, 13, "not writable")


def test_unwritable_output_directory_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root a read-only mode does not stop writes; a refused probe file stands for it."""
    from summarizer.cli import check_output
    from summarizer.errors import ConfigError

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(ConfigError, match="not writable"):
        check_output(tmp_path / "r.json", "-")


def test_pretty_output_to_a_file_is_plain_text_not_json(tmp_path: Path, article: Path) -> None:
    target = tmp_path / "report.txt"
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, "-f", "pretty", "-o", str(target), home=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "陈潮晖" in text and "╭" in text and "\x1b" not in text
    assert not text.lstrip().startswith("{")
    assert result.stdout == ""


def test_output_replaces_the_previous_report_and_leaves_no_temporary_file(tmp_path: Path, article: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "r.json"
    target.write_text("old report\n", encoding="utf-8")
    target.chmod(0o640)
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, "-f", "json", "-o", str(target), home=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["is_meeting_report"] is True
    assert [p.name for p in out_dir.iterdir()] == ["r.json"]
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk midway through the write: the old file stays whole, no partial file is left."""
    import errno

    from summarizer.cli import write_atomic

    target = tmp_path / "r.md"
    target.write_text("previous report\n", encoding="utf-8")
    real_write = os.write
    calls = []

    def disk_full(fd: int, data: Any) -> int:
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, bytes(data)[:10])  # a short write, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "新报告" * 10_000)
    monkeypatch.undo()
    assert len(calls) == 2
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_a_failed_fsync_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.cli import write_atomic

    target = tmp_path / "r.json"
    target.write_text("{}\n", encoding="utf-8")

    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        write_atomic(target, "{\"new\": true}\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_a_write_error_after_the_model_run_is_one_line(tmp_path: Path, article: Path) -> None:
    """/dev/full opens fine and fails every write (ENOSPC), as a full disk would.

    A device is written in place (renaming over it would replace the device node), so
    this also checks that a non-regular target is never swapped for a regular file.
    """
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full")
    with FakeOpenAI(MeetingModel()) as server:
        args, env = remote(server)
        result = cli("summarize", str(article), *args, "-f", "json", "-o", "/dev/full", home=tmp_path, env=env)
    assert_one_line_error(result, 13, "cannot write", "/dev/full")
    assert Path("/dev/full").is_char_device()


@pytest.mark.parametrize(
    "args",
    [["summarize", "--bogus"], ["summarize"], ["summarize", "x.txt", "-f", "nope"], ["nosuchcommand"]],
    ids=["unknown-option", "missing-argument", "bad-value", "unknown-command"],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], tmp_path: Path) -> None:
    result = cli(*args, home=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in result.stderr
