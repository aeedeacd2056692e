"""The build cache: keys, versions, order, and incremental == full rebuild."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
from geokg.ingest import engine
from geokg.ingest.cache import (
    CACHE_DIRNAME,
    ResultCache,
    document_key,
    pipeline_version,
)
from geokg.ingest.engine import Options

from tests.conftest import run_cli

BASE = Document(
    "d1",
    "Iran met Russia.",
    title="T",
    url="https://x.example/1",
    published=date(2024, 5, 1),
    publisher="P",
    source_path="a.jsonl:1",
)


def fake_result(document: Document) -> DocResult:
    """One met-with assertion per document, as the pipeline would give."""
    iran, russia = (
        Entity("iran", "Iran", "Country"),
        Entity("russia", "Russia", "Country"),
    )
    claim = Assertion(
        doc_id=document.id,
        relation="met-with",
        subject=iran.ref(),
        object=russia.ref(),
        sentence=TextSpan(document.text, 0, len(document.text)),
        subject_span=(0, 4),
        object_span=(9, 15),
        trigger=TextSpan("met", 5, 8),
    )
    return DocResult(document, (iran, russia), (claim,))


class FakeRun:
    """An engine that records which documents it was asked to process."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, documents):
        for d in documents:
            self.seen.append(d.id)
            yield fake_result(d)


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Iran met Russia again."},
        {"id": "d2"},
        {"title": "Other"},
        {"published": date(2024, 5, 2)},
        {"source_path": "b.jsonl:1"},
    ],
)
def test_any_change_to_a_document_changes_its_key(change):
    from dataclasses import replace

    assert document_key(replace(BASE, **change)) != document_key(BASE)
    assert document_key(replace(BASE)) == document_key(BASE)


def test_only_new_documents_are_processed_and_order_is_kept(tmp_path):
    docs = [Document(f"d{i}", f"Text number {i}.") for i in range(8)]
    first, second = FakeRun(), FakeRun()
    with ResultCache(tmp_path, "v1") as cache:
        full = list(cache.through(docs[::2], first))
    with ResultCache(tmp_path, "v1") as cache:
        again = list(cache.through(docs, second))
        assert (cache.hits, cache.misses) == (4, 4)
    assert first.seen == ["d0", "d2", "d4", "d6"]
    assert second.seen == ["d1", "d3", "d5", "d7"]
    assert again == [fake_result(d) for d in docs]
    assert again[::2] == full


def test_a_new_pipeline_version_starts_afresh_and_drops_the_old_file(tmp_path):
    docs = [Document("d0", "Some text.")]
    with ResultCache(tmp_path, "v1") as cache:
        list(cache.through(docs, FakeRun()))
    run = FakeRun()
    with ResultCache(tmp_path, "v2") as cache:
        list(cache.through(docs, run))
    assert run.seen == ["d0"]
    names = sorted(p.name for p in (tmp_path / CACHE_DIRNAME).iterdir())
    assert names == ["extract-v2.sqlite"]


def test_pipeline_version_depends_on_the_model_and_is_stable():
    assert pipeline_version("model_a") == pipeline_version("model_a")
    assert pipeline_version("model_a") != pipeline_version("model_b")


def test_an_unwritable_cache_folder_is_a_one_line_error(tmp_path):
    from geokg.graph.errors import OutputError

    (tmp_path / CACHE_DIRNAME).write_text("not a folder")
    with pytest.raises(OutputError, match="--no-cache"):
        ResultCache(tmp_path, "v1")


def _corpus(path: Path, texts: list[str]) -> Path:
    path.write_text(
        "".join(
            json.dumps(
                {"id": f"{path.stem}-{i}", "text": t, "published": f"2024-01-0{1 + i}"}
            )
            + "\n"
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    return path


NEWS = [
    "Iranian Foreign Minister Abbas Araghchi met Chinese President Xi Jinping "
    "in Beijing.",
    "Russia and Iran held joint naval drills in the Caspian Sea on Monday.",
    "The European Union condemned Russia for the attack on Ukraine.",
    "France urged Iran to return to talks with the IAEA.",
]


@pytest.mark.model
def test_second_run_processes_only_new_documents(tmp_path, monkeypatch):
    calls: list[str] = []
    real = engine.extract_batch

    def counting(documents, model):
        calls.extend(d.id for d in documents)
        return real(documents, model)

    monkeypatch.setattr(engine, "extract_batch", counting)
    docs = [Document(f"n{i}", t) for i, t in enumerate(NEWS)]
    options = Options(workers=1, cache_dir=tmp_path)
    first = list(engine.extract_documents(docs[:2], options))
    second = list(engine.extract_documents(docs, options))
    assert calls == ["n0", "n1", "n2", "n3"]
    assert second[:2] == first
    assert second == list(engine.extract_documents(docs, Options(workers=1)))


@pytest.mark.model
def test_incremental_build_equals_a_full_rebuild_byte_for_byte(tmp_path):
    inc, full = tmp_path / "inc", tmp_path / "full"
    old = _corpus(tmp_path / "old.jsonl", NEWS[:2])
    new = _corpus(tmp_path / "new.jsonl", NEWS[2:])
    for inputs in ([old], [old, new]):
        proc = run_cli("build", *map(str, inputs), "--out", str(inc), "--quiet")
        assert proc.returncode == 0, proc.stderr
    proc = run_cli("build", str(old), str(new), "--out", str(full), "--no-cache")
    assert proc.returncode == 0, proc.stderr
    files = sorted(p.name for p in full.iterdir())
    assert "graph.ttl" in files and not (full / CACHE_DIRNAME).exists()
    assert {n: (inc / n).read_bytes() for n in files} == {
        n: (full / n).read_bytes() for n in files
    }
    assert b"met-with" in (full / "assertions.jsonl").read_bytes()
