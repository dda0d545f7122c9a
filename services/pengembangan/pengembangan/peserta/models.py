"""The enrollment table: a participant of a batch, what it costs its OPD's budget, and the outcome."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pengembangan.base import PengembanganBase
from pengembangan.katalog.models import Angkatan, DariAngkatan
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

if TYPE_CHECKING:
    from pengembangan.usulan.models import Usulan

STATUS_PESERTA = ("terdaftar", "hadir", "lulus", "tidak_lulus", "batal")
# Statuses whose cost is spent (realised): the participant went through to the end.
SELESAI = ("lulus", "tidak_lulus")


class Peserta(DariAngkatan, Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """One participant of one batch, made by an approved proposal. `biaya` is what the approval
    committed (the program's cost and travel per participant then) and `tahun_anggaran` the
    budget year it is charged to (the year the batch starts; the catalogue refuses moving a batch
    with participants into another year). A cancelled one holds no seat and commits nothing."""

    __tablename__ = "peserta"
    __table_args__ = (
        CheckConstraint("status IN ('terdaftar', 'hadir', 'lulus', 'tidak_lulus', 'batal')", name="status"),
        CheckConstraint("biaya >= 0", name="biaya_not_negative"),
        CheckConstraint("hasil IS NULL OR status = 'lulus'", name="hasil_only_lulus"),
        Index("uq_peserta_active", "angkatan_id", "nip", unique=True, postgresql_where=text("status <> 'batal'")),
        Index("ix_peserta_opd_id_tahun_anggaran", "opd_id", "tahun_anggaran"),
        Index("ix_peserta_nip", "nip"),
    )

    usulan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("usulan.id", ondelete="RESTRICT"), unique=True)
    angkatan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("angkatan.id", ondelete="RESTRICT"), index=True)
    nip: Mapped[str] = mapped_column(String(18))
    nama_pegawai: Mapped[str | None] = mapped_column(String(300))
    opd_id: Mapped[uuid.UUID] = mapped_column(doc="The OPD whose budget pays")
    tahun_anggaran: Mapped[int] = mapped_column(Integer, doc="The budget year charged")
    biaya: Mapped[int] = mapped_column(BigInteger, doc="Rupiah committed: cost and travel per participant")
    status: Mapped[str] = mapped_column(String(12), default="terdaftar")
    hasil: Mapped[list[dict[str, Any]] | None] = mapped_column(
        JSONB(none_as_null=True), doc="Competency test results of a pass: [{kode_kompetensi, level}]"
    )
    alasan_batal: Mapped[str | None] = mapped_column(Text)
    angkatan: Mapped[Angkatan] = relationship(lazy="joined", innerjoin=True)
    usulan: Mapped[Usulan] = relationship(back_populates="peserta", lazy="raise")

    @property
    def jp(self) -> int:
        return self.angkatan.program.jp

    @property
    def tanggal_selesai(self) -> date:
        return self.angkatan.tanggal_selesai
