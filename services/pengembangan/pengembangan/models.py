"""All tables of the pengembangan service."""

from shared.audit import AuditLog
from shared.db import Base
from shared.idempotency import IdempotencyRecord

__all__ = ["AuditLog", "Base", "IdempotencyRecord"]
