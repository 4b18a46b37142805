"""The local pool survives a worker that dies (the batch then retries the renders that were running)."""

from __future__ import annotations

import os

import pytest

from ikm_utils.publish.executors import PoolBackend


def _die() -> None:
    os._exit(3)


def _square(x: int) -> int:
    return x * x


def test_a_dead_worker_breaks_the_pool_and_a_new_one_is_started():
    backend = PoolBackend(1)
    try:
        fut = backend.submit(_die)
        done = backend.wait_one([fut])
        with pytest.raises(Exception) as caught:
            done.pop().result()
        assert backend.crashed(caught.value)
        again = backend.submit(_square, 7)
        assert backend.wait_one([again]).pop().result() == 49
        assert not backend.crashed(ValueError("an ordinary error is the task's own"))
    finally:
        backend.close()
