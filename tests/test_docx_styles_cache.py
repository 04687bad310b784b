"""The Word styles a theme makes are built once per process and theme, language and list numbering
(`writers/docx/styles.apply_theme`): a DOCX made from the kept styles is byte for byte the one built anew."""
from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert.writers.docx import styles

from conftest import SEEDS

UNSEEN = Path(__file__).parent / "data" / "unseen"
ARTICLES = [SEEDS / "zh-news-harbor" / "article.md", UNSEEN / "cn-quarterly.md",  # zh-CN both, the second with notes
            SEEDS / "en-budget-report" / "article.md", SEEDS / "zh-hant-metro" / "article.md"]


def test_a_docx_from_the_kept_styles_is_the_one_built_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[tuple[bool, str]] = []
    real = styles._apply_theme

    def counted(document, theme, *, chinese, lang, numbering):  # type: ignore[no-untyped-def]
        built.append((chinese, lang))
        return real(document, theme, chinese=chinese, lang=lang, numbering=numbering)

    monkeypatch.setattr(styles, "_apply_theme", counted)
    fresh = {}
    for path in ARTICLES:
        for theme in ("default", "modern"):
            monkeypatch.setattr(styles, "_applied", {})  # nothing kept: built anew
            fresh[path, theme] = convert.convert(path, to="docx", offline=True, theme=theme)
    assert len(built) == 2 * len(ARTICLES)
    built.clear()
    monkeypatch.setattr(styles, "_applied", {})
    for _ in range(2):
        for path in ARTICLES:
            for theme in ("default", "modern"):
                assert convert.convert(path, to="docx", offline=True, theme=theme) == fresh[path, theme], \
                    (path.name, theme)
    # built once per theme and language (the two zh-CN articles share theirs), then kept for the second round
    assert len(built) == 2 * 3 and set(built) == {(True, "zh-CN"), (False, "en"), (True, "zh-TW")}, built
