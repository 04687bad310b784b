"""Hostile input through every registered writer: nothing leaks, nothing crashes, every edition is whole.

Editions are read through the format map (tests/formats.py): a leak is looked for in every part of an
edition decompressed (PDF streams, zip members, data: URIs, image metadata), never in its raw bytes."""
from __future__ import annotations

import http.server
import io
import os
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from convert import registry
from convert.builder import Options, convert, output_names

import formats
from conftest import Quiet, serving

SECRET = "TOP-SECRET-7f3a9c"  # written outside the article's folder; must never reach an edition

HOSTILE = f"""# 恶意输入测试

正文第一段，含有 <b onclick="steal()">事件属性</b> 和 <a href="javascript:alert('x')">脚本链接</a>。

<script>document.write("{SECRET}")</script>

<iframe src="file:///etc/passwd"></iframe>

<a rel="attachment" href="file:///etc/passwd">附件</a> <a rel="attachment" href="../secret.txt">附件二</a>

<link rel="attachment" href="file:///etc/hostname">

<img src="file:///etc/passwd" onerror="alert(1)">

![外部](../secret.png)

（图：不应出现的图片）

![本地](ok.png)

（图：正常图片）
"""


@pytest.fixture
def hostile_article(tmp_path: Path) -> Path:
    folder = tmp_path / "article"
    folder.mkdir()
    info = PngInfo()
    info.add_text("Comment", SECRET)
    Image.new("RGB", (50, 50), "red").save(tmp_path / "secret.png", pnginfo=info)
    (tmp_path / "secret.txt").write_text(SECRET)
    Image.new("RGB", (200, 120), "green").save(folder / "ok.png")
    path = folder / "article.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", registry.names())
def test_hostile_article_leaks_nothing(hostile_article: Path, fmt: str) -> None:
    reader = formats.of(fmt)
    data = convert(hostile_article, to=fmt, options=Options(offline=True))
    carried = reader.carried(data)  # type: ignore[arg-type]
    assert SECRET not in carried
    assert "root:x:0:0" not in carried  # /etc/passwd
    lowered = carried.lower()
    for marker in ("<script", "onclick", "onerror", "javascript:", "<iframe", "/embeddedfiles", "file:///etc"):
        assert marker not in lowered, marker
    text = formats.squeeze(reader.text(data))  # type: ignore[arg-type]
    assert "正文第一段" in text and "事件属性" in text and "脚本链接" in text  # the text itself survives


class _Picture(Quiet, http.server.BaseHTTPRequestHandler):
    """Serves one incompressible picture and notes every request."""

    body = b""
    requests: list[str] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


@pytest.mark.parametrize("fmt", registry.names())
def test_loopback_image_refused_by_default_allowed_on_request(tmp_path: Path, fmt: str) -> None:
    reader = formats.of(fmt)
    picture = io.BytesIO()
    image = Image.frombytes("RGB", (300, 200), os.urandom(300 * 200 * 3))
    image.save(picture, "PNG")
    handler = type("Picture", (_Picture,), {"body": picture.getvalue(), "requests": []})
    with serving(handler) as base:
        article = tmp_path / "a.md"
        article.write_text(f"# 标题\n\n正文。\n\n![图]({base}/pic.png)\n\n（图：本机图片）\n", encoding="utf-8")
        refused = convert(article, to=fmt)
        assert handler.requests == [], "the loopback address was contacted without allow_private"
        allowed = convert(article, to=fmt, options=Options(allow_private=True))
        assert handler.requests == ["/pic.png"]
    assert formats.squeeze(f"{base}/pic.png") in formats.squeeze(reader.text(refused))  # type: ignore[arg-type]
    if reader.pictures:  # the picture is in the edition only when allowed
        assert formats.pixels_key(image) in reader.carried(allowed)  # type: ignore[arg-type]
        assert formats.pixels_key(image) not in reader.carried(refused)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", registry.names())
def test_bomb_and_oversized_images_become_placeholders(tmp_path: Path, fmt: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.resources import images
    reader = formats.of(fmt)
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    (tmp_path / "bomb.png").write_bytes(out.getvalue())
    Image.new("RGB", (400, 400), "blue").save(tmp_path / "big.png")
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", (tmp_path / "big.png").stat().st_size - 1)
    article = tmp_path / "a.md"
    article.write_text("# T\n\n正文。\n\n![a](bomb.png)\n\n（图：炸弹）\n\n![b](big.png)\n\n（图：超大）\n", encoding="utf-8")
    data = convert(article, to=fmt)
    assert isinstance(data, bytes) and len(data) < 2_000_000
    text = formats.squeeze(reader.text(data))
    assert "bomb.png" in text and "big.png" in text and "炸弹" in text and "超大" in text


@pytest.mark.parametrize("fmt", registry.names())
def test_two_thousand_character_title(tmp_path: Path, fmt: str) -> None:
    title = "极长标题" * 500
    article = tmp_path / ("长" * 80 + ".md")  # 243 bytes: near the file system's limit
    article.write_text(f"# {title}\n\n正文一段。\n", encoding="utf-8")
    data = convert(article, to=fmt)
    assert isinstance(data, bytes) and data
    formats.of(fmt).opens(data)
    name = output_names([article])[article]
    assert len((name + registry.get(fmt).suffix).encode("utf-8")) < 200
