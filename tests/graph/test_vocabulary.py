"""The relation vocabulary is the contract of DESIGN.md."""

from __future__ import annotations

import pytest
from geokg.graph.vocabulary import FAMILIES, RELATIONS, camel, relation

CONTRACT = [
    "met-with", "negotiated-with", "consulted-with", "urged", "demanded", "proposed",
    "supported", "agreed-with", "cooperated-with", "drilled-with", "aided", "condemned",
    "accused", "rejected", "threatened", "sanctioned", "withdrew-from",
    "reduced-ties-with", "attacked", "fought", "member-of", "party-to", "official-of",
    "located-in",
]
SYMMETRIC = {"met-with", "negotiated-with", "consulted-with", "agreed-with",
             "cooperated-with", "drilled-with", "fought"}


def test_the_24_relations_in_order():
    assert list(RELATIONS) == CONTRACT


@pytest.mark.parametrize("name", CONTRACT)
def test_symmetry_and_family(name):
    r = RELATIONS[name]
    assert r.symmetric == (name in SYMMETRIC)
    assert r.family in FAMILIES
    assert (r.family == "standing") == (r.cameo is None)


@pytest.mark.parametrize(("name", "expected"), [
    ("met-with", "metWith"), ("drilled-with", "drilledWith"), ("member-of", "memberOf"),
    ("reduced-ties-with", "reducedTiesWith"), ("urged", "urged"),
])
def test_camel_case(name, expected):
    assert camel(name) == expected == RELATIONS[name].camel


def test_unknown_relation_lists_the_valid_ones():
    with pytest.raises(KeyError, match="met-with"):
        relation("shook-hands-with")
