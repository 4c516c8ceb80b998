"""The review server over HTTP (urllib): edits saved with history, 4xx for bad requests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from conftest import RunningServer

from align_kit.errors import InputError
from align_kit.report.edits import mark_reviewed
from align_kit.report.server import ReviewServer
from align_kit.report.storage import (
    file_version,
    history,
    load_alignment,
    read_state,
    save_alignment,
)

TOKENS: dict[str, str] = {}  # base URL -> token of the running test servers


def call(url: str, body: object = None, *, raw: bytes | None = None,
         content_type: str = "application/json", host: str | None = None,
         token: str | None = "auto") -> tuple[int, dict]:
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if data is not None:
        request.add_header("Content-Type", content_type)
    if host:
        request.add_header("Host", host)
    if token == "auto":
        token = next((t for base, t in TOKENS.items() if url.startswith(base)), None)
    if token is not None:
        request.add_header("X-Review-Token", token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@pytest.fixture(autouse=True)
def _tokens(monkeypatch):
    """Every RunningServer's token is known to `call` (it sends it like the page does)."""
    original = RunningServer.__init__

    def init(self, path):
        original(self, path)
        TOKENS[self.url] = self.token

    monkeypatch.setattr(RunningServer, "__init__", init)
    yield
    TOKENS.clear()


def state(server) -> dict:
    status, body = call(server.url + "api/alignment")
    assert status == 200
    return body


def edit(server, **body) -> tuple[int, dict]:
    return call(server.url + "api/edit", body)


def test_page_and_state(review_server, alignment_file):
    with urllib.request.urlopen(review_server.page, timeout=10) as response:
        page = response.read().decode()
    assert "<table id=\"beads\">" in page and "/*EDITOR_JS*/" not in page
    body = state(review_server)
    assert body["version"] == file_version(alignment_file)
    assert [d["language"] for d in body["documents"]] == ["be", "ru", "en"]
    assert [b["kind"] for b in body["beads"]] == ["1-1-1", "1-1-1", "1-1-1", "1-2-2", "1-1-1"]
    assert body["beads"][2]["sides"][2][0]["text"].startswith("Pavel Latushka said")
    assert body["beads"][2]["findings"][0]["severity"] == "error"
    assert body["undo"] == 0


def test_merge_is_saved_with_the_states_before_and_after_kept(review_server, alignment_file):
    before = alignment_file.read_bytes()
    version = state(review_server)["version"]
    status, body = edit(review_server, op="merge", bead=1, version=version)
    assert status == 200
    assert [b["kind"] for b in body["beads"]] == ["1-1-1", "2-2-2", "1-2-2", "1-1-1"]
    on_disk = load_alignment(alignment_file)
    assert on_disk.beads[1].indexes == ((1, 2), (1, 2), (1, 2))
    assert body["version"] == file_version(alignment_file) != version
    kept = history(alignment_file)
    # the state before the edit and the state after it: the last state is always recoverable
    assert [read_state(k) for k in kept] == [before, alignment_file.read_bytes()]
    assert body["undo"] == 1


def test_split_move_review_and_undo(review_server, alignment_file):
    v0 = state(review_server)["version"]
    status, body = edit(review_server, op="split", bead=3, side=1, at=1, version=v0)
    assert status == 200, body
    assert [b["kind"] for b in body["beads"]][3:5] == ["1-1-1", "0-1-1"]
    status, body = edit(review_server, op="move", bead=4, side=2, direction="prev",
                        version=body["version"])
    assert status == 200, body
    assert load_alignment(alignment_file).beads[3].indexes == ((3,), (3,), (3, 4))
    status, body = edit(review_server, op="review", bead=0, reviewed=True,
                        version=body["version"])
    assert status == 200 and body["beads"][0]["flags"] == ["reviewed"]
    assert "reviewed" in load_alignment(alignment_file).beads[0].flags
    # undo three times: back to the original file, byte for byte
    for expected_depth in (2, 1, 0):
        status, body = edit(review_server, op="undo", version=body["version"])
        assert status == 200 and body["undo"] == expected_depth
    assert body["version"] == v0
    status, body = edit(review_server, op="undo", version=body["version"])
    assert status == 409 and "nothing to undo" in body["error"]


@pytest.mark.parametrize("request_body, status, message", [
    ({"op": "merge", "bead": 99}, 400, "unknown bead 100: the alignment has beads 1..5"),
    ({"op": "merge", "bead": 4}, 400, "last one"),
    ({"op": "merge", "bead": "1"}, 400, "must be an integer"),
    ({"op": "split", "bead": 0, "side": 0, "at": 7}, 400, "cannot split"),
    ({"op": "move", "bead": 0, "side": 5, "direction": "next"}, 400, "unknown side"),
    ({"op": "review", "bead": 0, "reviewed": "yes"}, 400, "true or false"),
    ({"op": "explode", "bead": 0}, 400, "unknown op"),
    ({"op": "merge", "bead": 0, "version": "0123456789abcdef"}, 409, "changed since"),
    ({"op": "merge", "bead": 0, "version": None}, 400, "version"),
    ([1, 2], 400, "JSON object"),
])
def test_bad_requests_get_4xx_and_change_nothing(review_server, alignment_file, request_body,
                                                  status, message):
    before = alignment_file.read_bytes()
    if isinstance(request_body, dict) and "version" not in request_body:
        request_body = {**request_body, "version": state(review_server)["version"]}
    got, body = call(review_server.url + "api/edit", request_body)
    assert got == status
    assert message in body["error"]
    assert alignment_file.read_bytes() == before
    assert [read_state(k) for k in history(alignment_file)] == [before]  # only the start state


def test_malformed_requests(review_server, alignment_file):
    before = alignment_file.read_bytes()
    url = review_server.url + "api/edit"
    status, body = call(url, raw=b'{"op": "merge", "bead": 0,')
    assert status == 400 and "malformed JSON" in body["error"]
    status, body = call(url, raw=b"\xff\xfe", content_type="application/json")
    assert status == 400
    status, body = call(url, raw=b"op=merge&bead=0",
                        content_type="application/x-www-form-urlencoded")
    assert status == 415
    status, body = call(review_server.url + "api/nothing", {"op": "merge"})
    assert status == 404
    status, body = call(review_server.url + "api/alignment", host="evil.example:80")
    assert status == 403
    assert alignment_file.read_bytes() == before


def test_stale_editor_cannot_overwrite_another(review_server, alignment_file):
    first = state(review_server)["version"]
    second = first  # a second tab loaded the same version
    status, _ = edit(review_server, op="merge", bead=0, version=first)
    assert status == 200
    after_first = alignment_file.read_bytes()
    status, body = edit(review_server, op="merge", bead=2, version=second)
    assert status == 409
    assert body["version"] == file_version(alignment_file)
    assert alignment_file.read_bytes() == after_first


def test_an_edit_made_on_disk_makes_the_page_stale(review_server, alignment_file):
    version = state(review_server)["version"]
    save_alignment(mark_reviewed(load_alignment(alignment_file), 4), alignment_file)  # a script
    status, _ = edit(review_server, op="merge", bead=0, version=version)
    assert status == 409


def test_an_edit_survives_a_restart(alignment_file):
    server = RunningServer(alignment_file)
    try:
        status, body = edit(server, op="merge", bead=3, version=state(server)["version"])
        assert status == 200
    finally:
        server.stop()
    again = RunningServer(alignment_file)
    try:
        body = state(again)
        assert [b["kind"] for b in body["beads"]] == ["1-1-1", "1-1-1", "1-1-1", "2-3-3"]
        assert body["undo"] == 1
        status, body = edit(again, op="undo", version=body["version"])
        assert status == 200 and len(body["beads"]) == 5
    finally:
        again.stop()


def test_server_refuses_a_missing_or_broken_file(tmp_path):
    with pytest.raises(InputError, match="no such alignment file"):
        ReviewServer(tmp_path / "none.align.jsonl")
    broken = tmp_path / "broken.align.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError):
        ReviewServer(broken)


def test_two_servers_on_one_file_never_overwrite_each_other(review_server, alignment_file):
    other = RunningServer(alignment_file)
    try:
        version = state(review_server)["version"]
        assert state(other)["version"] == version
        status, _ = edit(review_server, op="merge", bead=0, version=version)
        assert status == 200
        after = alignment_file.read_bytes()
        status, body = edit(other, op="merge", bead=2, version=version)
        assert status == 409 and body["version"] == file_version(alignment_file)
        assert alignment_file.read_bytes() == after
        status, body = edit(other, op="merge", bead=2, version=body["version"])
        assert status == 200 and len(body["beads"]) == 3
    finally:
        other.stop()


# --- security (issue 14, item 7) -------------------------------------------------------------

SECURITY_HEADERS = ("X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options",
                    "Referrer-Policy", "Cache-Control")


def raw_request(url: str, *, method: str = "GET", data: bytes | None = None,
                headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.mark.parametrize("route, method", [("", "GET"), ("index.html", "GET"),
                                           ("api/alignment", "GET"), ("api/edit", "POST"),
                                           ("static/editor.js", "GET"), ("nothing", "GET")])
@pytest.mark.parametrize("token", [None, "", "wrong-token", "partial"])
def test_every_request_needs_the_token(review_server, alignment_file, route, method, token):
    before = alignment_file.read_bytes()
    if token == "partial":
        token = review_server.token[:-1]
    url = review_server.url + route
    if token is not None:
        url += f"?token={token}"
    data = json.dumps({"op": "merge", "bead": 0,
                       "version": file_version(alignment_file)}).encode() \
        if method == "POST" else None
    status, headers, body = raw_request(url, method=method, data=data,
                                        headers={"Content-Type": "application/json"})
    assert status == 403
    assert "token" in json.loads(body)["error"]
    assert review_server.token not in body.decode()
    assert all(h in headers for h in SECURITY_HEADERS)
    assert alignment_file.read_bytes() == before


def test_the_token_in_the_url_or_header_opens_everything(review_server):
    status, headers, page = raw_request(review_server.page)
    assert status == 200 and review_server.page.startswith(review_server.url + "?token=")
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    nonce = csp.split("'nonce-", 1)[1].split("'", 1)[0]
    text = page.decode()
    # no inline script or style without the response's nonce
    assert text.count("<script") == text.count(f'<script nonce="{nonce}"') == 1
    assert text.count("<style") == text.count(f'<style nonce="{nonce}"') == 1
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"
    status, headers, _ = raw_request(review_server.url + "api/alignment",
                                     headers={"X-Review-Token": review_server.token})
    assert status == 200 and all(h in headers for h in SECURITY_HEADERS)
    # a fresh nonce per response
    again = raw_request(review_server.page)[1]["Content-Security-Policy"]
    assert again != csp


def test_two_servers_have_different_tokens(alignment_file):
    one, two = ReviewServer(alignment_file, quiet=True), ReviewServer(alignment_file, quiet=True)
    try:
        assert one.token != two.token and len(one.token) >= 32
    finally:
        one.server_close()
        two.server_close()


@pytest.mark.parametrize("raw, status, message", [
    (b"[" * 100_000, 400, "nested deeper"),
    (b'{"op": "merge", "bead": ' + b"[" * 5000 + b"]" * 5000 + b"}", 400, "nested deeper"),
    (b'{"op": "merge", "bead": 0, "version": NaN}', 400, "malformed JSON"),
    (b'{"op": "merge", "bead": Infinity}', 400, "malformed JSON"),
    (b'"merge"', 400, "JSON object"),
    (b"null", 400, "JSON object"),
    (b"", 400, "Content-Length"),
])
def test_malformed_bodies_get_a_json_4xx(review_server, alignment_file, raw, status, message):
    before = alignment_file.read_bytes()
    got, body = call(review_server.url + "api/edit", raw=raw)
    assert got == status, body
    assert message in body["error"]
    assert alignment_file.read_bytes() == before
    assert state(review_server)["version"] == file_version(alignment_file)  # still serving


def test_a_string_holding_brackets_is_not_nesting(review_server, alignment_file):
    version = state(review_server)["version"]
    status, body = call(review_server.url + "api/edit",
                        {"op": "review", "bead": 0, "version": version, "note": "[" * 100})
    assert status == 200, body


def test_text_delete_insert_and_split_per_side_over_http(review_server, alignment_file):
    version = state(review_server)["version"]
    status, body = edit(review_server, op="text", side=2, segment=0, text="The cabinet met.",
                        version=version)
    assert status == 200 and body["beads"][0]["sides"][2][0]["text"] == "The cabinet met."
    assert "edited" in body["beads"][0]["flags"]
    status, body = edit(review_server, op="delete", side=1, segment=4, version=body["version"])
    assert status == 200 and body["beads"][3]["kind"] == "1-1-2"
    status, body = edit(review_server, op="insert", bead=3, side=1, at=1, text="Вставка.",
                        version=body["version"])
    assert status == 200 and body["beads"][3]["kind"] == "1-2-2"
    status, body = edit(review_server, op="split", bead=3, cuts=[1, 1, 2],
                        version=body["version"])
    assert status == 200, body
    assert [b["kind"] for b in body["beads"][3:5]] == ["1-1-2", "0-1-0"]
    doc = load_alignment(alignment_file).documents[1]
    assert all(doc.text[s.start:s.end] == s.text for s in doc.segments)
    for bad, message in (({"op": "split", "bead": 3, "cuts": "1,1"}, "list of integers"),
                         ({"op": "split", "bead": 3, "cuts": [0, 0, 0]}, "empty bead"),
                         ({"op": "text", "side": 0, "segment": 0, "text": " "}, "empty"),
                         ({"op": "delete", "side": 0, "segment": 99}, "unknown segment")):
        got, answer = edit(review_server, **bad, version=body["version"])
        assert got == 400 and message in answer["error"], answer


def test_a_too_large_body_is_refused_before_it_is_read(review_server, alignment_file):
    import http.client

    before = alignment_file.read_bytes()
    host, port = review_server.server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.putrequest("POST", "/api/edit")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str((1 << 20) + 1))
    conn.putheader("X-Review-Token", review_server.token)
    conn.endheaders()  # no body sent: the answer comes from the header alone
    response = conn.getresponse()
    assert response.status == 413
    assert "too large" in json.loads(response.read())["error"]
    conn.close()
    assert alignment_file.read_bytes() == before
