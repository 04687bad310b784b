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

import re
from datetime import datetime, timedelta, timezone
from typing import Iterator

from .model import Meta
from .scripts import has_han, is_chinese, primary_language

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


# Month names of the languages worded in `wording` other than Chinese, Japanese and English (which
# strftime's C locale spells): Modern Standard Arabic's as Egypt and the Gulf print them, Hebrew's with
# the preposition a date takes (`12 במרץ 2025`).
_MONTH_NAMES: dict[str, tuple[tuple[str, ...], str]] = {
    "ar": (("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
            "ديسمبر"), "، "),
    "fa": (("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر",
            "دسامبر"), "، "),
    "ur": (("جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر",
            "دسمبر"), "، "),
    "hi": (("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर",
            "दिसंबर"), ", "),
    "ru": (("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
            "ноября", "декабря"), ", "),
    "he": (("בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר", "באוקטובר",
            "בנובמבר", "בדצמבר"), ", "),
}


def format_date(iso: str, lang: str) -> str:
    """`2023年10月30日 10:57` in Chinese (and Japanese), `30 October 2023, 10:57` in English
    (`2025년 3월 12일` in Korean, `12 مارس 2025` in Arabic, `12 במרץ 2025` in Hebrew, `29 जून 2025`,
    `2 апреля 2025`, and Persian and Urdu alike); as given if
    unparsable. The time is shown as the article states it, in its own zone; a time a page gives in
    another zone (a CMS's UTC, `2024-11-07T08:45Z`) in the zone the language implies (Beijing's, Taipei's
    and Hong Kong's UTC+8: 16:45), else marked UTC (`08:45 UTC`): shown bare, it read as local time."""
    stamp = parse_date(iso)
    if stamp is None:
        return iso
    utc = ""
    if stamp.tzinfo is not None and has_time(iso):
        if (zone := language_zone(lang)) is not None:
            stamp = stamp.astimezone(zone)
        elif stamp.utcoffset() == timedelta(0):
            utc = " UTC"
    if is_chinese(lang) or primary_language(lang) == "ja":
        text = f"{stamp.year}年{stamp.month}月{stamp.day}日"
        return text + (f" {stamp:%H:%M}{utc}" if has_time(iso) else "")
    if primary_language(lang) == "ko":
        return f"{stamp.year}년 {stamp.month}월 {stamp.day}일" + (f" {stamp:%H:%M}{utc}" if has_time(iso) else "")
    clock = f"{' ' if primary_language(lang) == 'vi' else ', '}{stamp:%H:%M}{utc}" if has_time(iso) else ""
    if primary_language(lang) in _BABEL_LONG:
        return _babel_date(stamp, primary_language(lang)) + clock
    months, comma = _MONTH_NAMES.get(primary_language(lang), (None, ", "))
    text = f"{stamp.day} {months[stamp.month - 1] if months else f'{stamp:%B}'} {stamp.year}"
    return text + (f"{comma}{stamp:%H:%M}{utc}" if has_time(iso) else "")


# Languages whose words `wording` has and whose dates CLDR writes (through Babel, which trafilatura
# installs): `12. März 2025`, `12 de marzo de 2025`, `12 tháng 3, 2025`; Thai papers count the
# Buddhist era (`12 มีนาคม 2568`).
_BABEL_LONG = {"de", "fr", "es", "it", "pt", "vi", "th", "el", "id"}


def _babel_date(stamp: datetime, language: str) -> str:
    from babel.dates import format_date as cldr_date, get_month_names

    if language == "th":
        return f"{stamp.day} {get_month_names('wide', locale='th')[stamp.month]} {stamp.year + 543}"
    return cldr_date(stamp.date(), format="long", locale=language)


# ---------------------------------------------------------------- reading dates as articles write them

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), 1) for name in names}
# Zone abbreviations a news page prints. CST is China's in Chinese text and US Central in English.
_ZONES = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
          "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "HKT": 8, "SGT": 8,
          "AWST": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13}
_LABEL = (r"(?:(?:发布时间|發佈時間|发表时间|發表時間|更新时间|更新時間|发布日期|发布|發佈|发表|發表|时间|時間|日期|"
          r"Published(?:\s+on)?|Updated(?:\s+on)?|Last\s+updated|Posted(?:\s+on)?|Date)\s*[:：]?\s*)?")
_BEIJING = r"(?:北京时间|北京時間)"
_NUMERIC_DAY = r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号號]?"
_MONTH_NAME = r"(?P<mn>[A-Za-z]{3,9})\.?"
_ENGLISH_DAY = (rf"(?:{_MONTH_NAME}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
                rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn2>[A-Za-z]{{3,9}})\.?,?\s+(?P<y2>\d{{4}}))")
_WEEKDAY = (r"(?:\s*[(（]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][)）]?|\s*(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)"
            r"(?:day)?\.?,?)?")
_PERIOD = r"(?P<period>上午|下午|早上|早晨|清晨|中午|晚上|晚间|晚間|凌晨|淩晨|傍晚|夜间|夜間|深夜)?"
_CLOCK = (rf"{_PERIOD}\s*(?P<h>\d{{1,2}})\s*(?:[:：]\s*(?P<mi>\d{{2}})(?:\s*[:：]\s*(?P<s>\d{{2}}))?|[点點时時]\s*(?:(?P<mi2>\d{{1,2}})\s*分)?)"
          r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?")
_ZONE = (rf"(?P<zone>{_BEIJING}|[(（]?\s*(?:UTC|GMT)\s*(?:[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?\s*[)）]?"
         rf"|[(（]?\s*[A-Z]{{2,4}}T?\s*[)）]?)")
_DATE_LINE = re.compile(
    rf"^{_LABEL}(?P<zone0>{_BEIJING}\s*)?(?:{_NUMERIC_DAY}|{_ENGLISH_DAY}){_WEEKDAY}"
    rf"(?:[\sT,]*(?:at\s+)?{_CLOCK})?(?:\s*{_ZONE})?\s*$", re.I)
# The time first, then the day: `Updated 3:45 PM EST, Tue November 26, 2024` (CNN's pages)
_CLOCK_FIRST = re.compile(
    rf"^{_LABEL}{_CLOCK}(?:\s*{_ZONE})?[\s,]+(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    rf"(?:{_NUMERIC_DAY}|{_ENGLISH_DAY})\s*$", re.I)
_OFFSET = re.compile(r"([+-])\s*(\d{1,2})(?::?(\d{2}))?")
# A day and its time inside a longer text (a page's header): `2024年11月28日星期四 12:30`, `2024-04-15 下午3:15`
_DAY_AND_TIME = re.compile(rf"(?<!\d){_NUMERIC_DAY}{_WEEKDAY}[\sT,]*{_CLOCK}", re.I)


# A day written in Chinese numerals, as an older notice or a letter dates itself: `二〇二四年十一月二十日`
_HAN_DIGITS = {char: value for value, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
               for char in chars}
_HAN_DAY = re.compile(r"^([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$")


def han_number(text: str) -> int:
    """`十一` 11, `二十` 20, `二十一` 21, `十` 10; digit by digit otherwise (`二〇二四` 2024)."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_HAN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_HAN_DIGITS.get(units, 0) if units else 0)
    return int("".join(str(_HAN_DIGITS[char]) for char in text))


def _han_day(line: str) -> str:
    match = _HAN_DAY.match(line)
    if not match or match[1].count("十") or match[2].count("十") > 1 or match[3].count("十") > 1:
        return ""
    try:
        return datetime(han_number(match[1]), han_number(match[2]), han_number(match[3])).strftime("%Y-%m-%d")
    except ValueError:
        return ""


def parse_date_line(text: str, *, chinese: bool | None = None) -> str:
    """A line that is only a date, as articles write one (`2023年10月30日 下午3:15`, `发布时间：2023-10-30
    10:57 北京时间`, `March 12, 2025, 8:30 a.m. EST`, `2024-11-18 09:42 (UTC+8)`), in ISO 8601: a day,
    a time, or a time with its offset when the line names a zone; '' when `text` is no such line.
    `chinese` says whether the article is Chinese (for `CST`); by default, whether the line is."""
    line = " ".join(text.split())
    match = _DATE_LINE.match(line) or _CLOCK_FIRST.match(line)
    if not match:
        return _han_day(line)
    parts = match.groupdict()
    year = parts["y"] or parts["y1"] or parts["y2"]
    month_name = (parts["mn"] or parts["mn2"] or "").lower()
    month = int(parts["m"]) if parts["m"] else _MONTHS.get(month_name)
    day = parts["d"] or parts["d1"] or parts["d2"]
    if month is None:
        return ""
    try:
        day_only = datetime(int(year), month, int(day))
    except ValueError:
        return ""
    if parts["h"] is None:
        return day_only.strftime("%Y-%m-%d")
    hour = _hour_of_day(int(parts["h"]), parts["period"], parts["ampm"])
    minute = int(parts["mi"] or parts["mi2"] or 0)
    second = int(parts["s"]) if parts["s"] else None
    try:
        stamp = day_only.replace(hour=hour, minute=minute, second=second or 0)
    except ValueError:
        return ""
    iso = stamp.strftime("%Y-%m-%dT%H:%M" + (":%S" if second is not None else ""))
    if chinese is None:
        chinese = has_han(text)
    zone = zone_offset(parts.get("zone") or parts.get("zone0") or "", chinese=chinese)
    return iso + (_offset_text(zone) if zone is not None else "")


def date_times_in(text: str) -> Iterator[str]:
    """Each day with its time inside `text`, as the line shows it (no zone), in ISO 8601. White space is
    collapsed first: the pattern's optional spaces, tried against a long run of it, took seconds."""
    for match in _DAY_AND_TIME.finditer(" ".join(text.split())):
        if "T" in (iso := parse_date_line(match.group(0), chinese=True)):
            yield iso


def split_trailing_date(text: str, *, chinese: bool | None = None) -> tuple[str, str]:
    """`text` without the date that ends it after a space, and that date in ISO 8601: `记者 张三
    2025-03-12 08:30` -> (`记者 张三`, `2025-03-12T08:30`); (`text`, '') when no date ends it."""
    for space in re.finditer(r"\s+", text):
        head, tail = text[:space.start()].strip(), text[space.end():].strip()
        if head and (date := parse_date_line(tail, chinese=chinese)):
            return head, date
    return text, ""


def split_leading_date(text: str, *, chinese: bool | None = None) -> tuple[str, str]:
    """`text` without the date that opens it before a space, and that date in ISO 8601: `2025年3月19日
    14時05分　文：佐藤美咲` -> (`文：佐藤美咲`, `2025-03-19T14:05`); (`text`, '') when no date opens it.
    The longest date wins (its time too)."""
    for space in reversed(list(re.finditer(r"\s+", text))):
        head, tail = text[:space.start()].strip(), text[space.end():].strip()
        if tail and (date := parse_date_line(head, chinese=chinese)):
            return tail, date
    return text, ""


def _hour_of_day(hour: int, period: str | None, ampm: str | None) -> int:
    """`下午3` -> 15, `晚間11` -> 23, `3 p.m.` -> 15, `12 a.m.` -> 0, `中午1` -> 13; an hour without a period as given."""
    afternoon = (ampm or "").lower().startswith("p") or period in ("下午", "晚上", "晚间", "晚間", "傍晚", "夜间", "夜間")
    morning = (ampm or "").lower().startswith("a") or period in ("上午", "早上", "早晨", "清晨", "凌晨", "淩晨")
    if afternoon and hour < 12:
        return hour + 12
    if morning and hour == 12:
        return 0
    if period == "中午" and hour < 11:
        return hour + 12
    if period == "深夜":  # late night runs past midnight: `深夜11点` 23:00, `深夜12点` 0:00, `深夜1点` 1:00
        return 0 if hour == 12 else hour + 12 if 6 <= hour < 12 else hour
    return hour


def zone_offset(text: str, *, chinese: bool = False) -> timedelta | None:
    """The UTC offset a zone as printed names: `北京时间`, `UTC+8`, `(GMT+08:00)`, `EST`; `CST` is China's
    in Chinese text, US Central otherwise. None for no zone or an unknown one."""
    text = text.strip().strip("()（） ")
    if not text:
        return None
    if text in ("北京时间", "北京時間"):
        return timedelta(hours=8)
    upper = text.upper()
    if upper.startswith(("UTC", "GMT")):
        offset = _OFFSET.search(upper)
        if offset is None:
            return timedelta(0)
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        return -delta if sign == "-" else delta
    if upper == "CST":
        return timedelta(hours=8 if chinese else -6)
    hours = _ZONES.get(upper)
    return timedelta(hours=hours) if hours is not None else None


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
