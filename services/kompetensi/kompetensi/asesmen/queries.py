"""The profile: the latest valid assessment per (NIP, competency), set-based for many NIPs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ARRAY, String, any_, bindparam, exists, select
from sqlalchemy.orm import aliased

from kompetensi.asesmen.models import Asesmen
from kompetensi.kamus.models import Kompetensi

A, K = Asesmen, Kompetensi


def latest_valid(nips_param: Any) -> Any:
    """Subquery of the current level per (nip, kompetensi): a corrected record no longer counts,
    and among the rest the latest date (then the latest entry) wins."""
    correction = aliased(Asesmen)
    return (
        select(A.nip, A.kompetensi_id, A.level, A.tanggal, A.metode, A.id.label("asesmen_id"))
        .where(A.nip == any_(nips_param), ~exists().where(correction.koreksi_dari == A.id))
        .distinct(A.nip, A.kompetensi_id)
        .order_by(A.nip, A.kompetensi_id, A.tanggal.desc(), A.created_at.desc())
    )


def nips_param(nips: Sequence[str], name: str = "nips") -> Any:
    return bindparam(name, list(nips), type_=ARRAY(String))


def profile_statement(nips: Sequence[str]) -> Any:
    cur = latest_valid(nips_param(nips)).subquery("cur")
    return (
        select(cur.c.nip, cur.c.kompetensi_id, K.kode.label("kompetensi_kode"), K.nama, K.jenis, cur.c.level,
               cur.c.tanggal, cur.c.metode, cur.c.asesmen_id)
        .join(K, K.id == cur.c.kompetensi_id)
        .order_by(cur.c.nip, K.jenis, K.kode)
    )
