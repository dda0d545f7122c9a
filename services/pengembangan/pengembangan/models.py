"""All tables of the pengembangan database: only the shared ones (audit log, idempotency) so far."""

from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

target_metadata = [Base.metadata]

__all__ = ["AuditLog", "IdempotencyRecord", "target_metadata"]
