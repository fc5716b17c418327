"""``tools/dev.sh lab``: JupyterLab on the project, drawing Chinese with the font the book ships.

JupyterLab loads ``custom/custom.css`` from its configuration folder when started with
``--LabApp.custom_css=True``, and serves the other files of that folder under ``/custom/``. This
module writes such a folder inside the environment (``.venv/etc/jinjiang-lab/``): a stylesheet
that declares Noto Sans SC (the font the book ships, whole here, since an analyst may type any
character) for the Chinese ranges only and puts it first in JupyterLab's interface, prose and code
font stacks, and a copy of the font file beside it. So a machine
without a Chinese font draws the notebooks' Chinese, with no network.

JupyterLab then runs with that folder as its configuration folder. The analyst's own folder
(``jupyter --config-dir``) stays on the configuration path and keeps JupyterLab's settings and
workspaces, so nothing of theirs is hidden; their own ``custom/custom.css`` is not loaded.

The server's root is the repository, and JupyterLab opens on ``notebooks/``: the book a build
published (``site/``) and the ledger (``data/``) are then files JupyterLab can open, which is
where a fact's value links to from a notebook (``chapters/lab_links.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .files import copy_if_changed, write_atomically
from .project import Project
from .publish.fonts import CHINESE_RANGES, FAMILY

FONT_FILE = "NotoSansSC-Regular.otf"
# JupyterLab 4's default stacks (its theme's --jp-*-font-family), with the Chinese face first: its
# unicode-range keeps it to Chinese characters, so Latin text keeps the default faces.
UI_FONTS = ('system-ui, -apple-system, blinkmacsystemfont, "Segoe UI", helvetica, arial, sans-serif, '
            '"Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol"')
CODE_FONTS = 'menlo, consolas, "DejaVu Sans Mono", monospace'


def stylesheet() -> str:
    """custom.css: the Chinese face declared from the font file beside it, first in every font stack."""
    ranges = ", ".join(f"U+{start:04X}-{end:04X}" for start, end in CHINESE_RANGES)
    return (f"/* Written by jinjiang_report.lab: Chinese in the font the book ships. */\n"
            f"@font-face {{\n  font-family: \"{FAMILY}\";\n  src: url(\"{FONT_FILE}\") format(\"opentype\");\n"
            f"  font-display: block;\n  unicode-range: {ranges};\n}}\n"
            f"body {{\n  --jp-ui-font-family: \"{FAMILY}\", {UI_FONTS};\n"
            f"  --jp-content-font-family: \"{FAMILY}\", {UI_FONTS};\n"
            f"  --jp-code-font-family-default: \"{FAMILY}\", {CODE_FONTS};\n}}\n")


def write_config(folder: Path, font: Path) -> Path:
    """Write JupyterLab's configuration folder ``folder`` (custom/custom.css and a copy of the font
    ``font`` beside it); return the folder."""
    custom = folder / "custom"
    write_atomically(custom / "custom.css", stylesheet())
    served = custom / FONT_FILE  # a copy or a hard link: Jupyter serves no link leading out of the folder
    if not (served.is_file() and served.stat().st_size == font.stat().st_size):
        copy_if_changed(font, served)
    return folder


def lab_command(project: Project, jupyter: Path, arguments: list[str]) -> list[str]:
    """The ``jupyter lab`` command line: custom CSS on, the repository served, notebooks/ opened."""
    root_flag = ["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []  # Jupyter refuses root otherwise
    return [str(jupyter), "lab", *root_flag, "--LabApp.custom_css=True", f"--ServerApp.root_dir={project.root}",
            f"--LabApp.default_url=/lab/tree/{project.display(project.notebooks)}", *arguments]


def lab_environment(config: Path, user_config: str, environ: dict[str, str]) -> dict[str, str]:
    """The environment JupyterLab runs in: ``config`` as its configuration folder, the analyst's
    ``user_config`` kept on the path and for settings and workspaces (unless already set)."""
    path = os.pathsep.join(p for p in (user_config, environ.get("JUPYTER_CONFIG_PATH", "")) if p)
    return {**environ, "JUPYTER_CONFIG_DIR": str(config), "JUPYTER_CONFIG_PATH": path,
            "JUPYTERLAB_SETTINGS_DIR": environ.get("JUPYTERLAB_SETTINGS_DIR")
            or str(Path(user_config) / "lab" / "user-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": environ.get("JUPYTERLAB_WORKSPACES_DIR")
            or str(Path(user_config) / "lab" / "workspaces")}


def main(arguments: list[str]) -> None:
    """Replace this process with JupyterLab (arguments: passed on to ``jupyter lab``)."""
    from jupyter_core.paths import jupyter_config_dir
    from pylopdf_fonts_zh_cn import sans_path

    project = Project.from_environment()
    config = write_config(Path(sys.prefix) / "etc" / "jinjiang-lab", Path(sans_path()))
    environment = lab_environment(config, jupyter_config_dir(), dict(os.environ))
    jupyter = Path(sys.executable).with_name("jupyter")
    command = lab_command(project, jupyter, arguments)
    os.execve(command[0], command, environment)


if __name__ == "__main__":
    main(sys.argv[1:])
