"""The proposal table: an employee proposed for a batch by its OPD, and BKPSDM's decision."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pengembangan.base import PengembanganBase
from pengembangan.katalog.models import Angkatan, DariAngkatan
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

if TYPE_CHECKING:
    from pengembangan.peserta.models import Peserta

STATUS_USULAN = ("diajukan", "disetujui", "ditolak")


class Usulan(DariAngkatan, Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """One employee proposed for one batch, charged to one OPD's budget. An employee has at most
    one pending proposal per batch (a partial unique index)."""

    __tablename__ = "usulan"
    __table_args__ = (
        CheckConstraint("status IN ('diajukan', 'disetujui', 'ditolak')", name="status"),
        CheckConstraint("NOT override_anggaran OR alasan_override IS NOT NULL", name="override_beralasan"),
        CheckConstraint(
            "relevan IS NOT FALSE OR status <> 'disetujui' OR alasan_tidak_relevan IS NOT NULL",
            name="tidak_relevan_beralasan",
        ),
        Index("uq_usulan_pending", "angkatan_id", "nip", unique=True, postgresql_where=text("status = 'diajukan'")),
        Index("ix_usulan_opd_id_status", "opd_id", "status"),
        Index("ix_usulan_nip", "nip"),
    )

    angkatan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("angkatan.id", ondelete="RESTRICT"), index=True)
    nip: Mapped[str] = mapped_column(String(18))
    nama_pegawai: Mapped[str | None] = mapped_column(String(300), doc="The employee's name when proposed")
    opd_id: Mapped[uuid.UUID] = mapped_column(doc="The OPD proposing, whose budget pays")
    status: Mapped[str] = mapped_column(String(12), default="diajukan")
    alasan: Mapped[str | None] = mapped_column(Text, doc="Why the OPD proposes the employee")
    diajukan_oleh: Mapped[str] = mapped_column(String(200), doc="Subject of the token that proposed")
    relevan: Mapped[bool | None] = mapped_column(
        Boolean, doc="The program develops a competency of the job or career target (null until decided)"
    )
    relevansi: Mapped[dict[str, Any] | None] = mapped_column(
        JSONB(none_as_null=True), doc="What the relevance check found"
    )
    alasan_tidak_relevan: Mapped[str | None] = mapped_column(Text, doc="Why BKPSDM approves it though not relevant")
    override_anggaran: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    alasan_override: Mapped[str | None] = mapped_column(Text, doc="Why BKPSDM approves it beyond the allocation")
    alasan_tolak: Mapped[str | None] = mapped_column(Text, doc="Why BKPSDM rejects it")
    diputuskan_oleh: Mapped[str | None] = mapped_column(String(200))
    diputuskan_pada: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    angkatan: Mapped[Angkatan] = relationship(lazy="joined", innerjoin=True)
    peserta: Mapped[Peserta | None] = relationship(back_populates="usulan", lazy="joined")

    @property
    def peserta_id(self) -> uuid.UUID | None:
        return self.peserta.id if self.peserta is not None else None
