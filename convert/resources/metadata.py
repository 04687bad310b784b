"""A JPEG's or PNG's own bytes without what they say besides their pixels, changed in nothing else.

A reporter's phone photo carries its EXIF (the place it was taken, the phone, a thumbnail of the picture
before it was cropped), XMP, IPTC and comments; none of it belongs in an edition, which may name a source
the newsroom protects. Drawing the picture again drops it too, but a JPEG drawn again loses detail and
grows (64 KB became 95 KB at quality 88). Here the file is walked segment by segment (JPEG, ITU T.81 B.1)
or chunk by chunk (PNG, ISO 15948 5.3) and only what draws the picture is kept: the coded image, its
tables, its colour profile and, for JPEG, the JFIF and Adobe headers that say how to read its colours.
Anything not understood gives None, and the caller draws the picture again as before.
"""
from __future__ import annotations

_SOI, _EOI = b"\xff\xd8", b"\xff\xd9"
_SOS = 0xDA
_RESTARTS = range(0xD0, 0xD8)  # markers that stand alone, without a length
# Frames every reader decodes: baseline, extended sequential, progressive (Huffman coded). Arithmetic
# coding, lossless and hierarchical JPEG decode in libjpeg but not in every browser: drawn again.
_COMMON_FRAMES = {0xC0, 0xC1, 0xC2}
_OTHER_FRAMES = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# Application segments that say how to read the pixels; every other APPn (EXIF, XMP, IPTC, MPF, JFXX
# thumbnails, makers' notes) and comments (COM) are left out.
_KEPT_APPLICATION = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}
_COMMENT = 0xFE

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Critical chunks and those that change how the pixels look; text (tEXt, zTXt, iTXt), eXIf, tIME,
# animation (acTL, fcTL, fdAT: the still image stays) and private chunks are left out.
_KEPT_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
                b"pHYs", b"bKGD"}


def without_metadata(data: bytes, fmt: str) -> bytes | None:
    """`data` (a Pillow format name, JPEG or PNG) less its metadata; None when its structure is not
    the plain one this understands."""
    if fmt == "JPEG":
        return _jpeg(data)
    if fmt == "PNG":
        return _png(data)
    return None


def _jpeg(data: bytes) -> bytes | None:
    if not data.startswith(_SOI):
        return None
    kept = [_SOI]
    at, size, framed = 2, len(data), False
    while at + 1 < size:
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
            continue
        if marker == _EOI[1]:  # whatever follows (a phone's depth map, a second picture) is left out
            return b"".join(kept) + _EOI if framed else None
        if marker in _RESTARTS or marker == 0x01:
            return None  # outside coded data: not a file this understands
        if marker in _OTHER_FRAMES:
            return None
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        if end > size or end < at + 4:
            return None
        framed |= marker in _COMMON_FRAMES
        if _kept_segment(marker, data[at + 4:end]):
            kept.append(data[at:end])
        at = end
        if marker == _SOS:
            coded_end = _coded_data_end(data, at)
            if coded_end is None:
                return None
            kept.append(data[at:coded_end])
            at = coded_end
    return None  # no end of image


def _kept_segment(marker: int, payload: bytes) -> bool:
    if 0xE0 <= marker <= 0xEF:
        wanted = _KEPT_APPLICATION.get(marker)
        return wanted is not None and payload.startswith(wanted)
    return marker != _COMMENT


def _coded_data_end(data: bytes, at: int) -> int | None:
    """Where a scan's entropy-coded data ends: at the first 0xFF that is not a stuffed byte (FF 00), a
    restart marker or a fill byte."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return None
        following = data[at + 1]
        if following == 0x00 or following in _RESTARTS:
            at += 2
        elif following == 0xFF:
            at += 1
        else:
            return at


def _png(data: bytes) -> bytes | None:
    if not data.startswith(_PNG_SIGNATURE):
        return None
    kept = [_PNG_SIGNATURE]
    at, size = len(_PNG_SIGNATURE), len(data)
    while at + 12 <= size:
        end = at + 12 + int.from_bytes(data[at:at + 4], "big")  # length, type, data, CRC
        if end > size:
            return None
        kind = data[at + 4:at + 8]
        if kind in _KEPT_CHUNKS:
            kept.append(data[at:end])
        if kind == b"IEND":
            return b"".join(kept)
        at = end
    return None
