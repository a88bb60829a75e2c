"""Prompt sets (prompts/extract-<version>.toml) and the messages built from them.

The article always comes first and the task last, so every pass over one article shares
the same token prefix and llama.cpp evaluates the article once.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from string import Template

from summarizer.errors import ConfigError
from summarizer.resources import resource_dir
from summarizer.sentences import Sentence
from summarizer.normalize import to_simplified

DEFAULT_VERSION = "v3"
PASSES = ("facts", "people", "organizations", "commitments", "translate", "summary_retry")


# How a pass's answer is used; a prompt set may change these in its [policy] table.
#   people: "model" (the label decides), "code_first" (code's strong candidates stand,
#           the label decides only weak ones) or "code" (no model pass)
#   organizations: "model" (keep 参与), "veto" (keep all but 错误) or "code" (no model pass)
#   commitments: "model" (the label decides) or "code" (cue strength, no model pass)
#   summary: "short" (up to 120 characters, the model cut at the bound) or "long" (room
#            to end a sentence; code keeps the whole sentences within the bound)
DEFAULT_POLICY = {"people": "model", "organizations": "model", "commitments": "model", "summary": "short"}


@dataclass(frozen=True)
class PromptSet:
    version: str
    system: str
    tasks: dict[str, str]
    policy: dict[str, str]

    def translation_messages(self, summary: str, names: str = "") -> list[dict[str, str]]:
        """A task on its own, without the article: turning the summary into English, with
        the pinyin spelling of the people it names (``甄明 = Zhen Ming; …``)."""
        task = Template(self.tasks["translate"]).substitute(summary=summary, names=names or "(none)")
        return [{"role": "user", "content": task}]

    def summary_retry(self, problems: list[str]) -> str:
        """The follow-up that asks for the summary again, saying what was wrong with it."""
        return Template(self.tasks["summary_retry"]).substitute(problems="；".join(problems))

    def messages(self, article_block: str, task: str, **values: str) -> list[dict[str, str]]:
        body = Template(self.tasks[task]).substitute(values)
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": f"{article_block}\n\n{body}"},
        ]


def available_versions() -> list[str]:
    return sorted(p.stem.removeprefix("extract-") for p in resource_dir("prompts").glob("extract-*.toml"))


def load_prompts(version: str = DEFAULT_VERSION) -> PromptSet:
    path = resource_dir("prompts") / f"extract-{version}.toml"
    if not path.is_file():
        known = ", ".join(available_versions()) or "none"
        raise ConfigError(f"no prompt set {version!r} (known: {known})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    missing = [name for name in ("system", *PASSES) if name not in data]
    if missing:
        raise ConfigError(f"{path.name} lacks {', '.join(missing)}")
    policy = {**DEFAULT_POLICY, **data.get("policy", {})}
    return PromptSet(version, data["system"], {name: data[name] for name in PASSES}, policy)


def article_block(sentences: list[Sentence]) -> str:
    """The article as numbered sentences in Simplified script, fenced as data.

    Simplified text costs the model fewer tokens; the model only points at ids, and code
    maps ids back to the article's own script.
    """
    lines = "\n".join(f"[{s.id}] {to_simplified(s.text)}" for s in sentences)
    return f"<文章>\n{lines}\n</文章>"
