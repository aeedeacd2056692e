"""Tests of the Phoenix converter: dictionary syntax, naming rules, tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from geokg.graph.errors import InputError
from geokg.ingest import phoenix
from geokg.ingest.phoenix_names import NameContext, display_name, is_person, is_role
from geokg.ingest.tabari import (
    Code,
    english_plural,
    parse_code,
    parse_date,
    read_actors,
    read_agents,
)

SOURCE = Path(__file__).resolve().parents[2].parent / "shared/dictionaries/petrarch2"

AGENTS = """\
# AGENTS FILE FOR A TEST   # a comment line
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES

TROOP [~MIL]
SECURITY_FORCE [~COP]
SECURITY_FORCE [~MIL]  # the file codes it twice
POLICE {} [~COP]
THIEF {THIEVES} [~CRM]
HEAD_OF_STATE [~GOV]
ARMY [~MIL]
CONGRESS!PERSON! [~LEG]
!MINIST!_OF_DEFENCE [~GOVMIL]
PEACEKEEPING_TROOPS {} [IGO~]
LAWMAKERS [~LEG]
ENVIRONMENTALIST [~ENV}
ISLAMIC_EXTREMIST
# REBEL [~REB]
"""

INTERNATIONAL = """\
# INTERNATIONAL ACTORS FOR A TEST
THE_UNITED_FEDERATION_ [IGOUFP]
UF_ [IGOUFP]
U.F._

UF_SECRETARY_GENERAL
+SECRETARY_GENERAL_OF_THE_UF_
\t[IGOUFP]
JOHN_DOE_\t[IGOUFP 970101-061231] [ELI]# a past secretary general
GALACTIC_TRADE_ORGANIZATION_
+GTO
+GALACTIC_TRADE_ORGANISATION_
\t[IGOBUSGTO]
FRIENDS_OF_THE_MOON_\t[NGOENV]
+ORDER
ACME_WIDGETS_INC_\t[MNCUSA]\t# Widgets\t$1,000
DAILY_PLANET
\t[MED]
JANE_ROE_\t[USAGOV 010120-050120]
"""

NONSTATE = """\
# NON-STATE ACTORS FOR A TEST
FRONT_FOR_THE_LIBERATION_OF_ATLANTIS_(FLA)_ [ATLREB] #  invented
+FRONTE_DI_LIBERAZIONE_ATLANTIDE_
+MAY_15_
+JOHN_SMITH
+SMITH
+FOUNDATION_
+LIGHTNING_

AL-MUQAWAMA [ATLREB]
+AL_MUQAWAMA
+AL-MUQAWAMMA
"""

COUNTRIES = """\
ATLANTIS_  [ATL]
+ATLANTEAN_
JOHN_SMITH_  # CountryInfo.txt
\t[ATLGOV 010101-051231]
JOHN_BROWN_  # CountryInfo.txt
\t[ATLELI 020101-061231]

OMAR_AL_RASHID_  # CountryInfo.txt
+SENATOR_RASHID_
+AL_RASHID_
+PRESIDENT_OMAR_AL_RASHID
\t[ATLELI 010101-031231]
\t[ATLGOV >040101]
OMAR_TAREK_AL_RASHID
\t[ATLGOV >050101]
JOHN_KEMAL_SMITH_  # CountryInfo.txt
\t[MUGGOV >100101]

ATLANTEAN_GUARDS_  # bodies: spellings of one force, and another coded alike
+ATLANTEAN_GUARD_
+COASTAL_WATCH_
	[ATLMIL]
HALL_OF_ENVOYS_
	[ATLGOV]
SUPREME_COUNCIL_OF_ATLANTIS_
	[ATLGOV]

THE_ISLAND_STATE
+ISST_
+DAISH_
+DAISH'S_
\t[IMGMUSISI >20130408]
"""

VERBS = """\
--- ORDER [010] ---
ORDER
- * TARGET [190]
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A folder with a few invented lines of each dictionary."""
    files = {
        phoenix.AGENTS_FILE: AGENTS,
        phoenix.INTERNATIONAL_FILE: INTERNATIONAL,
        phoenix.NONSTATE_FILE: NONSTATE,
        phoenix.COUNTRIES_FILE: COUNTRIES,
        phoenix.VERBS_FILE: VERBS,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


# ------------------------------------------------------------------- syntax


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("000507", "2000-05-07"),
        ("300101", "2030-01-01"),
        ("310101", "1931-01-01"),
        ("19941017", "1994-10-17"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("IGOUNO", Code("IGOUNO")),
        ("RUSGOV 000507-120507", Code("RUSGOV", "2000-05-07", "2012-05-07")),
        ("IGOUNO >20070101", Code("IGOUNO", "2007-01-01", None)),
        ("HTIOPPMED <061231", Code("HTIOPPMED", None, "2006-12-31")),
    ],
)
def test_parse_code(text: str, code: Code) -> None:
    assert parse_code(text) == code


@pytest.mark.parametrize("text", ["KORGOV 2004017-20061201", "X 20121204", "X 991301"])
def test_parse_code_rejects_bad_restrictions(text: str) -> None:
    with pytest.raises(ValueError):
        parse_code(text)


@pytest.mark.parametrize(
    ("words", "plural"),
    [
        ("SECURITY FORCE", "SECURITY FORCES"),
        ("army", "armies"),
        ("ATTORNEY", "ATTORNEYS"),
        ("BOSS", "BOSSES"),
        ("CONGRESSMAN", "CONGRESSMEN"),
        ("CHILD", "CHILDREN"),
        ("HEAD OF STATE", "HEADS OF STATE"),
        ("MEMBER OF THE SENATE", "MEMBERS OF THE SENATE"),
        ("TROOPS", None),
        ("MILITIAMEN", None),
        ("LT.", None),
        ("F-16", None),
    ],
)
def test_english_plural(words: str, plural: str | None) -> None:
    assert english_plural(words) == plural


def test_read_agents(source: Path) -> None:
    agents = {(a.words, a.code): a for a in read_agents(source / phoenix.AGENTS_FILE)}
    assert agents[("TROOP", "~MIL")].plural is None  # regular: formed later
    assert agents[("POLICE", "~COP")].plural == ""  # {}: none
    assert agents[("THIEF", "~CRM")].plural == "THIEVES"
    assert {("SECURITY FORCE", "~COP"), ("SECURITY FORCE", "~MIL")} <= set(agents)
    # a substitution set: its items' own plurals pair up, PERSON has none
    assert agents[("CONGRESSMAN", "~LEG")].plural == "CONGRESSMEN"
    assert agents[("CONGRESSPERSON", "~LEG")].plural == ""
    assert ("CONGRESSMEN", "~LEG") not in agents
    assert agents[("MINISTRY OF DEFENCE", "~GOVMIL")].plural == "MINISTRIES OF DEFENCE"
    assert agents[("ENVIRONMENTALIST", "~ENV")]  # "[~ENV}" read too
    assert not any(w in ("ISLAMIC EXTREMIST", "REBEL") for w, _ in agents)


def test_read_agents_undefined_set(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text("FIRE!PERSON! [~GOV]\n", encoding="utf-8")
    with pytest.raises(InputError, match="PERSON"):
        read_agents(path)


def test_read_actors_records(source: Path) -> None:
    records = read_actors(source / phoenix.INTERNATIONAL_FILE)
    by_first = {r.phrases[0]: r for r in records}
    assert by_first["UF_"].codes == (Code("IGOUFP"),)
    # a codeless phrase parted by a blank line takes the next codes, alone
    assert by_first["U.F._"].codes == (Code("IGOUFP"),)
    assert by_first["UF_SECRETARY_GENERAL"].phrases == (
        "UF_SECRETARY_GENERAL",
        "SECRETARY_GENERAL_OF_THE_UF_",
    )
    assert by_first["JOHN_DOE_"].codes == (
        Code("IGOUFP", "1997-01-01", "2006-12-31"),
        Code("ELI"),
    )
    assert by_first["GALACTIC_TRADE_ORGANIZATION_"].phrases[1:] == (
        "GTO",
        "GALACTIC_TRADE_ORGANISATION_",
    )


def test_read_actors_shared_codes_and_odd_lines(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(
        "IVO_X_\nPRESIDENT_X_\n\t[XXXGOV >20120219]\n"
        "TAIWAN_ [TWN]\n+TAIOAN_ +TAWIAN_\n\tTAI_WAN_\t[TWN]\n",
        encoding="utf-8",
    )
    first, second = read_actors(path)
    assert first.phrases == ("IVO_X_", "PRESIDENT_X_")  # no code between: one
    assert first.codes == (Code("XXXGOV", "2012-02-19", None),)
    assert second.phrases == ("TAIWAN_", "TAIOAN_", "TAWIAN_", "TAI_WAN_")


# ------------------------------------------------------------------- names

CTX = NameContext(
    acronyms=frozenset({"NATO", "ISIS"}),
    given=frozenset({"JOHN", "AHMED"}),
    english=frozenset({"ORDER"}),
)


@pytest.mark.parametrize(
    ("words", "text"),
    [
        ("AL-QAEDA IN IRAQ", "Al-Qaeda in Iraq"),
        ("HARAKAT AL-SHABAAB AL-MUJAHIDEEN", "Harakat al-Shabaab al-Mujahideen"),
        ("JAISH-E-MOHAMMAD", "Jaish-e-Mohammad"),
        ("KURDISTAN WORKERS' PARTY", "Kurdistan Workers' Party"),
        ("UN SECURITY COUNCIL", "UN Security Council"),
        ("NATO SUMMIT", "NATO Summit"),
        ("PFLP-GC", "PFLP-GC"),
        ("FARC", "FARC"),
        ("HAMAS", "Hamas"),
        ("DAESH", "Daesh"),
        ("ISIS", "ISIS"),
        ("JULY 20TH BRIGADE", "July 20th Brigade"),
        ("NATIONAL FRONT (GREECE)", "National Front (Greece)"),
        ("U.N.", "U.N."),
    ],
)
def test_display_name(words: str, text: str) -> None:
    assert display_name(words.split(), CTX) == text


@pytest.mark.parametrize(
    ("words", "person"),
    [
        ("JOHN SMITH", True),
        ("SHEIKH HASSAN NASRALLAH", True),
        ("R K PACHAURI", True),
        ("K. ANNAN", True),
        ("AHMED ABDI GODANE", True),
        ("JOHN SMITH FOUNDATION", False),
        ("ABU SAYYAF GROUP", False),
        ("ISLAMIC STATE", False),
        ("SHINING PATH", False),
    ],
)
def test_is_person(words: str, person: bool) -> None:
    assert is_person(words.split(), CTX) is person


@pytest.mark.parametrize(
    ("words", "role"),
    [
        ("UN ENVOY", True),
        ("PRESIDENT OF THE WORLD BANK", True),
        ("UNITED NATIONS CHIEF", True),
        ("AL QAIDA-AFFILIATED", True),
        ("WORLD BANK", False),
        ("BANK FOR INTERNATIONAL SETTLEMENTS", False),
    ],
)
def test_is_role(words: str, role: bool) -> None:
    assert is_role(words.split()) is role


# ------------------------------------------------------------------- tables


def test_agents_table(source: Path) -> None:
    table = phoenix.agents_table(phoenix.load(source))
    assert {"about", "sources", "licence", "attribution", "sectors", "agents"} <= set(
        table
    )
    assert "MIT License" in table["licence"]
    assert "Open Event Data Alliance" in table["attribution"]
    rows = table["agents"]
    assert rows == sorted(rows, key=lambda r: (r["words"], r["code"]))
    by = {(r["words"], r["code"]): r for r in rows}
    assert by[("troop", "~MIL")] == {
        "words": "troop",
        "plural": "troops",
        "code": "~MIL",
        "sector": "military",
    }
    assert by[("security force", "~COP")]["sector"] == "police"
    assert by[("security force", "~MIL")]["sector"] == "military"
    assert "plural" not in by[("police", "~COP")]
    assert "plural" not in by[("lawmakers", "~LEG")]  # already plural
    assert by[("minister of defence", "~GOVMIL")]["sector"] == "government"
    assert by[("peacekeeping troops", "IGO~")]["sector"] == "intergovernmental"
    assert table["sectors"]["UAF"] == {"sector": "armed group", "kind": "non-state"}


def test_agents_table_unknown_sector(source: Path) -> None:
    with (source / phoenix.AGENTS_FILE).open("a", encoding="utf-8") as handle:
        handle.write("SPACE_CADET [~XYZ]\n")
    with pytest.raises(InputError, match=r"'~XYZ'.*SECTORS"):
        phoenix.agents_table(phoenix.load(source))


def _entries(table: dict) -> dict[str, dict]:
    return {e["label"]: e for e in table["entries"]}


def test_international_table(source: Path) -> None:
    table = phoenix.international_table(phoenix.load(source))
    entries = _entries(table)
    assert set(entries) == {
        "United Federation",
        "UF",
        "Galactic Trade Organization",
        "Friends of the Moon",
        "Acme Widgets Inc",
        "Daily Planet",
    }  # no people, no post ("UF Secretary General")
    # records of one code whose names match loosely join ("UF_", "U.F._")
    assert entries["UF"]["aliases"] == ["U.F."]
    gto = entries["Galactic Trade Organization"]
    assert gto == {
        "id": "galactic-trade-organization",
        "label": "Galactic Trade Organization",
        "type": "Organization",
        "kind": "igo",
        "aliases": ["GTO", "Galactic Trade Organisation"],
        "codes": ["IGOBUSGTO"],
    }
    assert entries["Friends of the Moon"]["aliases"] == []  # "Order": a word
    assert entries["Friends of the Moon"]["kind"] == "ngo"
    assert entries["Acme Widgets Inc"]["kind"] == "company"
    assert entries["Daily Planet"]["type"] == "Media"
    assert "MIT License" in table["licence"] and table["attribution"]


def test_nonstate_table(source: Path) -> None:
    entries = _entries(phoenix.nonstate_table(phoenix.load(source)))
    front = entries["Front for the Liberation of Atlantis"]
    # the acronym in brackets is an alias; a date, a person (first name from
    # the Countries file), his lone surname and a nickname like no other name
    # ("Foundation", "Lightning") are not
    assert front["aliases"] == ["FLA", "Fronte di Liberazione Atlantide"]
    assert front["type"] == "Group" and front["codes"] == ["ATLREB"]
    assert entries["Al-Muqawama"]["aliases"] == [
        "al-Muqawama",
        "Al Muqawama",
        "al Muqawama",
        "Al-Muqawamma",
        "al-Muqawamma",
    ]
    # a Countries record with a non-state armed code, its code's dates dropped
    island = entries["Island State"]
    assert island["aliases"] == ["ISST", "Daish", "Daish's"]
    assert island["codes"] == ["IMGMUSISI"]
    assert "John Smith" not in entries and "John Brown" not in entries


def test_people_table(source: Path) -> None:
    """People of the Countries file with the state they served last; names only
    (no titles, posts, surnames alone), "al-" forms first; a name two states'
    people share names neither."""
    entries = _entries(phoenix.people_table(phoenix.load(source)))
    omar = entries["Omar al-Rashid"]
    assert omar["type"] == "Person" and omar["codes"] == ["ATLGOV"]
    assert omar["aliases"] == [
        "Omar al Rashid", "Omar Tarek al-Rashid", "Omar Tarek al Rashid"
    ]
    assert entries["John Brown"]["codes"] == ["ATLELI"]
    # "John Kemal Smith" is also "John Smith": two states, so that name is neither's
    assert entries["John Kemal Smith"]["codes"] == ["MUGGOV"]
    assert entries["John Kemal Smith"]["aliases"] == []
    assert "John Smith" not in entries


def test_bodies_table(source: Path) -> None:
    """A state's bodies: armed records whole, government records whose name ends
    in a body's head noun; of a record's names only the spellings of its label."""
    entries = _entries(phoenix.bodies_table(phoenix.load(source)))
    guards = entries["Atlantean Guards"]
    assert guards["type"] == "GovernmentBody" and guards["codes"] == ["ATLMIL"]
    assert guards["aliases"] == ["Atlantean Guard"]  # not "Coastal Watch"
    assert entries["Supreme Council of Atlantis"]["codes"] == ["ATLGOV"]
    assert "Hall of Envoys" not in entries  # a GOV record may be a person's


def test_build_tables_is_deterministic(source: Path) -> None:
    assert phoenix.build_tables(source) == phoenix.build_tables(source)


def test_main_writes_tables(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert phoenix.main(["--source", str(source), "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(name for name, _, _ in phoenix.TABLES)
    table = json.loads((out / "phoenix_agents.json").read_text(encoding="utf-8"))
    assert table["agents"]


def test_main_missing_source(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert phoenix.main(["--source", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "missing dictionaries" in err and "--source" in err


# ---------------------------------------------------------- committed tables


@pytest.mark.slow
def test_committed_tables_are_what_the_converter_makes() -> None:
    """The tables in ingest/data are the converter's output on the dictionaries."""
    if not SOURCE.is_dir():
        pytest.skip(f"{SOURCE} is not beside the repository")
    for name, text in phoenix.build_tables(SOURCE).items():
        committed = (phoenix.DATA_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run python -m geokg.ingest.phoenix"


@pytest.mark.parametrize("name", [name for name, _, _ in phoenix.TABLES])
def test_committed_tables_keep_licence_and_attribution(name: str) -> None:
    table = json.loads((phoenix.DATA_DIR / name).read_text(encoding="utf-8"))
    assert table["licence"] == phoenix.LICENCE
    assert table["attribution"] == phoenix.ATTRIBUTION
    assert all(
        "676801cd9cb2924bbbad09f86d15c9323e7097bf" in s for s in table["sources"]
    )
