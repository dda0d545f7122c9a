"""All tables of the pengembangan database: its own (declared on PengembanganBase) plus the shared ones."""

from pengembangan.anggaran.models import Anggaran
from pengembangan.base import PengembanganBase
from pengembangan.dampak.models import EvaluasiDampak
from pengembangan.jp.models import JpEntri
from pengembangan.kader.models import AnggotaKader, KohortKader
from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from pengembangan.permintaan.models import Permintaan
from pengembangan.peserta.models import Peserta
from pengembangan.studi.models import StudiLanjut
from pengembangan.usulan.models import Usulan
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord
from shared.outbox import OutboxMessage, outbox_metadata

target_metadata = [Base.metadata, PengembanganBase.metadata, outbox_metadata]

__all__ = [
    "Anggaran",
    "AnggotaKader",
    "Angkatan",
    "AuditLog",
    "EvaluasiDampak",
    "IdempotencyRecord",
    "JpEntri",
    "KohortKader",
    "OutboxMessage",
    "Permintaan",
    "Peserta",
    "Program",
    "ProgramKompetensi",
    "StudiLanjut",
    "Usulan",
    "target_metadata",
]
