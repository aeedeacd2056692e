"""Throughput and memory of `geokg build` against bare spaCy, at 1x, 2x and 4x sizes.

Run by hand (not part of the test suite); it takes a while on a full corpus:

    .venv/bin/python bench/bench_scale.py                  # 1/4, 1/2 and all of UNGD
    .venv/bin/python bench/bench_scale.py --sizes 50,100   # first 50 and 100 speeches

For each size it runs, each in a fresh subprocess whose whole process tree is
sampled for resident memory:

- bare: ``spacy.load(model).pipe(texts, n_process=W, batch_size=B)`` with every
  component geokg uses enabled (tok2vec, tagger, parser, attribute_ruler,
  lemmatizer, ner), over the same texts, discarding the Docs;
- geokg: the code path of ``geokg build --no-cache``: read, extract on W worker
  processes, build the graph, render every default export, write them.

and prints words/s of each, their ratio, peak RSS and the time of each stage.
The subsets are the first N lines of the corpus, written to a temporary folder
(never into the repo). NLP and extraction run interleaved in the workers; their
split is measured on a sample in one process, component by component.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpora" / "ungd_2015_2023.jsonl"
GEOKG_COMPONENTS = ("geokg_ruler", "geokg_actors", "geokg_relations")


def texts(path: Path, limit: int | None = None):
    """The texts of a JSON Lines corpus, lazily."""
    with path.open(encoding="utf-8") as handle:
        for line in islice(handle, limit):
            if line.strip():
                yield json.loads(line)["text"]


def count_words(path: Path) -> int:
    """Whitespace-separated words of every text (the unit of every rate printed)."""
    return sum(len(t.split()) for t in texts(path))


# -- the measured runs (each in its own subprocess) ----------------------------


def run_bare(path: Path, workers: int, batch_size: int) -> dict:
    """Bare spaCy over the texts: the baseline."""
    import spacy

    from ingest.nlp import model_name

    nlp = spacy.load(model_name())
    size = pipe_batch(path, batch_size)
    start = time.perf_counter()
    for _ in nlp.pipe(texts(path), n_process=workers, batch_size=size):
        pass
    return {
        "total": time.perf_counter() - start,
        "pipes": nlp.pipe_names,
        "batch": size,
        "workers": workers,
    }


def pipe_batch(path: Path, batch_size: int) -> int:
    """The nlp.pipe batch geokg's workers use on this corpus (same text per batch)."""
    from ingest.engine import PIPE_CHARS

    lengths = [len(t) for t in texts(path)]
    return max(1, min(batch_size, PIPE_CHARS * len(lengths) // max(1, sum(lengths))))


class Timed:
    """Wraps an iterator and adds the time spent in its ``next`` to a counter."""

    def __init__(self, it, times: dict, name: str) -> None:
        self.it, self.times, self.name = iter(it), times, name

    def __iter__(self):
        return self

    def __next__(self):
        start = time.perf_counter()
        try:
            return next(self.it)
        finally:
            self.times[self.name] = self.times.get(self.name, 0.0) + (
                time.perf_counter() - start
            )


def run_geokg(path: Path, workers: int, batch_size: int, out: Path) -> dict:
    """The `geokg build --no-cache` code path, stage by stage."""
    from exports.files import write_atomic
    from exports.formats import FORMATS
    from graph.build import GraphBuilder
    from ingest.engine import Options, extract_documents
    from ingest.readers import iter_documents

    times: dict[str, float] = {}
    start = time.perf_counter()
    documents = Timed(iter_documents([str(path)]), times, "read")
    options = Options(workers=workers, batch_size=batch_size)
    results = Timed(extract_documents(documents, options), times, "extract (wall)")
    builder = GraphBuilder()
    t = time.perf_counter()
    for result in results:
        builder.add(result)
    times["graph: add"] = time.perf_counter() - t - times["extract (wall)"]
    times["extract (wall)"] -= times.get("read", 0.0)
    t = time.perf_counter()
    g = builder.graph()
    times["graph: freeze"] = time.perf_counter() - t
    artifacts = {}
    for f in FORMATS.values():
        if f.default:
            t = time.perf_counter()
            artifacts[f.filename] = f.render(g).encode("utf-8")
            times[f"export: {f.filename}"] = time.perf_counter() - t
    t = time.perf_counter()
    write_atomic(out, artifacts)
    times["write"] = time.perf_counter() - t
    return {
        "total": time.perf_counter() - start,
        "stages": times,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "bytes": {k: len(v) for k, v in artifacts.items()},
    }


def run_profile(path: Path, limit: int, batch_size: int) -> dict:
    """Seconds per pipeline component on the first `limit` texts, in one process."""
    from graph.model import Document
    from ingest.nlp import load_pipeline
    from ingest.pipeline import to_result

    nlp = load_pipeline()
    sample = list(texts(path, limit))
    times: dict[str, float] = {}
    t = time.perf_counter()
    docs = [nlp.make_doc(text) for text in sample]
    times["tokenizer"] = time.perf_counter() - t
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        docs = (
            list(proc.pipe(docs, batch_size=batch_size))
            if hasattr(proc, "pipe")
            else [proc(d) for d in docs]
        )
        times[name] = time.perf_counter() - t
    t = time.perf_counter()
    for i, doc in enumerate(docs):
        to_result(doc, Document(id=str(i), text=doc.text))
    times["to_result"] = time.perf_counter() - t
    return {"components": times, "words": sum(len(s.split()) for s in sample)}


# -- the driver ------------------------------------------------------------------


def peak_rss_of(cmd: list[str]) -> tuple[dict, int]:
    """Run a command, sampling the RSS of its whole process tree; (its JSON, peak)."""
    import psutil

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        parent = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(_rss(p) for p in tree))
            except psutil.Error:
                pass
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"bench: {cmd[-4:]} failed with exit {proc.returncode}")
    return json.loads(stdout.strip().splitlines()[-1]), peak


def _rss(p) -> int:
    try:
        return p.memory_info().rss
    except Exception:  # the process ended between listing and reading it
        return 0


def subset(corpus: Path, n: int, folder: Path) -> Path:
    """The first `n` lines of the corpus as a file in `folder` (or the corpus)."""
    with corpus.open("rb") as handle:
        total = sum(1 for _ in handle)
    if n >= total:
        return corpus
    path = folder / f"{corpus.stem}.first{n}.jsonl"
    with corpus.open("rb") as src, path.open("wb") as dst:
        dst.writelines(islice(src, n))
    return path


def child(args: argparse.Namespace) -> None:
    """Run one measurement and print its figures as one JSON line."""
    path = Path(args.path)
    if args.one == "bare":
        figures = run_bare(path, args.workers, args.batch_size)
    elif args.one == "profile":
        figures = run_profile(path, args.profile_docs, args.batch_size)
    else:
        with tempfile.TemporaryDirectory() as out:
            figures = run_geokg(path, args.workers, args.batch_size, Path(out))
    print(json.dumps(figures))


def measure(kind: str, path: Path, args: argparse.Namespace) -> tuple[dict, int]:
    """One run of `kind` in a fresh subprocess."""
    cmd = [
        sys.executable,
        __file__,
        "--one",
        kind,
        "--path",
        str(path),
        "--workers",
        str(args.workers),
        "--batch-size",
        str(args.batch_size),
        "--profile-docs",
        str(args.profile_docs),
    ]
    return peak_rss_of(cmd)


def report(
    n: int,
    words: int,
    bare: dict,
    bare_rss: int,
    geo: dict,
    geo_rss: int,
    profile: dict,
) -> None:
    """Print the figures of one size."""
    mib = 1024 * 1024
    bare_rate, geo_rate = words / bare["total"], words / geo["total"]
    print(f"\n== {n} speeches, {words:,} words ==")
    print(
        f"bare spaCy   {bare_rate:10,.0f} words/s  {bare['total']:8.1f} s  "
        f"peak RSS {bare_rss / mib:7.0f} MiB   ({'+'.join(bare['pipes'])}; "
        f"n_process {bare.get('workers')}, batch_size {bare.get('batch')})"
    )
    print(
        f"geokg build  {geo_rate:10,.0f} words/s  {geo['total']:8.1f} s  "
        f"peak RSS {geo_rss / mib:7.0f} MiB   ({geo['nodes']} nodes, "
        f"{geo['edges']} edges)"
    )
    print(f"ratio        {geo_rate / bare_rate:10.3f}")
    comp = profile["components"]
    total_comp = sum(comp.values())
    nlp_share = (
        sum(v for k, v in comp.items() if k not in (*GEOKG_COMPONENTS, "to_result"))
        / total_comp
    )
    wall = geo["stages"]["extract (wall)"]
    print("stages (s):")
    print(f"  {'read':24} {geo['stages'].get('read', 0):8.2f}")
    print(
        f"  {'NLP (spaCy components)':24} {wall * nlp_share:8.2f}   "
        f"{nlp_share:.0%} of the worker time"
    )
    print(
        f"  {'extraction (geokg)':24} {wall * (1 - nlp_share):8.2f}   "
        f"ruler+actors+relations+to_result"
    )
    for name, seconds in geo["stages"].items():
        if name not in ("read", "extract (wall)"):
            print(f"  {name:24} {seconds:8.2f}")
    print(
        "  component profile, one process, "
        f"{profile['words']:,} words (s): "
        + ", ".join(f"{k} {v:.2f}" for k, v in comp.items())
    )


def main() -> None:
    """Parse options; run each size; print the figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument(
        "--sizes",
        help="comma-separated speech counts "
        "(default: a quarter, a half and all of the corpus)",
    )
    p.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument(
        "--profile-docs",
        type=int,
        default=40,
        help="speeches in the one-process component profile",
    )
    p.add_argument("--skip-bare", action="store_true")
    p.add_argument(
        "--one", choices=("bare", "geokg", "profile"), help=argparse.SUPPRESS
    )
    p.add_argument("--path", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        child(args)
        return
    with args.corpus.open("rb") as handle:
        total = sum(1 for _ in handle)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else [total // 4, total // 2, total]
    )
    print(
        f"corpus {args.corpus} ({total} speeches); workers {args.workers}, "
        f"batch size {args.batch_size}; sizes {sizes}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        profile, _ = measure("profile", args.corpus, args)
        for n in sizes:
            path = subset(args.corpus, n, Path(folder))
            words = count_words(path)
            bare, bare_rss = (
                ({"total": float("nan"), "pipes": []}, 0)
                if args.skip_bare
                else measure("bare", path, args)
            )
            geo, geo_rss = measure("geokg", path, args)
            report(n, words, bare, bare_rss, geo, geo_rss, profile)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
