"""Write a set of artifacts into an output directory, atomically.

Every file is first written in full (and fsynced) to a temporary file beside
its target; only when all of them are written are they renamed over their
targets, with SIGINT and SIGTERM held back during the renames. So a failed or
interrupted run (an error, Ctrl-C, ``kill``) leaves the previous outputs as
they were, and a finished one replaces them as a set. Only a hard kill
(``kill -9``) or a power cut during the renames, a few milliseconds, can mix
old and new files; temporary files it leaves behind (``.NAME.*.tmp``) are
removed by the next run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from geokg.graph.errors import OutputError

_HELD = {signal.SIGINT, signal.SIGTERM}


def _output_error(target: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    name = exc.filename and Path(exc.filename)
    where = f" ({name})" if name and target not in (name, name.parent) else ""
    return OutputError(
        f"cannot write to {str(target)!r}: {reason}{where}; "
        "check free space and permissions, or pick another --out"
    )


def ensure_writable(directory: str | Path) -> Path:
    """Create `directory` if needed and check a file can be written there."""
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise OutputError(f"output folder {str(target)!r} is a file; pick a folder "
                          "with --out")
    try:
        target.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".geokg-probe.", dir=target)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _output_error(target, exc) from None
    return target


def _write_temp(directory: Path, name: str, data: bytes) -> Path:
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(temp)
        raise
    return Path(temp)


def _remove_stale(directory: Path, names: list[str]) -> None:
    """Temporary files a hard-killed run left behind."""
    for name in names:
        for stale in directory.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system can fsync a folder
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(directory: str | Path, artifacts: dict[str, bytes]) -> list[Path]:
    """Write each ``name -> bytes`` into `directory`: all temp files, then renames."""
    target = Path(directory)
    names = sorted(artifacts)
    temps: list[tuple[Path, Path]] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        _remove_stale(target, names)
        for name in names:
            temps.append((_write_temp(target, name, artifacts[name]), target / name))
        with signals_held():
            for temp, final in temps:
                os.replace(temp, final)
        _sync_directory(target)
    except OSError as exc:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise _output_error(target, exc) from None
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    return [final for _, final in temps]
