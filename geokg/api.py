"""The Python API: build a graph, write it, query it, look at it.

The command line's commands are thin callers of these functions::

    import geokg

    g = geokg.build(["seeds/"])                 # a networkx.MultiDiGraph
    geokg.write(g, "out")                       # graph.json, graph.ttl, graph.html, ...
    rows = geokg.query(g, "who-met-whom")       # a named query, or SPARQL text
    geokg.show(g)                               # the interactive view, in Jupyter

Problems with single input records are warnings (:class:`InputWarning`) and the
rest is read; ``strict=True`` raises the first one instead. Every error is a
:class:`GeokgError` with a one-line message.
"""

from __future__ import annotations

import html
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from geokg.graph.errors import (
    GeokgError,
    GeokgWarning,
    InputError,
    QueryError,
    UsageError,
)
from geokg.graph.model import DocResult, Document

Input = str | os.PathLike[str] | Document
Rows = list[dict[str, Any]]


class InputWarning(GeokgWarning):
    """One input record was skipped or changed; the others were read."""


def _warn(error: InputError) -> None:
    warnings.warn(str(error), InputWarning, stacklevel=4)


def _split_inputs(inputs: Input | Iterable[Input]) -> tuple[list[str], list[Document]]:
    """Paths (files, folders, '-') and ready documents, in the order given."""
    if isinstance(inputs, str | os.PathLike | Document):
        inputs = [inputs]
    elif not isinstance(inputs, Iterable):
        inputs = [inputs]  # reported below as an input of the wrong kind
    paths: list[str] = []
    documents: list[Document] = []
    for item in inputs:
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, str | os.PathLike):
            paths.append(os.fspath(item))
        else:
            raise UsageError(
                f"cannot build from {type(item).__name__} {item!r:.60}; pass paths "
                "(files, folders, '-') or geokg.Document(id=..., text=...)"
            )
    if paths and documents:
        raise UsageError(
            "pass either paths or geokg.Document objects to geokg.build, not both; "
            "build twice and compose the graphs, or read the files into Documents"
        )
    if not paths and not documents:
        raise UsageError("geokg.build needs at least one input path or Document")
    return paths, documents


def extract(
    inputs: Input | Iterable[Input],
    *,
    model: str | None = None,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 32,
    cache_dir: str | os.PathLike[str] | None = None,
    strict: bool = False,
    on_problem: Callable[[InputError], None] | None = None,
    progress: bool = False,
) -> Iterator[DocResult]:
    """Each input document's result (entities, assertions, mentions), in input order.

    Lazy: documents are read and extracted as the results are consumed.
    """
    from geokg.ingest.engine import Options, extract_documents
    from geokg.ingest.readers import check_paths, iter_documents

    paths, documents = _split_inputs(inputs)
    options = Options(
        engine=engine,
        workers=workers,
        batch_size=batch_size,
        model=model,
        scheduler=scheduler,
        cache_dir=Path(cache_dir) if cache_dir is not None else None,
        progress=progress,
    )
    if documents:
        return extract_documents(documents, options)
    check_paths(paths)  # a typo stops the run before the model loads
    report = on_problem or (_raise_input if strict else _warn)
    return extract_documents(
        iter_documents(paths, on_problem=report), options, paths=paths
    )


def _raise_input(error: InputError) -> None:
    raise InputError(f"{error} (strict=True stops at the first input problem)")


def build(
    inputs: Input | Iterable[Input],
    *,
    model: str | None = None,
    workers: int | None = None,
    engine: str = "local",
    **options: Any,
) -> nx.MultiDiGraph:
    """The knowledge graph of the inputs: files, folders, JSON Lines, HTML, or
    :class:`Document` objects.

    `model` is a spaCy model name or path (default: ``$GEOKG_MODEL``, else
    en_core_web_sm); `workers` the worker processes (default: every core);
    `engine` ``"local"`` or ``"dask"``. Other keywords (``scheduler``,
    ``batch_size``, ``cache_dir``, ``strict``, ``on_problem``, ``progress``)
    are those of :func:`extract`.
    """
    from geokg.graph.build import build_graph

    return build_graph(
        extract(inputs, model=model, workers=workers, engine=engine, **options)
    )


def write(
    graph: nx.MultiDiGraph,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] | None = None,
    base: str | None = None,
    title: str | None = None,
    max_nodes: int | None = None,
    view: str | None = None,
    entailment: bool = True,
) -> list[Path]:
    """Write the graph's files into `out_dir`, all or none; the paths written.

    `formats` names the formats (default: the default ones; see
    ``geokg.exports.formats.FORMATS``); `base` is the RDF base IRI; `title`,
    `max_nodes` and `view` (the view it opens on: "auto", "people" or "states")
    those of graph.html. `entailment=False` leaves out the entailed graph
    (entailed.ttl, and its graph in graph.trig).
    """
    from geokg.exports.files import ensure_writable, folder_lock, write_atomic
    from geokg.exports.formats import FORMATS, render

    _check_graph(graph)
    if formats is not None:
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            raise UsageError(
                f"unknown format {', '.join(map(repr, unknown)) or 'list (empty)'}; "
                f"choose from {', '.join(FORMATS)}"
            )
    ensure_writable(out_dir)
    names = list(formats or (n for n, f in FORMATS.items() if f.default))
    if not entailment:
        names = [n for n in names if n != "entailed"]
    artifacts = render(
        graph,
        names,
        base=base,
        title=title,
        max_nodes=max_nodes,
        view=view,
        entailment=entailment,
    )
    # queries read entailed.ttl with graph.ttl: a new graph.ttl never keeps an old one
    stale = "turtle" in names and "entailed" not in names
    with folder_lock(out_dir):  # a build of another process waits, or this one
        return write_atomic(
            out_dir, artifacts, remove=(FORMATS["entailed"].filename,) if stale else ()
        )


def read(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """The graph of a build folder (or its graph.json), as :func:`build` made it."""
    from geokg.exports.nodelink import read_build

    return read_build(path)


def query(
    graph_or_dir: nx.MultiDiGraph | str | os.PathLike[str],
    sparql: str,
    *,
    params: Mapping[str, str] | None = None,
    base: str | None = None,
    allow_service: bool = False,
) -> Rows | bool | Any:
    """Run SPARQL over a graph, a build folder or an RDF file.

    `sparql` is query text or the name of a named query (``who-met-whom``, ...;
    ``geokg query --list``). `params` binds ``?NAME`` to an entity id
    (``"iran"``), an ``"<IRI>"`` or a ``'"text"'``. SELECT gives one dict per row
    (IRIs as strings, literals as Python values, unbound as None); ASK a bool;
    CONSTRUCT and DESCRIBE an ``rdflib.Graph``. A federated ``SERVICE`` clause
    is refused unless `allow_service` (it makes this machine fetch URLs).
    """
    from rdflib import Graph, Literal

    from geokg.exports.ontology import DEFAULT_BASE
    from geokg.exports.sparql import (
        check_params,
        load,
        load_graph,
        named_queries,
        run_query,
    )

    base = base or DEFAULT_BASE
    values = dict(params or {})
    named = named_queries().get(sparql.strip())
    if named is not None:
        check_params(named, values)
        sparql = named.text
    if isinstance(graph_or_dir, nx.MultiDiGraph):
        _check_graph(graph_or_dir)
        ds = load_graph(graph_or_dir, base=base)
    elif isinstance(graph_or_dir, str | os.PathLike):
        ds = load(Path(graph_or_dir), base=base)
    else:
        raise QueryError(
            f"cannot query a {type(graph_or_dir).__name__}; pass a graph from "
            "geokg.build, a build folder or an RDF file"
        )
    results = run_query(ds, sparql, params=values, base=base,
                        allow_service=allow_service)
    if results.kind == "ASK":
        return bool(results.boolean)
    if results.kind != "SELECT":
        return Graph().parse(data=results.graph, format="turtle")
    return [
        {
            name: (term.toPython() if isinstance(term, Literal) else
                   None if term is None else str(term))
            for name, term in zip(results.columns, row, strict=True)
        }
        for row in results.rows
    ]


def timeline(
    graph_or_dir: nx.MultiDiGraph | str | os.PathLike[str],
    a: str,
    b: str | None = None,
    *,
    by: str = "year",
    exact: bool = False,
) -> Any:
    """How the relationship of `a` and `b` moves: their events per period
    (``by``: year, quarter or month) by family, with net Goldstein scores, as a
    ``geokg.graph.timeline.Timeline``; with `b` None, `a`'s partners ranked
    (``Partners``). Officials and sector actors count for their states unless
    `exact`. `graph_or_dir` is a graph, a build folder or its graph.json.
    """
    from geokg.graph import timeline as tl

    graph = graph_or_dir
    if not isinstance(graph, nx.MultiDiGraph):
        graph = read(graph_or_dir)
    _check_graph(graph)
    if b is None:
        return tl.partners(graph, a, exact=exact)
    return tl.timeline(graph, a, b, by=by, exact=exact)


def to_html(
    graph: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = None,
    view: str | None = None,
) -> str:
    """The interactive view of the graph: one self-contained, offline HTML page.

    `view` is the view it opens on: "people" (the graph as extracted), "states"
    (officials and sector actors folded into their states) or "auto" (the
    default: the states view when the people view is too big to read).
    """
    from geokg.exports import html as page

    _check_graph(graph)
    return page.to_html(
        graph,
        title=title or page.DEFAULT_TITLE,
        max_nodes=max_nodes or page.DEFAULT_MAX_NODES,
        view=view or "auto",
    )


@dataclass(frozen=True)
class Shown:
    """The interactive view of a graph, shown inline by Jupyter (``_repr_html_``).

    An iframe whose ``srcdoc`` is the whole page, so the page's own
    Content-Security-Policy still holds and its scripts never touch the notebook.
    """

    page: str
    height: int = 640

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            'referrerpolicy="no-referrer" title="geokg knowledge graph" '
            f'style="width: 100%; height: {int(self.height)}px; border: 0">'
            "</iframe>"
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page itself to `path` (e.g. graph.html)."""
        target = Path(path)
        target.write_text(self.page, encoding="utf-8")
        return target


def show(
    graph: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = None,
    view: str | None = None,
    height: int = 640,
) -> Shown:
    """The interactive view of the graph, for a notebook cell's result."""
    if height < 100:
        raise UsageError(f"height must be at least 100 pixels, got {height!r}")
    return Shown(to_html(graph, title=title, max_nodes=max_nodes, view=view), height)


#: What every node and edge of a built graph holds (see graph/build.py).
_NODE_KEYS = ("label", "type")
_EDGE_KEYS = ("relation", "doc_id", "sentence", "sentence_start", "sentence_end",
              "subject_start", "subject_end", "object_start", "object_end",
              "modality", "negated", "confidence", "rule")


def _check_graph(graph: Any) -> None:
    """A graph as geokg.build makes it, or a one-line error naming what is wrong."""
    from geokg.graph.vocabulary import RELATIONS

    if not isinstance(graph, nx.MultiDiGraph) or "documents" not in graph.graph:
        raise UsageError(
            f"expected a graph made by geokg.build or geokg.read, got "
            f"{type(graph).__name__}"
        )
    fix = "; geokg takes graphs made by geokg.build or geokg.read"
    for node, data in graph.nodes(data=True):
        missing = [k for k in _NODE_KEYS if k not in data]
        if missing:
            raise UsageError(f"node {node!r} has no {missing[0]!r}{fix}")
    for u, v, key, data in graph.edges(keys=True, data=True):
        missing = [k for k in _EDGE_KEYS if k not in data]
        if missing:
            raise UsageError(f"edge {(u, v, key)!r} has no {missing[0]!r}{fix}")
        if data["relation"] not in RELATIONS:
            raise UsageError(
                f"edge {(u, v, key)!r} has relation {data['relation']!r}, not one of "
                f"geokg's (geokg.graph.vocabulary.RELATIONS){fix}"
            )


__all__ = [
    "Document",
    "GeokgError",
    "InputWarning",
    "Shown",
    "build",
    "extract",
    "query",
    "read",
    "show",
    "timeline",
    "to_html",
    "write",
]
