"""Proof sheets: one PNG per article, the first page of PDF, EPUB and DOCX side by side."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import SAMPLES
from convert.checks import proof
from convert.cli import main
from convert.theme import load_theme

HARBOR = next(path for path in SAMPLES if path.parent.name == "zh-news-harbor")


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The proof of the harbor sample with the modern theme, made through the command."""
    outdir = tmp_path_factory.mktemp("proofs")
    assert main(["proof", str(HARBOR), "-o", str(outdir), "--style", "modern", "--offline"]) == 0
    return outdir / "zh-news-harbor-modern.png"


def _pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    flattened = getattr(image, "get_flattened_data", None) or image.getdata  # Pillow 12 renamed it
    return list(flattened())


def panels(image: Image.Image) -> list[tuple[int, int]]:
    """(left, right) of each page panel, found along a row through the middle of the pages."""
    y = proof.TITLE_HEIGHT + proof.LABEL_HEIGHT + proof.PANEL_HEIGHT // 2
    row = [image.getpixel((x, y)) for x in range(image.width)]
    spans, start = [], None
    for x, pixel in enumerate(row + [proof.BACKGROUND]):
        inside = pixel != proof.BACKGROUND
        if inside and start is None:
            start = x
        elif not inside and start is not None:
            if x - start > 50:
                spans.append((start, x))
            start = None
    return spans


def test_the_sheet_shows_three_pages_of_the_theme_at_one_height(sheet: Path) -> None:
    image = Image.open(sheet).convert("RGB")
    assert image.height == proof.TITLE_HEIGHT + proof.LABEL_HEIGHT + proof.PANEL_HEIGHT + proof.GAP
    spans = panels(image)
    assert len(spans) == 3, spans
    for left, right in spans:  # A4 pages: the same proportions in the three panels
        assert (right - left) / proof.PANEL_HEIGHT == pytest.approx(210 / 297, abs=0.02)
    heading = tuple(int(load_theme("modern").colors.heading[i:i + 2], 16) for i in (1, 3, 5))
    top = proof.TITLE_HEIGHT + proof.LABEL_HEIGHT
    for left, right in spans:
        page = image.crop((left, top, right, top + proof.PANEL_HEIGHT))
        pixels = _pixels(page)
        dark = sum(1 for p in pixels if sum(p) < 200)
        headings = sum(1 for p in pixels if max(abs(a - b) for a, b in zip(p, heading)) < 24)
        assert dark > 2000, "a page without text"
        assert headings > 200, "the theme's heading colour is missing from a panel"


def test_the_panels_are_labelled(sheet: Path) -> None:
    image = Image.open(sheet).convert("RGB")
    for left, right in panels(image):
        label = image.crop((left, proof.TITLE_HEIGHT, right, proof.TITLE_HEIGHT + proof.LABEL_HEIGHT))
        assert any(sum(p) < 150 for p in _pixels(label)), "no label above a panel"


def test_compose_scales_every_page_to_one_height() -> None:
    def png(size: tuple[int, int], color: str) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", size, color).save(buffer, "PNG")
        return buffer.getvalue()

    sheet = proof.compose([("a", png((210, 297), "white")), ("b", png((90, 122), "white")),
                           ("c", png((420, 594), "white"))], "title")
    widths = [right - left for left, right in panels(sheet)]
    assert widths == [pytest.approx(proof.PANEL_HEIGHT * 210 / 297, abs=3),
                      pytest.approx(proof.PANEL_HEIGHT * 90 / 122, abs=3),
                      pytest.approx(proof.PANEL_HEIGHT * 210 / 297, abs=3)]


def test_the_epub_panel_reads_nothing_outside_the_package() -> None:
    fetch = proof._package_fetcher(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
    with pytest.raises(ValueError):
        fetch.fetch("file:///etc/passwd")  # type: ignore[attr-defined]


def test_proof_without_articles_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["proof", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 2
    assert "no articles" in capsys.readouterr().err


def test_labels_use_the_chinese_face_of_the_collection() -> None:
    """Noto Sans CJK is a collection: the labels take its SC face, not the collection's first (JP)."""
    assert proof._font(20).getname()[0] == proof.LABEL_FAMILY
    assert proof._font(20, bold=True).getname() == (proof.LABEL_FAMILY, "Bold")
