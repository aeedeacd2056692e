"""The incremental-build cache: extraction results kept under the output folder.

A result is stored under the hash of its document (text and metadata), in a
SQLite file named by the *pipeline version*: a hash of the spaCy model's name
and version, the gazetteer data, ``triggers.toml``, the extractor's code and
geokg's version. Change any of them and the old file is dropped, so a cached
result is always the one a full rebuild would compute, and the output of an
incremental build equals a full one byte for byte.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import sqlite3
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from geokg.graph.errors import GeokgWarning, OutputError
from geokg.graph.model import DocResult, Document

CACHE_DIRNAME = ".cache"
#: Results written between two commits: a crash loses at most this many.
COMMIT_EVERY = 256
_PACKAGES = ("ingest", "graph")


def document_key(document: Document) -> str:
    """The cache key of a document: a hash of its metadata and its text."""
    meta = json.dumps(document.meta(), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(meta.encode("utf-8"))
    digest.update(b"\0")
    digest.update(document.text.encode("utf-8"))
    return digest.hexdigest()


def _model_version(name: str) -> str:
    path = Path(name)
    if (path / "meta.json").is_file():
        return (path / "meta.json").read_text(encoding="utf-8")
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _package_files() -> Iterator[Path]:
    """The extractor's code and data: every file that can change a result."""
    root = Path(__file__).resolve().parents[1]
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix in (
                ".py",
                ".toml",
                ".json",
                ".txt",
                ".tsv",
            ):
                yield path


@lru_cache(maxsize=8)
def pipeline_version(model: str | None = None) -> str:
    """A hash of everything extraction depends on besides the document."""
    from geokg.ingest.nlp import model_name

    name = model_name(model)
    digest = hashlib.sha256()
    try:
        geokg_version = importlib.metadata.version("geokg")
    except importlib.metadata.PackageNotFoundError:
        geokg_version = "dev"
    for part in (name, _model_version(name), geokg_version):
        digest.update(part.encode("utf-8") + b"\0")
    root = Path(__file__).resolve().parents[1]
    for path in _package_files():
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


class ResultCache:
    """Extraction results by document key, for one pipeline version, in SQLite."""

    def __init__(self, directory: str | Path, version: str) -> None:
        self.directory = Path(directory) / CACHE_DIRNAME
        self.version = version
        self.hits = 0
        self.misses = 0
        self._unsaved = 0
        path = self.directory / f"extract-{version}.sqlite"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._drop_stale()
            try:
                self._db = self._open(path)
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    raise  # locked, read-only, no such folder: not damage
                aside = self._set_aside(path)
                warnings.warn(
                    f"the build cache {str(path)!r} is damaged ({exc}); moved it "
                    f"to {aside.name!r} and starting a new one",
                    GeokgWarning,
                    stacklevel=2,
                )
                self._db = self._open(path)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(
                f"cannot use the build cache in {str(self.directory)!r}: {exc}; "
                "check permissions, or pass --no-cache"
            ) from None

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        """The cache's database, checked whole (a damaged one raises here, not in
        the middle of a build)."""
        db = sqlite3.connect(path)
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB)"
            )
            (verdict,) = db.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {verdict}")
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _set_aside(path: Path) -> Path:
        """Move a damaged database (and its journal) out of the way, kept to look at."""
        aside = path.with_name(f"damaged-{path.name}")
        for suffix in ("", "-journal", "-wal", "-shm"):
            part = Path(f"{path}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{aside}{suffix}"))
        return aside

    def _drop_stale(self) -> None:
        for old in self.directory.glob("extract-*.sqlite*"):
            if not old.name.startswith(f"extract-{self.version}.sqlite"):
                old.unlink(missing_ok=True)

    def get(self, key: str) -> DocResult | None:
        """The cached result under a key, or None."""
        row = self._db.execute(
            "SELECT value FROM results WHERE key = ?", (key,)
        ).fetchone()
        return DocResult(*pickle.loads(row[0])) if row else None

    def put(self, key: str, result: DocResult) -> None:
        """Store the result of a document (with the document: hits need no re-read)."""
        value = pickle.dumps(
            (result.document, result.entities, result.assertions, result.mentions),
            protocol=5,
        )
        self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (key, value))
        self._unsaved += 1
        if self._unsaved >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        """Make the stored results durable."""
        self._db.commit()
        self._unsaved = 0

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.commit()
        self._db.close()

    def through(
        self,
        documents: Iterable[Document],
        run: Callable[[Iterator[Document]], Iterator[DocResult]],
    ) -> Iterator[DocResult]:
        """Every document's result in input order: cached ones read, others `run`."""
        # One entry per document read, in order: the key of a cached one (a long
        # run of them costs a few bytes each), the key and document of one `run`
        # has taken but not returned yet (at most its read-ahead).
        pending: deque[tuple[str, Document | None]] = deque()

        def misses() -> Iterator[Document]:
            for document in documents:
                key = document_key(document)
                hit = self._has(key)
                pending.append((key, None if hit else document))
                if not hit:
                    yield document

        for result in run(misses()):
            yield from self._cached_until_miss(pending)
            key, _ = pending.popleft()
            self.put(key, result)
            self.misses += 1
            yield result
        yield from self._cached_until_miss(pending)

    def _has(self, key: str) -> bool:
        row = self._db.execute("SELECT 1 FROM results WHERE key = ?", (key,)).fetchone()
        return row is not None

    def _cached_until_miss(
        self, pending: deque[tuple[str, Document | None]]
    ) -> Iterator[DocResult]:
        while pending and pending[0][1] is None:
            key, _ = pending.popleft()
            self.hits += 1
            yield self.get(key)
