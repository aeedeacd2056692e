"""`geokg serve`: a build behind a read-only SPARQL 1.1 endpoint.

The build is loaded into a temporary Oxigraph store served by the ``oxigraph``
binary (``serve-read-only``) on a private loopback port; a small Starlette app in
front forwards queries, refuses updates and federated ``SERVICE`` clauses, caps
results, enforces the timeout, answers 502 for a result the store cut
mid-stream, and serves the HTML view.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geokg.exports.sparql import (
    SERVICE_REFUSED,
    entailed_source,
    require_http,
    target_files,
    uses_service,
)
from geokg.graph.errors import QueryError

READ_ONLY = (
    "geokg serve is read-only: SPARQL updates are refused. Rebuild with "
    "`geokg build` and serve again, or `geokg push` the build to a writable store."
)


def oxigraph_binary() -> str:
    """The path of the ``oxigraph`` server binary (from the `oxigraph` PyPI package)."""
    import shutil
    import sys

    found = shutil.which("oxigraph") or shutil.which(
        "oxigraph", path=str(Path(sys.executable).parent)
    )
    if not found:
        raise QueryError(
            "the `oxigraph` server binary is not installed; "
            "install it with: pip install 'geokg[sparql]'"
        )
    return found


def _load_store(files: list[Path], location: Path, graph: str | None = None) -> None:
    import subprocess

    args = [oxigraph_binary(), "load", "--location", str(location)]
    if graph is not None:  # into this named graph, not the default graph
        args += ["--graph", graph]
    for f in files:
        args += ["--file", str(f)]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=3600)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise QueryError(f"oxigraph could not load {[str(f) for f in files]!r}: {last}")


def _is_update(request: Any, body: bytes) -> bool:
    from urllib.parse import parse_qs

    if request.url.path.rstrip("/") == "/update" or "update" in request.query_params:
        return True
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        return True
    if ctype == "application/x-www-form-urlencoded":
        return "update" in parse_qs(body.decode("utf-8", "replace"))
    return False


def _query_text(request: Any, body: bytes) -> str:
    """The query of a SPARQL Protocol request: GET ?query=, a form, or the body."""
    from urllib.parse import parse_qs

    texts = request.query_params.getlist("query")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-query":
        texts.append(body.decode("utf-8", "replace"))
    elif ctype == "application/x-www-form-urlencoded":
        texts += parse_qs(body.decode("utf-8", "replace")).get("query", [])
    return "\n".join(texts)


_FAILED = (
    "the query failed while its results were being read ({}); no result is sent; "
    "narrow the query or try again\n"
)


def complete(ctype: str | None, content: bytes) -> bool:
    """Whether a result body is whole: Oxigraph reports a failure met after the
    first rows (a cancelled query, a failed SERVICE) by appending its message to
    a 200 body, which would reach the client as a cut result."""
    kind = (ctype or "").split(";")[0].strip().lower()
    if "json" in kind:
        try:
            json.loads(content)
        except ValueError:
            return False
        return True
    if "xml" in kind:
        from xml.etree import ElementTree

        try:
            ElementTree.fromstring(content)
        except ElementTree.ParseError:
            return False
        return True
    return not content or content.endswith(b"\n")  # CSV, TSV, N-Triples, Turtle


async def _capped(response: Any, max_bytes: int) -> bytes | None:
    """The body of a streamed response, or None once it grows past `max_bytes`."""
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def _forward(
    client: Any, method: str, url: str, body: bytes, headers: dict, max_bytes: int
) -> tuple[int, str | None, bytes | None]:
    """Send one request upstream: status, content type, body (None when too large)."""
    async with client.stream(method, url, content=body, headers=headers) as r:
        return r.status_code, r.headers.get("content-type"), await _capped(r, max_bytes)


def front_app(
    upstream: str, html: Path | None, *, timeout_s: float, max_bytes: int,
    allow_service: bool = False,
) -> Any:
    """The ASGI app in front of Oxigraph: /sparql, /query, the HTML view; no updates.

    Results are read whole (up to `max_bytes`, within `timeout_s`) before the
    answer starts, so a query that fails part-way is an error status, never a
    200 with a cut body.
    """
    import asyncio
    from contextlib import asynccontextmanager

    import httpx
    from starlette.applications import Starlette
    from starlette.responses import (
        FileResponse,
        PlainTextResponse,
        RedirectResponse,
        Response,
    )
    from starlette.routing import Route

    client = httpx.AsyncClient(base_url=upstream, timeout=timeout_s)

    async def sparql(request: Any) -> Any:
        body = await request.body()
        if _is_update(request, body):
            return PlainTextResponse(READ_ONLY + "\n", status_code=403)
        if not allow_service and uses_service(_query_text(request, body)):
            return PlainTextResponse(SERVICE_REFUSED + "\n", status_code=403)
        query = request.url.query
        names = ("accept", "content-type")
        headers = {k: v for k in names if (v := request.headers.get(k))}
        url = "/query" + (f"?{query}" if query else "")
        try:
            status, ctype, content = await asyncio.wait_for(
                _forward(client, request.method, url, body, headers, max_bytes),
                timeout_s,
            )
        except (TimeoutError, httpx.TimeoutException):
            return PlainTextResponse(
                f"the query ran longer than the {timeout_s:g} s timeout; narrow it or "
                "restart geokg serve with a larger --timeout\n", status_code=504)
        except httpx.HTTPError as exc:
            return PlainTextResponse(_FAILED.format(f"{type(exc).__name__}"),
                                     status_code=502)
        if content is None:
            return PlainTextResponse(
                f"the result is larger than {max_bytes} bytes; add a LIMIT, or "
                "restart geokg serve with a larger --max-result-bytes\n",
                status_code=413,
            )
        if status == 200 and not complete(ctype, content):
            tail = content[-200:].decode("utf-8", "replace").splitlines()[-1:]
            return PlainTextResponse(_FAILED.format(" ".join(tail)[-120:]),
                                     status_code=502)
        return Response(content, status, media_type=ctype)

    async def view(request: Any) -> Any:
        if html is None:
            return PlainTextResponse("this build has no graph.html\n", status_code=404)
        return FileResponse(html, media_type="text/html; charset=utf-8")

    async def home(request: Any) -> Any:
        return RedirectResponse("/graph.html")

    @asynccontextmanager
    async def lifespan(app: Any) -> Any:
        yield
        await client.aclose()

    methods = ["GET", "POST"]
    return Starlette(lifespan=lifespan, routes=[
        Route("/", home),
        Route("/graph.html", view),
        Route("/sparql", sparql, methods=methods),
        Route("/query", sparql, methods=methods),
        Route("/update", sparql, methods=methods),
    ])


def free_port() -> int:
    """A TCP port free on loopback now (for a server started next)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Endpoint:
    """A running ``geokg serve``: read-only Oxigraph on a private port, a front on PORT.

    Use as a context manager; leaving it stops both servers and deletes the store.
    """

    def __init__(
        self, directory: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
        timeout_s: float = 30.0, max_result_bytes: int = 50_000_000,
        allow_service: bool = False,
    ) -> None:
        self.directory = Path(directory)
        self.allow_service = allow_service
        self.host, self.port = host, port
        self.timeout_s, self.max_result_bytes = timeout_s, max_result_bytes
        self._proc: Any = None
        self._server: Any = None
        self._thread: Any = None
        self._tmp: str | None = None

    @property
    def url(self) -> str:
        """The SPARQL endpoint's URL."""
        return f"http://{self.host}:{self.port}/sparql"

    def __enter__(self) -> Endpoint:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Load the build into a temporary store and start both servers."""
        import tempfile

        require_http()
        if not self.directory.is_dir():
            raise QueryError(f"no such build directory: {str(self.directory)!r}")
        files = target_files(self.directory)
        self._tmp = tempfile.mkdtemp(prefix="geokg-serve-")
        _load_store(files, Path(self._tmp) / "store")
        for path, name in entailed_source(self.directory):
            _load_store([path], Path(self._tmp) / "store", str(name))
        upstream = self._start_oxigraph()
        html = self.directory / "graph.html"
        app = front_app(upstream, html if html.is_file() else None,
                        timeout_s=self.timeout_s, max_bytes=self.max_result_bytes,
                        allow_service=self.allow_service)
        self._start_front(app)

    def _start_oxigraph(self) -> str:
        import subprocess

        port = free_port()
        log = open(Path(self._tmp) / "oxigraph.log", "wb")  # noqa: SIM115
        self._proc = subprocess.Popen(
            [oxigraph_binary(), "serve-read-only", "--location",
             str(Path(self._tmp) / "store"), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph",  # the entailed graph is a named graph
             # the front's deadline comes first; Oxigraph's stops what runs on
             "--timeout-s", str(max(1, round(self.timeout_s)) + 5)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        )
        log.close()
        upstream = f"http://127.0.0.1:{port}"
        self._wait_ready(upstream)
        return upstream

    def _wait_ready(self, upstream: str, *, attempts: int = 100) -> None:
        import time

        import httpx

        for _ in range(attempts):
            if self._proc.poll() is not None:
                log = (Path(self._tmp) / "oxigraph.log").read_text(errors="replace")
                raise QueryError(f"oxigraph stopped at start: {log.strip()[-300:]!r}")
            try:
                httpx.get(f"{upstream}/query", params={"query": "ASK {}"}, timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise QueryError("oxigraph did not answer within 10 seconds of starting")

    def _start_front(self, app: Any) -> None:
        import socket
        import threading
        import time

        import uvicorn

        sock = socket.socket()
        try:
            sock.bind((self.host, self.port))
        except OSError as exc:
            sock.close()
            raise QueryError(
                f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}; "
                "pick another --port"
            ) from None
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()
        for _ in range(100):
            if self._server.started or not self._thread.is_alive():
                break
            time.sleep(0.05)
        if not self._server.started:
            raise QueryError(f"the front server did not start on {self.url}")

    def wait(self) -> None:
        """Block until the front server stops (Ctrl-C stops it)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def stop(self) -> None:
        """Stop both servers and delete the temporary store."""
        import shutil

        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(10)
            self._server = None
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except Exception:
                self._proc.kill()
                self._proc.wait(10)
            self._proc = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
