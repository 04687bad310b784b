"""What a WeChat article or a portal page brings along when it is pasted as text rather than saved: the
account's "follow us" line above the headline, and under the text its end mark, "more reading" list,
QR code and "share, like" lines. The page reader leaves these out of a saved page (`readers.web.body`);
this pass takes the same lines out of pasted copy, before the title is chosen (a `点击上方蓝字关注我们`
line was the article's title). Only lines that are plainly such are taken: the top few blocks and the
last ones, never a paragraph that merely mentions a QR code."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import model as m
from ..readers.promotion import is_promotion
from .bylines import byline_fields

LEAD_WINDOW = 3  # blocks at the top in which a "follow us" line is looked for
TAIL_WINDOW = 15  # blocks at the end in which the account's closing furniture is looked for
# `往期推荐`, `推荐阅读`, `相关阅读`, `【延伸閱讀】` …: a list of links to the account's (or paper's) other articles follows
_MORE_READING = re.compile(r"^[\s▼▽↓·•—\-=*#【〔\[]*(?:往期推荐|往期回顾|往期精彩|推荐阅读|相关阅读|相關閱讀|热文推荐|熱文推薦|精彩推荐|"
                           r"精彩推薦|延伸阅读|延伸閱讀|猜你喜欢|更多阅读)[\s▼▽↓·•—\-=*#：:】〕\]]*$")
# A line of hands or arrows pointing at what follows (`👇👇👇` above a picture, `▼` over a list): anywhere
_POINTING = re.compile("[\\s\U0001F446-\U0001F449\u261D\u2B05-\u2B07\u2190-\u2193\u21E9\u21D3\u25B2\u25BC\u25B3\u25BD"
                       "\U0001F53B\U0001F53D\u27A1\uFE0F\U0001F3FB-\U0001F3FF]+")
# A page's number, which text copied out of a PDF brings along between paragraphs (`— 2 —`, GB/T 9704's
# form; `第 3 页 共 10 页`, `- 4 -`)
_PAGE_NUMBER = re.compile(r"[—–－-]\s*\d{1,4}\s*[—–－-]|第\s*\d{1,4}\s*[页頁]\s*[,，/／]?\s*共\s*\d{1,4}\s*[页頁]"
                          r"|Page\s+\d{1,4}\s+of\s+\d{1,4}", re.I)
_QR_ADDRESS = re.compile(r"qr_?code|qrcode|/qr/|erweima|二维码", re.I)


# What a Weibo post brings along when its text is copied: the icons of its link and video cards, copied as
# letters (`O网页链接`, `L北京日报的微博视频`), and its fold switch (`收起全文d`, `展开全文c`)
_WEIBO_CARDS = re.compile(r"[ \u200b]*(?:O网页链接|O網頁鏈接|L[^\s。！？，]{1,30}的微博视频|L[^\s。！？，]{1,30}的微博視頻|"
                          r"收起全文d|展开全文c|展開全文c|收起d|展开c)(?=[\s\u200b]|$)[ \u200b]*")


def drop_pasted_chrome(doc: m.Document) -> m.Document:
    """`doc` without the promotion lines at its top and its end, and the "more reading" links (or their
    titles, which is what a link becomes when the page is pasted as text); without lines of pointing
    hands and page numbers anywhere, nor a Weibo post's cards and fold switch in its text."""
    blocks = [_without_weibo_cards(block) for block in doc.body]
    body = [block for block in blocks if not _POINTING.fullmatch(text := _text(block)) and not _PAGE_NUMBER.fullmatch(text)]
    lead = [block for block in body[:LEAD_WINDOW] if not _promotion(_text(block))]  # under the headline too
    head = min(LEAD_WINDOW, len(body)) - len(lead)
    body = lead + body[LEAD_WINDOW:]
    tail_from = max(0, len(body) - TAIL_WINDOW)
    kept: list[m.Block] = body[:tail_from]
    links_follow = False
    for block in body[tail_from:]:
        text = _text(block)
        if links_follow and (_only_links(block) or _link_title(block)):
            continue
        links_follow = bool(_MORE_READING.match(text))
        if links_follow or _promotion(text) or _qr_code(block):
            continue
        kept.append(block)
    if head == 0 and len(kept) == len(doc.body) and all(a is b for a, b in zip(kept, doc.body)):  # nothing was taken
        return doc
    return m.Document(meta=doc.meta, blocks=tuple(kept) + doc.footnotes)


def _without_weibo_cards(block: m.Block) -> m.Block:
    if not isinstance(block, m.Paragraph) or not any(isinstance(i, m.Text) and _WEIBO_CARDS.search(i.text)
                                                     for i in block.content):
        return block
    content = tuple(m.Text(_WEIBO_CARDS.sub(" ", i.text)) if isinstance(i, m.Text) else i for i in block.content)
    if isinstance(content[-1], m.Text):
        content = (*content[:-1], m.Text(content[-1].text.rstrip()))
    return replace(block, content=content)


def _promotion(text: str) -> bool:
    """A promotion line, not a sentence that reads like one (`点击上方的按钮即可开通扫码乘车。`)."""
    return is_promotion(text) and not text.endswith("。")


def _text(block: m.Block) -> str:
    return m.plain_text(m.block_inlines(block)).strip() if isinstance(block, (m.Paragraph, m.Heading)) else ""


def _only_links(block: m.Block) -> bool:
    """A paragraph that is one link (`[这些路段4月起限行](https://mp.weixin.qq.com/s/…)`), or a list of them."""
    if isinstance(block, m.ListBlock):
        return all(len(item) == 1 and _only_links(item[0]) for item in block.items)
    if not isinstance(block, m.Paragraph):
        return False
    content = [i for i in block.content if not (isinstance(i, m.Text) and not i.text.strip())]
    return len(content) == 1 and isinstance(content[0], m.Link)


_TITLE_MAX = 40
_SENTENCE_END = tuple("。；;：:")  # a headline may ask or exclaim (`县城婚礼，彩礼18万8还算少的？`)


def _link_title(block: m.Block) -> bool:
    """A line that was a link before it was pasted as text: a title alone (`杭州地铁三期规划获批，这些区域迎来利好`),
    short, not a sentence."""
    text = _text(block)
    return isinstance(block, m.Paragraph) and 0 < len(text) <= _TITLE_MAX and not text.endswith(_SENTENCE_END) \
        and not byline_fields(text)  # `编辑：杨静茹` under the list is the article's


def _qr_code(block: m.Block) -> bool:
    return isinstance(block, m.Figure) and bool(_QR_ADDRESS.search(block.src)) and not m.plain_text(block.caption)
