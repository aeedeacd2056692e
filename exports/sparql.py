"""SPARQL over a geokg build: load, query, format; the named query pack.

A TARGET is a build directory (``graph.ttl`` + ``ontology.ttl``, and
``entailed.ttl`` into its named graph ``<base>graph/entailed`` unless the build had
``--no-entailment``) or one RDF file; queries see the union of the graphs.
It is loaded into an rdflib graph on the Oxigraph store (or rdflib's own store,
``engine="rdflib"``, to compare answers). Named queries live in
``exports/queries/*.rq``; their first comment line describes them and
``# param NAME: help`` lines declare parameters. A parameter is pre-bound to the
variable of the same name (rdflib ``initBindings`` / Oxigraph substitutions), never
pasted into the query text: ``iran`` means the entity IRI, ``<IRI>`` an IRI and
``"text"`` a plain literal. Serving a build is ``exports/endpoint.py``, pushing
one to a store ``exports/push.py``.
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

from geokg.exports.ontology import DEFAULT_BASE, namespaces
from geokg.exports.rdf import entity_iri, graph_name, ontology_turtle
from geokg.graph.errors import QueryError
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

ENGINES = ("oxigraph", "rdflib")
RESULT_FORMATS = ("table", "csv", "json")
BUILD_FILES = ("graph.ttl", "ontology.ttl")
ENTAILED_FILE = "entailed.ttl"  # optional: a --no-entailment build has none
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
    folder = resources.files(__package__) / "queries"
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


def target_files(target: Path) -> list[Path]:
    """The files a target loads: a build's graph and ontology, or one RDF file."""
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


def build_base(directory: Path) -> str:
    """The base IRI a build was written with: its ontology's IRI less ``ontology``."""
    import pyoxigraph as ox
    from rdflib.namespace import OWL, RDF

    path = directory / "ontology.ttl"
    kind, ontology = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OWL.Ontology))
    try:
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if t.predicate == kind and t.object == ontology:
                return t.subject.value.removesuffix("ontology")
    except (OSError, SyntaxError) as exc:
        raise QueryError(f"cannot parse {str(path)!r} as Turtle: {exc}") from None
    raise QueryError(
        f"{str(path)!r} declares no owl:Ontology, so the graph of entailed.ttl has "
        "no name; write the build again with `geokg build --out DIR`"
    )


def entailed_source(target: Path) -> list[tuple[Path, URIRef]]:
    """A build folder's entailed.ttl and the name of its graph (none: empty list)."""
    path = target / ENTAILED_FILE
    if not (target.is_dir() and path.is_file()):
        return []
    return [(path, graph_name("entailed", base=build_base(target)))]


def load(
    target: str | Path, *, engine: str = "oxigraph", base: str = DEFAULT_BASE
) -> Dataset:
    """Load a build directory or an RDF file into a dataset (queries see the union)."""
    if engine not in ENGINES:
        raise QueryError(
            f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}"
        )
    store = OxigraphStore() if engine == "oxigraph" else "default"
    ds = Dataset(store=store, default_union=True)
    sources = [(path, None) for path in target_files(Path(target))]
    for path, name in [*sources, *entailed_source(Path(target))]:
        rdflib_format, ox_format = RDF_FILES[path.suffix.lower()]
        fmt = ox_format if engine == "oxigraph" else rdflib_format
        graph = (
            ds.graph(name)
            if name is not None
            else ds
            if fmt in ("trig", "ox-trig", "nquads", "ox-nquads")
            else ds.default_context
        )
        try:
            graph.parse(path, format=fmt)
        except Exception as exc:  # parsers raise many kinds; all mean "bad file"
            raise QueryError(f"cannot parse {str(path)!r} as {fmt}: {exc}") from None
    if not Path(target).is_dir():  # a lone RDF file: add the ontology the queries use
        ontology = ontology_turtle(base=base)
        ds.default_context.parse(data=ontology, format=fmt_of("turtle", engine))
    return ds


def load_graph(
    g: Any, *, engine: str = "oxigraph", base: str = DEFAULT_BASE
) -> Dataset:
    """A built graph's RDF and the ontology in a dataset, as `load` gives a build."""
    from geokg.exports.rdf import to_entailed_turtle, to_turtle

    store = OxigraphStore() if engine == "oxigraph" else "default"
    ds = Dataset(store=store, default_union=True)
    for text in (to_turtle(g, base=base), ontology_turtle(base=base)):
        ds.default_context.parse(data=text, format=fmt_of("turtle", engine))
    ds.graph(graph_name("entailed", base=base)).parse(
        data=to_entailed_turtle(g, base=base), format=fmt_of("turtle", engine)
    )
    return ds


def fmt_of(rdflib_format: str, engine: str) -> str:
    """The parser name of a format on an engine (Oxigraph's parsers are faster)."""
    return f"ox-{rdflib_format}" if engine == "oxigraph" else rdflib_format


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


_UPDATE = re.compile(
    r"^(?:\s*(?:#[^\n]*\n|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>))*\s*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def is_update(text: str) -> bool:
    """Whether a SPARQL request is an update (INSERT, DELETE, LOAD, ...)."""
    return bool(_UPDATE.match(text))


#: What cannot hold a keyword: strings, IRIs and comments (removed before a search).
_NOT_KEYWORDS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
#: The SERVICE keyword, not a variable (?service), nor part of a prefixed name.
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)
SERVICE_REFUSED = (
    "federated SERVICE clauses are refused: they would make this machine fetch "
    "other URLs; query the other endpoint yourself, or pass --allow-service "
    "(allow_service=True) if you trust every client"
)


def uses_service(text: str) -> bool:
    """Whether a SPARQL request holds a federated ``SERVICE`` clause."""
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", text)))


def run_query(
    ds: Dataset,
    text: str,
    *,
    params: dict[str, str] | None = None,
    base: str = DEFAULT_BASE,
    allow_service: bool = False,
) -> Results:
    """Run one SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over a dataset.

    A federated ``SERVICE`` clause is refused unless `allow_service`.
    """
    if is_update(text):
        raise QueryError(
            "geokg query is read-only: SPARQL updates (INSERT, DELETE, ...) are not "
            "run; change the inputs and build again"
        )
    if not allow_service and uses_service(text):
        raise QueryError(SERVICE_REFUSED)
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
    rows = tuple(tuple(_plain(t) for t in row) for row in result)
    return Results("SELECT", columns, rows)


def _plain(term: Any) -> Any:
    """xsd:string literals as simple literals (the same term in RDF 1.1)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


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
    allow_service: bool = False,
) -> str:
    """Load a target, run a query and format the results: `geokg query`."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(
            f"unknown format {fmt!r}; choose one of: {', '.join(RESULT_FORMATS)}"
        )
    ds = load(target, engine=engine, base=base)
    results = run_query(ds, text, params=params, base=base,
                        allow_service=allow_service)
    return format_results(results, fmt, base=base)


def require_http() -> None:
    """Fail with an install hint when the endpoint's packages (httpx, ...) are gone."""
    from importlib.util import find_spec

    missing = [m for m in ("httpx", "starlette", "uvicorn") if not find_spec(m)]
    if missing:
        raise QueryError(
            f"missing {', '.join(missing)}; reinstall geokg (pip install geokg), "
            "which brings them"
        )
