"""Where ``ikm batch`` runs its renders: a local process pool, or an existing Dask cluster.

Both offer the same three calls to the batch loop: ``submit(fn, *args)`` -> a future,
``wait_one(futures)`` -> the finished ones, ``crashed(exc)`` -> whether a dead worker took the pool down
(and it was restarted); ``close()`` at the end. No scheduling of our own: ``concurrent.futures`` and
``dask.distributed`` do it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection
from typing import Any

from ikm_utils.errors import IkmError


def warm_up() -> None:
    """Import the rendering stack once per worker process, not once per report."""
    import ikm_utils.publish.render  # noqa: F401
    import ikm_utils.report.context  # noqa: F401


class PoolBackend:
    """A process pool on this machine."""

    def __init__(self, jobs: int):
        self.jobs = jobs  # worker processes
        self._start()

    def _start(self) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if sys.platform.startswith("linux"):
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["ikm_utils.publish.render", "ikm_utils.report.context"])  # imported once
        else:
            ctx = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx, initializer=warm_up)

    def submit(self, fn: Callable, *args: Any) -> Any:
        return self.executor.submit(fn, *args)

    def wait_one(self, futures: Collection[Any]) -> set[Any]:
        from concurrent.futures import FIRST_COMPLETED, wait

        done, _ = wait(futures, return_when=FIRST_COMPLETED)
        return done

    def crashed(self, exc: BaseException) -> bool:
        """A dead worker breaks the whole pool: start a new one and say so."""
        from concurrent.futures.process import BrokenProcessPool

        if isinstance(exc, BrokenProcessPool):
            self.executor.shutdown(wait=False, cancel_futures=True)
            self._start()
            return True
        return False

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class DaskBackend:
    """Tasks on an existing Dask cluster (``tcp://scheduler:8786``); paths must be shared with the workers."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - distributed is a dependency
            raise IkmError("--dask memerlukan paket 'distributed' (pip install distributed).") from exc
        try:
            self.client = Client(address, timeout="20s")
        except OSError as exc:
            raise IkmError(f"Tidak dapat terhubung ke penjadwal Dask {address}: {exc}") from exc

    def submit(self, fn: Callable, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def wait_one(self, futures: Collection[Any]) -> set[Any]:
        from distributed import wait

        done, _ = wait(list(futures), return_when="FIRST_COMPLETED")
        return set(done)

    def crashed(self, exc: BaseException) -> bool:
        return False  # the scheduler reschedules tasks of a lost worker itself

    def close(self) -> None:
        self.client.close()


__all__ = ["DaskBackend", "PoolBackend", "warm_up"]
