"""The project's errors: one base class, a few kinds.

    GeokgError                  anything the CLI turns into a one-line message
    ├── UsageError              the call itself is wrong (exit 2)
    ├── InputError              an input file or record is bad (exit 1)
    ├── ModelError              the spaCy model is missing or broken (exit 1)
    ├── OutputError             the output directory cannot be written (exit 1)
    └── QueryError              a SPARQL query or its target is bad (exit 1)

    KeyboardInterrupt
    └── Interrupted             SIGTERM or SIGINT arrived (exit 128 + signal)

    UserWarning
    └── GeokgWarning            the run goes on (the CLI prints "geokg: warning: …")

Every message says what was wrong, shows the bad value with ``!r`` and says how
to fix it.
"""

from __future__ import annotations


class GeokgError(Exception):
    """Base of every error the CLI reports as one line."""

    exit_code = 1


class UsageError(GeokgError):
    """The command line is wrong."""

    exit_code = 2


class InputError(GeokgError):
    """An input file, folder or record cannot be read."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None
    ) -> None:
        where = f"{path}:{line}: " if line is not None else f"{path}: " if path else ""
        super().__init__(f"{where}{message}")
        self.path = path
        self.line = line


class ModelError(GeokgError):
    """The spaCy model cannot be loaded."""


class OutputError(GeokgError):
    """An output cannot be written."""


class QueryError(GeokgError):
    """A SPARQL query, its name or its target is wrong."""


class GeokgWarning(UserWarning):
    """Something the user should know, after which the run goes on (a damaged
    cache set aside, an input record skipped by the library API)."""


class Interrupted(KeyboardInterrupt):
    """A signal asked the run to stop; unwinds like Ctrl-C so cleanups still run."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"interrupted by signal {signum}")
        self.exit_code = 128 + signum
