"""All tables of the kompetensi database: its own (declared on KompetensiBase) plus the shared ones."""

from kompetensi.base import KompetensiBase
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

target_metadata = [Base.metadata, KompetensiBase.metadata]

__all__ = ["AuditLog", "IdempotencyRecord", "target_metadata"]
