"""The house rules for notebooks and book pages, checked before any kernel starts (``jinjiang-report lint``).

``documents`` reads notebooks and pages into passages of prose; ``prose`` finds what in a
passage is prose and what is markup; one module per rule (``typed_numbers``, ``stored``, ``code_shown``,
``keys``, ``pairing``, ``claim_words``, ``registry``, ``titles``); ``lint`` runs them all; ``findings``
is how a problem is written: ``notebooks/NAME.ipynb: cell N (id ID), line L: message``.
"""
