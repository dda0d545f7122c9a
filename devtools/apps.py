"""The five apps: import name, default port, and whether each has a database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class App:
    name: str
    port: int
    has_db: bool = True

    @property
    def command(self) -> list[str]:
        """The start command; each container image runs the same one (see deploy/)."""
        return ["python", "-m", self.name]


APPS = (
    App("pegawai", 8001),
    App("kompetensi", 8002),
    App("kinerja", 8003),
    App("pengembangan", 8004),
    App("gateway", 8000, has_db=False),
)
SERVICES = tuple(a for a in APPS if a.has_db)
