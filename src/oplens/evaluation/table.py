"""A small result table, printed as aligned text or kept as numbers for the quality gates."""

from __future__ import annotations

from dataclasses import dataclass, field


class DataMissingError(Exception):
    """The evaluation data for a stage is not in the data folder."""


@dataclass(frozen=True)
class Table:
    """Rows of scores under a title; cells are numbers (shown to 3 places) or text."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | float | int | None, ...], ...]
    notes: tuple[str, ...] = field(default=())

    def cell(self, row: str, column: str) -> float:
        """Return the number in the row whose first cell is ``row``, under ``column``."""
        index = self.columns.index(column)
        for values in self.rows:
            if values[0] == row:
                value = values[index]
                if isinstance(value, int | float):
                    return float(value)
                raise KeyError(f"{row}/{column} is not a number: {value!r}")
        raise KeyError(row)

    def render(self) -> str:
        """Return the table as aligned plain text with its title and notes."""
        shown = [tuple(_show(value) for value in row) for row in self.rows]
        widths = [
            max(len(column), *(len(row[i]) for row in shown)) if shown else len(column)
            for i, column in enumerate(self.columns)
        ]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
            )

        out = [self.title, line(self.columns), line(tuple("-" * w for w in widths))]
        out.extend(line(row) for row in shown)
        out.extend(f"  {note}" for note in self.notes)
        return "\n".join(out)


def _show(value: str | float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
