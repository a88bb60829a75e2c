"""The embedded model in a batch: one load for the run, then what each article costs.

Runs ``run_batch`` over the seed articles (or a directory given) on the local backend and
prints the model's load time, then per article: seconds, prompt and completion tokens, and
prompt tokens per second, plus the whole run's articles per minute. The response cache is
off, so every article is really read by the model.

    python bench/local_batch.py            # seeds/
    python bench/local_batch.py DIR --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "seeds")
    parser.add_argument("--prompt", default="v3")
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()

    from summarizer.batch.backends import Backends
    from summarizer.batch.endpoints import Pool
    from summarizer.batch.results import read_records
    from summarizer.batch.runner import Settings, ThreadRunner, run_batch
    from summarizer.config import BackendOptions
    from summarizer.llm import LocalBackend
    from summarizer.prompt import load_prompts

    backend = LocalBackend()  # the user's model (summarizer model pull), found before the home moves
    work = Path(tempfile.mkdtemp(prefix="summarizer-local-"))
    os.environ["SUMMARIZER_HOME"] = str(work / "home")  # the call log goes here, not to the user's cache
    started = time.perf_counter()
    backend.llama  # noqa: B018 - load now, to time the load on its own
    load = time.perf_counter() - started
    output = work / "results.jsonl"
    stats = run_batch(
        [str(options.folder)], output, Settings(prompts=load_prompts(options.prompt)),
        lambda: ThreadRunner(Backends(BackendOptions("local"), ["local"], local=backend), Pool(["local"])),
    )
    rows = []
    for record in read_records(output):
        run = (record.report or {}).get("run") or {}
        rows.append({
            "article": Path(record.source).name, "status": record.status, "seconds": record.seconds,
            "calls": run.get("calls"), "prompt_tokens": run.get("prompt_tokens"),
            "completion_tokens": run.get("completion_tokens"),
            "prompt_tokens_per_s": round(run.get("prompt_tokens", 0) / record.seconds, 1) if record.seconds else None,
        })
    print(f"model load: {load:.1f} s (once for the run)")
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    print(f"{stats.done} done, {stats.failed} failed in {stats.seconds:.1f} s: {stats.per_minute:.2f} articles/min")
    if options.json:
        options.json.write_text(json.dumps({"load_seconds": load, "articles": rows}, indent=1) + "\n")
    sys.exit(0 if stats.failed == 0 else 1)


if __name__ == "__main__":
    main()
