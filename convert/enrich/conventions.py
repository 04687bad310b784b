"""News-article conventions: byline lines, caption and credit lines, section titles, closing lines,
disclaimers, keywords, notes written as text.

Chinese news copy pasted from the web carries its metadata as body text (`编辑：X`, a date line, a
source URL, `（图：…）` under each picture, `（编辑：X）` at the end). This pass moves that text where
it belongs in the model: byline lines (`bylines.py`) into `Meta`, caption and credit lines
(`captions.py`) into their `Figure`, notes written out as text (`[1]`) into footnotes (`textnotes.py`). Metadata given in front matter always wins over what is found here.
The title is chosen before this pass (`titles.py`), whether or not the conventions apply.
"""
from __future__ import annotations

import re
from dataclasses import fields, replace

from .. import model as m
from ..dates import has_time, parse_date_line
from ..scripts import IDEOGRAPHS, guess_language, is_chinese
from .bylines import (BYLINE_WINDOW, ORIGINAL_TITLE, byline_fields, copy_footer, editor_name, is_name, lead_dateline,
                      merge_fields, printed_in, split_names)
from .captions import caption_line, credit_line, split_credit
from .textnotes import text_notes
from ..wording import name_list
from .lists import own_numbers, typed_bullets

SECTION_TITLE_MAX = 40  # characters
CAPTION_LINE_MAX = 200  # characters of an unlabelled caption line ending in its credit
CLOSING_WINDOW = 3  # blocks at the end in which closing lines are looked for
END_MARK_WINDOW = 6  # blocks at the end in which `（完）` is looked for (notes written as text may follow it)

# `（责任编辑：X）`, and the portals' bracketed `【责任编辑：X】`, `[责任编辑：X]`, `［責任編輯：X］`
# ... and the Central News Agency's `（編輯：張均懋）1131126`: the day in the Minguo calendar (民國113年11月26日)
_CLOSING_EDITOR = re.compile(r"^[（(【\[［]\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯)\s*[:：]\s*(.+?)\s*[)）】\]］]"
                             r"(?:\s*(?P<minguo>1\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])))?$")
_END_MARK = re.compile(r"^(?:[（(【\[]\s*(?:完|全文完|全文結束|全文结束|END)\s*[)）】\]]|[-—–_=*~·\s]*(?:END|完)[-—–_=*~·\s]*)$", re.I)
# `编者按：…`, `【编者按】…`, `編者按：…`, `编者的话：…`, `Editor's note: …` opening the article
_EDITOR_NOTE = re.compile(r"^(?:[【\[［]\s*)?(?:编者按|編者按|编者的话|編者的話|编者注|編者註|Editor['’]s note)"
                          r"\s*(?:[】\]］]\s*[:：]?|[:：]|(?<=note):?\s)", re.I)
# `表1　主要省份GDP`, `表 2：…`, `Table 3. …`, `表：…` on the line over a table, or under it (`（表：…）` too):
# its caption (the edition numbers it)
_TABLE_CAPTION = re.compile(r"^(?:表|Table)\s*(?:[0-9０-９一二三四五六七八九十]{1,3}\s*(?:[.:：．、]\s*|\s+|(?=[^\x00-\x7f]))"
                            r"|[:：]\s*)(?P<caption>\S.{0,80})$")
_BRACKETED = re.compile(r"^[（(](?P<inner>.*)[）)]$")
# `注：…`, `数据来源：…`, `Source: …` under a table: its notes, set as the table's text is
_TABLE_NOTE = re.compile(r"^(?:注|註|说明|說明|备注|備註|(?:数据|數據|资料|資料)?(?:来源|來源)|Notes?|Sources?)\s*[:：]\s*\S", re.I)
_POINTER = re.compile(r"^[▲△▼▽↑↓]\s*(?=\S)")  # `▲11月25日，青岛港…`: the caption of the picture above
# `【记者观察】`, `【延伸阅读】` alone on a line: a section's label
_BRACKET_LABEL = re.compile(r"^【[^【】。，,.!?！？；;：:]{2,12}】$")
TOPIC = re.compile(r"#([^#\s]{1,30})#")  # a Weibo topic (`#亚运会#`)
_TOPICS = re.compile(rf"^(?:{TOPIC.pattern}\s*)+$")  # a line of topics only
_KEYWORDS = re.compile(r"^(?:关键字|关键词|關鍵字|關鍵詞|Keywords|Tags)\s*[:：]\s*(.*)$", re.I | re.S)
_DISCLAIMER = re.compile(
    # `© 2024年德國之聲版權聲明：…`; a reprint's leave (`本文来自微信公众号“X”…，36氪经授权发布。`)
    r"(本文系.{0,12}(?:供稿|独家稿件|獨家稿件)|未经(?:授权|许可)[，,]?(?:不得|禁止|请勿)(?:转载|转发)|未經(?:授權|許可)[，,]?(?:不得|禁止|請勿)(?:轉載|轉發)|^(?:©[^。：:]{0,20}?)?版[权權][声聲]明\s*[:：]|^本文(?:来自|來自|转载自|轉載自).{0,80}?(?:经|經)授[权權](?:发布|發布|转载|轉載)|侵删|侵刪|如有侵权[，,]?请|如有侵權[，,]?請|仅供参考|僅供參考|不构成(?:任何)?投资建议|不構成投資建議|仅代表作者|僅代表作者|"
    # a platform's own line under an account's post (`本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点…`)
    r"仅代表该作者|僅代表該作者|^本文为.{1,12}号作者|^本文為.{1,12}號作者|"
    # a platform's note under a contributor's piece (虎嗅's `本内容为作者独立观点，不代表虎嗅立场…`, `如对本稿件有异议…`)
    r"^本(?:内容|文)(?:为|為|系)?作者(?:独立|獨立|个人|個人)(?:观点|觀點)|^如(?:对|對)本(?:稿件|文)有(?:异议|異議)|"
    r"免责声明|免責聲明|^Disclaimer\s*:|does not constitute (?:investment|financial) advice|"
    r"^This (?:article|content) (?:is|was) (?:sponsored|provided by))", re.I)
_JUNK_ALT = re.compile(
    r"^(?:\d+|[0-9a-f]{12,}|[0-9a-f-]{32,}|[\w\-. ]+\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?|avif|heic)|"
    r"(?:image|img|photo|picture|pic|图片|图像|圖片)[\s_-]*\d*)$", re.I)
_SENTENCE_END = tuple("。！？.!?；;：:,，")
# `……。（编辑：X）` or `……。（记者 X）` closing the last paragraph itself
# (the Central News Agency's closes with its date after the bracket: `（編輯：林淑媛）1131017`)
_CLOSING_SUFFIX = re.compile(r"^(?P<text>.*[。.!?！？”」』）)])\s*(?P<closing>[（(][^（()）]{2,40}[)）](?:\d{7})?)$", re.S)
_PHOTOGRAPHER = re.compile(r"^(?:摄影|攝影|摄|攝)\s*[:：]\s*(.+)$")
_REUTERS_CLOSING = re.compile(r"^Reporting by (?P<authors>[^;]+?)(?:;\s*Additional reporting by (?P<more>[^;]+?))?"
                              r"(?:;\s*Editing by (?P<editor>[^;]+?))?\.?$", re.I)


def apply_conventions(doc: m.Document) -> m.Document:
    """Return `doc` with byline, captions, credits, section titles and closing lines in their places."""
    blocks = list(doc.body)
    chinese = is_chinese(doc.meta.lang or guess_language(m.visible_text(doc)))
    blocks, note = _take_editor_note(blocks)
    blocks, found = _take_byline(blocks, chinese)
    blocks = ([note] if note else []) + _without_repeated_title(blocks, doc.meta.title)
    found = merge_fields(found, _lead_dateline(blocks))
    blocks = _table_captions_and_notes(_attach_captions(blocks))
    blocks, found = _take_closing(blocks, found, doc.meta)
    blocks = _drop_trailing_decoration(_drop_reader_comments(blocks))
    blocks = [_as_section_title(b) for b in blocks]
    blocks = _section_numbers_into_titles(blocks)
    blocks = _numbered_section_titles(typed_bullets(own_numbers(blocks)))
    blocks = _speaker_labels(blocks)
    notes: list[m.Footnote] = list(doc.footnotes)
    if not notes:
        blocks, notes = text_notes(blocks)
    meta = _merge(_given_bylines(doc.meta), found)
    return m.Document(meta=_title_without_author(meta), blocks=tuple(blocks) + tuple(notes))


def _title_without_author(meta: m.Meta) -> m.Meta:
    """`meta` without the author's name a columnist's headline opens with (UDN's `林志遠／少子化不是發錢就能解決`,
    `王文：…`), when the byline names that author."""
    for author in meta.authors:
        for mark in ("／", "/", "：", ":"):
            if meta.title.startswith(author + mark) and len(rest := meta.title[len(author) + 1:].strip()) >= 4:
                return meta.with_(title=rest)
    return meta


_BRACKETED_LEAD = re.compile(r"^\s*【([^【】]{2,80})】\s*")
_TITLE_NOISE = re.compile(r"[#\s！!？?。：:，,“”\"'‘’「」]")


def _without_repeated_title(blocks: list[m.Block], title: str) -> list[m.Block]:
    """A Weibo post opens its text with its title in brackets (`【#杭州亚运会#中国队金牌数突破200枚】据…`):
    under the headline, the bracketed repeat is dropped; a bracketed lead that says something else stays."""
    first = next((i for i, b in enumerate(blocks) if isinstance(b, m.Paragraph)), None)
    if first is None or not title or not blocks[first].content \
            or not isinstance(head := blocks[first].content[0], m.Text):  # type: ignore[attr-defined]
        return blocks
    match = _BRACKETED_LEAD.match(head.text)
    if not match or _TITLE_NOISE.sub("", match[1]) != _TITLE_NOISE.sub("", title):
        return blocks
    rest = (m.Text(head.text[match.end():]), *blocks[first].content[1:])  # type: ignore[attr-defined]
    if not m.plain_text(rest).strip():
        return blocks
    return blocks[:first] + [replace(blocks[first], content=rest)] + blocks[first + 1:]


def _given_bylines(meta: m.Meta) -> m.Meta:
    """Front matter whose author is written as a byline line (`記者林佳蓉／台北報導`, `记者 王某 北京报道`,
    `By Jane Doe`, `编辑：王强`) gives the names, and the place or editor it states, as the same line in
    the text would."""
    authors: list[str] = []
    stated: dict[str, object] = {}
    for author in meta.authors:
        fields = byline_fields(author)
        if fields.get("authors") and set(fields) <= {"authors", "reported", "place"}:
            authors += [name for name in fields["authors"] if name not in authors]  # type: ignore[attr-defined]
            stated = {**fields, **stated}
        elif set(fields) == {"editor"}:  # `author: 编辑：王强` names the editor
            stated = {"editor": fields["editor"], **stated}
        elif author not in authors:
            authors.append(author)
    if not stated:
        return meta
    return _merge(replace(meta, authors=tuple(authors)), {k: v for k, v in stated.items() if k != "authors"})


def is_junk_alt(text: str) -> bool:
    """Alt text that is a number, hash or file name, never fit to show a reader."""
    return bool(_JUNK_ALT.match(text.strip()))


def iso_date(text: str) -> str:
    """A date line (`2023-10-30 10:57`, `2023年10月30日 下午3:15`, ...) as ISO 8601; '' when it is none."""
    return parse_date_line(text)


def line_text(block: m.Block) -> str:
    """The text of a paragraph of plain, bold or emphasised text and links (a page's meta line sets its
    poster's name in `<em>`), else ''."""
    if not isinstance(block, m.Paragraph):
        return ""
    content = block.content
    if len(content) == 1 and isinstance(content[0], (m.Strong, m.Emphasis)):
        content = content[0].content
    if any(not isinstance(i, (m.Text, m.Link)) and not (isinstance(i, (m.Strong, m.Emphasis))
                                                         and all(isinstance(j, m.Text) for j in i.content))
           for i in content):
        return ""
    return " ".join(m.plain_text(content).split())


def is_caption_line(text: str) -> bool:
    """A caption (`（图：…）`) or credit (`摄影：王某`) line, which belongs to the picture above it."""
    return bool(caption_line(text) or credit_line(text))


# ---------------------------------------------------------------- steps


def _take_byline(blocks: list[m.Block], chinese: bool) -> tuple[list[m.Block], dict[str, object]]:
    """Byline lines at the top, or under a first heading kept because it differs from the given title, or
    under the lead picture (a video page's still over its fields line); a reporter's line under the lead."""
    start = 1 if blocks and isinstance(blocks[0], m.Heading) else 0
    start += 1 if start < len(blocks) and isinstance(blocks[start], m.Figure) else 0
    found: dict[str, object] = {}
    end = start
    for block in blocks[start:start + BYLINE_WINDOW]:
        fields: dict[str, object] = {}
        for line in _lines_of(block):  # a page's block of fields set on two lines (`来源：… 作者：…<br>时间：… 浏览：33`)
            if not (more := byline_fields(line, chinese=chinese)):
                fields = {}
                break
            fields = merge_fields(fields, more)
        if not fields:
            break
        found = merge_fields(found, fields)
        end += 1
    blocks = blocks[:start] + blocks[end:]
    # Under the lead, where Hong Kong's papers put it (`【明報專訊】…` / `記者 陳嘉欣 香港報道`): a reporter's
    # line alone, when the top gave no author.
    lead, under = (blocks[start], blocks[start + 1]) if start + 1 < len(blocks) else (None, None)
    if "authors" not in found and isinstance(lead, m.Paragraph) and isinstance(under, m.Paragraph):
        fields = byline_fields(line_text(under), chinese=chinese)
        if fields.get("reported") and fields.get("authors") and set(fields) <= {"authors", "reported", "place"}:
            found = merge_fields(found, fields)
            blocks = blocks[:start + 1] + blocks[start + 2:]
    return blocks, found


def _take_editor_note(blocks: list[m.Block]) -> tuple[list[m.Block], m.Notice | None]:
    """The editor's note (编者按) opening the article, under byline lines at most, as a notice that opens
    the body (the byline lines around it are read as if it were not there), and the blocks without it."""
    for index, block in enumerate(blocks[:BYLINE_WINDOW + 1]):
        text = m.plain_text(block.content).strip() if isinstance(block, m.Paragraph) else ""
        if not (label := _EDITOR_NOTE.match(text)):
            if byline_fields(line_text(block)):
                continue
            break
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if text[label.end():].strip() or not isinstance(following, m.Paragraph):
            return blocks[:index] + blocks[index + 1:], m.Notice(block.content, kind="editor-note")
        # the label on a line of its own (`【编者按】`), the note in the paragraph under it
        return blocks[:index] + blocks[index + 2:], m.Notice((*block.content, *following.content), kind="editor-note")
    return blocks, None


def _lines_of(block: m.Block) -> list[str]:
    """The lines of a plain paragraph (`line_text`), split at its line breaks, or of a list of them
    (a page's byline set as a list: BBC's `<li>作者，X</li><li>Role，Y</li>`); [] for any other block."""
    if isinstance(block, m.ListBlock):
        items = [item[0] for item in block.items if len(item) == 1]
        lines = [line for item in items for line in _lines_of(item)]
        return lines if len(items) == len(block.items) and all(lines) else []
    if not isinstance(block, m.Paragraph):
        return []
    texts = [line_text(m.Paragraph(line)) for line in m.split_lines(block.content)]
    return texts if all(texts) else []


def _lead_dateline(blocks: list[m.Block]) -> dict[str, object]:
    """Place, outlet and reporters of a dateline opening the lead paragraph, which keeps its text."""
    lead = next((b for b in blocks[:3] if isinstance(b, m.Paragraph)
                 and not ORIGINAL_TITLE.match(m.plain_text(b.content).strip())), None)  # the lead is after it
    return lead_dateline(m.plain_text(lead.content).strip()) if lead is not None else {}


def _attach_captions(blocks: list[m.Block]) -> list[m.Block]:
    """Caption and credit lines into the picture above them; credits ending a caption split off it. A
    line opened by a mark pointing at the picture (`▲`, `↑`) is its caption, without the mark."""
    out: list[m.Block] = []
    attached: set[str] = set()  # what the figure at out[-1] has taken from lines below it
    for block in blocks:
        previous = out[-1] if out else None
        text = line_text(block) or _bold_labelled(block)
        if isinstance(previous, m.Figure) and text:
            pointer = _POINTER.match(text)
            text = text[pointer.end():] if pointer else text
            if "credit" not in attached and (credit := credit_line(text)):
                out[-1] = replace(previous, credit=credit)
                attached.add("credit")
                continue
            if "caption" not in attached and (caption := caption_line(text) or (text if pointer else "")):
                caption, credit = split_credit(caption)  # `（圖：中央氣象署提供）`: a credit only, the alt stays
                shown = (m.Text(caption),) if caption else previous.caption if credit else ()
                out[-1] = replace(previous, caption=shown, credit=previous.credit or credit)
                attached.add("caption")
                continue
            caption, credit = split_credit(text)
            if not attached and not previous.credit and caption and credit \
                    and len(text) <= CAPTION_LINE_MAX:
                # `4月18日，工人在大桥上作业。新华社记者 王松 摄`: the line under a picture a wire's caption
                # is, ending in its credit, unlabelled; it outranks the picture's alt text (`![…](…)`'s caption)
                out[-1] = replace(previous, caption=(m.Text(caption),), credit=credit)
                attached.update(("caption", "credit"))
                continue
        if isinstance(block, m.Figure):
            attached = set()
            block = _credit_out_of_caption(block)
            if is_junk_alt(m.plain_text(block.caption)):
                block = replace(block, caption=())
        out.append(block)
    return out


_BOLD_LABEL = re.compile(r"^(?:图|圖|表|Figure|Table)\s*\d{1,3}$")


def _bold_labelled(block: m.Block) -> str:
    """The text of a caption line whose label is bold (`**图 1**　港口作业`, as Word's captions and this tool's
    DOCX set them), else ''."""
    if not isinstance(block, m.Paragraph) or len(block.content) < 2 or not isinstance(block.content[0], m.Strong) \
            or not _BOLD_LABEL.match(m.plain_text(block.content[0].content).strip()) \
            or any(not isinstance(i, m.Text) for i in block.content[1:]):
        return ""
    return " ".join(m.plain_text(block.content).split())


def _table_captions_and_notes(blocks: list[m.Block]) -> list[m.Block]:
    """A table's caption line over it (`表1　主要省份GDP`, `表：…`) or, when it has none, right under it
    (`表：…`, `（表：…）`) into the table, and the notes and source lines under it (`注：…`, `数据来源：…`)
    marked as its notes (role `table-note`)."""
    out: list[m.Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if isinstance(block, m.Table) and not block.caption and (match := _table_caption(previous)):
            out[-1] = replace(block, caption=(m.Text(match["caption"].strip()),))
            continue
        if isinstance(previous, m.Table) and not previous.caption and isinstance(block, m.Paragraph) \
                and not block.role and (match := _table_caption(block)):
            out[-1] = replace(previous, caption=(m.Text(match["caption"].strip()),))
            continue
        after_table = isinstance(previous, m.Table) or (isinstance(previous, m.Paragraph) and previous.role == "table-note")
        if after_table and isinstance(block, m.Paragraph) and not block.role and _TABLE_NOTE.match(line_text(block)):
            block = replace(block, role="table-note")
        out.append(block)
    return out


def _table_caption(block: m.Block | None) -> re.Match[str] | None:
    """The caption a paragraph gives a table beside it, bracketed or not."""
    if not isinstance(block, m.Paragraph):
        return None
    text = line_text(block)
    bracketed = _BRACKETED.match(text)
    return _TABLE_CAPTION.match(bracketed["inner"].strip() if bracketed else text)


def _credit_out_of_caption(figure: m.Figure) -> m.Figure:
    """A figure whose caption (from its alt text or image title) ends in a credit: the credit apart. A
    figure that has its credit already (a page's credit element) keeps its caption whole (`…（档案照片）`)."""
    if (pointer := _POINTER.match(shown := m.plain_text(figure.caption))) and shown[pointer.end():].strip():
        figure = replace(figure, caption=(m.Text(shown[pointer.end():]),))  # `<figcaption>▲…`: the mark goes
    caption, credit = split_credit(m.plain_text(figure.caption))
    if credit and figure.credit:
        return figure
    if not credit:
        if (labelled := caption_line(caption)) and labelled != caption:
            return replace(figure, caption=(m.Text(labelled),))  # `图像加注文字，…`: the label goes
        return figure
    alt, alt_credit = split_credit(figure.alt)
    caption = caption_line(caption) or caption
    return replace(figure, caption=(m.Text(caption),) if caption else (), credit=credit,
                   alt=alt if alt_credit else figure.alt)


def _take_closing(blocks: list[m.Block], found: dict[str, object],
                  given: m.Meta) -> tuple[list[m.Block], dict[str, object]]:
    """Closing lines out of the body: `（编辑：X）` (the editor, never an author), `来源：X`, `（记者 X）`,
    `Reporting by X; Editing by Y`, keywords (or a line of Weibo topics, `#亚运会# #中国骄傲#`), and
    disclaimers set apart as notices."""
    blocks = _split_closing_suffix(blocks)
    out: list[m.Block] = []
    keywords: tuple[str, ...] = ()
    disclaimers: list[str] = []
    closing_from = len(blocks) - CLOSING_WINDOW
    closing_stated: set[str] = set()  # the fields a closing line gave
    for index, block in enumerate(blocks):
        text = line_text(block)
        if index >= closing_from and (footer := copy_footer(text))[0]:
            found = merge_fields(found, footer[0])  # Zhihu's `作者：X 链接：… 来源：知乎 著作权归作者所有。…`
            if footer[1]:
                disclaimers.append(footer[1])
                out.append(m.Notice((m.Text(footer[1]),)))
            continue
        if index >= closing_from and (names := _closing_photographer(text)) \
                and any(isinstance(b, m.Figure) and not b.credit for b in out):
            # the credit of the pictures above that name none; with no picture the line stays as written
            # (a photographer is no author, and the byline has no field for one)
            out = [replace(b, credit=name_list(names, given.lang or "zh")) if isinstance(b, m.Figure) and not b.credit else b for b in out]
            continue
        if index >= closing_from and (fields := _closing_fields(text, signed=bool(found.get("authors")))):
            # a closing line naming another editor or source than the page's own stays in the text; one
            # more editor under the closing's own (`编辑：X` over `责任编辑：Y`) is a credit of the desk's
            if all(not fields.get(key) or not (known := str(found.get(key) or getattr(given, key)))
                   or fields[key] == known or key in closing_stated for key in ("editor", "source_site")):
                closing_stated |= {key for key in ("editor", "source_site") if fields.get(key) and not found.get(key)
                                   and not getattr(given, key)}
                found = merge_fields(found, fields)
                continue
        if index >= closing_from and _repeats(byline_fields(text), found, given):
            continue  # a reprint's note repeated at the end (`本文来自微信公众号：X，作者：Y`), as the top gave it
        if match := _KEYWORDS.match(text):
            keywords += tuple(k for k in re.split(r"[\s,，、;；]+", match[1]) if k)
            continue
        if index >= closing_from and _TOPICS.match(text):  # `#亚运会# #中国骄傲#`: a Weibo post's topics
            keywords += tuple(TOPIC.findall(text))
            continue
        if text and len(text) <= 200 and _DISCLAIMER.search(text):
            disclaimers.append(text)
            out.append(m.Notice(block.content if isinstance(block, m.Paragraph) else (m.Text(text),)))
            continue
        out.append(block)
    return out, {**found, "keywords": keywords, "disclaimer": " ".join(disclaimers)}


def _closing_photographer(text: str) -> tuple[str, ...]:
    """The names of a closing `（攝影：郭子豪）`, the credit of the article's pictures, else ()."""
    if (bracketed := _BRACKETED.match(text)) and (credit := _PHOTOGRAPHER.match(bracketed["inner"].strip())) \
            and (names := split_names(credit[1])) and all(map(is_name, names)):
        return names
    return ()


def _repeats(fields: dict[str, object], found: dict[str, object], given: m.Meta) -> bool:
    """Whether a line's byline fields, authors and one more field at least, say only what is known."""
    if not fields.get("authors") or len(fields) < 2 or set(fields) - {"authors", "source_site", "editor", "counter"}:
        return False
    authors = set(found.get("authors") or ()) | set(given.authors)  # type: ignore[arg-type]
    return set(fields["authors"]) <= authors and all(  # type: ignore[arg-type]
        fields[key] in (found.get(key), getattr(given, key)) for key in ("source_site", "editor") if key in fields)


def _closing_fields(text: str, *, signed: bool = False) -> dict[str, object]:
    """What a closing line states; a reporter's line unbracketed (Hong Kong's `記者　李嘉欣`) only when
    the top of the article named no author (`signed`)."""
    if not text:
        return {}
    if match := _CLOSING_EDITOR.match(text):
        day = match["minguo"]
        inner = byline_fields(text[1:match.end(1)].strip(), chinese=True)  # `编辑：孙丽　审核：赵强`: the editor alone
        return {"editor": str(inner.get("editor") or editor_name(match[1])),
                **({"date": f"{int(day[:3]) + 1911}-{day[3:5]}-{day[5:]}"} if day else {})}
    if fields := printed_in(text):
        return fields
    if match := _REUTERS_CLOSING.match(text):
        authors = split_names(match["authors"]) + (split_names(match["more"]) if match["more"] else ())
        return {"authors": authors, **({"editor": match["editor"].strip()} if match["editor"] else {})}
    fields = byline_fields(text)  # `编辑：X　审核：Y`: the desk's other credits (`counter`) go with the line
    if set(fields) - {"counter"} <= {"editor", "source_site", "source_url"} or set(fields) <= {"authors", "place", "reported"} \
            and (text.startswith(("（", "(")) or fields.get("reported") and not signed):
        return fields  # a bare `责任编辑：X`, `（记者 X）`, or Hong Kong's `記者　李嘉欣` closing the report
    return {}


def _split_closing_suffix(blocks: list[m.Block]) -> list[m.Block]:
    """`……。（编辑：X）` at the end of the last paragraph: the closing line apart from the text."""
    index = next((i for i in range(len(blocks) - 1, -1, -1) if isinstance(blocks[i], m.Paragraph)
                  and not _closing_fields(line_text(blocks[i]))), None)
    if index is None:
        return blocks
    paragraph = blocks[index]
    last = paragraph.content[-1] if paragraph.content else None  # type: ignore[union-attr]
    match = _CLOSING_SUFFIX.match(last.text) if isinstance(last, m.Text) else None
    if match is None or not _closing_fields(match["closing"]):
        return blocks
    kept = replace(paragraph, content=paragraph.content[:-1] + (m.Text(match["text"]),))  # type: ignore[union-attr]
    return blocks[:index] + [kept, m.Paragraph((m.Text(match["closing"]),))] + blocks[index + 1:]


# A reader's comment a page keeps under a post (Weibo's `@阳光小太阳：太感动了，支持！`): a reply's form
_READER_COMMENT = re.compile(r"^@[^\s@:：]{1,30}\s*[:：]\s*\S")


def _drop_reader_comments(blocks: list[m.Block]) -> list[m.Block]:
    """`blocks` without the readers' comments ending them: a run of `@name：…` lines after a notice (the
    post's disclaimer closes its text), or of three or more. An article's own quotations of posts are
    not at its very end, or are introduced (`网友@X：…`)."""
    start = len(blocks)
    while start > 0 and _READER_COMMENT.match(line_text(blocks[start - 1])):
        start -= 1
    run = len(blocks) - start
    if run and (run >= 3 or start > 0 and isinstance(blocks[start - 1], m.Notice)):
        return blocks[:start]
    return blocks


# A picture file named as a site's furniture (`images/logo.png`, `qrcode.jpg`, `footer_banner.gif`)
_FURNITURE_FILE = re.compile(r"logo|icon|qr|erweima|banner|footer|follow|subscribe|share|weixin|wechat|pixel|spacer"
                             r"|blank|1x1", re.I)


def _decoration(figure: m.Figure) -> bool:
    """Whether a picture with no alt, caption or credit after the article's last text is the site's
    (its logo, its QR code): a picture pasted with the text from the web (a remote address, as the
    user's seed ends with the site's logo), or a file named so. Any other file beside the article is a
    picture its writer put there (a photo after the last paragraph, or an article that is only a photo)."""
    if figure.alt.strip() or figure.caption or figure.credit:
        return False
    name = figure.src.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return figure.src.startswith(("http://", "https://", "//")) or bool(_FURNITURE_FILE.search(name))


def _drop_trailing_decoration(blocks: list[m.Block]) -> list[m.Block]:
    """A site's logo or QR code after the article's last text is no figure (`_decoration`); a wire's
    end mark (`（完）`, `—END—`) on its own line near the end marks the copy's end, no text of the article."""
    out = [b for i, b in enumerate(blocks) if i < len(blocks) - END_MARK_WINDOW or not _END_MARK.match(line_text(b))]
    index = len(out) - 1
    while index >= 0:
        block = out[index]
        if isinstance(block, m.Figure) and _decoration(block):
            del out[index]
        elif not isinstance(block, (m.Figure, m.Notice, m.HorizontalRule)):
            break
        index -= 1
    return out


# Symbols and pictographs a pasted post marks its section titles with (`📌 **新规一：…**`, `▶ **…**`, `◆ **…**`)
_ORNAMENT = re.compile("[\\s\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u25A0-\u25FF\uFE0F\u200D]+")


def _as_section_title(block: m.Block) -> m.Block:
    """A short bold line, or a bracketed label alone (`【记者观察】`), is a section's title; a bold line
    after an ornament (`📌 **新规一：…**`) too, the ornament kept."""
    if not isinstance(block, m.Paragraph):
        return block
    content = block.content
    if len(content) == 2 and isinstance(content[0], m.Text) and isinstance(content[1], m.Strong) \
            and _ORNAMENT.fullmatch(content[0].text) and content[0].text.strip():
        title = _as_section_title(m.Paragraph((content[1],)))
        return replace(title, content=(m.Text(content[0].text.strip() + " "), *title.content)) \
            if isinstance(title, m.Heading) else block
    if len(content) != 1:
        return block
    only = block.content[0]
    if isinstance(only, m.Text) and _BRACKET_LABEL.match(only.text.strip()) and not byline_fields(only.text.strip()) \
            and not _END_MARK.match(only.text.strip()):
        return m.Heading(2, (m.Text(only.text.strip()),))
    if not isinstance(only, m.Strong):
        return block
    text = m.plain_text(only.content).strip()
    if not text or len(text) > SECTION_TITLE_MAX or text.endswith(_SENTENCE_END) or "\n" in text:
        return block
    if byline_fields(text):  # a bold `来源：无锡交警`, `责编：Demi Xia` closing the article is no section's title
        return block
    return m.Heading(2, only.content)


# A section's number alone on its line (`1`, `02`, `一`, `III.`), over its title
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[IVX]{1,4})[.、．]?$")


def _section_numbers_into_titles(blocks: list[m.Block]) -> list[m.Block]:
    """A bold section number on a line of its own over the section's bold title (ifeng's `**1**` /
    `**全国名校长在小地方遇难题**`) numbers that title (`1 全国名校长…`): alone it was a heading of its own,
    `1`, over the real one. A bold number over no title stays a line of the text."""
    blocks = list(blocks)
    out: list[m.Block] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, m.Heading) and _SECTION_NUMBER.match(m.plain_text(block.content).strip()):
            if isinstance(following, m.Heading) and not _SECTION_NUMBER.match(m.plain_text(following.content).strip()):
                blocks[index + 1] = replace(following, content=(m.Text(m.plain_text(block.content).strip() + " "),
                                                                *following.content))
                continue
            block = m.Paragraph((m.Strong(block.content),))
        out.append(block)
    return out


_NUMERALS = "一二三四五六七八九十"
# `一、支持企业吸纳就业` (a section), `（一）发放补助` (a part of one): Chinese reports' and documents' heads
_NUMBERED_HEAD = {2: re.compile(f"^([{_NUMERALS}]{{1,3}})、\\s*\\S"), 3: re.compile(f"^[（(]([{_NUMERALS}]{{1,3}})[)）]\\s*\\S")}


def _numbered_section_titles(blocks: list[m.Block]) -> list[m.Block]:
    """Plain short lines numbered `一、` `二、` … (and `（一）` `（二）` … under them) as section headings,
    when the article numbers at least two so, from one on: a line such as `一、支持企业吸纳就业` is how a
    report or an official document heads its sections, and without a `#` it was a paragraph. A numbered
    line that is a sentence (`一、申报范围为…小区。`) stays a paragraph, and so do lines numbered one under
    the other with no text between them: they are a list's items (`一、增开列车` `二、缩短间隔`), not heads."""
    out = list(blocks)
    for level, pattern in _NUMBERED_HEAD.items():
        heads = {index: match[1] for index, block in enumerate(out)
                 if (match := pattern.match(text := line_text(block)))
                 and len(text) <= SECTION_TITLE_MAX and not text.endswith(_SENTENCE_END)
                 and not any(isinstance(inline, m.Link) for inline in block.content)}  # type: ignore[union-attr]
        if len(heads) < 2 or next(iter(heads.values()))[-1] != _NUMERALS[0]:  # numbered from one on
            continue
        if any(index + 1 in heads for index in heads):  # one under the other, nothing between: a list's items
            continue
        for index in heads:
            out[index] = m.Heading(level, out[index].content)  # type: ignore[union-attr]
    return out


# `问：` `答：` `记者：` opening an interview's paragraphs; after a question, the one answering (`王玉珍：`)
_QUESTION_LABEL = re.compile(r"^(?:问|問|记者|記者|主持人|Q)\s*[:：]")
_ANSWER_LABEL = re.compile(rf"^(?:答|A|[{IDEOGRAPHS}·]{{2,4}})\s*[:：]")


def _speaker_labels(blocks: list[m.Block]) -> list[m.Block]:
    """An interview's speaker labels in bold, as papers print a Q&A (`**问：**现在年轻人愿意学吗？`), when the
    article asks at least two questions so; the label was plain text, the questions hard to find."""
    def opening(block: m.Block) -> str:
        first = block.content[0] if isinstance(block, m.Paragraph) and block.content else None
        return first.text if isinstance(first, m.Text) else ""

    if sum(1 for b in blocks if _QUESTION_LABEL.match(opening(b))) < 2:
        return blocks
    out, asked = list(blocks), False
    for index, block in enumerate(blocks):
        text = opening(block)
        label = _QUESTION_LABEL.match(text) or (_ANSWER_LABEL.match(text) if asked else None)
        asked = bool(_QUESTION_LABEL.match(text))
        if label:
            rest = text[label.end():].lstrip()
            out[index] = m.Paragraph((m.Strong((m.Text(label[0].strip()),)),)
                                     + ((m.Text(rest),) if rest else ()) + block.content[1:])  # type: ignore[union-attr]
    return out


def _merge(given: m.Meta, found: dict[str, object]) -> m.Meta:
    """Front matter (`given`) wins; what the conventions found fills the gaps. A day given without its time
    takes the time a byline line shows for that day (`2024-05-01 10:30 来源：…` under a page's headline)."""
    changes = {f.name: found[f.name] for f in fields(given)
               if f.name in found and found[f.name] and not getattr(given, f.name)}
    # the text's byline naming the given authors and more (`（记者 马越 王琳）` under `<meta name="author"
    # content="王琳">`): the fuller list, in the text's order
    more = tuple(found.get("authors") or ())  # type: ignore[arg-type]
    if given.authors and set(given.authors) < set(more):
        changes["authors"] = more
    date = str(found.get("date") or "")
    if given.date and not has_time(given.date) and has_time(date) and date[:10] == given.date[:10]:
        changes["date"] = date
    return replace(given, **changes)
