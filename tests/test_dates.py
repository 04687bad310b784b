"""The three editions of one article carry the same date instant."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone

import docx
from pypdf import PdfReader

from conftest import SEEDS, convert_bytes


def test_a_chinese_article_without_a_zone_is_dated_alike_everywhere() -> None:
    article = SEEDS / "zh-news-harbor" / "article.md"  # dated 2024-11-18 09:42, no zone
    expected = datetime(2024, 11, 18, 1, 42, tzinfo=timezone.utc)  # 09:42 China Standard Time
    pdf = PdfReader(io.BytesIO(convert_bytes(article, "pdf", offline=True)))
    assert pdf.metadata.creation_date.astimezone(timezone.utc) == expected
    with zipfile.ZipFile(io.BytesIO(convert_bytes(article, "epub", offline=True))) as book:
        opf = next(book.read(n).decode() for n in book.namelist() if n.endswith(".opf"))
    modified = re.search(r'property="dcterms:modified">([^<]+)<', opf)
    assert modified and modified.group(1) == "2024-11-18T01:42:00Z"
    created = docx.Document(io.BytesIO(convert_bytes(article, "docx", offline=True))).core_properties.created
    assert created.replace(tzinfo=timezone.utc) == expected
