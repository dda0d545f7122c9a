"""Tables of assessments (history, never updated) and the current-profile projection."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Identity, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, Unmapped, mapped_column, unmapped_column

from kompetensi.base import KompetensiBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk

METODE = ("assessment_center", "uji_kompetensi", "penilaian_atasan", "hasil_pelatihan", "portofolio")


class Asesmen(Audited, UUIDPk, Timestamps, KompetensiBase):
    """One measured level: history, never updated. A correction is a new row naming the old one."""

    __tablename__ = "asesmen"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        CheckConstraint(f"metode IN ({', '.join(repr(m) for m in METODE)})", name="metode"),
        Index("ix_asesmen_nip_kompetensi_tanggal", "nip", "kompetensi_id", "tanggal"),
    )

    nip: Mapped[str] = mapped_column(String(18))
    kompetensi_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kompetensi.id", ondelete="RESTRICT"), index=True)
    level: Mapped[int] = mapped_column(SmallInteger)
    tanggal: Mapped[date] = mapped_column(Date)
    metode: Mapped[str] = mapped_column(String(30))
    asesor: Mapped[str | None] = mapped_column(String(200))
    bukti: Mapped[str | None] = mapped_column(String(500), doc="Evidence reference: report number, certificate, URL")
    koreksi_dari: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("asesmen.id", ondelete="RESTRICT"), unique=True)
    keterangan: Mapped[str | None] = mapped_column(Text)
    sumber: Mapped[str | None] = mapped_column(String(200), doc="Originating system for ingested results")
    dicatat_oleh: Mapped[str] = mapped_column(String(200))
    # Entry order, to break ties between records of the same date written in one transaction
    # (they share created_at): the later row wins. Storage mechanics, so not mapped or audited.
    seq: Unmapped[int] = unmapped_column(BigInteger, Identity(), nullable=False)


class ProfilKompetensi(KompetensiBase):
    """The current level per (NIP, competency): a projection of the assessment history, kept in
    the same transaction as every write to it, so that matching 10,000 people is a plain join
    instead of re-deriving the latest valid record from the whole history each time."""

    __tablename__ = "profil_kompetensi"

    nip: Mapped[str] = mapped_column(String(18), primary_key=True)
    kompetensi_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kompetensi.id", ondelete="RESTRICT"), primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger)
    tanggal: Mapped[date] = mapped_column(Date)
    metode: Mapped[str] = mapped_column(String(30))
    asesmen_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("asesmen.id", ondelete="RESTRICT"))
