"""Review rounds on a private copy of the project: an edited passage and a fact read differently are
exactly what the "What changed" page lists, in both editions, linked to their addresses; a paragraph
added above another leaves its address alone; a rebuild with nothing changed reports no change;
``diff --since`` builds a named git ref in a fresh clone."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import EDITIONS, ROOT, THEMES, run_cli

pytestmark = pytest.mark.slow

COPIED = ("data", "notebooks", "book", "_config.yml", "requirements.lock")
ADDED = {"en": " This clause was added in review.", "zh": "此句为评审时加入。"}


def _copy_project(folder: Path) -> Path:
    folder.mkdir()
    for name in COPIED:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, folder / name)
    return folder


def _reread_a_fact(facts: Path) -> tuple[str, str]:
    """Give one fact another period that a fact of the same claim kind has; its id and theme."""
    rows = list(csv.DictReader(facts.open(encoding="utf-8", newline="")))
    for row in rows:
        others = {r["period"] for r in rows if r["claim"] == row["claim"] and r["period"] not in (row["period"], "none")}
        if row["period"] != "none" and others:
            row["period"] = sorted(others)[0]
            with facts.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
            return row["id"], row["theme"]
    raise AssertionError("no fact can be given another period")


def _prose_pair(cells: list[dict]) -> int:
    """The index of the first lang-en cell, followed by its lang-zh partner, that ends in a plain sentence."""
    def ends_in_prose(cell: dict) -> bool:
        last = "".join(cell["source"]).rstrip().splitlines()[-1]
        return bool(last) and not re.match(r"\s*([#|>*\-+`{]|\d+\.)", last)

    for index, (cell, partner) in enumerate(zip(cells, cells[1:])):
        tags, partner_tags = cell["metadata"].get("tags", []), partner["metadata"].get("tags", [])
        if "lang-en" in tags and "lang-zh" in partner_tags and ends_in_prose(cell) and ends_in_prose(partner):
            return index
    raise AssertionError("no lang-en/lang-zh pair ending in a sentence")


def _append(cell: dict, text: str) -> None:
    source = "".join(cell["source"]).rstrip("\n")
    cell["source"] = source + text


def _build(project: Path, tmp: Path, *extra: str) -> str:
    result = run_cli("build", "--out", str(tmp / "site"), *extra, build_dir=tmp / "build",
                     env={"JINJIANG_REPORT_ROOT": str(project)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def _site(tmp: Path) -> tuple[dict, dict]:
    site = tmp / "site"
    return (json.loads((site / "manifest.json").read_text(encoding="utf-8")),
            json.loads((site / "changes.json").read_text(encoding="utf-8")))


def _links_work(site: Path, code: str) -> list[str]:
    """The page's links to passages, each checked to land on an element of that id."""
    page = (site / code / "changes.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([a-z0-9_-]+)\.html#([^"]+)"', page.split('id="changes-report"', 1)[1])
    for target, anchor in links:
        assert f'id="{anchor}"' in (site / code / f"{target}.html").read_text(encoding="utf-8"), (target, anchor)
    return [f"{target}#{anchor}" for target, anchor in links]


def test_the_what_changed_page_lists_exactly_the_edit_and_addresses_hold(tmp_path):
    project = _copy_project(tmp_path / "project")
    first = _build(project, tmp_path)
    assert "nothing to compare with" in first
    page = (tmp_path / "site" / "en" / "changes.html").read_text(encoding="utf-8")
    assert "there is nothing to compare it with" in page
    assert "not a git checkout" in page
    before, _ = _site(tmp_path)

    fact, theme = _reread_a_fact(project / "data" / "facts.csv")
    notebook = project / "notebooks" / THEMES[theme].notebook
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    index = _prose_pair(nb["cells"])
    english_id = nb["cells"][index]["id"]
    _append(nb["cells"][index], ADDED["en"])
    _append(nb["cells"][index + 1], ADDED["zh"])
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    second = _build(project, tmp_path)
    assert "change(s) since the site this build replaced" in second
    after, changes = _site(tmp_path)
    assert set(changes["facts"]["changed"]) == {fact} and changes["facts"]["changed"][fact]["fields"] == ["period"]
    assert not changes["facts"]["added"] and not changes["facts"]["removed"]
    page_name = THEMES[theme].notebook.rsplit(".", 1)[0]
    for code in EDITIONS:
        passages = changes["editions"][code]["passages"]
        assert not passages["added"] and not passages["removed"]
        changed = {f'{c["new"]["page"]}#{c["new"]["address"]}' for c in passages["changed"]}
        edited = {key for key in changed if ADDED[code].strip() in after["editions"][code]["passages"][key]["text"]}
        assert len(edited) == 1 and edited.pop().startswith(f"{page_name}#{english_id}-"), changed
        showing_the_fact = {key for key, p in after["editions"][code]["passages"].items() if fact in p["facts"]}
        assert changed - showing_the_fact == {key for key in changed if ADDED[code].strip() in
                                              after["editions"][code]["passages"][key]["text"]}
        assert not changes["editions"][code]["charts"]["changed"] or all(
            fact in c["new"].get("caption", "") for c in changes["editions"][code]["charts"]["changed"])
        linked = _links_work(tmp_path / "site", code)
        assert changed <= set(linked)
        html = (tmp_path / "site" / code / "changes.html").read_text(encoding="utf-8")
        assert f"sources.html#fact-{fact.replace('_', '-')}" in html
        old, new = (changes["facts"]["changed"][fact][side]["shown"][code]["period"] for side in ("old", "new"))
        assert old in html and new in html
    # the same passage has the same address in both editions
    assert {c["new"]["address"] for c in changes["editions"]["en"]["passages"]["changed"]} == \
        {c["new"]["address"] for c in changes["editions"]["zh"]["passages"]["changed"]}

    third = _build(project, tmp_path)
    assert "what changed: nothing since the site it replaces" in third
    kept, kept_changes = _site(tmp_path)
    assert kept_changes == changes, "a rebuild with nothing changed keeps the page's comparison"
    diff = run_cli("diff", "--site", str(tmp_path / "site"), "--since", str(tmp_path / "site" / "manifest.json"),
                   build_dir=tmp_path / "build", env={"JINJIANG_REPORT_ROOT": str(project)})
    assert diff.returncode == 0 and "Nothing the report shows changed." in diff.stdout, diff.stderr

    nb["cells"][index:index] = [
        {"cell_type": "markdown", "id": "review-added-en", "metadata": {"tags": ["lang-en"]},
         "source": "A paragraph added above."},
        {"cell_type": "markdown", "id": "review-added-zh", "metadata": {"tags": ["lang-zh"]}, "source": "上方新增的段落。"}]
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _build(project, tmp_path)
    moved, _ = _site(tmp_path)
    for code in EDITIONS:
        old_passages, new_passages = kept["editions"][code]["passages"], moved["editions"][code]["passages"]
        assert {key: p["text"] for key, p in old_passages.items()} == \
            {key: new_passages[key]["text"] for key in old_passages}
        assert set(new_passages) - set(old_passages) == {f"{page_name}#review-added-en-p1"}


def test_diff_since_a_git_ref_in_a_fresh_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    git = ["git", "-C", str(clone), "-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.org"]
    fact, _ = _reread_a_fact(clone / "data" / "facts.csv")
    subprocess.run([*git, "commit", "--quiet", "-am", "Read one fact's period differently"], check=True)
    env = {"JINJIANG_REPORT_ROOT": str(clone)}
    built = run_cli("build", "--out", str(tmp_path / "site"), build_dir=tmp_path / "build", env=env, cwd=clone)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "en" / "intro.html").read_text(encoding="utf-8")
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    assert f"Built from commit {head[:12]}" in page and "uncommitted" not in page
    diff = run_cli("diff", "--site", str(tmp_path / "site"), "--since", "HEAD~1", build_dir=tmp_path / "build",
                   env=env, cwd=clone)
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.startswith("Compared with HEAD~1, commit ")
    assert f"fact {fact} changed (period)" in diff.stdout
    missing = run_cli("diff", "--site", str(tmp_path / "site"), "--since", "no-such-ref", build_dir=tmp_path / "build",
                      env=env, cwd=clone)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert "--since no-such-ref: neither a site manifest nor a git ref" in missing.stderr
