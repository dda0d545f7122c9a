"""Tables of the catalogue: programs, the competencies each develops, and their batches."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pengembangan.base import PengembanganBase
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned
from shared.rules import load_pengembangan

PENYELENGGARA = ("lan", "bkpsdm", "kementerian", "asosiasi_profesi")
STATUS_ANGKATAN = ("direncanakan", "dibuka", "berjalan", "selesai", "dibatalkan")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Program(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """A development program of the catalogue. Its `kode` never changes once made (the API has
    no way to, and a trigger of migration 0002 refuses any UPDATE of it)."""

    __tablename__ = "program"
    __table_args__ = (
        CheckConstraint(_in("penyelenggara", PENYELENGGARA), name="penyelenggara"),
        CheckConstraint("jp > 0", name="jp_positive"),
        CheckConstraint("biaya_per_peserta >= 0 AND biaya_perjalanan_per_peserta >= 0", name="biaya_not_negative"),
        CheckConstraint("luar_kota OR biaya_perjalanan_per_peserta = 0", name="perjalanan_luar_kota"),
    )

    kode: Mapped[str] = mapped_column(String(30), unique=True)
    nama: Mapped[str] = mapped_column(String(200))
    jenis: Mapped[str] = mapped_column(String(40), index=True, doc="Kind (shared/rules/pengembangan.yaml)")
    jp: Mapped[int] = mapped_column(Integer, doc="Hours of development (jam pelajaran) a participant earns")
    penyelenggara: Mapped[str] = mapped_column(String(20), doc="Who holds it: lan, bkpsdm, kementerian, ...")
    penyelenggara_nama: Mapped[str | None] = mapped_column(String(200))
    biaya_per_peserta: Mapped[int] = mapped_column(BigInteger, doc="Rupiah per participant (fee, lodging)")
    luar_kota: Mapped[bool] = mapped_column(Boolean, doc="Held out of town: participants travel")
    biaya_perjalanan_per_peserta: Mapped[int] = mapped_column(BigInteger, doc="Rupiah of travel per participant")
    deskripsi: Mapped[str | None] = mapped_column(Text)
    kompetensi: Mapped[list[ProgramKompetensi]] = relationship(
        back_populates="program",
        cascade="all, delete-orphan",
        order_by="ProgramKompetensi.kode_kompetensi",
        lazy="selectin",
    )

    @property
    def jenis_nama(self) -> str:
        kind = load_pengembangan().kinds.get(self.jenis)
        return kind.nama if kind else self.jenis

    @property
    def jalur(self) -> str:
        kind = load_pengembangan().kinds.get(self.jenis)
        return kind.jalur if kind else ""

    @property
    def biaya_total_per_peserta(self) -> int:
        return self.biaya_per_peserta + self.biaya_perjalanan_per_peserta


class ProgramKompetensi(Audited, PengembanganBase):
    """A competency a program develops (by kompetensi's dictionary code) and the level it brings a
    participant to."""

    __tablename__ = "program_kompetensi"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        Index("ix_program_kompetensi_kode_kompetensi", "kode_kompetensi"),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), primary_key=True)
    kode_kompetensi: Mapped[str] = mapped_column(String(30), primary_key=True)
    level: Mapped[int] = mapped_column(SmallInteger)
    program: Mapped[Program] = relationship(back_populates="kompetensi")


class Angkatan(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """One batch (angkatan) of a program: when, where, how many seats. `terisi` counts the
    participants enrolled and not cancelled (taken under the batch's row lock by approvals)."""

    __tablename__ = "angkatan"
    __table_args__ = (
        UniqueConstraint("program_id", "kode"),
        CheckConstraint(_in("status", STATUS_ANGKATAN), name="status"),
        CheckConstraint("tanggal_selesai >= tanggal_mulai", name="period"),
        CheckConstraint("kuota > 0", name="kuota_positive"),
        CheckConstraint("terisi >= 0 AND terisi <= kuota", name="terisi_range"),
        Index("ix_angkatan_tanggal_mulai", "tanggal_mulai"),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("program.id", ondelete="RESTRICT"))
    kode: Mapped[str] = mapped_column(String(30), doc="Code of the batch within its program, e.g. 2026-01")
    tanggal_mulai: Mapped[date] = mapped_column(Date)
    tanggal_selesai: Mapped[date] = mapped_column(Date)
    kuota: Mapped[int] = mapped_column(Integer, doc="Seats")
    terisi: Mapped[int] = mapped_column(Integer, default=0, server_default="0", doc="Seats taken (enrollment)")
    tempat: Mapped[str | None] = mapped_column(String(200), doc="Venue")
    daring: Mapped[bool] = mapped_column(Boolean, doc="Held online")
    status: Mapped[str] = mapped_column(String(12))
    keterangan: Mapped[str | None] = mapped_column(Text)
    program: Mapped[Program] = relationship(lazy="joined", innerjoin=True)

    @property
    def sisa_kursi(self) -> int:
        return self.kuota - self.terisi

    @property
    def program_kode(self) -> str:
        return self.program.kode

    @property
    def program_nama(self) -> str:
        return self.program.nama


class DariAngkatan:
    """A record of one batch (a proposal, an enrollment, a self-service request): what its answers
    show of the batch and its program, read through the batch it joins (`angkatan`)."""

    if TYPE_CHECKING:
        angkatan: Mapped[Angkatan]

    @property
    def angkatan_kode(self) -> str:
        return self.angkatan.kode

    @property
    def program_id(self) -> uuid.UUID:
        return self.angkatan.program_id

    @property
    def program_kode(self) -> str:
        return self.angkatan.program.kode

    @property
    def program_nama(self) -> str:
        return self.angkatan.program.nama

    @property
    def tanggal_mulai(self) -> date:
        return self.angkatan.tanggal_mulai
