"""A tester's twelfth round, the safety and message defects: a collection listing that reaches outside
its folder, editions overwritten across runs, Ctrl-C's count, encodings, DOCX pictures missing from
their package, front-matter fields, and messages that name their file. Each test makes its inputs in
tmp_path."""
from __future__ import annotations

from pathlib import Path

import pytest

from convert.cli import main

ARTICLE = "# 港口新闻\n\n今年港口集装箱吞吐量再创新高，达到四千万标准箱。\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. a listing stays in its folder


@pytest.mark.parametrize("listed", ["../secret/secret.txt", "ABSOLUTE", "inside-link/secret.txt"])
def test_a_collection_never_reads_an_article_outside_its_folder(tmp_path: Path, listed: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    secret = _write(tmp_path / "secret" / "secret.txt", "# 机密\n\nTOP-SECRET-PASSWORD-42\n")
    issue = tmp_path / "issue"
    _write(issue / "a" / "article.md", ARTICLE)
    (issue / "inside-link").symlink_to(secret.parent, target_is_directory=True)
    listed = str(secret) if listed == "ABSOLUTE" else listed
    listing = _write(issue / "collection.toml",
                     f'title = "本周"\n[[article]]\npath = "a/article.md"\n[[article]]\npath = "{listed}"\n')
    out = tmp_path / "out"
    status = main(["collect", "--offline", str(listing), "--to", "epub", "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert str(listing) in lines[0] and listed in lines[0] and "outside" in lines[0]
    assert not out.exists() or not any(out.iterdir())  # nothing made, the secret in no edition


def test_a_collection_may_list_articles_in_its_subfolders(tmp_path: Path) -> None:
    from convert.builder.collection import read_listing

    issue = tmp_path / "issue"
    _write(issue / "a" / "article.md", ARTICLE)
    listing = _write(issue / "collection.toml", 'title = "本周"\n[[article]]\npath = "a/../a/article.md"\n'
                     f'[[article]]\npath = "{issue / "a" / "article.md"}"\n')
    assert [entry.path for entry in read_listing(listing).article] == ["a/../a/article.md",
                                                                       str(issue / "a" / "article.md")]


# ---------------------------------------------------------------- 2. two runs, two articles of one name


def test_two_runs_of_two_articles_with_one_name_never_overwrite_each_other(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    y = _write(tmp_path / "in" / "y" / "news.md", "# 来自Y的新闻\n\n这是Y文件夹里的文章。\n")
    x = _write(tmp_path / "in" / "x" / "news.md", "# 来自X的新闻\n\n这是X文件夹里的文章。\n")
    out = tmp_path / "out"
    for article in (y, x, y, x):  # each again: it keeps its own name and is up to date
        assert main(["--offline", "--to", "html", "-q", "-o", str(out), str(article)]) == 0
    assert "来自Y的新闻" in (out / "news.html").read_text(encoding="utf-8")
    assert "来自X的新闻" in (out / "news-2.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.glob("*.html")) == ["news-2.html", "news.html"]
    manifest = json.loads((out / ".convert-manifest.json").read_text(encoding="utf-8"))
    assert manifest["news.html"]["source"] == str(y) and manifest["news-2.html"]["source"] == str(x)
    # a run of both, in the other order, gives each the name it had
    assert main(["--offline", "--to", "html", "--json", "-o", str(out), str(x), str(y)]) == 0
    summary = json.loads(capsys.readouterr().out)
    outputs = {a["source"]: a["editions"][0]["output"] for a in summary["articles"]}
    assert outputs == {str(x): str(out / "news-2.html"), str(y): str(out / "news.html")}
    assert all(a["editions"][0]["status"] == "up_to_date" for a in summary["articles"])


# ---------------------------------------------------------------- 3. Ctrl-C while an article's editions are written


def test_an_edition_written_as_ctrl_c_comes_is_reported_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import os
    import signal

    from convert.builder import batch

    for n in range(3):
        _write(tmp_path / "in" / f"a{n}.md", f"# 第{n}篇\n\n这是第{n}篇文章的正文。\n")
    written: list[Path] = []
    real = batch.write_atomic

    def interrupted_while_writing(path: Path, data: bytes) -> None:
        if not written:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the first article's first edition is written
        real(path, data)
        written.append(path)

    monkeypatch.setattr(batch, "write_atomic", interrupted_while_writing)
    out = tmp_path / "out"
    status = main(["--offline", "--to", "html,docx", "-j", "1", "--json", "-o", str(out), str(tmp_path / "in")])
    captured = capsys.readouterr()
    assert status == 130
    summary = json.loads(captured.out)
    built = sorted(e["output"] for a in summary["articles"] for e in a["editions"] if e["status"] == "built")
    manifest = json.loads((out / ".convert-manifest.json").read_text(encoding="utf-8"))
    on_disk = sorted(str(p) for p in out.iterdir() if not p.name.startswith("."))
    assert built == sorted(map(str, written)) == on_disk == sorted(str(out / name) for name in manifest)
    assert summary["interrupted"] and summary["totals"]["built"] == 2 and summary["totals"]["not_built"] == 4
    assert captured.err.strip().splitlines()[-1] == \
        "convert: interrupted; the editions already built are kept, 4 not built"


# ---------------------------------------------------------------- 4. UTF-16 without a BOM, EUC-JP

CHINESE = "# 港口新闻标题\n\n上海港今年集装箱吞吐量再创新高，达到四千九百万标准箱。ENC\n"
JAPANESE = "# 東京港のニュース\n\n東京港は今年、コンテナの取扱量が過去最高を記録しました。関係者は喜んでいる。\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_a_bom_is_read_without_a_warning(encoding: str) -> None:
    from convert.errors import collect_warnings
    from convert.readers.decode import decode_text

    with collect_warnings() as warnings:
        assert decode_text(CHINESE.encode(encoding), "news/a.md") == CHINESE
    assert warnings == []


def test_euc_jp_is_read_as_shift_jis_is() -> None:
    from convert.readers.decode import decode_text

    assert decode_text(JAPANESE.encode("euc_jp"), "a.md") == JAPANESE
    assert decode_text(JAPANESE.encode("shift_jis"), "a.md") == JAPANESE


def test_utf8_with_a_few_nul_bytes_is_still_utf8() -> None:
    from convert.readers.decode import decode_text

    data = "# 标题\n\n第一段\x00含有字节。\n\n第二段\x00。\n".encode("utf-8")
    assert decode_text(data, "a.md") == "# 标题\n\n第一段含有字节。\n\n第二段。\n"


def test_a_refused_file_is_refused_in_one_line_without_warnings_before_it() -> None:
    from convert.errors import ConvertError, collect_warnings
    from convert.readers.decode import decode_text

    import random

    rng = random.Random(1)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(400)) + b"\n" + b"\x00" * 3  # padded, no encoding
    with collect_warnings() as warnings, pytest.raises(ConvertError):
        decode_text(noise, "a.md")
    assert warnings == []


# ---------------------------------------------------------------- 5. a DOCX picture whose part is missing


@pytest.mark.parametrize("target", ["../../../../tmp/secret/secret.png", "media/gone.png"])
def test_a_docx_picture_missing_from_its_package_is_named_in_a_warning(tmp_path: Path, target: str) -> None:
    import io
    import re
    import zipfile

    import docx
    from PIL import Image

    import convert
    from convert.errors import collect_warnings

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(picture, "PNG")
    document = docx.Document()
    document.add_heading("港口新闻", 1)
    document.add_paragraph("导语段落。")
    document.add_picture(io.BytesIO(picture.getvalue()))
    document.add_paragraph("结尾段落。")
    whole = io.BytesIO()
    document.save(whole)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(whole.getvalue())) as source, zipfile.ZipFile(broken, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/_rels/document.xml.rels":
                data = re.sub(rb'(Type="[^"]*/image" Target=")[^"]*"', rb'\g<1>' + target.encode() + b'"', data)
                assert target.encode() in data
            if not name.startswith("word/media/"):
                out.writestr(name, data)
    article = tmp_path / "news.docx"
    article.write_bytes(broken.getvalue())
    with collect_warnings() as warnings:
        document_read = convert.read(str(article))
    assert any(w.startswith("news.docx: the picture") and target in w and "left out" in w for w in warnings), warnings
    assert "结尾段落" in str(document_read.blocks)


def test_a_whole_docx_picture_gives_no_warning(tmp_path: Path) -> None:
    import io

    import docx
    from PIL import Image

    import convert
    from convert.errors import collect_warnings

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(picture, "PNG")
    document = docx.Document()
    document.add_paragraph("导语段落。")
    document.add_picture(io.BytesIO(picture.getvalue()))
    document.save(tmp_path / "news.docx")
    with collect_warnings() as warnings:
        convert.read(str(tmp_path / "news.docx"))
    assert not any("picture" in w for w in warnings), warnings


# ---------------------------------------------------------------- 6. front matter: date, language, TOML, scripts


def _read(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    import convert
    from convert.errors import collect_warnings

    article = _write(tmp_path / "news.md", text)
    with collect_warnings() as warnings:
        document = convert.read(str(article))
    return document, warnings


def test_a_front_matter_date_given_as_a_number_is_iso_in_every_edition(tmp_path: Path) -> None:
    import convert

    document, _ = _read(tmp_path, "---\ntitle: 日期是数字\ndate: 20240315\nauthor: 张三\n---\n\n正文段落。\n")
    assert document.meta.date == "2024-03-15"  # type: ignore[attr-defined]
    html = convert.convert(str(tmp_path / "news.md"), to="html", offline=True)
    assert b'datetime="2024-03-15"' in html and b'datetime="20240315"' not in html


@pytest.mark.parametrize("given, lang, warned", [("en_US", "en-US", False), ('"en_US!"', "en", True),
                                                 ("zh-Hant-TW", "zh-Hant-TW", False)])
def test_a_front_matter_language_is_a_well_formed_tag_or_told_from_the_text(tmp_path: Path, given: str, lang: str,
                                                                          warned: bool) -> None:
    body = "臺灣的港口今年貨櫃吞吐量再創新高。" if lang.startswith("zh") else "Some English body text here."
    document, warnings = _read(tmp_path, f"---\ntitle: Lang\nlang: {given}\n---\n\n{body}\n")
    assert document.meta.lang == lang  # type: ignore[attr-defined]
    assert any(w.startswith("news.md: the language") and "en_US!" in w for w in warnings) == warned


def test_a_profile_with_a_malformed_language_is_a_usage_error_naming_it(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    profile = _write(tmp_path / "convert.toml", 'language = "xx-INVALID-!!"\n')
    article = _write(tmp_path / "a.md", ARTICLE)
    assert main(["--offline", "--to", "html", "--config", str(profile), "-o", str(tmp_path / "out"), str(article)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(profile) in err and "xx-INVALID-!!" in err and "language" in err
    assert not (tmp_path / "out").exists()


def test_toml_front_matter_gives_the_same_fields_as_yaml(tmp_path: Path) -> None:
    document, warnings = _read(tmp_path, '+++\ntitle = "TOML 前言标题"\ndate = 2024-03-15\nauthor = "钱七"\n+++\n\n'
                                         "正文段落。\n")
    meta = document.meta  # type: ignore[attr-defined]
    assert (meta.title, meta.date, meta.authors) == ("TOML 前言标题", "2024-03-15", ("钱七",))
    assert "+++" not in str(document.blocks)  # type: ignore[attr-defined]


def test_a_script_in_a_front_matter_title_goes_with_its_code(tmp_path: Path) -> None:
    document, warnings = _read(tmp_path, '---\ntitle: "<b>HTML</b> 标题 <script>alert(2)</script>SCRIPTTXT"\n---\n\n正文。\n')
    assert document.meta.title == "HTML 标题 SCRIPTTXT"  # type: ignore[attr-defined]
    assert any("script" in w for w in warnings)


def test_malformed_front_matter_is_named_with_its_line(tmp_path: Path) -> None:
    from convert.errors import ConvertError

    with pytest.raises(ConvertError) as caught:
        _read(tmp_path, '---\ntitle: ok\nauthor: [a, b\n---\n\n正文。\n')
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'news.md'}: the front matter") and "line 3" in message
    assert "\n" not in message


# ---------------------------------------------------------------- 7. messages that name their file


def test_collect_warnings_read_as_a_single_articles_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    issue = tmp_path / "issue"
    _write(issue / "a" / "article.md", ARTICLE + '\n<iframe src="https://example.com/x"></iframe>\n')
    _write(issue / "b" / "article.md", ARTICLE)
    assert main(["collect", "--offline", "--to", "epub", "--title", "本周", "-o", str(tmp_path / "out"),
                 str(issue)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "iframe" in line]
    assert warnings and all(line.startswith(f"convert: warning: {issue / 'a' / 'article.md'}: dropped")
                            for line in warnings), warnings


def test_a_profiles_unknown_theme_is_named_with_the_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = _write(tmp_path / "convert.toml", 'theme = "nonexistent"\n')
    article = _write(tmp_path / "a.md", ARTICLE)
    assert main(["--offline", "--to", "html", "--config", str(profile), "-o", str(tmp_path / "out"), str(article)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"convert: error: {profile}: theme: unknown style 'nonexistent'") and "\n" not in err
    assert main(["collect", "--offline", "--to", "epub", "--title", "T", "--config", str(profile),
                 "-o", str(tmp_path / "out"), str(article)]) == 2
    assert f"{profile}: theme: unknown style" in capsys.readouterr().err


@pytest.mark.parametrize("section, size", [("text", 400), ("text", 0.5), ("caption", 200)])
def test_a_theme_type_size_out_of_all_reason_is_refused(tmp_path: Path, section: str, size: float,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    theme = _write(tmp_path / "huge.toml", f'extends = "default"\nname = "huge"\n[{section}]\nsize_pt = {size}\n')
    article = _write(tmp_path / "a.md", ARTICLE)
    assert main(["--offline", "--to", "html", "--style", str(theme), "-o", str(tmp_path / "out"), str(article)]) == 2
    err = capsys.readouterr().err.strip()
    assert str(theme) in err and f"{section}.size_pt" in err and "\n" not in err
    assert not (tmp_path / "out").exists()
