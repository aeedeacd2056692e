"""Read documents lazily from text files, folders, JSON Lines, HTML pages and stdin.

Readers yield :class:`graph.model.Document` one at a time, so input of any size
streams. A bad file or record is reported through ``on_problem`` and skipped;
the good ones are kept.
"""

from __future__ import annotations

import hashlib
import html.parser
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.model import Document

TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES

Problem = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def content_id(text: str) -> str:
    """A document id from the content: ``h-`` and 16 hex digits of its SHA-1."""
    return "h-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: Any) -> date | None:
    """An ISO date or date-time (``2025-07-15``, ``2025-07-15T09:00:00Z``) as a date."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {type(value).__name__}")
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"unknown date format {value!r}; use ISO 8601 (YYYY-MM-DD)") from None


def expand_paths(paths: Iterable[str]) -> Iterator[Path]:
    """Every input file named by `paths`, folders walked in sorted order."""
    for name in paths:
        if name == "-":
            yield Path("-")
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            raise InputError(
                "no such file or folder; check the path", path=str(path)
            )


def _walk(folder: Path) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen:  # a symlink loop: do not walk it again
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield Path(root) / name


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); convert it, e.g. "
            f"`iconv -f latin1 -t utf-8`",
            path=path,
        ) from None


def read_text_file(path: Path) -> Document:
    """One plain-text article; its id is the file name without the extension."""
    text = _decode(path.read_bytes(), str(path))
    return Document(id=path.stem, text=text, source_path=str(path))


class _HTMLText(html.parser.HTMLParser):
    _SKIP = {"script", "style", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._stack.append(tag)
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "title" in self._stack:
            self.title.append(data)
        elif not self._SKIP.intersection(self._stack):
            self.parts.append(data)


def read_html_file(path: Path) -> Document:
    """One HTML page: its visible text, and its ``<title>`` as the title."""
    parser = _HTMLText()
    parser.feed(_decode(path.read_bytes(), str(path)))
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    text = "\n".join(line for line in lines if line)
    title = " ".join("".join(parser.title).split()) or None
    return Document(id=path.stem, text=text, title=title, source_path=str(path))


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"field {key!r} must be a string, got {type(value).__name__}")


def document_from_record(record: Any, source: str) -> Document:
    """A document from one JSON Lines record ``{id, text, title, url, published, …}``."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("missing or non-string 'text' field; every record needs one")
    rid = record.get("id")
    if rid is not None and not isinstance(rid, (str, int)):
        raise ValueError(f"field 'id' must be a string, got {type(rid).__name__}")
    publisher = _optional_str(record, "publisher", source) or _optional_str(
        record, "source", source
    )
    return Document(
        id=str(rid) if rid is not None and str(rid) else content_id(text),
        text=text,
        title=_optional_str(record, "title", source),
        url=_optional_str(record, "url", source),
        published=parse_date(record.get("published")),
        publisher=publisher,
        source_path=source,
    )


def read_jsonl_file(path: Path, on_problem: Problem = _raise) -> Iterator[Document]:
    """The documents of a JSON Lines file, one per line; bad lines are reported."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(_decode(raw, str(path)))
                yield document_from_record(record, f"{path}:{number}")
            except (ValueError, InputError) as exc:
                message = str(exc).split(": ", 1)[-1] if isinstance(exc, InputError) else exc
                on_problem(InputError(f"{message}; the line was skipped", path=str(path),
                                      line=number))


def read_path(path: Path, on_problem: Problem = _raise) -> Iterator[Document]:
    """The documents of one input file, by its kind."""
    if str(path) == "-":
        text = sys.stdin.read()
        yield Document(id=content_id(text), text=text, source_path="-")
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, on_problem)
    elif path.suffix.lower() in HTML_SUFFIXES:
        yield read_html_file(path)
    else:
        yield read_text_file(path)


def iter_documents(paths: Iterable[str], on_problem: Problem = _raise) -> Iterator[Document]:
    """Every document of the inputs, lazily; each bad file or record goes to on_problem."""
    for path in expand_paths(paths):
        try:
            yield from read_path(path, on_problem)
        except InputError as exc:
            on_problem(exc)
        except OSError as exc:
            on_problem(InputError(f"cannot read ({exc.strerror}); check it", path=str(path)))
