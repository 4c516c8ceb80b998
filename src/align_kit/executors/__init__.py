"""Where `run` does its per-group work: in this process, a local process pool, or Dask.

The pipeline sees one small interface (`Executor`): `map` a function over items
(reading files, pairing features, candidate blocks: results in item order) and
`as_completed` (per-group work: `(index, result)` pairs as each finishes, so the
progress bar follows the work that is really done). The executor does no I/O of
its own: every output is written by the task, through the same atomic writes and
stamps as ever, so whatever kills a worker or the whole run, the next run resumes.

    with open_executor("dask", jobs=2) as ex:       # a LocalCluster, 2 processes
        for index, result in ex.as_completed(fn, items):
            ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

from align_kit.errors import InputError

EXECUTORS = ("local", "dask")


class Executor(Protocol):
    """What the pipeline asks of an executor."""

    workers: int

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        """`[fn(x) for x in items]`, possibly in parallel; results in item order."""
        ...

    def as_completed(self, fn: Callable[[Any], Any], items: Sequence[Any]
                     ) -> Iterator[tuple[int, Any]]:
        """`(index, fn(items[index]))` for every item, in the order they finish."""
        ...

    def close(self) -> None:
        ...


def open_executor(kind: str = "local", *, jobs: int = 1, scheduler: str | None = None,
                  say: Callable[[str], None] | None = None) -> Executor:
    """An executor by name; use it as a context manager (it closes pools and clusters).

    `say(line)` is told at once what the run survives but the user should know (a lost
    Dask worker and the batches it runs again)."""
    if kind == "local":
        if scheduler:
            raise InputError("--scheduler needs --executor dask",
                             hint="add --executor dask, or leave out --scheduler")
        from align_kit.executors.local import LocalExecutor

        return LocalExecutor(jobs)
    if kind == "dask":
        from align_kit.executors.dask import DaskExecutor

        return DaskExecutor(jobs=jobs, scheduler=scheduler, say=say)
    raise InputError(f"unknown executor {kind!r}",
                     hint=f"use one of: {', '.join(EXECUTORS)}")


def batches(n: int, workers: int, *, per_worker: int = 8, most: int = 32) -> list[range]:
    """Split `n` items into contiguous batches: about `per_worker` tasks a worker, each
    at most `most` items. Why: a task has a fixed cost (pickling, scheduling, a round
    trip), so tiny groups go in batches; but a lost worker or a killed run loses at most
    one batch's unstamped work, and the progress bar moves once a batch."""
    if n <= 0:
        return []
    size = max(1, min(most, -(-n // max(1, workers * per_worker))))
    return [range(s, min(n, s + size)) for s in range(0, n, size)]
