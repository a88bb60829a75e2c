"""The same batch on Ray: a local Ray instance started by the test, actors that build their
backend once; the results file, resume and failure records are those of a local run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[test]' installs it from PyPI)")

from batch import canned  # noqa: E402
from batch.helpers import by_source  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402
from summarizer.batch.ray_runner import RayRunner  # noqa: E402
from summarizer.batch.runner import Settings, run_batch  # noqa: E402
from summarizer.config import BackendOptions  # noqa: E402
from summarizer.prompt import load_prompts  # noqa: E402


@pytest.fixture(scope="module")
def ray_instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One local Ray instance for the module (a runner joins it instead of starting its own);
    its workers keep their cache and call log in a temporary directory."""
    home = tmp_path_factory.mktemp("ray-home")
    ray.init(
        include_dashboard=False, log_to_driver=False, num_cpus=2,
        runtime_env={"env_vars": {"SUMMARIZER_HOME": str(home), "SUMMARIZER_CONFIG": os.devnull}},
    )
    try:
        yield home
    finally:
        ray.shutdown()


def _failing_on_2(request: dict[str, Any]) -> str:
    return '{"is_meeting": "maybe"}' if canned.number_of(request) == 2 else canned.answer(request)


def test_a_batch_on_a_local_ray_instance_resumes_like_a_local_run(tmp_path: Path, ray_instance: Path) -> None:
    canned.write_articles(tmp_path / "in", 6)
    output = tmp_path / "results.jsonl"
    settings = Settings(prompts=load_prompts("v3"))
    runners: list[RayRunner] = []

    def runner() -> RayRunner:
        options = BackendOptions("openai", "canned", server.base_url, None, 30.0, use_cache=False)
        runners.append(RayRunner(address="local", workers=2, options=options))
        return runners[-1]

    with FakeOpenAI(_failing_on_2, lifetime=300) as server:
        stats = run_batch([str(tmp_path / "in")], output, settings, runner)
        assert (stats.done, stats.failed) == (5, 1)
        records = by_source(output)
        assert len(records) == 6 and all(len(r) == 1 for r in records.values())
        assert records["article-00002.txt"][0].error_kind == "ValidationFailed"
        worker_stats = runners[0].worker_stats
        assert len(worker_stats) == 2 and sum(w["articles"] for w in worker_stats) == 6
        assert len({w["pid"] for w in worker_stats}) == 2  # two actors, two processes
        assert os.getpid() not in {w["pid"] for w in worker_stats}
        assert (ray_instance / "logs.sqlite").exists()  # the workers logged their calls

        stats = run_batch([str(tmp_path / "in")], output, settings, runner)
        assert (stats.done, stats.skipped) == (0, 6) and len(runners) == 1  # nothing to do: Ray not started

        server.responder = canned.answer
        stats = run_batch([str(tmp_path / "in")], output, settings.__class__(
            prompts=settings.prompts, retry_failed=True), runner)
        assert (stats.done, stats.skipped) == (1, 5)
    records = by_source(output)
    assert len(records) == 6 and all(len(r) == 1 and r[0].status == "ok" for r in records.values())


@pytest.mark.model
def test_each_ray_worker_loads_the_embedded_model_once(tmp_path: Path, model_path: Path, ray_instance: Path) -> None:
    canned.write_articles(tmp_path / "in", 2)
    output = tmp_path / "results.jsonl"
    runner = RayRunner(
        address="local", workers=1, options=BackendOptions("local", str(model_path), use_cache=False), log=False,
    )
    stats = run_batch([str(tmp_path / "in")], output, Settings(prompts=load_prompts("v3")), lambda: runner)
    assert (stats.done, stats.failed) == (2, 0)
    assert runner.worker_stats == [{"pid": runner.worker_stats[0]["pid"], "articles": 2, "model_loads": 1}]
    assert all(r[0].report and r[0].report["participants"] for r in by_source(output).values())
