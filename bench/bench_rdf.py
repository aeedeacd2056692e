"""RDF speed: rdflib's default store against Oxigraph on about a million triples.

Run: .venv/bin/python bench/bench_rdf.py [--assertions N] [--no-default-store]
It builds a synthetic geokg graph, times geokg's own exports of it (Turtle,
N-Triples, TriG, JSON-LD, the Oxigraph-backed Dataset), then times, on each store,
parsing its Turtle, serialising Turtle and a GROUP BY query, and prints the
figures. Not a test.
"""

from __future__ import annotations

import argparse
import random
import time

from geokg.exports.rdf import (
    rdf_dataset,
    to_jsonld,
    to_ntriples,
    to_trig,
    to_turtle,
)
from geokg.graph.build import build_graph
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan
from geokg.graph.vocabulary import RELATIONS
from rdflib import Graph

# a full scan: every triple, grouped by predicate
GROUP_BY = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n)"


def synthetic(n_assertions: int, n_entities: int = 5000, docs: int = 500):
    """A reproducible graph with `n_assertions` claims over `n_entities` countries."""
    rng = random.Random(7)
    ents = [Entity(f"e{i}", f"Actor {i}", "Country", aliases=(f"A{i}",))
            for i in range(n_entities)]
    relations = list(RELATIONS)
    by_doc: dict[int, list[Assertion]] = {d: [] for d in range(docs)}
    for i in range(n_assertions):
        s, o = rng.sample(ents, 2)
        text = f"{s.label} and {o.label} met in sentence {i}."
        by_doc[i % docs].append(Assertion(
            doc_id=f"d{i % docs}", relation=rng.choice(relations), subject=s.ref(),
            object=o.ref(), sentence=TextSpan(text, i * 80, i * 80 + len(text)),
            subject_span=(i * 80, i * 80 + 5), object_span=(i * 80 + 9, i * 80 + 14),
            trigger=TextSpan("met", i * 80 + 20, i * 80 + 23), confidence=0.7,
        ))
    return build_graph(
        DocResult(Document(f"d{d}", "", title=f"Article {d}", url=f"https://n.example/{d}"),
                  tuple(ents) if d == 0 else (), tuple(found))
        for d, found in by_doc.items()
    )


def timed(label: str, fn):
    """Run fn, print how long it took, return its result."""
    start = time.perf_counter()
    result = fn()
    print(f"  {label:<34} {time.perf_counter() - start:7.1f} s", flush=True)
    return result


def main() -> None:
    """Build, then time both stores."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--assertions", type=int, default=50_000,
                    help="claims to generate (50000 gives about 1.1M triples)")
    ap.add_argument("--no-default-store", action="store_true",
                    help="skip rdflib's default store (minutes on 1M triples)")
    args = ap.parse_args()
    g = timed("synthetic networkx graph", lambda: synthetic(args.assertions))
    print("geokg's exports (sorted, same bytes every run):")
    ds = timed("Dataset on Oxigraph (rdf_dataset)", lambda: rdf_dataset(g))
    turtle = timed("Turtle (to_turtle)", lambda: to_turtle(g))
    for label, export in (("N-Triples (to_ntriples)", to_ntriples),
                          ("TriG (to_trig)", to_trig),
                          ("JSON-LD (to_jsonld)", to_jsonld)):
        timed(label, lambda e=export: e(g))
    print(f"  {len(ds):,} triples, {len(turtle) / 1e6:.0f} MB of Turtle")
    stores = (("Oxigraph", "ox-turtle"), ("default", "turtle"))
    for store, fmt in stores[:1] if args.no_default_store else stores:
        print(f"{store} store:")
        graph = timed("parse Turtle", lambda s=store, f=fmt: Graph(store=s).parse(
            data=turtle, format=f))
        out = "ox-turtle" if store == "Oxigraph" else "turtle"
        timed("serialise Turtle", lambda gr=graph, o=out: gr.serialize(format=o))
        timed("GROUP BY query", lambda gr=graph: list(gr.query(GROUP_BY)))


if __name__ == "__main__":
    main()
