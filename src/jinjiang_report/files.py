"""Writing files so that nothing is half-written and unchanged files keep their timestamps."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any


def write_atomically(path: Path, content: str | bytes) -> bool:
    """Write ``content`` to ``path`` through a temporary file; return False (touching nothing) if unchanged."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    with _naming(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with _removed_on_error(tmp):
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(tmp, path)
    return True


@contextmanager
def _naming(path: Path) -> Iterator[None]:
    """An OSError raised while writing ``path`` names it (a failed write() names no file)."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(path)
        raise


@contextmanager
def _removed_on_error(tmp: str) -> Iterator[None]:
    """A temporary file that could not be finished (a full disk) is not left behind."""
    try:
        yield
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def copy_if_changed(source: Path, target: Path) -> bool:
    """Copy a file unless the target already holds the same bytes (keeps incremental builds incremental)."""
    if target.is_file() and target.stat().st_size == source.stat().st_size and \
            target.read_bytes() == source.read_bytes():
        return False
    with _naming(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        os.close(handle)
        with _removed_on_error(tmp):
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
    return True


def file_digests(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def tree_digest(folder: Path, *extra: Path) -> str:
    """One digest of every file's path and bytes under ``folder`` (and of ``extra`` files)."""
    hasher = hashlib.sha256()
    for name, digest in file_digests(folder).items():
        hasher.update(f"{name}\0{digest}\n".encode())
    for path in extra:
        hasher.update(f"{path.as_posix()}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return hasher.hexdigest()


def file_stats(folder: Path, suffix: str = "") -> dict[str, tuple[int, int, int]]:
    """Relative path -> (size, modification time in ns, permission bits) of every file under
    ``folder`` whose name ends with ``suffix`` (no reading). A link that cannot be followed is
    described by the link itself."""
    stats = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            if not name.endswith(suffix):
                continue
            path = os.path.join(directory, name)
            try:
                stat = os.stat(path)
            except OSError:  # a link to nothing, or a loop of links
                stat = os.lstat(path)
            stats[os.path.relpath(path, folder)] = (stat.st_size, stat.st_mtime_ns, stat.st_mode & 0o7777)
    return dict(sorted(stats.items()))


def stat_fingerprint(folder: Path) -> str:
    """A cheap fingerprint of a folder: every file's path, size and modification time (no reading)."""
    return hashlib.sha256(json.dumps(file_stats(folder)).encode()).hexdigest()


def notebook_text(nb: dict) -> str:
    """A notebook as stored: JSON with sorted keys, one-space indent and a final newline."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_notebook_json(path: Path) -> dict:
    """A notebook's JSON, read without nbformat (whose import costs about a second)."""
    return json.loads(path.read_text(encoding="utf-8"))


def cell_source(cell: dict) -> str:
    """A cell's source as one string, whether stored as a string or as a list of lines."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def load_yaml(text: str) -> Any:
    """Parse YAML safely, with libyaml's parser when PyYAML has it (same result, several times faster).

    A file that does not parse is parsed again by PyYAML's own parser, so the error (its wording
    and position) is the same whether or not this installation has libyaml.
    """
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - raises the pure-Python parser's error


DIGEST_KEY = "sha256"


def sealed_json(payload: dict) -> str:
    """``payload`` as JSON with the digest of its other keys under ``DIGEST_KEY``, so that a reader
    can tell a file cut short or edited since it was written (``unsealed_json``)."""
    body = {k: v for k, v in payload.items() if k != DIGEST_KEY}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
    return json.dumps({**body, DIGEST_KEY: digest}, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def unsealed_json(text: str) -> dict | None:
    """The payload ``sealed_json`` wrote, or None when ``text`` is not what it wrote (cut short,
    edited, or written without a digest)."""
    try:
        found = json.loads(text)
    except ValueError:
        return None
    if not isinstance(found, dict) or not isinstance(found.get(DIGEST_KEY), str):
        return None
    body = {k: v for k, v in found.items() if k != DIGEST_KEY}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return body if digest == found[DIGEST_KEY] else None
