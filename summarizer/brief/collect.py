"""The brief's inputs turned into reports: articles, directories, results and report files.

- an article (.txt, a saved page, .docx, .pdf, an http(s) URL) is read by
  :func:`summarizer.inputs.load.load_article` and summarized through the one pipeline
  entry, :func:`summarizer.pipeline.summarize_many`, on a backend made only when the
  first article needs it; an article summarized before comes back from the response
  cache without a model call;
- a results file (``.jsonl``: one JSON object a line, either a report or a batch record
  with ``status`` and ``report``) gives its reports as they are; a failed record, or a
  line that is not one, goes to the appendix; a later record of the same article
  (``content_hash`` and ``prompt_version``) supersedes an earlier one;
- a report file (``.json``, as ``summarize -f json`` writes it, or a golden file) is read
  as it is;
- a directory gives the files in it that are one of these, in name order.

An input that fails (unreadable, not a meeting report, a model error) becomes a
:class:`~summarizer.brief.model.Failure` with its one-line reason; only a path that
does not exist at all stops the command, before any work.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer.article import MAX_INPUT_BYTES, Article
from summarizer.brief.model import BriefArticle, Failure
from summarizer.errors import ConfigError, InputMissing, ModelMissing, SummarizerError
from summarizer.inputs.fetch import is_url
from summarizer.inputs.load import load_article
from summarizer.llm import Backend
from summarizer.pipeline import summarize_many
from summarizer.prompt import PromptSet
from summarizer.schema import GoldenFile, Report

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".pdf", ".docx"})
REPORT_SUFFIXES = frozenset({".json"})
RESULTS_SUFFIXES = frozenset({".jsonl", ".ndjson"})


@dataclass
class Task:
    """One thing to turn into a report: an article to summarize, or a report already made."""

    origin: str
    article: str | None = None  # a path or URL to load and summarize
    report: Report | None = None
    text: str | None = None
    reused: str = "model"
    failure: str | None = None


class Summarizer:
    """The pipeline on a backend made the first time an article needs it (a brief read only
    from results or report files needs no model at all)."""

    def __init__(self, backend: Callable[[], Backend], prompts: PromptSet, language: str) -> None:
        self._make_backend = backend
        self._backend: Backend | None = None
        self.prompts = prompts
        self.language = language

    def __call__(self, article: Article) -> Report:
        if self._backend is None:
            self._backend = self._make_backend()
        return next(summarize_many([article], self._backend, self.prompts, self.language))


def expand(inputs: list[str], skip: Path | None = None) -> list[str]:
    """Paths and URLs to read, directories opened (name order); InputMissing for a path that
    does not exist. ``skip`` (the brief being written) is never read from a directory."""
    found: list[str] = []
    skipped = os.path.realpath(skip) if skip else None
    for item in inputs:
        if is_url(item) or item == "-":
            found.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found += [
                str(child) for child in sorted(path.iterdir())
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES | REPORT_SUFFIXES | RESULTS_SUFFIXES
                and os.path.realpath(child) != skipped
            ]
        elif path.exists():
            found.append(item)
        else:
            raise InputMissing(f"{item}: no such file or directory")
    return found


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _report(data: Any) -> tuple[Report, str | None]:
    """A report (and a golden file's text) from parsed JSON; ValueError when it is none."""
    if not isinstance(data, dict) or "is_meeting_report" not in data:
        raise ValueError("not a report")
    if "text" in data and "id" in data:
        golden = GoldenFile.model_validate(data)
        fields = golden.model_dump(exclude={"id", "text", "not_participants", "source", "file"})
        return Report.model_validate(fields), golden.text
    return Report.model_validate(data), None


def _text_of(report: Report, max_bytes: int) -> str | None:
    """The text a report's spans point into, when its source is a local file still there."""
    source = report.source
    if source is None or source.kind != "file" or not source.path or source.path == "-":
        return None
    if not Path(source.path).is_file():
        return None
    try:
        return load_article(source.path, max_bytes=max_bytes).text
    except SummarizerError:
        return None


def _results(path: str, max_bytes: int) -> Iterator[Task]:
    """The results file's lines in order; a record superseded by a later one of the same
    article is skipped."""
    try:
        raw = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        yield Task(path, failure=f"cannot read: {error.strerror or error}")
        return
    lines = raw.split("\n")
    parsed: list[tuple[int, Any]] = []
    latest: dict[tuple[str, str], int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            unfinished = number == len(lines)  # no newline after it: a write cut short
            parsed.append((number, Task(f"{path}:{number}", failure="an unfinished last line" if unfinished else "not JSON")))
            continue
        key = _record_key(data)
        if key:
            latest[key] = number
        parsed.append((number, data))
    for number, data in parsed:
        key = _record_key(data)
        if isinstance(data, Task):
            yield data
        elif key is None or latest[key] == number:  # else superseded by a later record of the same article
            yield _result_task(path, number, data, max_bytes)


def _record_key(data: Any) -> tuple[str, str] | None:
    """A batch record's article: (content hash, prompt version)."""
    if isinstance(data, dict) and isinstance(data.get("content_hash"), str):
        return data["content_hash"], str(data.get("prompt_version"))
    return None


def _result_task(path: str, number: int, data: Any, max_bytes: int) -> Task:
    origin = f"{path}:{number}"
    if isinstance(data, dict) and ("report" in data or "status" in data) and "is_meeting_report" not in data:
        origin = str(data.get("source") or origin)
        if data.get("status", "ok") != "ok" or not data.get("report"):
            reason = data.get("error") or data.get("reason") or f"status {data.get('status')}"
            return Task(origin, failure=_one_line(str(reason)))
        data = data["report"]
    try:
        report, text = _report(data)
    except (ValueError, ValidationError) as error:
        return Task(origin, failure=f"not a report ({_one_line(str(error), 160)})")
    return Task(origin, report=report, text=text or _text_of(report, max_bytes), reused="results file")


def _report_file(path: str, max_bytes: int) -> Task:
    try:
        report, text = _report(json.loads(Path(path).read_text(encoding="utf-8")))
    except OSError as error:
        return Task(path, failure=f"cannot read: {error.strerror or error}")
    except (ValueError, ValidationError) as error:
        return Task(path, failure=f"not a report ({_one_line(str(error), 160)})")
    return Task(path, report=report, text=text or _text_of(report, max_bytes), reused="report file")


def knowledge_base_tasks(db: Path, max_bytes: int = MAX_INPUT_BYTES) -> list[Task]:
    """Every report a knowledge base holds (``summarizer kb``), as tasks that need no model."""
    from summarizer.kb.store import open_db

    tasks = []
    for row in open_db(db)["articles"].rows_where(order_by="id"):
        report = Report.model_validate_json(row["report"])
        tasks.append(Task(row["origin"] or f"{db}:{row['id']}", report=report, text=_text_of(report, max_bytes), reused="knowledge base"))
    return tasks


def plan(inputs: list[str], max_bytes: int = MAX_INPUT_BYTES, skip: Path | None = None) -> list[Task]:
    """Every task the inputs hold, in order (results files are read here, articles later)."""
    tasks: list[Task] = []
    for item in expand(inputs, skip):
        suffix = Path(item).suffix.lower() if not is_url(item) else ""
        if suffix in RESULTS_SUFFIXES:
            tasks += list(_results(item, max_bytes))
        elif suffix in REPORT_SUFFIXES:
            tasks.append(_report_file(item, max_bytes))
        else:
            tasks.append(Task(item, article=item))
    return tasks


def run(
    tasks: list[Task],
    summarize: Callable[[Article], Report],
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    load: Callable[..., Article] = load_article,
    advance: Callable[[Task], None] = lambda task: None,
) -> tuple[list[BriefArticle], list[Failure]]:
    """Reports for the tasks; an article's failure is collected, not raised. A missing
    model or a configuration error ends the run: no article could be summarized."""
    articles: list[BriefArticle] = []
    failures: list[Failure] = []
    for task in tasks:
        try:
            if task.failure:
                failures.append(Failure(task.origin, task.failure))
                continue
            if task.article is not None:
                article = load(task.article, max_bytes=max_bytes)
                report = summarize(article)
                run_stats = report.run
                reused = "cache" if run_stats and run_stats.calls == 0 and run_stats.cached_calls else "model"
                task.report, task.text, task.reused = report, article.text, reused
            assert task.report is not None
            if not task.report.is_meeting_report:
                failures.append(Failure(task.origin, "not a meeting report"))
                continue
            articles.append(BriefArticle(task.report, task.origin, task.text, task.reused))
        except (ConfigError, ModelMissing):
            raise  # no article can be summarized: the command stops with this error
        except SummarizerError as error:
            failures.append(Failure(task.origin, _one_line(str(error))))
        except ValidationError as error:  # a report out of its bounds: this article only
            failures.append(Failure(task.origin, f"invalid report ({_one_line(str(error), 160)})"))
        finally:
            advance(task)
    return articles, failures
