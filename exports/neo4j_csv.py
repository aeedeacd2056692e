"""The graph for Neo4j: ``neo4j/nodes.csv``, ``relationships.csv`` and ``load.cypher``.

The two CSV files use the header format of ``neo4j-admin database import full``
(``id:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE`` and typed properties
such as ``confidence:double`` or ``aliases:string[]``, arrays split on ``;``):

- one node per entity, labelled ``Entity``, ``Actor`` (for the actor types) and
  its type (``Entity;Actor;Country``), with ``name`` (its label), ``type``,
  aliases, identifiers, sector, the state it belongs to (``parent`` or
  ``country``) and the number of articles that mention it;
- one relationship per claim, typed with the relation in upper snake case
  (``MET_WITH``, ``OFFICIAL_OF``), carrying the claim's id, coding and evidence
  (the same fields as ``events.csv``). Negated, planned, hypothetical and
  reported claims are relationships too; ``fact`` is true only for asserted,
  non-negated ones, so ``MATCH (a)-[:MET_WITH {fact: true}]->(b)`` reads facts.

``load.cypher`` loads the same files into a running database with plain
``LOAD CSV`` (no APOC), giving the same labels, types and properties.

The values are kept as they are (no spreadsheet formula guard: the files are for
Neo4j), newlines included inside quotes, so ``neo4j-admin`` needs
``--multiline-fields=true``. The one change: an alias holding the array
delimiter ``;`` has it replaced by ``,``, since the import has no escape for it.
``date:date`` holds a claim's date (else its article's) when it is a full
YYYY-MM-DD date; a partial or free-text claim date goes to ``date_text``.
Confidence is a ``double``, as Neo4j's ``float`` is single precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx
from geokg.exports.event_tables import claim_rows, csv_text, iso_date
from geokg.graph.vocabulary import ACTOR_TYPES, ENTITY_TYPES, RELATIONS

ARRAY_DELIMITER = ";"

# (property, Neo4j type, node attribute); the id and labels come first.
_NODE_PROPERTIES = (
    ("name", "string", "label"),
    ("type", "string", "type"),
    ("aliases", "string[]", "aliases"),
    ("wikidata", "string", "wikidata"),
    ("iso3", "string", "iso3"),
    ("geonames", "long", "geonames"),
    ("sector", "string", "sector"),
    ("parent", "string", "parent"),
    ("country", "string", "country"),
    ("documents", "int", "documents"),
)

# (property, Neo4j type) of a relationship; values come from the claim's fields.
_RELATIONSHIP_PROPERTIES = (
    ("id", "string"),
    ("relation", "string"),
    ("family", "string"),
    ("quad_class", "int"),
    ("cameo", "string"),
    ("plover", "string"),
    ("symmetric", "boolean"),
    ("role", "string"),
    ("modality", "string"),
    ("negated", "boolean"),
    ("fact", "boolean"),
    ("confidence", "double"),
    ("date", "date"),
    ("date_text", "string"),
    ("date_from", "string"),
    ("trigger", "string"),
    ("location", "string"),
    ("attributed_to", "string"),
    ("doc_id", "string"),
    ("published", "date"),
    ("publisher", "string"),
    ("url", "string"),
    ("title", "string"),
    ("sentence", "string"),
    ("rule", "string"),
)

#: The types a property header may carry (neo4j-admin's import header format).
NEO4J_TYPES = frozenset(
    "int long float double boolean byte short char string point date localtime "
    "time localdatetime datetime duration".split()
)

_NOT_A_NAME = re.compile(r"\W")


def relationship_type(relation: str) -> str:
    """A relation's Neo4j type, upper snake case: met-with -> MET_WITH."""
    return relation.upper().replace("-", "_")


def node_labels(entity_type: str) -> list[str]:
    """The labels of an entity node: Entity, Actor for actors, and its type."""
    return ["Entity", *(["Actor"] if entity_type in ACTOR_TYPES else []), entity_type]


def _array(values: list[str]) -> str | None:
    items = [str(v).replace(ARRAY_DELIMITER, ",") for v in values]
    return ARRAY_DELIMITER.join(items) if items else None


def _node_properties(g: nx.MultiDiGraph) -> dict[str, str]:
    """Header -> node attribute of each property column: the known ones, then any
    other attribute of the graph's nodes (as a string), sorted."""
    columns = {f"{p}:{t}": attr for p, t, attr in _NODE_PROPERTIES}
    known = set(columns.values())
    for key in sorted({k for _, d in g.nodes(data=True) for k in d} - known):
        columns.setdefault(f"{_NOT_A_NAME.sub('_', key)}:string", key)
    return columns


def _keep(text: str) -> str:
    return text


def to_nodes_csv(g: nx.MultiDiGraph) -> str:
    """``nodes.csv``: one entity a row, in neo4j-admin's header format."""
    properties = _node_properties(g)

    def row(node: str, data: dict[str, Any]) -> dict[str, Any]:
        values = {h: data.get(attr) for h, attr in properties.items()}
        values["aliases:string[]"] = _array(data.get("aliases") or [])
        labels = ARRAY_DELIMITER.join(node_labels(data["type"]))
        return {"id:ID": node, ":LABEL": labels, **values}

    columns = ["id:ID", ":LABEL", *properties]
    return csv_text(columns, (row(n, d) for n, d in g.nodes(data=True)), text=_keep)


def _relationships(g: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for a, fields in claim_rows(g):
        full = iso_date(fields["date"])
        values = fields | {
            "date": full,
            "date_text": None if full or not a.date else a.date,
            "published": iso_date(fields["published"]),
            "location": fields["location_id"],
            "attributed_to": fields["attributed_to_id"],
        }
        row = {f"{p}:{t}": values[p] for p, t in _RELATIONSHIP_PROPERTIES}
        yield {
            ":START_ID": a.subject.id,
            ":END_ID": a.object.id,
            ":TYPE": relationship_type(a.relation),
            **row,
        }


def to_relationships_csv(g: nx.MultiDiGraph) -> str:
    """``relationships.csv``: one claim a row, in neo4j-admin's header format."""
    columns = [":START_ID", ":END_ID", ":TYPE"]
    columns += [f"{p}:{t}" for p, t in _RELATIONSHIP_PROPERTIES]
    return csv_text(columns, _relationships(g), text=_keep)


# ---- load.cypher -------------------------------------------------------------

_CONVERT = {
    "string": "{}",
    "string[]": f"split({{}}, '{ARRAY_DELIMITER}')",
    "int": "toInteger({})",
    "long": "toInteger({})",
    "double": "toFloat({})",
    "boolean": "toBoolean({})",
    "date": "date({})",
}

_LOAD_HEADER = """\
// geokg: load neo4j/nodes.csv and neo4j/relationships.csv into a running Neo4j
// (5.x) with plain LOAD CSV; no plugin needed. Copy the two CSV files into the
// database's import folder, then run
//     cypher-shell -u neo4j -p PASSWORD -f neo4j/load.cypher
// Running it again updates the same nodes and relationships (MERGE by id).
// For a large graph, neo4j-admin database import full is much faster (README).
//
// Labels and relationship types cannot come from a CSV column in plain Cypher,
// so each is set by one FOREACH line per entity type and per relation of the
// geokg vocabulary: the nodes get the same labels as with neo4j-admin
// (Entity;Actor;Country) and the claims typed relationships (MET_WITH,
// SANCTIONED, OFFICIAL_OF ...), which is what Cypher patterns match on, rather
// than one generic relationship type with the relation as a property.
// With the APOC plugin, the FOREACH lines could be replaced by
//     WITH n, row CALL apoc.create.addLabels(n, split(row.`:LABEL`, ';'))
//       YIELD node RETURN count(node)
// for the nodes, and for the relationships by
//     CALL apoc.merge.relationship(s, row.`:TYPE`, {id: props.id}, props, t, props)
//       YIELD rel RETURN count(rel)

CREATE CONSTRAINT geokg_entity_id IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE;
"""


def _value(header: str) -> str:
    """The Cypher expression that reads one typed column of a LOAD CSV row."""
    kind = header.rsplit(":", 1)[1]
    return _CONVERT[kind].format(f"row.`{header}`")


def _when(test: str, action: str) -> str:
    """A FOREACH that runs `action` only on the rows where `test` holds."""
    return f"FOREACH (x IN CASE WHEN {test} THEN [1] ELSE [] END |\n  {action})"


def _map(headers: list[str]) -> str:
    """A Cypher map of the typed columns, keyed by their property names."""
    pairs = (f"{h.rsplit(':', 1)[0]}: {_value(h)}" for h in headers)
    return "{\n  " + ",\n  ".join(pairs) + "\n}"


def _load_nodes(g: nx.MultiDiGraph) -> str:
    actors = ", ".join(f"'{t}'" for t in ACTOR_TYPES)
    labels = [_when(f"row.`type:string` IN [{actors}]", "SET n:Actor")]
    # backquoted: a label such as Group is a keyword to some Cypher parsers
    labels += [
        _when(f"row.`type:string` = '{t}'", f"SET n:`{t}`") for t in ENTITY_TYPES
    ]
    return (
        "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
        "MERGE (n:Entity {id: row.`id:ID`})\n"
        f"SET n += {_map(list(_node_properties(g)))}\n" + "\n".join(labels) + ";\n"
    )


def _load_relationships() -> str:
    merges = []
    for name in RELATIONS:
        kind = relationship_type(name)
        merge = f"MERGE (s)-[r:{kind} {{id: props.id}}]->(t) SET r += props"
        merges.append(_when(f"row.`:TYPE` = '{kind}'", merge))
    headers = [f"{p}:{t}" for p, t in _RELATIONSHIP_PROPERTIES]
    return (
        "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
        "MATCH (s:Entity {id: row.`:START_ID`})\n"
        "MATCH (t:Entity {id: row.`:END_ID`})\n"
        f"WITH s, t, row, {_map(headers)} AS props\n" + "\n".join(merges) + ";\n"
    )


def load_cypher(g: nx.MultiDiGraph) -> str:
    """``load.cypher``: the LOAD CSV statements that read the two files."""
    return "\n".join((_LOAD_HEADER, _load_nodes(g), _load_relationships()))


def to_neo4j(g: nx.MultiDiGraph) -> dict[str, str]:
    """The three Neo4j files, named as they go in the output folder."""
    return {
        "neo4j/nodes.csv": to_nodes_csv(g),
        "neo4j/relationships.csv": to_relationships_csv(g),
        "neo4j/load.cypher": load_cypher(g),
    }
