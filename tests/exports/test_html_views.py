"""The HTML page's views: states with their members folded in, communities, layout."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
from geokg.exports.html import STATES_VIEW_ABOVE, to_html, view_data
from geokg.exports.html_views import communities, rollup, states_graph
from geokg.graph.build import build_graph
from geokg.graph.model import Assertion, DocResult, Document, Entity, TextSpan

from tests.conftest import ROOT, synthetic_graph

#: Who belongs where in `officials_graph`: its members and their states.
FOLDED = {
    "iran-mfa": "iran",  # a ministry, by its parent
    "iran-army": "iran",  # an armed force, by its parent
    "araghchi": "iran",  # a minister of the ministry, so of its state
    "lavrov": "russia",  # official-of Russia twice (his denied office is no office)
    "guterres": "un",  # an organisation's official
}  # Dual Hat holds an office in Israel and one at the UN: he belongs to neither


def officials_graph():
    """Iran, Russia, Israel and the UN with ministries, forces and officials.

    People view: 11 entities with relations; states view: Iran, Russia, Israel,
    the UN, a pundit whose office is only planned and an official of two (6).
    """
    ents = {e.id: e for e in (
        Entity("iran", "Iran", "Country"),
        Entity("russia", "Russia", "Country"),
        Entity("israel", "Israel", "Country"),
        Entity("un", "United Nations", "Organization"),
        Entity("iran-mfa", "Iranian foreign ministry", "GovernmentBody",
               attributes=(("parent", "iran"), ("sector", "government"))),
        Entity("iran-army", "Iranian armed forces", "GovernmentBody",
               attributes=(("parent", "iran"), ("sector", "military"))),
        Entity("araghchi", "Abbas Araghchi", "Person"),
        Entity("lavrov", "Sergei Lavrov", "Person"),
        Entity("guterres", "António Guterres", "Person"),
        Entity("dual", "Dual Hat", "Person"),
        Entity("pundit", "A Pundit", "Person"),
    )}
    claims = []

    def claim(rel, s, o, **kw):
        text = f"Sentence {len(claims)}: {ents[s].label} {rel} {ents[o].label}."
        start = 100 * len(claims)
        claims.append(Assertion(
            doc_id="d1", relation=rel, subject=ents[s].ref(), object=ents[o].ref(),
            sentence=TextSpan(text, start, start + len(text)),
            subject_span=(start, start + 2), object_span=(start + 3, start + 5),
            trigger=None, confidence=0.8, **kw))

    claim("official-of", "araghchi", "iran-mfa")
    claim("official-of", "lavrov", "russia")
    claim("official-of", "lavrov", "russia")
    claim("official-of", "lavrov", "israel", negated=True)
    claim("official-of", "guterres", "un")
    claim("official-of", "dual", "un")
    claim("official-of", "dual", "israel")
    claim("official-of", "pundit", "russia", modality="planned")
    claim("met-with", "araghchi", "lavrov")
    claim("drilled-with", "iran-army", "russia", date="2024-05-01")
    claim("drilled-with", "iran", "russia", date="2024-06-01")
    claim("urged", "guterres", "iran")
    claim("condemned", "iran-mfa", "israel")
    claim("accused", "pundit", "iran")
    doc = Document("d1", "…", title="Officials", url="https://news.example/1",
                   published=date(2024, 5, 1))
    return build_graph([DocResult(doc, tuple(ents.values()), tuple(claims))])


def planted_graph(groups: int = 4, size: int = 8):
    """`groups` cliques of `size` entities, one bridge between neighbouring ones;
    the first member of each clique takes part in the most claims."""
    ents = [[Entity(f"g{i}-{j}", f"Group {i} member {j}", "Country")
             for j in range(size)] for i in range(groups)]
    pairs = [(a, b) for group in ents for k, a in enumerate(group)
             for b in group[k + 1:]]
    pairs += [(group[0], group[1]) for group in ents] * 3  # the first is the hub
    pairs += [(ents[i][-1], ents[(i + 1) % groups][-1]) for i in range(groups)]
    claims = tuple(
        Assertion(doc_id="d", relation="met-with", subject=a.ref(), object=b.ref(),
                  sentence=TextSpan(f"s{k}", k, k + 2), subject_span=(k, k + 1),
                  object_span=(k, k + 1), trigger=None)
        for k, (a, b) in enumerate(pairs)
    )
    everyone = tuple(e for group in ents for e in group)
    return build_graph([DocResult(Document("d", "…"), everyone, claims)])


def test_rollup_follows_parents_and_offices():
    assert rollup(officials_graph()) == FOLDED


def test_a_state_is_never_folded_and_a_cycle_ends_at_its_least_id():
    g = officials_graph()
    g.nodes["iran"]["parent"] = "russia"
    g.nodes["iran-mfa"]["parent"] = "iran-army"
    g.nodes["iran-army"]["parent"] = "iran-mfa"
    roots = rollup(g)
    assert "iran" not in roots
    assert roots["iran-mfa"] == "iran-army" and "iran-army" not in roots
    assert roots["araghchi"] == "iran-army"


def test_states_view_merges_claims_and_keeps_counts_and_evidence():
    data = view_data(officials_graph(), view="states")
    lines = {(e["from"], e["relation"], e["to"]): e for e in data["edges"]
             if "states" in e["curves"]}
    assert set(lines) == {
        ("iran", "met-with", "russia"),  # Araghchi met Lavrov
        ("iran", "drilled-with", "russia"),  # the army's drill and Iran's own
        ("un", "urged", "iran"),
        ("iran", "condemned", "israel"),
        ("pundit", "accused", "iran"),
        ("pundit", "official-of", "russia"),  # planned: the pundit stays himself
        ("dual", "official-of", "israel"),  # two homes: Dual Hat stays himself
        ("dual", "official-of", "un"),
    }  # the members' offices are folded away with them
    drill = lines[("iran", "drilled-with", "russia")]
    assert sorted(r[:2] for r in drill["support"]) == [["2024-05-01", "fact"],
                                                       ["2024-06-01", "fact"]]
    assert len(drill["evidence"]) == 2
    drillers = {ev["sentence"].split(": ")[1].split(" drilled")[0]
                for ev in drill["evidence"]}
    assert drillers == {"Iranian armed forces", "Iran"}
    members = {n["id"]: n.get("members") for n in data["nodes"]}
    assert members["iran"] == {"count": 3, "top": [  # most involved first, then by id
        "Abbas Araghchi", "Iranian foreign ministry", "Iranian armed forces"]}


def test_a_line_both_views_draw_alike_is_one_edge():
    edges = view_data(officials_graph())["edges"]
    shared = [e for e in edges if set(e["curves"]) == {"people", "states"}]
    assert {(e["from"], e["relation"], e["to"]) for e in shared} == {
        ("pundit", "accused", "iran"), ("pundit", "official-of", "russia"),
        ("dual", "official-of", "israel"), ("dual", "official-of", "un")}
    drills = [e for e in edges if e["relation"] == "drilled-with"
              and (e["from"], e["to"]) == ("iran", "russia")]
    assert [(len(e["support"]), list(e["curves"])) for e in drills] == [
        (1, ["people"]), (2, ["states"])]
    assert drills[1]["id"] == drills[0]["id"] + "s"


def test_states_graph_drops_claims_inside_a_state_and_members_offices():
    g = officials_graph()
    folded = states_graph(g, rollup(g))
    assert sorted(folded) == ["dual", "iran", "israel", "pundit", "russia", "un"]
    assert folded.number_of_edges() == 9  # 14 claims less the 5 members' offices


@pytest.mark.parametrize(
    ("graph", "view", "opening"),
    [
        (lambda: officials_graph(), "auto", "people"),  # small
        (lambda: synthetic_graph(STATES_VIEW_ABOVE * 3, STATES_VIEW_ABOVE * 6),
         "auto", "states"),  # big, with random official-of claims to fold
        (lambda: planted_graph(40, 5), "auto", "people"),  # big, nothing to fold
        (lambda: officials_graph(), "states", "states"),
    ],
)
def test_the_page_opens_on_the_states_view_when_the_people_view_is_big(
    graph, view, opening
):
    data = view_data(graph(), view=view)
    assert data["opening"] == opening
    assert data["openedForSize"] is (view == "auto" and opening == "states")


def test_communities_are_the_planted_groups_most_involved_first():
    g = planted_graph()
    data = view_data(g)
    found = {tuple(sorted(n["id"] for n in data["nodes"]
                          if n["views"]["people"][3] == c)) for c in range(4)}
    assert found == {tuple(f"g{i}-{j}" for j in range(8)) for i in range(4)}
    names = [c["name"] for c in data["communities"]["people"]]
    # The first member is the hub, the last bridges to the next groups.
    assert sorted(names) == [f"Group {i} member 0, Group {i} member 1, "
                             f"Group {i} member 7" for i in range(4)]
    assert [c["size"] for c in data["communities"]["people"]] == [8] * 4


def test_members_of_a_community_are_placed_together():
    data = view_data(planted_graph(6, 10))
    spots: dict[int, list[tuple[int, int]]] = {}
    for n in data["nodes"]:
        x, y, _, c, _ = n["views"]["people"]
        spots.setdefault(c, []).append((x, y))
    centres = {c: (sum(x for x, _ in s) / len(s), sum(y for _, y in s) / len(s))
               for c, s in spots.items()}
    for c, points in spots.items():
        for x, y in points:
            dist = {d: (x - cx) ** 2 + (y - cy) ** 2 for d, (cx, cy) in centres.items()}
            assert min(dist, key=dist.get) == c


def test_louvain_is_seeded_and_sees_no_string_order():
    g = synthetic_graph(200, 500)
    data = view_data(g)
    edges = [e for e in data["edges"] if "people" in e["curves"]]
    keep = [n["id"] for n in data["nodes"] if "people" in n["views"]]
    involvement = Counter({n["id"]: n["views"]["people"][2] for n in data["nodes"]
                           if "people" in n["views"]})
    assert communities(keep, edges, involvement) == communities(
        list(reversed(keep)), list(reversed(edges)), involvement)


@pytest.mark.slow
def test_same_graph_gives_same_bytes_in_any_process():
    """Python's hash seed changes the order of sets of strings between processes;
    the page must not depend on it (Louvain and the layout least of all)."""
    script = ("import hashlib, sys; sys.path.insert(0, sys.argv[1]); "
              "from tests.conftest import synthetic_graph; "
              "from geokg.exports.html import to_html; "
              "print(hashlib.sha256(to_html(synthetic_graph(400, 900)).encode())"
              ".hexdigest())")
    digests = {
        subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True,
                       text=True, check=True, env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    here = hashlib.sha256(to_html(synthetic_graph(400, 900)).encode()).hexdigest()
    assert digests == {here + "\n"}
