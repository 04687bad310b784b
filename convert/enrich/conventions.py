"""News-article conventions: byline lines, caption lines, section titles, disclaimers, keywords.

Chinese news copy pasted from the web carries its metadata as body text (`编辑：X`, a date line, a
source URL, `（图：…）` under each picture). This pass moves that text where it belongs in the model.
Metadata given in front matter always wins over what is found here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from .. import model as m
from ..scripts import IDEOGRAPHS

BYLINE_WINDOW = 8  # blocks after the title in which byline lines are looked for
SECTION_TITLE_MAX = 40  # characters

# A separator must follow the word, or `编辑部认为…` and `Editorial boards…` would be bylines.
_EDITOR = re.compile(r"^(?:(?:责任编辑|责编|编辑|編輯|Editor|Edited by)(?:\s*[:：]\s*|\s+)(.+)"
                     f"|(?:责任编辑|责编|编辑|編輯)([{IDEOGRAPHS}·]{{2,4}}))$", re.I)
_AUTHOR = re.compile(r"^(?:作者|记者|記者|撰文|文|通讯员|通訊員|Author|Reporter)\s*[:：/]\s*(.+)$", re.I)
_BY = re.compile(r"^By\s+([A-Z].+)$")
_SOURCE = re.compile(r"^(?:来源|來源|出处|Source)\s*[:：]\s*(.+)$", re.I)
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(
    r"^(?:(?:发布时间|發佈時間|发表时间|发布|發佈|发表|时间|日期|Published|Date)\s*[:：]?\s*)?"
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$", re.I)
_CAPTION = re.compile(
    r"^[（(\[【]\s*(?:图|圖|图片|圖片|Photo|Image|Picture|Figure|Fig\.?)\s*\d*\s*[:：]\s*(.+?)\s*[)）\]】]$"
    r"|^(?:图|圖|图片|圖片)\s*\d*\s*[:：]\s*(.+)$", re.I | re.S)
_CLOSING_EDITOR = re.compile(r"^[（(]\s*(?:责任编辑|责编|编辑|編輯)\s*[:：]\s*(.+?)\s*[)）]$")
_KEYWORDS = re.compile(r"^(?:关键字|关键词|關鍵字|關鍵詞|Keywords|Tags)\s*[:：]\s*(.*)$", re.I | re.S)
_DISCLAIMER = re.compile(
    r"(本文系.{0,12}供稿|仅供参考|僅供參考|不构成(?:任何)?投资建议|不構成投資建議|仅代表作者|僅代表作者|"
    r"免责声明|免責聲明|^Disclaimer\s*:|does not constitute (?:investment|financial) advice|"
    r"^This (?:article|content) (?:is|was) (?:sponsored|provided by))", re.I)
_JUNK_ALT = re.compile(
    r"^(?:\d+|[0-9a-f]{12,}|[0-9a-f-]{32,}|[\w\-. ]+\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?|avif|heic)|"
    r"(?:image|img|photo|picture|pic|图片|图像|圖片)[\s_-]*\d*)$", re.I)
_NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "al", "y"}
_HAN_NAME = re.compile(f"^[{IDEOGRAPHS}·]{{2,5}}$")
_SENTENCE_END = tuple("。！？.!?；;：:,，")


def apply_conventions(doc: m.Document) -> m.Document:
    """Return `doc` with byline, captions, section titles and closing lines in their places."""
    blocks = list(doc.body)
    found = m.Meta()
    blocks, found = _take_title(blocks, found)
    blocks, found = _take_byline(blocks, found)
    blocks = _attach_captions(blocks)
    blocks, found = _take_closing(blocks, found, doc.meta.editor)
    blocks = _drop_trailing_decoration(blocks)
    blocks = [_as_section_title(b) for b in blocks]
    meta = _merge(doc.meta, found)
    return m.Document(meta=meta, blocks=tuple(blocks) + doc.footnotes)


def is_junk_alt(text: str) -> bool:
    """Alt text that is a number, hash or file name, never fit to show a reader."""
    return bool(_JUNK_ALT.match(text.strip()))


def iso_date(text: str) -> str:
    """`2023-10-30 10:57`, `2023年10月30日`, ... as ISO 8601; '' when `text` is not a date line."""
    match = _DATE.match(text.strip())
    if not match:
        return ""
    year, month, day, hour, minute, second = match.groups()
    try:
        stamp = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return ""
    if hour is None:
        return stamp.strftime("%Y-%m-%d")
    return stamp.strftime("%Y-%m-%dT%H:%M" + (":%S" if second else ""))


# ---------------------------------------------------------------- steps


def _text(block: m.Block) -> str:
    """The text of a paragraph that is plain or wholly bold/emphasised, else ''."""
    if not isinstance(block, m.Paragraph):
        return ""
    content = block.content
    if len(content) == 1 and isinstance(content[0], (m.Strong, m.Emphasis)):
        content = content[0].content
    if any(not isinstance(i, (m.Text, m.Link)) for i in content):
        return ""
    return " ".join(m.plain_text(content).split())


def _take_title(blocks: list[m.Block], found: m.Meta) -> tuple[list[m.Block], m.Meta]:
    for index, block in enumerate(blocks[:BYLINE_WINDOW]):
        if isinstance(block, m.Heading) and block.level == 1:
            title = m.plain_text(block.content).strip()
            return blocks[:index] + blocks[index + 1:], replace(found, title=title)
        if not _byline_fields(_text(block)):
            break
    return blocks, found


def _byline_fields(text: str) -> dict[str, object]:
    """The metadata a byline line gives, or {} when the line is not one."""
    if not text or len(text) > 120:
        return {}
    if match := _EDITOR.match(text):
        return {"editor": (match[1] or match[2]).strip()}
    if match := _AUTHOR.match(text):
        return {"authors": _split_names(match[1])}
    if (match := _BY.match(text)) and _capitalised(names := _split_names(match[1])):
        return {"authors": names}  # `By Tuesday, all flights…` is a sentence, not a byline
    if match := _SOURCE.match(text):
        value = match[1].strip()
        return {"source_url": value} if _URL.match(value) else {"source_site": value}
    if _URL.match(text):
        return {"source_url": text}
    if date := iso_date(text):
        return {"date": date}
    parts = re.split(r"\s{2,}|　+|\s*[|｜]\s*", text)
    if len(parts) > 1:
        merged: dict[str, object] = {}
        for part in parts:
            fields = _byline_fields(part)
            if not fields:
                return {}
            merged.update(fields)
        return merged
    return {}


def _split_names(text: str) -> tuple[str, ...]:
    """`王晓明 李华`, `A, B and C`, `陈一舟（Chen Yizhou）` -> the names, each whole."""
    names: list[str] = []
    for part in re.split(r"\s*(?:[,，、/;；]|\band\b)\s*", text.strip()):
        pieces = part.split()
        if len(pieces) > 1 and all(_HAN_NAME.match(p) for p in pieces):
            names.extend(pieces)  # space-separated Chinese names
        elif part:
            names.append(part)
    return tuple(names)


def _capitalised(names: tuple[str, ...]) -> bool:
    """Every word of every name starts with a capital, bar particles such as `van` or `de`."""
    return all(word[0].isupper() or word in _NAME_PARTICLES for name in names for word in name.split())


def _take_byline(blocks: list[m.Block], found: m.Meta) -> tuple[list[m.Block], m.Meta]:
    taken = 0
    for block in blocks[:BYLINE_WINDOW]:
        fields = _byline_fields(_text(block))
        if not fields:
            break
        found = replace(found, **{k: v for k, v in fields.items() if not getattr(found, k)})
        taken += 1
    return blocks[taken:], found


def _attach_captions(blocks: list[m.Block]) -> list[m.Block]:
    out: list[m.Block] = []
    for block in blocks:
        caption = _caption_line(block)
        previous = out[-1] if out else None
        if caption and isinstance(previous, m.Figure):
            out[-1] = replace(previous, caption=(m.Text(caption),))
            continue
        if isinstance(block, m.Figure) and is_junk_alt(m.plain_text(block.caption)):
            block = replace(block, caption=())
        out.append(block)
    return out


def _caption_line(block: m.Block) -> str:
    text = _text(block) if isinstance(block, m.Paragraph) else ""
    match = _CAPTION.match(text) if text else None
    if not match:
        return ""
    return (match[1] or match[2] or "").strip()


def _take_closing(blocks: list[m.Block], found: m.Meta, front_editor: str) -> tuple[list[m.Block], m.Meta]:
    out: list[m.Block] = []
    keywords: tuple[str, ...] = ()
    disclaimers: list[str] = []
    for block in blocks:
        text = _text(block)
        if match := _CLOSING_EDITOR.match(text):
            editor = match[1].strip()
            if editor in (found.editor, front_editor) or not (found.editor or front_editor):
                found = found if found.editor else replace(found, editor=editor)
                continue
        if match := _KEYWORDS.match(text):
            keywords += tuple(k for k in re.split(r"[\s,，、;；]+", match[1]) if k)
            continue
        if text and len(text) <= 200 and _DISCLAIMER.search(text):
            disclaimers.append(text)
            out.append(m.Notice(block.content if isinstance(block, m.Paragraph) else (m.Text(text),)))
            continue
        out.append(block)
    found = replace(found, keywords=keywords, disclaimer=" ".join(disclaimers))
    return out, found


def _drop_trailing_decoration(blocks: list[m.Block]) -> list[m.Block]:
    """A picture with no alt text after the article's last text is a site logo, not a figure."""
    out = list(blocks)
    index = len(out) - 1
    while index >= 0:
        block = out[index]
        if isinstance(block, m.Figure) and not block.alt.strip() and not block.caption:
            del out[index]
        elif not isinstance(block, (m.Notice, m.HorizontalRule)):
            break
        index -= 1
    return out


def _as_section_title(block: m.Block) -> m.Block:
    if not isinstance(block, m.Paragraph) or len(block.content) != 1:
        return block
    only = block.content[0]
    if not isinstance(only, m.Strong):
        return block
    text = m.plain_text(only.content).strip()
    if not text or len(text) > SECTION_TITLE_MAX or text.endswith(_SENTENCE_END) or "\n" in text:
        return block
    return m.Heading(2, only.content)


def _merge(given: m.Meta, found: m.Meta) -> m.Meta:
    """Front matter (`given`) wins; what the conventions found fills the gaps."""
    changes = {name: getattr(found, name) for name in given.__dataclass_fields__
               if not getattr(given, name) and getattr(found, name)}
    return replace(given, **changes)
