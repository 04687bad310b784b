"""Reproducible EPUB containers.

ebooklib 0.20 stamps every zip entry with the current time (its `mtime` option reaches only
`dcterms:modified`), so its output is repacked here: `mimetype` first and stored, then the other
entries in ebooklib's (deterministic) order, every one with the same fixed date and attributes.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime

MIMETYPE = b"application/epub+zip"
_FILE_MODE = 0o100644 << 16


def repack(data: bytes, stamp: datetime) -> bytes:
    """The same entries with fixed timestamps, permissions and order; `mimetype` first, uncompressed."""
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = [info.filename for info in source.infolist() if info.filename != "mimetype"]
        _write(target, "mimetype", MIMETYPE, date_time, zipfile.ZIP_STORED)
        for name in names:
            _write(target, name, source.read(name), date_time, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _write(target: zipfile.ZipFile, name: str, data: bytes, date_time: tuple[int, ...], method: int) -> None:
    info = zipfile.ZipInfo(name, date_time=date_time)  # type: ignore[arg-type]
    info.compress_type = method
    info.create_system = 3  # Unix, whatever machine builds it
    info.external_attr = _FILE_MODE
    target.writestr(info, data, compress_type=method, compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
