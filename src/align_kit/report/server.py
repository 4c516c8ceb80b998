"""The local review editor: a standard-library HTTP server over one alignment file.

`GET /` serves the page (plain HTML + script, no build step);
`GET /api/alignment` the beads as JSON with the file's version;
`POST /api/edit` applies one edit (merge, split, move, review, undo).

Every edit names the version it was made on: a stale version gets 409, so
two editors (or an editor and a script) never overwrite each other. Before
each write the current file is copied into `<file>.history/` (undo pops it
back) and the new one is written atomically. A bad request gets a 4xx with a
JSON message and changes nothing. The server binds to 127.0.0.1 only, checks
the Host header (no DNS rebinding) and takes edits only as JSON (no
cross-site form posts).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import webbrowser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from align_kit.errors import AlignKitError, InputError
from align_kit.model import Alignment
from align_kit.report import edits
from align_kit.report.html import finding_tooltip, static_text
from align_kit.report.storage import (
    file_version,
    history,
    history_dir,
    keep_previous,
    load_alignment,
    restore_previous,
    save_alignment,
)

try:  # POSIX: an advisory lock so two editor processes on one file take turns
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock and version check remain
    fcntl = None

MAX_BODY = 1 << 20
OPERATIONS = ("merge", "split", "move", "review", "undo")


class RequestError(Exception):
    """A request we refuse, with the HTTP status and a message for the page."""

    def __init__(self, status: int, message: str, **extra: object) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra


def alignment_state(alignment: Alignment, version: str, undo_depth: int, name: str) -> dict:
    """What the page renders: beads with their sentences, findings, and the file version."""
    by_bead: dict[int, list[dict]] = {}
    for f in alignment.findings:
        if f.bead is not None:
            by_bead.setdefault(f.bead, []).append(
                {"severity": f.severity, "message": f.message, "tooltip": finding_tooltip(f),
                 "language": f.language})
    beads = []
    for b, bead in enumerate(alignment.beads):
        sides = []
        for doc, side in zip(alignment.documents, bead.indexes, strict=True):
            sides.append([{"i": i, "text": doc.segments[i].text if 0 <= i < len(doc.segments)
                           else f"[segment {i} missing]"} for i in side])
        beads.append({"kind": bead.kind, "score": round(bead.score, 4),
                      "flags": sorted(bead.flags), "sides": sides,
                      "findings": by_bead.get(b, [])})
    return {
        "file": name,
        "version": version,
        "undo": undo_depth,
        "id": alignment.id,
        "original": alignment.original,
        "documents": [{"id": d.id, "language": d.language, "source": d.source}
                      for d in alignment.documents],
        "beads": beads,
    }


def _int_field(body: dict, name: str) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RequestError(400, f"field {name!r} must be an integer, got {value!r}")
    return value


def apply_edit(alignment: Alignment, body: dict) -> Alignment:
    """One edit request (already parsed JSON) applied to `alignment`; raises on bad input."""
    op = body["op"]
    bead = _int_field(body, "bead")
    if op == "merge":
        return edits.merge_beads(alignment, bead)
    if op == "split":
        return edits.split_bead(alignment, bead, _int_field(body, "side"), _int_field(body, "at"))
    if op == "move":
        return edits.move_segment(alignment, bead, _int_field(body, "side"),
                                  str(body.get("direction")))
    reviewed = body.get("reviewed", True)
    if not isinstance(reviewed, bool):
        raise RequestError(400, f"field 'reviewed' must be true or false, got {reviewed!r}")
    return edits.mark_reviewed(alignment, bead, reviewed)


@contextlib.contextmanager
def _file_lock(path: Path):
    """Hold `<file>.history/.lock` while checking the version and writing."""
    if fcntl is None:
        yield
        return
    folder = history_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ReviewServer(ThreadingHTTPServer):
    """Serves one alignment file for review; edits are serialised by a lock."""

    daemon_threads = True

    def __init__(self, path: str | os.PathLike, port: int = 0, host: str = "127.0.0.1",
                 quiet: bool = False) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise InputError("no such alignment file", path=str(self.path),
                             hint="give a *.align.jsonl written by `align-kit align` or `run`")
        load_alignment(self.path)  # fail now, with a clear message, not on the first request
        self.lock = threading.Lock()
        self.quiet = quiet
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                             hint="choose another --port, or leave it out for a free one") from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def state(self) -> dict:
        with self.lock:
            return self._state()

    def _state(self) -> dict:
        return alignment_state(load_alignment(self.path), file_version(self.path),
                               len(history(self.path)), self.path.name)

    def edit(self, body: object) -> dict:
        """Check and apply one edit request; returns the new state."""
        if not isinstance(body, dict):
            raise RequestError(400, "the request body must be a JSON object")
        op = body.get("op")
        if op not in OPERATIONS:
            raise RequestError(400, f"unknown op {op!r}: use one of {', '.join(OPERATIONS)}")
        version = body.get("version")
        if not isinstance(version, str):
            raise RequestError(400, "field 'version' (the file version the edit was made on) "
                               "is missing")
        with self.lock, _file_lock(self.path):
            current = file_version(self.path)
            if version != current:
                raise RequestError(409, "the alignment file changed since this page loaded it "
                                   "(another editor or a script); reload to see its version",
                                   version=current)
            if op == "undo":
                if not restore_previous(self.path):
                    raise RequestError(409, "nothing to undo: no earlier version is kept")
                return self._state()
            try:
                changed = apply_edit(load_alignment(self.path), body)
            except edits.EditError as exc:
                raise RequestError(400, str(exc)) from None
            kept = keep_previous(self.path)
            try:
                save_alignment(changed, self.path)
            except BaseException:
                kept.unlink(missing_ok=True)
                raise
            return self._state()


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "align-kit-review"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, payload: dict) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _error(self, status: int, message: str, **extra: object) -> None:
        self._json(status, {"error": message, "status": status, **extra})

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return host in ("127.0.0.1", "localhost", "::1")

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok():
            self._error(403, "the review server answers on 127.0.0.1 only")
            return
        route = self.path.split("?", 1)[0]
        try:
            if route in ("/", "/index.html"):
                page = static_text("editor.html").replace(
                    "/*EDITOR_CSS*/", static_text("editor.css")).replace(
                    "/*EDITOR_JS*/", static_text("editor.js"))
                self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
            elif route == "/api/alignment":
                self._json(200, self.server.state())
            else:
                self._error(404, f"no such page: {route}")
        except AlignKitError as exc:
            self._error(500, f"cannot read the alignment file: {exc}")

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if not self._host_ok():
            self._error(403, "the review server answers on 127.0.0.1 only")
            return
        if self.path.split("?", 1)[0] != "/api/edit":
            self._error(404, f"no such endpoint: {self.path}")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if ctype != "application/json":
            self._error(415, "send edits as application/json")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._error(413 if length > MAX_BODY else 400, "bad or too large Content-Length")
            return
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self._error(400, f"malformed JSON: {exc}")
            return
        try:
            self._json(200, self.server.edit(body))
        except RequestError as exc:
            self._error(exc.status, exc.message, **exc.extra)
        except AlignKitError as exc:
            self._error(500, f"the edit could not be saved: {exc}")

    def do_PUT(self) -> None:  # noqa: N802 - stdlib name
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "use GET for pages and POST /api/edit")

    do_DELETE = do_PUT
    do_PATCH = do_PUT


def serve_review(path: str | os.PathLike, port: int = 0, open_browser: bool = True,
                 announce=print) -> None:
    """Run the editor until interrupted (Ctrl-C)."""
    server = ReviewServer(path, port)
    announce(f"reviewing {server.path} at {server.url} (Ctrl-C to stop)")
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(server.url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
