"""Employees (pegawai) and their position, grade and education history."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ARRAY, Date, ForeignKey, Index, SmallInteger, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from pegawai.base import PegawaiBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned
from shared.rules import load_golongan, load_pendidikan


class Pegawai(Audited, UUIDPk, Versioned, Timestamps, PegawaiBase):
    __tablename__ = "pegawai"
    __table_args__ = (
        Index("ix_pegawai_nama_trgm", "nama", postgresql_using="gin", postgresql_ops={"nama": "gin_trgm_ops"}),
        # No trigram index on nip: PostgreSQL may answer `nip = ANY(...)` through it (pg_trgm
        # indexes support equality) and a 1,000-NIP lookup then took 13 s instead of 10 ms. The
        # NIP search (prefix or similarity over one table) is a sequential scan either way.
    )

    nip: Mapped[str] = mapped_column(String(18), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    gelar_depan: Mapped[str | None] = mapped_column(String(50))
    gelar_belakang: Mapped[str | None] = mapped_column(String(100))
    tempat_lahir: Mapped[str | None] = mapped_column(String(100))
    tanggal_lahir: Mapped[date] = mapped_column(Date)
    jenis_kelamin: Mapped[str] = mapped_column(String(1))
    status_kepegawaian: Mapped[str] = mapped_column(String(10), index=True)
    kedudukan: Mapped[str] = mapped_column(String(30), index=True)
    golongan: Mapped[str | None] = mapped_column(String(10))
    golongan_rank: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    tmt_golongan: Mapped[date | None] = mapped_column(Date)
    pendidikan_tingkat: Mapped[str | None] = mapped_column(String(10))
    pendidikan_rank: Mapped[int | None] = mapped_column(SmallInteger, index=True)
    pendidikan_jurusan: Mapped[str | None] = mapped_column(String(200))
    jabatan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("jabatan.id", ondelete="RESTRICT"), index=True)
    tmt_jabatan: Mapped[date | None] = mapped_column(Date)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("unit_organisasi.id", ondelete="RESTRICT"), index=True)
    bup_khusus: Mapped[str | None] = mapped_column(String(20))
    bup_override: Mapped[int | None] = mapped_column(SmallInteger)
    minat_rumpun: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    minat_jabatan_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid), default=list)
    email: Mapped[str | None] = mapped_column(String(200))
    telepon: Mapped[str | None] = mapped_column(String(30))
    alamat: Mapped[str | None] = mapped_column(Text)
    # A supervisor set by an admin, overriding the one derived from the position's chain.
    atasan_nip: Mapped[str | None] = mapped_column(
        String(18), ForeignKey("pegawai.nip", ondelete="SET NULL"), index=True
    )


class RiwayatJabatan(Audited, UUIDPk, Timestamps, PegawaiBase):
    __tablename__ = "riwayat_jabatan"

    pegawai_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"), index=True)
    jabatan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("jabatan.id", ondelete="SET NULL"))
    nama_jabatan: Mapped[str] = mapped_column(String(300))
    nama_unit: Mapped[str | None] = mapped_column(String(300))
    tmt_mulai: Mapped[date] = mapped_column(Date)
    tmt_selesai: Mapped[date | None] = mapped_column(Date)
    nomor_sk: Mapped[str | None] = mapped_column(String(100))
    keterangan: Mapped[str | None] = mapped_column(Text)


class RiwayatGolongan(Audited, UUIDPk, Timestamps, PegawaiBase):
    __tablename__ = "riwayat_golongan"

    pegawai_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"), index=True)
    golongan: Mapped[str] = mapped_column(String(10))
    tmt: Mapped[date] = mapped_column(Date)
    nomor_sk: Mapped[str | None] = mapped_column(String(100))
    jenis_kenaikan: Mapped[str | None] = mapped_column(String(50))


class RiwayatPendidikan(Audited, UUIDPk, Timestamps, PegawaiBase):
    __tablename__ = "riwayat_pendidikan"

    pegawai_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pegawai.id", ondelete="CASCADE"), index=True)
    tingkat: Mapped[str] = mapped_column(String(10))
    jurusan: Mapped[str | None] = mapped_column(String(200))
    institusi: Mapped[str | None] = mapped_column(String(200))
    tahun_lulus: Mapped[int | None] = mapped_column(SmallInteger)


def ranks(golongan: str | None, pendidikan: str | None) -> dict[str, int | None]:
    """The rank columns stored beside golongan and pendidikan, so that range filters and sorting
    are plain comparisons (every writer of these columns goes through here)."""
    return {
        "golongan_rank": load_golongan().rank(golongan),
        "pendidikan_rank": load_pendidikan().comparison_rank(pendidikan),
    }
