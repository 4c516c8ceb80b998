"""The default executor: this process (`--jobs 1`) or a local process pool (`--jobs N`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any


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
        pool = self._get_pool(len(items))
        if pool is None:
            for k, x in enumerate(items):
                yield k, fn(x)
            return
        pending = {pool.submit(fn, x): k for k, x in enumerate(items)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=pending.__getitem__):
                yield pending.pop(future), future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
