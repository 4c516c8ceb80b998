"""Output file names built from ids found inside input files, made safe.

An alignment id comes from a file someone else wrote (a TMX `x-document`, a
PO `msgctxt`, the header of an `*.align.jsonl`), so it must never steer where
a file is written. `safe_output_name` cleans what is merely awkward (a `/`
inside an id, control characters, Windows device names, over-long names) and
reports it; it refuses what tries to leave the output folder (`..`, absolute
paths, NUL, a symlink pointing outside).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import regex

from align_kit.errors import FormatError
from align_kit.model import Notice

# Most file systems allow 255 bytes per name; leave room for mkstemp's ".NAME.XXXXXXXX.tmp".
MAX_NAME_BYTES = 200
_CONTROL = regex.compile(r"[\x00-\x1f\x7f\x80-\x9f\p{Zl}\p{Zp}]")
_WINDOWS_BAD = regex.compile(r'[<>:"|?*]')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
             *(f"lpt{n}" for n in range(10))}
_HINT = "rename the id inside the file (an id is a name, not a path), then try again"


def _escapes(name: str) -> bool:
    """Whether `name` tries to leave its folder: an absolute path or a `..` component."""
    if name.startswith(("/", "\\")) or regex.match(r"^[A-Za-z]:", name):
        return True
    return any(part == ".." for part in regex.split(r"[/\\]", name))


def _shorten(name: str) -> str:
    # Keep the suffix (".en-be.po"), shorten the id, and add a digest so names stay distinct.
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    head, dot, tail = name.partition(".")
    tail = dot + tail if len(tail.encode("utf-8", "surrogatepass")) < 60 else ""
    room = MAX_NAME_BYTES - len(tail.encode()) - len(digest) - 1
    cut = head.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
    return f"{cut}-{digest}{tail}"


def safe_output_name(name: str, folder: str | os.PathLike, *, source: str | None = None,
                     what: str = "id", notices: list[Notice] | None = None) -> Path:
    """`folder / name`, with `name` (built from an id inside `source`) made safe.

    Raises FormatError naming `source` and the id when the name would escape
    `folder`; appends a Notice to `notices` when it had to be cleaned.
    """
    where = source or str(folder)
    if "\x00" in name or _escapes(name):
        raise FormatError(f"the {what} {name!r} would write outside the output folder "
                          f"{str(folder)!r}: refused", path=where, hint=_HINT)
    clean = _CONTROL.sub("", name)
    clean = regex.sub(r"[/\\]", "_", clean)
    clean = _WINDOWS_BAD.sub("_", clean)
    clean = clean.rstrip(" .")  # Windows drops trailing dots and spaces
    if clean.startswith(".") or not clean:
        clean = "_" + clean  # no hidden files, no "." or ""
    if clean.split(".")[0].strip().lower() in _RESERVED:
        clean = "_" + clean
    if len(clean.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        clean = _shorten(clean)
    root = Path(folder).resolve()
    target = (root / clean).resolve()  # follows a symlink already sitting at the name
    if target.parent != root:
        raise FormatError(f"the {what} {name!r} names {str(Path(folder) / clean)!r}, which "
                          f"leads outside the output folder {str(folder)!r} (a symlink?): "
                          "refused", path=where, hint="remove the link from the output folder")
    if clean != name and notices is not None:
        notices.append(Notice("output-name-cleaned", f"the {what} {name!r} is not a safe file "
                              f"name: wrote {clean!r} instead", "warning", where))
    return Path(folder) / clean


def is_folder_target(out: str | os.PathLike) -> bool:
    """The command-line convention for `-o`: a trailing `/` or an existing folder is a folder
    (even before it exists: Path() drops the trailing slash, so look at the string)."""
    return str(out).endswith(("/", os.sep)) or Path(out).is_dir()


def output_path(out: str | os.PathLike, default_name: str) -> Path:
    """Where `-o OUT` writes one file: OUT itself, or OUT/default_name when OUT is a folder."""
    return Path(out) / default_name if is_folder_target(out) else Path(out)
