"""What the editions state alike about themselves, and the zip the EPUB and DOCX share.

- `edition_time`: when an edition is dated. The article's own date, else SOURCE_DATE_EPOCH, else zip's
  epoch (1980-01-01): never the time of the build, which would make every build differ.
- `site_name`, `running_header`, `print_page_mm`: the publisher, the header line and the page of the
  print editions (PDF and DOCX), so that the two show the same.
- `rezip`: ebooklib and python-docx stamp every zip entry with the current time; their packages are
  rewritten with one fixed date, fixed permissions and a fixed order, so one input gives one byte string.
"""
from __future__ import annotations

import io
import urllib.parse
import zipfile
from datetime import datetime, timedelta, timezone

from ..errors import UsageError
from ..model import Meta
from ..presentation import parse_date
from ..theme import PAGE_SIZES_MM, Theme

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # zip stores no earlier date ...
_ZIP_END = datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc)  # ... and no later one
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--


def as_utc(stamp: datetime) -> datetime:
    """`stamp` in UTC; a time without a zone is read as UTC."""
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=timezone.utc)
    try:
        return stamp.astimezone(timezone.utc)
    except OverflowError:  # year 1 east of Greenwich, year 9999 west of it: no room to shift
        return stamp.replace(tzinfo=timezone.utc)


CHINA_STANDARD_TIME = timezone(timedelta(hours=8))


def edition_time(meta: Meta, source_date_epoch: int | None) -> datetime:
    """When an edition is dated, in UTC, to the second: the article's date, else SOURCE_DATE_EPOCH, else
    zip's epoch. A date without a zone is China Standard Time in a Chinese article (as the PDF writes
    it), UTC otherwise."""
    stamp = parse_date(meta.date) if meta.date else None
    if stamp is not None:
        if stamp.tzinfo is None and meta.lang.lower().startswith("zh"):
            stamp = stamp.replace(tzinfo=CHINA_STANDARD_TIME)
        stamp = as_utc(stamp)
    elif source_date_epoch is not None:
        stamp = datetime.fromtimestamp(source_date_epoch, tz=timezone.utc)
    else:
        stamp = ZIP_EPOCH
    return stamp.replace(microsecond=0)


def site_name(meta: Meta) -> str:
    """The publishing site: its name, else its host name; empty when the article names neither."""
    return meta.source_site or urllib.parse.urlsplit(meta.source_url).hostname or ""


def running_header(meta: Meta, theme: Theme) -> str:
    """The header line of the print editions: the title or the site, as the theme asks (each standing in
    for the other when missing); empty for none."""
    if theme.page.header == "none":
        return ""
    if theme.page.header == "site":
        return site_name(meta) or meta.title
    return meta.title or site_name(meta)


def print_page_mm(theme: Theme, page_size: str | None) -> tuple[float, float]:
    """Width and height of the print page: `page_size` (any case) when given, else the theme's."""
    name = page_size or theme.page.size
    sizes = {key.lower(): value for key, value in PAGE_SIZES_MM.items()}
    if name.lower() not in sizes:
        raise UsageError(f"unknown page size {name!r}; choose from: {', '.join(PAGE_SIZES_MM)}")
    return sizes[name.lower()]


def rezip(package: bytes, stamp: datetime, *, first: str, stored: frozenset[str] = frozenset()) -> bytes:
    """The package's entries in their own (deterministic) order with `first` moved to the front, every one
    dated `stamp` (kept within the dates zip can hold) with Unix permissions 0644, and deflated except
    those named in `stored`."""
    stamp = min(max(as_utc(stamp), ZIP_EPOCH), _ZIP_END)
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
            target.writestr(info, source.read(name),
                            compresslevel=None if name in stored else 9)
    return out.getvalue()
