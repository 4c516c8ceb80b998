"""Reading files a user names, within documented limits, and only regular files.

Every article and line file is read through `read_regular_file`:

- only a regular file (or a symbolic link to one) is read: a FIFO would block
  the reader forever, `/dev/zero` never ends, a socket cannot be opened; the
  kind is checked with `os.stat` before opening, and again on the opened file
  (opened with O_NONBLOCK, so even a FIFO swapped in between never hangs);
- a file larger than the limit (`--max-file-mb`, default `DEFAULT_MAX_FILE_MB`)
  is refused before a byte is read, and the read itself is bounded
  (`read(limit + 1)`), so a file that grows while being read cannot blow up
  memory either.

A .docx is checked further in `word.py` (each part and all parts together,
unpacked, and their compression ratio); an HTML page by its nesting depth in
`html.py`. docs/robustness.md, "Hostile files: articles and line files",
lists every limit.
"""

from __future__ import annotations

import os
import stat

from align_kit.errors import InputError

DEFAULT_MAX_FILE_MB = 50
MB = 1_000_000
RAISE_HINT = "raise the limit with --max-file-mb N if the file is genuine"


def limit_bytes(max_file_mb: float | None) -> int:
    """The file limit in bytes (`None`: the default)."""
    mb = DEFAULT_MAX_FILE_MB if max_file_mb is None else max_file_mb
    if mb <= 0:
        raise InputError(f"--max-file-mb must be above 0, not {mb}",
                         hint="give a size in MB, e.g. --max-file-mb 200")
    return int(mb * MB)


def show_mb(size: int) -> str:
    """A byte count for messages: "184 MB", "0.3 MB", "1,000 bytes"."""
    if size >= 10 * MB:
        return f"{size / MB:.0f} MB"
    return f"{size / MB:.1f} MB" if size >= MB // 10 else f"{size:,} bytes"


def too_big(shown: str, size: int | None, limit: int, what: str = "the file") -> InputError:
    found = f"{what} is {show_mb(size)}" if size is not None else f"{what} is larger"
    return InputError(f"{found}, over the limit of {show_mb(limit)} (--max-file-mb)",
                      path=shown, hint=RAISE_HINT)


def os_error(exc: OSError, shown: str, what: str = "file") -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(f"no such {what}", path=shown, hint="check the path and the name")
    if isinstance(exc, PermissionError):
        return InputError(
            "permission denied", path=shown, hint=f"make the {what} readable (chmod u+r)"
        )
    return InputError(
        f"cannot read the {what} ({exc.strerror or exc})",
        path=shown,
        hint=f"check that it is a regular, readable {what}",
    )


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is ("a named pipe (FIFO)" ...), None if regular."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def not_regular(shown: str, kind: str) -> InputError:
    return InputError(f"not a regular file ({kind})", path=shown,
                      hint="give a regular file; copy the text into one first")


def read_regular_file(path: str, *, max_file_mb: float | None = None) -> bytes:
    """The bytes of the regular file `path`, at most the limit; `InputError` otherwise."""
    limit = limit_bytes(max_file_mb)
    try:
        info = os.stat(path)  # follows symbolic links: a link to /dev/zero is a device
    except OSError as exc:
        raise os_error(exc, path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file", path=path,
                         hint="give a file, or read the folder with `align-kit ingest FOLDER`")
    kind = special_kind(info.st_mode)
    if kind:
        raise not_regular(path, kind)
    if info.st_size > limit:
        raise too_big(path, info.st_size, limit)  # refused before reading anything
    try:
        # O_NONBLOCK: should a FIFO have replaced the file since the stat, open returns at
        # once instead of waiting for a writer; the fstat below then refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except OSError as exc:
        raise os_error(exc, path) from None
    with os.fdopen(fd, "rb") as handle:
        kind = special_kind(os.fstat(handle.fileno()).st_mode)
        if kind:
            raise not_regular(path, kind)
        try:
            data = handle.read(limit + 1)  # bounded: a file growing meanwhile stops here
        except OSError as exc:
            raise os_error(exc, path) from None
    if len(data) > limit:
        raise too_big(path, None, limit)
    return data
