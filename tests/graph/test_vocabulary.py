"""The relation vocabulary is the contract of DESIGN.md."""

from __future__ import annotations

import pytest
from geokg.graph.vocabulary import (
    FAMILIES,
    GOLDSTEIN,
    RELATIONS,
    camel,
    goldstein,
    relation,
)

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


def test_every_event_relation_has_the_goldstein_weight_of_its_code():
    for rel in RELATIONS.values():
        if rel.is_event:
            assert rel.goldstein == GOLDSTEIN[rel.cameo], rel.name
            for code in rel.cameo_prefixes:
                assert -10 <= GOLDSTEIN[code] <= 10, (rel.name, code)
        else:
            assert rel.goldstein is None, rel.name


@pytest.mark.parametrize("relation, weight", [
    ("met-with", 1.0),  # CAMEO 04 consult
    ("negotiated-with", 7.0),  # 046
    ("agreed-with", 8.0),  # 057 sign formal agreement
    ("drilled-with", 7.4),  # 062 cooperate militarily
    ("condemned", -2.0),  # 111
    ("threatened", -6.0),  # 13
    ("sanctioned", -8.0),  # 163
    ("attacked", -9.0),  # 18
    ("fought", -10.0),  # 19
])
def test_goldstein_weights_as_gdelt_publishes_them(relation, weight):
    assert RELATIONS[relation].goldstein == weight


def test_a_code_without_a_weight_is_an_error():
    with pytest.raises(KeyError, match="no Goldstein weight for CAMEO code '099'"):
        goldstein("099")
