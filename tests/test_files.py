"""files.load_yaml: libyaml's speed when present, PyYAML's own wording when a file does not parse."""

import pytest
import yaml

from jinjiang_report.files import load_yaml


def test_a_yaml_error_reads_the_same_with_or_without_libyaml():
    broken = "source:\n  language: [zh-Hans\n  title: page\n"
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.load(broken, Loader=yaml.SafeLoader)  # noqa: S506
    with pytest.raises(yaml.YAMLError) as ours:
        load_yaml(broken)
    assert str(ours.value) == str(pure.value)
    assert "but got ':'" in str(ours.value)


def test_valid_yaml_parses_as_pyyaml_parses_it():
    text = "a: [1, 2.5, '三']\nb: {c: null, d: 2025-10-01}\n"
    assert load_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506
