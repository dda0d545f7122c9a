"""The request's deadline for calls to other services: set where a request enters, spent by ServiceClient.

A caller tells its callee how much of its budget is left (`X-Request-Budget-Ms`, relative, so
clocks need not agree); the callee takes the smaller of that and its own budget. Each hop keeps a
margin back, so the innermost service that runs out answers first and names the one it waited on.
"""

from __future__ import annotations

import time
from contextvars import ContextVar, Token

BUDGET_HEADER = "x-request-budget-ms"

deadline_var: ContextVar[float | None] = ContextVar("deadline", default=None)


def start(budget: float, header: bytes | None = None) -> Token[float | None]:
    """Open the request's deadline: `budget` seconds, or less if the caller has less left."""
    seconds = budget
    if header:
        try:
            seconds = min(seconds, max(0, int(header)) / 1000)
        except ValueError:
            pass  # a malformed header is ignored rather than failing the request
    return deadline_var.set(time.monotonic() + seconds)


def remaining() -> float | None:
    """Seconds left of the current request's budget, None outside a request."""
    deadline = deadline_var.get()
    return None if deadline is None else deadline - time.monotonic()
