"""Staffing needs and retirement, set-based: one query per report."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ARRAY, any_, bindparam, case, func, literal, select, text

from pegawai.jabatan.models import Jabatan
from pegawai.jabatan.queries import bezetting_subquery
from pegawai.pegawai.models import Pegawai
from pegawai.unit_organisasi.models import UnitOrganisasi
from pegawai.unit_organisasi.queries import subtree_cte
from shared.db import Session
from shared.kepegawaian import ENDED_VALUES
from shared.rules import load_jabatan

J, P, U = Jabatan, Pegawai, UnitOrganisasi


def per_jabatan_statement(
    *, unit_scope: frozenset[uuid.UUID] | None, unit_id: uuid.UUID | None, jenis: list[str] | None, status: str | None
) -> Any:
    bez = bezetting_subquery()
    filled = func.coalesce(bez.c.bezetting, 0)
    selisih = (filled - J.kebutuhan).label("selisih")
    stmt = (
        select(
            J.id.label("jabatan_id"),
            J.kode,
            J.nama,
            J.jenis,
            J.kelas_jabatan,
            J.unit_id,
            U.nama.label("unit_nama"),
            J.kebutuhan,
            filled.label("bezetting"),
            selisih,
        )
        .join(U, U.id == J.unit_id)
        .outerjoin(bez, bez.c.jabatan_id == J.id)
    )
    if unit_scope is not None:
        stmt = stmt.where(J.unit_id.in_(unit_scope))
    if unit_id is not None:
        stmt = stmt.where(J.unit_id.in_(select(subtree_cte([unit_id]).c.id)))
    if jenis:
        stmt = stmt.where(J.jenis.in_(jenis))
    if status == "kurang":
        stmt = stmt.where(filled < J.kebutuhan)
    elif status == "lebih":
        stmt = stmt.where(filled > J.kebutuhan)
    elif status == "sesuai":
        stmt = stmt.where(filled == J.kebutuhan)
    return stmt.order_by(selisih, J.kode)


async def per_unit(session: Session, roots: list[uuid.UUID] | None) -> list[dict[str, Any]]:
    """Each unit with the totals of its whole subtree, via a closure of (ancestor, descendant)."""
    start = select(U.id.label("ancestor"), U.id.label("descendant"))
    if roots is not None:
        start = start.where(U.id.in_(select(subtree_cte(roots).c.id)))
    closure = start.cte("closure", recursive=True)
    closure = closure.union_all(select(closure.c.ancestor, U.id).join(U, U.parent_id == closure.c.descendant))
    bez = bezetting_subquery()
    filled = func.coalesce(bez.c.bezetting, 0)
    per_pos = (
        select(
            J.unit_id,
            J.kebutuhan,
            filled.label("bezetting"),
            func.greatest(J.kebutuhan - filled, 0).label("kurang"),
            func.greatest(filled - J.kebutuhan, 0).label("lebih"),
        )
        .outerjoin(bez, bez.c.jabatan_id == J.id)
        .subquery("per_pos")
    )
    totals = (
        select(
            closure.c.ancestor.label("unit_id"),
            func.count(per_pos.c.unit_id).label("jumlah_jabatan"),
            func.coalesce(func.sum(per_pos.c.kebutuhan), 0).label("kebutuhan"),
            func.coalesce(func.sum(per_pos.c.bezetting), 0).label("bezetting"),
            func.coalesce(func.sum(per_pos.c.kurang), 0).label("kurang"),
            func.coalesce(func.sum(per_pos.c.lebih), 0).label("lebih"),
        )
        .select_from(closure)
        .outerjoin(per_pos, per_pos.c.unit_id == closure.c.descendant)
        .group_by(closure.c.ancestor)
        .subquery("totals")
    )
    # The OPD of each unit: the nearest ancestor (or itself) of jenis 'opd'.
    up = select(U.id.label("unit_id"), U.id.label("at"), U.parent_id, U.jenis, literal(0).label("depth")).cte(
        "up", recursive=True
    )
    up = up.union_all(select(up.c.unit_id, U.id, U.parent_id, U.jenis, up.c.depth + 1).join(U, U.id == up.c.parent_id))
    opd = (
        select(up.c.unit_id, up.c.at.label("opd_id"))
        .where(up.c.jenis == "opd")
        .distinct(up.c.unit_id)
        .order_by(up.c.unit_id, up.c.depth)
        .subquery("opd")
    )
    stmt = (
        select(
            U.id.label("unit_id"),
            U.kode,
            U.nama,
            U.jenis,
            U.parent_id,
            opd.c.opd_id,
            totals.c.jumlah_jabatan,
            totals.c.kebutuhan,
            totals.c.bezetting,
            totals.c.kurang,
            totals.c.lebih,
            (totals.c.bezetting - totals.c.kebutuhan).label("selisih"),
        )
        .join(totals, totals.c.unit_id == U.id)
        .outerjoin(opd, opd.c.unit_id == U.id)
        .order_by(U.kode)
    )
    return [dict(r._mapping) for r in (await session.execute(stmt)).all()]


def bup_expression() -> Any:
    """BUP per employee: the legacy override, else the exception by law, else the kind of position."""
    rules = load_jabatan()
    kinds = list(rules.kinds)
    by_kind = case(
        *[(J.jenis == k, literal(rules.kinds[k].bup)) for k in kinds],
        else_=literal(rules.kinds["pelaksana"].bup),  # no position yet: the administrasi age
    )
    by_exception = case(
        *[(P.bup_khusus == code, literal(age)) for code, age in rules.bup_exceptions.items()], else_=None
    )
    return func.coalesce(P.bup_override, by_exception, by_kind)


async def retiring(
    session: Session, *, until: date, unit_scope: frozenset[uuid.UUID] | None, unit_id: uuid.UUID | None
) -> list[dict[str, Any]]:
    bup = bup_expression().label("bup")
    inner = (
        select(
            P.nip,
            P.nama,
            P.jabatan_id,
            J.nama.label("jabatan_nama"),
            J.jenis.label("jenis_jabatan"),
            P.unit_id,
            P.tanggal_lahir,
            bup,
        )
        .outerjoin(J, J.id == P.jabatan_id)
        .where(P.kedudukan.notin_(ENDED_VALUES))
    )
    if unit_scope is not None:
        inner = inner.where(P.unit_id.in_(unit_scope))
    if unit_id is not None:
        inner = inner.where(P.unit_id.in_(select(subtree_cte([unit_id]).c.id)))
    sub = inner.subquery("r")
    # TMT pensiun: first day of the month after the BUP birthday (shared/rules/jabatan.yaml, the
    # rule `first_of_month_after_bup_birthday`, which the loader checks; this is its only form).
    tmt = func.date(
        func.date_trunc("month", sub.c.tanggal_lahir + func.make_interval(sub.c.bup)) + text("interval '1 month'")
    ).label("tmt_pensiun")
    stmt = select(sub, tmt).where(tmt <= until).order_by(tmt, sub.c.nip)
    return [dict(r._mapping) for r in (await session.execute(stmt)).all()]


async def bezetting_of(session: Session, jabatan_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, int, int]]:
    if not jabatan_ids:
        return {}
    bez = bezetting_subquery()
    rows = await session.execute(
        select(J.id, J.nama, J.kebutuhan, func.coalesce(bez.c.bezetting, 0))
        .outerjoin(bez, bez.c.jabatan_id == J.id)
        .where(J.id == any_(bindparam("ids", jabatan_ids, type_=ARRAY(J.id.type))))
    )
    return {r[0]: (r[1], int(r[2]), int(r[3])) for r in rows.all()}
