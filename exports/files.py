"""Write a set of artifacts into an output directory, atomically.

Every file is first written in full to a temporary file beside its target and
only then renamed over it, so a failed or interrupted run never leaves a
half-written file where a good one was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from graph.errors import OutputError


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


def write_atomic(directory: str | Path, artifacts: dict[str, bytes]) -> list[Path]:
    """Write each ``name -> bytes`` into `directory`; all temp files land, then renames."""
    target = Path(directory)
    temps: list[tuple[Path, Path]] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in sorted(artifacts):
            temps.append((_write_temp(target, name, artifacts[name]), target / name))
        for temp, final in temps:
            os.replace(temp, final)
    except OSError as exc:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise OutputError(
            f"cannot write to {str(target)!r}: {exc.strerror or exc}; "
            "check free space and permissions, or pick another --out"
        ) from None
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    return [final for _, final in temps]
