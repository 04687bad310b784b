"""`convert.segmenter`: a lone run builds jieba's dictionary in a forked child, which then segments for it.
The child's answers are the process's own; a dead child costs nothing but the time; a process with threads
never forks. Each case runs in a fresh interpreter (pytest's own process may have threads, and loads rjieba)."""
from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json, os, signal, sys, threading
from convert import forks, segmenter
from convert.scripts import heading_words, load_segmenter, number_parts
if sys.argv[1] == "threaded":
    stop = threading.Event()
    threading.Thread(target=stop.wait, daemon=True).start()
if sys.argv[1] != "library":
    forks.allow()  # as the command does
started = segmenter.start(load_segmenter)
texts = ["香港特区政府今天公布新的港口发展规划", "2024年前三季度营收增长12.5%，净利润达3.6亿元", "物流局发布三季报"]
def answers():
    return [[text[a:b] for a, b in heading_words(text)] for text in texts] + [number_parts(texts[1])]
first = answers()
if sys.argv[1] == "killed":
    os.kill(segmenter._child.pid, signal.SIGKILL)
    os.waitpid(segmenter._child.pid, 0)
second = answers()
print(json.dumps({"started": started, "first": first, "second": second, "rjieba_here": "rjieba" in sys.modules,
                  "child": segmenter._child is not None}))
"""


def run(case: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, case], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def expected() -> list:
    from convert.scripts import heading_words, number_parts  # here, in pytest's process: segmented in-process
    texts = ["香港特区政府今天公布新的港口发展规划", "2024年前三季度营收增长12.5%，净利润达3.6亿元", "物流局发布三季报"]
    return [[text[a:b] for a, b in heading_words(text)] for text in texts] + [
        [list(part) for part in number_parts(texts[1])]]


def test_a_single_threaded_process_segments_in_a_child_with_the_same_answers() -> None:
    seen = run("lone")
    assert seen["started"] and seen["child"]
    assert not seen["rjieba_here"]  # the dictionary was built in the child only
    assert seen["first"] == seen["second"] == expected()
    assert "港口" in seen["first"][0] and "物流局" in seen["first"][2]  # a real segmentation, not an empty answer


def test_a_killed_child_costs_only_time() -> None:
    seen = run("killed")
    assert seen["started"] and not seen["child"]  # gone, and forgotten
    assert seen["rjieba_here"]  # the rest was segmented in the process itself
    assert seen["second"] == seen["first"] == expected()


def test_a_process_with_threads_does_not_fork() -> None:
    seen = run("threaded")
    assert not seen["started"] and not seen["child"]
    assert seen["rjieba_here"] and seen["first"] == expected()


def test_a_library_users_process_does_not_fork() -> None:
    seen = run("library")
    assert not seen["started"] and not seen["child"]
    assert seen["rjieba_here"] and seen["first"] == expected()


def test_the_command_leaves_no_child_behind(tmp_path) -> None:
    from conftest import SEEDS
    done = subprocess.run([sys.executable, "-m", "convert", "--to", "epub", str(SEEDS / "zh-news-harbor" / "article.md"),
                           "-o", str(tmp_path), "-q"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # returned at all: no child held its output pipes open
    assert (tmp_path / "zh-news-harbor.epub").stat().st_size > 10_000


LAUNCH = """
import atexit, json, sys
from convert import launch, segmenter
calls = []
real = segmenter.start
def start(load):
    calls.append("convert.cli" in sys.modules)
    return real(load)
segmenter.start = start
atexit.register(lambda: print(json.dumps(calls), file=sys.stderr))  # the command runs them before it exits
sys.argv = ["convert", *sys.argv[1:]]
launch.command()
"""


def _launch_calls(*arguments: str) -> list[bool]:
    done = subprocess.run([sys.executable, "-c", LAUNCH, *arguments], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_the_command_forks_before_it_imports_the_library(tmp_path) -> None:
    chinese = tmp_path / "zh.md"
    chinese.write_text("# 港口发展规划\n\n香港特区政府今天公布新的港口发展规划。\n", encoding="utf-8")
    calls = _launch_calls("--to", "html", str(chinese), "-o", str(tmp_path / "out"), "-q")
    assert calls[:1] == [False]  # asked once, before `convert.cli` (and the rest of the library) was imported
    assert (tmp_path / "out" / "zh.html").is_file()
    english = tmp_path / "en.md"
    english.write_text("# Harbour plan\n\nThe government published a plan today.\n", encoding="utf-8")
    assert _launch_calls("--to", "html", str(english), "-o", str(tmp_path / "out"), "-q") == []  # nothing to segment


def test_the_lone_article_is_the_one_argument_naming_a_text_file(tmp_path) -> None:
    from convert.launch import TEXT_SUFFIXES, lone_article
    from convert.readers import SUFFIX_FORMATS

    assert set(TEXT_SUFFIXES) == {suffix for suffix, fmt in SUFFIX_FORMATS.items() if fmt not in ("docx", "mhtml")}

    (tmp_path / "a.md").write_text("x")
    (tmp_path / "B.HTML").write_text("x")
    (tmp_path / "c.docx").write_bytes(b"PK")
    (tmp_path / "out").mkdir()
    a, b, c = str(tmp_path / "a.md"), str(tmp_path / "B.HTML"), str(tmp_path / "c.docx")
    assert lone_article(["--to", "epub", a, "-o", str(tmp_path / "out")]) == a
    assert lone_article([b]) == b
    assert lone_article([a, b]) is None  # a batch
    assert lone_article([c]) is None  # a zip: nothing to peek at
    assert lone_article([str(tmp_path / "missing.md"), str(tmp_path / "out")]) is None
