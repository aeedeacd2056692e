"""The local engine: order, bounded read-ahead, shards, options, progress, workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from geokg.graph.errors import UsageError
from geokg.graph.model import Document
from geokg.ingest import engine
from geokg.ingest.engine import Item, Locator, Options, in_order, read_item, tasks
from geokg.ingest.readers import iter_documents

from tests.conftest import run_cli


class Ready:
    """A finished future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def test_in_order_keeps_input_order_and_bounds_what_is_in_flight():
    docs = [Document(f"d{i}", f"text {i}") for i in range(10)]
    sizes, ahead, out = [], [], []

    def submit(batch):
        sizes.append(len(batch))
        ahead.append(sum(sizes) - len(out))  # documents submitted, not yet yielded
        return Ready([((), ()) for _ in batch])

    for result in in_order(tasks(docs, 3), submit, window=2):
        out.append(result.document.id)
    assert out == [d.id for d in docs]
    assert sizes == [3, 3, 3, 1]
    assert max(ahead) <= 2 * 3


def test_in_order_reads_input_lazily():
    pulled = []

    def documents():
        for i in range(100):
            pulled.append(i)
            yield Document(f"d{i}", "x")

    results = in_order(tasks(documents(), 5), lambda b: Ready([((), ())] * len(b)), 2)
    next(results)
    assert len(pulled) <= 2 * 5 + 5


def test_a_worker_returning_too_few_results_is_an_error():
    with pytest.raises(RuntimeError, match="returned 1 results for 2"):
        list(
            in_order(
                [[Document("a", "x"), Document("b", "y")]],
                lambda b: Ready([((), ())]),
                1,
            )
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"engine": "spark"}, "unknown engine 'spark'"),
        ({"workers": 0}, "--workers must be at least 1"),
        ({"batch_size": 0}, "--batch-size must be at least 1"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler needs --engine dask"),
    ],
)
def test_bad_options_are_usage_errors(kwargs, message):
    with pytest.raises(UsageError, match=message):
        Options(**kwargs)


def test_workers_default_to_every_core():
    assert Options().n_workers == engine.available_cores() >= 1
    assert Options(workers=3).n_workers == 3


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text(
        "".join(
            json.dumps({"id": f"r{i}", "text": t, "title": f"T{i}"}) + "\n"
            if t
            else "\n"
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    return path


def test_shard_items_point_at_their_lines_and_read_back_identical(tmp_path):
    corpus = _jsonl(
        tmp_path / "c.jsonl", ["Iran met Russia.", "", "Ünïcode … text.", "Third one."]
    )
    (tmp_path / "a.txt").write_text("A plain text article.", encoding="utf-8")
    docs = list(iter_documents([str(corpus), str(tmp_path / "a.txt")]))
    locator = Locator()
    items = [locator.item(d) for d in docs]
    assert [i.line for i in items] == [1, 3, 4, 0]
    assert all(i.document.text == "" and i.path for i in items)
    assert [read_item(i) for i in items] == docs


def test_a_document_without_a_file_travels_inline():
    doc = Document("h-1", "From stdin.", source_path="-")
    item = Locator().item(doc)
    assert item == Item(doc) and read_item(item) == doc


def test_progress_is_off_with_quiet_or_without_a_terminal(capsys):
    assert engine.progress_wanted(quiet=True) is False
    assert engine.progress_wanted(quiet=False) is False  # pytest captures stderr


def test_progress_bar_passes_every_result_through(capsys):
    items = list(engine.with_progress(iter(range(5)), 5))
    assert items == list(range(5))
    assert "5/5" in capsys.readouterr().err


def test_count_documents_counts_records_and_files(tmp_path):
    corpus = _jsonl(tmp_path / "c.jsonl", ["a", "", "b"])
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    assert engine.count_documents([str(corpus), str(tmp_path / "x.txt")]) == 3
    assert engine.count_documents(["-"]) is None


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.model
def test_worker_processes_give_the_same_results_as_one_process(seeds_dir):
    docs = list(iter_documents([str(seeds_dir)]))
    one = list(engine.run_local(docs, Options(workers=1)))
    # batch size 1 and 2 workers: both seeds go to separate worker processes
    two = list(engine.run_local(docs, Options(workers=2, batch_size=1)))
    assert two == one
    assert any(r.assertions for r in one)


@pytest.mark.model
def test_cli_build_is_byte_identical_on_any_number_of_workers(seeds_dir, tmp_path):
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"j{workers}"
        proc = run_cli(
            "build",
            str(seeds_dir),
            "--out",
            str(out),
            "-j",
            workers,
            "--batch-size",
            "1",
            "--no-cache",
        )
        assert proc.returncode == 0, proc.stderr
        assert "doc/s" not in proc.stderr  # stderr is no terminal: no progress bar
        outs.append(_outputs(out))
    assert outs[0] == outs[1]
    assert not (tmp_path / "j1" / ".cache").exists()


def test_a_model_no_worker_could_load_is_a_one_line_error_before_any_work():
    from geokg.graph.errors import ModelError

    docs = [Document(f"d{i}", "Text.") for i in range(8)]
    with pytest.raises(ModelError, match="cannot load spaCy model 'no_such_model'"):
        list(
            engine.run_local(
                docs, Options(workers=2, batch_size=1, model="no_such_model")
            )
        )


def test_tasks_hold_a_few_documents_or_a_little_text():
    docs = [Document(f"d{i}", "x" * n) for i, n in enumerate([10, 10, 50, 10, 10, 10])]
    sizes = [[d.id for d in t] for t in tasks(docs, 4, chars=60)]
    assert sizes == [["d0", "d1"], ["d2", "d3"], ["d4", "d5"]]
    assert [len(t) for t in tasks(docs, 4, chars=10_000)] == [4, 2]


@pytest.mark.model
def test_workers_end_when_the_build_is_killed(shared_dir, tmp_path):
    """kill -9 of a build leaves no worker working (or waiting) with a model loaded."""
    import contextlib
    import signal
    import subprocess
    import sys
    import time
    from itertools import islice

    psutil = pytest.importorskip("psutil")
    corpus = tmp_path / "ungd40.jsonl"
    with (shared_dir / "corpora/ungd_2015_2023.jsonl").open("rb") as src:
        corpus.write_bytes(b"".join(islice(src, 40)))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "geokg",
            "build",
            str(corpus),
            "--out",
            str(tmp_path / "out"),
            "-j",
            "2",
            "--batch-size",
            "4",  # small tasks: 40 speeches go to the worker processes
            "--no-cache",
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    main = psutil.Process(proc.pid)
    workers: list = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.5)
        servers = [c for c in main.children() if "forkserver" in " ".join(c.cmdline())]
        workers = [w for s in servers for w in s.children()]
    assert len(workers) == 2, "the build never started its two workers"
    time.sleep(3)  # let them load the model and start working
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    gone, alive = psutil.wait_procs(workers, timeout=60)
    for p in alive + servers:
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    assert not alive, f"{len(alive)} worker(s) outlived the killed build"
