"""The table of disciplinary sanctions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kinerja.base import KinerjaBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned
from shared.rules import load_hukdis


class HukumanDisiplin(Audited, UUIDPk, Versioned, Timestamps, KinerjaBase):
    """One sanction of one employee under PP 94/2021. `tanggal_selesai` follows from the kind's
    duration (shared/rules/hukdis.yaml): the last day it runs; null for a sanction that ends the
    employment. A light sanction (teguran) runs on its TMT day only."""

    __tablename__ = "hukuman_disiplin"
    __table_args__ = (
        CheckConstraint("tingkat IN ('ringan', 'sedang', 'berat')", name="tingkat"),
        CheckConstraint("tanggal_selesai IS NULL OR tanggal_selesai >= tmt", name="period"),
        Index("ix_hukuman_disiplin_nip_tmt", "nip", "tmt"),
    )

    nip: Mapped[str] = mapped_column(String(18))
    tingkat: Mapped[str] = mapped_column(String(10))
    jenis: Mapped[str] = mapped_column(String(10), doc="Kind code, e.g. S2 (shared/rules/hukdis.yaml)")
    nomor_sk: Mapped[str] = mapped_column(String(100))
    tanggal_sk: Mapped[date] = mapped_column(Date)
    tmt: Mapped[date] = mapped_column(Date, doc="The day it takes effect (terhitung mulai tanggal)")
    tanggal_selesai: Mapped[date | None] = mapped_column(Date)
    alasan: Mapped[str | None] = mapped_column(Text, doc="The breach of discipline it sanctions")
    diumumkan_internal: Mapped[bool] = mapped_column(
        Boolean, default=False, doc="Announced to the signed-in employees of the instansi (never public)"
    )
    nama_pegawai: Mapped[str] = mapped_column(String(300))
    unit_nama: Mapped[str | None] = mapped_column(String(300))

    @property
    def jenis_nama(self) -> str:
        kind = load_hukdis().kinds.get(self.jenis)
        return kind.nama if kind else self.jenis
