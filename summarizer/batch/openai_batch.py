"""The OpenAI Batch API for large offline jobs: requests written to JSONL, submitted, polled,
and the answers read back into the same results file.

The pipeline cannot run ahead of its answers, so a job goes in rounds. In each round every
article left is run through ``summarize_many`` on a :class:`DeferredBackend`: a question
whose answer has come back is answered from it, the first one that has not stops that
article and becomes a request line. The round's requests are uploaded as one file
(``purpose=batch``), a batch is created for ``/v1/chat/completions`` and polled every
``poll`` seconds until it ends; its output (and error) file is read back and the next
round replays the articles. With the default prompt set an article asks one question, so
one round does; an answer that fails validation is re-asked in the next round (up to the
backend's attempts), like instructor does online, then recorded as the article's failure.

Nothing is lost when the run stops: under ``<results>.openai-batch/`` the request files
are kept, every answer read back is appended (fsynced) to ``answers.jsonl``, and the
batch being waited for is named in ``pending.json``, so the same command started again
polls that batch instead of paying for it twice, and replays the answers it has.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from summarizer.batch.results import Record
from summarizer.batch.runner import Job, Settings, failed_record, read_job, summarize_job
from summarizer.cache import request_key
from summarizer.calllog import CallLog, call_context
from summarizer.config import BackendOptions, make_backend
from summarizer.errors import ConfigError, EndpointUnreachable, SummarizerError, ValidationFailed
from summarizer.llm import TEMPERATURE, Backend, OpenAIBackend, T, _map_error

MAX_ROUNDS = 6
ENDED = ("completed", "failed", "expired", "cancelled")


class Deferred(Exception):
    """The question has no answer yet: it goes into the next batch."""

    def __init__(self, key: str, body: dict[str, Any], answer: str) -> None:
        super().__init__(key)
        self.key = key
        self.body = body
        self.answer = answer


@dataclass
class Reply:
    content: str | None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    error: str | None = None


@dataclass
class DeferredBackend(Backend):
    """A backend answered from Batch API results; an unanswered question raises :class:`Deferred`."""

    model: str = ""
    endpoint_url: str = ""
    answers: dict[str, Reply] = field(default_factory=dict)
    name: str = "openai-batch"

    @property
    def identity(self) -> str:
        return f"{self.endpoint_url}#{self.model}"

    @property
    def endpoint(self) -> str | None:
        return self.endpoint_url

    @property
    def model_name(self) -> str:
        return self.model

    def _body(self, messages: list[dict[str, str]], answer: type[BaseModel], max_tokens: int) -> dict[str, Any]:
        return {
            "model": self.model, "messages": messages, "max_tokens": max_tokens, "temperature": TEMPERATURE,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": answer.__name__, "schema": answer.model_json_schema()},
            },
        }

    def ask(
        self, messages: list[dict[str, str]], answer: type[T], context: dict[str, Any] | None = None,
        max_tokens: int = 512,
    ) -> T:
        conversation = list(messages)
        problem = ""
        for _ in range(self.attempts):
            body = self._body(conversation, answer, max_tokens)
            key = request_key(backend=self.name, body=body)
            reply = self.answers.get(key)
            if reply is None:
                raise Deferred(key, body, answer.__name__)
            self.usage.calls += 1
            self.usage.prompt_tokens += reply.prompt_tokens
            self.usage.completion_tokens += reply.completion_tokens
            if reply.error is not None or reply.content is None:
                raise EndpointUnreachable(f"the Batch API did not answer this request: {reply.error or 'no content'}")
            try:
                return answer.model_validate_json(reply.content, context=context or {})
            except (ValidationError, ValueError) as error:
                problem = " ".join(str(error).split())[:300]
                conversation = conversation + [
                    {"role": "assistant", "content": reply.content},
                    {"role": "user", "content": f"Correct your answer; it failed validation:\n{error}"},
                ]
        raise ValidationFailed(f"the model's answer still failed validation after {self.attempts} attempts: {problem}")


@dataclass
class OpenAIBatchRunner:
    client_backend: OpenAIBackend
    work: Path
    poll: float = 30.0
    call_log: CallLog | None = None
    batches: list[str] = field(default_factory=list)  # ids of the batches this run created or resumed

    @classmethod
    def open(cls, options: BackendOptions, urls: list[str], results: Path, poll: float, log: bool) -> OpenAIBatchRunner:
        if len(urls) > 1:
            raise ConfigError("--openai-batch takes at most one --base-url")
        backend = make_backend(replace(options, backend="openai", base_url=urls[0] if urls else options.base_url))
        assert isinstance(backend, OpenAIBackend)
        work = results.with_name(results.name + ".openai-batch")
        return cls(backend, work, poll, CallLog() if log else None)

    # --- what survives a stop ---------------------------------------------------------

    def _answers(self) -> dict[str, Reply]:
        path = self.work / "answers.jsonl"
        found: dict[str, Reply] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    data = json.loads(line)
                    found[data["key"]] = Reply(**data["reply"])
                except (ValueError, KeyError, TypeError):
                    continue  # an unfinished last line
        return found

    def _keep(self, replies: dict[str, Reply]) -> None:
        with open(self.work / "answers.jsonl", "a", encoding="utf-8") as stream:
            for key, reply in replies.items():
                stream.write(json.dumps({"key": key, "reply": reply.__dict__}, ensure_ascii=False) + "\n")
            stream.flush()
            os.fsync(stream.fileno())

    def _pending(self) -> str | None:
        try:
            return json.loads((self.work / "pending.json").read_text())["batch"]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _set_pending(self, batch_id: str | None) -> None:
        path = self.work / "pending.json"
        if batch_id is None:
            path.unlink(missing_ok=True)
            return
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"batch": batch_id}))
        os.replace(temporary, path)

    # --- the rounds ---------------------------------------------------------------------

    def records(self, jobs: list[Job], settings: Settings) -> Iterator[list[Record]]:
        self.work.mkdir(parents=True, exist_ok=True)
        backend = DeferredBackend(
            model=self.client_backend.model, endpoint_url=self.client_backend.endpoint or "",
            answers=self._answers(), attempts=self.client_backend.attempts,
        )
        waiting = self._pending()
        if waiting is not None:  # a batch submitted before a stop: collect it, do not pay twice
            backend.answers.update(self._collect(waiting, {}))
        left = [read_job(job, settings) for job in jobs]
        for round_number in range(1, MAX_ROUNDS + 1):
            requests: dict[str, tuple[dict[str, Any], Job, str]] = {}
            still: list[Job] = []
            done: list[Record] = []
            for job in left:
                try:
                    done.append(summarize_job(job, backend, settings))
                except Deferred as deferred:
                    requests.setdefault(deferred.key, (deferred.body, job, deferred.answer))
                    still.append(job)
            if done:
                yield done
            if not requests:
                return
            batch_id = self._submit(requests, round_number)
            backend.answers.update(self._collect(batch_id, requests))
            left = still
        yield [failed_record(job, settings.prompts.version, SummarizerError(
            f"no answer after {MAX_ROUNDS} Batch API rounds")) for job in left]

    def _submit(self, requests: dict[str, tuple[dict[str, Any], Job, str]], round_number: int) -> str:
        lines = [
            json.dumps({"custom_id": key, "method": "POST", "url": "/v1/chat/completions", "body": body},
                       ensure_ascii=False)
            for key, (body, _, _) in requests.items()
        ]
        path = self.work / f"requests-{int(time.time())}-{round_number}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        client = self.client_backend._openai
        try:
            uploaded = client.files.create(file=(path.name, path.read_bytes(), "application/jsonl"), purpose="batch")
            batch = client.batches.create(
                input_file_id=uploaded.id, endpoint="/v1/chat/completions", completion_window="24h",
            )
        except Exception as error:  # provider errors become one-line errors
            raise _map_error(error, self.client_backend._redact) from None
        self._set_pending(batch.id)
        self.batches.append(batch.id)
        return batch.id

    def _collect(self, batch_id: str, requests: dict[str, tuple[dict[str, Any], Job, str]]) -> dict[str, Reply]:
        """Wait for the batch to end and read its answers (kept on disk before they are used)."""
        client = self.client_backend._openai
        started = time.monotonic()
        try:
            batch = client.batches.retrieve(batch_id)
            while batch.status not in ENDED:
                time.sleep(self.poll)
                batch = client.batches.retrieve(batch_id)
            replies: dict[str, Reply] = {}
            for file_id in (batch.output_file_id, batch.error_file_id):
                if file_id:
                    replies.update(_replies(client.files.content(file_id).text))
        except Exception as error:
            raise _map_error(error, self.client_backend._redact) from None
        if batch.status != "completed" and not replies:
            self._set_pending(None)
            raise EndpointUnreachable(f"the Batch API batch {batch_id} ended {batch.status}")
        self._keep(replies)
        self._set_pending(None)
        if batch_id not in self.batches:
            self.batches.append(batch_id)
        self._log(replies, requests, time.monotonic() - started)
        return replies

    def _log(self, replies: dict[str, Reply], requests: dict[str, tuple[dict[str, Any], Job, str]], seconds: float) -> None:
        if self.call_log is None:
            return
        for key, reply in replies.items():
            if key not in requests:
                continue
            _, job, answer = requests[key]
            with call_context(None, job.content_hash, job.source):
                self.call_log.record(
                    backend="openai-batch", endpoint=self.client_backend.endpoint, model=self.client_backend.model,
                    answer=answer, prompt_tokens=reply.prompt_tokens, completion_tokens=reply.completion_tokens,
                    seconds=seconds, outcome="ok" if reply.error is None else "failed", error=reply.error,
                )


def _replies(text: str) -> dict[str, Reply]:
    """custom_id -> answer, from a Batch API output or error file."""
    found: dict[str, Reply] = {}
    for line in text.splitlines():
        try:
            data = json.loads(line)
            key = data["custom_id"]
        except (ValueError, KeyError, TypeError):
            continue
        response = data.get("response") or {}
        body = response.get("body") or {}
        if data.get("error") or response.get("status_code", 200) >= 400:
            message = (data.get("error") or body.get("error") or {}).get("message") or f"HTTP {response.get('status_code')}"
            found[key] = Reply(None, error=" ".join(str(message).split())[:300])
            continue
        try:
            content = body["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            found[key] = Reply(None, error="the answer holds no message")
            continue
        usage = body.get("usage") or {}
        found[key] = Reply(content, int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0))
    return found
