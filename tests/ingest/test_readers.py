"""The readers: each bad input gets one clear message; the good input is kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from geokg.graph.errors import InputError
from geokg.ingest import readers
from geokg.ingest.readers import (
    BadRecord,
    content_id,
    document_from_record,
    iter_documents,
    parse_date,
)

KOI8_TEXT = "Министр иностранных дел России встретился с коллегой в Пекине."


def read(paths, *extra: str) -> tuple[list, list[str]]:
    """The documents of `paths` and the problem messages, in order."""
    problems: list[InputError] = []
    docs = list(iter_documents([str(p) for p in paths] + list(extra), problems.append))
    return docs, [str(p) for p in problems]


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """A file under `folder` holding `data`."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-15", date(2025, 7, 15)),
        ("2025-07-15T09:00:00Z", date(2025, 7, 15)),
        ("2025-07-15T23:30:00+05:00", date(2025, 7, 15)),
        (" 2025-07-15 ", date(2025, 7, 15)),
        ("15 July 2025", date(2025, 7, 15)),
        ("July 15, 2025", date(2025, 7, 15)),
        ("15 Jul 2025", date(2025, 7, 15)),
        ("2025/07/15", date(2025, 7, 15)),
        ("Tue, 15 Jul 2025 09:00:00 GMT", date(2025, 7, 15)),
        (None, None),
        ("", None),
    ],
)
def test_parse_date_reads_iso_and_common_forms(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["yesterday", "07/08/2025", "2025-02-30", "2025-13-01", 20250715, ["x"]]
)
def test_parse_date_refuses_unknown_or_ambiguous_forms(value):
    with pytest.raises(ValueError, match="date"):
        parse_date(value)


# --- files -----------------------------------------------------------------


def test_plain_text_file_id_is_its_stem(tmp_path):
    docs, problems = read([write(tmp_path, "000_abc.txt", "Iran met Russia.")])
    assert [(d.id, d.text) for d in docs] == [("000_abc", "Iran met Russia.")]
    assert problems == []


FILE_CASES = [
    # name, bytes, message fragment
    ("empty.txt", b"", "empty file (no text); skipped"),
    ("blank.txt", b"  \n\t\n", "empty file (no text); skipped"),
    ("empty.jsonl", b"\n\n", "empty file (no JSON lines); skipped"),
    ("script.html", b"<html><script>x()</script></html>", "no article text found"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL byte at"),
    ("dump.jsonl", b"\x00\x01\x02garbage\n", "binary file (NUL byte), not JSON Lines"),
    (
        "latin.txt",
        "Le ministre des Affaires étrangères".encode("latin-1"),
        "not valid UTF-8 (byte 0xe9 at offset 25)",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), FILE_CASES)
def test_a_bad_file_is_skipped_with_one_line_naming_it(tmp_path, name, data, message):
    good = write(tmp_path, "good.txt", "Iran met Russia.")
    bad = write(tmp_path, name, data)
    docs, problems = read([bad, good])
    assert [d.id for d in docs] == ["good"]
    assert len(problems) == 1
    assert problems[0].startswith(f"{bad}: ")
    assert message in problems[0]
    assert "\n" not in problems[0]


def test_undecodable_file_message_gives_an_iconv_command(tmp_path):
    bad = write(
        tmp_path, "latin.txt", "Le ministre des Affaires étrangères".encode("latin-1")
    )
    _, problems = read([bad, write(tmp_path, "ok.txt", "ok text")])
    assert "`iconv -f cp1252 -t utf-8" in problems[0]


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-8-sig", b""), ("utf-16", b""), ("utf-32", b"")],
)
def test_unicode_files_with_a_bom_are_read_without_complaint(tmp_path, codec, bom):
    path = write(tmp_path, "bom.txt", bom + "Iran met Russia. «Ёж» 🙂".encode(codec))
    docs, problems = read([path])
    assert docs[0].text == "Iran met Russia. «Ёж» 🙂"
    assert problems == []


@pytest.mark.parametrize("codec", ["koi8-r", "cp1251"])
def test_a_confidently_detected_encoding_is_decoded_with_a_warning(tmp_path, codec):
    path = write(tmp_path, "ru.txt", KOI8_TEXT.encode(codec))
    docs, problems = read([path])
    assert docs[0].text == KOI8_TEXT
    assert problems == [
        f"{path}: not UTF-8; decoded as {codec.replace('-', '_')} "
        "(detected); convert it to UTF-8 to be sure"
    ]


def test_html_page_gives_visible_text_and_title(tmp_path):
    page = (
        "<html><head><title> A &amp; B </title><script>evil()</script></head>"
        "<body><p>Iran met <b>Russia</b>.</p><p>Second.</p></body></html>"
    )
    docs, _ = read([write(tmp_path, "page.html", page)])
    assert (docs[0].title, docs[0].text) == ("A & B", "Iran met Russia.\n\nSecond.")


# --- JSON Lines --------------------------------------------------------------

JSONL_CASES = [
    # line, kept?, message fragment (None: no problem)
    ('{"id": "ok", "text": "Fine."}', True, None),
    ('{"id": "d", "text": "Dated.", "published": "2025-07-15"}', True, None),
    (
        '{"id": "x", "text": "No date.", "published": "yesterday"}',
        True,
        "field 'published': unknown date format 'yesterday'; "
        "use ISO 8601 (YYYY-MM-DD); kept the record without a date",
    ),
    (
        '{"id": "x", "text": "Numeric date.", "published": 1752566400}',
        True,
        "kept the record without a date",
    ),
    (
        '{"id": "t", "text": "Typed title.", "title": 7}',
        True,
        "field 'title' must be a string, got int 7; kept the record without it",
    ),
    ('{"id": 42, "text": "Numeric id."}', True, None),
    (
        '{"id": ["x"], "text": "List id."}',
        True,
        "field 'id' must be a string, got list ['x']; used a content hash instead",
    ),
    ('{"id": "a\\nb", "text": "Control id."}', True, "has control characters"),
    (
        '{"id": "m", "text": "Broken"',
        False,
        "not valid JSON (Expecting ',' delimiter at column 29); line skipped; "
        "fix or remove the line",
    ),
    (
        '{"id": "n", "body": "Wrong field."}',
        False,
        "no 'text' field (fields: 'id', 'body'); line skipped; "
        "put the article text of every record in 'text'",
    ),
    (
        '{"id": "w", "text": 5}',
        False,
        "field 'text' must be a string, got int 5; line skipped",
    ),
    ('{"id": "e", "text": "  "}', False, "empty 'text'; line skipped"),
    ("[1, 2]", False, "expected a JSON object, got list; line skipped"),
    ('"just a string"', False, "expected a JSON object, got str"),
    ("[" * 100_000 + "]" * 100_000, False, "line skipped"),
]


@pytest.mark.parametrize(("line", "kept", "message"), JSONL_CASES)
def test_jsonl_line_cases(tmp_path, line, kept, message):
    path = write(
        tmp_path, "in.jsonl", '{"id": "first", "text": "First."}\n' + line + "\n"
    )
    docs, problems = read([path])
    assert len(docs) == 1 + kept
    assert docs[0].id == "first"
    if message is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert problems[0].startswith(f"{path}:2: ")
        assert message in problems[0]


def test_jsonl_keeps_every_good_record_around_bad_lines(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"Article {i}."}) for i in range(5)]
    lines[1], lines[3] = "{oops", '{"text": null}'
    path = write(tmp_path, "mixed.ndjson", "\n".join(lines) + "\n")
    docs, problems = read([path])
    assert [d.id for d in docs] == ["r0", "r2", "r4"]
    assert [p.split(": ")[0] for p in problems] == [f"{path}:2", f"{path}:4"]


def test_jsonl_record_without_id_gets_a_content_hash(tmp_path):
    docs, _ = read([write(tmp_path, "a.jsonl", '{"text": "Hash me."}\n')])
    assert docs[0].id == content_id("Hash me.") == "h-" + docs[0].id[2:]
    assert docs[0].source_path == f"{tmp_path / 'a.jsonl'}:1"


def test_jsonl_with_a_latin1_line_reports_it_and_keeps_the_rest(tmp_path):
    good = b'{"id": "u", "text": "caf\xc3\xa9"}\n'
    bad = b'{"id": "l", "text": "caf\xe9"}\n'
    path = write(tmp_path, "enc.jsonl", good + bad)
    docs, problems = read([path])
    assert [d.text for d in docs] == ["café"]
    assert problems[0].startswith(f"{path}:2: not valid UTF-8")
    assert "iconv" in problems[0]


def test_jsonl_in_a_detected_encoding_is_decoded_with_one_warning(tmp_path):
    lines = [
        json.dumps({"id": f"r{i}", "text": f"{KOI8_TEXT} {i}"}, ensure_ascii=False)
        for i in range(3)
    ]
    path = write(tmp_path, "ru.jsonl", "\n".join(lines).encode("koi8-r"))
    docs, problems = read([path])
    assert [d.text for d in docs] == [f"{KOI8_TEXT} {i}" for i in range(3)]
    assert problems == [
        f"{path}: not UTF-8; decoding its non-UTF-8 lines as koi8_r "
        "(detected); convert it to UTF-8 to be sure"
    ]


def test_lone_surrogates_from_json_escapes_are_replaced(tmp_path):
    path = write(
        tmp_path, "s.jsonl", '{"id": "s", "text": "a \\ud800 b", "title": "\\udfff"}\n'
    )
    docs, problems = read([path])
    assert (docs[0].text, docs[0].title) == ("a \ufffd b", "\ufffd")
    assert docs[0].text.encode("utf-8")
    assert all("lone UTF-16 surrogate" in p for p in problems)


def test_document_from_record_raises_bad_record_with_a_hint():
    with pytest.raises(BadRecord, match="put the article text"):
        document_from_record({"id": "x"}, "feed.jsonl:3")


def test_document_from_record_reports_dropped_fields_through_on_problem():
    seen: list[InputError] = []
    doc = document_from_record(
        {"text": "T", "url": 3}, "feed.jsonl:3", on_problem=seen.append
    )
    assert doc.url is None
    assert [str(e) for e in seen] == [
        "feed.jsonl:3: field 'url' must be a string, got int 3; "
        "kept the record without it"
    ]


def test_document_from_record_reads_the_author():
    doc = document_from_record({"text": "T", "author": "Ana Ruiz"}, "feed.jsonl:1")
    assert (doc.author, doc.meta()["author"]) == ("Ana Ruiz", "Ana Ruiz")


# --- duplicates ---------------------------------------------------------------


def test_duplicate_article_is_read_once_and_the_first_id_wins(tmp_path):
    a = write(tmp_path, "a.txt", "Same article.")
    b = write(tmp_path, "b.txt", "Same article.")
    docs, problems = read([tmp_path])
    assert [d.id for d in docs] == ["a"]
    assert problems == [
        f"{b}: same text as document 'a'; skipped (the first copy is kept)"
    ]
    assert a.exists()


def test_reused_id_with_other_text_is_renamed_deterministically(tmp_path):
    path = write(
        tmp_path,
        "ids.jsonl",
        '{"id": "x", "text": "One."}\n'
        '{"id": "x", "text": "Two."}\n{"id": "x", "text": "Three."}\n',
    )
    first, problems = read([path])
    again, _ = read([path])
    ids = [d.id for d in first]
    assert ids == [d.id for d in again]
    assert ids[0] == "x" and len(set(ids)) == 3
    assert all(i.startswith("x~") for i in ids[1:])
    assert problems[0] == (
        f"{path}:2: document id 'x' is already used by another text; "
        f"renamed to {ids[1]!r}"
    )


def test_the_same_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path, "a.txt", "Once.")
    docs, problems = read([path, path])
    assert len(docs) == 1 and len(problems) == 1


# --- paths and folders -----------------------------------------------------------


def test_missing_path_stops_before_anything_is_read(tmp_path):
    good = write(tmp_path, "good.txt", "Fine.")
    with pytest.raises(InputError) as info:
        read([good, tmp_path / "missing.txt"])
    assert (
        str(info.value)
        == f"{tmp_path / 'missing.txt'}: no such file or folder; check the path"
    )


def test_inputs_without_any_document_are_an_error(tmp_path):
    write(tmp_path, "empty.txt", "")
    (tmp_path / "notes.md").write_text("not an input")
    with pytest.raises(InputError, match="no readable document in"):
        read([tmp_path])


def test_folder_is_walked_in_sorted_order_skipping_hidden_and_other_files(tmp_path):
    for name in [
        "b/2.txt",
        "b/1.txt",
        "a.txt",
        "c.jsonl",
        ".hidden.txt",
        ".git/x.txt",
        "notes.md",
        "d.HTML",
    ]:
        text = "<p>x</p>" if name.endswith("HTML") else name
        if name.endswith(".jsonl"):
            text = json.dumps({"id": "c", "text": "c"})
        write(tmp_path, name, text)
    docs, _ = read([tmp_path])
    assert [d.id for d in docs] == ["a", "c", "d", "1", "2"]


def test_symlink_loop_in_a_folder_is_reported_once_and_not_followed(tmp_path):
    write(tmp_path, "in/a.txt", "Article.")
    (tmp_path / "in" / "up").symlink_to(tmp_path / "in")
    docs, problems = read([tmp_path / "in"])
    assert [d.id for d in docs] == ["a"]
    assert problems == [
        f"{tmp_path / 'in' / 'up'}: symlink to folder "
        f"{str(tmp_path / 'in')!r}, which was already read; "
        "not followed again"
    ]


def test_self_referencing_file_symlink_is_skipped_with_a_message(tmp_path):
    write(tmp_path, "a.txt", "Article.")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    docs, problems = read([tmp_path])
    assert [d.id for d in docs] == ["a"]
    assert problems == [
        f"{loop}: symlink loop (the link leads back to itself); skipped; fix the link"
    ]


def test_broken_symlink_named_on_the_command_line_is_an_error(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="broken or looping symlink"):
        read([link])


def test_thousands_of_files_stream_in_sorted_order(tmp_path, monkeypatch):
    for i in range(3000):
        write(tmp_path, f"d{i % 7}/f{i:05d}.txt", f"Article number {i}.")
    opened: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: opened.append(p) or real(p))
    stream = iter_documents([str(tmp_path)])
    first = next(stream)
    assert len(opened) == 1  # one file read for one document: nothing is slurped
    ids = [first.id] + [d.id for d in stream]
    assert len(ids) == 3000
    expected = sorted((i % 7, f"f{i:05d}") for i in range(3000))
    assert ids == [name for _, name in expected]


def test_stdin_is_one_document_with_a_content_id(monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Piped article.")))
    docs, _ = read([], "-")
    assert [(d.id, d.source_path) for d in docs] == [
        (content_id("Piped article."), "-")
    ]


def test_a_file_too_big_for_memory_is_skipped(tmp_path, monkeypatch):
    def no_memory(path: Path) -> bytes:
        raise MemoryError

    write(tmp_path, "huge.txt", "x")
    good = write(tmp_path, "small.jsonl", '{"id": "s", "text": "small"}\n')
    monkeypatch.setattr(readers.Path, "read_bytes", no_memory)
    docs, problems = read([tmp_path / "huge.txt", good])
    assert [d.id for d in docs] == ["s"]
    assert problems == [
        f"{tmp_path / 'huge.txt'}: too large to hold in memory; skipped; "
        "split it into smaller files"
    ]


def test_strict_on_problem_raises_at_the_first_bad_record(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"text": "ok"}\n{bad\n{"text": "later"}\n')
    with pytest.raises(InputError, match=":2: not valid JSON"):
        list(iter_documents([str(path)]))
