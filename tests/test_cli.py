"""The command line: exit codes, one-line errors, batches that survive a bad article, output names."""
from __future__ import annotations

import json
import re

import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from convert import registry

from conftest import ROOT, SEEDS


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "convert", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def error_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.startswith("convert: error:")]


@pytest.mark.parametrize("name, data, problem", [
    ("empty.md", b"", "the file is empty"),
    ("blank.txt", b"  \n\n\t\n", "the file is empty"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "looks binary"),
    ("noise.md", b"\x80\x81" * 300, "cannot decode the text"),
    ("broken.docx", b"PK\x03\x04 broken", "not a valid .docx file"),  # refused before pandoc reads it
    ("deep.md", b">" * 400 + b" x\n", "nests deeper than"),
    # text that shows nothing at all: an edition of it would be an empty page under a file-name title
    ("comment.md", b"<!-- draft -->\n\n---\n", "no article text"),
    ("blank.html", b"<html><head></head><body><script>var a = 1</script><!-- x --></body></html>",
     "no article text"),
])
def test_bad_input_one_line_error_exit_1_no_output(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    article = tmp_path / name
    article.write_bytes(data)
    out = tmp_path / "out"
    done = run("--to", "html,epub,docx", str(article), "-o", str(out), "-q")
    assert done.returncode == 1
    lines = error_lines(done)  # one line, not one per format asked for
    assert len(lines) == 1 and str(article) in lines[0] and problem in lines[0]
    assert not out.exists() or not any(out.iterdir())  # no partial output, no temp files


@pytest.mark.parametrize("name, data, said", [
    ("heading.md", "# 只有标题\n".encode(), "no text but its title or headings"),
    ("meta.md", b"---\ntitle: Only a title\n---\n", "no text but its title or headings"),
])
def test_an_article_of_a_title_alone_is_built_with_a_warning(tmp_path: Path, name: str, data: bytes,
                                                             said: str) -> None:
    article = tmp_path / name
    article.write_bytes(data)
    done = run("--to", "html", str(article), "-o", str(tmp_path / "out"))
    assert done.returncode == 0 and said in done.stderr + done.stdout
    assert (tmp_path / "out" / (article.stem + ".html")).is_file()


def test_one_bad_article_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# 好文章\n\n正文一段。\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"")
    out = tmp_path / "out"
    done = run("--to", "html", str(tmp_path), "-o", str(out))
    assert done.returncode == 1
    assert (out / "good.html").is_file() and not (out / "bad.html").exists()
    assert "good.md" in done.stdout and "failed" in done.stdout  # the summary table


@pytest.mark.parametrize("args, message", [
    (["--to", "rtf"], "unknown format 'rtf'"),
    (["no/such/file.md"], "no such file or folder"),
    (["--style", "nope"], "unknown style 'nope'"),
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    done = run(*args, "-o", str(tmp_path / "out"))
    assert done.returncode == 2 and message in done.stderr


def test_same_stem_never_overwrites(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.md").write_text(f"# {folder}\n\n正文{folder}。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("--to", "html", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out), "-q").returncode == 0
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == ["news-2.html", "news.html"]
    texts = {re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")).count("正文a") for p in out.iterdir()}
    assert texts == {0, 1}


def test_default_input_is_seeds_and_output_is_dist(tmp_path: Path) -> None:
    shutil.copytree(SEEDS / "zh-news-harbor", tmp_path / "seeds" / "zh-news-harbor")
    done = run("--to", "html", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "dist" / "zh-news-harbor.html").is_file()


def test_list_formats_and_styles() -> None:
    formats = run("--list-formats")
    assert formats.returncode == 0
    listed = [line.split()[:3] for line in formats.stdout.splitlines()]
    assert listed == [[name, registry.get(name).suffix, "available"] for name in registry.names()]
    assert [row[0] for row in listed[:len(registry.BUILTIN)]] == list(registry.BUILTIN)  # built-ins first
    styles = run("--list-styles")
    assert styles.returncode == 0 and "default" in styles.stdout


def test_html_edition_is_valid_html(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "out"
    done = run("--to", "html", str(article), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    page = next(out.glob("*.html"))
    text = page.read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(text)  # raises on any parse error
    assert tree.find(".//article").get("lang") in ("zh-CN", "zh-TW", "en")  # zh-TW: zh-hant-metro
    assert "".join(tree.find(".//h1").itertext()).strip()  # its text may start inside a typesetting span
    for figure in tree.iter("figure"):
        caption = figure.find("figcaption")
        assert caption is not None and "".join(caption.itertext()).strip()
    assert "<script" not in text.lower()


def test_article_md_named_from_inside_its_folder_takes_the_folder_name(tmp_path: Path) -> None:
    folder = tmp_path / "harbor-story"
    folder.mkdir()
    (folder / "article.md").write_text("# 港口\n\n正文。\n", encoding="utf-8")
    done = run("--to", "html", "article.md", "-o", str(tmp_path / "out"), "-q", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "harbor-story.html").is_file()


def test_a_small_batch_summary_is_plain_aligned_text_without_rich(tmp_path: Path) -> None:
    """A lone article's summary is printed without importing rich (a tenth of a lone EPUB's run)."""
    (tmp_path / "文章.md").write_text("# 好文章\n\n正文一段。\n", encoding="utf-8")
    out = tmp_path / "out"
    code = ("import sys; from convert.cli import main; status = main(sys.argv[1:]); "
            "print('rich imported' if 'rich' in sys.modules else 'no rich'); sys.exit(status)")
    done = subprocess.run([sys.executable, "-c", code, "--to", "html,docx", str(tmp_path / "文章.md"), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "convert" and lines[-1] == "no rich"
    header, *rows = lines[1:-1]
    assert header.split() == ["article", "format", "output", "size", "warnings", "status"] and len(rows) == 2
    assert not re.search("[━┃│┏└]", done.stdout)
    # The columns line up in terminal cells (a Han character takes two): each row's format starts in the
    # cell where the header's does.
    def cell(line: str, word: str) -> int:
        return sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in line[:line.index(f"  {word}") + 2])
    assert cell(rows[0], "html") == cell(rows[1], "docx") == cell(header, "format")
    assert [row.split()[-1] for row in rows] == ["built", "built"]


EXIT = """
import atexit, sys, tempfile, threading, time
from convert.cli import command
folder = tempfile.TemporaryDirectory()  # removed by its finalizer, which atexit runs
open(sys.argv[1], "w").write(folder.name)
atexit.register(lambda: print("atexit ran", file=sys.stderr))
late = []
threading.Thread(target=lambda: (time.sleep(0.3), late.append(1), print("thread done"))).start()
sys.argv = ["convert", *sys.argv[2:]]
print("x" * 200_000)  # buffered when stdout is a pipe: flushed before the process ends
command()
"""


@pytest.mark.parametrize("args, code", [(["--to", "html", str(SEEDS / "zh-news-harbor" / "article.md")], 0),
                                        (["--to", "nonsense", str(SEEDS / "zh-news-harbor" / "article.md")], 2)])
def test_the_command_exits_with_its_code_after_what_an_exit_must_do(tmp_path: Path, args: list[str], code: int) -> None:
    """`cli.command` ends the process without Python's finalization, but only after its threads are joined,
    its output flushed and its atexit functions run (a temporary folder's finalizer among them)."""
    record = tmp_path / "folder.txt"
    done = subprocess.run([sys.executable, "-c", EXIT, str(record), *args, "-o", str(tmp_path / "out"), "-q"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == code, done.stderr
    assert "x" * 200_000 in done.stdout and "thread done" in done.stdout
    assert "atexit ran" in done.stderr
    assert not Path(record.read_text()).exists()


TERMINAL = """
import io, json, sys
class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True
out, sys.stderr = sys.stderr, Terminal()
from convert.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "rich": "rich" in sys.modules, "bar": "converting" in sys.stderr.getvalue()}), file=out)
"""


@pytest.mark.parametrize("articles, bar", [(["zh-news-harbor"], False), (["zh-news-harbor", "en-budget-report"], True)])
def test_a_terminal_shows_a_progress_bar_for_more_than_one_article(tmp_path: Path, articles: list[str], bar: bool) -> None:
    """A lone article's bar would only ever say 0/1, and importing rich for it costs ~0.04 s."""
    done = subprocess.run([sys.executable, "-c", TERMINAL, "--to", "html", *(str(SEEDS / a / "article.md") for a in articles),
                           "-o", str(tmp_path / "out"), "--offline"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    seen = json.loads(done.stderr.strip().splitlines()[-1])
    assert seen == {"code": 0, "rich": bar, "bar": bar}
