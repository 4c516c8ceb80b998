"""The accepted-findings file: findings a reviewer judged fine, kept across runs.

JSON (docs/qa.md):

    {"format": "align-kit-accepted", "version": 1,
     "accepted": [{"check": "...", "entry": null, "term": "...", "language": "en",
                   "fingerprint": "...", "message": "...", "text": "..."}, ...]}

A finding is keyed by check, entry, term, language and fingerprint (how the fingerprint
is made: `qa.accepted`); `document`, `message` and `text` are for the person reading the
file and take no part in the key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from align_kit.errors import InputError
from align_kit.formats.atomic import write_text_atomic

FORMAT = "align-kit-accepted"
VERSION = 1
Key = tuple[str, str, str, str, str]  # check, entry, term, language, fingerprint


def entry_key(item: dict) -> Key:
    """The key of one entry of the file."""
    return (item["check"], item.get("entry") or "", item.get("term") or "",
            item.get("language") or "", item["fingerprint"])


def _read(path: str | Path) -> list[dict]:
    source = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("the accepted-findings file is not UTF-8", path=source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=source) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path=source, line=exc.lineno,
                         hint="write it with `check --accept-all FILE`") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("not an align-kit accepted-findings file", path=source,
                         hint="write one with `check --accept-all FILE`")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise InputError(f"accepted-findings version {data.get('version')!r} is newer than "
                         f"this align-kit reads ({VERSION})", path=source, hint="upgrade align-kit")
    items = data.get("accepted")
    if not isinstance(items, list):
        raise InputError("'accepted' is not a list", path=source)
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("check"), str) or not (
                isinstance(item.get("fingerprint"), str)):
            raise InputError(f"accepted finding {n} has no 'check' and 'fingerprint'",
                             path=source, hint="write the file with `check --accept-all FILE`")
    return items


def load_accepted(path: str | Path) -> set[Key]:
    """The keys of an accepted-findings file; InputError if it is not one."""
    return {entry_key(item) for item in _read(path)}


def add_accepted(path: str | Path, entries: Iterable[dict]) -> int:
    """Add `entries` (dicts with the file's fields) to the file at `path`, created if
    missing, written atomically; entries whose key is there already are left out. A
    malformed existing file is an error, never overwritten. Returns how many were added."""
    target = Path(path)
    items = _read(target) if target.exists() else []
    have = {entry_key(i) for i in items}
    added = 0
    for entry in entries:
        key = entry_key(entry)
        if key in have:
            continue
        have.add(key)
        items.append(entry)
        added += 1
    data = {"format": FORMAT, "version": VERSION, "accepted": items}
    write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return added
