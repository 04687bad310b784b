"""A CJK face is subset in one HarfBuzz pass, into the very bytes WeasyPrint's two passes make
(writers/pdf/subset.py)."""
from __future__ import annotations

import pytest

import convert
from convert.writers.pdf import subset

TEXTS = {
    "zh-CN": "港口集团近日发布绿色航运三年行动方案，提出岸电覆盖率在年内达到百分之九十。",
    "zh-TW": "港口集團近日發佈綠色航運三年行動方案，提出岸電覆蓋率在年內達到百分之九十。",
    "ko": "항만 그룹은 최근 녹색 해운 3개년 행동 계획을 발표했다.",
    "ja": "港湾グループは最近、グリーン海運三か年行動計画を発表した。「零炭素」です。",
}


def _pdf(lang: str, body: str, tmp_path, monkeypatch) -> bytes:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = tmp_path / f"{lang}.md"
    source.write_text(f"---\ntitle: {body[:12]}\nlang: {lang}\n---\n\n## {body[:8]}\n\n{body}\n\n**{body}**\n",
                      encoding="utf-8")
    return convert.convert(source, to="pdf", offline=True)  # type: ignore[return-value]


def _both_ways(lang: str, body: str, tmp_path, monkeypatch) -> tuple[bytes, bytes, int]:  # type: ignore[no-untyped-def]
    """The PDF as made, the PDF with WeasyPrint's own two passes, and how many faces took one pass."""
    one_pass = subset.one_pass
    taken = []

    def counting(*args):  # type: ignore[no-untyped-def]
        data = one_pass(*args)
        taken.append(data is not None)
        return data

    monkeypatch.setattr(subset, "one_pass", counting)
    made = _pdf(lang, body, tmp_path, monkeypatch)
    monkeypatch.setattr(subset, "one_pass", lambda *args: None)
    theirs = _pdf(lang, body, tmp_path, monkeypatch)
    return made, theirs, sum(taken)


@pytest.mark.parametrize("lang", ["zh-CN", "zh-TW", "ko"])
def test_a_cjk_article_is_subset_in_one_pass_into_weasyprints_bytes(lang, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made, theirs, taken = _both_ways(lang, TEXTS[lang], tmp_path, monkeypatch)
    assert taken, "a CJK face took one pass"
    assert made == theirs


def test_a_face_whose_first_pass_keeps_glyphs_past_the_last_used_takes_weasyprints_two(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A Japanese face's layout closure keeps glyphs after the last one drawn, which the second pass cuts.
    made, theirs, _ = _both_ways("ja", TEXTS["ja"], tmp_path, monkeypatch)
    assert made == theirs


def test_a_character_no_font_has_takes_weasyprints_two_passes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made, theirs, _ = _both_ways("zh-CN", TEXTS["zh-CN"] + "\ue000\U000f0000", tmp_path, monkeypatch)
    assert made == theirs
