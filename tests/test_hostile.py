"""Hostile input through every registered writer: nothing leaks, nothing crashes, every edition is whole."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from convert import registry
from convert.builder import Options, convert, output_names

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


def edition_text(fmt: str, data: bytes) -> str:
    """Everything an edition carries, as searchable text (zip members unpacked, PDF text extracted)."""
    if fmt in ("epub", "docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if fmt == "pdf":
        import pypdf
        reader = pypdf.PdfReader(io.BytesIO(data))
        return data.decode("latin-1") + "\n".join(page.extract_text() for page in reader.pages).replace(" ", "")
    return data.decode("utf-8")


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
    text = edition_text(fmt, convert(hostile_article, to=fmt, options=Options(offline=True)))  # type: ignore[arg-type]
    assert SECRET not in text
    assert "root:x:0:0" not in text  # /etc/passwd
    lowered = text.lower()
    for marker in ("<script", "onclick", "onerror", "javascript:", "<iframe", "/embeddedfiles", "file:///etc"):
        assert marker not in lowered, marker
    assert "正文第一段" in text and "事件属性" in text and "脚本链接" in text  # the text itself survives


@pytest.mark.parametrize("fmt", registry.names())
def test_loopback_image_refused_by_default_allowed_on_request(tmp_path: Path, http_root: tuple[str, Path],
                                                              fmt: str) -> None:
    base, root = http_root
    Image.frombytes("RGB", (300, 200), os.urandom(300 * 200 * 3)).save(root / "pic.png")  # incompressible
    article = tmp_path / "a.md"
    article.write_text(f"# 标题\n\n正文。\n\n![图]({base}/pic.png)\n\n（图：本机图片）\n", encoding="utf-8")
    refused = edition_text(fmt, convert(article, to=fmt))  # type: ignore[arg-type]
    allowed = edition_text(fmt, convert(article, to=fmt, allow_private=True))  # type: ignore[arg-type]
    assert len(allowed) > len(refused) + 100_000  # the picture is in the edition only when allowed
    if fmt != "pdf":
        assert f"{base}/pic.png" in refused  # the placeholder names the source address


@pytest.mark.parametrize("fmt", registry.names())
def test_bomb_and_oversized_images_become_placeholders(tmp_path: Path, fmt: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.resources import images
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    (tmp_path / "bomb.png").write_bytes(out.getvalue())
    Image.new("RGB", (400, 400), "blue").save(tmp_path / "big.png")
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", (tmp_path / "big.png").stat().st_size - 1)
    article = tmp_path / "a.md"
    article.write_text("# T\n\n正文。\n\n![a](bomb.png)\n\n（图：炸弹）\n\n![b](big.png)\n\n（图：超大）\n", encoding="utf-8")
    data = convert(article, to=fmt)
    assert isinstance(data, bytes) and len(data) < 2_000_000
    text = edition_text(fmt, data)
    if fmt != "pdf":
        assert "bomb.png" in text and "big.png" in text


@pytest.mark.parametrize("fmt", registry.names())
def test_two_thousand_character_title(tmp_path: Path, fmt: str) -> None:
    title = "极长标题" * 500
    article = tmp_path / ("长" * 80 + ".md")  # 243 bytes: near the file system's limit
    article.write_text(f"# {title}\n\n正文一段。\n", encoding="utf-8")
    data = convert(article, to=fmt)
    assert isinstance(data, bytes) and data
    name = output_names([article])[article]
    assert len((name + registry.get(fmt).suffix).encode("utf-8")) < 200
