"""Running a golden set through the pipeline, scoring it, and keeping the run on disk.

A run file (evals/runs/<date>_<prompt>_<model>.json) holds the aggregate, every
article's score and every prediction, so that two runs can be diffed later.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from statistics import median
from typing import Any, Callable

from summarizer.article import Article, decode, from_text
from summarizer.inputs.load import load_article
from summarizer.errors import ConfigError, SummarizerError
from summarizer.evals.judge import judge_articles
from summarizer.evals.score import ArticleScore, aggregate, score_article
from summarizer.llm import Backend
from summarizer.pipeline import summarize
from summarizer.prompt import PromptSet

# Headline metrics the regression gate watches, and how far each may fall.
HEADLINE = (
    "participants.f1", "organizations.f1", "commitments.f1", "date_accuracy", "commitment_actor_accuracy",
    "participant_organization_accuracy", "is_meeting_report_accuracy", "grounding_rate", "schema_valid_rate",
)
DEFAULT_TOLERANCE = 0.02


def load_gold(directory: Path) -> list[dict[str, Any]]:
    """Every ``*.json`` golden file of ``directory``, sorted by id."""
    if not directory.is_dir():
        raise ConfigError(f"{directory}: no such golden-set directory")
    files = sorted(directory.glob("*.json"))
    if not files:
        raise ConfigError(f"{directory}: holds no golden *.json files")
    gold = []
    for path in files:
        try:
            item = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not a valid golden file ({error})") from None
        if not isinstance(item, dict) or "text" not in item:
            raise ConfigError(f"{path}: a golden file needs at least a 'text' field")
        item.setdefault("id", path.stem)
        item["_path"] = str(path)
        gold.append(item)
    return sorted(gold, key=lambda g: str(g["id"]))


def article_of(gold: dict[str, Any]) -> Article:
    """The article as the summarizer gets it: from the raw ``file`` when given (a text in
    any encoding, a saved page, a .docx or a .pdf, read by the same loader as the CLI),
    else ``text``."""
    raw_file = gold.get("file")
    if raw_file:
        path = Path(gold["_path"]).parent / raw_file
        if path.suffix.lower() in _DOCUMENTS:
            article = load_article(str(path))
            if article.raw != gold["text"]:
                raise ConfigError(f"{path}: reads as a text different from the golden 'text'")
            return article
        text, encoding = decode(path.read_bytes(), str(path))
        if text != gold["text"]:
            raise ConfigError(f"{path}: decodes to a text different from the golden 'text'")
        return from_text(text, str(path), encoding)
    return from_text(gold["text"], str(gold["id"]))


_DOCUMENTS = (".html", ".htm", ".docx", ".pdf")


@dataclass
class ArticleRun:
    id: str
    seconds: float
    prompt_tokens: int
    completion_tokens: int
    calls: int
    cached_calls: int
    schema_valid: bool
    error: str | None
    prediction: dict[str, Any] | None
    score: dict[str, Any]


@dataclass
class EvalRun:
    created: str
    prompt_version: str
    backend: str
    model: str
    gold_dir: str
    summary: dict[str, Any]
    articles: list[ArticleRun] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": self.created, "prompt_version": self.prompt_version, "backend": self.backend,
            "model": self.model, "gold_dir": self.gold_dir, "summary": self.summary,
            "articles": [a.__dict__ for a in self.articles],
        }


def _empty_prediction() -> dict[str, Any]:
    return {"is_meeting_report": False, "summary": "", "meeting": {}, "participants": [], "organizations": [], "commitments": []}


def run_eval(
    gold_items: list[dict[str, Any]], gold_dir: Path, backend: Backend, prompts: PromptSet,
    progress: Callable[[str], None] | None = None,
) -> EvalRun:
    """Summarize and score every golden article; failures count as invalid, never abort the run."""
    articles: list[ArticleRun] = []
    scores: list[ArticleScore] = []
    for gold in gold_items:
        if progress:
            progress(str(gold["id"]))
        before = backend.usage.snapshot()
        started = time.perf_counter()
        error = None
        try:
            report = summarize(article_of(gold), backend, prompts)
            prediction = report.model_dump(mode="json", exclude={"run"})
        except SummarizerError as failure:
            error, prediction = str(failure), None
        seconds = time.perf_counter() - started
        score = score_article(prediction or _empty_prediction(), gold)
        scores.append(score)
        used = backend.usage.since(before)
        articles.append(ArticleRun(
            id=str(gold["id"]), seconds=round(seconds, 2),
            prompt_tokens=used.prompt_tokens, completion_tokens=used.completion_tokens,
            calls=used.calls, cached_calls=used.cached_calls,
            schema_valid=prediction is not None, error=error, prediction=prediction, score=score.to_dict(),
        ))
    summary = aggregate(scores)
    summary["schema_valid_rate"] = sum(a.schema_valid for a in articles) / len(articles)
    summary["seconds_median"] = round(median(a.seconds for a in articles), 2)
    summary["seconds_total"] = round(sum(a.seconds for a in articles), 2)
    summary["model_calls"] = sum(a.calls for a in articles)
    summary["cached_calls"] = sum(a.cached_calls for a in articles)
    summary["prompt_tokens"] = sum(a.prompt_tokens for a in articles)
    summary["completion_tokens"] = sum(a.completion_tokens for a in articles)
    return EvalRun(
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"), prompt_version=prompts.version,
        backend=backend.name, model=backend.identity, gold_dir=str(gold_dir), summary=summary, articles=articles,
    )


def judge_runs(
    runs: dict[str, EvalRun], gold_sets: dict[str, list[dict[str, Any]]], judge: Backend,
    progress: Callable[[str], None] | None = None,
) -> SummarizerError | None:
    """Have ``judge`` rate the summaries of every split (``summary["judge"]`` per split,
    ``score["judge"]`` per article); the error that stopped the judging, if any."""
    for name, run in runs.items():
        texts = {str(gold["id"]): gold["text"] for gold in gold_sets[name]}
        run.summary["judge"], error = judge_articles(
            run.articles, texts, judge, progress=lambda i, name=name: progress(f"{name}: {i}") if progress else None,
        )
        if error is not None:
            return error
    return None


def load_run(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigError(f"{path}: not a readable eval run ({error})") from None


def split_name(gold_dir: Path) -> str:
    """A golden directory's name in run files: its path under evals/ (golden, real/dev)."""
    parts = gold_dir.resolve().parts
    return "/".join(parts[parts.index("evals") + 1 :]) if "evals" in parts else gold_dir.name


def splits_of(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The per-split runs of a run file (a file of one split is its own only split)."""
    if "splits" in run:
        return run["splits"]
    return {split_name(Path(run.get("gold_dir", "golden"))): run}


def save_runs(runs: dict[str, EvalRun], directory: Path) -> Path:
    """One file for the runs of every split scored together."""
    first = next(iter(runs.values()))
    directory.mkdir(parents=True, exist_ok=True)
    model = re.sub(r"[^A-Za-z0-9.]+", "-", first.model.split("#")[-1].split(":")[0])[:40].strip("-")
    stamp = first.created[:19].replace(":", "").replace("-", "")
    path = directory / f"{stamp}_{first.prompt_version}_{model}.json"
    data = {
        "created": first.created, "prompt_version": first.prompt_version, "backend": first.backend, "model": first.model,
        "splits": {name: run.to_dict() for name, run in runs.items()},
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path


def metric(summary: dict[str, Any], name: str) -> float | None:
    value: Any = summary
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value if isinstance(value, int | float) else None


def regressions(baseline: dict[str, Any], current: dict[str, Any], tolerance: float) -> list[str]:
    """Headline metrics that fell by more than ``tolerance`` (absolute), split by split."""
    lost = []
    before_splits = splits_of(baseline)
    for split, run in splits_of(current).items():
        if split not in before_splits:
            continue
        for name in HEADLINE:
            before, after = metric(before_splits[split]["summary"], name), metric(run["summary"], name)
            if before is not None and after is not None and after < before - tolerance:
                lost.append(f"{split} {name}: {before:.3f} -> {after:.3f}")
    return lost


def diff_runs(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Per article and field, what run ``b`` gained and lost against run ``a``."""
    by_id = {article["id"]: article for run in splits_of(a).values() for article in run["articles"]}
    changes = []
    for article in (article for run in splits_of(b).values() for article in run["articles"]):
        old = by_id.get(article["id"])
        if old is None:
            continue
        for field_name in ("participants", "organizations", "commitments", "organizers"):
            if field_name not in old["score"] or field_name not in article["score"]:
                continue
            old_missed = set(old["score"][field_name]["missed"])
            new_missed = set(article["score"][field_name]["missed"])
            old_added = set(old["score"][field_name]["added"])
            new_added = set(article["score"][field_name]["added"])
            lost = sorted(new_missed - old_missed)  # now missed, found before
            gained = sorted(old_missed - new_missed)  # found now, missed before
            new_wrong = sorted(new_added - old_added)
            fixed_wrong = sorted(old_added - new_added)
            if lost or gained or new_wrong or fixed_wrong:
                changes.append({"id": article["id"], "field": field_name, "lost": lost, "gained": gained,
                                "new_wrong": new_wrong, "fixed_wrong": fixed_wrong})
        for check in ("date", "kind", "location", "is_meeting_report"):
            before, after = old["score"][check], article["score"][check]
            if before["correct"] != after["correct"]:
                changes.append({"id": article["id"], "field": check,
                                "lost": [f"{before['predicted']} -> {after['predicted']}"] if before["correct"] else [],
                                "gained": [f"{before['predicted']} -> {after['predicted']}"] if after["correct"] else [],
                                "new_wrong": [], "fixed_wrong": []})
    return changes
