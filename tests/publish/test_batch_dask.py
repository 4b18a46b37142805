"""``ikm batch --dask``: each render is a task on a Dask cluster (here a LocalCluster, 2 worker processes)."""

from __future__ import annotations

import json

import pytest
from test_batch import ANSWERS, TINY, make_unit, statuses

from ikm_utils.publish.batch import run_batch, summary_table

pytestmark = pytest.mark.notebook


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None) as c:
        yield c


def test_the_dask_path_renders_isolates_summarises_and_resumes(cluster, tmp_path):
    params, out = tmp_path / "params", tmp_path / "outputs"
    make_unit(params, "a")
    make_unit(params, "b", [*ANSWERS, [9, 9, 9, 9, 9, 9, 9, 9, 9]])
    report = run_batch([params], outputs_root=out, notebook=TINY, dask=cluster.scheduler_address, progress=False)
    assert statuses(report) == {"Unit A": "selesai", "Unit B": "gagal"}
    summary = json.loads((out / "a" / "2024-S1" / "ringkasan.json").read_text())
    assert summary["n_responden"] == 3
    text = summary_table(report)
    assert "Unit B" in text and "GAGAL: Data tidak valid" in text

    again = run_batch([params], outputs_root=out, notebook=TINY, dask=cluster.scheduler_address, progress=False)
    assert statuses(again) == {"Unit A": "dilewati", "Unit B": "gagal"}
