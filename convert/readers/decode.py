"""Bytes of a text article to str: BOMs, UTF-16 without one, UTF-8, then GB18030/GBK/Big5 and other
legacy encodings (Japanese Shift-JIS and EUC-JP, Korean EUC-KR, Windows-1252).

A text with a few control bytes (a NUL from a broken editor, a form feed, NUL padding left by a crash)
is still a text: they are removed with a warning naming the file. Only input that is mostly not text
(an image, an archive, UTF-16 gone wrong) is refused as binary.
"""
from __future__ import annotations

import codecs
import contextlib
import unicodedata
from pathlib import Path


from ..errors import ConvertError, warn

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings a newsroom meets; charset-normalizer picks among them by how the text reads.
_LEGACY = ["gb18030", "big5", "big5hkscs", "shift_jis", "euc_jp", "euc_kr", "cp1252"]  # Hong Kong's Big5 too (`𨋢`, `邨`)
_MAX_CHAOS = 0.25
_SAMPLE = 64 * 1024  # bytes looked at to tell text from binary
# Control characters no article means: C0 but tab, newline, carriage return and form feed; DEL.
_CONTROL = frozenset([*range(0, 9), 11, *range(14, 32), 127])
_CONTROL_TABLE = dict.fromkeys(_CONTROL)
# Line and paragraph separators, read as the newlines they mean before pandoc sees the text (U+2028 was a
# box in the PDF and raw in the other editions): vertical tab, next line (NEL) and U+2028 end a line; form
# feed (a page break) and U+2029 end a paragraph.
_SEPARATORS = {0x0B: "\n", 0x85: "\n", 0x2028: "\n", 0x0C: "\n\n", 0x2029: "\n\n"}
# ... and, once decoded, C1 controls (U+0080-U+009F but NEL) are stray control characters too
_TEXT_CONTROL = frozenset([*(c for c in _CONTROL if c not in _SEPARATORS), *range(0x80, 0x85), *range(0x86, 0xA0)])
_TEXT_CONTROL_TABLE = dict.fromkeys(_TEXT_CONTROL)
_MOSTLY_CONTROL = 0.30  # more control bytes than this is no text at all
_SOME_CONTROL = 0.02  # ... and more than this with little valid UTF-8 is binary data
_MOSTLY_INVALID = 0.30


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode an article's bytes, normalise newlines, remove stray control characters (with a
    warning), and refuse empty or binary input."""
    notes: list[str] = []
    text = _decode(data, path, notes)
    for note in notes:  # told once the text is read: a refused file is refused in one line
        warn(note)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SEPARATORS)
    if not text.strip():
        raise ConvertError(path, "the file is empty (nothing but white space)")
    found = [ch for ch in text if ord(ch) in _TEXT_CONTROL]
    if len(found) > len(text) * _MOSTLY_CONTROL:
        raise ConvertError(path, "the file looks binary, not a text article")
    if found:
        warn(f"{path}: removed {len(found)} control character(s) from the text ({_named(map(ord, found))})")
        text = text.translate(_TEXT_CONTROL_TABLE)
        if not text.strip():
            raise ConvertError(path, "the file is empty (nothing but white space and control characters)")
    return text


def _decode(data: bytes, path: Path | str, notes: list[str]) -> str:
    if not data.strip():
        raise ConvertError(path, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ConvertError(path, f"cannot decode as {encoding} despite its byte-order mark ({exc.reason})") from None
    if (utf16 := _utf16_without_bom(data)) is not None:
        return utf16
    text_part = data.rstrip(b"\x00")  # NUL padding after the text: what a crash or a pre-allocating editor leaves
    if not text_part.strip():
        raise ConvertError(path, "the file is empty (nothing but NUL bytes)")
    if _looks_binary(text_part[:_SAMPLE]):
        raise ConvertError(path, "the file looks binary, not a text article")
    if len(text_part) < len(data):
        notes.append(f"{path}: removed {len(data) - len(text_part)} NUL byte(s) padding the end of the file")
        data = text_part
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if len(data.decode("ascii", errors="ignore")) * 10 >= len(data) * 9:
        # Mostly ASCII (English with a few Chinese words): too little for charset-normalizer to judge, and
        # Latin encodings read anything. Bytes that all pair up as GB2312 characters are Chinese.
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("gb2312")
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    intact = sum(1 for ch in lenient if ord(ch) > 127) - damaged
    if damaged * 200 <= len(lenient) and intact > damaged:  # UTF-8 with a few broken bytes (a cut-off paste)
        notes.append(f"{path}: {damaged} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
        return lenient
    if stripped := sum(data.count(byte) for byte in _CONTROL):  # they would mislead the detector
        notes.append(f"{path}: removed {stripped} control character(s) from the text "
                     f"({_named(byte for byte in data if byte in _CONTROL)})")
        data = data.translate(None, bytes(_CONTROL))
    from charset_normalizer import from_bytes  # imported for the rare text that is not UTF-8

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise ConvertError(path, "cannot decode the text: not UTF-8, UTF-16 or a known legacy encoding (GB18030, Big5, Shift-JIS, EUC-JP, ...)")
    return str(best)


_ABBREVIATIONS = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL"}


def _named(codes: object) -> str:
    """The distinct control characters among `codes` (code points), up to three, for a warning."""
    distinct = list(dict.fromkeys(codes))  # type: ignore[call-overload]
    names = [f"U+{code:04X}" + (f" {_ABBREVIATIONS[code]}" if code in _ABBREVIATIONS else "")
             for code in distinct[:3]]
    return ", ".join(names) + (" and others" if len(distinct) > 3 else "")


def _looks_binary(sample: bytes) -> bool:
    """Mostly control bytes, or some control bytes among bytes that are not UTF-8: what images,
    archives and other binary files look like, and text never does."""
    control = sum(1 for byte in sample if byte in _CONTROL)
    if control > len(sample) * _MOSTLY_CONTROL:
        return True
    if control <= len(sample) * _SOME_CONTROL:
        return False
    lenient = sample.decode("utf-8", errors="replace")
    return lenient.count("\ufffd") > len(lenient) * _MOSTLY_INVALID


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: each ASCII-range character leaves a NUL in its
    high byte, on the odd offsets (little-endian) or the even ones (big-endian), and none on the others.
    English text has them in every other byte; Chinese text only where a newline, a space or a Latin
    letter stands, so a few NULs all on one side, in bytes that are no UTF-8, are UTF-16 too when they
    decode to text with lines and no unassigned or private characters."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    mostly_ascii = max(even, odd) >= half * 0.3 and min(even, odd) <= half * 0.02
    if not mostly_ascii and (min(even, odd) or not max(even, odd) or _is_utf8(data)):
        return None
    try:
        text = data.decode("utf-16-be" if even > odd else "utf-16-le")
    except UnicodeDecodeError:
        return None
    control = sum(1 for ch in text if ord(ch) in _CONTROL)
    if control > len(text) * _SOME_CONTROL:
        return None
    if not mostly_ascii and ("\n" not in text.rstrip("\x00")
                             or any(unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in text)):
        return None
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
