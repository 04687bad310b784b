"""The PDF's text layer (what is copied, searched and read aloud) says what the page shows, in scripts
whose letters a font draws with several glyphs (writers/pdf/tounicode.py)."""
from __future__ import annotations

import unicodedata
from collections import Counter

import convert
from convert.writers.pdf.tounicode import _Recorder, exact_text, shared_out
from tests.formats import poppler


def _pdf_text(markdown: str, tmp_path) -> str:  # type: ignore[no-untyped-def]
    source = tmp_path / "article.md"
    source.write_text(markdown, encoding="utf-8")
    return poppler("pdftotext", convert.convert(source, to="pdf", offline=True))  # type: ignore[arg-type]


def _letters(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] in "LM"
                   and not c.isascii())


def test_a_thai_glyph_drawn_inside_sara_am_does_not_carry_its_text_into_later_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Noto draws `ำ` as nikhahit + sara aa: WeasyPrint gave the glyph of sara aa the text `้ำ` of the
    # first `น้ำ`, and every later `สาม` read `ส้ำม`.
    body = "น้ำท่วมกรุงเทพฯ ฝนตกหนักต่อเนื่องสามวัน ผู้ว่าราชการกล่าวว่าน้ำลดลงแล้ว"
    text = _pdf_text(f"---\ntitle: ข่าว\nlang: th\n---\n\n{body}\n", tmp_path)
    squeezed = unicodedata.normalize("NFKC", "".join(text.split()))
    assert "ส้ำม" not in squeezed
    assert "สามวัน" in squeezed
    assert _letters(body) - _letters(text) == Counter(), "every letter and mark of the article is in the text"


def test_a_devanagari_consonant_drawn_with_a_vowel_sign_reads_alone_where_it_stands_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # `दि` is one cluster (the vowel sign's glyph, then द's); WeasyPrint gave द's glyph the text `दि`,
    # so a later `दस` read `दिस`.
    text = _pdf_text("---\ntitle: समाचार\nlang: hi\n---\n\nदिल्ली में बारिश हुई। दस लोग घायल हुए।\n", tmp_path)
    words = unicodedata.normalize("NFKC", text).split()
    assert "दस" in words and "दिस" not in words
    assert not _letters("दिल्ली में बारिश हुई। दस लोग घायल हुए।") - _letters(text)


def test_chinese_and_latin_text_layers_are_what_weasyprint_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = "龙湖集团“暗伤”曝露：2024年营收1,234.5亿元，同比下降3.2%。Café naïve — ﬁnance."
    text = _pdf_text(f"# 标题\n\n{body}\n", tmp_path)
    assert "龙湖集团“暗伤”曝露" in "".join(text.split())
    assert _letters(body) - _letters(text) == Counter()


def test_a_cluster_is_shared_out_by_the_fonts_own_characters() -> None:
    import subprocess
    path = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans Thai:bold"], capture_output=True,
                          text=True, check=True).stdout
    data = open(path, "rb").read()
    import uharfbuzz as hb
    font = hb.Font(hb.Face(data))
    nikhahit, sara_aa, no_nu = (font.get_nominal_glyph(ord(c)) for c in "\u0e4d\u0e32\u0e19")
    variant = 9999  # a glyph that is no character's own (a mark's positional variant)
    clusters = Counter({((no_nu,), "น"): 1, ((variant, nikhahit, sara_aa), "\u0e49\u0e33"): 1, ((sara_aa,), "า"): 3})
    shared = shared_out(clusters, data)
    assert shared[sara_aa] == "า" and shared[nikhahit] == "\u0e4d" and shared[variant] == "\u0e49"
    assert no_nu not in shared  # drawn only alone: WeasyPrint's text stays


def test_the_recorder_groups_glyphs_without_text_with_their_cluster_in_either_direction() -> None:
    recorder = _Recorder()
    for glyph, text in [(1, ""), (2, "ก้"), (3, "a"), (4, "ل"), (5, ""), (6, "b")]:
        assert glyph not in recorder  # WeasyPrint then gives every glyph its text slice
        recorder[glyph] = text
    recorder.close()
    assert recorder.clusters == Counter({((1, 2), "ก้"): 1, ((3,), "a"): 1, ((4, 5), "ل"): 1, ((6,), "b"): 1})
    assert dict(recorder) == {1: "", 2: "ก้", 3: "a", 4: "ل", 5: "", 6: "b"}


def test_weasyprint_is_left_as_it_was_after_the_render() -> None:
    import weasyprint.pdf
    import weasyprint.pdf.stream
    before = (weasyprint.pdf.stream.Font, weasyprint.pdf.build_fonts_dictionary)
    with exact_text():
        with exact_text():
            assert weasyprint.pdf.stream.Font is not before[0]
        assert weasyprint.pdf.stream.Font is not before[0]
    assert (weasyprint.pdf.stream.Font, weasyprint.pdf.build_fonts_dictionary) == before


def test_on_an_untested_weasyprint_nothing_is_patched(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import weasyprint.pdf
    import weasyprint.pdf.stream

    from convert.writers.pdf import tounicode
    monkeypatch.setattr(tounicode, "untested_weasyprint", lambda: "WeasyPrint 99 is not a tested version")
    before = (weasyprint.pdf.stream.Font, weasyprint.pdf.build_fonts_dictionary)
    with exact_text():
        assert (weasyprint.pdf.stream.Font, weasyprint.pdf.build_fonts_dictionary) == before


def test_a_font_that_cannot_be_shared_out_keeps_weasyprints_map_and_says_so(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from convert.errors import collect_warnings
    from convert.writers.pdf import tounicode

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a font this code does not understand")
    monkeypatch.setattr(tounicode, "shared_out", broken)
    with collect_warnings() as warnings:
        text = _pdf_text("---\ntitle: ข่าว\nlang: th\n---\n\nน้ำท่วม สามวัน\n", tmp_path)
    assert "ส้ำม" in "".join(text.split())  # WeasyPrint's own map, as before
    assert any("text layer of the font Noto" in w and "WeasyPrint's own" in w for w in warnings), warnings
