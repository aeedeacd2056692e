"""Throughput and memory of `geokg build` against bare spaCy, at 1x, 2x and 4x sizes.

Run by hand (not part of the test suite); it takes a while on a full corpus:

    .venv/bin/python bench/bench_scale.py                  # 1/4, 1/2 and all of UNGD
    .venv/bin/python bench/bench_scale.py --sizes 50,100   # first 50 and 100 speeches
    .venv/bin/python bench/bench_scale.py --every 3 --sizes all   # every third speech

For each size it runs, each in a fresh subprocess whose whole process tree is
sampled for memory:

- bare: ``spacy.load(model).pipe(texts, n_process=W, batch_size=B)`` with every
  component geokg uses enabled (tok2vec, tagger, parser, attribute_ruler,
  lemmatizer, ner), over the same texts, discarding the Docs;
- geokg: the code path of ``geokg build --no-cache``: read, extract on W worker
  processes, build the graph, render every default export, write them.

and prints words/s of each, their ratio, the time of each stage, and memory:
the peak over time of the sum of PSS (``Pss:`` of ``/proc/PID/smaps_rollup``)
over every process of the run's tree -- the run's own process, its workers, the
forkserver, the resource tracker -- sampled every 0.2 s (``--interval``) by a
thread of the driver, which is outside that tree. PSS divides each shared page
among the processes that map it, so the sum counts copy-on-write memory once;
the peak sum of RSS, which counts it once per process, is printed too, with
the PSS of each process at the peak and the number of processes seen.
The subsets are the first N lines of the corpus (of every K-th line with
``--every K``), written to a temporary folder (never into the repo). NLP and
extraction run interleaved in the workers; their split is measured on a sample
in one process, component by component.
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
    from geokg.ingest.nlp import model_name

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
    from geokg.ingest.engine import PIPE_CHARS

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
    from geokg.exports.files import write_atomic
    from geokg.exports.formats import FORMATS
    from geokg.graph.build import GraphBuilder
    from geokg.ingest.engine import Options, extract_documents
    from geokg.ingest.readers import iter_documents

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
    from geokg.graph.model import Document
    from geokg.ingest.nlp import load_pipeline
    from geokg.ingest.pipeline import to_result

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


class TreeSampler:
    """Samples the memory of a process and all its descendants from ``/proc``.

    Every ``interval`` seconds it reads ``Pss:`` and ``Rss:`` of each process of
    the tree under ``root`` from ``/proc/PID/smaps_rollup``; it lists the tree
    again (by parent pid, from every ``/proc/*/stat``: ~2.5 ms for 90 processes)
    every ``rescan`` seconds. PSS splits every shared page among the processes
    that map it, so the sum of PSS over the tree is the memory the run really
    holds (RSS counts shared pages, such as a model in copy-on-write memory, once
    per process). It runs as a thread of the driver, which is not in the tree, so
    it never counts itself.
    """

    def __init__(self, root: int, interval: float = 0.2, rescan: float = 1.0) -> None:
        self.root, self.interval, self.rescan = root, interval, rescan
        self._members: list[tuple[int, int]] = []
        self._listed = float("-inf")
        self.peak_pss = self.peak_rss = 0  # bytes, of the sum over the tree
        self.at_peak: dict[int, int] = {}  # pid -> PSS at the peak of the sum
        self.peak_of: dict[int, int] = {}  # pid -> its own peak PSS
        self.roles: dict[int, str] = {}  # pid -> main, forkserver, worker...
        self.samples = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._done.wait(self.interval):
                return

    def sample(self) -> None:
        """One sample of the whole tree."""
        pss_sum = rss_sum = 0
        now: dict[int, int] = {}
        if time.monotonic() - self._listed >= self.rescan:
            self._members, self._listed = self._tree(), time.monotonic()
        for pid, ppid in self._members:
            mem = _smaps_rollup(pid)
            if mem is None:  # ended between listing and reading it
                continue
            pss, rss = mem
            if pid not in self.roles:
                self.roles[pid] = self._role(pid, ppid)
            now[pid] = pss
            self.peak_of[pid] = max(self.peak_of.get(pid, 0), pss)
            pss_sum += pss
            rss_sum += rss
        self.samples += 1
        self.peak_rss = max(self.peak_rss, rss_sum)
        if pss_sum > self.peak_pss:
            self.peak_pss, self.at_peak = pss_sum, now

    def _tree(self) -> list[tuple[int, int]]:
        """(pid, parent pid) of the root and every descendant."""
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                stat = _read(f"/proc/{entry.name}/stat")
                if not stat:
                    continue
                # "pid (comm) state ppid ...": comm may hold spaces and parentheses
                ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
        tree, todo = [], [(self.root, 0)]
        while todo:
            pid, ppid = todo.pop()
            tree.append((pid, ppid))
            todo.extend((c, pid) for c in children.get(pid, ()))
        return tree

    def _role(self, pid: int, ppid: int) -> str:
        if pid == self.root:
            return "main"
        cmd = (
            _read(f"/proc/{pid}/cmdline")
            .replace(b"\0", b" ")
            .decode("utf-8", "replace")
        )
        if self.roles.get(ppid) == "forkserver":  # forked: the same command line
            return "worker (forkserver)"
        if "multiprocessing.forkserver" in cmd:
            return "forkserver"
        if "resource_tracker" in cmd:
            return "resource tracker"
        if "multiprocessing.spawn" in cmd:
            return "worker (spawn)"
        if ppid == self.root:
            return "worker (fork)"
        return cmd.split(" ", 1)[0].rsplit("/", 1)[-1] or "?"

    def figures(self) -> dict:
        """Peak sums, the processes seen, and what each held (bytes)."""
        return {
            "peak_pss": self.peak_pss,
            "peak_rss": self.peak_rss,
            "processes": len(self.roles),
            "samples": self.samples,
            "at_peak": [(self.roles[p], v) for p, v in sorted(self.at_peak.items())],
            "peak_of": [(self.roles[p], v) for p, v in sorted(self.peak_of.items())],
        }


def _read(path: str) -> bytes:
    """A small /proc file's bytes (empty if its process is gone)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _smaps_rollup(pid: int) -> tuple[int, int] | None:
    """(Pss, Rss) of a process in bytes, from /proc/PID/smaps_rollup."""
    pss = rss = None
    for line in _read(f"/proc/{pid}/smaps_rollup").splitlines():
        if line.startswith(b"Pss:"):
            pss = int(line.split()[1]) * 1024
        elif line.startswith(b"Rss:"):
            rss = int(line.split()[1]) * 1024
    if pss is None or rss is None:  # gone, or a kernel thread
        return None
    return pss, rss


def peak_memory_of(cmd: list[str], interval: float) -> tuple[dict, dict]:
    """Run a command, sampling the memory of its process tree; (its JSON, memory)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid, interval) as sampler:
        stdout, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"bench: {cmd[-4:]} failed with exit {proc.returncode}")
    return json.loads(stdout.strip().splitlines()[-1]), {
        **sampler.figures(),
        "interval": interval,
    }


def subset(corpus: Path, n: int | None, folder: Path, every: int = 1) -> Path:
    """Every `every`-th line of the corpus, the first `n` of them, as a file in
    `folder` (or the corpus itself when that is all of it)."""
    with corpus.open("rb") as handle:
        total = sum(1 for _ in handle)
    if every == 1 and (n is None or n >= total):
        return corpus
    name = corpus.stem + (f".every{every}" if every > 1 else "")
    name += f".first{n}" if n is not None else ""
    path = folder / f"{name}.jsonl"
    with corpus.open("rb") as src, path.open("wb") as dst:
        dst.writelines(islice(islice(src, 0, None, every), n))
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


def measure(kind: str, path: Path, args: argparse.Namespace) -> tuple[dict, dict]:
    """One run of `kind` in a fresh subprocess: (its figures, its memory)."""
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
    return peak_memory_of(cmd, args.interval)


MIB = 1024 * 1024
NO_MEMORY = {"peak_pss": 0, "peak_rss": 0, "processes": 0, "at_peak": [], "peak_of": []}


def memory_lines(name: str, mem: dict) -> list[str]:
    """The peak PSS sum, peak RSS sum and what each process held, as text lines."""
    if not mem["processes"]:
        return []

    def each(pairs: list) -> str:
        return ", ".join(f"{role} {v / MIB:,.0f}" for role, v in pairs)

    return [
        f"{name:12} peak PSS {mem['peak_pss'] / MIB:7,.0f} MiB "
        f"(sum over {mem['processes']} processes; "
        f"peak RSS sum {mem['peak_rss'] / MIB:,.0f} MiB)",
        f"{'':12}   PSS at that peak (MiB): {each(mem['at_peak'])}",
        f"{'':12}   each process's own peak PSS (MiB): {each(mem['peak_of'])}",
    ]


def report(
    n: int,
    words: int,
    bare: dict,
    bare_mem: dict,
    geo: dict,
    geo_mem: dict,
    profile: dict,
) -> None:
    """Print the figures of one size."""
    bare_rate, geo_rate = words / bare["total"], words / geo["total"]
    print(f"\n== {n} speeches, {words:,} words ==")
    print(
        f"bare spaCy   {bare_rate:10,.0f} words/s  {bare['total']:8.1f} s  "
        f"peak PSS {bare_mem['peak_pss'] / MIB:7,.0f} MiB  "
        f"(sum over {bare_mem['processes']} processes)  "
        f"({'+'.join(bare['pipes'])}; "
        f"n_process {bare.get('workers')}, batch_size {bare.get('batch')})"
    )
    print(
        f"geokg build  {geo_rate:10,.0f} words/s  {geo['total']:8.1f} s  "
        f"peak PSS {geo_mem['peak_pss'] / MIB:7,.0f} MiB  "
        f"(sum over {geo_mem['processes']} processes)  ({geo['nodes']} nodes, "
        f"{geo['edges']} edges)"
    )
    print(f"ratio        {geo_rate / bare_rate:10.3f}")
    print(f"memory (process tree sampled every {geo_mem['interval']:.2f} s):")
    for line in memory_lines("bare spaCy", bare_mem) + memory_lines(
        "geokg build", geo_mem
    ):
        print("  " + line)
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
        help="comma-separated speech counts, or 'all' "
        "(default: a quarter, a half and all of the corpus, or of --every's selection)",
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
        "--every",
        type=int,
        default=1,
        metavar="K",
        help="use every K-th speech of the corpus (lines 1, K+1, 2K+1...); "
        "--sizes then count speeches of that selection",
    )
    p.add_argument(
        "--interval",
        type=float,
        default=0.2,
        help="seconds between memory samples of the process tree (default 0.2; "
        "each costs the driver ~1.5 ms per 400 MiB process)",
    )
    p.add_argument(
        "--one", choices=("bare", "geokg", "profile"), help=argparse.SUPPRESS
    )
    p.add_argument("--path", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        child(args)
        return
    if args.every < 1:
        p.error("--every must be at least 1")
    with args.corpus.open("rb") as handle:
        total = len(range(0, sum(1 for _ in handle), args.every))
    sizes = (
        [total if s == "all" else int(s) for s in args.sizes.split(",")]
        if args.sizes
        else [total // 4, total // 2, total]
    )
    print(
        f"corpus {args.corpus} ({total} speeches"
        + (f", one in every {args.every}" if args.every > 1 else "")
        + f"); workers {args.workers}, batch size {args.batch_size}; sizes {sizes}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        profile, _ = measure("profile", args.corpus, args)
        for n in sizes:
            path = subset(args.corpus, n, Path(folder), args.every)
            words = count_words(path)
            bare, bare_mem = (
                ({"total": float("nan"), "pipes": []}, NO_MEMORY)
                if args.skip_bare
                else measure("bare", path, args)
            )
            geo, geo_mem = measure("geokg", path, args)
            report(n, words, bare, bare_mem, geo, geo_mem, profile)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
