"""The salutation and the sign-off of a Chinese notice, statement or letter (通知, 公告, 声明, 公开信): the
addressees on a line of their own at the start (`各位用户：`), which Chinese pages set flush with the start
of the line, unindented; the issuer's name and the date on lines of their own at the end
(`东城区自来水有限公司` / `2024年5月1日`), set flush with its end. As pasted they are body paragraphs, each
indented two characters like the text around them.

Two lines of other copy are set flush with the end of the line as well: an essay's closing note of when
and where it was written (`2024年秋，写于北京`), and the attribution closing a quotation set apart
(`——王维《山居秋暝》`, `— Donald Knuth`)."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import model as m
from ..dates import parse_date_line
from ..scripts import ATTRIBUTION_LINE, display_width, has_han

_HAN_NUMBER = "〇○零一二三四五六七八九十"
# A date alone: `2024年5月1日`, `二〇二四年五月一日`, `2024-05-01`, `2024.5.1`.
_A_DATE = (rf"(?:\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{_HAN_NUMBER}]{{4}}年[{_HAN_NUMBER}]{{1,2}}月"
           rf"[{_HAN_NUMBER}]{{1,3}}日|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}})")
_DATE = re.compile(f"^{_A_DATE}$")
_SENTENCE_END = tuple("。！？!?：:；;，,、…」』”)")
_ISSUER_CHARS = 30


_ISSUER_AND_DATE = re.compile(rf"^(?P<issuer>\S.{{0,{_ISSUER_CHARS}}}?)\s+(?P<date>{_A_DATE})$")
# On one line with the date, the issuer is told from a sentence by its name: a body's (`…人民政府`, `…有限公司`).
_BODY_NAME = re.compile(r"(?:政府|委员会|委員會|委|局|厅|廳|部|办公室|辦公室|办|辦|中心|公司|集团|集團|协会|協會|学会|學會|"
                        r"银行|銀行|医院|醫院|学校|學校|大学|大學|学院|學院|研究院|研究所|院|会|會|站|处|處|署|社|馆|館|"
                        r"指挥部|指揮部|组|組|物业|物業|街道|村|社区|社區)$")
_NOTE = re.compile(r"^[（(][^（()）]{2,40}[)）]$")
# `2024年秋，写于北京`, `（写于2024年国庆）`, `二〇二四年十月于上海`: when and where an essay was written
_WRITTEN = re.compile(rf"^[（(]?(?:(?:(?:\d{{4}}|[{_HAN_NUMBER}]{{4}})\s*年[^。！？!?，,]{{0,6}}[，,\s]?)?"
                      r"(?:写|寫|作|草|完稿|定稿|改|修改|改定)(?:于|於)[^\s。！？!?，,]{1,16}"
                      rf"|(?:\d{{4}}|[{_HAN_NUMBER}]{{4}})\s*年[^。！？!?，,]{{0,8}}?(?:于|於)[^\s。！？!?，,]{{2,10}})[)）]?$")
# `——王维《山居秋暝》`, `— Donald Knuth`: who said the quotation above it
_ATTRIBUTION = re.compile(r"^(?:——|—|―|--)\s*\S.{0,40}$")
_SALUTATION = re.compile(r"^[^。！？!?，,；;：:\s]{2,20}[：:]$")
# A notice's list of addressees (主送机关), bodies set apart by commas: `各区人民政府，市政府各委、办、局：`,
# `各省、自治区、直辖市人民政府，国务院各部委、各直属机构：`; its last one a body or a group of people.
_ADDRESSEES = re.compile(r"^[^。！？!?；;：:\s]{2,60}[：:]$")
_GROUP = re.compile(r"(?:单位|單位|部门|部門|机构|機構|企业|企業|人员|人員|同志|居民|业主|業主|用户|用戶)们?$")


def mark_letter_parts(doc: m.Document) -> m.Document:
    """`mark_sign_offs`, then a first paragraph that only names the addressees (`各位用户：`, `尊敬的客户：`,
    at most 20 characters ending with a colon, a paragraph after it) given the role `salutation`."""
    if not doc.is_chinese:
        return mark_sign_offs(mark_attributions(doc))
    doc = mark_sign_offs(mark_attributions(attachment_lists(doc)))
    blocks = list(doc.blocks)
    first = next((i for i, b in enumerate(blocks) if not isinstance(b, m.Figure)), None)
    if first is None or not isinstance(blocks[first], m.Paragraph) or first + 1 >= len(blocks):
        return doc
    lines = _lines(blocks[first])
    if len(lines) == 1 and _addressees(lines[0]) and isinstance(blocks[first + 1], m.Paragraph):
        blocks[first] = replace(blocks[first], role="salutation")
    return replace(doc, blocks=tuple(blocks))


# A notice's list of attachments (GB/T 9704 §7.3.4): `附件：1. 任务清单`, then `2. 责任人名单` under it
_FIRST_ATTACHMENT = re.compile(r"^(?P<label>附件\s*[：:]\s*)1\s*[.．、]")
_ATTACHMENT = re.compile(r"^(?P<n>\d{1,2})\s*[.．、]\s*\S")


def attachment_lists(doc: m.Document) -> m.Document:
    """A notice's attachments listed one paragraph each (`附件：1. …`, `2. …`) as one paragraph of lines,
    each number under the first one (GB/T 9704: `2.` under `1.`): the lines after the first open with
    as many ideographic spaces as the label `附件：` is wide, and the paragraph is `aligned`, as if the
    writer had typed them so."""
    blocks = list(doc.blocks)
    out: list[m.Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        first = _lines(block) if isinstance(block, m.Paragraph) and not block.role else []
        label = _FIRST_ATTACHMENT.match(first[0]) if len(first) == 1 else None
        number, content = 2, list(block.content) if label else []
        indent = "\u3000" * round(display_width(label["label"].rstrip()) / 2) if label else ""
        while label and index + 1 < len(blocks) and isinstance(following := blocks[index + 1], m.Paragraph) \
                and not following.role and len(lines := _lines(following)) == 1 \
                and (item := _ATTACHMENT.match(lines[0])) and int(item["n"]) == number:
            content += [m.LineBreak(), m.Text(indent), *following.content]
            number, index = number + 1, index + 1
        out.append(replace(block, content=tuple(content), role="aligned") if number > 2 else block)
        index += 1
    return replace(doc, blocks=tuple(out)) if len(out) != len(blocks) else doc


def _addressees(line: str) -> bool:
    """Whether `line` only names whom the text addresses: a short line ending with a colon (`各位用户：`),
    or bodies listed with commas, the last a body's name (not `记者了解到，今年的情况是：`)."""
    if _SALUTATION.match(line):
        return True
    last = re.split(r"[，,、]", line[:-1])[-1]
    return bool(_ADDRESSEES.match(line) and (_BODY_NAME.search(last) or _GROUP.search(last)))


def mark_sign_offs(doc: m.Document) -> m.Document:
    """`doc` with its sign-off paragraphs given the role `signoff`: a Chinese article's last paragraph a
    date alone, after one or two short lines that are no sentence (the issuer: no closing punctuation,
    at most 30 characters); or one paragraph of such lines broken by line breaks (`市自来水公司<br>
    2024年1月30日`), or typed on one line, a space apart, where the issuer is a body's name (`XX市人民政府
    2024年11月20日`, which is also what Markdown makes of the two lines typed one under the other). A note in
    brackets may follow (`（此件公开发布）`)."""
    if not doc.is_chinese:
        return doc
    blocks = list(doc.blocks)
    last = max((i for i, b in enumerate(blocks) if not isinstance(b, m.Footnote)), default=-1)
    if last > 1 and isinstance(blocks[last], m.Paragraph) and _NOTE.match(" ".join(_lines(blocks[last]))):
        last -= 1  # a notice's note under its date (`（此件公开发布）`)
    if last < 1 or not isinstance(blocks[last], m.Paragraph):
        return doc
    lines = _lines(blocks[last])
    if len(lines) == 1 and _WRITTEN.match(lines[0]):
        blocks[last] = replace(blocks[last], role="signoff")  # `2024年秋，写于北京` closing an essay
        return replace(doc, blocks=tuple(blocks))
    if len(lines) == 1 and (joined := _ISSUER_AND_DATE.match(lines[0])) and _issuer(joined["issuer"]) \
            and _BODY_NAME.search(joined["issuer"]):
        blocks[last] = replace(blocks[last], content=(m.Text(joined["issuer"]), m.LineBreak(), m.Text(joined["date"])))
        lines = _lines(blocks[last])  # `XX市人民政府 2024年11月20日`: the two lines, typed as one paragraph
    if len(lines) > 1:  # issuer and date in one paragraph, broken into lines
        if _DATE.match(lines[-1]) and all(_issuer(line) for line in lines[:-1]) and len(lines) <= 3:
            blocks[last] = replace(blocks[last], role="signoff")
            return _dated(replace(doc, blocks=tuple(blocks)), lines[-1])
        return replace(doc, blocks=tuple(blocks))
    if not lines or not _DATE.match(lines[0]):
        return doc
    issuers = []
    for index in (last - 1, last - 2):
        block = blocks[index] if index > 0 else None  # the first block is the text, never a sign-off alone
        if isinstance(block, m.Paragraph) and len(_lines(block)) == 1 and _issuer(_lines(block)[0]):
            issuers.append(index)
        else:
            break
    if not issuers:  # a date alone under the text (an obituary's, a statement's) dates it, set as it is
        return _dated(doc, lines[0])
    for index in (*issuers, last):
        blocks[index] = replace(blocks[index], role="signoff")
    return _dated(replace(doc, blocks=tuple(blocks)), lines[0])


def _dated(doc: m.Document, line: str) -> m.Document:
    """`doc` dated by its sign-off's date when nothing else dates it: a notice's date is the one it signs
    (`2024年11月20日`, `二〇二四年十一月二十日`), and an edition without one had no date in its metadata. The
    byline does not repeat it."""
    if doc.meta.date or not (day := parse_date_line(line, chinese=True)):
        return doc
    return replace(doc, meta=doc.meta.with_(date=day, date_signed=True))


def mark_attributions(doc: m.Document) -> m.Document:
    """`doc` with the last paragraph of each quotation set apart given the role `flush-end` when it only
    says whose words they are (`——王维《山居秋暝》`), after the words themselves; and such a paragraph right
    after verse (`walk`'s centred lines), a blank line apart from it."""
    blocks = [_attributed(block) for block in doc.blocks]
    for index in range(1, len(blocks)):
        block, before = blocks[index], blocks[index - 1]
        if isinstance(block, m.Paragraph) and not block.role and isinstance(before, m.Paragraph) \
                and before.role == "centered" and ATTRIBUTION_LINE.match(m.plain_text(block.content).strip()):
            blocks[index] = replace(block, role="flush-end")
    return replace(doc, blocks=tuple(blocks))


def _attributed(block: m.Block) -> m.Block:
    if not isinstance(block, m.BlockQuote) or len(block.content) < 2:
        return block
    last = block.content[-1]
    if not isinstance(last, m.Paragraph) or last.role or len(lines := _lines(last)) != 1 \
            or not _ATTRIBUTION.match(lines[0]):
        return block
    return replace(block, content=(*block.content[:-1], replace(last, role="flush-end")))


def _lines(paragraph: m.Paragraph) -> list[str]:
    """The paragraph's lines, split at its line breaks, white space collapsed."""
    return [text for text in (" ".join(m.plain_text(line).split()) for line in m.split_lines(paragraph.content)) if text]


def _issuer(line: str) -> bool:
    """A body's name: short, no sentence, no date, and no label before a colon (`附件：推荐表` above the
    issuer is the notice's attachment, set as its text is)."""
    return (0 < len(line) <= _ISSUER_CHARS and not line.endswith(_SENTENCE_END) and not _DATE.match(line)
            and has_han(line) and "：" not in line and ":" not in line)
