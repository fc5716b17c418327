"""Faults of the machine in one line (faults.py), by injection: what happened, where, what to do;
--debug and JINJIANG_DEBUG=1 show the traceback."""

import errno
import os
from pathlib import Path

import pytest

from jinjiang_report import cli
from jinjiang_report.errors import InternalError, MachineFault
from jinjiang_report.faults import Places, explain, reported
from jinjiang_report.files import write_atomically


def places(tmp_path: Path) -> Places:
    return Places(tmp_path / "build", tmp_path / "out" / "site", tmp_path / "tmp")


@pytest.mark.parametrize("code,path,message", [
    (errno.ENOSPC, "out/.site.new-x1/en/a.html",
     "no space left on device in the output folder {t}/out/site (at {t}/out/.site.new-x1/en/a.html): free some "
     "space there, or publish elsewhere with --out DIR, then build again"),
    (errno.ENOSPC, "build/executed/en/a.ipynb",
     "no space left on device in the build folder {t}/build (at {t}/build/executed/en/a.ipynb): free some space "
     "there, or move it with JINJIANG_REPORT_BUILD=DIR, then build again"),
    (errno.ENOSPC, "tmp/jinjiang-run-1/a.ipynb",
     "no space left on device in the temporary folder {t}/tmp (at {t}/tmp/jinjiang-run-1/a.ipynb): free some "
     "space there, or point TMPDIR at a folder with room, then build again"),
    (errno.EROFS, "out/.site.new-x1",
     "the output folder {t}/out/site (at {t}/out/.site.new-x1) is on a read-only file system: make it writable, "
     "or publish elsewhere with --out DIR, then build again"),
    (errno.EACCES, "out/site/en/index.html",
     "permission denied in the output folder {t}/out/site (at {t}/out/site/en/index.html): give this user write "
     "access there, or publish elsewhere with --out DIR, then build again"),
    (errno.EDQUOT, "build",
     "disk quota exceeded in the build folder {t}/build: free some space there, or move it with "
     "JINJIANG_REPORT_BUILD=DIR, then build again"),
    (errno.EIO, "elsewhere/x",
     "input/output error in {t}/elsewhere/x: the disk or its file system failed (see dmesg); repair it, then "
     "build again"),
])
def test_a_file_system_fault_names_the_folder_the_path_and_what_to_do(tmp_path, code, path, message):
    assert explain(OSError(code, os.strerror(code), str(tmp_path / path)), places(tmp_path)) == \
        message.format(t=tmp_path)


def test_a_copy_is_named_by_where_it_writes(tmp_path):
    fault = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "build" / "a.html"),
                    None, str(tmp_path / "out" / ".site.new-1" / "a.html"))
    assert explain(fault, places(tmp_path)).startswith(
        f"no space left on device in the output folder {tmp_path}/out/site (at {tmp_path}/out/.site.new-1/a.html)")


def test_a_fault_without_a_file_names_the_read_only_folder(tmp_path, monkeypatch):
    read_only = {str(tmp_path / "tmp")}
    monkeypatch.setattr(os, "statvfs", lambda p: os.statvfs_result(
        (4096, 4096, 100, 50, 50, 10, 5, 5, os.ST_RDONLY if str(p) in read_only else 0, 255)))
    (tmp_path / "tmp").mkdir()
    assert explain(OSError(errno.EROFS, "Read-only file system"), places(tmp_path)) == (
        f"the temporary folder {tmp_path}/tmp is on a read-only file system: make it writable, or point TMPDIR at "
        "a folder with room, then build again")


def test_helper_processes_memory_and_bugs_get_one_line(tmp_path):
    assert explain(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), places(tmp_path)) == (
        "a helper process of the build (the Jupyter Book process or the kernel template) stopped unexpectedly "
        "(Connection refused): it was killed or ran out of memory; build again (--debug shows where the build "
        "noticed)")
    assert explain(MemoryError(), places(tmp_path)) == (
        "out of memory: close other programs or run fewer notebooks at once (-j 1), then build again")
    assert explain(KeyError("x"), places(tmp_path)) == (
        "internal error: KeyError: 'x'; run again with --debug (or JINJIANG_DEBUG=1) for the full traceback and "
        "report it")


def test_the_message_says_whether_the_published_site_was_touched(tmp_path):
    site = tmp_path / "out" / "site"
    site.mkdir(parents=True)
    with pytest.raises(MachineFault) as kept:
        with reported(places(tmp_path)):
            raise OSError(errno.ENOSPC, "No space left on device", str(site / "x"))
    assert str(kept.value).endswith("; the published site was not touched")
    with pytest.raises(MachineFault) as swapped:
        with reported(places(tmp_path)):
            site.rename(tmp_path / "out" / "old")
            site.mkdir()
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "build" / "x"))
    assert str(swapped.value).endswith("; the new site had been published before this happened")
    with pytest.raises(MachineFault) as first:
        with reported(Places(tmp_path / "build", tmp_path / "never" / "site")):
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "build" / "x"))
    assert str(first.value).endswith("; nothing was published")


def test_a_bug_is_one_line_with_its_own_exit_code(tmp_path):
    with pytest.raises(InternalError) as bug:
        with reported(places(tmp_path)):
            {}["missing"]
    assert str(bug.value).startswith("internal error: KeyError: 'missing'; run again with --debug")
    assert bug.value.exit_code == 70


def test_an_unfinished_write_leaves_no_temporary_file_and_names_its_file(tmp_path, mounts):
    disk = mounts.tmpfs(tmp_path / "disk", "64k")
    target = disk / "a" / "report.json"
    with pytest.raises(OSError) as failed:
        write_atomically(target, b"x" * (256 << 10))
    assert failed.value.errno == errno.ENOSPC and failed.value.filename == str(target)
    assert list(target.parent.iterdir()) == []


def _full_disk_command(project, args):
    raise OSError(errno.ENOSPC, "No space left on device", str(project.build / "run-report.json"))


@pytest.mark.parametrize("how", ["none", "flag", "variable"])
def test_debug_shows_the_traceback_and_keeps_the_line_and_the_exit_code(tmp_path, monkeypatch, capsys, how):
    monkeypatch.setenv("JINJIANG_REPORT_BUILD", str(tmp_path / "build"))
    monkeypatch.delenv("JINJIANG_DEBUG", raising=False)
    if how == "variable":
        monkeypatch.setenv("JINJIANG_DEBUG", "1")
    monkeypatch.setattr(cli, "_check", _full_disk_command)
    code = cli.main(["check", *(["--debug"] if how == "flag" else [])])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 3
    assert lines[-1] == (f"error: no space left on device in the build folder {tmp_path}/build (at {tmp_path}"
                         "/build/run-report.json): free some space there, or move it with "
                         "JINJIANG_REPORT_BUILD=DIR, then build again")
    if how == "none":
        assert len(lines) == 1
    else:
        assert lines[0] == "Traceback (most recent call last):"
        assert "OSError: [Errno 28] No space left on device" in "\n".join(lines)


def test_a_kernel_that_dies_before_its_first_cell_is_named_with_its_edition(tmp_path):
    from jinjiang_report.errors import KernelDied, NotebookFailed
    from jinjiang_report.runs.failures import in_edition

    failure = NotebookFailed("notebooks/x.ipynb: kernel start-up",
                             "RuntimeError: Kernel died before replying to kernel_info", "build/failed/zh/x.ipynb")
    named = in_edition(failure, "zh", tmp_path / "x.ipynb", tmp_path / "not-kept.ipynb", "notebooks/x.ipynb")
    assert isinstance(named, KernelDied) and named.exit_code == 3
    assert str(named) == ("notebooks/x.ipynb (zh edition): kernel start-up: the kernel died before its first cell "
                          "(killed, or out of memory): free some memory or run fewer notebooks at once (-j 1), then "
                          "build again")
    other = NotebookFailed("notebooks/x.ipynb: cell 3 (id a), line 1", "NameError: name 'y' is not defined", None)
    assert in_edition(other, "zh", tmp_path / "x.ipynb", tmp_path / "not-kept.ipynb", "notebooks/x.ipynb") is other
