"""A Chinese notice's salutation (`各位用户：`) starts flush, unindented, and its sign-off (the issuer and the
date on lines of their own at the end) is set flush with the line's end, in every edition."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

import convert
from convert import model as m
from convert.checks.typography import pdf_lines

NOTICE = """# 关于暂停供水的通知

各位用户：

因城市供水管网改造施工需要，我公司定于2024年5月3日8时至20时对东城区部分区域暂停供水。停水期间请用户提前做好储水准备，由此带来的不便，敬请谅解。

特此通知。

东城区自来水有限公司

2024年5月1日
"""


def roles(text: str, tmp_path: Path) -> list[tuple[str, str]]:
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    doc = convert.read(str(path), offline=True)
    return [(b.role, m.plain_text(b.content)) for b in doc.blocks if isinstance(b, m.Paragraph)]


def test_the_salutation_and_the_sign_off_are_read(tmp_path: Path) -> None:
    found = roles(NOTICE, tmp_path)
    assert found[0] == ("salutation", "各位用户：")
    assert [role for role, _ in found[-3:]] == ["", "signoff", "signoff"]  # 特此通知。 is a paragraph
    broken = NOTICE.replace("东城区自来水有限公司\n\n2024年5月1日", "东城区自来水有限公司<br>\n二〇二四年五月一日")
    assert roles(broken, tmp_path)[-1][0] == "signoff"


@pytest.mark.parametrize("text", [
    # a report that ends on a date is no notice: the line before it is a sentence
    "# 港口扩建\n\n港口扩建工程昨日开工，预计明年完工。\n\n工程总投资约30亿元。\n\n2024年5月1日\n",
    # a last short line without a date is no sign-off
    "# 港口扩建\n\n港口扩建工程昨日开工，预计明年完工。\n\n东城区自来水有限公司\n",
    "# Notice\n\nDear residents:\n\nThe water will be off on Friday.\n\nCity Water Ltd\n\n2024-05-01\n",
])
def test_no_sign_off_where_there_is_none(text: str, tmp_path: Path) -> None:
    assert all(role != "signoff" for role, _ in roles(text, tmp_path))


@pytest.mark.parametrize("edition", ["print", "ereader"])
def test_pdf_sets_the_sign_off_flush_right_and_the_salutation_flush_left(tmp_path: Path, edition: str) -> None:
    path = tmp_path / "notice.md"
    path.write_text(NOTICE, encoding="utf-8")
    lines = pdf_lines(convert.convert(path, to="pdf", offline=True, edition=edition))  # type: ignore[arg-type]
    body = [line for line in lines if "城" in line.text or "水" in line.text]  # the text's lines, justified
    left, right = min(line.x0 for line in body), max(line.chars[-1]["x1"] for line in body)
    salutation = next(line for line in lines if line.text.startswith("各位用户"))
    assert abs(salutation.x0 - left) < 1  # not indented two characters
    for text in ("东城区自来水有限公司", "2024年5月1日"):
        line = next(line for line in lines if line.text.replace(" ", "") == text)
        assert abs(line.chars[-1]["x1"] - right) < 2, (text, line.chars[-1]["x1"], right)


def test_epub_and_docx_say_the_same(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    path.write_text(NOTICE, encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(convert.convert(path, to="epub", offline=True))) as book:  # type: ignore[arg-type]
        text = book.read("EPUB/text.xhtml").decode()
        css = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".css"))
    assert text.count('class="signoff"') == 2 and text.count('class="salutation"') == 1
    assert "p.signoff" in css and "text-align: end" in css
    document = docx.Document(io.BytesIO(convert.convert(path, to="docx", offline=True)))  # type: ignore[arg-type]
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert [p.alignment for p in paragraphs[-2:]] == [docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT] * 2
    salutation = next(p for p in paragraphs if p.text.startswith("各位用户"))
    assert salutation.paragraph_format.first_line_indent == 0
