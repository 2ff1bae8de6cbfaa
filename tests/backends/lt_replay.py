"""A stand-in LanguageTool server on 127.0.0.1 that replays recorded ``/v2/check`` exchanges.

Recordings have the format of ``../shared/languagetool/recorded/*.json``: ``request.params``
(the form fields sent) and either ``response`` (the server's JSON) or ``status`` and ``body``
(an error). The server answers:

- a request whose fields equal a recording's exactly, with that recording's answer;
- otherwise, when ``derive`` is on, a request whose text is a piece of a recorded text (one
  paragraph of a recorded article) in the same language and level, with the recorded matches
  that lie inside that piece, offsets shifted (in UTF-16 units, as LanguageTool counts). The
  other fields (``disabledRules``...) are not emulated: the adapter filters its side too;
- the adapter's probe sentence with no match;
- anything else with HTTP 500, so a test notices a request it did not plan.

``hang=True`` makes it accept connections and never answer. Every request's fields are kept in
``requests``.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from newslint.backends.languagetool import PROBE_TEXT

SOFTWARE = {"name": "LanguageTool", "version": "6.3", "apiVersion": 1, "premium": False}


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (an independent way to count them)."""
    return len(text.encode("utf-16-le")) // 2


def unused_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections to it are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ReplayServer:
    """Context manager: a threaded HTTP server replaying ``recordings``."""

    def __init__(
        self, recordings: Iterable[Mapping[str, Any]] = (), *, derive: bool = True,
        hang: bool = False,
    ) -> None:  # fmt: skip
        self.recordings = list(recordings)
        self.derive = derive
        self.hang = hang
        self.requests: list[dict[str, str]] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the running server (``http://127.0.0.1:PORT``)."""
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> ReplayServer:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                replay._handle(self, parts.path, dict(parse_qsl(parts.query, True)))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                replay._handle(self, urlsplit(self.path).path, dict(parse_qsl(body, True)))

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False  # a hanging handler must not block the test's exit
        self._server = server
        # a short poll interval: shutdown() waits for one, and tests start many servers
        self._thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------------ answering

    def _handle(self, handler: BaseHTTPRequestHandler, path: str, params: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(params)
        if self.hang:
            self._stop.wait(30)
            return
        if path.endswith("/v2/languages"):
            self._send(handler, 200, [{"name": "English (US)", "code": "en", "longCode": "en-US"}])
            return
        if not path.endswith("/v2/check"):
            self._send(handler, 404, f"no such endpoint: {path}")
            return
        status, answer = self.answer(params)
        self._send(handler, status, answer)

    def answer(self, params: Mapping[str, str]) -> tuple[int, Any]:
        """The status and body the server gives to a request with these fields."""
        for recording in self.recordings:
            if dict(recording["request"]["params"]) == dict(params):
                if "response" in recording:
                    return 200, recording["response"]
                return int(recording["status"]), recording["body"]
        text = params.get("text", "")
        if text == PROBE_TEXT:
            return 200, {"software": SOFTWARE, "matches": []}
        if self.derive:
            derived = self._derive(params)
            if derived is not None:
                return 200, derived
        return 500, f"replay server: no recorded exchange for {dict(params)!r}"

    def _derive(self, params: Mapping[str, str]) -> dict[str, Any] | None:
        text = params.get("text", "")
        for recording in self.recordings:
            sent = recording["request"]["params"]
            if "response" not in recording or sent.get("language") != params.get("language"):
                continue
            if sent.get("level") != params.get("level"):
                continue
            at = _paragraph_at(sent["text"], text)
            if not text or at < 0:
                continue
            start = utf16_len(sent["text"][:at])
            end = start + utf16_len(text)
            response = recording["response"]
            matches = []
            for match in response["matches"]:
                if start <= match["offset"] and match["offset"] + match["length"] <= end:
                    matches.append({**match, "offset": match["offset"] - start})
            derived = {k: v for k, v in response.items() if k != "sentenceRanges"}
            derived["matches"] = matches
            return derived
        return None

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, body: Any) -> None:
        if isinstance(body, str):
            data, kind = body.encode("utf-8"), "text/plain; charset=utf-8"
        else:
            data, kind = json.dumps(body).encode("utf-8"), "application/json"
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", kind)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except OSError:  # the client gave up (a timeout test): nothing to tell it
            pass


def _paragraph_at(whole: str, text: str) -> int:
    """Where ``text`` stands in ``whole`` as a paragraph of its own if it does, else anywhere."""
    at = whole.find(text)
    first = at
    while at >= 0:
        end = at + len(text)
        if (at == 0 or whole[at - 1] == "\n") and (end == len(whole) or whole[end] in "\r\n"):
            return at
        at = whole.find(text, at + 1)
    return first


def make_recording(
    text: str, matches: Iterable[Mapping[str, Any]], language: str = "en-US",
    **params: str,
) -> dict[str, Any]:  # fmt: skip
    """A recording in the shared format, with offsets computed from each match's fragment.

    Each match names ``fragment`` (the flagged text; ``occurrence`` picks a later one) and its
    rule; offsets are counted in UTF-16 units with ``utf16_len``, independently of the adapter.
    """
    built = []
    for spec in matches:
        fragment = spec["fragment"]
        at = -1
        for _ in range(spec.get("occurrence", 1)):
            at = text.index(fragment, at + 1)
        built.append(
            {
                "message": spec["message"],
                "shortMessage": spec.get("short", ""),
                "replacements": [{"value": v} for v in spec.get("replacements", ())],
                "offset": utf16_len(text[:at]),
                "length": utf16_len(fragment),
                "context": {"text": text, "offset": utf16_len(text[:at]),
                            "length": utf16_len(fragment)},
                "sentence": "",
                "type": {"typeName": "Other"},
                "rule": {
                    "id": spec["rule"],
                    "description": spec.get("description", spec["message"]),
                    "issueType": spec.get("issue", "grammar"),
                    "category": {"id": spec["category"], "name": spec["category"].title()},
                },
            }
        )  # fmt: skip
    return {
        "request": {"path": "check", "params": {"language": language, "text": text, **params}},
        "response": {
            "software": SOFTWARE,
            "language": {"name": language, "code": language},
            "matches": built,
        },
    }
