"""The source texts and the facts ledger that quotes them, read and verified."""
