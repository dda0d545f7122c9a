"""The self-service request table: an employee asks to join a batch; its OPD admin decides."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ARRAY, CheckConstraint, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pengembangan.base import PengembanganBase
from pengembangan.katalog.models import Angkatan, DariAngkatan
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

STATUS_PERMINTAAN = ("diajukan", "diteruskan", "ditolak")


class Permintaan(DariAngkatan, Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """An employee's request to join a batch: pending (diajukan) until an admin reaching it turns
    it into a proposal (diteruskan, naming it) or declines it with a reason (ditolak)."""

    __tablename__ = "permintaan"
    __table_args__ = (
        CheckConstraint("status IN ('diajukan', 'diteruskan', 'ditolak')", name="status"),
        CheckConstraint("status <> 'ditolak' OR alasan_tolak IS NOT NULL", name="tolak_beralasan"),
        Index("uq_permintaan_pending", "angkatan_id", "nip", unique=True, postgresql_where=text("status = 'diajukan'")),
        Index("ix_permintaan_nip", "nip"),
    )

    angkatan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("angkatan.id", ondelete="RESTRICT"), index=True)
    nip: Mapped[str] = mapped_column(String(18))
    nama_pegawai: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(12), default="diajukan")
    alasan: Mapped[str | None] = mapped_column(Text, doc="Why the employee asks")
    kompetensi_sesuai: Mapped[list[str]] = mapped_column(
        ARRAY(String(30)), doc="The program's competencies the job's standard requires, when asked"
    )
    mengisi_gap: Mapped[list[str]] = mapped_column(
        ARRAY(String(30)), doc="Of those, the ones the employee falls short in, when asked"
    )
    usulan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usulan.id", ondelete="RESTRICT"))
    alasan_tolak: Mapped[str | None] = mapped_column(Text)
    diputuskan_oleh: Mapped[str | None] = mapped_column(String(200))
    diputuskan_pada: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    angkatan: Mapped[Angkatan] = relationship(lazy="joined", innerjoin=True)
