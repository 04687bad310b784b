"""The resource gate: confinement, remote fetches through a local server, conversions, placeholders."""
from __future__ import annotations

import http.server
import io
import ipaddress
import os
import socket
import ssl
import time
from pathlib import Path

import pytest
from PIL import Image as PILImage

from convert.resources import fetch, images
from convert.resources import Image, Placeholder, ResourceGate

from conftest import Quiet, serving


def png_bytes(size: tuple[int, int] = (40, 30), fmt: str = "PNG", mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    PILImage.new(mode, size, "orange").save(out, fmt)
    return out.getvalue()


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "article"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "ok.png").write_bytes(png_bytes())
    (tmp_path / "secret.png").write_bytes(png_bytes())
    return folder


def test_local_image_inside_the_folder(article_dir: Path) -> None:
    result = ResourceGate(article_dir).image("images/ok.png")
    assert isinstance(result, Image) and result.media_type == "image/png" and (result.width, result.height) == (40, 30)


@pytest.mark.parametrize("src", ["../secret.png", "images/../../secret.png", "/etc/passwd", "file:///etc/passwd",
                                 "file://localhost/etc/hostname", "data:image/png;base64,AAAA", "ftp://x/y.png"])
def test_reads_outside_the_article_are_refused(article_dir: Path, src: str) -> None:
    result = ResourceGate(article_dir).image(src)
    assert isinstance(result, Placeholder) and result.src == src


def test_symlink_leaving_the_folder_is_refused(article_dir: Path) -> None:
    (article_dir / "images" / "link.png").symlink_to(article_dir.parent / "secret.png")
    result = ResourceGate(article_dir).image("images/link.png")
    assert isinstance(result, Placeholder) and "outside" in result.reason


@pytest.mark.parametrize("fmt, mode", [("GIF", "P"), ("WEBP", "RGB"), ("BMP", "RGB"), ("TIFF", "RGB")])
def test_other_formats_become_png(article_dir: Path, fmt: str, mode: str) -> None:
    (article_dir / f"pic.{fmt.lower()}").write_bytes(png_bytes(fmt=fmt, mode=mode))
    result = ResourceGate(article_dir).image(f"pic.{fmt.lower()}")
    assert isinstance(result, Image) and result.media_type == "image/png" and result.data.startswith(b"\x89PNG")


@pytest.mark.parametrize("suffix, mode, value, grey", [
    ("png", "I;16", 3000, 12), ("png", "I;16", 65535, 255), ("tiff", "I;16", 32896, 128), ("tiff", "F", None, None),
])
def test_deep_grey_pictures_keep_their_tones(article_dir: Path, suffix: str, mode: str, value: float | None,
                                             grey: int | None) -> None:
    """16-bit grey (scans, scientific pictures) was clipped at 255 by Pillow's convert: nearly white."""
    picture = PILImage.new(mode, (40, 20), value or 0)
    if mode == "F":  # a float picture's own darkest and lightest values become black and white
        for x in range(40):
            for y in range(20):
                picture.putpixel((x, y), x / 39 * 0.004)
    buffer = io.BytesIO()
    picture.save(buffer, suffix.upper().replace("TIF", "TIFF").replace("TIFFF", "TIFF"))
    (article_dir / f"deep.{suffix}").write_bytes(buffer.getvalue())
    result = ResourceGate(article_dir).image(f"deep.{suffix}")
    assert isinstance(result, Image)
    shown = PILImage.open(io.BytesIO(result.data)).convert("L")
    if grey is not None:
        assert abs(shown.getpixel((20, 10)) - grey) <= 1
    else:
        assert shown.getpixel((0, 10)) <= 1 and shown.getpixel((39, 10)) >= 254 and 100 < shown.getpixel((20, 10)) < 155


def test_svg_is_rasterised_without_outside_access(article_dir: Path) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">'
           '<rect width="100" height="50" fill="red"/><image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>')
    (article_dir / "v.svg").write_text(svg)
    result = ResourceGate(article_dir).image("v.svg")
    assert isinstance(result, Image) and result.media_type == "image/png"


def test_corrupt_and_non_images_become_placeholders(article_dir: Path) -> None:
    import weasyprint  # noqa: F401  (it turns Pillow's truncated-image loading on for the whole process)
    (article_dir / "broken.png").write_bytes(png_bytes()[:60])
    (article_dir / "text.jpg").write_text("not an image")
    gate = ResourceGate(article_dir)
    assert "readable" in gate.image("broken.png").reason  # type: ignore[union-attr]
    assert isinstance(gate.image("text.jpg"), Placeholder)
    assert gate.image("missing.png").reason == "file not found"  # type: ignore[union-attr]


def test_decompression_bomb_is_refused(article_dir: Path) -> None:
    out = io.BytesIO()
    PILImage.new("1", (20000, 20000)).save(out, "PNG")  # 400 MP, a few KiB on disk
    (article_dir / "bomb.png").write_bytes(out.getvalue())
    result = ResourceGate(article_dir).image("bomb.png")
    assert isinstance(result, Placeholder) and "pixel" in result.reason


def test_large_image_is_scaled_down(article_dir: Path) -> None:
    (article_dir / "big.jpg").write_bytes(png_bytes((5000, 1000), "JPEG"))
    result = ResourceGate(article_dir).image("big.jpg")
    assert isinstance(result, Image) and max(result.width, result.height) == images.MAX_EDGE
    assert result.media_type == "image/jpeg"


def test_size_cap_on_local_files(article_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 20)
    result = ResourceGate(article_dir).image("images/ok.png")
    assert isinstance(result, Placeholder) and "larger than" in result.reason


def test_remote_fetch_is_cached_and_offline_uses_the_cache(http_root: tuple[str, Path], tmp_path: Path) -> None:
    base, root = http_root
    (root / "r.png").write_bytes(png_bytes())
    cache = tmp_path / "c"
    url = f"{base}/r.png"
    assert isinstance(ResourceGate(tmp_path, allow_private=True, cache=cache).image(url), Image)
    (root / "r.png").unlink()  # the server no longer has it: only the cache can answer
    assert isinstance(ResourceGate(tmp_path, allow_private=True, cache=cache, offline=True).image(url), Image)
    offline_miss = ResourceGate(tmp_path, cache=cache, offline=True).image(f"{base}/other.png")
    assert isinstance(offline_miss, Placeholder) and "offline" in offline_miss.reason


def test_loopback_is_refused_unless_allowed(http_root: tuple[str, Path], tmp_path: Path) -> None:
    base, root = http_root
    (root / "r.png").write_bytes(png_bytes())
    result = ResourceGate(tmp_path, cache=tmp_path / "c").image(f"{base}/r.png")
    assert isinstance(result, Placeholder) and "private or loopback" in result.reason


def test_remote_errors_become_placeholders(http_root: tuple[str, Path], tmp_path: Path) -> None:
    base, root = http_root
    (root / "junk.png").write_text("<html>not found page</html>")
    gate = ResourceGate(tmp_path, allow_private=True, cache=tmp_path / "c")
    assert "HTTP 404" in gate.image(f"{base}/nope.png").reason  # type: ignore[union-attr]
    assert isinstance(gate.image(f"{base}/junk.png"), Placeholder)
    assert isinstance(gate.image("http://unresolvable.invalid/x.png"), Placeholder)


def test_remote_size_cap(http_root: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, root = http_root
    (root / "big.png").write_bytes(png_bytes((400, 400)) + os.urandom(5000))
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 2000)
    result = ResourceGate(tmp_path, allow_private=True, cache=tmp_path / "c").image(f"{base}/big.png")
    assert isinstance(result, Placeholder) and "larger than" in result.reason


def test_redirects_are_rechecked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A public-looking URL that redirects to a private address is refused at the redirect."""
    class Redirect(Quiet, http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/internal.png")
            self.end_headers()

    checked: list[str] = []
    real_check = fetch.check_host

    def check(url: str, allow_private: bool) -> list:
        checked.append(url)
        return real_check(url, allow_private=url.startswith("http://127.0.0.1"))  # only the first hop is allowed

    monkeypatch.setattr(fetch, "check_host", check)
    with serving(Redirect) as base:
        result = ResourceGate(tmp_path, cache=tmp_path / "c").image(f"{base}/a.png")
    assert isinstance(result, Placeholder) and "10.0.0.1" in result.reason
    assert checked[-1] == "http://10.0.0.1/internal.png"


def test_prefetch_runs_concurrently_and_memoises(http_root: tuple[str, Path], tmp_path: Path) -> None:
    base, root = http_root
    for n in range(6):
        (root / f"{n}.png").write_bytes(png_bytes((10 + n, 10)))
    gate = ResourceGate(tmp_path, allow_private=True, cache=tmp_path / "c")
    urls = [f"{base}/{n}.png" for n in range(6)]
    gate.prefetch(urls)
    assert all(isinstance(gate.image(u), Image) for u in urls)
    assert len({gate.image(u).name for u in urls}) == 6  # type: ignore[union-attr]


def test_embedded_resources_are_served(tmp_path: Path) -> None:
    gate = ResourceGate(tmp_path, embedded={"media/image1.png": png_bytes()})
    assert isinstance(gate.image("media/image1.png"), Image)


def test_inline_data_url_images_are_part_of_the_article(tmp_path: Path) -> None:
    import base64
    url = "data:image/png;base64," + base64.b64encode(png_bytes((30, 20))).decode()
    result = ResourceGate(tmp_path).image(url)
    assert isinstance(result, Image) and (result.width, result.height) == (30, 20)
    assert isinstance(ResourceGate(tmp_path).image("data:text/html;base64,PGI+"), Placeholder)
    assert isinstance(ResourceGate(tmp_path).image("data:image/png,rawtext"), Placeholder)


@pytest.mark.parametrize("src", ["a%00b.png", "x" * 300 + ".png", "loop/x.png", "images"])
def test_unreadable_local_names_become_placeholders(article_dir: Path, src: str) -> None:
    """A NUL byte, a name too long, a symlink loop or a folder: a placeholder, not a crash.
    (Unreadable permissions cannot be tested here: the tests run as root.)"""
    (article_dir / "loop").symlink_to(article_dir / "loop")
    result = ResourceGate(article_dir).image(src)
    assert isinstance(result, Placeholder) and result.reason


def test_a_trickling_server_is_cut_off_at_the_total_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Trickle(Quiet, http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(60):  # a byte every 0.1 s: never slow enough for the per-read timeout
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)

    monkeypatch.setattr(fetch, "TOTAL_TIMEOUT_S", 1.0)
    started = time.monotonic()
    with serving(Trickle) as base:
        result = ResourceGate(tmp_path, allow_private=True, cache=tmp_path / "c").image(f"{base}/slow.png")
    assert isinstance(result, Placeholder) and "longer than" in result.reason
    assert time.monotonic() - started < 4


# ---------------------------------------------------------------- DNS rebinding (SSRF)

PUBLIC = "93.184.216.34"  # a global address; the tests never connect to it (see `pinned_connects`)


@pytest.fixture
def pinned_connects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address the fetcher connects to; connections to non-loopback addresses are refused here,
    so no test sends traffic off this machine."""
    attempted: list[str] = []
    real_connect = fetch._connect

    def guarded(family: int, sockaddr: tuple, timeout: float) -> socket.socket:
        attempted.append(sockaddr[0])
        if not ipaddress.ip_address(sockaddr[0]).is_loopback:
            raise ConnectionRefusedError("tests send no traffic off this machine")
        return real_connect(family, sockaddr, timeout)

    monkeypatch.setattr(fetch, "_connect", guarded)
    return attempted


def rebinding_resolver(monkeypatch: pytest.MonkeyPatch, host: str, port: int, answers: list[str]) -> list[str]:
    """A DNS server for `host` that gives `answers` one per lookup (the last one from then on)."""
    real_getaddrinfo = socket.getaddrinfo
    lookups: list[str] = []

    def resolve(name: str, *args: object, **kwargs: object) -> list:
        if name != host:
            return real_getaddrinfo(name, *args, **kwargs)  # type: ignore[arg-type]
        lookups.append(name)
        address = answers[min(len(lookups), len(answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return lookups


def secret_server(hits: list[str]):  # type: ignore[no-untyped-def]
    class Secret(Quiet, http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = png_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
    return Secret


def test_dns_rebinding_cannot_reach_a_loopback_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      pinned_connects: list[str]) -> None:
    """The name answers a public address to the check and 127.0.0.1 to any later lookup. A fetcher that
    resolves again to connect would reach the loopback server; ours connects to the address it checked."""
    hits: list[str] = []
    with serving(secret_server(hits)) as base:
        port = int(base.rsplit(":", 1)[1])
        lookups = rebinding_resolver(monkeypatch, "rebind.example", port, [PUBLIC, "127.0.0.1"])
        result = ResourceGate(tmp_path, cache=tmp_path / "c").image(f"http://rebind.example:{port}/secret.png")
    assert isinstance(result, Placeholder) and "unreachable" in result.reason
    assert hits == [], "the loopback server was reached through a second DNS lookup"
    assert pinned_connects == [PUBLIC] and lookups == ["rebind.example"]


def test_a_page_is_fetched_from_the_checked_address_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        pinned_connects: list[str]) -> None:
    from convert.resources import ResourceError, fetch_page
    hits: list[str] = []
    with serving(secret_server(hits)) as base:
        port = int(base.rsplit(":", 1)[1])
        rebinding_resolver(monkeypatch, "rebind.example", port, [PUBLIC, "127.0.0.1"])
        with pytest.raises(ResourceError, match="unreachable"):
            fetch_page(f"http://rebind.example:{port}/news/1.html", cache=tmp_path / "c", max_bytes=1 << 20)
    assert hits == [] and pinned_connects == [PUBLIC]


def test_a_name_that_resolves_to_loopback_is_refused_before_any_connection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pinned_connects: list[str]) -> None:
    hits: list[str] = []
    with serving(secret_server(hits)) as base:
        port = int(base.rsplit(":", 1)[1])
        rebinding_resolver(monkeypatch, "inside.example", port, ["127.0.0.1"])
        result = ResourceGate(tmp_path, cache=tmp_path / "c").image(f"http://inside.example:{port}/secret.png")
    assert isinstance(result, Placeholder) and "private or loopback" in result.reason
    assert hits == [] and pinned_connects == []


def test_allowed_private_hosts_are_still_resolved_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       pinned_connects: list[str]) -> None:
    hits: list[str] = []
    with serving(secret_server(hits)) as base:
        port = int(base.rsplit(":", 1)[1])
        lookups = rebinding_resolver(monkeypatch, "intranet.example", port, ["127.0.0.1", "10.0.0.1"])
        result = ResourceGate(tmp_path, cache=tmp_path / "c", allow_private=True).image(
            f"http://intranet.example:{port}/ok.png")
    assert isinstance(result, Image) and hits == ["/ok.png"]
    assert lookups == ["intranet.example"] and pinned_connects == ["127.0.0.1"]


def test_https_verifies_the_host_name_on_the_checked_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             pinned_connects: list[str]) -> None:
    """TLS is set up on the socket to the checked address, with the host name as SNI and for the
    certificate check (a stand-in context records it and fails the handshake)."""
    names: list[str | None] = []

    class Context:
        def wrap_socket(self, sock: socket.socket, server_hostname: str | None = None) -> socket.socket:
            names.append(server_hostname)
            sock.close()
            raise ssl.SSLError("stand-in handshake failure")

    hits: list[str] = []
    with serving(secret_server(hits)) as base:
        port = int(base.rsplit(":", 1)[1])
        rebinding_resolver(monkeypatch, "tls.example", port, ["127.0.0.1", PUBLIC])
        monkeypatch.setattr(fetch.ssl, "create_default_context", lambda: Context())
        result = ResourceGate(tmp_path, cache=tmp_path / "c", allow_private=True).image(
            f"https://tls.example:{port}/x.png")
    assert isinstance(result, Placeholder) and "TLS failed" in result.reason
    assert names == ["tls.example"] and pinned_connects == ["127.0.0.1"]
