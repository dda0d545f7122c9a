"""Tables of SKP: periods, one SKP per employee and period, its work results (rencana hasil
kerja) and behaviour ratings (perilaku kerja), its periodic evaluations, corrections of final
ones, and numeric SKP of before 2022 kept on their own scale."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kinerja.base import KinerjaBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

STATUS = ("draft", "diajukan", "disetujui", "dinilai", "final")
DIEVALUASI = ("disetujui", "dinilai")  # agreed and not yet final: periodic evaluations are recorded
RATING = ("diatas", "sesuai", "dibawah")
EVALUASI = ("bulanan", "triwulanan", "semesteran")
KE_MAX = 12  # the most evaluations a period has (bulanan)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class PeriodeSkp(Audited, UUIDPk, Versioned, Timestamps, KinerjaBase):
    """The annual SKP period of the instansi and how often it evaluates within it."""

    __tablename__ = "periode_skp"
    __table_args__ = (CheckConstraint(_in("evaluasi", EVALUASI), name="evaluasi"),)

    tahun: Mapped[int] = mapped_column(SmallInteger, unique=True)
    evaluasi: Mapped[str] = mapped_column(String(12), doc="Periodic evaluation: bulanan, triwulanan, semesteran")
    terbuka: Mapped[bool] = mapped_column(default=True, doc="New SKPs may be made for it")


class Skp(Audited, UUIDPk, Versioned, Timestamps, KinerjaBase):
    __tablename__ = "skp"
    __table_args__ = (
        UniqueConstraint("nip", "periode_id"),
        CheckConstraint(_in("status", STATUS), name="status"),
        CheckConstraint(f"rating_hasil_kerja IS NULL OR {_in('rating_hasil_kerja', RATING)}", name="rating_hasil"),
        CheckConstraint(
            f"rating_perilaku_kerja IS NULL OR {_in('rating_perilaku_kerja', RATING)}", name="rating_perilaku"
        ),
        Index("ix_skp_penilai_nip", "penilai_nip"),
    )

    nip: Mapped[str] = mapped_column(String(18))
    periode_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("periode_skp.id", ondelete="RESTRICT"), index=True)
    tahun: Mapped[int] = mapped_column(SmallInteger, doc="The period's year, kept for the bulk predikat")
    penilai_nip: Mapped[str] = mapped_column(String(18), doc="The rating supervisor, recorded when made")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    rating_hasil_kerja: Mapped[str | None] = mapped_column(String(10))
    rating_perilaku_kerja: Mapped[str | None] = mapped_column(String(10))
    predikat: Mapped[str | None] = mapped_column(String(20), doc="From the matrix of shared/rules/skp.yaml")
    catatan_penilai: Mapped[str | None] = mapped_column(Text)
    dinilai_pada: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    nama_pegawai: Mapped[str] = mapped_column(String(300))
    unit_nama: Mapped[str | None] = mapped_column(String(300))
    rencana: Mapped[list[RencanaHasilKerja]] = relationship(
        back_populates="skp",
        cascade="all, delete-orphan",
        order_by="RencanaHasilKerja.urutan",
        lazy="selectin",
        foreign_keys="RencanaHasilKerja.skp_id",
    )
    perilaku: Mapped[list[PerilakuKerja]] = relationship(
        cascade="all, delete-orphan", order_by="PerilakuKerja.urutan", lazy="selectin"
    )


class RencanaHasilKerja(Audited, UUIDPk, KinerjaBase):
    """A work result the employee plans, with indicators and targets; at rating time its
    realisation. `mendukung_id` names the supervisor's work result it supports (cascading)."""

    __tablename__ = "rencana_hasil_kerja"

    skp_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("skp.id", ondelete="CASCADE"), index=True)
    urutan: Mapped[int] = mapped_column(SmallInteger)
    uraian: Mapped[str] = mapped_column(Text)
    indikator: Mapped[list[str]] = mapped_column(JSONB, default=list)
    target: Mapped[str] = mapped_column(String(300))
    realisasi: Mapped[str | None] = mapped_column(Text)
    mendukung_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("rencana_hasil_kerja.id", ondelete="SET NULL"), index=True
    )
    skp: Mapped[Skp] = relationship(back_populates="rencana", foreign_keys=[skp_id])


class PerilakuKerja(Audited, KinerjaBase):
    """The supervisor's rating of one BerAKHLAK core value, with a note."""

    __tablename__ = "perilaku_kerja"
    __table_args__ = (CheckConstraint(_in("rating", RATING), name="rating"),)

    skp_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("skp.id", ondelete="CASCADE"), primary_key=True)
    nilai: Mapped[str] = mapped_column(String(30), primary_key=True, doc="BerAKHLAK core value")
    urutan: Mapped[int] = mapped_column(SmallInteger)
    rating: Mapped[str] = mapped_column(String(10))
    catatan: Mapped[str | None] = mapped_column(Text)


class EvaluasiPeriodik(Audited, UUIDPk, Versioned, Timestamps, KinerjaBase):
    """The supervisor's evaluation of one sub-period (`ke`, 1..N as the period's `evaluasi`
    divides the year) of an SKP: feedback on each work result, the ratings, the predikat."""

    __tablename__ = "evaluasi_periodik"
    __table_args__ = (
        UniqueConstraint("skp_id", "ke"),
        CheckConstraint(f"ke BETWEEN 1 AND {KE_MAX}", name="ke"),
        CheckConstraint(_in("rating_hasil_kerja", RATING), name="rating_hasil"),
        CheckConstraint(_in("rating_perilaku_kerja", RATING), name="rating_perilaku"),
    )

    skp_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("skp.id", ondelete="CASCADE"))
    ke: Mapped[int] = mapped_column(SmallInteger, doc="Which sub-period of the year: 1..12, 1..4 or 1..2")
    rating_hasil_kerja: Mapped[str] = mapped_column(String(10))
    rating_perilaku_kerja: Mapped[str] = mapped_column(String(10), doc="Derived from the BerAKHLAK ratings")
    predikat: Mapped[str] = mapped_column(String(20), doc="From the matrix of shared/rules/skp.yaml")
    catatan_penilai: Mapped[str | None] = mapped_column(Text)
    dinilai_oleh: Mapped[str] = mapped_column(String(200), doc="The subject of the token that rated last")
    dinilai_oleh_nip: Mapped[str | None] = mapped_column(String(18), doc="Its NIP, when it has one")
    dinilai_pada: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    hasil_kerja: Mapped[list[EvaluasiHasilKerja]] = relationship(
        cascade="all, delete-orphan", order_by="EvaluasiHasilKerja.urutan", lazy="selectin"
    )
    perilaku: Mapped[list[EvaluasiPerilaku]] = relationship(
        cascade="all, delete-orphan", order_by="EvaluasiPerilaku.urutan", lazy="selectin"
    )


class EvaluasiHasilKerja(Audited, KinerjaBase):
    """The realisation of one work result in a sub-period and the supervisor's feedback on it."""

    __tablename__ = "evaluasi_hasil_kerja"

    evaluasi_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluasi_periodik.id", ondelete="CASCADE"), primary_key=True
    )
    rhk_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("rencana_hasil_kerja.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    urutan: Mapped[int] = mapped_column(SmallInteger, doc="The work result's place in the SKP")
    realisasi: Mapped[str] = mapped_column(Text)
    umpan_balik: Mapped[str | None] = mapped_column(Text)


class EvaluasiPerilaku(Audited, KinerjaBase):
    """The rating of one BerAKHLAK core value in a sub-period, with a note."""

    __tablename__ = "evaluasi_perilaku"
    __table_args__ = (CheckConstraint(_in("rating", RATING), name="rating"),)

    evaluasi_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("evaluasi_periodik.id", ondelete="CASCADE"), primary_key=True
    )
    nilai: Mapped[str] = mapped_column(String(30), primary_key=True, doc="BerAKHLAK core value")
    urutan: Mapped[int] = mapped_column(SmallInteger)
    rating: Mapped[str] = mapped_column(String(10))
    catatan: Mapped[str | None] = mapped_column(Text)


class KoreksiSkp(UUIDPk, KinerjaBase):
    """A logged correction of a final SKP: who, why, and the rating before and after."""

    __tablename__ = "koreksi_skp"

    skp_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("skp.id", ondelete="CASCADE"), index=True)
    alasan: Mapped[str] = mapped_column(Text)
    sebelum: Mapped[dict[str, Any]] = mapped_column(JSONB)
    sesudah: Mapped[dict[str, Any]] = mapped_column(JSONB)
    oleh: Mapped[str] = mapped_column(String(200))
    pada: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SkpLama(Audited, UUIDPk, Timestamps, KinerjaBase):
    """A numeric SKP of before 2022 (PP 46/2011, PP 30/2019), kept on its own scale."""

    __tablename__ = "skp_lama"
    __table_args__ = (UniqueConstraint("nip", "tahun"),)

    nip: Mapped[str] = mapped_column(String(18))
    tahun: Mapped[int] = mapped_column(SmallInteger)
    skala: Mapped[str] = mapped_column(String(20), doc="pp_46_2011 or pp_30_2019 (shared/rules/skp.yaml)")
    nilai: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    predikat: Mapped[str] = mapped_column(String(30), doc="The scale's own predikat, e.g. Baik")
