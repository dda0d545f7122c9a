"""All tables of the pengembangan database: its own (declared on PengembanganBase) plus the shared ones."""

from pengembangan.base import PengembanganBase
from pengembangan.jp.models import JpEntri
from pengembangan.katalog.models import Angkatan, Program, ProgramKompetensi
from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

target_metadata = [Base.metadata, PengembanganBase.metadata]

__all__ = ["Angkatan", "AuditLog", "IdempotencyRecord", "JpEntri", "Program", "ProgramKompetensi", "target_metadata"]
