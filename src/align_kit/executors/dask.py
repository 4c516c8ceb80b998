"""`--executor dask`: the per-group work, ingest and pairing on a Dask cluster.

Without a scheduler address a `LocalCluster` of `jobs` worker processes (one thread
each: the work is pure Python) is started and stopped with the run. Dask is imported
here only, so align-kit works without it.

Tasks are batches of items (`batches`): one task per tiny group would spend more on
scheduling than on aligning. A lost worker's tasks are re-run by Dask on another
worker (`distributed.scheduler.allowed-failures`, 3 by default); a re-run task simply
writes its groups again, through the same atomic writes, so nothing half-written stays.
Dask's own logs stay silent (tracebacks for a loss the run survives), so the executor
says itself, one line a lost worker, which batches run again (`say`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from align_kit.errors import AlignKitError, InputError
from align_kit.executors import batches

INSTALL_HINT = "install it with: pip install 'align-kit[dask]'"
# Test hook: a path; the first per-group task to get this far creates the file and kills
# its worker process (after one group is written, so there is work to lose and redo).
# Only the tests set it.
KILL_ONCE_ENV = "ALIGN_KIT_TEST_KILL_WORKER_ONCE"


def _run_batch(fn: Callable[[Any], Any], chunk: Sequence[Any], may_kill: bool = False
               ) -> list[Any]:
    out = []
    for item in chunk:
        out.append(fn(item))
        flag = os.environ.get(KILL_ONCE_ENV) if may_kill else None
        if flag:
            try:
                os.close(os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                pass
            else:
                os._exit(1)  # as a crashed or OOM-killed worker does: no clean-up at all
    return out


def _identity(x: Any) -> Any:
    return x


def _span(part: range) -> str:
    return f"{part.start + 1}" if len(part) == 1 else f"{part.start + 1}-{part.stop}"


class DaskExecutor:
    def __init__(self, *, jobs: int = 1, scheduler: str | None = None,
                 say: Callable[[str], None] | None = None) -> None:
        try:
            import distributed
        except ImportError:
            raise InputError("--executor dask needs Dask (distributed), which is not "
                             "installed", hint=INSTALL_HINT) from None
        self._distributed = distributed
        self._cluster = None
        if scheduler:
            try:
                self.client = distributed.Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(f"cannot reach the Dask scheduler: {exc}", path=scheduler,
                                 hint="check the address (tcp://HOST:8786) and that "
                                 "`dask scheduler` runs there") from None
        else:
            # Its logs would print tracebacks for a worker that is lost and replaced, which
            # the run survives; errors that matter reach the run as exceptions.
            self._cluster = distributed.LocalCluster(
                n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.CRITICAL)
            self.client = distributed.Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or jobs)
        # The batches in flight, by task key: what a lost worker's keys mean to the user.
        self._say = say
        self._where: dict[str, tuple[range, int, str]] = {}
        if say is not None:
            self.client.subscribe_topic("all", self._on_event)

    def _on_event(self, event: tuple[float, Any]) -> None:
        """The scheduler's "remove-worker" event, said as one line (Dask re-runs the tasks
        itself; the user should still learn that a worker died and work was redone)."""
        _, msg = event
        if not isinstance(msg, dict) or msg.get("action") != "remove-worker" \
                or msg.get("expected") or self._say is None:
            return
        keys = set(msg.get("processing-tasks") or ()) | set(msg.get("lost-computed-tasks") or ())
        # .get: this runs in the client's event-loop thread while the run pops finished keys.
        found = (self._where.get(k) for k in keys)
        mine = sorted((w for w in found if w is not None), key=lambda w: w[0].start)
        worker = msg.get("worker", "?")
        if not mine:
            self._say(f"Dask worker {worker} was lost; no unfinished work of this run was on it")
            return
        n, what = mine[0][1], mine[0][2]
        spans = ", ".join(_span(part) for part, _, _ in mine)
        count = f"{len(mine)} batch" + ("es" if len(mine) > 1 else "")
        self._say(f"Dask worker {worker} was lost; Dask runs its {count} again on another "
                  f"worker ({what} {spans} of {n}); finished ones are kept")

    def _submit(self, fn: Callable[[Any], Any], items: Sequence[Any], may_kill: bool = False,
                what: str = "items") -> list[tuple[Any, range]]:
        # The function (with what it carries: a pairing index, say) goes to the cluster
        # once, not once a task, as a task's result rather than scattered data: when the
        # worker holding it dies, the scheduler computes it again (scattered data would be
        # lost, and every task needing it with it).
        shared = self.client.submit(_identity, fn, pure=False)
        out = []
        for part in batches(len(items), self.workers):
            future = self.client.submit(_run_batch, shared, [items[k] for k in part],
                                        may_kill, pure=False)
            out.append((future, part))
            self._where[future.key] = (part, len(items), what)
        return out

    def _result(self, future: Any) -> list[Any]:
        from distributed.scheduler import KilledWorker

        try:
            return future.result()
        except KilledWorker as exc:
            raise AlignKitError(
                f"a task lost its Dask worker too many times and was given up ({exc})",
                hint="a worker dies on this input, out of memory? Run again to resume, "
                "with more memory a worker or with --executor local") from None
        finally:
            self._where.pop(future.key, None)

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        submitted = self._submit(fn, items)
        results: list[Any] = []
        try:
            for future, _ in submitted:
                results.extend(self._result(future))
        finally:
            for future, _ in submitted:
                self._where.pop(future.key, None)
        return results

    def as_completed(self, fn: Callable[[Any], Any], items: Sequence[Any]
                     ) -> Iterator[tuple[int, Any]]:
        submitted = self._submit(fn, items, may_kill=True, what="groups")
        where = {future.key: part for future, part in submitted}
        futures = [future for future, _ in submitted]
        try:
            for future in self._distributed.as_completed(futures):
                yield from zip(where[future.key], self._result(future), strict=True)
        finally:
            for future in futures:  # an error (or Ctrl-C) stops the rest
                future.cancel()
                self._where.pop(future.key, None)

    def close(self) -> None:
        try:
            if self._say is not None:  # the cluster's own shut-down is no lost worker
                self._say = None
                self.client.unsubscribe_topic("all")
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
