"""Atomic writes: a failed or interrupted write leaves the previous outputs intact."""

from __future__ import annotations

import errno
import os
import signal
import threading
import time

import pytest
from geokg.exports import files
from geokg.exports.files import ensure_writable, signals_held, write_atomic
from geokg.graph.errors import OutputError

OLD = {"a.json": b"old a", "b.ttl": b"old b", "c.html": b"old c"}
NEW = {"a.json": b"new a", "b.ttl": b"new b", "c.html": b"new c"}


def contents(folder) -> dict[str, bytes]:
    """Every file of `folder`, hidden ones included, by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_write_replaces_every_file_and_leaves_no_temp(tmp_path):
    write_atomic(tmp_path, OLD)
    written = write_atomic(tmp_path, NEW)
    assert contents(tmp_path) == NEW
    assert [p.name for p in written] == sorted(NEW)


def failing_on(name: str, exc: BaseException):
    """A `_write_temp` that raises `exc` when it reaches the file `name`."""
    real = files._write_temp

    def write(directory, target, data):
        if target == name:
            raise exc
        return real(directory, target, data)

    return write


@pytest.mark.parametrize(
    ("exc", "raised"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), OutputError),
        (OSError(errno.EACCES, "Permission denied"), OutputError),
        (KeyboardInterrupt(), KeyboardInterrupt),
        (MemoryError(), MemoryError),
    ],
)
def test_a_failed_or_interrupted_write_keeps_the_previous_outputs(
    tmp_path, monkeypatch, exc, raised
):
    write_atomic(tmp_path, OLD)
    monkeypatch.setattr(files, "_write_temp", failing_on("c.html", exc))
    with pytest.raises(raised):
        write_atomic(tmp_path, NEW)
    assert contents(tmp_path) == OLD  # no new file, no temp file left


def test_full_disk_is_reported_plainly(tmp_path, monkeypatch):
    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files, "_write_temp", failing_on("a.json", full))
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "out", NEW)
    assert str(info.value) == (
        f"cannot write to {str(tmp_path / 'out')!r}: No space left on device; "
        "check free space and permissions, or pick another --out"
    )


def test_temp_files_of_a_hard_killed_run_are_removed_next_time(tmp_path):
    (tmp_path / ".a.json.k1ll3d.tmp").write_bytes(b"half")
    write_atomic(tmp_path, NEW)
    assert contents(tmp_path) == NEW


def test_signals_wait_until_the_renames_are_done():
    got: list[str] = []
    # a shell's background job starts with SIGINT ignored: act as in a terminal
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            with signals_held():
                os.kill(os.getpid(), signal.SIGINT)
                got.append("renames ran to the end")
    finally:
        signal.signal(signal.SIGINT, before)
    assert got == ["renames ran to the end"]


def test_signals_wait_even_when_other_threads_run():
    """A process-directed signal may go to any thread (numpy's BLAS workers …);
    it must still wait for the renames."""
    got: list[str] = []
    done = threading.Event()
    other = threading.Thread(target=done.wait)  # a thread that blocks no signal
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    other.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            with signals_held():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)  # time for the signal to reach a thread
                got.append("renames ran to the end")
    finally:
        signal.signal(signal.SIGINT, before)
        done.set()
        other.join()
    assert got == ["renames ran to the end"]


@pytest.mark.parametrize(
    ("below", "message"),
    [("", "is a file; pick a folder with --out"), ("sub", "Not a directory")],
)
def test_an_output_folder_that_cannot_be_made_is_reported(tmp_path, below, message):
    (tmp_path / "out").write_text("a file where the folder should be")
    with pytest.raises(OutputError, match=message):
        ensure_writable(tmp_path / "out" / below)


def test_ensure_writable_leaves_nothing_behind(tmp_path):
    ensure_writable(tmp_path / "new" / "out")
    assert list((tmp_path / "new" / "out").iterdir()) == []


# ---- names with a subfolder (neo4j/nodes.csv) --------------------------------

OLD_NESTED = {"a.json": b"old", "neo4j/nodes.csv": b"old n", "neo4j/load.cypher": b"c"}
NEW_NESTED = {"a.json": b"new", "neo4j/nodes.csv": b"new n", "neo4j/load.cypher": b"C"}


def tree(folder) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones and subfolders' included, by path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_name_with_a_subfolder_is_written_inside_it(tmp_path):
    written = write_atomic(tmp_path / "out", NEW_NESTED)
    assert tree(tmp_path / "out") == NEW_NESTED
    assert [p.relative_to(tmp_path / "out").as_posix() for p in written] == sorted(
        NEW_NESTED
    )


def test_a_failed_write_keeps_the_previous_subfolder_files(tmp_path, monkeypatch):
    write_atomic(tmp_path, OLD_NESTED)
    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files, "_write_temp", failing_on("neo4j/nodes.csv", full))
    with pytest.raises(OutputError):
        write_atomic(tmp_path, NEW_NESTED)
    assert tree(tmp_path) == OLD_NESTED  # no new file, no temp file left


def test_a_failed_first_write_leaves_no_empty_subfolder(tmp_path, monkeypatch):
    failing = failing_on("neo4j/nodes.csv", MemoryError())
    monkeypatch.setattr(files, "_write_temp", failing)
    with pytest.raises(MemoryError):
        write_atomic(tmp_path, {"deep/er/x.csv": b"x", "neo4j/nodes.csv": b"n"})
    assert list(tmp_path.iterdir()) == []


def test_temp_files_in_a_subfolder_are_removed_next_time(tmp_path):
    (tmp_path / "neo4j").mkdir()
    (tmp_path / "neo4j" / ".nodes.csv.k1ll3d.tmp").write_bytes(b"half")
    write_atomic(tmp_path, NEW_NESTED)
    assert tree(tmp_path) == NEW_NESTED


def test_a_file_where_the_subfolder_goes_is_reported(tmp_path):
    (tmp_path / "neo4j").write_bytes(b"a file")
    with pytest.raises(OutputError, match="cannot write to"):
        write_atomic(tmp_path, NEW_NESTED)
    assert tree(tmp_path) == {"neo4j": b"a file"}


@pytest.mark.parametrize("name", ["../escape.csv", "/tmp/abs.csv", "a/../../b", ""])
def test_a_name_outside_the_folder_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="relative path inside the output folder"):
        write_atomic(tmp_path / "out", {"ok.csv": b"x", name: b"y"})
    assert tree(tmp_path) == {}
