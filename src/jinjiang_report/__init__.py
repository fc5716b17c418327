"""The Jinjiang report: a verified facts ledger, theme notebooks run by papermill, a two-edition book.

The subpackages follow the flow of a build:

- ``facts``: the source texts and the ledger that quotes them, verified (what are the facts?).
- ``runs``: the theme notebooks executed with their parameters, cached (how is a notebook run?).
- ``chapters``: what a notebook calls inside its kernel (how does a chapter show its facts?).
- ``publish``: the executed notebooks made into the book and published (how is the book built?).
- ``cli``: what the user types.
"""
