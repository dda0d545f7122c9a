"""All tables of the pengembangan database: only the shared ones (audit log, idempotency, outbox) so far."""

from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord
from shared.outbox import OutboxMessage, outbox_metadata

target_metadata = [Base.metadata, outbox_metadata]

__all__ = ["AuditLog", "IdempotencyRecord", "OutboxMessage", "target_metadata"]
