"""How the queue names a prediction's state: open, due, overdue or resolved."""

from __future__ import annotations

from datetime import date
from typing import Literal

# 30 days: a month past its due date, a prediction nobody resolved has slipped through
# the queue (the evidence for most is in the news within days of the date).
OVERDUE_DAYS = 30

Shown = Literal["open", "due", "overdue", "resolved"]


def shown(status: str, due: date | None, today: date) -> tuple[Shown, int | None]:
    """The queue's name for a ledger status, and the days overdue when it is overdue.

    The ledger's ``due`` (unresolved, its date passed) becomes ``overdue`` once the date
    is more than ``OVERDUE_DAYS`` days ago.
    """
    if status == "resolved":
        return "resolved", None
    if status == "due" and due is not None:
        late = (today - due).days
        return ("overdue", late) if late > OVERDUE_DAYS else ("due", None)
    return "open", None
