"""Every article gets a title, so no edition is ever "Untitled" and no writer invents one.

In order: the front matter's or the page's own title; the first H1; a lone first heading of any level
(the only heading at its level or above); the first short line, or bold line, that reads as a
headline; the file name made readable. A heading or line taken as the title leaves the body (it is
shown as the title instead); one that merely repeats a given title goes too; one that differs from a
given title stays a heading. Whatever its source, the title goes through `model.shorten`, so every
edition shows the same one; when shortening cuts text, the whole text stays in the body.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from .. import model as m
from ..errors import warn
from ..readers import SUFFIX_FORMATS
from ..scripts import display_width, guess_language, is_wide
from ..wording import labels
from .bylines import BYLINE_WINDOW, byline_fields
from .conventions import TOPIC, is_caption_line, line_text

HEADLINE_MAX_WIDTH = 100  # a headline line at most: 100 Latin characters or 50 Han ones
KICKER_MAX_CHARS = 40  # a short line above the title (`独家`, `FOR IMMEDIATE RELEASE`) ...
KICKERS_ALLOWED = 2  # ... of which this many may stand before it
_NOT_HEADLINE_END = tuple("。．.;；,，:：、")
# A headline may trail off (`家长却直呼“看不懂”……`, `What happened next...`); a sentence that does has a
# stop or a clause break before its ellipsis.
_ELLIPSIS = ("…", "⋯", "...")
_SENTENCE_INSIDE = re.compile(r"[。；;!！?？]|\.\s")
_GENERIC_STEMS = {"article", "index", "readme", "untitled", "document", "doc", "story", "text", "content",
                  "main", "default", "page", "draft", "new", "post", "news", "稿件", "正文", "文章", "新建文本文档",
                  "未命名", "無標題", "无标题"}
_SITE_SEPARATORS = r"|｜_\-–—·•"
_HASH = re.compile(r"^(?=.*\d)(?=.*[a-f])[0-9a-f]{8,}$", re.I)


def choose_title(doc: m.Document, source: Path) -> m.Document:
    """`doc` with `meta.title` set (never empty) and the block it came from out of the body; an official
    document's title under its issuer's masthead (`_under_masthead`)."""
    return _without_labels(_under_masthead(_chosen_title(doc, source)))


def _without_labels(doc: m.Document) -> m.Document:
    """`doc` with its kicker and subtitle shown without the label a page typed before them (Jiemian's
    `<p class="article-sub-title">引题：东部通勤</p>`)."""
    changes = {}
    for part in ("kicker", "subtitle"):
        match = _HEADLINE_LABEL.match(getattr(doc.meta, part))
        if match and _HEADLINE_LABELS[match["bracketed"] or match["label"]] == part:
            changes[part] = match["text"]
    return replace(doc, meta=doc.meta.with_(**changes)) if changes else doc


# An official document (公文): its issuer's name set large over it as a masthead (`青州市人民政府办公室`), its
# number (`青政办发〔2025〕17号`), then its title, `…关于…的通知`, which a reader and the index name it by
_MASTHEAD = re.compile(r"^[^\s，。：:、]{2,24}(?:政府|办公室|辦公室|办公厅|辦公廳|委员会|委員會|局|厅|廳|部|委|院|署|办|辦|"
                       r"公司|集团|集團|大学|大學|协会|協會|党委|黨委|中心)(?:文件)?$")
_DOCUMENT_TITLE = re.compile(r"(?:关于|關於).{2,80}(?:通知|通报|通報|决定|決定|意见|意見|办法|辦法|公告|通告|函|报告|報告|"
                             r"批复|批覆|规定|規定|方案|细则|細則|请示|請示)$")


def _under_masthead(doc: m.Document) -> m.Document:
    """`doc` titled by the document title under its masthead when the title chosen is the masthead: the
    masthead its kicker, the title's heading out of the body. A notice read from Word was titled
    `青州市人民政府办公室`, its own title a section heading."""
    if not _MASTHEAD.match(doc.meta.title) or doc.meta.kicker:
        return doc
    blocks = list(doc.body)
    for index, block in enumerate(blocks[:3]):
        text = " ".join(m.plain_text(m.block_inlines(block)).split())
        if isinstance(block, (m.Heading, m.Paragraph)) and _DOCUMENT_TITLE.search(text):
            meta = doc.meta.with_(title=text, kicker=doc.meta.title)
            return replace(doc, meta=meta, blocks=tuple(blocks[:index] + blocks[index + 1:]))
    return doc


# A manuscript's headline lines, labelled as a newsroom types them (`引题：东部通勤`, `主题：…`, `副题：…`,
# `【肩题】…`): the kicker, the title and the subtitle. The label is never shown.
_HEADLINE_LABELS = {"引题": "kicker", "引題": "kicker", "肩题": "kicker", "肩題": "kicker", "眉题": "kicker",
                    "眉題": "kicker", "主题": "title", "主題": "title", "主标题": "title", "主標題": "title",
                    "标题": "title", "標題": "title", "副题": "subtitle", "副題": "subtitle", "副标题": "subtitle",
                    "副標題": "subtitle"}
_LABEL_WORDS = "|".join(sorted(_HEADLINE_LABELS, key=lambda word: (-len(word), word)))
_HEADLINE_LABEL = re.compile(rf"^(?:【\s*(?P<bracketed>{_LABEL_WORDS})\s*】\s*[:：]?|(?P<label>{_LABEL_WORDS})\s*[:：])"
                             r"\s*(?P<text>\S.*)$")


def _labelled_headline(doc: m.Document) -> m.Document | None:
    """`doc` with the labelled headline lines opening it out of the body, as its kicker, title and
    subtitle; None when it opens with none, or a title line another title was given over, or kicker
    and subtitle lines but no title at all."""
    parts: dict[str, str] = {}
    taken = 0
    for block in doc.body[:4]:
        lines = [line_text(m.Paragraph(line)) for line in m.split_lines(block.content)] \
            if isinstance(block, m.Paragraph) else []
        matches = [_HEADLINE_LABEL.match(line) for line in lines]
        if not matches or not all(matches):
            break
        for match in matches:
            part = _HEADLINE_LABELS[match["bracketed"] or match["label"]]
            if part in parts:
                return None
            parts[part] = m.collapse_spaces(match["text"])
        taken += 1
    given = doc.meta.title.strip()
    if not parts or ("title" in parts) == bool(given):
        return None
    meta = doc.meta.with_(title=given or m.shorten(parts["title"]), kicker=doc.meta.kicker or parts.get("kicker", ""),
                          subtitle=doc.meta.subtitle or parts.get("subtitle", ""))
    return m.Document(meta=meta, blocks=doc.body[taken:] + doc.footnotes)


def _chosen_title(doc: m.Document, source: Path) -> m.Document:
    if labelled := _labelled_headline(doc):
        if not doc.meta.title.strip():
            return labelled
        doc = labelled  # the kicker or subtitle over the given title's heading
    blocks = list(doc.body)
    given = doc.meta.title.strip()
    if given:
        page = SUFFIX_FORMATS.get(source.suffix.lower()) in ("html", "mhtml")  # a web page, saved either way
        blocks, given = _drop_repeated_heading(blocks, given, page=page)
        return _titled(doc, given, blocks, None, source)
    word = SUFFIX_FORMATS.get(source.suffix.lower()) == "docx"
    for pick in ((_bold_headline,) if word else ()) + (_first_h1, _lone_first_heading, _headline_line):
        index = pick(blocks)
        if index is not None:
            text = m.plain_text(tuple(i for i in m.block_inlines(blocks[index]) if not isinstance(i, m.NoteRef)))
            return _titled(doc, text, blocks, index, source)
    if bracketed := _bracketed_headline(blocks):
        return _titled(doc, bracketed, blocks, None, source)
    name = readable_file_name(source)
    lang = guess_language(m.visible_text(doc))
    if lang.startswith(("zh", "ja")) and not any(is_wide(ch) for ch in name):
        sentence = first_sentence(blocks)
        if sentence:
            warn(f"{source.name}: no title or heading found; titled {sentence!r} after its first sentence")
            return _titled(doc, sentence, blocks, None, source)
    if not name:
        name = labels(lang)["untitled"]
    warn(f"{source.name}: no title or heading found; titled {name!r} after the file name")
    return _titled(doc, name, blocks, None, source)


# ---------------------------------------------------------------- a Weibo post's headline in brackets

# `【#杭州亚运会#中国队金牌数突破200枚】据@央视新闻 消息，…`: a news account's post opens its text with its
# headline in brackets. Not a wire's or paper's flash mark (`【明報專訊】`, `【环球网快讯】`) nor a label
# (`【独家】`, `【编者按】`).
_BRACKETED_HEADLINE = re.compile(r"^\s*【([^【】]{8,60})】\s*\S")
_FLASH_MARK = re.compile(r"(?:讯|訊|电|電|报道|報道|报导|報導)$")


def _bracketed_headline(blocks: list[m.Block]) -> str:
    """The headline a post puts in brackets at the head of its first paragraph, its topics' `#` marks
    dropped (`杭州亚运会中国队金牌数突破200枚`); '' when the first paragraph opens otherwise. The paragraph
    keeps its text: the conventions drop the repeat under the headline."""
    first = next((b for b in blocks if isinstance(b, m.Paragraph) and not _furniture(b)), None)
    match = _BRACKETED_HEADLINE.match(m.plain_text(first.content)) if first is not None else None
    if not match or _FLASH_MARK.search(match[1]) or not any(is_wide(ch) for ch in match[1]):
        return ""
    return TOPIC.sub(r"\1", match[1]).strip()


# ---------------------------------------------------------------- a Chinese article's first sentence

FIRST_SENTENCE_MAX = 30  # Han characters: a headline's length; a longer sentence is cut at a clause
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_END = "，、；：,;:"


def first_sentence(blocks: list[m.Block]) -> str:
    """The opening sentence of a Chinese (or Japanese) article that has no title (one line, a table
    alone): a file name such as `news-0412` or `Untitled` names no Chinese article. The first
    paragraph's, else a table's caption or its header cells (`城市、GDP、人口`), to its first full stop
    and at most `FIRST_SENTENCE_MAX` characters, cut after a whole clause where it can be. It stays in
    the body: it is the article's text, not a headline."""
    text = ""
    for block in m.walk_blocks(tuple(blocks)):
        if isinstance(block, m.Paragraph) and not _furniture(block):
            text = line_text(block) or m.plain_text(_without_images(block.content))
        elif isinstance(block, m.Table):
            text = m.plain_text(block.caption) or "、".join(
                m.plain_text(m.block_inlines(cell.content[0])) for cell in (block.header or block.body or ((),))[0]
                if cell.content and m.plain_text(m.block_inlines(cell.content[0])).strip())
        text = " ".join(text.split())
        if text:
            break
    stop = _SENTENCE_END.search(text)
    sentence = text[:stop.start()] if stop else text
    if len(sentence) <= FIRST_SENTENCE_MAX:
        return sentence.rstrip(_CLAUSE_END + " ")
    return _clauses(sentence[:FIRST_SENTENCE_MAX])


_OPENING = "“‘「『《〈（(【〔"
_CLOSING = "”’」』》〉）)】〕"
_FIRST_CLAUSE_MIN = 4  # characters: `昨天下午三点左右` is a clause, `据悉` no headline


def _clauses(head: str) -> str:
    """The whole clauses `head` (a sentence cut to a headline's length) opens with: cut at its last
    clause's end outside quotes and brackets, the first clause at least (`昨天下午三点左右`); with no such
    end, after the last quote closed (`自称“快递客服”…`) or before one left open (never `自称“快…`), and
    marked as cut."""
    depth, opened, closed, ends = 0, -1, -1, []
    for index, char in enumerate(head):
        if char in _OPENING:
            opened = index if depth == 0 else opened
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)
            closed = index + 1 if depth == 0 else closed
        elif char in _CLAUSE_END and depth == 0:
            ends.append(index)
    if ends and ends[-1] >= _FIRST_CLAUSE_MIN:
        return head[:ends[-1]]
    if depth and opened >= FIRST_SENTENCE_MAX // 3:
        head = head[:opened]
    elif closed >= FIRST_SENTENCE_MAX // 3:
        head = head[:closed]
    return head.rstrip(_CLAUSE_END + " ") + "…"


# A portal's tag of what kind of item a headline leads to (`[视频]神舟十八号…`, `【组图】`): no edition's word
_CONTENT_TAG = re.compile(r"^\s*[\[【［](?:视频|視頻|组图|組圖|图集|圖集|直播|音频|音頻|多图|多圖)[\]】］]\s*")


def _titled(doc: m.Document, text: str, blocks: list[m.Block], index: int | None, source: Path) -> m.Document:
    """The document titled `text`, shortened. The block the title came from (at `index`) leaves the
    body, unless shortening cut its text; a given title that was cut joins the body whole, as a heading.
    A headline taken from the body brings its kicker and subtitle along (`_headline_parts`)."""
    full = m.collapse_spaces(m.without_bidi_controls(text))  # (a title shows none: `model.shorten`)
    full = _CONTENT_TAG.sub("", full) or full
    title = m.shorten(full)
    meta = replace(doc.meta, title=title)
    if title != full:
        warn(f"{source.name}: the title is {len(full)} characters long; every edition shows its first {len(title)}, "
             f"and the body keeps the whole")
        if index is None:
            blocks = [m.Heading(1, (m.Text(full),)), *blocks]
    elif index is not None:
        blocks, meta = _headline_parts(blocks, index, meta)
    return m.Document(meta=meta, blocks=tuple(blocks) + doc.footnotes)


# ---------------------------------------------------------------- kicker and subtitle

SUBTITLE_MAX_CHARS = 60
_SUBTITLE_DASH = re.compile(r"^(?:——|—|－－|--)(?=[^\s—－-])")  # `——记中国农业大学科技小院`


def _headline_parts(blocks: list[m.Block], index: int, meta: m.Meta) -> tuple[list[m.Block], m.Meta]:
    """The body without the headline at `index`, and `meta` with the lines set with it: the kicker
    (引题, `独家`, `ANALYSIS`: one or two short lines straight above it, which the writer set before the
    headline, so they are not the body's first paragraph), and the subtitle straight under it (副题: a
    line opened by a dash, `——中国农业大学师生助力乡村振兴纪实`, or a lower heading with the byline
    right under it). What the front matter gives wins."""
    kicker: list[str] = []
    while not meta.kicker and len(kicker) < KICKERS_ALLOWED and index > len(kicker) \
            and (line := _short_line(blocks[index - len(kicker) - 1])) and not line.endswith(_NOT_HEADLINE_END) \
            and not _furniture(blocks[index - len(kicker) - 1]):
        kicker.insert(0, line)
    subtitle = "" if meta.subtitle else _subtitle(blocks, index + 1)
    if kicker:
        meta = replace(meta, kicker=m.collapse_spaces(" ".join(kicker)))
    if subtitle:
        meta = replace(meta, subtitle=subtitle)
    return blocks[:index - len(kicker)] + blocks[index + 1 + bool(subtitle):], meta


def _short_line(block: m.Block) -> str:
    """The one short line of words a paragraph holds (plain or bold, no link), else '': a heading the
    writer typed above the headline stays a heading, as every heading of the input does, and a link or a
    rule of dashes is no kicker."""
    text = line_text(block)
    if not text or len(text) > KICKER_MAX_CHARS or "\n" in text or _has_link(m.block_inlines(block)) \
            or not any(unicodedata.category(ch).startswith("L") for ch in text):
        return ""
    return text


def _has_link(inlines: tuple[m.Inline, ...]) -> bool:
    return any(isinstance(node, m.Link) or _has_link(m.inline_children(node)) for node in inlines)


def _subtitle(blocks: list[m.Block], at: int) -> str:
    if at >= len(blocks):
        return ""
    block = blocks[at]
    text = " ".join(m.plain_text(block.content).split()) if isinstance(block, m.Heading) else line_text(block)
    if not text or len(text) > SUBTITLE_MAX_CHARS or text.endswith(_NOT_HEADLINE_END[:3]):
        return ""
    if _SUBTITLE_DASH.match(text):
        return m.collapse_spaces(text)
    if isinstance(block, m.Heading) and at + 1 < len(blocks) and byline_fields(line_text(blocks[at + 1])):
        return m.collapse_spaces(text)
    return ""


# ---------------------------------------------------------------- where a title stands


def _leading(blocks: list[m.Block], index: int) -> bool:
    """Whether only furniture (pictures, badges, rules, byline and caption lines) and at most a
    couple of short kicker lines stand before `index`."""
    if index >= BYLINE_WINDOW + KICKERS_ALLOWED:
        return False
    kickers = 0
    for block in blocks[:index]:
        if _furniture(block):
            continue
        text = m.plain_text(m.block_inlines(block)).strip()
        if isinstance(block, (m.Paragraph, m.Heading)) and len(text) <= KICKER_MAX_CHARS and "\n" not in text:
            kickers += 1
            if kickers <= KICKERS_ALLOWED:
                continue
        return False
    return True


def _furniture(block: m.Block) -> bool:
    """A block that may stand above a title: a picture, a badge line, a rule, a byline or caption line."""
    if isinstance(block, (m.Figure, m.HorizontalRule)):
        return True
    if not isinstance(block, m.Paragraph):
        return False
    if not m.plain_text(_without_images(block.content)).strip():
        return True  # pictures only: badges, logos
    text = line_text(block)
    return bool(text) and (bool(byline_fields(text)) or is_caption_line(text))


def _without_images(inlines: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.InlineImage):
            continue
        children = m.inline_children(node)
        out.append(replace(node, content=_without_images(children)) if children else node)  # type: ignore[call-arg]
    return tuple(out)


def _headings(blocks: list[m.Block]) -> list[tuple[int, m.Heading]]:
    return [(i, b) for i, b in enumerate(blocks) if isinstance(b, m.Heading) and m.plain_text(b.content).strip()]


def _first_h1(blocks: list[m.Block]) -> int | None:
    first = next((i for i, b in _headings(blocks) if b.level == 1), None)
    return first if first is not None and _leading(blocks, first) else None


def _lone_first_heading(blocks: list[m.Block]) -> int | None:
    headings = _headings(blocks)
    if not headings:
        return None
    index, first = headings[0]
    nested = [b.level for b in m.walk_blocks(tuple(blocks)) if isinstance(b, m.Heading) and b is not first]
    if any(level <= first.level for level in nested) or not _leading(blocks, index):
        return None
    return index


def _bold_headline(blocks: list[m.Block]) -> int | None:
    """A Word document's headline typed as a big bold line, not in a style (its sections may be in
    `Heading 1`, which would otherwise title it): the first wholly bold line that reads as a headline,
    under a kicker's short lines at most, with the article, not a heading, after it."""
    seen = 0
    for index, block in enumerate(blocks[:BYLINE_WINDOW + KICKERS_ALLOWED]):
        if _furniture(block):
            continue
        if not isinstance(block, m.Paragraph) or seen > KICKERS_ALLOWED:
            return None
        content = block.content
        text = line_text(block)
        if len(content) == 1 and isinstance(content[0], m.Strong) and reads_as_headline(text):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            return index if isinstance(following, m.Paragraph) else None
        if not _short_line(block):
            return None
        seen += 1
    return None


def _headline_line(blocks: list[m.Block]) -> int | None:
    """The first block but furniture, when it is a short plain or bold line that reads as a headline
    and the article goes on after it."""
    index = next((i for i, b in enumerate(blocks) if not _furniture(b)), None)
    if index is None or index == len(blocks) - 1:
        return None
    text = line_text(blocks[index])
    return index if text and reads_as_headline(text) else None


def reads_as_headline(text: str) -> bool:
    """One short line with a few letters that does not end like a sentence or a label."""
    width = display_width(text)
    letters = sum(1 for ch in text if unicodedata.category(ch).startswith("L"))
    trails_off = text.endswith(_ELLIPSIS)
    if trails_off and _SENTENCE_INSIDE.search(text.rstrip("".join(_ELLIPSIS) + ".")):
        return False
    # two Han characters may be a title (`背影`, a poem's `春望`), two Latin letters no headline
    return (width <= HEADLINE_MAX_WIDTH and (letters >= 3 or letters == 2 and width == 4) and (trails_off or not text.endswith(_NOT_HEADLINE_END))
            and not text.startswith(("(", "（", "[", "【", "http://", "https://")))


def _drop_repeated_heading(blocks: list[m.Block], title: str, *, page: bool) -> tuple[list[m.Block], str]:
    """Without the leading heading that repeats the given title, and the title: a page's `<title>` that
    is its `<h1>` with the site's name added (`Headline | Courier`, `标题_网易财经`) is the `<h1>`
    (a front matter's title is the author's own, kept whole)."""
    headings = _headings(blocks)
    if headings:
        index, heading = headings[0]
        text = " ".join(m.plain_text(heading.content).split())
        if _leading(blocks, index) and (_same(text, title) or page and _with_site_name(title, text)):
            return blocks[:index] + blocks[index + 1:], title if _same(text, title) else text
    # the headline set as a paragraph: a page's (`<p class="title">`, a `<div>`), a document's big bold
    # line under its title property (Word's, LibreOffice's from an HTML `<title>`): the first one
    index = next((i for i, b in enumerate(blocks) if isinstance(b, m.Paragraph)), None)
    if index is not None and _leading(blocks, index):
        text = " ".join(m.plain_text(blocks[index].content).split())
        if _headline(text) and (_same(text, title) or page and _with_site_name(title, text, spaced=True)):
            return blocks[:index] + blocks[index + 1:], title if _same(text, title) else text
    return blocks, title


def _headline(text: str) -> bool:
    """A line that reads as a headline: short, one line, not a sentence's end."""
    return 0 < display_width(text) <= HEADLINE_MAX_WIDTH and "\n" not in text \
        and not text.endswith(_NOT_HEADLINE_END) and not _SENTENCE_INSIDE.search(text)


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).rstrip(" .。!！?？")


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


def _with_site_name(title: str, headline: str, *, spaced: bool = False) -> bool:
    """`title` is `headline` and a site's name joined by ` | `, ` - `, `_`, ` – ` or ` — `, either way round;
    with `spaced`, also a name of at most 20 characters after a space (`…专业技能大赛 湖南省中医药研究院附属医院`)."""
    whole, part = _key(title), _key(headline)
    if not part or len(part) >= len(whole):
        return False
    if whole.startswith(part):
        rest = whole[len(part):]
        if spaced and rest[:1].isspace() and len(rest.strip()) <= 20 and not _SENTENCE_INSIDE.search(rest):
            return True
        return bool(re.match(f"^[{_SITE_SEPARATORS}]\\s*\\S", rest.lstrip()))
    if whole.endswith(part):
        return bool(re.search(f"\\S\\s*[{_SITE_SEPARATORS}]$", whole[:-len(part)].rstrip()))
    return False


# ---------------------------------------------------------------- the file name


def readable_file_name(path: Path) -> str:
    """`harbor-power_2024.md` -> `Harbor power 2024`; `article.md` is named after its folder; hashes go.
    Empty for a name that is no file's (`<string>`)."""
    stem = path.stem
    if stem.startswith("<") and stem.endswith(">"):
        return ""
    if stem.casefold() in _GENERIC_STEMS and (folder := path.resolve().parent.name):
        stem = folder  # `article.md` given from inside its folder too
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", re.sub(r"[\s_\-.+~]+", " ", stem))
    words = [w for w in spaced.split() if not _HASH.match(w)] or spaced.split()
    name = " ".join(words)
    if name and name == name.lower() and name[0].isalpha():
        name = name[0].upper() + name[1:]
    return name
