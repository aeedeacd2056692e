"""The package as users install it: one import name, a wheel that works, clean lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.conftest import ROOT

#: What a wheel is built from (a copy, so the build leaves the checkout alone).
SOURCES = ("pyproject.toml", "README.md", "geokg", "graph", "ingest", "exports")
#: Modules `geokg serve`, `geokg push` and HTML reading need: default requirements.
DEFAULT_NEEDS = ("oxigraph", "rdflib-endpoint", "uvicorn", "starlette", "httpx",
                 "trafilatura")


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources with `python -m build`."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    dist = tmp_path_factory.mktemp("dist")
    done = run(sys.executable, "-m", "build", "--wheel", "--no-isolation",
               "--outdir", dist, src)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = dist.glob("geokg-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_one_package_and_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"geokg", wheel.name.split("-py")[0]
                                                 + ".dist-info"}
    for data in ("geokg/ingest/triggers.toml", "geokg/ingest/data/countries.json",
                 "geokg/exports/templates/graph.js", "geokg/exports/queries/"
                 "who-met-whom.rq", "geokg/exports/shapes/geokg.shacl.ttl",
                 "geokg/graph/vocabulary.py", "geokg/cli.py"):
        assert data in names


@pytest.mark.slow
def test_the_endpoint_and_html_reading_are_in_the_default_install(wheel):
    with zipfile.ZipFile(wheel) as z:
        meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(z.read(meta).decode("utf-8"))
    default = [r for r in headers.get_all("Requires-Dist") if "extra ==" not in r]
    for need in DEFAULT_NEEDS:
        assert any(r.lower().startswith(need) for r in default), need


@pytest.mark.slow
@pytest.mark.model
def test_the_installed_wheel_builds_a_graph_in_a_fresh_venv(wheel, tmp_path):
    env = tmp_path / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    done = run(sys.executable, "-m", "pip", "--python", python, "install",
               "--quiet", "--no-deps", "--no-index", wheel)
    assert done.returncode == 0, done.stderr
    # The dependencies (spaCy, its model, ...) come from the test venv, added as
    # a plain path: its editable geokg (a path hook) is not installed there.
    purelib = Path(run(python, "-c", "import sysconfig; print("
                       "sysconfig.get_paths()['purelib'])").stdout.strip())
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    added = sorted(p.name for p in purelib.iterdir() if p.name != "deps.pth")
    assert [n for n in added if not n.startswith(("_", "pip"))] == [
        "geokg", wheel.name.split("-py")[0] + ".dist-info"]
    work = tmp_path / "work"
    work.mkdir()
    where = run(python, "-c", "import geokg; print(geokg.__file__)", cwd=work)
    assert where.stdout.startswith(str(purelib)), where.stderr
    for bare in ("graph", "ingest", "exports"):
        failed = run(python, "-c", f"import {bare}", cwd=work)
        assert "ModuleNotFoundError" in failed.stderr
    (work / "news.txt").write_text(
        "Peru condemned Chile on Monday. Bolivia and Chile signed a trade deal.",
        encoding="utf-8")
    built = run(env / "bin" / "geokg", "build", "news.txt", "--out", "out",
                "--workers", "1", "--quiet", cwd=work)
    assert built.returncode == 0, built.stderr
    assert re.search(r"1 documents, [1-9]\d* entities, [1-9]\d* assertions",
                     built.stdout), built.stdout
    for name in ("graph.json", "graph.ttl", "graph.html"):
        assert (work / "out" / name).is_file()
    rows = run(env / "bin" / "geokg", "query", "out", "--name", "conflicts-of",
               "--param", "actor=peru", "--format", "csv", cwd=work)
    assert rows.returncode == 0 and "chile" in rows.stdout.lower(), rows.stderr


def test_lint_is_clean_and_bans_bare_package_imports(tmp_path):
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed; make install-test installs it")
    done = run(ruff, "check", "--no-cache", ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    bad = tmp_path / "bad.py"
    bad.write_text("from graph.model import Document\nimport ingest.nlp\n")
    banned = run(ruff, "check", "--no-cache", "--config", ROOT / "pyproject.toml",
                 "--select", "TID251", bad)
    assert banned.stdout.count("TID251") == 2
