"""Image bytes made safe for every writer: PNG or JPEG, bounded in bytes and pixels, upright, not too large,
without metadata (`metadata`).

Pillow checks and normalises what the gate read (decompression bombs and truncated or corrupt files
are refused); SVG is rasterised by CairoSVG with outside access off; inline `data:image` URLs are
decoded here. Whatever cannot be used raises `ResourceError`, which the gate turns into a `Placeholder`.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import io
import threading
import warnings
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ExifTags, ImageFile, ImageOps

from .metadata import without_metadata

MAX_IMAGE_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000  # beyond this an image is treated as a decompression bomb
MAX_EDGE = 2400  # larger images are scaled down: no edition needs more
# A long picture (长图, a phone-width infographic many screens tall) keeps its width up to a phone
# screenshot's: scaled by its long edge alone, 750×9000 px became 200×2400 and its text unreadable.
LONG_PICTURE_WIDTH = 1080
MAX_KEPT_PIXELS = 8_000_000  # what a long picture may keep after scaling
LONG_PICTURE_RATIO = 2.5  # taller than this for its width: a long picture (a phone's screenshot is up to 2.22)
# A long picture that, shown as tall as a page allows (`tall_ratio`), is still this share of the text
# width is shown whole so, on one page, no cut through a line of it: the bar a picture shown at the
# figure height meets (`is_long`), where a 750 px infographic's 28 px letters are 2 mm, a caption's
# size, on an A4 page. Narrower, it is cut into pieces shown at the text width.
TALL_PICTURE_WIDTH = 1 / 3
TALL_PAGE_SHARE = 0.8  # of a page's text height, the most a whole long picture takes (its caption under it)
_OUTPUT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
_STRICT_LOADING = threading.Lock()


@dataclass(frozen=True)
class Image:
    """Image bytes ready for a writer: PNG or JPEG, with pixel size and a stable file name."""

    data: bytes
    media_type: str
    width: int
    height: int

    @property
    def name(self) -> str:
        suffix = ".png" if self.media_type == "image/png" else ".jpg"
        return "img-" + hashlib.sha1(self.data).hexdigest()[:12] + suffix


@dataclass(frozen=True)
class Placeholder:
    """Stands in for an image that could not be used; `reason` says why."""

    src: str
    reason: str


class ResourceError(Exception):
    pass


def too_large() -> ResourceError:
    return ResourceError(f"larger than {MAX_IMAGE_BYTES // 1048576} MiB")


def prepare_image(data: bytes) -> Image:
    """Check and normalise image bytes into PNG or JPEG, refusing bombs and broken files."""
    if _looks_like_svg(data):
        data = _rasterise_svg(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            picture = PILImage.open(io.BytesIO(data))
            if picture.format in ("WMF", "EMF"):  # Pillow draws them only on Windows
                raise ResourceError(f"a Windows metafile ({picture.format}: Office's drawings and pasted charts), "
                                    "which cannot be drawn here: save it as PNG")
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise ResourceError(f"{width}×{height} pixels is over the {MAX_PIXELS // 1_000_000} MP limit")
            if picture.format == "JPEG" and not _drawn_again(picture, width, height):
                # Kept as it is: checked at an eighth of its size, which still reads all of its coded data.
                picture.draft(picture.mode, (max(1, width // 8), max(1, height // 8)))
            with _STRICT_LOADING:
                saved, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
                try:
                    picture.load()  # WeasyPrint turns truncated loading on globally; we want the error
                finally:
                    ImageFile.LOAD_TRUNCATED_IMAGES = saved
        except ResourceError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ResourceError("too many pixels (decompression bomb)") from None
        except PILImage.UnidentifiedImageError:
            raise ResourceError(_not_an_image(data)) from None
        except Exception as exc:  # Pillow raises many types for corrupt data
            raise ResourceError(f"not a readable image: truncated or damaged ({type(exc).__name__})") from None
    fmt = picture.format or ""
    if not _drawn_again(picture, width, height):
        kept = without_metadata(data, fmt)  # the file's own bytes: a JPEG drawn again loses detail
        if kept is not None:
            return Image(kept, _OUTPUT_TYPES[fmt], width, height)
        if picture.size != (width, height):  # checked at a smaller size (`draft`): read again, whole
            picture = PILImage.open(io.BytesIO(data))
            picture.load()
    picture = ImageOps.exif_transpose(picture)  # drawn again: upright, and without its metadata
    scale = _scale(*picture.size)
    if scale < 1 and max(picture.size) * scale <= MAX_EDGE:
        picture.thumbnail((MAX_EDGE, MAX_EDGE))  # as before long pictures kept their width: the same bytes
    elif scale < 1:
        picture = picture.resize((max(1, round(picture.size[0] * scale)), max(1, round(picture.size[1] * scale))),
                                 PILImage.Resampling.BICUBIC, reducing_gap=2.0)
    out = io.BytesIO()
    if fmt == "JPEG" and picture.mode in ("RGB", "L", "CMYK"):
        picture.convert("RGB" if picture.mode == "CMYK" else picture.mode).save(out, "JPEG", quality=88)
        fmt = "JPEG"
    else:
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            picture = _eight_bit_grey(picture).convert("RGBA")
        picture.save(out, "PNG", optimize=False)
        fmt = "PNG"
    drawn = out.getvalue()  # Pillow writes a JPEG's comment and XMP again: left out here too
    return Image(without_metadata(drawn, fmt) or drawn, _OUTPUT_TYPES[fmt], picture.size[0], picture.size[1])


def _drawn_again(picture: PILImage.Image, width: int, height: int) -> bool:
    """Whether a picture must be drawn again (another format or mode, turned, too large); else its own
    bytes are kept. A JPEG's EXIF is read with its header; other formats' may need the picture loaded."""
    turned = picture.getexif().get(ExifTags.Base.Orientation, 1) in range(2, 9)  # what exif_transpose turns
    return (picture.format not in _OUTPUT_TYPES or turned or _scale(width, height) < 1
            or picture.mode not in ("RGB", "RGBA", "L", "P", "LA"))


def _scale(width: int, height: int) -> float:
    """How much a picture is scaled down: to MAX_EDGE on its long edge, except that a tall one keeps its
    width up to LONG_PICTURE_WIDTH (and MAX_KEPT_PIXELS in all): editions show it cut into pieces at
    the text width (`pieces`). A wide one needs no more than MAX_EDGE across the text."""
    scale = min(1.0, MAX_EDGE / max(width, height))
    if height > width and width * scale < LONG_PICTURE_WIDTH:
        scale = max(scale, min(1.0, LONG_PICTURE_WIDTH / width, (MAX_KEPT_PIXELS / (width * height)) ** 0.5))
    return scale


def is_long(image: Image, max_ratio: float) -> bool:
    """Too tall to show whole at the figure height (`max_ratio`: its height over the text width) and
    be a third of the text width or more, and taller than LONG_PICTURE_RATIO times its width (a
    portrait photo, a phone's screenshot are not long)."""
    return max_ratio > 0 and image.height > image.width * max(max_ratio * 3, LONG_PICTURE_RATIO)


def shown_tall(image: Image, max_ratio: float, tall_ratio: float) -> bool:
    """A long picture shown whole, up to `tall_ratio` times the text width tall (most of a page, where
    the figure height is less than half of one): there it is TALL_PICTURE_WIDTH of the text width or more."""
    return is_long(image, max_ratio) and tall_ratio > 0 and image.width * tall_ratio >= image.height * TALL_PICTURE_WIDTH


def pieces(image: Image, max_ratio: float, tall_ratio: float = 0.0) -> tuple[Image, ...]:
    """A long picture cut across into pieces at most half `max_ratio` times as tall as wide, so that each
    shows at the full text width and a page (or a screen) can end between two of them; scaled whole
    to the edition's figure height, a 750×9000 px 长图 was a strip 2 cm wide. A picture stays whole
    when it is not long (`is_long`), and when it is `shown_tall` (cut, a 750×2400 px one was three
    pieces at the full width over two pages, each cut through its text)."""
    if not is_long(image, max_ratio) or shown_tall(image, max_ratio, tall_ratio):
        return (image,)
    count = -(-image.height // max(1, int(image.width * max_ratio / 2)))  # half-height pieces fill a page better
    picture = PILImage.open(io.BytesIO(image.data))
    picture.load()
    out: list[Image] = []
    for index in range(count):
        top, bottom = image.height * index // count, image.height * (index + 1) // count
        piece = picture.crop((0, top, image.width, bottom))
        buffer = io.BytesIO()
        if image.media_type == "image/jpeg":
            piece.save(buffer, "JPEG", quality=88)
        else:
            piece.save(buffer, "PNG")
        out.append(Image(buffer.getvalue(), image.media_type, image.width, bottom - top))
    return tuple(out)


_DEEP_GREY = ("I;16", "I;16B", "I;16L", "I;16N", "I", "F")


def _eight_bit_grey(picture: PILImage.Image) -> PILImage.Image:
    """A 16-bit, 32-bit or floating-point grey picture as 8-bit grey (others as they are). Pillow's
    `convert` clips such values at 255, so a 16-bit scan came out nearly white: 16-bit values are
    scaled by 1/257 (their tones kept), wider or float ones from their own darkest to lightest."""
    if picture.mode not in _DEEP_GREY:
        return picture
    low, high = picture.getextrema()
    if picture.mode == "F" or low < 0 or high > 65535:
        scale = 255 / (high - low) if high > low else 0.0
        offset = -low * scale
    else:
        scale, offset = 1 / 257, 0.0
    wide = picture.convert("F" if picture.mode == "F" else "I")
    return wide.point(lambda value: value * scale + offset).convert("L")


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}


def _not_an_image(data: bytes) -> str:
    """Why bytes Pillow cannot open are no picture, in the words an editor can act on."""
    head = data[:512].lstrip().lower()
    if not head:
        return "an empty file, not an image"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<h1", b"<title")) or b"<html" in head:
        return "a web page (an error page?), not an image"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "a HEIC/HEIF photo (as phones save them), which this installation cannot read: save it as JPEG"
    if data.startswith(b"%PDF-"):
        return "a PDF document, not an image"
    return "not an image (or of a format Pillow cannot read)"


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4096].lower())


def _rasterise_svg(data: bytes) -> bytes:
    try:
        import cairosvg
        return cairosvg.svg2png(bytestring=data, unsafe=False, output_width=1600)
    except Exception as exc:  # malformed SVG, missing cairo
        raise ResourceError(f"cannot render the SVG ({type(exc).__name__})") from None


def data_url(src: str) -> bytes:
    """The bytes of an inline `data:image/...;base64,` image: part of the article itself."""
    header, _, payload = src.partition(",")
    if not header.lower().startswith("data:image/") or not header.lower().endswith(";base64"):
        raise ResourceError("only base64 data:image/... URLs are accepted")
    if len(payload) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        raise too_large()
    try:
        return base64.b64decode(payload, validate=False)
    except (ValueError, binascii.Error):
        raise ResourceError("the data: URL is not valid base64") from None


def short(src: str) -> str:
    return src if len(src) <= 100 else src[:97] + "..."
