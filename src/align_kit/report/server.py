"""The local review editor: a standard-library HTTP server over one alignment file.

`GET /` serves the page (plain HTML + script, no build step);
`GET /api/alignment` the beads as JSON with the file's version;
`POST /api/edit` applies one edit (merge, split, move, review, undo).

Every edit names the version it was made on: a stale version gets 409, so
two editors (or an editor and a script) never overwrite each other. Each
save keeps the new state in `<file>.history/` first and then writes the file,
both atomically (storage.py: bounded, crash-safe, undo steps back). A bad
request gets a 4xx with a JSON message and changes nothing.

Security: the server binds to 127.0.0.1 only, checks the Host header (no DNS
rebinding), takes edits only as JSON (no cross-site form posts), and wants a
random token (in the URL it prints; the page sends it as `X-Review-Token`) on
every request, so other local users cannot read or edit the text. Every
response says `X-Frame-Options: DENY`, a strict Content-Security-Policy (the
page's one script and style carry a per-response nonce), nosniff,
no-referrer and no-store.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
import threading
import webbrowser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from align_kit.align.explain import explain_bead
from align_kit.errors import AlignKitError, InputError
from align_kit.model import Alignment, bead_number
from align_kit.report import edits
from align_kit.report.html import finding_tooltip, static_text
from align_kit.report.storage import (
    file_version,
    load_alignment,
    locked,
    recover,
    save_edit,
    undo,
    undo_depth,
)

MAX_BODY = 1 << 20
MAX_DEPTH = 16  # edits are flat objects; deeper JSON is refused before parsing (no recursion)
TOKEN_HEADER = "X-Review-Token"
OPERATIONS = ("merge", "split", "move", "review", "text", "delete", "insert", "undo")


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
        beads.append({"number": bead_number(b), "why": explain_bead(alignment, b),
                      "kind": bead.kind, "score": round(bead.score, 4),
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
    if op == "text":
        return edits.edit_segment_text(alignment, _int_field(body, "side"),
                                       _int_field(body, "segment"), body.get("text"))
    if op == "delete":
        return edits.delete_segment(alignment, _int_field(body, "side"),
                                    _int_field(body, "segment"))
    bead = _int_field(body, "bead")
    if op == "insert":
        return edits.insert_segment(alignment, bead, _int_field(body, "side"),
                                    _int_field(body, "at"), body.get("text"))
    if op == "merge":
        return edits.merge_beads(alignment, bead)
    if op == "split":
        cuts = body.get("cuts")  # one split position per side, the reviewer's choice
        if cuts is not None and (not isinstance(cuts, list) or any(
                isinstance(c, bool) or not isinstance(c, int) for c in cuts)):
            raise RequestError(400, f"field 'cuts' must be a list of integers, got {cuts!r}")
        if cuts is not None and "side" not in body:
            body = {**body, "side": 0, "at": cuts[0] if cuts else 0}
        return edits.split_bead(alignment, bead, _int_field(body, "side"), _int_field(body, "at"),
                                cuts=cuts)
    if op == "move":
        return edits.move_segment(alignment, bead, _int_field(body, "side"),
                                  str(body.get("direction")))
    reviewed = body.get("reviewed", True)
    if not isinstance(reviewed, bool):
        raise RequestError(400, f"field 'reviewed' must be true or false, got {reviewed!r}")
    return edits.mark_reviewed(alignment, bead, reviewed)


class ReviewServer(ThreadingHTTPServer):
    """Serves one alignment file for review; edits are serialised by a lock."""

    daemon_threads = True

    def __init__(self, path: str | os.PathLike, port: int = 0, host: str = "127.0.0.1",
                 quiet: bool = False, token: str | None = None) -> None:
        self.path = Path(path)
        # a secret per server: only who sees the printed URL can read or edit the file
        self.token = token or secrets.token_urlsafe(24)
        if not self.path.is_file():
            raise InputError("no such alignment file", path=str(self.path),
                             hint="give a *.align.jsonl written by `align-kit align` or `run`")
        load_alignment(self.path)  # fail now, with a clear message, not on the first request
        with locked(self.path):  # finish what a killed save left; record the state we start from
            self.recovered = recover(self.path)
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
        return f"http://{host}:{port}/?token={self.token}"

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def state(self) -> dict:
        with self.lock:
            return self._state()

    def _state(self) -> dict:
        return alignment_state(load_alignment(self.path), file_version(self.path),
                               undo_depth(self.path), self.path.name)

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
        with self.lock, locked(self.path):
            current = file_version(self.path)
            if version != current:
                raise RequestError(409, "the alignment file changed since this page loaded it "
                                   "(another editor or a script); reload to see its version",
                                   version=current)
            if op == "undo":
                if not undo(self.path):
                    raise RequestError(409, "nothing to undo: no earlier version is kept")
                return self._state()
            try:
                changed = apply_edit(load_alignment(self.path), body)
            except edits.EditError as exc:
                raise RequestError(400, str(exc)) from None
            save_edit(changed, self.path)  # history first, then the file; crash-safe
            return self._state()


def json_depth_ok(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """True when brackets nest at most `limit` deep (strings skipped): checked before parsing."""
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "align-kit-review"
    timeout = 60  # a client that stops sending does not hold a thread forever

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        if not self.server.quiet:
            # never log the token (it is in the request line)
            super().log_message(format, *(str(a).replace(self.server.token, "…")
                                          for a in args))

    def _send(self, status: int, body: bytes, content_type: str, nonce: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        inline = f" 'nonce-{nonce}'" if nonce else ""
        self.send_header("Content-Security-Policy",
                         f"default-src 'self'; script-src 'self'{inline}; "
                         f"style-src 'self'{inline}; img-src 'self' data:; "
                         "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, payload: dict) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _error(self, status: int, message: str, **extra: object) -> None:
        self._json(status, {"error": message, "status": status, **extra})

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return host in ("127.0.0.1", "localhost", "::1")

    def _token_ok(self) -> bool:
        given = self.headers.get(TOKEN_HEADER)
        if given is None:
            given = (parse_qs(urlsplit(self.path).query).get("token") or [""])[0]
        return hmac.compare_digest(given.encode("utf-8", "replace"),
                                   self.server.token.encode("utf-8"))

    def _allowed(self) -> bool:
        """Host and token checks, answering 403 when one fails."""
        if not self._host_ok():
            self._error(403, "the review server answers on 127.0.0.1 only")
            return False
        if not self._token_ok():
            self._error(403, "missing or wrong token: open the URL `align-kit review` printed "
                        "(it ends in ?token=...)")
            return False
        return True

    def _page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        page = static_text("editor.html").replace(
            "/*EDITOR_CSS*/", static_text("editor.css")).replace(
            "/*EDITOR_JS*/", static_text("editor.js")).replace(
            "__NONCE__", nonce).replace("__TOKEN__", self.server.token)
        self._send(200, page.encode("utf-8"), "text/html; charset=utf-8", nonce=nonce)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not self._allowed():
            return
        route = urlsplit(self.path).path
        try:
            if route in ("/", "/index.html"):
                self._page()
            elif route == "/api/alignment":
                self._json(200, self.server.state())
            else:
                self._error(404, f"no such page: {route}")
        except AlignKitError as exc:
            self._error(500, f"cannot read the alignment file: {exc}")

    do_HEAD = do_GET

    def _body(self) -> object:
        """The request's JSON body, or a RequestError (400/413/415) saying what is wrong."""
        ctype = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if ctype != "application/json":
            raise RequestError(415, "send edits as application/json")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length > MAX_BODY:
            self.close_connection = True  # the unread body must not be taken for a request
            raise RequestError(413, f"request body too large: at most {MAX_BODY} bytes")
        if length <= 0:
            raise RequestError(400, "missing or bad Content-Length")
        raw = self.rfile.read(length)
        if not json_depth_ok(raw):
            raise RequestError(400, f"malformed JSON: nested deeper than {MAX_DEPTH} levels")
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise RequestError(400, f"malformed JSON: {exc}") from None

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if not self._allowed():
            return
        route = urlsplit(self.path).path
        if route != "/api/edit":
            self._error(404, f"no such endpoint: {route}")
            return
        try:
            self._json(200, self.server.edit(self._body()))
        except RequestError as exc:
            self._error(exc.status, exc.message, **exc.extra)
        except AlignKitError as exc:
            self._error(500, f"the edit could not be saved: {exc}")

    def do_PUT(self) -> None:  # noqa: N802 - stdlib name
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "use GET for pages and POST /api/edit")

    do_DELETE = do_PUT
    do_PATCH = do_PUT
    do_OPTIONS = do_PUT


def serve_review(path: str | os.PathLike, port: int = 0, open_browser: bool = True,
                 announce=print) -> None:
    """Run the editor until interrupted (Ctrl-C)."""
    server = ReviewServer(path, port)
    for what in server.recovered:  # a save killed last time: say what was finished or undone
        announce(f"{server.path}: notice: {what}")
    announce(f"reviewing {server.path} at {server.url} (Ctrl-C to stop)")
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(server.url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
