"""Faults of the machine on small real file systems and with real processes: one line, the exit
code, the published site untouched (bytes and inodes), nothing left behind, a clean next build."""

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, file_digests, run_cli
from small_disks import fill, inodes
from test_faults import kernels_of, notebooks_with_extra_cell, published  # noqa: F401  (a fixture)

from jinjiang_report.errors import MachineFault
from jinjiang_report.faults import Places, reported
from jinjiang_report.publish.jupyterbook import BookBuilder, build_html
from jinjiang_report.runs.processes import child_pids


def state(site: Path) -> tuple[dict, dict]:
    return file_digests(site), inodes(site)


def only_error(stderr: str) -> str:
    """The one error line (no traceback, no other error)."""
    lines = stderr.strip().splitlines()
    assert not any(line.startswith("Traceback") for line in lines), stderr
    errors = [line for line in lines if line.startswith("error:")]
    assert errors == [lines[-1]], stderr
    return lines[-1]


@pytest.mark.slow
def test_no_space_in_the_output_folder(built_site, tmp_path, mounts):
    disk = mounts.tmpfs(tmp_path / "disk", "24m")
    site = disk / "site"
    shutil.copytree(built_site.site, site)
    before = state(site)
    filler = fill(disk)
    build = tmp_path / "build"
    result = run_cli("build", "--out", str(site), build_dir=build)
    assert result.returncode == 3
    assert re.fullmatch(
        rf"error: no space left on device in the output folder {re.escape(str(site))} "
        rf"\(at {re.escape(str(disk))}/\.site\.new-\w+/[^ ]+\): free some space there, or publish elsewhere with "
        r"--out DIR, then build again; the published site was not touched", only_error(result.stderr))
    assert state(site) == before
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "site"]  # the half-assembled site is gone
    filler.unlink()
    again = run_cli("build", "--out", str(site), build_dir=build)
    assert again.returncode == 0, again.stderr
    assert inodes(site)["."] != before[1]["."]  # a new site was swapped in
    assert sorted(p.name for p in disk.iterdir()) == ["site"]


@pytest.mark.slow
def test_a_read_only_output_folder(built_site, tmp_path, mounts):
    folder = tmp_path / "shelf"
    site = folder / "site"
    shutil.copytree(built_site.site, site)
    before = state(site)
    mounts.read_only(folder)
    build = tmp_path / "build"
    result = run_cli("build", "--out", str(site), build_dir=build)
    assert result.returncode == 3
    assert re.fullmatch(
        rf"error: the output folder {re.escape(str(site))} \(at {re.escape(str(folder))}/\.site\.new-\w+\) is on a "
        r"read-only file system: make it writable, or publish elsewhere with --out DIR, then build again; the "
        r"published site was not touched", only_error(result.stderr))
    assert state(site) == before
    mounts.undo()
    again = run_cli("build", "--out", str(site), build_dir=build)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["site"]


@pytest.mark.slow
def test_no_space_in_the_build_folder(published, tmp_path, mounts):
    build = mounts.tmpfs(tmp_path / "build", "64m")
    filler = fill(build)
    before = state(published)
    result = run_cli("build", "--out", str(published), build_dir=build)
    assert result.returncode == 3
    assert re.fullmatch(
        rf"error: no space left on device in the build folder {re.escape(str(build))} \(at {re.escape(str(build))}"
        r"/[^ ]+\): free some space there, or move it with JINJIANG_REPORT_BUILD=DIR, then build again; the "
        r"published site was not touched", only_error(result.stderr))
    assert state(published) == before
    assert kernels_of(build) == []
    filler.unlink()
    again = run_cli("build", "--out", str(published), build_dir=build)
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
def test_no_space_in_the_temporary_folder(published, tmp_path, mounts):
    """Room enough for Python to choose it (a temporary folder full from the start is skipped for
    another), too little for the runs' notebooks."""
    temporary = mounts.tmpfs(tmp_path / "tmp", "256k")
    # leave about 8 KB: Python still chooses the folder, and the first notebook copied there fills it
    free = os.statvfs(temporary).f_bavail * os.statvfs(temporary).f_frsize
    (temporary / "filler").write_bytes(b"\0" * max(0, free - 8 * 1024))
    before = state(published)
    build = tmp_path / "build"
    result = run_cli("build", "--out", str(published), build_dir=build, env={"TMPDIR": str(temporary)})
    assert result.returncode == 3
    # where it ran out, when known, is named inside the temporary folder
    assert re.fullmatch(
        re.escape(f"error: no space left on device in the temporary folder {temporary}") + rf"( \(at {re.escape(str(temporary))}/[^)]+\))?"
        + re.escape(": free some space there, or point TMPDIR at a folder with room, then build again; the "
                    "published site was not touched"), only_error(result.stderr)), only_error(result.stderr)
    assert state(published) == before
    assert kernels_of(build) == []
    again = run_cli("build", "--out", str(published), build_dir=build)
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
def test_a_kernel_killed_mid_run_names_notebook_edition_and_cell(published, tmp_path):
    notebooks = tmp_path / "notebooks"
    position = notebooks_with_extra_cell(notebooks, "hospital.ipynb",
                                         "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)", cell_id="oom")
    before = state(published)
    build = tmp_path / "build"
    result = run_cli("build", "--out", str(published), build_dir=build, env={"JINJIANG_REPORT_NOTEBOOKS": str(notebooks)})
    assert result.returncode == 3
    assert only_error(result.stderr) == (
        f"error: {notebooks / 'hospital.ipynb'} (en edition): cell {position} (id oom): the kernel died while this "
        "cell ran (killed, or out of memory): free some memory or run fewer notebooks at once (-j 1), then build again")
    assert state(published) == before
    assert kernels_of(build) == []
    again = run_cli("build", "--out", str(published), build_dir=build)
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["fast", "plain"])
def test_a_kernel_starts_though_the_tcp_ports_it_would_be_given_are_taken(tmp_path, monkeypatch, engine):
    """On TCP, jupyter_client picks a kernel's ports and frees them for the kernel to bind; another
    process (a kernel started beside it) may take one first, and the kernel dies before its first
    cell. Here every port jupyter_client would pick is already taken: kernels listen elsewhere."""
    import socket

    from jupyter_client.connect import LocalPortCache
    from jupyter_core.utils import run_sync

    from jinjiang_report.runs.kernels import ForkedKernels, PlainKernels

    kernels = ForkedKernels() if engine == "fast" else PlainKernels()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setattr(LocalPortCache, "find_available_port", lambda cache, ip: taken.getsockname()[1])
        try:
            if engine == "fast":
                kernels.warm()
                assert kernels.template.ready()
            manager = kernels.start(tmp_path / "build", tmp_path, "test")
            try:
                assert engine == "plain" or manager.provisioner.pidfd is not None  # forked from the template
                client = manager.client()
                client.start_channels()
                run_sync(client.wait_for_ready)(timeout=60)
                client.stop_channels()
            finally:
                run_sync(manager.shutdown_kernel)(now=True)
            folder = kernels.sockets.folder
        finally:
            kernels.close()
    assert folder is not None and not folder.exists()  # nothing left behind


def test_socket_folders_left_by_a_killed_build_are_removed_by_the_next(tmp_path, monkeypatch):
    """A build killed with SIGKILL cannot remove its kernels' socket folder; the next build removes
    it, and leaves alone the folder of a build still running."""
    import tempfile

    from jinjiang_report.runs.kernels import SOCKETS_PREFIX, KernelSockets

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True)
    left = tmp_path / f"{SOCKETS_PREFIX}{ended.stdout.strip()}-abc"
    running = tmp_path / f"{SOCKETS_PREFIX}{os.getppid()}-def"
    for folder in (left, running):
        folder.mkdir()
        (folder / "k1-shell").touch()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sockets = KernelSockets()
    sockets.settings()
    try:
        assert not left.exists() and running.exists()
        assert sockets.folder is not None and sockets.folder.name.startswith(f"{SOCKETS_PREFIX}{os.getpid()}-")
    finally:
        sockets.close()


@pytest.mark.slow
def test_a_forked_kernel_that_cannot_start_says_why(tmp_path, capfd):
    """A kernel forked from the template is not the build's child: one that cannot start says why on
    the build's stderr, as one jupyter_client starts does, instead of ending without a word."""
    import select
    import socket

    from jupyter_client.connect import write_connection_file

    from jinjiang_report.runs.forked_provisioner import _fork_from
    from jinjiang_report.runs.kernel_template import KernelTemplate

    template = KernelTemplate()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        connection, _ = write_connection_file(str(tmp_path / "kernel.json"), ip="127.0.0.1", shell_port=port,
                                              iopub_port=port, stdin_port=port, hb_port=port, control_port=port)
        try:
            assert template.ready()
            pid = _fork_from(template.address, [sys.executable, "-m", "ipykernel_launcher", "-f", connection],
                             {"cwd": str(tmp_path), "env": dict(os.environ)})
            assert pid is not None
            ended = os.pidfd_open(pid)  # not reaped before the template's next request
            try:
                assert select.select([ended], [], [], 60)[0], "the kernel is still running"
            finally:
                os.close(ended)
        finally:
            template.close()
    assert "Address already in use" in capfd.readouterr().err


@pytest.mark.slow
def test_a_helper_process_that_died_is_one_line(tmp_path):
    builder = BookBuilder()
    try:
        assert builder.server.ready()
        assert builder.server.process is not None
        builder.server.process.kill()
        builder.server.process.wait()
        with pytest.raises(MachineFault) as fault:
            with reported(Places(tmp_path / "build")):
                builder.run(["build", str(ROOT / "book")])
    finally:
        builder.close()
    assert str(fault.value) == (
        "a helper process of the build (the Jupyter Book process or the kernel template) stopped unexpectedly "
        "(Connection refused): it was killed or ran out of memory; build again (--debug shows where the build noticed)")
    assert fault.value.exit_code == 3


@pytest.mark.slow
def test_an_edition_build_killed_midway_is_one_line(tmp_path):
    """The Jupyter Book process forks a child per edition; the child is killed while it builds."""
    builder = BookBuilder()
    failures: list = []
    toc = tmp_path / "_toc.yml"
    os.mkfifo(toc)  # the child blocks reading it (nobody writes) until it is killed: no race

    def build():
        try:
            with reported(Places(tmp_path / "build")):
                builder.run(["build", str(ROOT / "book"), "--toc", str(toc), "--path-output", str(tmp_path / "out")])
        except MachineFault as exc:
            failures.append(exc)

    try:
        assert builder.server.ready() and builder.server.process is not None
        thread = threading.Thread(target=build)
        thread.start()
        deadline = time.monotonic() + 60
        children: list[int] = []
        while not children and time.monotonic() < deadline:  # polling for the edition's child to appear
            children = child_pids(builder.server.process.pid)
            thread.join(timeout=0.01)
        assert children, "no edition build started"
        os.kill(children[0], signal.SIGKILL)
        thread.join(timeout=60)
    finally:
        builder.close()
    assert [str(f) for f in failures] == [
        "a helper process of the build (the Jupyter Book process or the kernel template) stopped unexpectedly (the "
        "build of an edition ended without an answer): it was killed or ran out of memory; build again (--debug "
        "shows where the build noticed)"]


@pytest.mark.slow
def test_no_space_while_jupyter_book_writes_the_html(built_site, tmp_path, mounts):
    disk = mounts.tmpfs(tmp_path / "disk", "2m")
    edition = built_site.build_dir / "editions" / "en"
    with pytest.raises(MachineFault) as fault:
        with reported(Places(disk)):
            build_html(edition / "book-src", edition / "_config.yml", disk / "jupyter-book", "code")
    assert str(fault.value) == (
        f"no space left on device in the build folder {disk} (at {disk / 'jupyter-book'}): free some space there, "
        "or move it with JINJIANG_REPORT_BUILD=DIR, then build again")


def processes_of(build: Path) -> list[int]:
    """Every process of this package started for the build folder ``build`` (found by command line
    and environment): kernels, their launchers, the kernel template, the Jupyter Book process."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if b"jinjiang_report" in (proc / "cmdline").read_bytes() and \
                    f"JINJIANG_REPORT_BUILD={build}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
def test_a_build_killed_midway_leaves_nothing_the_next_build_trusts(built_site, tmp_path):
    """Killed (as the out-of-memory killer would) once its runs are done, while it stages and builds pages."""
    site, build = tmp_path / "site", tmp_path / "build"
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(build), "CI": "true"}
    process = subprocess.Popen([sys.executable, "-m", "jinjiang_report.cli", "build", "--out", str(site)], cwd=ROOT,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (build / "run-report.json").exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)  # polling for the runs to finish, bounded by the deadline
        assert process.poll() is None, "the build ended before it could be killed"
        process.kill()
        process.wait()
        again = run_cli("build", "--out", str(site), build_dir=build)
        assert again.returncode == 0, again.stderr
        assert "waiting for another" not in again.stderr
    finally:
        for pid in [process.pid, *processes_of(build)]:  # what is left of the killed build, if anything
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def pages(folder: Path) -> dict[str, str]:
        return {name: digest for name, digest in file_digests(folder).items() if "execution-report" not in name}

    assert pages(site) == pages(built_site.site)


@pytest.mark.slow
def test_an_output_folder_this_user_may_not_write(built_site, tmp_path):
    """As a user without write permission there: root without the capability to override permissions."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is not installed: cannot drop the capability to override permissions")
    shelf = tmp_path / "shelf"
    site = shelf / "site"
    shutil.copytree(built_site.site, site)
    before = state(site)
    shelf.chmod(0o555)
    build = tmp_path / "build"
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(build), "CI": "true"}
    try:
        done = subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search", sys.executable, "-m",
                               "jinjiang_report.cli", "build", "--out", str(site)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=600)
    finally:
        shelf.chmod(0o755)
    if done.returncode != 0 and "setpriv:" in done.stderr:
        pytest.skip(f"cannot drop capabilities here: {done.stderr.strip()}")
    assert done.returncode == 3
    assert re.fullmatch(
        rf"error: permission denied in the output folder {re.escape(str(site))} \(at {re.escape(str(shelf))}"
        r"/\.site\.new-\w+\): give this user write access there, or publish elsewhere with --out DIR, then build "
        r"again; the published site was not touched", only_error(done.stderr))
    assert state(site) == before
    again = run_cli("build", "--out", str(site), build_dir=build)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in shelf.iterdir()) == ["site"]
