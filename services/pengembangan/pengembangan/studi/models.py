"""The table of further study (tugas belajar and izin belajar)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from pengembangan.base import PengembanganBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

JENJANG = ("D3", "D4", "S1", "S2", "S3")
STATUS = ("berjalan", "lulus", "tidak_lulus", "dibatalkan")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class StudiLanjut(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """One study of one employee: a tugas belajar (the Pemda releases and funds it) or an izin
    belajar (the employee studies beside the job). One running study per employee at a time. The
    name and unit are kept as they were when it was recorded."""

    __tablename__ = "studi_lanjut"
    __table_args__ = (
        CheckConstraint(_in("jenjang", JENJANG), name="jenjang"),
        CheckConstraint(_in("status", STATUS), name="status"),
        CheckConstraint("tanggal_selesai >= tanggal_mulai", name="tanggal"),
        Index("uq_studi_lanjut_berjalan", "nip", unique=True, postgresql_where=text("status = 'berjalan'")),
    )

    nip: Mapped[str] = mapped_column(String(18), index=True)
    jenis: Mapped[str] = mapped_column(String(20), doc="tugas_belajar or izin_belajar (shared/rules/pengembangan.yaml)")
    jenjang: Mapped[str] = mapped_column(String(2))
    institusi: Mapped[str] = mapped_column(String(200))
    jurusan: Mapped[str] = mapped_column(String(200))
    nomor_sk: Mapped[str] = mapped_column(String(100), doc="The decree granting it")
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date, doc="Planned end")
    status: Mapped[str] = mapped_column(String(12), default="berjalan")
    tanggal_akhir: Mapped[date | None] = mapped_column(Date, doc="When it ended: graduation, failure or withdrawal")
    nomor_ijazah: Mapped[str | None] = mapped_column(String(100))
    keterangan: Mapped[str | None] = mapped_column(Text)
    nama_pegawai: Mapped[str] = mapped_column(String(300))
    unit_nama: Mapped[str | None] = mapped_column(String(300))
