"""Tables of the cadre school: its cohorts (angkatan sekolah kader) and their members."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pengembangan.base import PengembanganBase
from pengembangan.katalog.models import Program
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

STATUS = ("seleksi", "berjalan", "selesai", "dibatalkan")
HASIL = ("peserta", "lulus", "tidak_lulus", "mengundurkan_diri")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class KohortKader(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """One cohort of the cadre school: BKPSDM selects employees into it, it runs (optionally) a
    program of the catalogue on the `kader` path, and each member ends with an outcome. Its `kode`
    never changes once made (the API has no way to, and a trigger of migration 0005 refuses any
    UPDATE of it)."""

    __tablename__ = "kohort_kader"
    __table_args__ = (
        CheckConstraint(_in("status", STATUS), name="status"),
        CheckConstraint("tanggal_selesai >= tanggal_mulai", name="tanggal"),
        CheckConstraint("tahun BETWEEN 2000 AND 2100", name="tahun"),
        Index("ix_kohort_kader_tahun", "tahun"),
    )

    kode: Mapped[str] = mapped_column(String(30), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    tahun: Mapped[int] = mapped_column(SmallInteger, doc="The cohort's year (angkatan tahun ...)")
    program_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("program.id", ondelete="RESTRICT"), index=True, doc="The catalogue program it runs (kader path)"
    )
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), doc="seleksi, berjalan, selesai or dibatalkan")
    keterangan: Mapped[str | None] = mapped_column(Text)
    program: Mapped[Program | None] = relationship(lazy="joined")

    @property
    def program_kode(self) -> str | None:
        return self.program.kode if self.program else None

    @property
    def program_nama(self) -> str | None:
        return self.program.nama if self.program else None


class AnggotaKader(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """One employee selected into a cohort, and how it ended for them. The name and unit are kept
    as they were when the employee was added."""

    __tablename__ = "anggota_kader"
    __table_args__ = (
        UniqueConstraint("kohort_id", "nip"),
        CheckConstraint(_in("hasil", HASIL), name="hasil"),
        Index("ix_anggota_kader_nip", "nip"),
    )

    kohort_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kohort_kader.id", ondelete="RESTRICT"))
    nip: Mapped[str] = mapped_column(String(18))
    hasil: Mapped[str] = mapped_column(
        String(20), default="peserta", doc="peserta (while it runs), lulus, tidak_lulus or mengundurkan_diri"
    )
    keterangan: Mapped[str | None] = mapped_column(Text)
    nama_pegawai: Mapped[str] = mapped_column(String(300))
    unit_nama: Mapped[str | None] = mapped_column(String(300))
