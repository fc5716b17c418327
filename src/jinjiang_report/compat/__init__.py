"""Every use of a library's private internals, one module per library, each pinned by a fast test
(``tests/test_compat.py``) so that an upgrade that breaks one fails with the module's name."""
