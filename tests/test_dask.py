"""Batches on Dask: a real `dask scheduler` and two `dask worker` processes on 127.0.0.1 (started here,
as separate processes), and a LocalCluster through `--executor dask`. The editions must be the very
bytes the local pool makes; a worker killed mid-batch, or an article that kills every worker that
builds it, must cost no other article."""
from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from dataclasses import dataclass
from typing import Iterator

import pytest
from PIL import Image

from convert.builder import build
from convert.builder.job import Job, run_job

from conftest import ROOT, serving_folder
from test_builder import make_batch

batch_module = importlib.import_module("convert.builder.batch")
TESTS = Path(__file__).resolve().parent
EPOCH = "1700000000"
POISON = "a001"


def convert_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "convert", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env=env)


@dataclass(frozen=True)
class Cluster:
    address: str  # tcp://127.0.0.1:PORT
    folder: Path  # the workers' image cache is folder/worker-cache

    @property
    def spec(self) -> str:
        return "dask://" + self.address.removeprefix("tcp://")


def _scheduler_address(path: Path, deadline: float) -> str:
    """The scheduler's address once its file is written whole: the scheduler creates the file before it
    writes it, so a loaded machine read an empty file (JSONDecodeError) and the cluster never started."""
    while True:
        try:
            return str(json.loads(path.read_text())["address"])
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A running scheduler with two single-threaded workers, each a separate process (under its
    nanny) that finds this folder's helpers and has its own image cache."""
    folder = tmp_path_factory.mktemp("dask")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
               CONVERT_CACHE_DIR=str(folder / "worker-cache"), CONVERT_TEST_PIDS=str(folder / "pids"),
               DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="0")  # a death is convert's to retry
    (folder / "pids").mkdir()
    dask = str(Path(sys.executable).with_name("dask"))
    log = open(folder / "dask.log", "w")
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                   "--scheduler-file", str(folder / "scheduler.json")],
                                  env=env, stdout=log, stderr=log)]
    try:
        address = _scheduler_address(folder / "scheduler.json", deadline=time.monotonic() + 60)
        for n in range(2):
            processes.append(subprocess.Popen(
                [dask, "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                 "--host", "127.0.0.1", "--name", f"worker-{n}", "--local-directory", str(folder / f"w{n}")],
                env=env, stdout=log, stderr=log))
        from distributed import Client
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield Cluster(address, folder)
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def pids() -> Path:  # on a worker
    return Path(os.environ["CONVERT_TEST_PIDS"])


def recording(job: Job):  # type: ignore[no-untyped-def]
    """run_job on a worker, leaving `<pid>-<article>` behind, slowly enough to be killed mid-article."""
    (pids() / f"{os.getpid()}-{job.article.parent.name}-{time.monotonic_ns()}").touch()
    time.sleep(0.5)
    return run_job(job)


def poisoned(job: Job):  # type: ignore[no-untyped-def]
    if job.article.parent.name == POISON:
        os.kill(os.getpid(), signal.SIGKILL)
    return run_job(job)


def recording_starts(cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Workers record each article they start (`recording`) in a folder emptied of earlier tests' records."""
    folder = cluster.folder / "pids"
    for old in folder.iterdir():
        old.unlink()
    monkeypatch.setattr(batch_module, "_job_function", lambda: recording)
    return folder


def worker_starts(folder: Path) -> list[tuple[int, str]]:
    return [(int(p.name.split("-")[0]), p.name.split("-")[1]) for p in sorted(folder.iterdir())]


def editions(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def manifest(folder: Path) -> dict:
    return json.loads((folder / ".convert-manifest.json").read_text(encoding="utf-8"))


def pdf_text_and_pages(path: Path) -> tuple[list[str], int]:
    import pypdf
    reader = pypdf.PdfReader(path)
    return [page.extract_text() for page in reader.pages], len(reader.pages)


def test_a_running_scheduler_builds_the_local_pools_editions(tmp_path: Path, cluster: Cluster) -> None:
    batch = make_batch(tmp_path / "in", 4)
    Image.new("RGB", (40, 30), "green").save(batch / "a003" / "photo", "PNG")  # no suffix: sent on request
    with open(batch / "a003" / "article.md", "a", encoding="utf-8") as article:
        article.write("\n![2](photo)\n\n（图：无后缀的图）\n")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    args = ["--to", "html,epub,docx", str(batch), "-q"]
    remote = convert_cli(*args, "-o", str(tmp_path / "dask"), "--executor", cluster.spec, env=env)
    assert remote.returncode == 0, remote.stderr
    local = convert_cli(*args, "-o", str(tmp_path / "local"), "-j", "2", env=env)
    assert local.returncode == 0, local.stderr
    assert len(editions(tmp_path / "dask")) == 12
    assert editions(tmp_path / "dask") == editions(tmp_path / "local")  # byte for byte
    assert manifest(tmp_path / "dask") == manifest(tmp_path / "local")
    again = convert_cli(*args[:-1], "-o", str(tmp_path / "dask"), "--executor", cluster.spec, "--json", env=env)
    assert json.loads(again.stdout)["totals"]["up_to_date"] == 12
    (batch / "a002" / "p.png").write_bytes((batch / "a003" / "photo").read_bytes())  # an image changed
    changed = json.loads(convert_cli("--to", "html", str(batch), "-o", str(tmp_path / "dask"), "--executor",
                                     cluster.spec, "--json", env=env).stdout)
    assert [(Path(a["source"]).parent.name, a["editions"][0]["status"]) for a in changed["articles"]] == [
        ("a000", "up_to_date"), ("a001", "up_to_date"), ("a002", "built"), ("a003", "up_to_date")]
    pdf = ["--to", "pdf", str(batch / "a000" / "article.md"), "-q"]  # one PDF: the same text on the same pages
    assert convert_cli(*pdf, "-o", str(tmp_path / "pdf-dask"), "--executor", cluster.spec, env=env).returncode == 0
    assert convert_cli(*pdf, "-o", str(tmp_path / "pdf-local"), env=env).returncode == 0
    assert pdf_text_and_pages(tmp_path / "pdf-dask" / "a000.pdf") == pdf_text_and_pages(
        tmp_path / "pdf-local" / "a000.pdf")


def test_remote_images_are_fetched_by_the_worker_into_its_cache(tmp_path: Path, cluster: Cluster) -> None:
    www = tmp_path / "www"
    www.mkdir()
    Image.new("RGB", (32, 24), "purple").save(www / "remote.png")
    batch = tmp_path / "in"
    batch.mkdir()
    with serving_folder(www) as base:
        (batch / "n.md").write_text(f"# 远程\n\n正文。\n\n![x]({base}/remote.png)\n\n（图：远程图片）\n",
                                    encoding="utf-8")
        [outcome] = build([batch], ["html"], tmp_path / "out", batch_module.Options(allow_private=True),
                          executor=cluster.spec)
    assert outcome.ok and not outcome.warnings
    assert len(list((cluster.folder / "worker-cache" / "remote").glob("*.bin"))) >= 1
    assert not (Path(os.environ["CONVERT_CACHE_DIR"]) / "remote").exists()  # the client fetched nothing


def test_a_worker_killed_mid_batch_costs_nothing_but_time(tmp_path: Path, cluster: Cluster,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    batch = make_batch(tmp_path / "in", 6)
    folder = recording_starts(cluster, monkeypatch)
    killed: list[int] = []

    def kill_a_worker_mid_article() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not worker_starts(folder):
            time.sleep(0.01)
        if worker_starts(folder):
            killed.append(worker_starts(folder)[0][0])
            os.kill(killed[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_a_worker_mid_article)
    killer.start()
    outcomes = build([batch], ["html", "epub"], tmp_path / "out", executor=cluster.spec, max_articles_per_worker=0)
    killer.join()
    assert killed
    assert [o.status for o in outcomes] == ["built"] * 12, [o.error for o in outcomes]
    assert len(manifest(tmp_path / "out")) == 12 and len(editions(tmp_path / "out")) == 12
    assert len(worker_starts(folder)) == 7  # the killed worker's article was built again


def test_an_article_that_kills_every_worker_is_reported_and_the_batch_completes(
        tmp_path: Path, cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = make_batch(tmp_path / "in", 3)
    monkeypatch.setattr(batch_module, "_job_function", lambda: poisoned)
    outcomes = build([batch], ["html"], tmp_path / "out", executor=cluster.spec)
    assert [o.status for o in outcomes] == ["built", "failed", "built"]
    assert outcomes[1].error.startswith("not built: its Dask worker died") and "(tried 2 times)" in outcomes[1].error
    assert set(manifest(tmp_path / "out")) == {"a000.html", "a002.html"}


def test_dask_workers_are_recycled_after_n_articles(tmp_path: Path, cluster: Cluster,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    batch = make_batch(tmp_path / "in", 6)
    folder = recording_starts(cluster, monkeypatch)
    outcomes = build([batch], ["html"], tmp_path / "out", executor=cluster.spec, max_articles_per_worker=2)
    assert all(o.ok for o in outcomes)
    per_worker: dict[int, int] = {}
    for pid, _ in worker_starts(folder):
        per_worker[pid] = per_worker.get(pid, 0) + 1
    assert max(per_worker.values()) <= 2 and len(per_worker) >= 3, per_worker
    assert len(worker_starts(folder)) == 6  # recycling cut no article short: none was built twice


def test_a_local_cluster_through_executor_dask(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 3)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    done = convert_cli("--to", "html,epub", str(batch), "-o", str(tmp_path / "dask"), "--executor", "dask",
                       "-j", "2", "--json", env=env)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["executor"].startswith("a Dask LocalCluster") and summary["totals"]["built"] == 6
    assert convert_cli("--to", "html,epub", str(batch), "-o", str(tmp_path / "local"), "-q", env=env).returncode == 0
    assert editions(tmp_path / "dask") == editions(tmp_path / "local")
    assert manifest(tmp_path / "dask") == manifest(tmp_path / "local")


def test_without_dask_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# a\n\nb\n", encoding="utf-8")
    code = ("import sys; sys.modules['distributed'] = None; from convert.cli import main; "
            f"sys.exit(main(['--to', 'html', {str(tmp_path / 'a.md')!r}, '-o', {str(tmp_path / 'out')!r}, "
            "'--executor', 'dask']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "pip install 'convert[dask]'" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# a\n\nb\n", encoding="utf-8")
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="1s")
    done = convert_cli("--to", "html", str(tmp_path / "a.md"), "-o", str(tmp_path / "out"),
                       "--executor", "dask://127.0.0.1:9", env=env)
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr and "Traceback" not in done.stderr
    assert not any((tmp_path / "out").glob("*.html"))
