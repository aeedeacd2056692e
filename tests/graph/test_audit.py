"""The precision audit: a reproducible sample to judge, a safe sheet, a tally."""

from __future__ import annotations

import csv
import io

import pytest
from geokg.graph.audit import COLUMNS, draw, sheet, tally
from geokg.graph.errors import InputError

from tests.conftest import run_cli


def test_same_seed_same_sample_and_a_different_seed_another(rdf_tiny, rdf_hostile):
    claims = draw(rdf_tiny, 3, seed=1)
    assert [a.id for a in claims] == [a.id for a in draw(rdf_tiny, 3, seed=1)]
    assert len(claims) == 3 == len({a.id for a in claims})
    drawn = {tuple(a.id for a in draw(rdf_tiny, 3, seed=s)) for s in range(8)}
    assert len(drawn) > 1
    # asking for more than there is gives every claim once
    assert len(draw(rdf_hostile, 10_000, seed=1)) == rdf_hostile.number_of_edges()


def test_sheet_has_the_evidence_and_empty_verdicts(rdf_tiny):
    rows = list(csv.DictReader(io.StringIO(sheet(draw(rdf_tiny, 100, seed=0)))))
    assert rows and tuple(rows[0]) == COLUMNS
    assert all(r["sentence"] and r["relation"] and r["subject"] for r in rows)
    assert all(r["verdict"] == "" and r["why"] == "" for r in rows)
    assert [r["n"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]


def test_sheet_cells_are_never_spreadsheet_formulas(rdf_hostile):
    rows = list(csv.reader(io.StringIO(sheet(draw(rdf_hostile, 10_000, seed=0)))))
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert all("\n" not in c and "\r" not in c for c in cells)


def test_tally_counts_verdicts_per_rule(tmp_path, rdf_tiny):
    rows = list(csv.DictReader(io.StringIO(sheet(draw(rdf_tiny, 100, seed=0)))))
    for i, row in enumerate(rows):
        row["verdict"] = ("right", "wrong", "")[i % 3]
    path = tmp_path / "sheet.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    t = tally(path)
    assert (t.right, t.wrong, t.open) == (
        len(rows[0::3]), len(rows[1::3]), len(rows[2::3])
    )
    assert t.precision == t.right / (t.right + t.wrong)
    assert sum(j for _, j in t.by_rule.values()) == t.right + t.wrong
    assert "audited precision" in t.text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("n,id,rule,verdict\n1,a,verb,maybe\n", "neither 'right' nor 'wrong'"),
        ("a,b\n1,2\n", "not a review sheet"),
    ],
)
def test_tally_refuses_a_bad_sheet(tmp_path, content, message):
    path = tmp_path / "sheet.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        tally(path)


def test_cli_writes_a_sheet_and_tallies_it(tmp_path, rdf_tiny_build):
    out = tmp_path / "audit.csv"
    proc = run_cli("audit", str(rdf_tiny_build), "--sample", "2", "--seed", "3",
                   "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    proc = run_cli("audit", str(out), "--tally")
    assert proc.returncode == 0, proc.stderr
    assert "not judged 2" in proc.stdout
    proc = run_cli("audit", str(tmp_path / "missing"))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "geokg build" in proc.stderr
