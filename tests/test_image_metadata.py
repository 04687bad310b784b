"""Pictures keep their own coded bytes and lose their metadata (`resources/metadata.py`).

A JPEG used to be drawn again at quality 88 whatever it was (Pillow's `exif_transpose` returns a copy even
for an upright picture, which read as "needs work"): it lost detail and grew by half. Its metadata (a
phone's GPS position, a comment, XMP) must still never reach an edition.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, ImageDraw

from convert import registry
from convert.builder import Options, convert
from convert.resources.images import prepare_image
from convert.resources.metadata import without_metadata

import formats

SECRET = "SECRET-PLACE-31.2304N"


def _photo(**save: object) -> bytes:
    picture = Image.new("RGB", (320, 200), "#3a6ea5")
    draw = ImageDraw.Draw(picture)
    for x in range(0, 320, 7):
        draw.line((x, 0, 320 - x, 200), fill=(x % 255, 90, 200 - x % 200), width=3)
    exif = Image.Exif()
    exif[0x010E] = SECRET  # ImageDescription
    exif[0x0110] = "Phone 12"  # Model
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92, exif=exif, comment=SECRET.encode(),
                 icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(), **save)
    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>" + SECRET.encode() + b"</x:xmpmeta>"
    data = out.getvalue()
    segment = b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp
    return data[:2] + segment + data[2:] + b"\xff\xd8trailing second picture " + SECRET.encode()


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as picture:
        return picture.convert("RGB").tobytes()


@pytest.mark.parametrize("save", [{}, {"progressive": True}, {"restart_marker_blocks": 2}],
                         ids=["baseline", "progressive", "restarts"])
def test_a_jpeg_keeps_its_coded_bytes_and_loses_its_metadata(save: dict[str, object]) -> None:
    source = _photo(**save)
    prepared = prepare_image(source)
    assert prepared.media_type == "image/jpeg" and (prepared.width, prepared.height) == (320, 200)
    assert SECRET.encode() not in prepared.data and b"Phone 12" not in prepared.data
    assert _pixels(prepared.data) == _pixels(source)  # not drawn again: the very same pixels
    assert len(prepared.data) < len(source)
    with Image.open(io.BytesIO(prepared.data)) as picture:
        assert picture.info.get("icc_profile")  # how to read its colours stays
        assert not picture.getexif()
        picture.load()


def test_a_png_loses_its_text_and_exif_chunks() -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("Description", SECRET, zip=True)
    exif = Image.Exif()
    exif[0x010E] = SECRET
    out = io.BytesIO()
    picture = Image.new("RGBA", (60, 40), (200, 30, 30, 128))
    picture.save(out, "PNG", pnginfo=info, exif=exif)
    prepared = prepare_image(out.getvalue())
    assert prepared.media_type == "image/png" and SECRET.encode() not in prepared.data
    assert _pixels(prepared.data) == _pixels(out.getvalue())
    with Image.open(io.BytesIO(prepared.data)) as kept:
        assert not kept.text and not kept.getexif()


@pytest.mark.parametrize("mode", ["RGB", "CMYK"])
def test_a_photo_drawn_again_loses_its_metadata_too(mode: str) -> None:
    """Turned (EXIF orientation 6) or in CMYK, a photo is drawn again, and Pillow would write its comment
    and XMP into the new file."""
    picture = Image.new(mode, (300, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # turned: shown rotated 90° clockwise
    exif[0x010E] = SECRET
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, comment=SECRET.encode(), xmp=b"<x:xmpmeta>" + SECRET.encode() + b"</x:xmpmeta>")
    prepared = prepare_image(out.getvalue())
    assert (prepared.width, prepared.height) == (100, 300) and SECRET.encode() not in prepared.data


def test_what_the_walk_does_not_understand_is_drawn_again() -> None:
    source = _photo()
    frame = source.index(b"\xff\xc0")
    arithmetic = source[:frame] + b"\xff\xc9" + source[frame + 2:]  # arithmetic coding: not every browser reads it
    assert without_metadata(arithmetic, "JPEG") is None
    assert without_metadata(source[:len(source) // 2], "JPEG") is None  # no end of image
    assert without_metadata(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", "PNG") is None  # cut short
    assert without_metadata(source, "GIF") is None


@pytest.mark.parametrize("fmt", registry.names())
def test_no_edition_carries_a_photos_metadata(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "article"
    folder.mkdir()
    (folder / "photo.jpg").write_bytes(_photo())
    article = folder / "article.md"
    article.write_text("# 港口\n\n正文第一段。\n\n![码头](photo.jpg)\n\n（图：码头）\n", encoding="utf-8")
    data = convert(article, to=fmt, options=Options(offline=True))
    reader = formats.of(fmt)
    assert SECRET not in reader.carried(data)  # type: ignore[arg-type]
    assert "Phone 12" not in reader.carried(data)  # type: ignore[arg-type]


def test_a_kept_jpeg_is_still_checked_whole() -> None:
    """A JPEG kept as it is is checked at an eighth of its size (`draft`), which reads all its coded data:
    a cut one is still refused, and one the walk does not understand is drawn again at its full size."""
    from convert.resources.images import ResourceError

    source = _photo()
    end = source.index(b"\xff\xd9") + 2
    with pytest.raises(ResourceError, match="truncated or damaged"):
        prepare_image(source[:int(end * 0.6)])
    plain = io.BytesIO()
    Image.new("RGB", (320, 200), "#3a6ea5").save(plain, "JPEG", quality=90)
    no_end = prepare_image(plain.getvalue()[:-2])  # no end-of-image marker: libjpeg reads it, the walk does not
    assert (no_end.width, no_end.height) == (320, 200) and no_end.data.endswith(b"\xff\xd9")
    with Image.open(io.BytesIO(no_end.data)) as drawn:
        assert drawn.size == (320, 200)


_SAMPLES = {"JPEG": _photo(progressive=True), "PNG": None}


def _png_sample() -> bytes:
    out = io.BytesIO()
    Image.new("P", (40, 30), 3).save(out, "PNG", transparency=0)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(fmt=st.sampled_from(["JPEG", "PNG"]), cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=6)),
                                                          max_size=4))
def test_the_walk_takes_any_bytes(fmt: str, cuts: list[tuple[int, bytes]]) -> None:
    """Damaged files (bytes replaced, cut, inserted): the walk ends, with bytes or None, never an error."""
    data = bytearray(_SAMPLES["JPEG"] if fmt == "JPEG" else _png_sample())
    for at, piece in cuts:
        at %= len(data) + 1
        data[at:at + len(piece) % 3] = piece
    kept = without_metadata(bytes(data), fmt)
    assert kept is None or isinstance(kept, bytes)
