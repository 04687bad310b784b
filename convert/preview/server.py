"""The preview's HTTP server, on 127.0.0.1 only.

    /                           the page (pages/app.html) with the target, editions and themes
    /static/app.js|app.css      its script and style
    /events?edition=&theme=&article=   server-sent events: the view's state whenever it changes
    /b/ID/page-N.png            page N of a built PDF or DOCX view
    /b/ID/epub/MEMBER           a member of a built EPUB, read from the package in memory
    /a/I/@ID.html               the HTML edition (build ID) of article I, addressed inside the article's folder
    /a/I/PATH                   a file of article I's own folder (what the HTML edition's relative links reach)

Nothing else is read: files only through `paths.file_inside` (the article's folder), themes only by
the names offered on the page, and a request naming another host than 127.0.0.1 or localhost (DNS
rebinding) is refused.
"""
from __future__ import annotations

import json
import mimetypes
import re
import select
import signal
import threading
import time
import urllib.parse
import webbrowser
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

from ..theme import available_themes
from .builds import Builds, View
from .paths import file_inside, member_inside
from .target import Target, find_target
from .watcher import Watcher
from .work import EDITIONS

HOST = "127.0.0.1"
KEEPALIVE = 15.0  # seconds between SSE comments, which also tell a closed connection
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
_BUILD = re.compile(r"/b/(\d+)/(page-(\d+)\.png|epub/(.+))")
_ARTICLE = re.compile(r"/a/(\d+)/(?:@(\d+)\.html|(.+))")


@dataclass
class Settings:
    """What the page offers and starts with."""

    edition: str
    theme: str
    themes: list[str]


class Preview:
    """A running preview: the builds, the watcher and the server. `start()` returns once it listens."""

    def __init__(self, target: Target, *, edition: str = "html", theme: str = "default", port: int = 0,
                 offline: bool = False, publication: str = "", config: Path | None = None) -> None:
        themes = list(available_themes())
        if theme not in themes:
            themes.append(theme)  # a theme file given by path: offered too, and nothing else by path
        self.target = target
        self.settings = Settings(edition, theme, themes)
        self.builds = Builds(target, offline=offline, publication=publication, config=config)
        self.watcher = Watcher(target, theme, self.builds.changed)
        self.server = _Server((HOST, port), _Handler)
        self.server.preview = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def start(self) -> Preview:
        self.watcher.start()
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                        daemon=True, name="preview-server")
        self._thread.start()
        return self

    def close(self) -> None:
        self.server.closing = True
        self.builds.close()
        self.watcher.stop()
        self.server.shutdown()
        self.server.server_close()


def serve(inputs: Sequence[Path | str], *, edition: str = "html", theme: str = "default", port: int = 0,
          open_browser: bool = False, offline: bool = False, publication: str = "",
          config: Path | None = None) -> None:
    """Run the preview until interrupted (Ctrl-C)."""
    preview = Preview(find_target(inputs), edition=edition, theme=theme, port=port, offline=offline,
                      publication=publication, config=config).start()
    print(f"convert preview: {preview.url}  (Ctrl-C to stop)", flush=True)
    if open_browser:
        webbrowser.open(preview.url)
    stopping = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stopping.set())  # stopped as by Ctrl-C: builds killed too
    try:
        stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        preview.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    preview: Preview
    closing = False


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  quiet: the page shows what happens
        pass

    def do_GET(self) -> None:  # noqa: N802
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in (f"{HOST}:{port}", f"localhost:{port}"):
            return self._send(HTTPStatus.FORBIDDEN, b"this preview answers only on 127.0.0.1\n", "text/plain")
        path, _, query = self.path.partition("?")
        preview = self.server.preview
        if path == "/":
            return self._send(HTTPStatus.OK, _page(preview), "text/html; charset=utf-8")
        if path.startswith("/static/") and path[8:] in STATIC:
            data = resources.files(__package__).joinpath("pages", path[8:]).read_bytes()
            return self._send(HTTPStatus.OK, data, STATIC[path[8:]])
        if path == "/events":
            return self._events(urllib.parse.parse_qs(query))
        if match := _BUILD.fullmatch(path):
            return self._built(int(match[1]), match[3], match[4])
        if match := _ARTICLE.fullmatch(path):
            return self._article(int(match[1]), match[2], match[3])
        self._not_found()

    # ------------------------------------------------------------ the editions

    def _built(self, build: int, page: str | None, member: str | None) -> None:
        result = self.server.preview.builds.result(build)
        if result is None:
            return self._not_found()
        if page is not None and 1 <= int(page) <= len(result.pages):
            return self._send(HTTPStatus.OK, result.pages[int(page) - 1], "image/png", cache=True)
        if member is not None and result.edition == "epub":
            import io
            import zipfile

            with zipfile.ZipFile(io.BytesIO(result.data)) as package:
                name = member_inside(set(package.namelist()), member)
                if name is not None:
                    kind = "application/xhtml+xml" if name.endswith((".xhtml", ".html")) else \
                        mimetypes.guess_type(name)[0] or "application/octet-stream"
                    return self._send(HTTPStatus.OK, package.read(name), kind, cache=True)
        self._not_found()

    def _article(self, index: int, build: str | None, raw: str | None) -> None:
        target = self.server.preview.target
        if not 0 <= index < len(target.articles):
            return self._not_found()
        if build is not None:
            result = self.server.preview.builds.result(int(build))
            if result is None or result.edition != "html":
                return self._not_found()
            return self._send(HTTPStatus.OK, result.data, "text/html; charset=utf-8", cache=True)
        found = file_inside(target.articles[index].parent, raw or "")
        if found is None:
            return self._not_found()
        self._send(HTTPStatus.OK, found.read_bytes(), mimetypes.guess_type(found.name)[0] or "application/octet-stream")

    # ------------------------------------------------------------ the live part

    def _events(self, query: dict[str, list[str]]) -> None:
        preview = self.server.preview
        try:
            edition = query.get("edition", [preview.settings.edition])[0]
            theme = query.get("theme", [preview.settings.theme])[0]
            if theme not in preview.settings.themes:
                raise ValueError(f"unknown theme {theme!r}")
            view = preview.builds.view(edition, theme, int(query.get("article", ["0"])[0]))
        except ValueError as exc:
            return self._send(HTTPStatus.BAD_REQUEST, f"{exc}\n".encode(), "text/plain")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        builds = preview.builds
        seen, quiet_since = -1, time.monotonic()
        try:
            self.wfile.write(b"retry: 1000\n\n")
            with builds.watching(view):
                while not self.server.closing:
                    state = builds.wait(view, seen, timeout=0.5)
                    if state is None:
                        if self._client_gone():
                            return
                        if time.monotonic() - quiet_since > KEEPALIVE:
                            self.wfile.write(b": still here\n\n")
                            self.wfile.flush()
                            quiet_since = time.monotonic()
                        continue
                    seen, quiet_since = state["seq"], time.monotonic()
                    payload = {**state, **_shown(preview, view, state["build"])}
                    self.wfile.write(f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode("utf-8"))
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def _client_gone(self) -> bool:
        """A closed EventSource shows as a readable socket with nothing to read."""
        readable, _, _ = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            return self.connection.recv(1, 2) == b""  # 2: MSG_PEEK
        except OSError:
            return True

    # ------------------------------------------------------------ answers

    def _send(self, status: HTTPStatus, data: bytes, kind: str, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "private, max-age=3600, immutable" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")


def _shown(preview: Preview, view: View, build: int | None) -> dict[str, Any]:
    """What the page needs to show build `build` of `view`: the addresses of its parts."""
    result = preview.builds.result(build) if build is not None else None
    if result is None:
        return {"src": None}
    if view.edition == "html":
        return {"src": f"/a/{view.article}/@{build}.html"}
    if view.edition == "epub":
        return {"src": f"/b/{build}/epub/", "chapters": result.chapters, "chapter": result.chapter}
    return {"src": f"/b/{build}/", "pages": len(result.pages)}


def _page(preview: Preview) -> bytes:
    target = preview.target
    config = {"editions": list(EDITIONS), "edition": preview.settings.edition, "theme": preview.settings.theme,
              "themes": preview.settings.themes, "collection": target.collection,
              "title": target.title or target.label(0),
              "articles": [target.label(index) for index in range(len(target.articles))]}
    template = resources.files(__package__).joinpath("pages", "app.html").read_text(encoding="utf-8")
    data = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    return template.replace("__CONFIG__", data).encode("utf-8")

