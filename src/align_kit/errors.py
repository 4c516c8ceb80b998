"""The one error type users see: what went wrong, where, and what to do.

The CLI turns an `AlignKitError` into one line on stderr and exit code 2;
library callers catch it. Anything else escaping a stage is a bug.
"""

from __future__ import annotations


class AlignKitError(Exception):
    """Bad input or a bad request, with a place and a remedy."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tail}"

    def __reduce__(self):
        # Keyword-only fields: the default pickling (args only) would lose path and hint
        # when an error comes back from a worker process (--jobs, --executor dask).
        return (_rebuild, (type(self), self.message, self.path, self.line, self.hint))


def _rebuild(cls: type, message: str, path: str | None, line: int | None,
             hint: str | None) -> AlignKitError:
    return cls(message, path=path, line=line, hint=hint)


class InputError(AlignKitError):
    """A file or argument cannot be used as given."""


class FormatError(InputError):
    """A TMX, PO, XLIFF, TBX, CSV or alignment file is malformed."""
