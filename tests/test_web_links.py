"""Links as inputs: a page fetched from a local HTTP server through the gate's rules, its charset
detected, its article extracted, its relative images fetched against the page's address."""
from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import convert
from conftest import SEEDS, Quiet, serving, serving_folder
from convert import model as m
from convert.errors import ConvertError

PAGE = "millbrook-courier-flood-barrier"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A web root holding the English newspaper page at /news/local/flood-barrier.html."""
    root = tmp_path / "www"
    folder = root / "news" / "local"
    folder.mkdir(parents=True)
    shutil.copy(SEEDS / "pages" / f"{PAGE}.html", folder / "flood-barrier.html")
    shutil.copytree(SEEDS / "pages" / f"{PAGE}_files", folder / f"{PAGE}_files")
    return root


class Logged(Quiet, http.server.SimpleHTTPRequestHandler):
    requested: list[str] = []

    def do_GET(self) -> None:
        type(self).requested.append(self.path)
        super().do_GET()


def logged_server(root: Path):  # type: ignore[no-untyped-def]
    import functools
    handler = type("Handler", (Logged,), {"requested": []})
    return handler, serving(functools.partial(handler, directory=str(root)))


def test_a_link_converts_to_the_article_with_its_images(site: Path, tmp_path: Path) -> None:
    handler, server = logged_server(site)
    with server as base:
        url = f"{base}/news/local/flood-barrier.html"
        document = convert.read(url, allow_private=True, cache_dir=tmp_path / "cache")
        html = convert.convert(url, to="html", allow_private=True, cache_dir=tmp_path / "cache")
    assert document.meta.title.startswith("Council delays vote") and document.meta.authors == ("Jane Ortiz", "Samuel Achebe")
    assert [f.src for f in document.figures] == [f"{base}/news/local/{PAGE}_files/flood-barrier-lead.jpg",
                                                 f"{base}/news/local/{PAGE}_files/pump-station.jpg"]
    assert html.count(b'src="data:image/') == 2  # type: ignore[union-attr]
    images = sorted(p for p in handler.requested if "_files/" in p)
    assert images == [f"/news/local/{PAGE}_files/flood-barrier-lead.jpg", f"/news/local/{PAGE}_files/pump-station.jpg"]
    assert "Third time is not the charm" not in m.visible_text(document)


def test_loopback_pages_are_refused_unless_allowed(site: Path, tmp_path: Path) -> None:
    with serving_folder(site) as base:
        with pytest.raises(ConvertError, match="private or loopback"):
            convert.read(f"{base}/news/local/flood-barrier.html", cache_dir=tmp_path / "cache")


def test_offline_converts_from_the_cache(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with serving_folder(site) as base:
        url = f"{base}/news/local/flood-barrier.html"
        online = convert.read(url, allow_private=True, cache_dir=cache)
    offline = convert.read(url, offline=True, cache_dir=cache)  # the server is gone
    assert offline == online
    with pytest.raises(ConvertError, match="offline"):
        convert.read(f"{base}/news/other.html", offline=True, cache_dir=cache)


def test_the_charset_comes_from_the_header_then_the_page(tmp_path: Path) -> None:
    body = ("<html><head><title>港口_网易财经</title></head><body><nav><a href='/'>首页</a></nav>"
            "<div class='post_body'><h1>港口集装箱吞吐量创新高</h1>"
            + "".join(f"<p>第{n}段：上海港一季度集装箱吞吐量同比增长，洋山港区自动化码头作业效率持续提升。</p>" for n in range(6))
            + "</div><footer>版权所有</footer></body></html>").encode("gbk")

    class Gbk(Quiet, http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=GBK")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serving(Gbk) as base:
        document = convert.read(f"{base}/a.html", allow_private=True, cache_dir=tmp_path / "c")
    text = m.visible_text(document)
    assert "第5段：上海港一季度集装箱吞吐量同比增长" in text and "版权所有" not in text


def test_redirected_pages_resolve_images_against_their_final_address(site: Path, tmp_path: Path) -> None:
    class Moved(Quiet, http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[misc]

        def do_GET(self) -> None:
            if self.path == "/short/42":
                self.send_response(301)
                self.send_header("Location", "/news/local/flood-barrier.html")
                self.end_headers()
                return
            super().do_GET()

    with serving(Moved) as base:
        document = convert.read(f"{base}/short/42", allow_private=True, cache_dir=tmp_path / "c")
    assert document.figures[0].src == f"{base}/news/local/{PAGE}_files/flood-barrier-lead.jpg"


def test_build_names_editions_after_the_address(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with serving_folder(site) as base:
        urls = [f"{base}/news/local/flood-barrier.html", f"{base}/news/local/{PAGE}_files/../flood-barrier.html?x=1"]
        outcomes = convert.build(urls, ["html"], out, convert.Options(allow_private=True, cache_dir=tmp_path / "c"))
    assert [o.ok for o in outcomes] == [True, True]
    assert sorted(p.name for p in out.glob("*.html")) == ["flood-barrier-2.html", "flood-barrier.html"]
    assert all(isinstance(o.source, str) and o.source.startswith("http") for o in outcomes)


def test_cli_takes_a_link_and_no_extract(site: Path, tmp_path: Path) -> None:
    with serving_folder(site) as base:
        url = f"{base}/news/local/flood-barrier.html"
        command = [sys.executable, "-m", "convert", "--to", "html", "--allow-private-hosts", "-q"]
        env = {"CONVERT_CACHE_DIR": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
        extracted = subprocess.run([*command, "-o", str(tmp_path / "a"), url], capture_output=True, text=True, env=env)
        whole = subprocess.run([*command, "--no-extract", "-o", str(tmp_path / "b"), url], capture_output=True,
                               text=True, env=env)
    assert extracted.returncode == 0, extracted.stderr
    assert whole.returncode == 0, whole.stderr
    article = (tmp_path / "a" / "flood-barrier.html").read_text(encoding="utf-8")
    page = (tmp_path / "b" / "flood-barrier.html").read_text(encoding="utf-8")
    assert "Rosa Delgado" in article and "Third time is not the charm" not in article
    assert "Rosa Delgado" in page and "Third time is not the charm" in page
