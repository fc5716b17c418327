"""``jinjiang-report diff``: what changed, as text for a terminal, a CI log or a pull request.

Without ``--since`` it prints what the published site's "What changed" page shows; with it, what
changed from that version (a git ref, or an earlier site's manifest) to the published site.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..project import Project


def add_diff_command(commands: Any, project: Project) -> None:
    diff = commands.add_parser(
        "diff", help="print what changed: the published site's 'What changed' page as text",
        description="Print what the published site's 'What changed' page shows, as text (passages with "
                    "[-removed-]{+added+} marks), or with --since what changed from that version to the "
                    "published site.")
    diff.add_argument("--site", type=Path, default=project.default_site,
                      help=f"the published site (default: {project.display(project.default_site)}/)")
    diff.add_argument("--since", metavar="REF_OR_MANIFEST", default=None,
                      help="compare with this version instead: a git ref, or an earlier site's manifest.json "
                           "or folder")


def diff_command(project: Project, args: argparse.Namespace) -> int:
    from .changes import CHANGES_FILE, changes_text, compare
    from .manifest import MANIFEST_FILE, read_manifest
    from .since import baseline

    site = project.resolve(args.site)
    manifest = read_manifest(site / MANIFEST_FILE)
    if manifest is None:
        raise UsageError(f"no site manifest at {project.display(site / MANIFEST_FILE)}; build the book first "
                         "(jinjiang-report build) or name the site with --site")
    if args.since:
        old, label = baseline(project, args.since)
        changes = compare(old, manifest, label)
    else:
        try:
            changes = json.loads((site / CHANGES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise UsageError(f"no readable {project.display(site / CHANGES_FILE)}; build the book again") from None
    print(changes_text(changes), end="")
    return 0
