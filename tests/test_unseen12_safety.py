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
