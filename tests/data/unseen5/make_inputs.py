"""Writes the pictures and DOCX files of `tests/data/unseen5/` (run it from anywhere; the output is committed).

Pictures as a Chinese newsroom's articles carry them: a 750×9000 long infographic (长图), phone photos
whose EXIF Orientation is 6 or 8, CMYK and progressive JPEGs, a 16-bit RGB PNG, a palette PNG with a
transparent index, an animated GIF, WebP, TIFF, BMP, ICO, a 1×1 tracking pixel, a 3000×100 banner, files
whose suffix lies, an empty file, a truncated JPEG, SVGs sized in em or by a viewBox only. And DOCX files
as newsrooms send them (built with python-docx, then edited as WPS/Word write them).
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
PICS = HERE / "pics"


def arrow(size: tuple[int, int], colour: str = "#c0392b") -> Image.Image:
    """A picture whose up is obvious: a dark bar on top, an arrow pointing up."""
    w, h = size
    im = Image.new("RGB", size, "#f4f1e8")
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w, h // 8], fill="#1f3a5f")
    d.polygon([(w // 2, h // 5), (w // 4, h // 2), (3 * w // 4, h // 2)], fill=colour)
    d.rectangle([w // 2 - w // 16, h // 2, w // 2 + w // 16, 7 * h // 8], fill=colour)
    return im


def exif_rotated(orientation: int) -> bytes:
    """An upright arrow stored as a phone stores it: pixels turned, EXIF saying how to turn them back."""
    upright = arrow((400, 300))
    stored = upright.transpose(Image.Transpose.ROTATE_90 if orientation == 6 else Image.Transpose.ROTATE_270)
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def long_infographic() -> Image.Image:
    im = Image.new("RGB", (750, 9000), "#ffffff")
    d = ImageDraw.Draw(im)
    for i in range(30):
        top = i * 300
        d.rectangle([0, top, 749, top + 299], fill=("#e8f0fa" if i % 2 else "#fdf3e3"), outline="#1f3a5f")
        d.rectangle([40, top + 60, 40 + 20 * (i + 1), top + 120], fill="#c0392b")
    d.rectangle([0, 0, 749, 20], fill="#000000")       # top edge marker
    d.rectangle([0, 8979, 749, 8999], fill="#000000")  # bottom edge marker
    return im


def main() -> None:
    PICS.mkdir(exist_ok=True)
    long_infographic().save(PICS / "changtu.png", optimize=True)
    (PICS / "phone-6.jpg").write_bytes(exif_rotated(6))
    (PICS / "phone-8.jpg").write_bytes(exif_rotated(8))
    arrow((320, 240)).convert("CMYK").save(PICS / "cmyk.jpg", "JPEG", quality=85)
    arrow((320, 240)).save(PICS / "progressive.jpg", "JPEG", quality=85, progressive=True)
    # 16-bit per channel RGB: Pillow reads it as 8-bit RGB; written by hand through a 48-bit raw encoder
    import struct, zlib
    w, h = 64, 48
    rows = b"".join(b"\x00" + b"".join(struct.pack(">HHH", 0x8000, 0x2000 + 512 * y, 0xF000) for _ in range(w))
                    for y in range(h))
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    (PICS / "rgb16.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
                                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    palette = arrow((200, 150)).quantize(8)
    palette.info["transparency"] = 0
    palette.save(PICS / "palette-transparent.png", transparency=0)
    logo = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    ImageDraw.Draw(logo).text((20, 40), "LOGO", fill=(20, 20, 20, 255))
    ImageDraw.Draw(logo).rectangle([10, 10, 290, 110], outline=(20, 20, 20, 255), width=6)
    logo.save(PICS / "dark-logo.png")
    frames = [arrow((160, 120), colour) for colour in ("#c0392b", "#27ae60", "#2980b9")]
    frames[0].save(PICS / "animated.gif", save_all=True, append_images=frames[1:], duration=300, loop=0)
    arrow((320, 240)).save(PICS / "photo.webp", "WEBP", quality=80)
    arrow((320, 240)).convert("CMYK").save(PICS / "scan.tif", "TIFF", compression="tiff_lzw")
    arrow((160, 120)).save(PICS / "chart.bmp", "BMP")
    arrow((320, 240)).save(PICS / "photo.avif", "AVIF", quality=60)
    arrow((64, 64)).save(PICS / "favicon.ico", "ICO", sizes=[(16, 16), (32, 32), (64, 64)])
    Image.new("RGBA", (1, 1), (0, 0, 0, 0)).save(PICS / "pixel.gif", "GIF", transparency=0)
    banner = Image.new("RGB", (3000, 100), "#1f3a5f")
    ImageDraw.Draw(banner).rectangle([0, 40, 3000, 60], fill="#f1c40f")
    banner.save(PICS / "banner.png")
    png = io.BytesIO()
    arrow((320, 240)).save(png, "PNG")
    (PICS / "really-png.jpg").write_bytes(png.getvalue())
    (PICS / "not-found.png").write_bytes(b"<html><head><title>404 Not Found</title></head>"
                                         b"<body><h1>404 Not Found</h1><hr>nginx</body></html>\n")
    (PICS / "empty.png").write_bytes(b"")
    jpeg = io.BytesIO()
    arrow((320, 240)).save(jpeg, "JPEG", quality=85)
    (PICS / "truncated.jpg").write_bytes(jpeg.getvalue()[: len(jpeg.getvalue()) // 2])
    (PICS / "em-sized.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20em" height="10em" viewBox="0 0 200 100">'
        '<rect width="200" height="100" fill="#1f3a5f"/><circle cx="100" cy="50" r="30" fill="#f1c40f"/></svg>',
        encoding="utf-8")
    (PICS / "viewbox-only.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">'
        '<rect width="300" height="100" fill="#27ae60"/><rect x="20" y="20" width="60" height="60" fill="#fff"/></svg>',
        encoding="utf-8")


if __name__ == "__main__":
    main()
