"""The impact evaluation table: one evaluation per passed enrollment, on the form of
shared/rules/pengembangan.yaml (`evaluasi_dampak`) in the version it was made with."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pengembangan.base import PengembanganBase
from pengembangan.peserta.models import Peserta
from shared.audit import Audited
from shared.db import Timestamps, UUIDPk, Versioned

if TYPE_CHECKING:
    from pengembangan.katalog.models import Angkatan


class EvaluasiDampak(Audited, UUIDPk, Versioned, Timestamps, PengembanganBase):
    """The impact evaluation of one enrollment that passed. `skor` holds a score per aspect of the
    form (`form_versi`: the rule file's version when it was recorded, so a later change of the form
    leaves older evaluations readable as they were made). `terlambat`: first recorded after the
    window closed (a later correction does not change it)."""

    __tablename__ = "evaluasi_dampak"
    __table_args__ = (CheckConstraint("jsonb_typeof(skor) = 'object'", name="skor_object"),)

    peserta_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("peserta.id", ondelete="RESTRICT"), unique=True)
    skor: Mapped[dict[str, int]] = mapped_column(JSONB, doc="Score per aspect of the form: {aspek: skor}")
    rekomendasi: Mapped[str] = mapped_column(String(40), doc="A recommendation code of the form")
    catatan: Mapped[str | None] = mapped_column(Text)
    terlambat: Mapped[bool] = mapped_column(Boolean, doc="First recorded after the window closed")
    form_versi: Mapped[str] = mapped_column(String(20), doc="Version of the rule file the form came from")
    dinilai_oleh: Mapped[str] = mapped_column(String(200), doc="Who recorded it last (token subject)")
    dinilai_oleh_nip: Mapped[str | None] = mapped_column(String(18), doc="Their NIP, when they have one")
    dinilai_pada: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    peserta: Mapped[Peserta] = relationship(lazy="joined", innerjoin=True)

    @property
    def angkatan(self) -> Angkatan:
        return self.peserta.angkatan
