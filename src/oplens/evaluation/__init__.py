"""Evaluation of each stage on the public data in ``../shared/data`` (``make eval``).

Each module scores one stage and returns ``Table`` objects; ``python -m oplens.evaluation``
prints them all. The quality-gate tests call the same functions and pin floors just under
today's scores, so a regression fails CI. The data is never shipped: every evaluator takes
the data folder as an argument and raises ``DataMissingError`` when its part is absent.
"""

from oplens.evaluation.table import DataMissingError, Table

__all__ = ["DataMissingError", "Table"]
