"""The zip the EPUB and DOCX editions share: ebooklib and python-docx stamp every entry with the current
time; `rezip` rewrites their packages with one fixed date (`dates.edition_time`), fixed permissions
and a fixed order, so one input gives one byte string.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Callable, Mapping

from ..dates import ZIP_END, ZIP_EPOCH, as_utc

_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--


def rezip(package: bytes, stamp: datetime, *, first: str, stored: frozenset[str] = frozenset(),
          rewrite: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The package's entries in their own (deterministic) order with `first` moved to the front, every one
    dated `stamp` (kept within the dates zip can hold) with Unix permissions 0644, and deflated except
    those named in `stored`; an entry named in `rewrite` is replaced by what its function makes of it."""
    rewrite = rewrite or {}
    stamp = min(max(as_utc(stamp), ZIP_EPOCH), ZIP_END)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        names.sort(key=lambda name: name != first)
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = _FILE_MODE
            data = source.read(name)
            target.writestr(info, rewrite[name](data) if name in rewrite else data,
                            compresslevel=None if name in stored else 9)
    return out.getvalue()
