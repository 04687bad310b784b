"""The one date and time-zone policy of every edition.

An article's date (`Meta.date`) is ISO 8601 as the reader found it: a day (`2024-11-18`), a local time
(`2024-11-18T09:42`), or a time with its zone (`2024-11-18T09:42+08:00`, `...Z`).

- A time without a zone is the local time of the article's language when that language is written in
  one zone: Chinese (mainland, Taiwan, Hong Kong and Macau all keep UTC+08:00). Otherwise its zone is
  unknown, and it is an instant only for the package's timestamps, which read it as UTC.
- A day is a calendar date, never moved between zones.
- Readers see the date as the article states it (`format_date`), never converted.
- Metadata (PDF CreationDate, EPUB dc:date) carries a W3C date-time with the offset when the instant is
  known, else the day (`published`, `created`).
- Package timestamps (zip entries, dcterms:modified, DOCX created) are UTC: the article's date, else
  SOURCE_DATE_EPOCH, else 1980-01-01 (zip's epoch), never the time of the build (`edition_time`).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .model import Meta
from .scripts import is_chinese

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # zip stores no earlier date ...
ZIP_END = datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc)  # ... and no later one
UTC_PLUS_8 = timezone(timedelta(hours=8))  # China Standard Time; also Taiwan, Hong Kong and Macau


def parse_date(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def has_time(iso: str) -> bool:
    return "T" in iso or " " in iso.strip()


def language_zone(lang: str) -> timezone | None:
    """The zone a zone-less time of an article in `lang` is in, when the language implies one."""
    return UTC_PLUS_8 if is_chinese(lang) else None


def instant(meta: Meta) -> datetime | None:
    """The article's date as an aware date-time, when it gives a time and its zone is known."""
    stamp = parse_date(meta.date) if meta.date else None
    if stamp is None or not has_time(meta.date):
        return None
    if stamp.tzinfo is None:
        zone = language_zone(meta.lang)
        return stamp.replace(tzinfo=zone) if zone else None
    return stamp


def as_utc(stamp: datetime) -> datetime:
    """`stamp` in UTC; a time without a zone is read as UTC."""
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=timezone.utc)
    try:
        return stamp.astimezone(timezone.utc)
    except OverflowError:  # year 1 east of Greenwich, year 9999 west of it: no room to shift
        return stamp.replace(tzinfo=timezone.utc)


def w3c(stamp: datetime) -> str:
    """`2024-11-18T09:42:00+08:00` (`Z` for UTC): W3CDTF, which PDF and EPUB metadata both take."""
    offset = stamp.strftime("%z")
    zone = "Z" if offset in ("+0000", "") else f"{offset[:3]}:{offset[3:]}"
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + zone


def published(meta: Meta) -> str:
    """The publication date for metadata: the instant in W3CDTF, else the day; empty when unknown."""
    if (stamp := instant(meta)) is not None:
        return w3c(stamp)
    parsed = parse_date(meta.date) if meta.date else None
    return parsed.strftime("%Y-%m-%d") if parsed is not None else ""


def created(meta: Meta, source_date_epoch: int | None) -> str:
    """When an edition was made, for metadata: the publication date, else SOURCE_DATE_EPOCH; empty when
    neither is known (a writer then says nothing rather than the time of the build)."""
    if text := published(meta):
        return text
    if source_date_epoch is not None:
        return w3c(datetime.fromtimestamp(source_date_epoch, timezone.utc))
    return ""


def edition_time(meta: Meta, source_date_epoch: int | None) -> datetime:
    """When an edition is dated in its package, in UTC, to the second: the article's date, else
    SOURCE_DATE_EPOCH, else zip's epoch."""
    stamp = instant(meta) or (parse_date(meta.date) if meta.date else None)
    if stamp is not None:
        stamp = as_utc(stamp)
    elif source_date_epoch is not None:
        stamp = datetime.fromtimestamp(source_date_epoch, tz=timezone.utc)
    else:
        stamp = ZIP_EPOCH
    return stamp.replace(microsecond=0)


def format_date(iso: str, lang: str) -> str:
    """`2023年10月30日 10:57` in Chinese, `30 October 2023, 10:57` in English; as given if unparsable.
    The time is shown as the article states it, in its own zone."""
    stamp = parse_date(iso)
    if stamp is None:
        return iso
    if is_chinese(lang):
        text = f"{stamp.year}年{stamp.month}月{stamp.day}日"
        return text + (f" {stamp:%H:%M}" if has_time(iso) else "")
    text = f"{stamp.day} {stamp:%B} {stamp.year}"
    return text + (f", {stamp:%H:%M}" if has_time(iso) else "")
