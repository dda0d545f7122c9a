"""All tables of the kinerja database: its own (declared on KinerjaBase) plus the shared ones."""

from kinerja.aktivitas.models import AktivitasHarian
from kinerja.base import KinerjaBase
from kinerja.hukdis.models import HukumanDisiplin
from kinerja.penghargaan.models import Penghargaan
from kinerja.skp.models import (
    EvaluasiHasilKerja,
    EvaluasiPerilaku,
    EvaluasiPeriodik,
    KoreksiSkp,
    PerilakuKerja,
    PeriodeSkp,
    RencanaHasilKerja,
    Skp,
    SkpLama,
)
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

target_metadata = [Base.metadata, KinerjaBase.metadata]

__all__ = [
    "AktivitasHarian",
    "AuditLog",
    "EvaluasiHasilKerja",
    "EvaluasiPerilaku",
    "EvaluasiPeriodik",
    "HukumanDisiplin",
    "IdempotencyRecord",
    "KoreksiSkp",
    "Penghargaan",
    "PerilakuKerja",
    "PeriodeSkp",
    "RencanaHasilKerja",
    "Skp",
    "SkpLama",
    "target_metadata",
]
