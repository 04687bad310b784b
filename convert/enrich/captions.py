"""Captions and credits of pictures, as news copy writes them.

A caption line follows its picture: `（图：…）`, `图：…`, `(Photo: A bus at dusk)`. A credit names who
made the picture and is kept apart from the caption (`Figure.credit`), never merged into it nor lost:
a line of its own (`摄影：王某`, `攝影：王某`, `(Photo: Reuters)`, `图/文：王某`, `（新华社记者 王某 摄）`,
`新华社记者 王某 摄`,
`视觉中国供图`, `中央氣象署提供`, `Photo by Ann Lee`, a picture agency: `…。视觉中国 资料`, a chart's `制图：王某`), or the end of a caption, an alt text or an image title
(`港口夜景（新华社记者 王某 摄）`, `… evening. Photo by Ravi Shankar for the Ledger.`).
"""
from __future__ import annotations

import re

from ..scripts import IDEOGRAPHS
from ..wording import DRAWN_ROLES, SOURCE_CREDITS, SOURCE_LABELS

# BBC's pages label a caption and its credit for screen readers, and the labels come along with the text:
# `图像加注文字，…` / `圖像加註文字，…` / `Image caption, …`, `图像来源，Getty Images` / `Image source, Getty Images`.
CAPTION = re.compile(
    r"^[（(\[【]\s*(?:图|圖|图片|圖片|Photo|Image|Picture|Figure|Fig\.?)\s*\d*\s*[:：]\s*(.+?)\s*[)）\]】]$"
    r"|^(?:图|圖|图片|圖片|视频|視頻)\s*\d*\s*[:：]\s*(.+)$"  # `视频：…` under a video's poster picture
    r"|^(?:图像加注文字|圖像加註文字|Image caption)\s*[，,:：]\s*(.+)$"
    # a report's numbered caption under its picture, numbered as the edition numbers it: `图1 外景`, `圖 2-1　…`
    r"|^(?:图|圖)\s*\d{1,3}(?:[-.．]\d{1,3})?(?:\s+|　)(?=\S)(.+)$", re.I | re.S)
_SENTENCE = r"(?:[^.。!?！？]|\.(?!\s|$))"  # text within one sentence (`J. Smith`, `Getty Images/AFP`)
# Taiwan's papers credit with `圖／X攝` (taken by X) or `圖／X` (from X): a caption line never reads so.
# (`記者林敬旻攝，下同`: the same credit for the pictures below, which name none)
_PICTURE_FROM = re.compile(r"[（(]?\s*(?:圖|图|照片|相片)\s*[/／]\s*(?!文)(?P<who>[^（()）。/／]{2,40}?)\s*(?:攝|摄)?"
                           r"(?:\s*[，,]\s*下同)?\s*[)）]?$")
# (a label that says where the picture is from stays with the credit: `图源：IT桔子`, `wording.credit_text`)
_LABELLED_ZH = re.compile(
    r"[（(]?\s*(?:摄影|攝影|摄|攝|图/文|圖/文|图／文|圖／文|图文|圖文|(?P<source>" + "|".join(SOURCE_LABELS) + r")|"
    r"图片提供|圖片提供|照片提供|供图|供圖"
    r"|(?<=[。！？]\s)(?:图|圖)|(?<=[。！？])(?:图|圖)"  # `…总部大楼。图：视觉中国`: after the caption's sentence
    r"|(?<=[。！？][（(])(?:图|圖)|(?<=[。！？]\s[（(])(?:图|圖))"  # `…计划。（图：首相署）`, bracketed
    r"\s*[:：/／]\s*(?P<who>[^（()）。]{1,40}?)\s*[)）]?$")
# (CNA's credit gives the day after it: `（中央社記者王飛華攝　114年3月18日）`, kept with it)
_TAKEN_BY_ZH = re.compile(r"[（(]\s*(?P<who>[^（()）。]{2,40}?)\s*[/／]?\s*(?:摄|攝)(?P<day>\s*\d{2,4}\s*年\s*\d{1,2}\s*月"
                          r"\s*\d{1,2}\s*日)?\s*[)）]$"
                          r"|(?:^|(?<=[\s。，]))(?P<bare>[^\s。，（()）]{2,12}(?:\s[^\s。，（()）]{2,12}){0,2})(?:\s*[/／]\s*|\s+)"
                          r"(?:摄影|攝影|摄|攝|(?<=\s)(?:图|圖))$"  # The Paper's `澎湃新闻记者 顾嘉懿 图`; UDN's `記者X／攝影`
                          # `新华社记者　季春鹏摄`: a reporter's name with `摄` after it, no space between
                          r"|(?:^|(?<=[\s。，]))(?P<reporter>[^\s。，（()）]{0,8}(?:记者|記者|通讯员|通訊員)\s?"
                          r"[^\s。，（()）\d]{2,4})(?:摄|攝)$")
# A chart or drawing is credited to who drew it (`（制图：张三）`, `製圖／陳大文`, `新华社发 王琪 制图`): the credit
# keeps its role, shown as written (`wording.credit_text`), where a photo's credit is worded `摄影：`.
_ROLE = "|".join(DRAWN_ROLES)
_DRAWN_ZH = re.compile(
    rf"[（(]?\s*(?P<role>{_ROLE})\s*[:：/／]\s*(?P<who>[^（()）。]{{1,40}}?)\s*[)）]?$"
    rf"|[（(]\s*(?P<inside>[^（()）。]{{2,40}}?)\s*[/／]?\s*(?P<role_after>{_ROLE})\s*[)）]$"
    rf"|(?:^|(?<=[\s。，]))(?P<bare>[^\s。，（()）]{{2,12}}(?:\s[^\s。，（()）]{{2,12}}){{0,2}})(?:\s*[/／]\s*|\s+)"
    rf"(?P<role_bare>{_ROLE})$")
# `视觉中国供图`, `（受访者供图）`, and `中央氣象署提供`, `（照片由讀者提供）`: who supplied the picture. `提供` is a
# common verb: the one who supplied stands alone, after a sentence, a clause, a label, a bracket or `由`.
_SUPPLIED_ZH = re.compile(r"(?:^|(?<=[。！？，,；;\s（(：:／/]))[（(]?\s*(?:(?:图|圖)\s*[:：]\s*)?(?:(?:图片|圖片|照片|相片)?由\s*)?"
                          r"(?P<who>[^（()）。，：:／/\s为為向给給替帮幫由对對]{2,20})\s*(?P<supplied>供图|供圖|提供)\s*[)）]?$")
# A file picture, an illustration, a picture from the web, said in brackets after the caption (`…穩健。（資料圖片）`);
# the words in one order whatever the set's (a pattern that differs between runs defeats `regex_cache`)
_FILE_PICTURE = re.compile(r"(?<=[。！？.!?])\s*[（(]\s*(?:(?:图|圖)\s*[:：/／]\s*)?(?P<who>" + "|".join(sorted(SOURCE_CREDITS, key=lambda word: (-len(word), word)))
                           + r")\s*[)）]$")
# A picture agency a Chinese portal names at a caption's end (`共享充电宝。视觉中国 资料`, `…。东方IC`, `…。CFP供图`)
_AGENCIES_ZH = (r"(?P<who>视觉中国|視覺中國|东方IC|東方IC|IC\s?photo|图虫创意|圖蟲創意|人民视觉|人民視覺|"
                r"CFP|新华社发|新華社發|中新社发|中新社發|"
                # `姚明场边支招周琦。视频截图`: a still from a video (or the web) is where the picture is from
                r"视频截图|視頻截圖|视频截屏|網路截圖|网络截图|網絡截圖)\s*(?:资料|資料|资料图|資料圖|图|圖)?")
_AGENCY_ZH = re.compile(rf"(?:^|(?<=[。！？\s])){_AGENCIES_ZH}$", re.I)
_BRACKETED_AGENCY_ZH = re.compile(rf"[（(]\s*{_AGENCIES_ZH}\s*[)）]$", re.I)  # `资料图（新华社发）`
_BY_EN = re.compile(rf"\(?\s*(?:Photo(?:graph)?|Picture|Image)s?\s+(?:by|courtesy\s+of)\s+(?P<who>{_SENTENCE}{{2,80}}?)"
                    r"\s*\)?\.?$", re.I)
_LABELLED_EN = re.compile(rf"\(?\s*(?:Photo(?:graph)?|Picture|Image|Photo\s+credit|Credit|Courtesy(?:\s+of)?)s?\s*[:：]\s*"
                          rf"(?P<who>{_SENTENCE}{{2,80}}?)\s*\)?\.?$", re.I)
_SOURCE_LABELLED = re.compile(r"(?:^|(?<=[。！？.!?\s]))(?:图像来源|圖像來源|Image source)\s*[，,:：]\s*"
                              r"(?P<who>[^。，,]{2,80}?)\s*$", re.I)
_HAN = re.compile(f"[{IDEOGRAPHS}]{{2,12}}$")  # a Han word among a credit's (a Taiwanese agency's name)
_CREDIT_WORDS = {"for", "of", "the", "and", "via", "de", "van", "von", "y", "da", "di", "le", "la", "courtesy", "&", "/"}


def split_credit(text: str) -> tuple[str, str]:
    """(caption, credit): the credit a caption ends with, taken off it; ('text', '') when it has none."""
    text = " ".join(text.split())
    drawn = _DRAWN_ZH.search(text)  # before `_PICTURE_FROM`, which reads `制图/张三` as `图/张三`
    if drawn is not None:
        who = (drawn["who"] or drawn["inside"] or drawn["bare"]).strip(" 　/／")
        role = drawn["role"] or drawn["role_after"] or drawn["role_bare"]
        return text[:drawn.start()].rstrip(" 　,，;；—–-"), f"{role}：{who}"
    for pattern in (_SOURCE_LABELLED, _PICTURE_FROM, _TAKEN_BY_ZH, _LABELLED_ZH, _SUPPLIED_ZH, _BY_EN, _LABELLED_EN,
                    _AGENCY_ZH, _BRACKETED_AGENCY_ZH, _FILE_PICTURE):
        match = pattern.search(text)
        if match is None:
            continue
        who = (match.group("who") if "who" in match.groupdict() and match.group("who") else
               match.groupdict().get("bare") or match.groupdict().get("reporter") or "").strip(" 　/／")
        if not who or (pattern is _LABELLED_EN and not _credit_like(who)):
            continue
        if match.groupdict().get("supplied"):
            who += match["supplied"]  # kept so: the picture was supplied, not taken, by them (`wording.credit_text`)
        if match.groupdict().get("day"):
            who += " " + " ".join(match["day"].split())
        if match.groupdict().get("source"):
            who = f"{match['source']}：{who}"  # `图源：IT桔子`: where it is from, said so
        caption = text[:match.start()].rstrip(" 　,，;；—–-")
        return caption, who
    return text, ""


def credit_line(text: str) -> str:
    """The credit when all of `text` is one (`摄影：王某`, `(Photo: Reuters)`), else ''."""
    caption, credit = split_credit(text)
    return credit if credit and not caption else ""


def caption_line(text: str) -> str:
    """The caption a caption line (`（图：…）`, `(Photo: …)`, `图：…`) holds, else ''."""
    match = CAPTION.match(text) if text else None
    return (match[1] or match[2] or match[3] or match[4] or "").strip() if match else ""


def _credit_like(who: str) -> bool:
    """`Reuters`, `Ann Lee/Getty Images`, `Xinhua`: names, not a description such as `A bus at dusk`."""
    words = who.replace("/", " / ").split()
    return 0 < len(words) <= 8 and all(w[0].isupper() or w[0].isdigit() or w.lower() in _CREDIT_WORDS
                                       or _HAN.match(w) for w in words)  # `Shutterstock / 達志影像`: an agency
