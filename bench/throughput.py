"""Batch throughput against loopback endpoints with a fixed latency (a benchmark, not a test).

Starts one or two canned OpenAI-compatible servers in their own processes (so that they
do not compete with the batch for the interpreter lock), each answering every request
after ``--latency`` seconds, and runs batches of invented articles at each concurrency.
For each it reports articles per second, the ideal (concurrency / latency, linear
scaling), their ratio, and our own overhead per article: the time a worker spends on an
article beyond the server's latency, and the process CPU time per article.

    python bench/throughput.py                      # 1, 4, 16, 64; one and two endpoints
    python bench/throughput.py --levels 1 4 --latency 0.2 --json out.json
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from batch import canned  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402


def serve(latency: float, ready: multiprocessing.Queue, stop: multiprocessing.Event) -> None:  # type: ignore[type-arg]
    with FakeOpenAI(canned.answer, delay=latency, lifetime=3600) as server:
        ready.put(server.base_url)
        stop.wait()


def run_level(urls: list[str], concurrency: int, count: int, work: Path) -> dict[str, float]:
    from summarizer.batch.backends import open_backends
    from summarizer.batch.endpoints import Pool
    from summarizer.batch.runner import Settings, ThreadRunner, run_batch
    from summarizer.config import BackendOptions
    from summarizer.prompt import load_prompts

    folder = work / f"in-{len(urls)}-{concurrency}"
    canned.write_articles(folder, count, start=concurrency * 100000 + len(urls) * 10000)
    settings = Settings(prompts=load_prompts("v3"), concurrency=concurrency)
    options = BackendOptions("openai", "canned", None, "json_schema", 60.0, use_cache=False)
    backends, _ = open_backends(options, urls)

    def runner() -> ThreadRunner:
        return ThreadRunner(backends, Pool(backends.urls))

    cpu = time.process_time()
    started = time.perf_counter()
    stats = run_batch([str(folder)], work / f"results-{len(urls)}-{concurrency}.jsonl", settings, runner)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu
    assert stats.done == count and stats.failed == 0, stats
    return {"wall": wall, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--per-worker", type=int, default=8, help="articles per unit of concurrency")
    parser.add_argument("--endpoints", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    os.environ["SUMMARIZER_HOME"] = str(work / "home")
    os.environ["SUMMARIZER_CONFIG"] = os.devnull
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    ready: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    servers = [context.Process(target=serve, args=(options.latency, ready, stop), daemon=True) for _ in range(max(options.endpoints))]
    for process in servers:
        process.start()
    urls = [ready.get(timeout=60) for _ in servers]
    rows = []
    try:
        # warm-up: imports, jieba's dictionary, the first connection
        run_level(urls[:1], 2, 4, work)
        for endpoints in options.endpoints:
            for level in options.levels:
                count = max(16, options.per_worker * level)
                measured = run_level(urls[:endpoints], level, count, work)
                rate = count / measured["wall"]
                ideal = level / options.latency
                per_article = measured["wall"] * min(level, count) / count  # worker-seconds per article
                rows.append({
                    "endpoints": endpoints, "concurrency": level, "articles": count,
                    "seconds": round(measured["wall"], 2), "articles_per_s": round(rate, 2),
                    "linear_per_s": round(ideal, 2), "of_linear": round(rate / ideal, 3),
                    "overhead_ms_per_article": round(1000 * (per_article - options.latency), 1),
                    "cpu_ms_per_article": round(1000 * measured["cpu"] / count, 1),
                })
                print(json.dumps(rows[-1]), flush=True)
    finally:
        stop.set()
        for process in servers:
            process.join(timeout=10)
    print()
    print(f"latency {options.latency * 1000:.0f} ms per request; linear = concurrency / latency")
    print("endpoints concurrency articles seconds articles/s linear/s of-linear overhead-ms/article cpu-ms/article")
    for row in rows:
        print(
            f"{row['endpoints']:>9} {row['concurrency']:>11} {row['articles']:>8} {row['seconds']:>7} "
            f"{row['articles_per_s']:>10} {row['linear_per_s']:>8} {row['of_linear']:>9} "
            f"{row['overhead_ms_per_article']:>19} {row['cpu_ms_per_article']:>14}"
        )
    if options.json:
        options.json.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
