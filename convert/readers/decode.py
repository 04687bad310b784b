"""Bytes of a text article to str: BOMs, UTF-8, then GB18030/GBK/Big5 and other legacy encodings."""
from __future__ import annotations

import codecs
import contextlib
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import ConvertError, warn

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings a newsroom meets; charset-normalizer picks among them by how the text reads.
_LEGACY = ["gb18030", "big5", "shift_jis", "euc_kr", "cp1252"]
_MAX_CHAOS = 0.25


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode an article's bytes, normalise newlines, and refuse empty or binary input."""
    text = _decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ConvertError(path, "the file is empty (nothing but white space)")
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f")
    if bad > max(8, len(text) // 100):
        raise ConvertError(path, "the file looks binary, not a text article")
    return text


def _decode(data: bytes, path: Path | str) -> str:
    if not data.strip():
        raise ConvertError(path, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ConvertError(path, f"cannot decode as {encoding} despite its byte-order mark ({exc.reason})") from None
    if b"\x00" in data[:4096]:
        raise ConvertError(path, "the file looks binary (NUL bytes and no UTF-16 byte-order mark)")
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
        warn(f"{path}: {damaged} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
        return lenient
    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise ConvertError(path, "cannot decode the text: not UTF-8, UTF-16 or a known legacy encoding (GB18030, Big5, ...)")
    return str(best)
