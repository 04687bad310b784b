"""python-docx's template is parsed once per process and copied for each DOCX edition
(writers/docx/page.py `new_document`): one edition leaves nothing in the next."""
from __future__ import annotations

import docx

import convert
from convert.writers.docx import page


def _docx(tmp_path, name: str, markdown: str) -> bytes:  # type: ignore[no-untyped-def]
    source = tmp_path / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    return convert.convert(source, to="docx", offline=True)  # type: ignore[return-value]


FIRST = "---\ntitle: 港口集团发布方案\nlang: zh-CN\n---\n\n## 岸电\n\n1. 岸电覆盖率达到九成。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n脚注[^1]\n\n[^1]: 注释。\n"
SECOND = "---\ntitle: Ports\nlang: en\n---\n\nThe port group published a plan.\n"


def test_the_template_is_parsed_once_for_several_editions(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened = []
    document = docx.Document

    def counting(*args):  # type: ignore[no-untyped-def]
        opened.append(args)
        return document(*args)

    monkeypatch.setattr(docx, "Document", counting)
    page._template.cache_clear()
    _docx(tmp_path, "first", FIRST)
    _docx(tmp_path, "second", SECOND)
    assert len(opened) == 1


def test_an_edition_is_the_same_after_another_one(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    page._template.cache_clear()
    alone = _docx(tmp_path, "second", SECOND)
    page._template.cache_clear()
    _docx(tmp_path, "first", FIRST)
    assert _docx(tmp_path, "second", SECOND) == alone
