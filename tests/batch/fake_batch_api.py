"""A loopback server with the OpenAI Batch API's endpoints: files upload, batches create and
retrieve, file content. A batch is worked through by a responder (one chat-completion
body in, content out) after ``polls_until_done`` retrievals, like a real queue."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    api: FakeBatchAPI


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _send(self, status: int, body: Any, content_type: str = "application/json") -> None:
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        api = self.server.api
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        api.calls.append(("POST", self.path))
        if self.path == "/v1/files":
            head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
            message = BytesParser(policy=HTTP).parsebytes(head + body)
            parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
            if parts["purpose"].get_content().strip() != "batch":
                self._send(400, {"error": {"message": "purpose must be batch"}})
                return
            self._send(200, api.add_file(parts["file"].get_payload(decode=True), "batch"))
        elif self.path == "/v1/batches":
            request = json.loads(body)
            self._send(200, api.create(request["input_file_id"], request["endpoint"]))
        else:
            self._send(404, {"error": {"message": f"no route POST {self.path}"}})

    def do_GET(self) -> None:  # noqa: N802
        api = self.server.api
        api.calls.append(("GET", self.path))
        parts = self.path.strip("/").split("/")
        if parts[:2] == ["v1", "batches"] and len(parts) == 3:
            self._send(200, api.retrieve(parts[2]))
        elif parts[:2] == ["v1", "files"] and len(parts) == 4 and parts[3] == "content":
            self._send(200, api.files[parts[2]]["content"], "application/octet-stream")
        else:
            self._send(404, {"error": {"message": f"no route GET {self.path}"}})


class FakeBatchAPI:
    def __init__(self, responder: Callable[[dict[str, Any]], str], polls_until_done: int = 2) -> None:
        self.responder = responder
        self.polls_until_done = polls_until_done
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.polls: dict[str, int] = {}
        self.calls: list[tuple[str, str]] = []
        self.requests: list[dict[str, Any]] = []  # every request line of every batch
        self._ids = itertools.count(1)
        self._server: _Server | None = None

    def __enter__(self) -> FakeBatchAPI:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.api = self
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def add_file(self, content: bytes, purpose: str) -> dict[str, Any]:
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = {"content": content}
        return {"id": file_id, "object": "file", "bytes": len(content), "created_at": int(time.time()),
                "filename": "requests.jsonl", "purpose": purpose, "status": "processed"}

    def create(self, input_file_id: str, endpoint: str) -> dict[str, Any]:
        batch_id = f"batch_{next(self._ids)}"
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": endpoint, "input_file_id": input_file_id,
            "completion_window": "24h", "status": "validating", "created_at": int(time.time()),
            "output_file_id": None, "error_file_id": None,
        }
        self.polls[batch_id] = 0
        return self.batches[batch_id]

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        self.polls[batch_id] += 1
        if batch["status"] != "completed":
            batch["status"] = "in_progress"
            if self.polls[batch_id] >= self.polls_until_done:
                self._work(batch)
        return batch

    def _work(self, batch: dict[str, Any]) -> None:
        lines = self.files[batch["input_file_id"]]["content"].decode("utf-8").splitlines()
        out = []
        for line in lines:
            request = json.loads(line)
            self.requests.append(request)
            content = self.responder(request["body"])
            out.append(json.dumps({
                "id": f"batch_req_{next(self._ids)}", "custom_id": request["custom_id"], "error": None,
                "response": {"status_code": 200, "request_id": "r", "body": {
                    "id": "chatcmpl-b", "object": "chat.completion", "created": 0, "model": request["body"]["model"],
                    "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
                }},
            }, ensure_ascii=False))
        batch["output_file_id"] = self.add_file(("\n".join(out) + "\n").encode("utf-8"), "batch_output")["id"]
        batch["status"] = "completed"

    def lines_of(self, batch_id: str) -> Iterator[dict[str, Any]]:
        content = self.files[self.batches[batch_id]["input_file_id"]]["content"].decode("utf-8")
        return (json.loads(line) for line in content.splitlines())
