"""1,000 articles against a loopback endpoint, killed twice with SIGKILL and resumed.

Runs ``summarizer batch`` as a user would (a subprocess), kills it with ``kill -9`` once
the results file holds ``--first`` lines and again at ``--second``, runs the same command
again to the end, and checks that the results file holds every article exactly once, all
ok, with no line damaged. Exits non-zero when it does not.

    python bench/kill_resume.py                 # 1,000 articles, concurrency 16
    python bench/kill_resume.py --articles 200 --first 50 --second 120
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from batch import canned  # noqa: E402
from fake_openai import FakeOpenAI  # noqa: E402


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--first", type=int, default=250, help="kill when the file has this many lines")
    parser.add_argument("--second", type=int, default=650)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.05)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="summarizer-kill-"))
    canned.write_articles(work / "in", options.articles)
    output = work / "results.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update({"SUMMARIZER_HOME": str(work / "home"), "SUMMARIZER_CONFIG": os.devnull})
    started = time.monotonic()
    with FakeOpenAI(canned.answer, delay=options.latency, lifetime=3600) as server:
        command = [sys.executable, "-m", "summarizer", "batch", str(work / "in"), "-o", str(output),
                   "--base-url", server.base_url, "--model", "canned", "-c", str(options.concurrency)]
        kills = []
        for at in (options.first, options.second):
            process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while lines(output) < at and process.poll() is None:
                time.sleep(0.01)
            if process.poll() is not None:
                print(f"the batch ended before it reached {at} lines", file=sys.stderr)
                return 1
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            kills.append(lines(output))
            print(f"killed with -9 at {kills[-1]} lines", flush=True)
        final = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        requests = len(server.requests)
    print(final.stderr.strip().splitlines()[-1] if final.stderr.strip() else "")
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    names = Counter(Path(r["source"]).name for r in records)
    expected = {f"article-{i:05d}.txt" for i in range(options.articles)}
    result = {
        "articles": options.articles,
        "killed_at_lines": kills,
        "final_exit": final.returncode,
        "lines": len(records),
        "distinct_articles": len(names),
        "missing": len(expected - set(names)),
        "duplicates": sum(1 for n in names.values() if n > 1),
        "not_ok": sum(1 for r in records if r["status"] != "ok"),
        "model_requests": requests,
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(result))
    good = (
        final.returncode == 0 and result["lines"] == options.articles and not result["missing"]
        and not result["duplicates"] and not result["not_ok"]
    )
    print("every article exactly once: " + ("yes" if good else "NO"))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
