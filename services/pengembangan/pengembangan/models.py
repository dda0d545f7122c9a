"""All tables of the pengembangan database: its own (declared on PengembanganBase) plus the shared ones."""

from pengembangan.anggaran.models import Anggaran
from pengembangan.base import PengembanganBase
from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from pengembangan.permintaan.models import Permintaan
from pengembangan.peserta.models import Peserta
from pengembangan.usulan.models import Usulan
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

target_metadata = [Base.metadata, PengembanganBase.metadata]

__all__ = [
    "Anggaran",
    "Angkatan",
    "AuditLog",
    "IdempotencyRecord",
    "Permintaan",
    "Peserta",
    "Program",
    "ProgramKompetensi",
    "Usulan",
    "target_metadata",
]
