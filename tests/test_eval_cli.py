"""`summarizer eval` on any directory of golden files, its baseline gate and its diff,
through the real CLI against a loopback chat-completions server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from fake_openai import FakeOpenAI
from test_cli import ROOT, cli

GOLD = ROOT / "evals" / "golden"


def facts_only(request: dict[str, Any]) -> str:
    """A model that calls everything a meeting, names no place, and summarizes in one line."""
    return json.dumps({"is_meeting": True, "location": None, "summary": "一次会议。"}, ensure_ascii=False)


def test_eval_on_another_directory_with_baseline_and_diff(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("seed-003.json", "syn-08-luzhou-zhengyinqi-duijiehui-mmdd.json"):
        shutil.copy(GOLD / name, gold / name)
    runs = tmp_path / "runs"
    with FakeOpenAI(facts_only) as server:
        args = ["--gold", str(gold), "--runs", str(runs), "--backend", "openai", "--base-url", server.base_url,
                "--model", "canned", "--prompt", "v3"]
        first = cli("eval", *args, home=tmp_path)
        calls_after_first = len(server.requests)
        run_files = sorted(runs.glob("*.json"))
        second = cli("eval", *args, "--baseline", str(run_files[0]), home=tmp_path)
        calls_after_second = len(server.requests)
    assert first.returncode == 0, first.stderr
    assert "seed-003" in first.stdout and "syn-08" in first.stdout
    assert calls_after_first == 2
    assert second.returncode == 0, second.stderr
    assert calls_after_second == calls_after_first, "an unchanged eval must be served from the cache"
    run = json.loads(run_files[0].read_text(encoding="utf-8"))["splits"]["gold"]
    assert run["summary"]["articles"] == 2 and run["summary"]["schema_valid_rate"] == 1.0
    assert run["summary"]["participants"]["f1"] > 0.5
    assert run["summary"]["commitment_actor_accuracy"] is not None

    worse = json.loads(run_files[0].read_text(encoding="utf-8"))
    for article in worse["splits"]["gold"]["articles"]:
        article["score"]["participants"]["missed"] = ["某某某"]
    worse["splits"]["gold"]["summary"]["participants"]["f1"] = 0.1
    worse_path = tmp_path / "worse.json"
    worse_path.write_text(json.dumps(worse, ensure_ascii=False), encoding="utf-8")
    diff = cli("eval", "diff", str(run_files[0]), str(worse_path), home=tmp_path)
    assert diff.returncode == 0 and "某某某" in diff.stdout

    gate = cli("eval", "--baseline", str(worse_path), *args, home=tmp_path)
    assert gate.returncode == 0, "a better run passes a worse baseline"
    reverse_baseline = tmp_path / "better.json"
    better = json.loads(run_files[0].read_text(encoding="utf-8"))
    better["splits"]["gold"]["summary"]["commitments"]["f1"] = 1.0
    reverse_baseline.write_text(json.dumps(better), encoding="utf-8")
    failed = cli("eval", *args, "--baseline", str(reverse_baseline), home=tmp_path)
    assert failed.returncode == 14 and "commitments.f1" in failed.stderr


def test_eval_rejects_a_missing_directory(tmp_path: Path) -> None:
    result = cli("eval", "--gold", str(tmp_path / "nowhere"), home=tmp_path)
    assert result.returncode == 13 and "nowhere" in result.stderr and "Traceback" not in result.stderr
