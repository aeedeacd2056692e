"""SPARQL over a geokg build: load, query, format; the named query pack.

A TARGET is a build directory (``graph.ttl`` + ``ontology.ttl``) or one RDF file.
It is loaded into an rdflib graph on the Oxigraph store (or rdflib's own store,
``engine="rdflib"``, to compare answers). Named queries live in
``exports/queries/*.rq``; their first comment line describes them and
``# param NAME: help`` lines declare parameters. A parameter is pre-bound to the
variable of the same name (rdflib ``initBindings`` / Oxigraph substitutions), never
pasted into the query text: ``iran`` means the entity IRI, ``<IRI>`` an IRI and
``"text"`` a plain literal.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.query import Result

from exports.ontology import DEFAULT_BASE, namespaces
from exports.rdf import entity_iri
from graph.errors import QueryError

ENGINES = ("oxigraph", "rdflib")
RESULT_FORMATS = ("table", "csv", "json")
BUILD_FILES = ("graph.ttl", "ontology.ttl")
# file extension -> (rdflib parser, oxrdflib parser)
RDF_FILES = {
    ".ttl": ("turtle", "ox-turtle"),
    ".nt": ("nt", "ox-ntriples"),
    ".jsonld": ("json-ld", "ox-json-ld"),
    ".trig": ("trig", "ox-trig"),
    ".nq": ("nquads", "ox-nquads"),
    ".rdf": ("xml", "ox-xml"),
    ".owl": ("xml", "ox-xml"),
}
_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*")


@dataclass(frozen=True)
class NamedQuery:
    """A query of the pack: its name, one-line description, parameters and text."""

    name: str
    description: str
    params: tuple[tuple[str, str], ...]
    text: str


@dataclass(frozen=True)
class Results:
    """What a query returned: rows for SELECT, a boolean for ASK, Turtle otherwise."""

    kind: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    graph: str | None = None


def parse_named(name: str, text: str) -> NamedQuery:
    """Read a named query: description from the first comment, `# param` lines."""
    lines = text.splitlines()
    description = (
        lines[0].lstrip("#").strip() if lines and lines[0].startswith("#") else ""
    )
    params = tuple((m[1], m[2].strip()) for m in map(_PARAM.match, lines) if m)
    return NamedQuery(name, description, params, text)


def named_queries() -> dict[str, NamedQuery]:
    """The named query pack, by name (file stem), sorted."""
    folder = resources.files("exports") / "queries"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=str)
    return {
        f.name[:-3]: parse_named(f.name[:-3], f.read_text(encoding="utf-8"))
        for f in files
    }


def named_query(name: str) -> NamedQuery:
    """The named query `name`, or a clear error listing them."""
    pack = named_queries()
    if name not in pack:
        raise QueryError(f"no named query {name!r}; choose one of: {', '.join(pack)}")
    return pack[name]


def rebase(text: str, base: str) -> str:
    """A query written for the default base IRI, moved to another base."""
    if base == DEFAULT_BASE:
        return text
    return "\n".join(
        line.replace(DEFAULT_BASE, base)
        if line.lstrip().upper().startswith("PREFIX")
        else line
        for line in text.splitlines()
    )


def _target_files(target: Path) -> list[Path]:
    if target.is_dir():
        files = [target / name for name in BUILD_FILES]
        missing = [f.name for f in files if not f.is_file()]
        if missing:
            raise QueryError(
                f"{str(target)!r} is not a geokg build (no {', '.join(missing)}); "
                "run `geokg build --out DIR` first or pass an RDF file"
            )
        return files
    if not target.is_file():
        raise QueryError(f"no such build directory or RDF file: {str(target)!r}")
    if target.suffix.lower() not in RDF_FILES:
        raise QueryError(
            f"cannot read {str(target)!r}: unknown RDF extension {target.suffix!r}; "
            f"use one of {', '.join(RDF_FILES)}"
        )
    return [target]


def load(target: str | Path, *, engine: str = "oxigraph") -> Dataset:
    """Load a build directory or an RDF file into a dataset (queries see the union)."""
    if engine not in ENGINES:
        raise QueryError(
            f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}"
        )
    store = OxigraphStore() if engine == "oxigraph" else "default"
    ds = Dataset(store=store, default_union=True)
    for path in _target_files(Path(target)):
        rdflib_format, ox_format = RDF_FILES[path.suffix.lower()]
        fmt = ox_format if engine == "oxigraph" else rdflib_format
        graph = (
            ds
            if fmt in ("trig", "ox-trig", "nquads", "ox-nquads")
            else ds.default_context
        )
        try:
            graph.parse(path, format=fmt)
        except Exception as exc:  # parsers raise many kinds; all mean "bad file"
            raise QueryError(f"cannot parse {str(path)!r} as {fmt}: {exc}") from None
    return ds


def param_term(name: str, value: str, *, base: str = DEFAULT_BASE) -> URIRef | Literal:
    """A parameter value as an RDF term: entity id, ``<IRI>`` or ``"text"``."""
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return Literal(value[1:-1])
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not _ABSOLUTE_IRI.fullmatch(iri):
            raise QueryError(
                f"--param {name}={value!r} is not a valid absolute IRI; "
                'write an entity id (iran), <https://…> or "text"'
            )
        return URIRef(iri)
    if not value:
        raise QueryError(
            f"--param {name} is empty; give an entity id, e.g. {name}=iran"
        )
    return entity_iri(value, base=base)


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """``NAME=VALUE`` strings from the command line as a dict."""
    params: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad --param {pair!r}; write NAME=VALUE, e.g. actor=iran")
        params[name] = value
    return params


def check_params(query: NamedQuery, params: dict[str, str]) -> None:
    """Every declared parameter is given and no other one."""
    declared = [name for name, _ in query.params]
    missing = [n for n in declared if n not in params]
    unknown = [n for n in params if n not in declared]
    example = " ".join(f"--param {n}=ID" for n in declared) or "no --param"
    if missing or unknown:
        bad = ", ".join(repr(n) for n in missing + unknown)
        what = "missing" if missing else "unknown"
        raise QueryError(f"query {query.name!r}: {what} parameter {bad}; use {example}")


def run_query(
    ds: Dataset,
    text: str,
    *,
    params: dict[str, str] | None = None,
    base: str = DEFAULT_BASE,
) -> Results:
    """Run one SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a dataset."""
    bindings = {k: param_term(k, v, base=base) for k, v in (params or {}).items()}
    try:
        result = ds.query(rebase(text, base), initBindings=bindings)
        return _results(result)
    except QueryError:
        raise
    except Exception as exc:  # rdflib and Oxigraph raise many kinds of parse errors
        message = " ".join(str(exc).split())
        raise QueryError(f"bad SPARQL query: {message}") from None


def _results(result: Result) -> Results:
    if result.type == "ASK":
        return Results("ASK", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return Results(result.type, graph=result.graph.serialize(format="turtle"))
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(row) for row in result)
    return Results("SELECT", columns, rows)


def _short(term: Any, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, space in prefixes.items():
            if term.startswith(space) and len(term) > len(space):
                return f"{prefix}:{term[len(space) :]}"
    return str(term)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def format_results(
    results: Results, fmt: str = "table", *, base: str = DEFAULT_BASE
) -> str:
    """Results as an aligned text table, SPARQL CSV or SPARQL JSON."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(
            f"unknown format {fmt!r}; choose one of: {', '.join(RESULT_FORMATS)}"
        )
    if results.kind != "SELECT":
        if results.kind == "ASK":
            return (
                json.dumps({"head": {}, "boolean": results.boolean}) + "\n"
                if fmt == "json"
                else f"{str(results.boolean).lower()}\n"
            )
        return results.graph or ""
    if fmt == "json":
        bindings = [
            {
                c: _json_term(t)
                for c, t in zip(results.columns, row, strict=True)
                if t is not None
            }
            for row in results.rows
        ]
        data = {
            "head": {"vars": list(results.columns)},
            "results": {"bindings": bindings},
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.columns)
        writer.writerows(
            [["" if t is None else str(t) for t in row] for row in results.rows]
        )
        return buffer.getvalue()
    return _table(results, {p: str(s) for p, s in namespaces(base).items()})


def _table(results: Results, prefixes: dict[str, str]) -> str:
    cells = [
        [" ".join(_short(t, prefixes).split()) for t in row] for row in results.rows
    ]
    widths = [
        min(60, max([len(c)] + [len(r[i]) for r in cells]))
        for i, c in enumerate(results.columns)
    ]

    def line(values: list[str]) -> str:
        pairs = zip(values, widths, strict=True)
        clipped = [v if len(v) <= w else v[: w - 1] + "…" for v, w in pairs]
        return "  ".join(
            v.ljust(w) for v, w in zip(clipped, widths, strict=True)
        ).rstrip()

    out = [line(list(results.columns)), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def query(
    target: str | Path,
    text: str,
    *,
    params: dict[str, str] | None = None,
    fmt: str = "table",
    base: str = DEFAULT_BASE,
    engine: str = "oxigraph",
) -> str:
    """Load a target, run a query and format the results: `geokg query`."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(
            f"unknown format {fmt!r}; choose one of: {', '.join(RESULT_FORMATS)}"
        )
    results = run_query(load(target, engine=engine), text, params=params, base=base)
    return format_results(results, fmt, base=base)
