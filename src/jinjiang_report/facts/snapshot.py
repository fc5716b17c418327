"""The verified ledger as plain JSON, so it is checked once and read cheaply after that.

Verifying the ledger (pandas, pandera, every quote against the source) is a function of its
input files and of this package's code. The result is written to
``build/verified/<digest>.json``, the digest covering every input file of the ledger, the
package's code, the pinned environment and the Python version. Whoever needs the verified
ledger next (a later build, every notebook's kernel) computes the same digest by reading a
few small files and, when the snapshot is there, loads it with ``json`` alone; otherwise,
for instance in a fresh JupyterLab session, it verifies the ledger and leaves the snapshot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..files import write_atomically
from ..project import Project, package_digest
from ..themes import Theme
from .context import context_files
from .model import Assessment, ContextEntry, Derived, Exclusion, Fact, Ledger
from .sources import Source
from .vocabulary import Vocabulary

SNAPSHOT_VERSION = "2"
LEDGER_FILES = ("facts.csv", "derived.csv", "exclusions.csv", "assessments.csv", "vocabulary.yaml")


def inputs_digest(ledger: Path, source: Path | None, themes: dict[str, Theme]) -> str:
    """A digest of every file the ledger at ``ledger`` is read from (and of the theme names)."""
    folder = ledger.parent
    paths = [ledger, *(folder / name for name in LEDGER_FILES[1:]),
             *sorted((folder / "entities").glob("*.yaml")), *sorted((folder / "sources").glob("*")),
             *context_files(folder / "context")]
    if source is not None:
        paths.append(source)
    hasher = hashlib.sha256(f"{SNAPSHOT_VERSION}\n{','.join(themes)}\n".encode())
    for path in paths:
        hasher.update(f"{path}\n".encode())
        hasher.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return hasher.hexdigest()


def snapshot_path(project: Project, inputs: str) -> Path:
    """Where the snapshot of a ledger with this ``inputs_digest`` lives, for this package's code."""
    digest = hashlib.sha256(inputs.encode() + package_digest(project.lockfile)).hexdigest()
    return project.build / "verified" / f"{digest}.json"


def verified_ledger(project: Project, ledger: str, source: str, themes: dict[str, Theme]) -> Ledger:
    """The verified ledger at ``ledger`` (with ``source`` instead of its own source text, if given),
    as a notebook's parameters or the command line name them: from its snapshot if there is one."""
    ledger_path = project.resolve(ledger)
    source_path = project.resolve(source) if source else None
    path = snapshot_path(project, inputs_digest(ledger_path, source_path, themes))
    data = _read_sealed(path)
    if data is not None:
        return from_json(json.loads(data))
    from .load import load_ledger  # pandas and pandera: only when the ledger has to be verified here

    loaded = load_ledger(ledger_path, themes, source_path)
    write_snapshot(path, loaded)
    return loaded


def write_snapshot(path: Path, ledger: Ledger) -> None:
    """Write the snapshot under ``path``'s name with the digest of its bytes added (``_read_sealed``)."""
    # Key order is meaning here (the vocabulary lists claim kinds and stages in reading order): keep it.
    data = json.dumps(to_json(ledger), ensure_ascii=False).encode("utf-8")
    write_atomically(_sealed(path, data), data)


def _sealed(path: Path, data: bytes) -> Path:
    return path.with_name(f"{path.stem}.{hashlib.sha256(data).hexdigest()}{path.suffix}")


def _read_sealed(path: Path) -> bytes | None:
    """The snapshot written for ``path``, if its bytes still match the digest in its name: one cut
    short or edited (numbers a kernel would show) is removed and the ledger verified again."""
    for found in path.parent.glob(f"{path.stem}.*{path.suffix}"):
        data = found.read_bytes()
        if found == _sealed(path, data):
            return data
        found.unlink(missing_ok=True)
    return None


def _plain(value: Any) -> Any:
    if isinstance(value, (Decimal, dt.date)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def to_json(ledger: Ledger) -> dict[str, Any]:
    """The ledger as JSON-ready data."""
    def record(item: Any) -> dict[str, Any]:
        return {k: _plain(v) for k, v in dataclasses.asdict(item).items()}

    return {
        "folder": str(ledger.folder),
        "facts": [record(f) for f in ledger.facts.values()],
        "derived": [record(d) for d in ledger.derived.values()],
        "exclusions": [record(e) for e in ledger.exclusions],
        "entities": ledger.entities,
        "sources": [{"id": s.id, "path": str(s.path), "text": s.text, "metadata": s.metadata}
                    for s in ledger.sources.values()],
        "assessments": [record(a) for a in ledger.assessments.values()],
        "vocabulary": dataclasses.asdict(ledger.vocabulary),
        "records": ledger.records,
        "entity_texts": ledger.entity_texts,
        "context": [record(c) for c in ledger.context.values()],
        "context_texts": ledger.context_texts,
    }


def from_json(data: dict[str, Any]) -> Ledger:
    """A Ledger from ``to_json`` data."""
    def fact(row: dict[str, Any]) -> Fact:
        value = row["value"]
        row = {**row, "value": dt.date.fromisoformat(value) if row["unit"] == "date" else Decimal(value)}
        return Fact(**row)

    from .sources import squeeze

    return Ledger(
        folder=Path(data["folder"]),
        facts={row["id"]: fact(row) for row in data["facts"]},
        derived={row["id"]: Derived(**{**row, "inputs": tuple(row["inputs"]), "value": Decimal(row["value"])})
                 for row in data["derived"]},
        exclusions=[Exclusion(**row) for row in data["exclusions"]],
        entities=data["entities"],
        sources={s["id"]: Source(s["id"], Path(s["path"]), s["text"], squeeze(s["text"]), s["metadata"])
                 for s in data["sources"]},
        assessments={row["fact_id"]: Assessment(**{**row, "lacks": tuple(row["lacks"])})
                     for row in data["assessments"]},
        vocabulary=Vocabulary(**data["vocabulary"]),
        records=data["records"],
        entity_texts=data["entity_texts"],
        context={row["id"]: ContextEntry(**row) for row in data["context"]},
        context_texts=data["context_texts"],
    )
