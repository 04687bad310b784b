"""Articles in scripts other than Chinese and Latin: the language is read from the letters, Japanese and
Korean take their own country's CJK faces (not Chinese ones, not Chinese labels), and right-to-left
articles (Arabic, Hebrew) run from the right in every edition."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

import convert
from convert.checks.validate import validate_editions
from convert.scripts import direction, guess_language

from docx_layout import libreoffice_pdfs

JAPANESE = """# 東京都、新たな防災計画を発表

東京都は12日、首都直下地震に備えた新たな防災計画を発表した。小池知事は記者会見で「都民の命を守ることが
最優先だ」と述べ、避難所の数を2030年までに約1.5倍に増やす方針を示した。

計画では、木造住宅が密集する地域の不燃化を進めるほか、帰宅困難者のための一時滞在施設を確保する。
"""
KOREAN = """# 서울시, 새로운 교통 정책 발표

서울시는 12일 대중교통 요금을 동결한다고 밝혔다. 시 관계자는 "시민 부담을 줄이기 위한 조치"라고 설명했다.
"""
ARABIC = """# الحكومة تعلن خطة جديدة للنقل العام

أعلنت الحكومة اليوم عن خطة جديدة لتطوير شبكة النقل العام في العاصمة، تشمل إنشاء 12 محطة مترو جديدة بحلول
عام 2030، وقال الوزير إن الخطة ستغير حياة الملايين من السكان في المدينة وضواحيها خلال السنوات المقبلة.

- المرحلة الأولى: 5 محطات
- المرحلة الثانية: 7 محطات

| المرحلة | المحطات | التكلفة |
|---|---|---|
| الأولى | 5 | 1.2 مليار |
| الثانية | 7 | 2.4 مليار |
"""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CJK_FACE = re.compile(r"CJK[ -]?(SC|TC|HK|JP|KR)\b")


@pytest.mark.parametrize("text, lang", [
    ("東京都は12日、首都直下地震に備えた新たな防災計画を発表した。", "ja"),
    ("动画《進撃の巨人》在中国也很受欢迎，播放量超过十亿次，成为年度最受关注的作品之一。", "zh-CN"),
    ("서울시는 12일 대중교통 요금을 동결한다고 밝혔다.", "ko"),
    ("هذا نص عربي مع 中文 و English.", "ar"),
    ("این یک متن فارسی است که پیچیده نیست", "fa"),
    ("یہ ایک اردو جملہ ہے جو پڑھنے میں آسان ہے", "ur"),
    ("זהו טקסט בעברית", "he"),
    ("Москва — столица России", "ru"),
    ("Київ є столицею України", "uk"),
    ("Καλημέρα κόσμε", "el"),
    ("Hello world, with 一个 Chinese word", "en"),
    ("2024 · 12 · 31", "en"),
])
def test_the_language_is_read_from_the_letters(text: str, lang: str) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize("lang, way", [("ar", "rtl"), ("he-IL", "rtl"), ("fa", "rtl"), ("az-Arab", "rtl"),
                                       ("en", "ltr"), ("zh-CN", "ltr"), ("ja", "ltr"), ("", "ltr")])
def test_direction(lang: str, way: str) -> None:
    assert direction(lang) == way


def _article(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _pdf_faces(pdf: bytes, tmp_path: Path) -> set[str]:
    path = tmp_path / "faces.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return {match.group(1).upper() for line in listing.splitlines()[2:]
            if (match := CJK_FACE.search(line.split()[0].replace("-", " ")))}


@pytest.mark.parametrize("text, lang, standard", [(JAPANESE, "ja", "JP"), (KOREAN, "ko", "KR")])
def test_japanese_and_korean_take_their_own_faces(tmp_path: Path, text: str, lang: str, standard: str) -> None:
    """Before, a Japanese article was read as Traditional Chinese (TC faces, 第 1 頁); its kanji are now
    set in the JP faces, nowhere tagged as Chinese, in every edition."""
    source = _article(tmp_path, f"{lang}.md", text)
    assert convert.read(source).meta.lang == lang
    assert _pdf_faces(convert.convert(source, to="pdf", offline=True), tmp_path) == {standard}  # type: ignore[arg-type]
    html = convert.convert(source, to="html", offline=True).decode()  # type: ignore[union-attr]
    assert f'<html lang="{lang}"' in html and 'lang="zh' not in html
    book = zipfile.ZipFile(io.BytesIO(convert.convert(source, to="epub", offline=True)))  # type: ignore[arg-type]
    opf = book.read("EPUB/content.opf").decode()
    assert f"<dc:language>{lang}</dc:language>" in opf
    assert {f.upper() for f in re.findall(r"CJK-?(SC|TC|HK|JP|KR)", " ".join(book.namelist()), re.I)} <= {standard}
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(
        convert.convert(source, to="docx", offline=True))).read("word/styles.xml"))  # type: ignore[arg-type]
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == f"{lang}-{standard}"
    assert CJK_FACE.search(defaults.find(f"{W}rFonts").get(f"{W}eastAsia")).group(1) == standard


@pytest.mark.parametrize("phrase, standard", [("臺灣的颱風季節", "TC"), ("上海的码头", "SC")])
def test_a_han_run_in_an_english_article_takes_the_faces_of_its_script(tmp_path: Path, phrase: str,
                                                                       standard: str) -> None:
    """The run is a span of its own language (class `lang`, which the stylesheet's rules name, so that
    WeasyPrint matches them against such spans only): in the PDF it is set in the theme's CJK face of
    its script, not in whatever face fontconfig falls back to for Han in English text."""
    source = _article(tmp_path, "en.md", f"# Harbour notes\n\nThe locals call it {phrase}, and the name "
                                          f"stuck with visitors as well.\n\n**A heading with {phrase}**\n")
    html = convert.convert(source, to="html", offline=True).decode()  # type: ignore[union-attr]
    assert re.search(r'<span class="lang" lang="zh-(Hant|CN)"', html)
    assert _pdf_faces(convert.convert(source, to="pdf", offline=True), tmp_path) == {standard}  # type: ignore[arg-type]


def _words(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, xMax, yMin) of every word poppler reads on the first page."""
    out = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [(m.group(4), float(m.group(1)), float(m.group(3)), float(m.group(2)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                                 out)]


def _right_aligned_title(pdf: Path) -> None:
    """The title (the first line) ends at the right margin and starts well right of the left one."""
    words = _words(pdf)
    page_width = 595.0
    top = min(y for *_, y in words)
    title = [w for w in words if abs(w[3] - top) < 2]
    assert max(x1 for _, _, x1, _ in title) > page_width * 0.8, title
    assert min(x0 for _, x0, _, _ in title) > page_width * 0.25, title


def test_a_right_to_left_article_runs_from_the_right_in_every_edition(tmp_path: Path) -> None:
    source = _article(tmp_path, "ar.md", ARABIC)
    out = tmp_path / "out"
    out.mkdir()
    paths = []
    for fmt in ("pdf", "epub", "docx"):
        paths.append(out / f"ar.{fmt}")
        paths[-1].write_bytes(convert.convert(source, to=fmt, offline=True))  # type: ignore[arg-type]
    pdf, epub, docx_path = paths
    # PDF: the title set from the right margin.
    _right_aligned_title(pdf)
    # EPUB: dir on the document and the article, pages turn leftwards.
    book = zipfile.ZipFile(epub)
    opf = book.read("EPUB/content.opf").decode()
    assert "<dc:language>ar</dc:language>" in opf and 'page-progression-direction="rtl"' in opf
    text = next(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml") and "<article" in
                book.read(n).decode())
    assert re.search(r'<html [^>]*dir="rtl"', text) and re.search(r'<article [^>]*dir="rtl"', text)
    # DOCX: right-to-left paragraphs and tables, bold of complex script, Arabic letters in an Arabic face,
    # Arabic labels right to left like the text.
    package = zipfile.ZipFile(docx_path)
    styles = etree.fromstring(package.read("word/styles.xml"))
    assert styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}bidi") is not None
    title = styles.find(f"{W}style[@{W}styleId='Title']/{W}rPr")
    assert title.find(f"{W}b") is not None and title.find(f"{W}bCs") is not None
    assert title.find(f"{W}rFonts").get(f"{W}cs") == "Noto Sans Arabic"
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}cs") == "Noto Naskh Arabic" and defaults.get(f"{W}ascii") == "Noto Serif"
    assert styles.find(f"{W}style[@{W}styleId='Caption']/{W}pPr/{W}bidi") is None
    body = etree.fromstring(package.read("word/document.xml"))
    assert body.findall(f".//{W}tblPr/{W}bidiVisual")
    results = validate_editions(paths)
    assert all(not [f for f in found or [] if f.severity != "warning"] for found in results.values()), results
    # And as LibreOffice lays the DOCX out: the title from the right, `Table 1` not reordered.
    laid_out = tmp_path / "lo-ar.pdf"
    laid_out.write_bytes(libreoffice_pdfs({"ar": docx_path.read_bytes()}, tmp_path / "lo")["ar"])
    _right_aligned_title(laid_out)
    for pdf_path in (pdf, laid_out):  # Arabic letters in the theme's Arabic faces, not a fallback's
        faces = subprocess.run(["pdffonts", str(pdf_path)], check=True, capture_output=True, text=True).stdout
        assert "NotoNaskhArabic" in faces.replace("-", "") and "DejaVu" not in faces, faces
        plain = subprocess.run(["pdftotext", str(pdf_path), "-"], check=True, capture_output=True, text=True).stdout
        assert "الجدول" in plain and "صفحة" in plain and "Table" not in plain and "Page" not in plain, plain


PERSIAN = """# دولت طرح تازه‌ای برای حمل و نقل عمومی اعلام کرد

دولت امروز از طرح تازه‌ای برای گسترش شبکه حمل و نقل عمومی در پایتخت خبر داد که ساخت ۱۲ ایستگاه تازه مترو تا
سال ۲۰۳۰ را در بر می‌گیرد. وزیر گفت این طرح زندگی میلیون‌ها نفر را تغییر خواهد داد.

| مرحله | ایستگاه‌ها |
|---|---|
| نخست | ۵ |
| دوم | ۷ |
"""


def test_labels_of_a_right_to_left_language_without_words_of_its_own_read_left_to_right(tmp_path: Path) -> None:
    """An article in a right-to-left language `wording` has no table for (Pashto; Persian has one now, and
    this test read a Persian article) has English labels: in the DOCX, whose paragraphs run right to left,
    the caption and the footer keep them left to right, or LibreOffice shows `1 Table`."""
    source = _article(tmp_path, "fa.md", "---\nlang: ps\n---\n" + PERSIAN)
    docx_path = tmp_path / "fa.docx"
    docx_path.write_bytes(convert.convert(source, to="docx", offline=True))  # type: ignore[arg-type]
    styles = etree.fromstring(zipfile.ZipFile(docx_path).read("word/styles.xml"))
    caption = styles.find(f"{W}style[@{W}styleId='Caption']/{W}pPr/{W}bidi")
    assert caption is not None and caption.get(f"{W}val") == "0"
    laid_out = libreoffice_pdfs({"fa": docx_path.read_bytes()}, tmp_path / "lo")["fa"]
    plain = subprocess.run(["pdftotext", "-", "-"], input=laid_out, check=True, capture_output=True).stdout.decode()
    assert "Table 1" in plain and "Page 1 of 1" in plain


HEBREW = """# גשמים עזים הציפו את רחובות העיר העתיקה

ביום שלישי ירדו על העיר גשמים עזים שהציפו מספר רחובות בעיר העתיקה, והתנועה שובשה במשך שעות ארוכות.
"""


@pytest.mark.parametrize("text, lang, day, faces", [
    (ARABIC, "ar", "12 مارس 2025", ("Noto Naskh Arabic", "Noto Sans Arabic")),
    (HEBREW, "he", "12 במרץ 2025", ("Noto Serif Hebrew", "Noto Sans Hebrew")),
])
def test_arabic_and_hebrew_are_worded_and_set_in_their_own_faces(tmp_path: Path, text: str, lang: str, day: str,
                                                                  faces: tuple[str, str]) -> None:
    """They had English labels and dates (`By …`, `12 March 2025`, `Page 1 of 1`) and fontconfig's
    fallback face (DejaVu Sans) for their letters, whatever the theme's body face."""
    source = _article(tmp_path, f"{lang}.md", "---\nauthor: [A, B]\ndate: 2025-03-12\n---\n" + text)
    doc = convert.read(source, offline=True)
    assert doc.meta.lang == lang
    pdf = tmp_path / f"{lang}.pdf"
    pdf.write_bytes(convert.convert(source, to="pdf", offline=True))  # type: ignore[arg-type]
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert all(face.replace(" ", "-") in listing for face in faces) and "DejaVu" not in listing, listing
    plain = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "By" not in plain and "March" not in plain and "Page" not in plain, plain
    from convert.wording import byline, byline_text
    shown = [byline_text(part, lang) for part in byline(doc.meta)]
    assert day in shown and shown[0] == {"ar": "بقلم A، B", "he": "מאת A, B"}[lang], shown
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(convert.convert(source, to="docx", offline=True)))
                              .read("word/styles.xml"))  # type: ignore[arg-type]
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts").get(f"{W}cs") == faces[0]


def test_script_conversion_leaves_japanese_alone(tmp_path: Path) -> None:
    """`--script hans` made 東京都、新たな防災計画 into 东京都、新たな防灾计画: kanji are no Chinese script."""
    from convert.errors import collect_warnings

    source = _article(tmp_path, "ja.md", JAPANESE)
    with collect_warnings() as warnings:
        doc = convert.read(source, script="hans")
    assert doc.meta.title == "東京都、新たな防災計画を発表" and doc.meta.lang == "ja"
    assert any("--script converts Chinese text" in w and "ja" in w for w in warnings), warnings


def test_the_vertical_edition_refuses_right_to_left_text(tmp_path: Path) -> None:
    source = _article(tmp_path, "ar.md", ARABIC)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "convert", "--to", "epub,docx,html", "--edition", "vertical",
                           str(source), "-o", str(out), "--offline", "-q"], capture_output=True, text=True, timeout=300)
    lines = [line for line in done.stderr.splitlines() if line.startswith("convert: error:")]
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert str(source) in lines[0] and "right-to-left" in lines[0] and "vertical" in lines[0]
    assert not out.exists() or not any(p for p in out.iterdir() if not p.name.startswith("."))


def test_japanese_and_korean_editions_agree_with_the_theme(tmp_path: Path) -> None:
    """`convert check-style` expected the Latin faces of a Japanese article (it checked the Chinese rule);
    every edition sets it in the JP faces, as the theme's CJK stack orders them for Japanese."""
    paths = [_article(tmp_path, "ja.md", JAPANESE * 3), _article(tmp_path, "ko.md", KOREAN * 3)]
    done = subprocess.run([sys.executable, "-m", "convert", "check-style", *map(str, paths), "--style", "default"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "0 mismatches" in done.stdout, done.stdout + done.stderr


def test_a_vertical_japanese_edition_sets_short_numbers_upright(tmp_path: Path) -> None:
    """Tategaki: `12日`, `3月` upright in one cell (tate-chu-yoko), as in a vertical Chinese edition."""
    source = _article(tmp_path, "ja.md", JAPANESE.replace("東京都は12日", "東京都は3月12日"))
    book = zipfile.ZipFile(io.BytesIO(convert.convert(source, to="epub", offline=True, edition="vertical")))  # type: ignore[arg-type]
    text = next(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml") and "<article" in
                book.read(n).decode())
    assert '<span class="tcy">12</span>' in text and re.search(r'class="tcy"[^>]*>3<', text)
    assert re.search(r'class="tcy"[^>]*>2030<', text) is None  # a year runs sideways


def test_a_japanese_article_is_worded_in_japanese(tmp_path: Path) -> None:
    """Labels, dates and name lists in Japanese (they were English: `Figure 1.`, `Page 1 of 1`)."""
    source = _article(tmp_path, "ja.md", "---\nauthor: [山田太郎, 佐藤花子]\ndate: 2025-03-12\n---\n" + JAPANESE
                      + "\n![防災訓練の様子](missing.png)\n")
    text = subprocess.run(["pdftotext", "-", "-"], input=convert.convert(source, to="pdf", offline=True),
                          capture_output=True, check=True).stdout.decode()
    squeezed = re.sub(r"\s+", "", text)
    for words in ("文：山田太郎、佐藤花子", "2025年3月12日", "図1", "防災訓練の様子", "1/1ページ"):
        assert words in squeezed, words
    assert "Figure" not in text and "Page" not in text


def test_arabic_and_hebrew_editions_agree_with_the_theme(tmp_path: Path) -> None:
    """`convert check-style` read a right-to-left PDF backwards (`ةميدقلا` for `القديمة`), expected the
    Latin faces, measured indents from the left; and the PDF itself set Arabic lines 1.92 apart where the
    theme says 1.75 (the Latin face came first, the taller Arabic letters opened the lines)."""
    arabic = ARABIC.replace("وضواحيها خلال السنوات المقبلة.", "وضواحيها خلال السنوات المقبلة. " * 6)
    hebrew = HEBREW.replace("שעות ארוכות.", "שעות ארוכות. " * 8) + "\n- מרכז העיר\n- השכונות הצפוניות\n"
    paths = [_article(tmp_path, "ar.md", arabic), _article(tmp_path, "he.md", hebrew)]
    done = subprocess.run([sys.executable, "-m", "convert", "check-style", *map(str, paths), "--style", "default",
                           "--offline"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "0 mismatches" in done.stdout, done.stdout + done.stderr


def test_justified_arabic_lines_end_at_the_margin(tmp_path: Path) -> None:
    """With the Latin face first, an Arabic line's spaces were set in Noto Serif and its letters in Noto
    Naskh Arabic, and WeasyPrint drew the justified lines wider than it had measured them: the body ran
    8 pt into the right margin and `45 ملم` lost its space. The Arabic face comes first now."""
    source = _article(tmp_path, "ar.md", ARABIC.replace("وضواحيها خلال السنوات المقبلة.",
                                                        "وضواحيها خلال السنوات المقبلة. " * 6))
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(convert.convert(source, to="pdf", offline=True))  # type: ignore[arg-type]
    words = _words(pdf)
    margin_pt = 20 / 25.4 * 72  # the default theme's right margin
    assert max(x1 for _, _, x1, _ in words) <= 595.3 - margin_pt + 0.5
    lines: dict[int, list[float]] = {}
    for _, x0, x1, y in words:
        lines.setdefault(round(y), []).append(x0)
    full = [min(x0s) for x0s in lines.values() if min(x0s) < margin_pt + 1]
    assert len(full) >= 3, lines  # justified lines reach the left margin too


@pytest.mark.parametrize("lang, title", [("ar", "أمطار غزيرة"), ("en", "Heavy rain")])
def test_the_epub_cover_sets_a_title_from_the_side_its_lines_start(lang: str, title: str) -> None:
    """An Arabic title started at the left margin of the cover, as an English one does."""
    from PIL import Image

    from convert.model import Meta
    from convert.theme import load_theme
    from convert.writers.epub.cover import cover_png

    image = Image.open(io.BytesIO(cover_png(Meta(title=title, lang=lang), load_theme("default")))).convert("L")
    width, height = image.size
    heading = image.crop((0, int(height * 0.2), width, int(height * 0.5)))  # the title's lines
    ink = heading.point(lambda value: 255 if value < 128 else 0).getbbox()
    assert ink is not None
    left, _, right, _ = ink
    margin_left, margin_right = left / width, 1 - right / width
    if lang == "ar":
        assert margin_right < 0.12 and margin_left > margin_right + 0.05, (margin_left, margin_right)
    else:
        assert margin_left < 0.12 and margin_right > margin_left + 0.05, (margin_left, margin_right)


def test_a_korean_article_is_quoted_worded_and_broken_as_korean(tmp_path: Path) -> None:
    """Korean puts its particles right after a quote: `"조치"라고` came out `“조치“라고` (pandoc took the
    closing mark before a letter for an opening one). Labels and dates were English (`Page 1 of 1`), and a
    browser broke words between any two syllables (Korean breaks at its spaces: `word-break: keep-all`)."""
    source = _article(tmp_path, "ko.md", "---\ndate: 2025-03-12\n---\n" + KOREAN
                      + '\n한 교통 전문가는 "요금 동결만으로는 부족하다"고 말했다.\n')
    from convert import model as cm

    doc = convert.read(source, offline=True)
    text = " ".join(cm.plain_text(b.content) for b in doc.blocks if isinstance(b, cm.Paragraph))
    assert "“시민 부담을 줄이기 위한 조치”라고" in text and "“요금 동결만으로는 부족하다”고" in text, text
    plain = subprocess.run(["pdftotext", "-", "-"], input=convert.convert(source, to="pdf", offline=True),
                           capture_output=True, check=True).stdout.decode()
    assert "2025년 3월 12일" in plain and "1 / 1쪽" in plain and "Page" not in plain, plain
    css = zipfile.ZipFile(io.BytesIO(convert.convert(source, to="epub", offline=True))).read(  # type: ignore[arg-type]
        "EPUB/style.css").decode()
    assert re.search(r":lang\(ko\)\s*\{\s*word-break:\s*keep-all", css)


def test_a_japanese_epub_compresses_adjacent_marks_as_the_pdf_does() -> None:
    """JIS X 4051 sets `」「` and `。」` in one and a half ems, as clreq does; the PDF did, the EPUB and the
    HTML page left every mark full width (only Chinese articles were compressed there)."""
    source = Path(__file__).parent / "data" / "japanese" / "tokyo-medical.md"
    book = zipfile.ZipFile(io.BytesIO(convert.convert(source, to="epub", offline=True)))  # type: ignore[arg-type]
    text = next(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml") and "<article" in
                book.read(n).decode())
    assert re.search(r'<span class="pc">[」。、]</span>', text), "no mark compressed"


EUROPEAN_AND_ASIAN = {
    "de": ("# Brücke wird acht Wochen gesperrt\n\nDie einzige Brücke des Tals wird ab Montag für acht Wochen gesperrt, "
           "teilte das Straßenbauamt am Dienstag mit.\n\n![Die Brücke im Nebel](bridge.png)\n",
           "Text: A, B", "12. März 2025", "Abbildung 1", "Seite 1 von 1"),
    "fr": ("# Le pont fermé pendant huit semaines\n\nLe seul pont de la vallée sera fermé à partir de lundi pendant huit "
           "semaines, a annoncé mardi la direction des routes.\n\n![Le pont dans la brume](bridge.png)\n",
           "Texte\u202f: A, B", "12 mars 2025", "Figure 1", "Page 1 sur 1"),
    "es": ("# El puente cerrará durante ocho semanas\n\nEl único puente del valle cerrará a partir del lunes durante ocho "
           "semanas, informó el martes el departamento de carreteras.\n\n![El puente en la niebla](bridge.png)\n",
           "Texto: A, B", "12 de marzo de 2025", "Figura 1", "Página 1 de 1"),
    "vi": ("# Cầu đóng cửa tám tuần\n\nCây cầu duy nhất của thung lũng sẽ đóng cửa tám tuần kể từ thứ Hai, sở giao thông "
           "cho biết hôm thứ Ba.\n\n![Cây cầu trong sương mù](bridge.png)\n",
           "Tác giả: A, B", "12 tháng 3, 2025", "Hình 1", "Trang 1/1"),
    "th": ("# ปิดสะพานแปดสัปดาห์\n\nสะพานแห่งเดียวของหุบเขาจะปิดเป็นเวลาแปดสัปดาห์ตั้งแต่วันจันทร์ กรมทางหลวงแจ้งเมื่อวันอังคาร\n\n"
           "![สะพานในหมอก](bridge.png)\n", "ผู้เขียน: A, B", "12 มีนาคม 2568", "ภาพที่ 1", "หน้า 1 จาก 1"),
    "el": ("# Κλειστή η γέφυρα για οκτώ εβδομάδες\n\nΗ μοναδική γέφυρα της κοιλάδας θα κλείσει για οκτώ εβδομάδες από τη "
           "Δευτέρα, ανακοίνωσε την Τρίτη η διεύθυνση οδών.\n\n![Η γέφυρα στην ομίχλη](bridge.png)\n",
           "Κείμενο: A, B", "12 Μαρτίου 2025", "Εικόνα 1", "Σελίδα 1 από 1"),
}


@pytest.mark.parametrize("lang", sorted(EUROPEAN_AND_ASIAN))
def test_european_and_south_east_asian_articles_are_worded_in_their_language(tmp_path: Path, lang: str) -> None:
    """German, French, Spanish, Vietnamese, Thai and Greek articles had English words in every edition
    (`By A and B`, `12 March 2025`, `Figure 1`, `Page 1 of 1`); Thai dates count the Buddhist era."""
    text, by, day, figure, page = EUROPEAN_AND_ASIAN[lang]
    Image.new("RGB", (600, 400), "#88a").save(tmp_path / "bridge.png")
    source = _article(tmp_path, f"{lang}.md", f"---\nauthor: [A, B]\ndate: 2025-03-12\nlang: {lang}\n---\n" + text)
    pdf = tmp_path / f"{lang}.pdf"
    pdf.write_bytes(convert.convert(source, to="pdf", offline=True))  # type: ignore[arg-type]
    plain = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split())
    for words in (by, day, figure, page):
        assert " ".join(words.split()) in plain, (words, plain)
    assert "By A" not in plain and "March" not in plain and "Page 1 of" not in plain
