"""What a caller reaches in this service's tables, resolved once per request.

Each domain's queries turn a `Reached` into a readable statement (`readable(...)`), so that no
route can forget the caller's scope.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from shared.access import Scope


@dataclass(frozen=True)
class Reached:
    """What a caller reaches: employees and positions of `units` (None: every unit), its own
    record (`nip`), position and unit, and when reading, the records of its direct `reports`."""

    units: frozenset[uuid.UUID] | None
    nip: str | None
    reports: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return self.units is None

    def has_unit(self, unit_id: uuid.UUID | None) -> bool:
        """Whether employees and positions of this unit are within reach (writes check this)."""
        return self.units is None or (unit_id is not None and unit_id in self.units)


async def reached(scope: Scope, *, reading: bool = False) -> Reached:
    """What the caller writes, or with `reading` what it reads: an atasan reads its direct
    reports' records too (not their positions or units), and writes none of them."""
    units = await scope.units()
    reports = await scope.direct_reports() if reading and units is not None else frozenset()
    return Reached(units, scope.self_nip, reports)
