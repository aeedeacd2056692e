"""The real CLI on bad input and faults: one line, a documented exit code, no traceback.

Exit codes (geokg/cli.py): 0 ok; 1 error, nothing written; 2 usage; 3 written, but
some input records were skipped or changed; 130 Ctrl-C; 143 SIGTERM.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from geokg.graph.errors import (
    InputError,
    ModelError,
    OutputError,
    QueryError,
    UsageError,
)

from geokg import cli
from tests.conftest import ROOT, SEEDS, run_cli


def outputs(folder: Path) -> dict[str, bytes]:
    """The output files of a build folder (not its hidden cache), by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_one_line_error(proc: subprocess.CompletedProcess, code: int, text: str):
    """Exit `code`, one stderr line holding `text`, no traceback, nothing on stdout."""
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("geokg: error: ")
    assert text in proc.stderr
    assert proc.stdout == ""


@pytest.fixture
def previous(seeds_build: Path, tmp_path: Path) -> Path:
    """An output folder holding a good earlier build of the seeds."""
    out = tmp_path / "out"
    shutil.copytree(seeds_build, out)
    return out


@pytest.fixture
def readonly_dir(tmp_path: Path):
    """A folder nobody may write into, even root (chattr +i); skipped if unsupported."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(
            ["chattr", "+i", str(folder)], capture_output=True
        ).returncode:
            pytest.skip("cannot make a folder read-only for root here")
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


# --- usage and paths: caught before the model loads -----------------------------

USAGE_CASES = [
    ([], "the following arguments are required: COMMAND; see `geokg --help`"),
    (["bild"], "argument COMMAND: invalid choice: 'bild'"),
    (["build", "--bogus"], "unrecognized arguments: --bogus"),
    (["build", "--batch-size", "0"], "expected a whole number >= 1, got '0'"),
    (["build", "--batch-size", "many"], "got 'many'; see `geokg build --help`"),
]


@pytest.mark.parametrize(("args", "text"), USAGE_CASES)
def test_usage_errors_exit_2_with_one_line(args, text):
    assert_one_line_error(run_cli(*args), 2, text)


def test_missing_input_path_exits_1_before_any_work(tmp_path):
    proc = run_cli(
        "build", str(SEEDS), str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out")
    )
    assert_one_line_error(proc, 1, f"{tmp_path / 'nope.txt'}: no such file or folder")
    assert not (tmp_path / "out").exists()


def test_input_symlink_loop_exits_1(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    proc = run_cli("build", str(loop), "--out", str(tmp_path / "out"))
    assert_one_line_error(proc, 1, "broken or looping symlink")


def test_output_that_is_a_file_exits_1(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    proc = run_cli("build", str(SEEDS), "--out", str(tmp_path / "out"))
    assert_one_line_error(proc, 1, "is a file; pick a folder with --out")


def test_unwritable_output_folder_exits_1_before_the_long_part(readonly_dir):
    proc = run_cli("build", str(SEEDS), "--out", str(readonly_dir))
    assert_one_line_error(proc, 1, f"cannot write to {str(readonly_dir)!r}: ")
    assert "check free space and permissions" in proc.stderr


# --- the mapping of errors to exit codes, in process --------------------------------

MAIN_CASES = [
    (InputError("bad", path="x.txt"), 1, "geokg: error: x.txt: bad"),
    (ModelError("no model"), 1, "geokg: error: no model"),
    (OutputError("no room"), 1, "geokg: error: no room"),
    (QueryError("bad query"), 1, "geokg: error: bad query"),
    (UsageError("wrong"), 2, "geokg: error: wrong"),
    (KeyboardInterrupt(), 130, "geokg: interrupted; no output file was half-written"),
    (cli.Interrupted(signal.SIGTERM), 143, "geokg: interrupted;"),
    (MemoryError(), 1, "geokg: error: out of memory; no output was changed"),
    (
        OSError(28, "No space left on device", "/out/x"),
        1,
        "geokg: error: No space left on device '/out/x'; check the path",
    ),
    (BrokenPipeError(), 0, ""),
]


@pytest.mark.parametrize(("exc", "code", "text"), MAIN_CASES)
def test_main_turns_each_failure_into_an_exit_code(
    monkeypatch, capsys, exc, code, text
):
    def fail(args):
        raise exc

    monkeypatch.setitem(cli.COMMANDS, "build", fail)
    monkeypatch.setattr(cli, "_quiet_stdout", lambda: None)
    assert cli.main(["build"]) == code
    err = capsys.readouterr().err
    assert err.startswith(text) and err.count("\n") == (1 if text else 0)


# --- bad records with the model: kept, skipped, strict ----------------------------


def bad_inputs(folder: Path) -> Path:
    """A folder of one good article and every kind of bad file and record."""
    folder.mkdir()
    shutil.copy(SEEDS / "004_d1cf6a3fbe790af4.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "latin1.txt").write_bytes(
        "Le ministre des Affaires étrangères".encode("latin-1")
    )
    (folder / "feed.jsonl").write_text(
        '{"id": "ok", "text": "Iran and Russia held talks in Moscow.", '
        '"published": "soon"}\n'
        '{"id": "broken", "text": \n'
        '{"id": "notext"}\n',
        encoding="utf-8",
    )
    (folder / "loop").symlink_to(folder)
    return folder


@pytest.mark.model
def test_bad_records_are_reported_and_good_ones_written_exit_3(tmp_path):
    src = bad_inputs(tmp_path / "in")
    proc = run_cli("build", str(src), "--out", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "warning" in line]
    assert [w.split(": ")[2] for w in warnings] == [
        str(src / "binary.txt"),
        str(src / "empty.txt"),
        f"{src / 'feed.jsonl'}:1",
        f"{src / 'feed.jsonl'}:2",
        f"{src / 'feed.jsonl'}:3",
        str(src / "latin1.txt"),
        str(src / "loop"),
    ]
    assert proc.stderr.splitlines()[-1].startswith("geokg: 7 input problems;")
    docs = json.loads((tmp_path / "out" / "graph.json").read_text())["graph"][
        "documents"
    ]
    assert sorted(d["id"] for d in docs) == ["good", "ok"]


@pytest.mark.model
def test_strict_stops_at_the_first_bad_record_and_keeps_previous_outputs(
    tmp_path, previous
):
    before = outputs(previous)
    src = bad_inputs(tmp_path / "in")
    proc = run_cli("build", str(src), "--out", str(previous), "--strict", "--quiet")
    assert_one_line_error(proc, 1, f"{src / 'binary.txt'}: binary file")
    assert outputs(previous) == before


@pytest.mark.model
def test_input_with_no_readable_document_exits_1_and_keeps_outputs(tmp_path, previous):
    before = outputs(previous)
    (tmp_path / "empty.txt").write_text("")
    proc = run_cli(
        "build", str(tmp_path / "empty.txt"), "--out", str(previous), "--quiet"
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1].startswith("geokg: error: no readable document")
    assert outputs(previous) == before


# --- faults: interrupts, a full disk, a closed pipe --------------------------------


@pytest.mark.model
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_build_keeps_previous_outputs(tmp_path, previous, sig, code):
    before = outputs(previous)
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "geokg",
            "build",
            str(SEEDS),
            str(fifo),
            "--out",
            str(previous),
            "--quiet",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a shell's background job starts with SIGINT ignored: act as in a terminal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    with fifo.open("w"):  # returns once geokg is reading it: mid-build
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err
    assert err.splitlines()[-1] == "geokg: interrupted; no output file was half-written"
    assert "Traceback" not in err
    assert outputs(previous) == before


def small_files() -> None:
    """In the child: files may not grow beyond 4 kB, so outputs fail (EFBIG)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.model
@pytest.mark.parametrize("extra", [["--no-cache"], []])
def test_a_full_disk_is_reported_plainly_and_keeps_previous_outputs(previous, extra):
    before = outputs(previous)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geokg",
            "build",
            str(SEEDS),
            "--out",
            str(previous),
            "--quiet",
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=small_files,
    )
    # With the cache on, the cache may be the first file to hit the limit.
    cache = f"cannot use the build cache in {str(previous / '.cache')!r}: "
    out = f"cannot write to {str(previous)!r}: File too large; check free space"
    assert_one_line_error(proc, 1, cache if cache in proc.stderr else out)
    assert outputs(previous) == before


@pytest.mark.model
def test_closed_pipe_ends_extract_quietly(tmp_path):
    seed = (SEEDS / "004_d1cf6a3fbe790af4.txt").read_text(encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"id": f"c{i}", "text": f"{seed}\nCopy {i}."}) + "\n"
            for i in range(10)
        ),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "geokg", "extract", str(feed), "--quiet"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 0, err
    assert json.loads(first)["id"].startswith("a-")
    assert err == ""
