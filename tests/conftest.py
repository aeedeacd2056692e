"""Shared fixtures: paths, the loaded pipeline, a seeds build, small hand-made graphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles and their gold, shipped in the repo."""
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder beside the repo (PLOVER, UNGD corpus); skip if absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The full geokg pipeline on the trained English model (loaded once)."""
    from ingest.nlp import load_pipeline

    return load_pipeline()


def run_cli(*args: str, cwd: Path = ROOT, stdin: str | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``geokg ARGS`` in a subprocess and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "geokg", *args], cwd=cwd, input=stdin, text=True,
        capture_output=True, timeout=timeout,
    )


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder built from seeds/ by the real CLI (built once per session)."""
    out = tmp_path_factory.mktemp("seeds-build")
    proc = run_cli("build", str(SEEDS), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out
