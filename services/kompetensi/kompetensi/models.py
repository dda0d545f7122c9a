"""All tables of the kompetensi database: its own (declared on KompetensiBase) plus the shared ones."""

from kompetensi.asesmen.models import Asesmen, ProfilKompetensi
from kompetensi.base import KompetensiBase
from kompetensi.kamus.models import Kompetensi, LevelKompetensi
from kompetensi.standar.models import StandarJabatan, StandarKompetensi
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

target_metadata = [Base.metadata, KompetensiBase.metadata]

__all__ = [
    "Asesmen",
    "AuditLog",
    "IdempotencyRecord",
    "Kompetensi",
    "LevelKompetensi",
    "ProfilKompetensi",
    "StandarJabatan",
    "StandarKompetensi",
    "target_metadata",
]
