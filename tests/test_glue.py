"""Our glue (chapters/glue.py) writes exactly what myst-nb's glue writes, without importing myst-nb in the kernel."""

import json

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from jinjiang_report.chapters.chapter import Prose
from jinjiang_report.chapters.glue import glue


@pytest.fixture(scope="module")
def shell():
    return InteractiveShell.instance()


def outputs(shell, function, *args):
    with capture_output() as captured:
        function(*args)
    return [json.dumps({"data": o.data, "metadata": o.metadata}, sort_keys=True, ensure_ascii=False).encode()
            for o in captured.outputs]


@pytest.mark.parametrize("value", [Prose("more than 774 firms", '<a href="source.html#q">more than 774 firms</a>'),
                                   Prose("超774家"), 3, "plain text"])
def test_glue_output_is_byte_for_byte_myst_nbs(shell, value):
    from myst_nb import glue as myst_glue

    ours = outputs(shell, glue, "key", value)
    theirs = outputs(shell, lambda k, v: myst_glue(k, v, display=False), "key", value)
    assert ours == theirs and len(ours) == 1
