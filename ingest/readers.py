"""Read documents lazily from text files, folders, JSON Lines, HTML pages and stdin.

Readers yield :class:`graph.model.Document` one at a time, so input of any size
streams: folders are walked one directory listing at a time, in sorted order,
and only the file being read is held in memory.

Problems go to ``on_problem`` as :class:`graph.errors.InputError` and reading
goes on, so one bad record never loses the good ones:

- skipped: empty, binary and undecodable files; malformed JSON lines; records
  without a usable ``text``; HTML pages without article text, or not HTML at
  all; a second copy of an article already read;
- kept with a change: an unknown date or a mistyped optional field is dropped,
  a non-UTF-8 file whose encoding is detected with confidence is decoded, an id
  already used by another text gets a ``~`` and a hash suffix.

A path that does not exist stops the run (raised, not reported), and so do
inputs that hold no document at all.
"""

from __future__ import annotations

import email.utils
import errno
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from geokg.graph.errors import InputError
from geokg.graph.model import Document

TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
SNIFF_BYTES = 8192
DATE_FORMATS = (
    "%d %B %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%Y/%m/%d",
    "%Y.%m.%d",
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")

Problem = Callable[[InputError], None]


class BadRecord(ValueError):
    """A JSON Lines record that cannot be read: what is wrong and how to fix it."""

    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__(f"{problem}; {hint}" if hint else problem)
        self.problem = problem
        self.hint = hint

    def skipped(self) -> str:
        """The message once the line has been skipped."""
        return f"{self.problem}; line skipped" + (f"; {self.hint}" if self.hint else "")


def _raise(error: InputError) -> None:
    raise error


def content_id(text: str) -> str:
    """A document id from the content: ``h-`` and 16 hex digits of its SHA-1."""
    return "h-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# --- dates -----------------------------------------------------------------


def _parse_iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _parse_other(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:  # RFC 2822, the format of RSS feeds and e-mail
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def parse_date(value: Any) -> date | None:
    """A date from ISO 8601 (``2025-07-15``, ``2025-07-15T09:00:00Z``) or a common form.

    Also read: ``15 July 2025``, ``July 15, 2025``, ``2025/07/15`` and RFC 2822
    (``Tue, 15 Jul 2025 09:00:00 GMT``). Ambiguous forms such as ``07/08/2025``
    are refused with a ``ValueError``, as is anything else.
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(
            f"expected a date string, got {type(value).__name__} {value!r}"
        )
    text = value.strip()
    found = _parse_iso(text) or _parse_other(text)
    if found is None:
        raise ValueError(f"unknown date format {value!r}; use ISO 8601 (YYYY-MM-DD)")
    return found


# --- paths -----------------------------------------------------------------


def _existing(name: str) -> Path:
    path = Path(name)
    try:
        path.stat()
    except OSError as exc:
        if os.path.islink(path):
            raise InputError(
                f"broken or looping symlink ({exc.strerror}); point it at a real "
                "file or folder",
                path=name,
            ) from None
        if isinstance(exc, FileNotFoundError):
            raise InputError(
                "no such file or folder; check the path", path=name
            ) from None
        raise InputError(f"cannot open ({exc.strerror}); check it", path=name) from None
    return path


def check_paths(paths: Iterable[str]) -> list[Path]:
    """The paths, each checked to exist; ``-`` stands for stdin."""
    return [Path("-") if name == "-" else _existing(name) for name in paths]


def expand_paths(paths: Iterable[str], on_problem: Problem = _raise) -> Iterator[Path]:
    """Every input file named by `paths`, folders walked in sorted order.

    Every path is checked before the first file is yielded, so a typo stops the
    run before any work is done.
    """
    for path in check_paths(paths):
        if path.is_dir():
            yield from _walk(path, on_problem)
        else:
            yield path


def _walk(folder: Path, on_problem: Problem) -> Iterator[Path]:
    seen: dict[tuple[int, int], str] = {}

    def unreadable(exc: OSError) -> None:
        on_problem(
            InputError(
                f"cannot list folder ({exc.strerror}); skipped; check its permissions",
                path=exc.filename,
            )
        )

    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable):
        st = os.stat(root)
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop or a second link to a folder already read
            on_problem(
                InputError(
                    f"symlink to folder {seen[key]!r}, which was already "
                    "read; not followed again",
                    path=root,
                )
            )
            dirs[:] = []
            continue
        seen[key] = root
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield Path(root) / name


# --- decoding --------------------------------------------------------------


def _guess_encoding(data: bytes) -> tuple[str | None, list[str]]:
    """The encoding of `data` if charset-normalizer is confident, and its candidates."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None, []
    best = matches[0]
    close = [
        m
        for m in matches
        if m.percent_chaos <= best.percent_chaos + 1
        and m.percent_coherence >= best.percent_coherence - 5
    ]
    names = list(dict.fromkeys(m.encoding for m in close))
    agreed = len({str(m) for m in close}) == 1 and best.percent_chaos < 10
    return (best.encoding if agreed else None), names


def _iconv_guess(data: bytes, candidates: list[str]) -> str:
    try:  # Windows-1252 is the most common legacy encoding of news text
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return candidates[0] if candidates else "latin1"


def _not_utf8(
    exc: UnicodeDecodeError, candidates: list[str], path: str
) -> tuple[str, str]:
    """What is wrong with undecodable bytes, and how to convert them."""
    guess = _iconv_guess(exc.object, candidates)
    return (
        f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}) "
        "and its encoding is unclear",
        f"convert it to UTF-8, e.g. `iconv -f {guess} -t utf-8 {path!r} > "
        f"fixed{Path(path).suffix}`",
    )


def decode(data: bytes, path: str, on_problem: Problem = _raise) -> str:
    """The text of a file's bytes: UTF-8, UTF-16/32 with a BOM, or a detected encoding.

    Binary data (a NUL byte without a BOM) and undecodable data raise
    ``InputError``; a detected encoding is reported through `on_problem`.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    nul = data.find(b"\x00", 0, SNIFF_BYTES)
    if nul >= 0:
        raise InputError(
            f"binary file (NUL byte at offset {nul}), not text; skipped; "
            "pass text, JSON Lines or HTML files",
            path=path,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        encoding, candidates = _guess_encoding(data)
        if encoding is None:
            problem, hint = _not_utf8(exc, candidates, path)
            raise InputError(f"{problem}; skipped; {hint}", path=path) from None
    on_problem(
        InputError(
            f"not UTF-8; decoded as {encoding} (detected); convert it to "
            "UTF-8 to be sure",
            path=path,
        )
    )
    return data.decode(encoding)


def _clean(text: str, where: str, on_problem: Problem) -> str:
    """`text` without lone surrogates (JSON may escape them; UTF-8 cannot hold them)."""
    if not _SURROGATES.search(text):
        return text
    on_problem(
        InputError("lone UTF-16 surrogate characters; replaced by U+FFFD", path=where)
    )
    return _SURROGATES.sub("\ufffd", text)


# --- files -----------------------------------------------------------------


def _require_text(text: str, path: str) -> str:
    if not text.strip():
        raise InputError("empty file (no text); skipped", path=path)
    return text


def read_text_file(path: Path, on_problem: Problem = _raise) -> Document:
    """One plain-text article; its id is the file name without the extension."""
    text = _require_text(decode(path.read_bytes(), str(path), on_problem), str(path))
    return Document(id=path.stem, text=text, source_path=str(path))


# --- HTML pages ------------------------------------------------------------

_HTML_TAG = re.compile(r"<(?:!doctype|[a-z][a-z0-9]*)[\s/>]", re.IGNORECASE)
#: htmldate reads the page's markup only (no guess from the article's words), and
#: its upper bound is fixed, so a page gives the same date whatever day it is read.
_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "max_date": "2099-12-31",
}
#: Where a page states its publication date, for the dates htmldate does not take
#: (before 1995, or written in a form it does not read).
_PAGE_DATES = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='date' or @name='pubdate']/@content",
    "//article//time/@datetime",
)
_BLANK_LINES = re.compile(r"\n\s*\n")


def _parse_page(page: str, path: str) -> Any:
    """The lxml tree of a page; ``huge_tree`` keeps a page with a huge script whole."""
    import lxml.etree
    import lxml.html

    if not _HTML_TAG.search(page):
        raise InputError(
            f"not HTML (no tag in it; it starts {page.strip()[:40]!r}); skipped; "
            "rename it to .txt if it is plain text",
            path=path,
        )
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        return lxml.html.document_fromstring(page.encode("utf-8"), parser=parser)
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise InputError(
            f"not readable as HTML ({exc}); skipped; check that it is a web page",
            path=path,
        ) from None


def _paragraphs(container: Any) -> Iterator[str]:
    """The text of each block (paragraph, heading, list, quote) of the main text."""
    from trafilatura.xml import xmltotxt

    if container.text and container.text.strip():
        yield container.text
    for block in container:
        if block.tag == "div":  # a wrapper left by a fallback extractor
            yield from _paragraphs(block)
            yield block.tail or ""
        else:
            yield xmltotxt(block, False)


def _main_text(body: Any) -> str:
    """The article's paragraphs, one blank line between two, none inside one."""
    paragraphs = (_BLANK_LINES.sub("\n", p.strip()) for p in _paragraphs(body))
    return "\n\n".join(p for p in paragraphs if p)


def _stated_date(tree: Any) -> str | None:
    """The first publication date the page's markup states, as written."""
    for xpath in _PAGE_DATES:
        for value in tree.xpath(xpath):
            if value.strip():
                return value.strip()
    return None


def _page_date(
    found: str | None, tree: Any, warn: Callable[[str], None]
) -> date | None:
    """Trafilatura's date, else the one the page's markup states; else none."""
    try:
        return parse_date(found or _stated_date(tree))
    except ValueError as exc:
        warn(f"published date: {exc}; kept the page without a date")
        return None


def read_html_file(path: Path, on_problem: Problem = _raise) -> Document:
    """One news page: the article's main text, title, author, date and canonical URL.

    Menus, cookie banners, related links, comments, tables, scripts and styles
    are left out (trafilatura, tuned for precision; it never fetches anything).
    A page without article text raises ``InputError``.
    """
    import trafilatura

    where = str(path)

    def warn(message: str) -> None:
        on_problem(InputError(message, path=where))

    tree = _parse_page(
        _require_text(decode(path.read_bytes(), where, on_problem), where), where
    )
    found = trafilatura.bare_extraction(
        tree,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        date_extraction_params=dict(_DATE_PARAMS),  # a copy: trafilatura adds to it
    )
    text = _main_text(found.body) if found is not None else ""
    if not text:
        raise InputError(
            "no article text found (only menus, banners, links or scripts); "
            "skipped; save the article's own page, or pass its text as .txt",
            path=where,
        )
    return Document(
        id=path.stem,
        text=text,
        title=found.title or None,
        url=found.url or None,
        published=_page_date(found.date, tree, warn),
        author=found.author or None,
        source_path=where,
    )


# --- JSON Lines ------------------------------------------------------------


def _optional_str(record: dict, key: str, warn: Callable[[str], None]) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value or None
    warn(
        f"field {key!r} must be a string, got {type(value).__name__} {value!r:.40}; "
        "kept the record without it"
    )
    return None


def _record_id(record: dict, text: str, warn: Callable[[str], None]) -> str:
    rid = record.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    if rid is None or rid == "":
        return content_id(text)
    if not isinstance(rid, str):
        warn(
            f"field 'id' must be a string, got {type(rid).__name__} {rid!r:.40}; "
            "used a content hash instead"
        )
        return content_id(text)
    if _CONTROL.search(rid) or rid != rid.strip():
        warn(
            f"field 'id' {rid!r:.60} has control characters or edge spaces; "
            "used a content hash instead"
        )
        return content_id(text)
    return rid


def _record_date(record: dict, warn: Callable[[str], None]) -> date | None:
    try:
        return parse_date(record.get("published"))
    except ValueError as exc:
        warn(f"field 'published': {exc}; kept the record without a date")
        return None


def _record_text(record: Any) -> str:
    if not isinstance(record, dict):
        raise BadRecord(
            f"expected a JSON object, got {type(record).__name__}",
            'write one {"text": …} object a line',
        )
    text = record.get("text")
    if text is None:
        fields = ", ".join(repr(k) for k in list(record)[:6]) or "none"
        raise BadRecord(
            f"no 'text' field (fields: {fields})",
            "put the article text of every record in 'text'",
        )
    if not isinstance(text, str):
        raise BadRecord(
            f"field 'text' must be a string, got {type(text).__name__} {text!r:.40}",
            "put the article text in 'text' as a JSON string",
        )
    if not text.strip():
        raise BadRecord("empty 'text'")
    return text


def document_from_record(
    record: Any, source: str, *, on_problem: Problem = _raise
) -> Document:
    """A document from one JSON Lines record ``{id, text, title, url, published, …}``.

    A record without a usable ``text`` raises ``ValueError``; a bad optional
    field is dropped and reported through `on_problem` as an ``InputError``.
    """
    text = _record_text(record)

    def warn(message: str) -> None:
        on_problem(InputError(message, path=source))

    publisher = _optional_str(record, "publisher", warn) or _optional_str(
        record, "source", warn
    )
    return Document(
        id=_record_id(record, text, warn),
        text=text,
        title=_optional_str(record, "title", warn),
        url=_optional_str(record, "url", warn),
        published=_record_date(record, warn),
        publisher=publisher,
        source_path=source,
        author=_optional_str(record, "author", warn),
    )


def _clean_record(record: Any, where: str, on_problem: Problem) -> Any:
    if not isinstance(record, dict):
        return record
    return {
        k: _clean(v, where, on_problem) if isinstance(v, str) else v
        for k, v in record.items()
    }


class _LineDecoder:
    """Decodes JSON Lines: UTF-8, else the encoding detected for the file."""

    def __init__(self, path: Path, on_problem: Problem) -> None:
        self.path = path
        self.on_problem = on_problem
        self.fallback: str | None = None
        self.candidates: list[str] | None = None

    def __call__(self, raw: bytes, number: int) -> str:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if self.candidates is None:
                self._detect()
            if self.fallback is None:
                problem, hint = _not_utf8(exc, self.candidates or [], str(self.path))
                raise BadRecord(problem, hint) from None
        return raw.decode(self.fallback)

    def _detect(self) -> None:
        with self.path.open("rb") as handle:
            sample = handle.read(1 << 20)
        self.fallback, self.candidates = _guess_encoding(sample)
        if self.fallback:
            self.on_problem(
                InputError(
                    f"not UTF-8; decoding its non-UTF-8 lines as "
                    f"{self.fallback} (detected); convert it to UTF-8 "
                    "to be sure",
                    path=str(self.path),
                )
            )


def _parse_line(raw: bytes, number: int, decoder: _LineDecoder) -> Any:
    text = decoder(raw, number)
    try:
        return json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        raise BadRecord(
            f"not valid JSON ({exc.msg} at column {exc.colno})",
            "fix or remove the line",
        ) from None
    except RecursionError:
        raise BadRecord("JSON nested too deeply", "fix or remove the line") from None


def read_jsonl_file(path: Path, on_problem: Problem = _raise) -> Iterator[Document]:
    """The documents of a JSON Lines file, one a line; bad lines are reported."""
    decoder = _LineDecoder(path, on_problem)
    records = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            records += 1
            where = f"{path}:{number}"
            try:
                if number == 1 and b"\x00" in raw[:SNIFF_BYTES]:
                    raise InputError(
                        "binary file (NUL byte), not JSON Lines; skipped",
                        path=str(path),
                    )
                record = _clean_record(
                    _parse_line(raw, number, decoder), where, on_problem
                )
                yield document_from_record(record, where, on_problem=on_problem)
            except BadRecord as exc:
                on_problem(InputError(exc.skipped(), path=str(path), line=number))
    if not records:
        raise InputError("empty file (no JSON lines); skipped", path=str(path))


def read_stdin(on_problem: Problem = _raise) -> Document:
    """One article from standard input; its id is a content hash."""
    text = _require_text(decode(sys.stdin.buffer.read(), "-", on_problem), "<stdin>")
    return Document(id=content_id(text), text=text, source_path="-")


def read_path(path: Path, on_problem: Problem = _raise) -> Iterator[Document]:
    """The documents of one input file, by its kind."""
    if str(path) == "-":
        yield read_stdin(on_problem)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, on_problem)
    elif path.suffix.lower() in HTML_SUFFIXES:
        yield read_html_file(path, on_problem)
    else:
        yield read_text_file(path, on_problem)


# --- the whole input -------------------------------------------------------


class _Unique:
    """Drops repeated articles (same text) and renames reused ids, first one wins."""

    def __init__(self, on_problem: Problem) -> None:
        self.on_problem = on_problem
        self.by_text: dict[bytes, str] = {}
        self.ids: set[str] = set()

    def __call__(self, doc: Document) -> Document | None:
        digest = hashlib.sha1(doc.text.encode("utf-8")).digest()
        first = self.by_text.get(digest)
        if first is not None:
            self.on_problem(
                InputError(
                    f"same text as document {first!r}; skipped "
                    "(the first copy is kept)",
                    path=doc.source_path,
                )
            )
            return None
        if doc.id in self.ids:
            doc = self._renamed(doc, digest)
        self.by_text[digest] = doc.id
        self.ids.add(doc.id)
        return doc

    def _renamed(self, doc: Document, digest: bytes) -> Document:
        new, n = f"{doc.id}~{digest.hex()[:8]}", 2
        while new in self.ids:
            new, n = f"{doc.id}~{digest.hex()[:8]}-{n}", n + 1
        self.on_problem(
            InputError(
                f"document id {doc.id!r} is already used by another "
                f"text; renamed to {new!r}",
                path=doc.source_path,
            )
        )
        return replace(doc, id=new)


def _clean_document(doc: Document, on_problem: Problem) -> Document:
    where = doc.source_path or doc.id
    return replace(doc, text=_clean(doc.text, where, on_problem))


def _unreadable(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself); skipped; fix the link"
    if exc.errno == errno.ENOENT:
        return "broken symlink (its target is missing); skipped; fix the link"
    return f"cannot read ({exc.strerror}); skipped; check the file and its permissions"


def _read_all(paths: Iterable[str], on_problem: Problem) -> Iterator[Document]:
    for path in expand_paths(paths, on_problem):
        try:
            for doc in read_path(path, on_problem):
                yield _clean_document(doc, on_problem)
        except InputError as exc:
            on_problem(exc)
        except OSError as exc:
            on_problem(InputError(_unreadable(exc), path=str(path)))
        except MemoryError:
            on_problem(
                InputError(
                    "too large to hold in memory; skipped; split it into smaller files",
                    path=str(path),
                )
            )


def iter_documents(
    paths: Iterable[str], on_problem: Problem = _raise
) -> Iterator[Document]:
    """Every document of the inputs, lazily and once; each problem goes to on_problem.

    Raises ``InputError`` if a path does not exist or if no document was found.
    """
    names = list(paths)
    unique = _Unique(on_problem)
    count = 0
    for doc in _read_all(names, on_problem):
        kept = unique(doc)
        if kept is not None:
            count += 1
            yield kept
    if not count:
        raise InputError(
            f"no readable document in {', '.join(map(repr, names))}; "
            "pass .txt, .jsonl or .html files or folders of them"
        )
