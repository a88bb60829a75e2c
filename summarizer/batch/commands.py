"""The ``batch`` and ``logs`` commands (registered on the CLI's app in ``summarizer/cli.py``).

Each parses its options, calls one library function and prints; heavy imports are made
inside the commands so that ``summarizer --help`` stays quick.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from summarizer.prompt import DEFAULT_VERSION


class Balance(str, Enum):
    least_loaded = "least-loaded"
    round_robin = "round-robin"


def batch(
    inputs: list[str] = typer.Argument(
        ..., help="Articles: directories (every .txt/.html/.docx/.pdf under them), glob patterns, "
        "list files (.txt, one path or URL a line) or single files.",
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="Results file (JSON Lines): one record per article, appended as each "
        "completes; rerun the same command to resume.",
    ),
    backend: Optional[str] = typer.Option(None, help="local (default) or openai (implied by --base-url)."),
    model: Optional[str] = typer.Option(None, help="GGUF path (local) or model name (openai)."),
    base_url: Optional[list[str]] = typer.Option(
        None, "--base-url", help="OpenAI-compatible base URL; repeat it to spread the articles over several endpoints.",
    ),
    mode: Optional[str] = typer.Option(
        None, help="instructor mode; found by a probe of each endpoint (and remembered) when not given.",
    ),
    concurrency: int = typer.Option(4, "--concurrency", "-c", min=1, max=512, help="Articles in flight at once (endpoints)."),
    balance: Balance = typer.Option(Balance.least_loaded, help="How articles are spread over several endpoints."),
    timeout: Optional[float] = typer.Option(None, min=0.1, help="Seconds one question to an endpoint may take (120)."),
    retries: int = typer.Option(3, min=1, max=20, help="Tries of one article for transient endpoint errors."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Try again the articles recorded as failed."),
    prompt: str = typer.Option(DEFAULT_VERSION, "--prompt", help="Prompt set version."),
    lang: str = typer.Option("zh", "--lang", help="Language of the summary: zh or en."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached model answers."),
    no_log: bool = typer.Option(False, "--no-log", help="Do not record the model calls in the call log."),
    max_input_mb: float = typer.Option(5.0, "--max-input-mb", min=0.001, help="Refuse inputs larger than this (MB)."),
    ray: Optional[str] = typer.Option(
        None, "--ray", metavar="ADDRESS", help="Run on Ray: `local` starts a Ray instance here, or a cluster's "
        "address (auto, HOST:6379, ray://HOST:10001); each worker loads the embedded model once.",
    ),
    ray_workers: int = typer.Option(2, "--ray-workers", min=1, help="Ray workers (model copies) to start."),
    openai_batch: bool = typer.Option(
        False, "--openai-batch", help="Use the endpoint's Batch API (files + batches): cheaper, hours not seconds.",
    ),
    poll: float = typer.Option(30.0, "--poll", min=0.05, help="Seconds between Batch API status checks."),
    db: Optional[Path] = typer.Option(
        None, "--db", help="Also add the results to this knowledge base (summarizer kb) when the run ends.",
    ),
) -> None:
    """Summarize many articles into a JSON Lines results file that a rerun resumes."""
    from summarizer.batch.backends import open_backends
    from summarizer.batch.endpoints import Pool
    from summarizer.batch.runner import Settings, ThreadRunner, run_batch
    from summarizer.batch.view import ProgressView, closing_table
    from summarizer.cli import console, fail
    from summarizer.config import BackendOptions
    from summarizer.errors import ConfigError, SummarizerError
    from summarizer.prompt import load_prompts

    try:
        if lang not in ("zh", "en"):
            raise ConfigError(f"--lang must be zh or en, not {lang!r}")
        if ray and openai_batch:
            raise ConfigError("--ray and --openai-batch do not go together")
        settings = Settings(
            prompts=load_prompts(prompt), language=lang, retry_failed=retry_failed, concurrency=concurrency,
            max_bytes=int(max_input_mb * 1024 * 1024), attempts=retries,
        )
        options = BackendOptions(backend, model, None, mode, timeout, use_cache=not no_cache)
        urls = list(base_url or [])

        def runner():  # type: ignore[no-untyped-def]
            if ray:
                from summarizer.batch.ray_runner import RayRunner

                if len(urls) > 1:
                    raise ConfigError("--ray takes at most one --base-url")
                remote = replace(options, base_url=urls[0]) if urls else options
                return RayRunner(address=ray, workers=ray_workers, options=remote, log=not no_log)
            if openai_batch:
                from summarizer.batch.openai_batch import OpenAIBatchRunner

                return OpenAIBatchRunner.open(options, urls, output, poll=poll, log=not no_log)
            backends, notes = open_backends(options, urls, log=not no_log)
            for note in notes:
                console.print(f"[dim]{note}[/dim]", highlight=False)
            return ThreadRunner(backends, Pool(backends.urls, balance.value))

        with ProgressView(console) as view:
            stats = run_batch(inputs, output, settings, runner, view)
    except SummarizerError as error:
        fail(error)
        return
    except KeyboardInterrupt:
        # Every finished article is already on disk; in-flight ones are simply redone.
        console.print(f"error: interrupted; rerun the same command to resume ({output})", highlight=False)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)  # worker threads may be waiting on an endpoint: do not wait for them
    console.print(closing_table(stats))
    if db is not None:
        _add_to_knowledge_base(db, output)
    if stats.failed:
        console.print(f"{stats.failed} failed; `--retry-failed` tries them again", highlight=False)


def _add_to_knowledge_base(db: Path, output: Path) -> None:
    """The results file's reports into the knowledge base: no model call (every line holds
    its report), and what is there already is skipped, so a resumed run adds only the rest."""
    from summarizer.cli import console, fail
    from summarizer.errors import SummarizerError
    from summarizer.kb.add import add_inputs
    from summarizer.kb.store import open_db

    def never(article):  # type: ignore[no-untyped-def]
        raise AssertionError("a results file needs no model call")

    try:
        outcome = add_inputs(open_db(db), [str(output)], never)
    except SummarizerError as error:
        fail(error)
        return
    console.print(f"knowledge base {db}: added {outcome.added}, {outcome.present} already there", highlight=False)


# --- logs ------------------------------------------------------------------------------

logs_app = typer.Typer(help="The log of model calls (SQLite): list, filter, show.")


def _print_rows(rows: list[dict], as_json: bool) -> None:
    from rich.table import Table

    from summarizer.cli import out

    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table()
    for name in ("id", "time", "backend", "model", "prompt", "article", "answer", "tokens", "s", "outcome", "error"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["id"]), time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(row["time"])), row["backend"],
            row["model"] or "", row["prompt_version"] or "", (row["article_hash"] or "")[:12], row["answer"] or "",
            str(row["prompt_tokens"] + row["completion_tokens"]), f"{row['seconds']:.2f}", row["outcome"],
            row["error"] or "",
        )
    out.print(table)


@logs_app.callback(invoke_without_command=True)
def logs_list(
    ctx: typer.Context,
    count: int = typer.Option(20, "--count", "-n", min=1, help="How many calls, newest first."),
    backend: Optional[str] = typer.Option(None, help="Only this backend (local, openai)."),
    model: Optional[str] = typer.Option(None, help="Only this model."),
    outcome: Optional[str] = typer.Option(None, help="Only ok, cached or failed calls."),
    article: Optional[str] = typer.Option(None, help="Only calls for articles whose hash starts with this."),
    prompt: Optional[str] = typer.Option(None, "--prompt", help="Only this prompt version."),
    since: Optional[float] = typer.Option(None, help="Only calls of the last this many hours."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of a table."),
    path: Optional[Path] = typer.Option(None, "--path", help="Another call log file."),
) -> None:
    """List the newest model calls (filters combine)."""
    if ctx.invoked_subcommand is not None:
        return
    from summarizer.calllog import Filter, default_path, query
    from summarizer.cli import fail
    from summarizer.errors import SummarizerError

    where = Filter(
        backend=backend, model=model, outcome=outcome, article=article, prompt_version=prompt,
        since=time.time() - since * 3600 if since is not None else None, limit=count,
    )
    try:
        rows = query(path or default_path(), where)
    except SummarizerError as error:
        fail(error)
        return
    _print_rows(rows, as_json)


@logs_app.command("show")
def logs_show(
    call_id: int = typer.Argument(..., help="The call's id (first column of `summarizer logs`)."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of lines."),
    path: Optional[Path] = typer.Option(None, "--path", help="Another call log file."),
) -> None:
    """Everything the log holds about one call."""
    from summarizer.calllog import default_path, get
    from summarizer.cli import fail, out
    from summarizer.errors import ConfigError, SummarizerError

    try:
        row = get(path or default_path(), call_id)
        if row is None:
            raise ConfigError(f"no call {call_id} in the call log")
    except SummarizerError as error:
        fail(error)
        return
    if as_json:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, indent=1) + "\n")
        return
    from rich.text import Text

    for name, value in row.items():
        if name == "time":
            value = time.strftime("%Y-%m-%d %H:%M:%S %z", time.localtime(value))
        out.print(Text(f"{name:18} {value if value is not None else ''}"), highlight=False)
