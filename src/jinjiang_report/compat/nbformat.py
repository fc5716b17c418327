"""nbformat, where the project relies on its internals: the notebook format's validator, compiled once.

nbformat validates every notebook it reads or writes with fastjsonschema, which turns the format's
JSON schema into Python source and compiles it the first time a process validates: about 0.03 s
of CPU in the build process, as the first notebook runs, which every run waits for.
``use_kept_validator`` gives nbformat that validator from the compiled code kept in a folder under
a digest of the schema and of the versions of fastjsonschema, nbformat and Python, compiling and
keeping it the first time (``fastjsonschema.compile_to_code``, the documented way to keep a
validator). The code validates exactly as ``fastjsonschema.compile`` of the same schema does.

Relied on (pinned by ``tests/test_compat.py``): nbformat keeps its validators in
``nbformat.validator.validators`` under ``(name, version, minor, relax_add_props)``, reads the
schema with ``_get_schema_json``, and its ``FastJsonSchemaValidator`` validates with the function
it holds as ``_validator``; the code ``compile_to_code`` writes defines that function as ``validate``.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
from pathlib import Path
from typing import Any

import fastjsonschema
import nbformat
from nbformat import validator as validators
from nbformat.json_compat import FastJsonSchemaValidator, JsonSchemaValidator, get_current_validator

from ..files import write_atomically

VALIDATORS = "validators"  # the build folder's folder where they are kept


class KeptFastJsonSchemaValidator(FastJsonSchemaValidator):
    """nbformat's fastjsonschema validator, given its validating function rather than compiling it."""

    def __init__(self, schema: dict, validate: Any) -> None:
        JsonSchemaValidator.__init__(self, schema)
        self._validator = validate


def use_kept_validator(cache: Path) -> bool:
    """Give nbformat its fastjsonschema validator of the current notebook format from ``cache``
    (compiled and kept there if need be); False (nothing done) if nbformat validates with another
    library or has that validator already."""
    if get_current_validator() is not FastJsonSchemaValidator:  # NBFORMAT_VALIDATOR chose another
        return False
    version, minor = nbformat.current_nbformat, nbformat.current_nbformat_minor
    key = (FastJsonSchemaValidator.name, version, minor, False)
    if key in validators.validators:
        return False
    schema = validators._get_schema_json(validators.import_item(f"nbformat.v{version}"), version=version,
                                         version_minor=minor)
    digest = hashlib.sha256(json.dumps([schema, fastjsonschema.VERSION, nbformat.__version__, sys.version,
                                        marshal.version], sort_keys=True).encode()).hexdigest()
    kept = cache / f"nbformat-v{version}.{minor}-{digest[:16]}.marshal"
    code = _read_kept(kept)
    if code is None:
        code = compile(fastjsonschema.compile_to_code(schema), f"<nbformat v{version}.{minor} validator>", "exec")
        payload = marshal.dumps(code)
        try:
            write_atomically(kept, hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        except OSError:  # not kept: compiled again next time
            pass
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 - compiled from fastjsonschema's code for nbformat's own schema
    validators.validators[key] = KeptFastJsonSchemaValidator(schema, namespace["validate"])
    return True


def _read_kept(kept: Path) -> Any:
    """The code kept in ``kept``, or None if there is none or it is not as it was written (its
    first line is the digest of the rest)."""
    try:
        digest, _, payload = kept.read_bytes().partition(b"\n")
        if digest.decode() != hashlib.sha256(payload).hexdigest():
            return None
        return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None
