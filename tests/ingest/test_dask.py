"""The Dask engine on a real LocalCluster: byte-identical to the local engine."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.model
UNGD = "corpora/ungd_2015_2023.jsonl"


@pytest.fixture(scope="module")
def cluster():
    """A real two-worker LocalCluster (worker processes), for --scheduler."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=40,
    ) as local:
        yield local


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _build(inputs: list[str], out: Path, *options: str) -> dict[str, bytes]:
    proc = run_cli(  # generous: 200 speeches on two busy cores take minutes
        "build",
        *inputs,
        "--out",
        str(out),
        "--no-cache",
        "--quiet",
        *options,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr
    return _outputs(out)


def _build_on(cluster, inputs: list[str], out: Path, *options: str) -> dict[str, bytes]:
    """Build with --engine dask on the given cluster's scheduler."""
    return _build(
        inputs,
        out,
        "--engine",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
        *options,
    )


def _first_lines(shared_dir: Path, n: int, folder: Path) -> str:
    path = folder / f"ungd-first{n}.jsonl"
    with (shared_dir / UNGD).open("rb") as src:
        path.write_bytes(b"".join(islice(src, n)))
    return str(path)


def test_dask_on_an_existing_scheduler_equals_local_on_the_seeds(
    cluster, seeds_dir, tmp_path
):
    local = _build([str(seeds_dir)], tmp_path / "local", "-j", "1")
    dask = _build_on(cluster, [str(seeds_dir)], tmp_path / "dask", "--batch-size", "1")
    assert dask == local
    assert b"Xi Jinping" in dask["assertions.jsonl"]


def test_dask_equals_local_on_a_few_un_speeches(cluster, shared_dir, tmp_path):
    corpus = _first_lines(shared_dir, 4, tmp_path)
    local = _build([corpus], tmp_path / "local", "-j", "2", "--batch-size", "1")
    dask = _build_on(cluster, [corpus], tmp_path / "dask", "--batch-size", "1")
    assert dask == local
    assert local["graph.json"].count(b'"doc_id"') > 0


def test_engine_dask_starts_its_own_local_cluster(seeds_dir, tmp_path):
    local = _build([str(seeds_dir)], tmp_path / "local", "-j", "1")
    dask = _build(
        [str(seeds_dir)],
        tmp_path / "dask",
        "--engine",
        "dask",
        "-j",
        "2",
        "--batch-size",
        "1",
    )
    assert dask == local


def test_an_unreachable_scheduler_is_a_one_line_error(seeds_dir, tmp_path):
    proc = run_cli(
        "build",
        str(seeds_dir),
        "--out",
        str(tmp_path),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
        "--quiet",
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("geokg: error: cannot reach the Dask scheduler")
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_dask_equals_local_on_200_un_speeches(cluster, shared_dir, tmp_path):
    corpus = _first_lines(shared_dir, 200, tmp_path)
    local = _build([corpus], tmp_path / "local")
    dask = _build_on(cluster, [corpus], tmp_path / "dask")
    assert dask == local
    assert local["assertions.jsonl"].count(b"\n") > 50
