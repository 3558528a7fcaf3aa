"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, in a thread.

Tests set what it answers (``grade``, ``content``, ``status``, ``delay``) and read
what it was sent (``requests``: the JSON bodies, ``headers``).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLlm:
    def __init__(self) -> None:
        self.grade: int = 2
        self.reasons: list[str] = ["讲到了要点"]
        self.content: str | None = None  # raw message content instead of JSON
        self.status: int = 200
        self.delay: float = 0.0
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.paths: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> FakeLlm:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self) -> tuple[int, bytes]:
        if self.status != 200:
            return self.status, b'{"error": {"message": "overloaded"}}'
        content = self.content
        if content is None:
            content = json.dumps(
                {"grade": self.grade, "reasons": self.reasons}, ensure_ascii=False
            )
        body = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
        }
        return 200, json.dumps(body, ensure_ascii=False).encode("utf-8")

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                fake.requests.append(json.loads(self.rfile.read(length)))
                fake.headers.append(dict(self.headers))
                fake.paths.append(self.path)
                if fake.delay:
                    time.sleep(fake.delay)
                status, body = fake.answer()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler
