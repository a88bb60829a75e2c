"""`summarizer eval --judge`: a stronger model rates each summary, through the real CLI,
against two loopback chat-completions servers (the summarizer's and the judge's)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fake_openai import FakeOpenAI
from test_cli import assert_one_line_error, cli

KEY = "sk-judge-secret-0123456789abcdef"

GOLDEN = [
    {
        "id": "judge-a",
        "text": "5月6日上午，甄城市商会在蔺家镇举行签约仪式。会长卜某某主持，12名企业家参加，双方签约项目3个。",
        "is_meeting_report": True,
        "summary": "",
        "meeting": {"kind": "签约仪式", "date": "--05-06", "location": "蔺家镇", "organizers": ["甄城市商会"]},
        "participants": [{"name": "卜某某", "title": "会长", "organization": "甄城市商会"}],
        "organizations": [{"name": "甄城市商会"}],
        "commitments": [],
    },
    {
        "id": "judge-b",
        "text": "6月8日，邝川县工商联召开座谈会。主席蔺某某主持会议，双方同意下月联合举办对接会。",
        "is_meeting_report": True,
        "summary": "",
        "meeting": {"kind": "座谈会", "date": "--06-08", "location": None, "organizers": ["邝川县工商联"]},
        "participants": [{"name": "蔺某某", "title": "主席", "organization": "邝川县工商联"}],
        "organizations": [{"name": "邝川县工商联"}],
        "commitments": [],
    },
]


def summarizer_model(request: dict[str, Any]) -> str:
    """The model under test: everything is a meeting, summarized in one line."""
    return json.dumps({"is_meeting": True, "location": None, "summary": "一次会议。"}, ensure_ascii=False)


class Judge:
    """The judge: obeys the mode probe, then rates the first summary 5/4 and the next 3/2."""

    def __init__(self) -> None:
        self.rated = 0

    def __call__(self, request: dict[str, Any]) -> str:
        if "Probe" in json.dumps(request.get("response_format") or request.get("tools") or {}):
            return json.dumps({"probe": 7})
        self.rated += 1
        faithfulness, coverage = (5, 4) if self.rated == 1 else (3, 2)
        return json.dumps({
            "faithfulness": faithfulness, "faithfulness_reason": "Every fact is in the article.",
            "coverage": coverage, "coverage_reason": "The outcome is missing.",
        })


def test_judge_scores_are_read_cached_and_keep_the_key_out(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold")
    runs = tmp_path / "runs"
    judge = Judge()
    with FakeOpenAI(summarizer_model) as model, FakeOpenAI(judge, api_key=KEY) as rater:
        args = ["--gold", str(gold), "--runs", str(runs), "--backend", "openai", "--base-url", model.base_url,
                "--model", "small", "--judge", "--judge-base-url", rater.base_url, "--judge-model", "strong"]
        first = cli("eval", *args, home=tmp_path, env={"SUMMARIZER_API_KEY": KEY})
        judge_requests = len(rater.requests)
        second = cli("eval", *args, home=tmp_path, env={"SUMMARIZER_API_KEY": KEY})
        after_second = len(rater.requests)
        wrong_key = cli("eval", *args[:-1], "other", home=tmp_path, env={"SUMMARIZER_API_KEY": "sk-wrong-key-000000000000"})
    assert first.returncode == 0, first.stderr
    assert judge.rated == 2 and judge_requests >= 2
    assert all(h.get("authorization") == f"Bearer {KEY}" for h in rater.headers[:judge_requests])
    assert second.returncode == 0, second.stderr
    assert after_second == judge_requests, "the second run must take the judge's answers from the cache"

    first_run, second_run = sorted(runs.glob("*.json"))
    for path in (first_run, second_run):
        text = path.read_text(encoding="utf-8")
        assert KEY not in text
        split = json.loads(text)["splits"]["gold"]
        assert split["summary"]["judge"]["rated"] == 2
        assert split["summary"]["judge"]["faithfulness_mean"] == 4.0
        assert split["summary"]["judge"]["coverage_mean"] == 3.0
        assert "strong" in split["summary"]["judge"]["model"]
        ratings = sorted(a["score"]["judge"]["faithfulness"] for a in split["articles"])
        assert ratings == [3, 5]
        assert split["summary"]["summaries"]["articles"] == 2
    assert "judge faithfulness 4.00 coverage 3.00 (2 rated)" in " ".join(first.stdout.split())
    assert KEY not in first.stdout + first.stderr + second.stdout + second.stderr
    stored = [p for p in tmp_path.rglob("*") if p.is_file()]  # run files, response cache, call log, endpoint modes
    assert any(p.name == "responses.sqlite" for p in stored)
    assert not [p for p in stored if KEY.encode() in p.read_bytes()]

    # A key the judge's endpoint refuses: one line, the auth exit code, no key shown.
    assert_one_line_error(wrong_key, 10)
    assert "sk-wrong-key" not in wrong_key.stderr


def write_gold(directory: Path) -> Path:
    directory.mkdir()
    for item in GOLDEN:
        (directory / f"{item['id']}.json").write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    return directory


def test_judge_needs_a_model(tmp_path: Path) -> None:
    with FakeOpenAI(summarizer_model) as model:
        result = cli("eval", "--gold", str(write_gold(tmp_path / "gold")), "--backend", "openai", "--base-url", model.base_url,
                     "--model", "small", "--judge", home=tmp_path)
        assert not model.requests, "the judge's settings are checked before any article is summarized"
    assert_one_line_error(result, 13, "--judge-model")
