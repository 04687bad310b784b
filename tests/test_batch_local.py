"""The local executor: worker processes that die cost only their article, workers are recycled,
bundles (the Dask way of travelling) build the same editions as the disk, and the re-ship of files a
bundle missed. Job functions here wrap `run_job` and are imported by the workers by name."""
from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from convert.builder import build
from convert.builder.bundle import bundle_article
from convert.builder.job import Job, run_job
from convert.builder.single import Options
from convert.theme import load_theme

from test_builder import make_batch

batch_module = importlib.import_module("convert.builder.batch")
POISON = "a001"  # the article whose worker always dies


# Workers start from a fork server whose environment is as old as the server, so these helpers find
# their test's folder through the job: a local batch hands its workers the client's image cache folder.
def pid_folder(job: Job) -> Path:
    return Path(job.options.cache_dir) / "pids"  # type: ignore[arg-type]


def recording(job: Job):  # type: ignore[no-untyped-def]
    """run_job, leaving `<pid>-<article>` behind, slowly enough for a test to kill the worker mid-article."""
    folder = pid_folder(job)
    (folder / f"{os.getpid()}-{job.article.parent.name}-{time.monotonic_ns()}").touch()
    delay = folder / "delay"
    time.sleep(float(delay.read_text()) if delay.exists() else 0)
    return run_job(job)


def poisoned(job: Job):  # type: ignore[no-untyped-def]
    """run_job, except that the worker building POISON dies every time."""
    if job.article.parent.name == POISON:
        os.kill(os.getpid(), signal.SIGKILL)
    return run_job(job)


def use(monkeypatch: pytest.MonkeyPatch, function: object, delay: float = 0) -> Path:
    pids = Path(os.environ["CONVERT_CACHE_DIR"]) / "pids"
    pids.mkdir(parents=True)
    (pids / "delay").write_text(str(delay))
    monkeypatch.setattr(batch_module, "_job_function", lambda: function)
    return pids


def started(pids: Path) -> list[tuple[int, str]]:
    return [(int(name.split("-")[0]), name.split("-")[1]) for name in sorted(p.name for p in pids.iterdir())
            if name != "delay"]


def test_a_killed_worker_costs_nothing_but_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = make_batch(tmp_path / "in", 6)
    pids = use(monkeypatch, recording, delay=0.4)
    killed: list[int] = []

    def kill_one_worker_mid_article() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not started(pids):
            time.sleep(0.01)
        if started(pids):
            killed.append(started(pids)[0][0])
            os.kill(killed[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_one_worker_mid_article)
    killer.start()
    outcomes = build([batch], ["html", "epub"], tmp_path / "out", jobs=2, max_articles_per_worker=0)
    killer.join()
    assert killed, "no worker was seen starting"
    assert [o.status for o in outcomes] == ["built"] * 12, [o.error for o in outcomes]
    assert sorted(p.name for p in (tmp_path / "out").glob("a*")) == sorted(
        f"a{n:03d}.{suffix}" for n in range(6) for suffix in ("html", "epub"))
    runs = [article for _, article in started(pids)]
    assert len(runs) == 7  # six articles, one of them twice
    entries = json.loads((tmp_path / "out" / ".convert-manifest.json").read_text(encoding="utf-8"))
    assert len(entries) == 12


def test_an_article_that_kills_its_worker_is_tried_twice_then_reported(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    batch = make_batch(tmp_path / "in", 4)
    use(monkeypatch, poisoned)
    outcomes = build([batch], ["html"], tmp_path / "out", jobs=2)
    assert [o.status for o in outcomes] == ["built", "failed", "built", "built"]
    assert outcomes[1].error == "not built: its worker process was killed by SIGKILL (tried 2 times)"
    assert not (tmp_path / "out" / f"{POISON}.html").exists()
    assert set(json.loads((tmp_path / "out" / ".convert-manifest.json").read_text(encoding="utf-8"))) == {
        "a000.html", "a002.html", "a003.html"}


def test_workers_are_recycled_after_n_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = make_batch(tmp_path / "in", 6)
    pids = use(monkeypatch, recording)
    outcomes = build([batch], ["html"], tmp_path / "out", jobs=2, max_articles_per_worker=2)
    assert all(o.ok for o in outcomes)
    per_worker: dict[int, int] = {}
    for pid, _ in started(pids):
        per_worker[pid] = per_worker.get(pid, 0) + 1
    assert max(per_worker.values()) <= 2 and len(per_worker) >= 3, per_worker


def test_one_job_in_one_process_fits_the_calling_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 1 builds in this process while the batch fits one worker's life; a longer one gets a worker."""
    batch = make_batch(tmp_path / "in", 3)
    pids = use(monkeypatch, recording)
    build([batch], ["html"], tmp_path / "one", jobs=1, max_articles_per_worker=3)
    assert {pid for pid, _ in started(pids)} == {os.getpid()}
    for leftover in [p for p in pids.iterdir() if p.name != "delay"]:
        leftover.unlink()
    build([batch], ["html"], tmp_path / "two", jobs=1, max_articles_per_worker=2)
    workers = {pid for pid, _ in started(pids)}
    assert os.getpid() not in workers and len(workers) == 2


def test_a_bundle_builds_what_the_disk_builds_without_the_disk(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    batch = make_batch(tmp_path / "in", 1)
    article = batch / "a000" / "article.md"
    job = Job(article, "a000", ("html", "epub", "docx"), load_theme("default"), batch_module.Options(), 1700000000)
    from_disk = run_job(job)
    bundle = bundle_article(article)
    assert set(bundle.files) == {"p.png"}
    moved = tmp_path / "elsewhere"
    shutil.move(str(batch), moved)  # the worker cannot read the client's folder
    from_bundle = run_job(Job(article, "a000", job.formats, job.theme, job.options, 1700000000, bundle=bundle))
    assert [e.data for e in from_bundle.editions] == [e.data for e in from_disk.editions]
    assert all(e.data and not e.warnings for e in from_bundle.editions)
    assert from_bundle.relative_reads and from_bundle.local_reads == {
        "p.png": from_disk.local_reads[str((batch / "a000" / "p.png").resolve())]}
    assert from_bundle.article_digest == from_disk.article_digest


def test_bundles_keep_to_the_article_folder(tmp_path: Path) -> None:
    folder = tmp_path / "news" / "story"
    folder.mkdir(parents=True)
    (tmp_path / "news" / "secret.png").write_bytes(b"outside")
    (folder / "in.png").write_bytes(b"inside")
    (folder / "link.png").symlink_to(tmp_path / "news" / "secret.png")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.jpg").write_bytes(b"deep")
    (folder / "article.md").write_text(
        "# t\n\n![a](in.png) ![b](../secret.png) ![c](link.png) ![d](sub/./deep.jpg) ![e](/etc/x.png) "
        "![f](https://example.com/r.png) <img src=\"sub/deep.jpg\">\n", encoding="utf-8")
    bundle = bundle_article(folder / "article.md")
    assert bundle.files == {"in.png": b"inside", "sub/deep.jpg": b"deep"}
    assert bundle.folder == "story" and bundle.name == "article.md"


def test_a_file_the_bundle_missed_is_sent_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An image named without a suffix is not guessed from the text; the worker asks for it."""
    from PIL import Image
    folder = tmp_path / "in" / "story"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 30), "green").save(folder / "photo", "PNG")
    (folder / "article.md").write_text("# 标题\n\n正文。\n\n![x](photo)\n\n（图：照片）\n", encoding="utf-8")
    runner = batch_module._Runner(tmp_path / "out", batch_module.Manifest(tmp_path / "out"), load_theme("default"),
                                  batch_module.Options(), None, None)
    job = Job(folder / "article.md", "story", ("html",), runner.theme, runner.options,
              bundle=bundle_article(folder / "article.md"))
    first = run_job(job)
    assert first.editions[0].warnings  # a placeholder: the bundle had no photo
    again = runner.reship(job, first)
    assert again is not None and set(again.bundle.files) == {"photo"}  # type: ignore[union-attr]
    second = run_job(again)
    assert not second.editions[0].warnings
    assert runner.reship(again, second) is None


def test_articles_of_different_languages_in_one_worker_come_out_as_built_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a worker keeps between articles (jieba's dictionary from the fork server, OpenCC's tables,
    fonts, the theme, frozen objects) must not carry one article's language, script or fonts into the
    next: an English, a Traditional and a Simplified article built by one worker, one after another, are
    the editions each gives built alone in a fresh `convert` process."""
    import subprocess
    import sys

    import pypdf

    from conftest import ROOT

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    names = ["en-budget-report", "zh-hant-metro", "zh-mixed-figures", "zh-news-harbor"]
    inputs = tmp_path / "in"
    for name in names:
        shutil.copytree(ROOT / "seeds" / name, inputs / name)
    formats = ["pdf", "epub", "docx"]
    # --jobs 1 recycled after 3 articles: a pool of one worker (not this process), which builds the first
    # three in order (English, Traditional, Simplified); its successor builds the fourth.
    together = build([inputs], formats, tmp_path / "together", jobs=1, max_articles_per_worker=3,
                     options=batch_module.Options(offline=True))
    assert all(o.ok for o in together) and len(together) == 12
    convert = Path(sys.executable).with_name("convert")
    for name in names:
        alone = tmp_path / "alone" / name
        subprocess.run([str(convert), "--to", ",".join(formats), str(inputs / name / "article.md"), "-o", str(alone),
                        "--offline", "-q", "--jobs", "1"], check=True, env=os.environ)
        for fmt in ("epub", "docx"):
            assert (tmp_path / "together" / f"{name}.{fmt}").read_bytes() == (alone / f"{name}.{fmt}").read_bytes(), \
                f"{name}.{fmt} differs when built after other articles"
        pages = [[page.extract_text() for page in pypdf.PdfReader(folder / f"{name}.pdf").pages]
                 for folder in (tmp_path / "together", alone)]
        assert pages[0] == pages[1] and pages[0], f"{name}.pdf differs when built after other articles"


def test_a_stopped_pool_whose_join_never_returns_is_ended_anyway(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C must end a batch even when Pebble's join after a stop waits for ever (its issues #147, #153):
    here join is made to hang, and close(cancel=True) returns in bounded time with the workers gone."""
    import multiprocessing

    import pebble

    from convert.builder.executors import local

    batch = make_batch(tmp_path / "in", 1)
    pids = use(monkeypatch, recording, delay=30)
    pool = local.LocalPool(2, formats=["html"])
    pool.start()
    pool.submit(recording, Job(batch / "a000" / "article.md", "a000", ("html",), load_theme("default"),
                               Options(cache_dir=str(pids.parent))))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not started(pids):
        time.sleep(0.01)
    workers = [c for c in multiprocessing.active_children() if c.name == local.WORKER_NAME]
    assert started(pids) and len(workers) == 2, "the pool should be running the article"
    monkeypatch.setattr(local, "STOP_WAIT_S", 0.5)
    monkeypatch.setattr(pebble.ProcessPool, "join", lambda self, timeout=None: time.sleep(3600))
    began = time.monotonic()
    pool.close(cancel=True)
    assert time.monotonic() - began < 10
    assert not any(worker.is_alive() for worker in workers)
