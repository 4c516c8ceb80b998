"""Progress inside one alignment, for a terminal: the DP reports rows (sentences) done.

A context variable, not a parameter threaded through every aligner function: only the
caller that shows progress (the CLI's `run` on a terminal) sets it, and the DP's cost of
asking is one lookup per block of 256 sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Callback = Callable[[int, int], None]  # (sentences done, sentences in the pass)
_HOOK: ContextVar[Callback | None] = ContextVar("align_kit_progress", default=None)


@contextmanager
def reporting(callback: Callback | None) -> Iterator[None]:
    """Within the block, the aligner reports its progress to `callback`."""
    token = _HOOK.set(callback)
    try:
        yield
    finally:
        _HOOK.reset(token)


def report(done: int, total: int) -> None:
    callback = _HOOK.get()
    if callback is not None:
        callback(done, total)
