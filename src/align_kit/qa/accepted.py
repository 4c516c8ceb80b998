"""Accepted findings: a file of findings a reviewer has judged fine, kept across runs.

A finding is keyed by its check id, its glossary entry (if any), the text it is
about (`term`) and a fingerprint of the bead's texts, never by the bead number:
insert a sentence above it and the finding stays accepted; change the bead's
text and it is checked afresh. The file is JSON (docs/qa.md):

    {"format": "align-kit-accepted", "version": 1,
     "accepted": [{"check": "...", "entry": null, "term": "...", "language": "en",
                   "fingerprint": "...", "message": "...", "text": "..."}, ...]}

`message` and `text` are for the person reading the file; they take no part in the key.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from align_kit.errors import InputError
from align_kit.formats.atomic import write_text_atomic
from align_kit.model import Alignment, Finding

FORMAT = "align-kit-accepted"
VERSION = 1
Key = tuple[str, str, str, str, str]  # check, entry, term, language, fingerprint


def _norm(text: str) -> str:
    return " ".join(text.split())


class Fingerprints:
    """Fingerprints of the beads (and unaligned segments) of the checked alignments."""

    def __init__(self, alignments: Sequence[Alignment]) -> None:
        self._docs = {}
        self._texts: dict[tuple[str, int], str] = {}
        for a in alignments:
            for doc in a.documents:
                self._docs[doc.id] = (a, doc)

    def text(self, f: Finding) -> str:
        """The texts the finding is about: all sides of its bead, or its segment."""
        found = self._docs.get(f.document)
        if found is None:
            return ""
        a, doc = found
        if f.bead is not None and 0 <= f.bead < len(a.beads):
            key = (a.id, f.bead)
            if key not in self._texts:
                self._texts[key] = "\n".join(_norm(t) for t in a.texts(a.beads[f.bead]))
            return self._texts[key]
        if f.span:
            for seg in doc.segments:
                if seg.start <= f.span[0] < max(seg.end, seg.start + 1):
                    return _norm(seg.text)
        return ""

    def key(self, f: Finding) -> Key:
        digest = hashlib.sha256(self.text(f).encode("utf-8")).hexdigest()[:24]
        return (f.check, f.entry or "", f.term or "", f.language or "", digest)


def load_accepted(path: str | Path) -> set[Key]:
    """The keys of an accepted-findings file; InputError if it is not one."""
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
    keys: set[Key] = set()
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("check"), str) or not (
                isinstance(item.get("fingerprint"), str)):
            raise InputError(f"accepted finding {n} has no 'check' and 'fingerprint'",
                             path=source, hint="write the file with `check --accept-all FILE`")
        keys.add((item["check"], item.get("entry") or "", item.get("term") or "",
                  item.get("language") or "", item["fingerprint"]))
    return keys


def _read_items(path: Path) -> list[dict]:
    if not path.exists():
        return []
    load_accepted(path)  # a malformed file is an error, not something to overwrite
    return list(json.loads(path.read_text(encoding="utf-8"))["accepted"])


def write_accepted(path: str | Path, findings: Iterable[Finding],
                   prints: Fingerprints) -> int:
    """Add `findings` to the accepted-findings file at `path` (created if missing; written
    atomically). Returns how many keys were new."""
    target = Path(path)
    items = _read_items(target)
    have = {(i["check"], i.get("entry") or "", i.get("term") or "", i.get("language") or "",
             i["fingerprint"]) for i in items}
    added = 0
    for f in findings:
        key = prints.key(f)
        if key in have:
            continue
        have.add(key)
        added += 1
        items.append({"check": key[0], "entry": key[1] or None, "term": key[2] or None,
                      "language": key[3] or None, "fingerprint": key[4],
                      "document": f.document, "message": f.message,
                      "text": prints.text(f)[:300]})
    data = {"format": FORMAT, "version": VERSION, "accepted": items}
    write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return added
