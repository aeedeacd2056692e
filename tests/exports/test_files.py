"""Atomic writes: a failed or interrupted write leaves the previous outputs intact."""

from __future__ import annotations

import errno
import os
import signal

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
