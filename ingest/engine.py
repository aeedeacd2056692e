"""Run extraction on every core, or on a Dask cluster, with a cache and a progress bar.

    extract_all(paths, options)       documents in -> DocResults out, in input order
    ├── cache (ingest/cache.py)       documents already seen are not processed again
    ├── "local" engine                worker processes, each loads the pipeline once
    └── "dask" engine                 shards of (file, line range) on dask.distributed

Workers send back only compact results (entities, assertions and mention spans,
never spaCy ``Doc``s); the caller re-attaches the ``Document`` it already holds.
At most a few batches per worker are in flight, so memory stays flat however
long the input is, and results are merged in input order, so every engine gives the
same bytes. spaCy's results do not depend on how documents are batched, so a
document gives the same result alone, in any batch, on any worker.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from geokg.graph.errors import InputError, ModelError, UsageError
from geokg.graph.model import Assertion, DocResult, Document, Entity, MentionSpan

ENGINES = ("local", "dask")
#: Batches kept in flight per worker: enough to keep every core busy while the
#: oldest batch, whose results are yielded first, is still being worked on.
WINDOW_PER_WORKER = 4

#: Characters of text per task sent to a worker (~10,000 words, a second or two
#: of work): small tasks keep both cores busy to the end of uneven inputs.
TASK_CHARS = 60_000

#: Characters of text per nlp.pipe batch in a worker (~20,000 words).
PIPE_CHARS = 120_000

#: What a worker sends back for one document.
Extracted = tuple[tuple[Entity, ...], tuple[Assertion, ...], tuple[MentionSpan, ...]]


@dataclass(frozen=True)
class Options:
    """How to run extraction: engine, parallelism, batching, model, cache, progress."""

    engine: str = "local"
    workers: int | None = None
    batch_size: int = 32
    model: str | None = None
    scheduler: str | None = None
    cache_dir: Path | None = None
    progress: bool = False

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise UsageError(
                f"unknown engine {self.engine!r}; choose one of {', '.join(ENGINES)}"
            )
        if self.workers is not None and self.workers < 1:
            raise UsageError(f"--workers must be at least 1, got {self.workers!r}")
        if self.batch_size < 1:
            raise UsageError(
                f"--batch-size must be at least 1, got {self.batch_size!r}"
            )
        if self.scheduler and self.engine != "dask":
            raise UsageError(
                "--scheduler needs --engine dask; add it, or drop --scheduler"
            )

    @property
    def n_workers(self) -> int:
        """The number of worker processes: the option, else every usable core."""
        return self.workers or available_cores()


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def compact(result: DocResult) -> Extracted:
    """What a worker returns for one document: no text, no spaCy objects."""
    return (result.entities, result.assertions, result.mentions)


def attach(document: Document, extracted: Extracted) -> DocResult:
    """The full result of a document from what a worker returned for it."""
    return DocResult(document, *extracted)


def tasks(
    documents: Iterable[Document], size: int, chars: int = TASK_CHARS
) -> Iterator[list[Document]]:
    """Consecutive batches of at most `size` documents and about `chars` of text."""
    batch: list[Document] = []
    held = 0
    for doc in documents:
        if batch and (len(batch) >= size or held + len(doc.text) > chars):
            yield batch
            batch, held = [], 0
        batch.append(doc)
        held += len(doc.text)
    if batch:
        yield batch


def in_order(
    batches: Iterable[list[Document]],
    submit: Callable[[list[Document]], Any],
    window: int,
) -> Iterator[DocResult]:
    """Submit batches with at most `window` in flight; yield results in input order."""
    pending: deque[tuple[list[Document], Any]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            yield from _finish(*pending.popleft())
    while pending:
        yield from _finish(*pending.popleft())


def _finish(batch: list[Document], future: Any) -> Iterator[DocResult]:
    extracted = future.result()
    if len(extracted) != len(batch):
        raise RuntimeError(
            f"a worker returned {len(extracted)} results for {len(batch)}"
        )
    yield from map(attach, batch, extracted)


# -- the in-process path ------------------------------------------------------


_NLP: dict[str | None, Any] = {}


def pipeline(model: str | None) -> Any:
    """The geokg pipeline, loaded once per process and model."""
    if model not in _NLP:
        from geokg.ingest.nlp import load_pipeline

        _NLP[model] = load_pipeline(model)
    return _NLP[model]


def extract_batch(documents: list[Document], model: str | None) -> list[Extracted]:
    """Extract one batch in this process (the unit of work of every engine)."""
    from geokg.ingest.pipeline import extract

    nlp = pipeline(model)
    size = pipe_batch_size(documents)
    return [compact(r) for r in extract(documents, nlp, batch_size=size)]


def pipe_batch_size(documents: list[Document]) -> int:
    """Documents per ``nlp.pipe`` batch: about PIPE_CHARS of text, for flat memory.

    spaCy's memory grows with the text of a batch, not with its count of documents
    (32 UN speeches take ~600 MiB more than 32 news items); its results do not
    depend on the batching.
    """
    chars = sum(len(d.text) for d in documents) or 1
    return max(1, min(len(documents), PIPE_CHARS * len(documents) // chars))


class _Done:
    """A finished 'future' for work done in the calling process."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        """The value."""
        return self.value


# -- the local engine: worker processes ---------------------------------------


def check_model(model: str | None) -> None:
    """Fail here, with a one-line error, on a model no worker could load."""
    import spacy.util
    from geokg.ingest.nlp import INSTALL_HINT, model_name

    name = model_name(model)
    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise ModelError(f"cannot load spaCy model {name!r}; {INSTALL_HINT}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(pid: int, every: float = 1.0) -> None:
    """End this worker once the build that started it is gone (killed with -9, say),
    so no orphan keeps working, or waiting, with a model in memory."""
    while _alive(pid):
        time.sleep(every)
    os._exit(1)


def _init_worker(model: str | None, parent: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    pipeline(model)


def run_local(documents: Iterable[Document], options: Options) -> Iterator[DocResult]:
    """Extract in `options.n_workers` processes (here if 1, or if input is small)."""
    docs = iter(documents)
    workers = options.n_workers
    head = list(islice(docs, workers * options.batch_size))
    batches = tasks(_chain(head, docs), options.batch_size)
    if workers == 1 or len(head) < workers * options.batch_size:
        # Too little work to pay for starting processes: one batch at a time here.
        yield from in_order(
            batches, lambda b: _Done(extract_batch(b, options.model)), 1
        )
        return
    from concurrent.futures import ProcessPoolExecutor

    check_model(options.model)

    context = multiprocessing.get_context("forkserver")
    # the forkserver loads the default pipeline once; workers share it (fork)
    context.set_forkserver_preload(
        [f"{__package__}.{m}" for m in ("engine", "pipeline", "preloaded")] + ["spacy"]
    )
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(options.model, os.getpid()),
    ) as pool:
        yield from in_order(
            batches,
            lambda b: pool.submit(extract_batch, b, options.model),
            workers * WINDOW_PER_WORKER,
        )


def _chain(head: list[Document], rest: Iterator[Document]) -> Iterator[Document]:
    yield from head
    yield from rest


# -- the dask engine: shards of files and line ranges --------------------------


@dataclass(frozen=True)
class Item:
    """One document of a shard: its metadata, and where a worker reads its text.

    ``path`` and ``offset`` locate a JSON Lines record (byte offset of its line)
    or a whole file (offset -1); documents from stdin carry their text inline.
    """

    document: Document
    path: str | None = None
    offset: int = -1
    line: int = 0


@dataclass(frozen=True)
class Shard:
    """A run of documents: lines of one input file, or several small files."""

    items: tuple[Item, ...]

    def describe(self) -> str:
        """Where the shard's documents come from, for messages."""
        first, last = self.items[0], self.items[-1]
        if first.path and first.path == last.path and first.offset >= 0:
            return f"{first.path}:{first.line}-{last.line}"
        return f"{len(self.items)} documents from {first.path or 'stdin'}"


class Locator:
    """Finds where a document read by ``ingest.readers`` lives: file and line offset."""

    def __init__(self) -> None:
        self._path: str | None = None
        self._offsets = array("q")

    def item(self, document: Document) -> Item:
        """The shard item of a document (inline when it has no file to read it from)."""
        source = document.source_path or ""
        if source and source != "-" and Path(source).is_file():
            return Item(replace(document, text=""), str(Path(source).resolve()))
        path, _, line = source.rpartition(":")
        if path and line.isdigit() and Path(path).is_file():
            offset = self._offset(str(Path(path).resolve()), int(line))
            if offset >= 0:
                return Item(replace(document, text=""), self._path, offset, int(line))
        return Item(document)

    def _offset(self, path: str, line: int) -> int:
        if path != self._path:
            self._path, self._offsets = path, line_offsets(path)
        return self._offsets[line - 1] if 0 < line <= len(self._offsets) else -1


def line_offsets(path: str) -> array:
    """The byte offset of every line of a file (line 1 first)."""
    offsets, position = array("q"), 0
    with open(path, "rb") as handle:
        for raw in handle:
            offsets.append(position)
            position += len(raw)
    return offsets


def read_item(item: Item) -> Document:
    """The document of a shard item, its text read from the file it names."""
    if item.path is None:
        return item.document
    from geokg.ingest import readers

    def ignore(error: InputError) -> None:  # the client reported it already
        pass

    if item.offset < 0:
        text = next(iter(readers.read_path(Path(item.path), ignore))).text
    else:
        with open(item.path, "rb") as handle:
            handle.seek(item.offset)
            record = json.loads(readers.decode(handle.readline(), item.path, ignore))
        text = readers.document_from_record(record, item.path, on_problem=ignore).text
    document = replace(item.document, text=text)
    return document


def extract_shard(
    shard: Shard, model: str | None, hashes: tuple[str, ...]
) -> list[Extracted]:
    """A Dask task: read a shard's documents, check them, extract them."""
    documents = [read_item(item) for item in shard.items]
    for document, expected in zip(documents, hashes, strict=True):
        if document.content_hash != expected:
            raise InputError(
                f"document {document.id!r} differs from what the client read; "
                "the input changed during the run, or the workers see another copy "
                "of it: give every worker the same files at the same path",
                path=shard.describe(),
            )
    return extract_batch(documents, model)


def model_plugin(model: str | None) -> Any:
    """A Dask worker plugin: each worker loads the pipeline once, when it joins."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        name = f"geokg-model-{model or 'default'}"
        idempotent = True

        def setup(self, worker: Any) -> None:
            pipeline(model)

    return ModelPlugin()


def _client(options: Options) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--engine dask needs dask.distributed; install it with "
            "`pip install 'geokg[dask]'`"
        ) from None
    if options.scheduler:
        try:
            return Client(options.scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler {options.scheduler!r} ({exc}); "
                "check the address (tcp://HOST:PORT) and that `dask scheduler` runs"
            ) from None
    cluster = LocalCluster(
        n_workers=options.n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=40,
    )
    return Client(cluster)


def run_dask(documents: Iterable[Document], options: Options) -> Iterator[DocResult]:
    """Extract on a Dask cluster: shards of file line ranges, results in input order."""
    check_model(options.model)
    locator = Locator()
    client = _client(options)
    try:
        try:
            client.register_plugin(model_plugin(options.model))
        except OSError as exc:
            raise ModelError(f"a Dask worker cannot load the model: {exc}") from None
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(batch: list[Document]) -> Any:
            shard = Shard(tuple(locator.item(d) for d in batch))
            hashes = tuple(d.content_hash for d in batch)
            return client.submit(
                extract_shard, shard, options.model, hashes, pure=False
            )

        yield from in_order(
            tasks(documents, options.batch_size), submit, workers * WINDOW_PER_WORKER
        )
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None and not options.scheduler:
            cluster.close()


# -- everything together --------------------------------------------------------


RUNNERS: dict[str, Callable[[Iterable[Document], Options], Iterator[DocResult]]] = {
    "local": run_local,
    "dask": run_dask,
}


def extract_documents(
    documents: Iterable[Document], options: Options, *, paths: list[str] | None = None
) -> Iterator[DocResult]:
    """The results of documents in input order, through the cache and the engine.

    With ``options.progress``, a progress bar counts them (its total from `paths`).
    """
    results = _cached(documents, options)
    if options.progress:
        results = with_progress(results, count_documents(paths) if paths else None)
    return results


def _cached(documents: Iterable[Document], options: Options) -> Iterator[DocResult]:
    run = RUNNERS[options.engine]
    if options.cache_dir is None:
        yield from run(documents, options)
        return
    from geokg.ingest.cache import ResultCache, pipeline_version

    with ResultCache(options.cache_dir, pipeline_version(options.model)) as cache:
        yield from cache.through(documents, lambda docs: run(docs, options))


def count_documents(paths: list[str]) -> int | None:
    """A quick count of the documents of the inputs (for the ETA), None if unknown."""
    from geokg.ingest.readers import JSONL_SUFFIXES, expand_paths

    total = 0
    try:
        for path in expand_paths(paths, on_problem=lambda error: None):
            if str(path) == "-":
                return None
            if path.suffix.lower() in JSONL_SUFFIXES:
                with path.open("rb") as handle:
                    total += sum(1 for raw in handle if raw.strip())
            else:
                total += 1
    except (OSError, InputError):
        return None
    return total


def with_progress(
    results: Iterable[DocResult], total: int | None
) -> Iterator[DocResult]:
    """Show a progress bar (documents/s, ETA) on stderr while results stream by."""
    from tqdm import tqdm

    with tqdm(
        total=total,
        unit="doc",
        desc="geokg",
        file=sys.stderr,
        dynamic_ncols=True,
        smoothing=0.1,
    ) as bar:
        for result in results:
            bar.update(1)
            yield result


def progress_wanted(quiet: bool) -> bool:
    """Whether to draw a progress bar: stderr is a terminal and not --quiet."""
    return not quiet and sys.stderr.isatty()
