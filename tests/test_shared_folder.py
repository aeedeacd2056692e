"""Builds that share an output folder, and a build cache that heals."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest
from geokg.exports.files import LOCK_NAME, folder_lock
from geokg.graph.errors import GeokgWarning, OutputError
from geokg.ingest.cache import CACHE_DIRNAME, ResultCache

from tests.conftest import SEEDS, run_cli

pytestmark = pytest.mark.model


def graph_of(out: Path) -> dict:
    """graph.json of a build, without what differs between runs of one input."""
    return json.loads((out / "graph.json").read_text(encoding="utf-8"))


def start_build(inputs: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "geokg", "build", str(inputs), "--out", str(out),
         "--workers", "1", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def corpus(shared_dir, tmp_path_factory) -> Path:
    """Ten UN speeches: a build of a few seconds."""
    path = tmp_path_factory.mktemp("corpus") / "speeches.jsonl"
    with (shared_dir / "corpora" / "ungd_2015_2023.jsonl").open(encoding="utf-8") as f:
        path.write_text("".join(islice(f, 10)), encoding="utf-8")
    return path


@pytest.mark.slow
def test_two_builds_into_one_folder_end_cleanly(corpus, tmp_path):
    alone = tmp_path / "alone"
    done = run_cli("build", str(corpus), "--out", str(alone), "--workers", "1",
                   "--quiet", "--no-cache")
    assert done.returncode == 0, done.stderr
    shared = tmp_path / "shared"
    first = start_build(corpus, shared)
    lock = shared / LOCK_NAME
    deadline = time.monotonic() + 120
    while not (lock.is_file() and lock.read_text().strip()):
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "the first build never took the folder"
        time.sleep(0.05)
    second = start_build(corpus, shared)
    out1, err1 = first.communicate(timeout=600)
    out2, err2 = second.communicate(timeout=600)
    assert first.returncode == 0 and second.returncode == 0, (err1, err2)
    assert "Traceback" not in err1 + err2 and "database is locked" not in err2
    waited = [line for line in err2.splitlines() if "waiting for" in line]
    assert len(waited) == 1
    holder = f"geokg: waiting for the geokg build of pid {first.pid}"
    assert waited[0].startswith(holder)
    assert graph_of(shared) == graph_of(alone)


def test_a_held_folder_stops_a_build_that_will_not_wait(tmp_path):
    script = ("import sys, time\n"
              "from geokg.exports.files import folder_lock\n"
              "with folder_lock(sys.argv[1]):\n"
              "    print('held', flush=True)\n"
              "    time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputError, match=f"pid {holder.pid}.*pick another --out"):
            with folder_lock(tmp_path, wait=False):
                pass
    finally:
        holder.kill()
        holder.wait()
    with folder_lock(tmp_path, wait=False):  # a killed holder leaves it free
        with folder_lock(tmp_path, wait=False):  # and the lock is re-entrant
            pass


def damage(cache_dir: Path, how: str) -> Path:
    (db,) = cache_dir.glob("extract-*.sqlite")
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2] if how == "truncated" else b"\0garbage" * 99)
    return db


@pytest.mark.parametrize("how", ["truncated", "garbage"])
def test_a_damaged_cache_is_set_aside_and_rebuilt(tmp_path, how):
    out = tmp_path / "out"
    first = run_cli("build", str(SEEDS), "--out", str(out), "--workers", "1",
                    "--quiet")
    assert first.returncode == 0, first.stderr
    before = graph_of(out)
    db = damage(out / CACHE_DIRNAME, how)
    again = run_cli("build", str(SEEDS), "--out", str(out), "--workers", "1",
                    "--quiet")
    assert again.returncode == 0, again.stderr
    lines = again.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("geokg: warning: the build cache")
    assert "damaged" in lines[0] and "starting a new one" in lines[0]
    assert (db.parent / f"damaged-{db.name}").is_file()
    assert graph_of(out) == before
    third = run_cli("build", str(SEEDS), "--out", str(out), "--workers", "1",
                    "--quiet")
    assert third.returncode == 0 and third.stderr == ""  # the new cache is sound


def test_the_library_warns_of_a_damaged_cache(tmp_path):
    (tmp_path / CACHE_DIRNAME).mkdir()
    (tmp_path / CACHE_DIRNAME / "extract-v1.sqlite").write_bytes(b"not sqlite" * 50)
    with pytest.warns(GeokgWarning, match="damaged"):
        with ResultCache(tmp_path, "v1") as cache:
            assert cache.get("k") is None
