"""Write a set of artifacts into an output directory, atomically.

Every file is first written in full (and fsynced) to a temporary file beside
its target; only when all of them are written are they renamed over their
targets, with SIGINT and SIGTERM held back during the renames. So a failed or
interrupted run (an error, Ctrl-C, ``kill``) leaves the previous outputs as
they were, and a finished one replaces them as a set. Only a hard kill
(``kill -9``) or a power cut during the renames, a few milliseconds, can mix
old and new files; temporary files it leaves behind (``.NAME.*.tmp``) are
removed by the next run.

A name may hold a subfolder (``neo4j/nodes.csv``): the subfolder is made if it
is missing (and removed again, if still empty, when the run fails), and the
file's temporary twin is written inside it, so each rename stays within one
folder and is atomic.
"""

from __future__ import annotations

import contextlib
import glob
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

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


def _final(directory: Path, name: str) -> Path:
    """Where the artifact `name` goes: inside `directory`, never outside it."""
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
        raise ValueError(
            f"artifact name {name!r} must be a relative path inside the output "
            "folder, such as 'graph.ttl' or 'neo4j/nodes.csv'"
        )
    return directory.joinpath(*parts)


def _make_folders(directory: Path, names: list[str], made: list[Path]) -> None:
    """Make the subfolders the names need, adding each one made to `made`."""
    for name in names:
        missing = []
        folder = _final(directory, name).parent
        while folder != directory and not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)


def _write_temp(directory: Path, name: str, data: bytes) -> Path:
    final = _final(directory, name)
    fd, temp = tempfile.mkstemp(
        prefix=f".{final.name}.", suffix=".tmp", dir=final.parent
    )
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
        final = _final(directory, name)
        for stale in final.parent.glob(f".{glob.escape(final.name)}.*.tmp"):
            stale.unlink(missing_ok=True)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done (main thread only).

    The signals' Python handlers are swapped for one that notes them, and each
    noted signal is raised again once the old handlers are back. (A signal mask
    would not do: it holds only the calling thread, and a process-directed signal
    goes to any thread that does not block it, such as a BLAS worker of numpy;
    Python then runs the handler in the main thread, in the middle of the block.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    old = {s: signal.signal(s, lambda signum, _: caught.append(signum)) for s in _HELD}
    try:
        yield
    finally:
        for signum, handler in old.items():
            # None: a handler set outside Python, which cannot be put back
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system can fsync a folder
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(
    directory: str | Path, artifacts: dict[str, bytes], *, remove: tuple[str, ...] = ()
) -> list[Path]:
    """Write each ``name -> bytes`` into `directory`: all temp files, then renames.

    The files named in `remove` (an earlier run's, which this one replaces with
    nothing) are deleted with the renames, once every file is written.
    """
    target = Path(directory)
    names = sorted(artifacts)
    temps: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        _make_folders(target, names, made)
        _remove_stale(target, names)
        for name in names:
            temp = _write_temp(target, name, artifacts[name])
            temps.append((temp, _final(target, name)))
        with signals_held():
            for temp, final in temps:
                os.replace(temp, final)
            for name in remove:
                (target / name).unlink(missing_ok=True)
        folders = {target, *made, *(final.parent for _, final in temps)}
        for folder in sorted(folders, reverse=True):  # subfolders, then their parent
            _sync_directory(folder)
    except OSError as exc:
        _undo(temps, made)
        raise _output_error(target, exc) from None
    except BaseException:
        _undo(temps, made)
        raise
    return [final for _, final in temps]


def _undo(temps: list[tuple[Path, Path]], made: list[Path]) -> None:
    """Remove the temporary files and the (still empty) folders of a failed run."""
    for temp, _ in temps:
        temp.unlink(missing_ok=True)
    for folder in reversed(made):  # deepest first
        with contextlib.suppress(OSError):  # not empty: someone else wrote there
            folder.rmdir()


# ------------------------------------------------------------------ folder lock

LOCK_NAME = ".geokg.lock"
_LOCKS: dict[Path, tuple[int, int]] = {}  # folder -> (file descriptor, depth)
_LOCKS_GUARD = threading.Lock()


def _holder(path: Path) -> str:
    """Who holds a folder's lock, from what it wrote into the lock file."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "another geokg build"


@contextlib.contextmanager
def folder_lock(
    directory: str | Path,
    *,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the output folder for one build: a second build into the same folder
    (another process) waits until the first ends, telling `on_wait` (a callable
    taking one line) whom it waits for, or with ``wait=False`` stops with an
    OutputError naming it. Re-entrant within a process; the lock (an flock on
    ``.geokg.lock``) dies with its process, so a killed build never leaves the
    folder locked."""
    import fcntl
    import time

    target = Path(directory).resolve()
    with _LOCKS_GUARD:
        if target in _LOCKS:
            fd, depth = _LOCKS[target]
            _LOCKS[target] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _LOCKS_GUARD:
                fd, depth = _LOCKS[target]
                _LOCKS[target] = (fd, depth - 1)
        return
    path = target / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _output_error(target, exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(path)
            if not wait:
                raise OutputError(
                    f"{holder} is writing into {str(target)!r}; wait for it to end, "
                    "or pick another --out"
                ) from None
            if on_wait is not None:
                on_wait(f"waiting for {holder} to finish writing into "
                        f"{str(target)!r} (Ctrl-C stops)")
            fcntl.flock(fd, fcntl.LOCK_EX)
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"the geokg build of pid {os.getpid()} (since {started})\n"
                  .encode(), 0)
        with _LOCKS_GUARD:
            _LOCKS[target] = (fd, 1)
        try:
            yield
        finally:
            with _LOCKS_GUARD:
                del _LOCKS[target]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the flock
