"""The default executor: this process (`--jobs 1`) or a local process pool (`--jobs N`).

The pool's tasks are pickled here, by the executor, before they are submitted: an input
that cannot be pickled is then one clear error at once, not an exception from the
pool's feeder thread (or, in older Pythons, a pool that waits for ever); the function
is pickled once, not once a task.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from align_kit.errors import AlignKitError

_BUG_HINT = "run with --jobs 1, and report this as a bug"


@functools.lru_cache(maxsize=4)
def _loaded_fn(payload: bytes) -> Callable[[Any], Any]:
    return pickle.loads(payload)


def _call(fn_payload: bytes, item_payload: bytes) -> Any:
    """In the worker: the task as the executor pickled it."""
    return _loaded_fn(fn_payload)(pickle.loads(item_payload))


def _pickled(obj: Any, what: str, jobs: int) -> bytes:
    try:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
        raise AlignKitError(f"--jobs {jobs}: {what} cannot be sent to a worker process "
                            f"(it does not pickle: {exc})", hint=_BUG_HINT) from None


class LocalExecutor:
    def __init__(self, jobs: int = 1) -> None:
        self.workers = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self, n_items: int) -> ProcessPoolExecutor | None:
        # As before: one item, or one job, runs here (no pool start-up cost).
        if self.workers <= 1 or n_items <= 1:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        # Ingest and pairing stay in this process, as they always did: `--executor local`
        # behaves as before (the pool is for the per-group work, which dominates).
        return [fn(x) for x in items]

    def as_completed(self, fn: Callable[[Any], Any], items: Sequence[Any]
                     ) -> Iterator[tuple[int, Any]]:
        if self._get_pool(len(items)) is None:
            for k, x in enumerate(items):
                yield k, fn(x)
            return
        fn_payload = _pickled(fn, "the task's function", self.workers)
        # Every input is pickled before the pool starts work: a bad one stops the run
        # before any group is written by a worker.
        payloads = [_pickled(x, f"the input of task {k + 1} of {len(items)}", self.workers)
                    for k, x in enumerate(items)]
        pool = self._get_pool(len(items))
        assert pool is not None
        pending = {pool.submit(_call, fn_payload, p): k for k, p in enumerate(payloads)}
        del payloads
        try:
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=pending.__getitem__):
                    k = pending.pop(future)
                    yield k, future.result()
        except BrokenProcessPool:
            raise AlignKitError(f"--jobs {self.workers}: a worker process died (killed, or "
                                "out of memory)", hint="run again to resume (finished groups "
                                "are kept), with fewer --jobs or more memory") from None
        finally:
            for future in pending:  # an error (or Ctrl-C) stops the rest
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
