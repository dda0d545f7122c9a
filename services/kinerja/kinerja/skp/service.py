"""SKP: plain functions taking the session and the caller's scope.

Who does what (PermenPAN-RB 6/2022): the employee (or an admin) makes and edits the plan while
it is a draft and submits it; its rating supervisor (penilai, recorded when the SKP is made) or
an admin agrees to it, returns it, rates it and makes it final. A final SKP changes only through
a logged correction by admin_bkpsdm. The predikat comes from the matrix of
shared/rules/skp.yaml, never typed in; the behaviour rating is the median of the seven
BerAKHLAK ratings.

Periodic evaluations (evaluasi kinerja periodik): the year is cut into the sub-periods of the
period's `evaluasi` (12 months, 4 quarters or 2 halves, shared/rules/skp.yaml); the rating
supervisor or an admin rates each sub-period of an agreed, not yet final SKP once it has
started, the same way as the year (the same checks, behaviour rating and matrix).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from kinerja.config import get_settings
from kinerja.skp import queries
from kinerja.skp.models import (
    DIEVALUASI,
    EvaluasiHasilKerja,
    EvaluasiPerilaku,
    EvaluasiPeriodik,
    KoreksiSkp,
    PerilakuKerja,
    PeriodeSkp,
    RencanaHasilKerja,
    Skp,
    SkpLama,
)
from kinerja.skp.schemas import (
    EvaluasiIn,
    EvaluasiJatuhTempo,
    EvaluasiOut,
    KinerjaRendah,
    KinerjaRendahOut,
    KoreksiIn,
    PenilaianIn,
    PerilakuIn,
    PeriodeIn,
    PeriodeOut,
    PeriodeUpdate,
    PohonOut,
    PredikatTahun,
    RencanaPut,
    SimpulPohon,
    SkpIn,
    SkpLamaIn,
    SkpOut,
    TidakMendukung,
)
from shared.access import Capability, Record, Scope
from shared.dates import shift_months
from shared.db import Session
from shared.errors import Conflict, Forbidden, NotFound, UnprocessableEntity
from shared.kepegawaian import nama_of
from shared.messages import t
from shared.pagination import PageOf, PageParams, columns, entity, paginate
from shared.rules import load_skp
from shared.types import valid_nips

# --- periods ----------------------------------------------------------------------------


async def get_periode(session: Session, periode_id: uuid.UUID) -> PeriodeSkp:
    found = await queries.get_periode(session, periode_id)
    if found is None:
        raise NotFound("periode-skp-not-found", id=periode_id)
    return found


async def list_periode(session: Session, page: PageParams, tahun: int | None) -> PageOf[PeriodeOut]:
    return await paginate(session, queries.periode_statement(tahun), page, entity(PeriodeOut))


async def create_periode(session: Session, data: PeriodeIn) -> PeriodeSkp:
    if await queries.periode_exists(session, data.tahun):
        raise Conflict("periode-skp-exists", tahun=data.tahun)
    periode = PeriodeSkp(tahun=data.tahun, evaluasi=data.evaluasi, terbuka=True)
    session.add(periode)
    await session.flush()
    return periode


async def update_periode(session: Session, periode: PeriodeSkp, data: PeriodeUpdate) -> PeriodeSkp:
    changes = data.model_dump(exclude_unset=True)
    for key, value in changes.items():
        if value is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=key)
    if changes.get("evaluasi", periode.evaluasi) != periode.evaluasi:
        # A recorded evaluation names its sub-period by number: another cut of the year would
        # move it to other months.
        recorded = await queries.periode_evaluated(session, periode.id)
        if recorded:
            raise Conflict("periode-skp-evaluasi-in-use", tahun=periode.tahun, jumlah=recorded)
    for key, value in changes.items():
        setattr(periode, key, value)
    await session.flush()
    return periode


# --- who may see and act ----------------------------------------------------------------


async def get_visible(session: Session, scope: Scope, skp_id: uuid.UUID) -> Skp:
    """The SKP, for the employee, its rating supervisor and whoever reaches the employee; 404
    for anyone else."""
    skp = await queries.get(session, skp_id)
    if skp is None:
        raise NotFound("skp-not-found", id=skp_id)
    if scope.self_nip != skp.penilai_nip and not await scope.reads_pegawai(skp.nip):
        raise NotFound("skp-not-found", id=skp_id)
    return skp


def _admin(scope: Scope) -> bool:
    """An admin reaching the record (get_visible checked the reach)."""
    return scope.may(Capability.WRITE)


def require_owner(scope: Scope, skp: Skp) -> None:
    if not (_admin(scope) or scope.self_nip == skp.nip):
        raise Forbidden("skp-not-owner")


def require_penilai(scope: Scope, skp: Skp) -> None:
    if not (_admin(scope) or scope.self_nip == skp.penilai_nip):
        raise Forbidden("skp-not-penilai")


def require_status(skp: Skp, *allowed: str) -> None:
    if skp.status not in allowed:
        raise Conflict("skp-status", status=skp.status, allowed=", ".join(allowed))


# --- making and planning ----------------------------------------------------------------


async def create(session: Session, scope: Scope, data: SkpIn, pegawai: Record, penilai_nip: str | None) -> Skp:
    periode = await get_periode(session, data.periode_id)
    if not periode.terbuka:
        raise UnprocessableEntity("periode-skp-closed", tahun=periode.tahun)
    if await queries.exists_for(session, data.nip, periode.id):
        raise Conflict("skp-exists", nip=data.nip, tahun=periode.tahun)
    if penilai_nip is None:
        raise UnprocessableEntity("skp-penilai-unknown", nip=data.nip)
    if penilai_nip == data.nip:
        raise UnprocessableEntity("skp-penilai-self", nip=data.nip)
    skp = Skp(
        nip=data.nip,
        periode_id=periode.id,
        tahun=periode.tahun,
        penilai_nip=penilai_nip,
        status="draft",
        nama_pegawai=nama_of(pegawai),
        unit_nama=pegawai.get("unit_nama"),
        rencana=[],  # loaded (empty), so that answering with them does not reach for the database
        perilaku=[],
    )
    session.add(skp)
    await session.flush()
    return skp


async def put_rencana(session: Session, scope: Scope, skp: Skp, data: RencanaPut) -> Skp:
    require_owner(scope, skp)
    require_status(skp, "draft")
    wanted = {i.mendukung_id for i in data.items if i.mendukung_id}
    found = await queries.supported_items(session, wanted, skp.penilai_nip, skp.tahun)
    unknown = sorted(str(i) for i in wanted - found)
    if unknown:
        raise UnprocessableEntity("skp-mendukung-unknown", ids=", ".join(unknown[:5]), tahun=skp.tahun)
    skp.rencana = [
        RencanaHasilKerja(
            urutan=n, uraian=i.uraian, indikator=list(i.indikator), target=i.target, mendukung_id=i.mendukung_id
        )
        for n, i in enumerate(data.items, start=1)
    ]
    skp.updated_at = datetime.now(UTC)  # a new version even when only the items changed
    await session.flush()
    return skp


# --- the workflow -----------------------------------------------------------------------


async def submit(session: Session, scope: Scope, skp: Skp) -> Skp:
    require_owner(scope, skp)
    require_status(skp, "draft")
    if not skp.rencana:
        raise UnprocessableEntity("skp-rencana-empty")
    skp.status = "diajukan"
    await session.flush()
    return skp


async def approve(session: Session, scope: Scope, skp: Skp) -> Skp:
    require_penilai(scope, skp)
    require_status(skp, "diajukan")
    skp.status = "disetujui"
    await session.flush()
    return skp


async def send_back(session: Session, scope: Scope, skp: Skp, catatan: str | None) -> Skp:
    require_penilai(scope, skp)
    require_status(skp, "diajukan")
    skp.status = "draft"
    skp.catatan_penilai = catatan
    await session.flush()
    return skp


def perilaku_rating(ratings: Sequence[str]) -> str:
    """The behaviour rating: the median of the core values' ratings (seven, so one middle)."""
    order = load_skp().ratings
    ranked = sorted(ratings, key=lambda r: order[r][1])
    return ranked[len(ranked) // 2]


# What every rating of an SKP shares, the year's (`rate`) and a sub-period's (`put_evaluasi`).


def check_rating(skp: Skp, work_results: Sequence[uuid.UUID], perilaku: Sequence[PerilakuIn]) -> None:
    """Each BerAKHLAK value rated once, and only the SKP's own work results named (422)."""
    values = [p.nilai for p in perilaku]
    if len(set(values)) != len(values):
        raise UnprocessableEntity("skp-perilaku-twice")
    known = {i.id for i in skp.rencana}
    unknown = [str(i) for i in work_results if i not in known]
    if unknown:
        raise UnprocessableEntity("skp-rencana-unknown", ids=", ".join(unknown[:5]))


def in_berakhlak_order(perilaku: Sequence[PerilakuIn]) -> list[tuple[int, PerilakuIn]]:
    """The core values' ratings in the rule file's order, each with its place (1..7)."""
    place = {v: n for n, v in enumerate(load_skp().berakhlak, start=1)}
    return sorted(((place[p.nilai], p) for p in perilaku), key=lambda pair: pair[0])


def rating_of(rating_hasil_kerja: str, perilaku: Sequence[PerilakuIn]) -> tuple[str, str]:
    """(the behaviour rating, the predikat): the median of the core values' ratings, and the
    matrix's predikat for it beside the rating of the results."""
    laku = perilaku_rating([p.rating for p in perilaku])
    return laku, load_skp().predikat_of(rating_hasil_kerja, laku).kode


async def rate(session: Session, scope: Scope, skp: Skp, data: PenilaianIn) -> Skp:
    require_penilai(scope, skp)
    require_status(skp, "disetujui", "dinilai")
    check_rating(skp, [r.id for r in data.realisasi], data.perilaku)
    items = {i.id: i for i in skp.rencana}
    for r in data.realisasi:
        items[r.id].realisasi = r.realisasi
    skp.perilaku = [
        PerilakuKerja(nilai=p.nilai, urutan=n, rating=p.rating, catatan=p.catatan)
        for n, p in in_berakhlak_order(data.perilaku)
    ]
    skp.rating_hasil_kerja = data.rating_hasil_kerja
    skp.rating_perilaku_kerja, skp.predikat = rating_of(data.rating_hasil_kerja, data.perilaku)
    skp.catatan_penilai = data.catatan
    skp.dinilai_pada = datetime.now(UTC)
    skp.status = "dinilai"
    await session.flush()
    return skp


async def finalize(session: Session, scope: Scope, skp: Skp) -> Skp:
    require_penilai(scope, skp)
    require_status(skp, "dinilai")
    skp.status = "final"
    await session.flush()
    return skp


def _rating_of(skp: Skp) -> dict[str, Any]:
    return {k: getattr(skp, k) for k in ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat")}


async def correct(session: Session, skp: Skp, data: KoreksiIn, actor: str) -> Skp:
    require_status(skp, "final")
    if data.rating_hasil_kerja is None and data.rating_perilaku_kerja is None:
        raise UnprocessableEntity("skp-koreksi-empty")
    before = _rating_of(skp)
    skp.rating_hasil_kerja = data.rating_hasil_kerja or skp.rating_hasil_kerja
    skp.rating_perilaku_kerja = data.rating_perilaku_kerja or skp.rating_perilaku_kerja
    assert skp.rating_hasil_kerja and skp.rating_perilaku_kerja  # a final SKP was rated
    skp.predikat = load_skp().predikat_of(skp.rating_hasil_kerja, skp.rating_perilaku_kerja).kode
    correction = KoreksiSkp(
        skp_id=skp.id, alasan=data.alasan, sebelum=before, sesudah=_rating_of(skp), oleh=actor, pada=datetime.now(UTC)
    )
    session.add(correction)
    await session.flush()
    return skp


# --- periodic evaluations ---------------------------------------------------------------

T = TypeVar("T")


def today() -> date:
    """The instansi's calendar day (the clock of AKTIVITAS_ZONA_WAKTU, Asia/Jakarta by default)."""
    return datetime.now(ZoneInfo(get_settings().aktivitas_zona_waktu)).date()


def subperiode(tahun: int, evaluasi: str, ke: int) -> tuple[date, date]:
    """The first and last day of sub-period `ke` of a year evaluated `evaluasi` (triwulanan 2:
    1 April to 30 June); 422 naming `ke` when the year has no such sub-period."""
    n = load_skp().periodic_evaluation[evaluasi]
    if not 1 <= ke <= n:
        message = t("skp-evaluasi-ke", ke=ke, evaluasi=evaluasi, n=n)
        error = {"field": "path.ke", "code": "skp-evaluasi-ke", "message": message}
        raise UnprocessableEntity("skp-evaluasi-ke", extra={"errors": [error]}, ke=ke, evaluasi=evaluasi, n=n)
    months = 12 // n
    mulai = date(tahun, (ke - 1) * months + 1, 1)
    return mulai, shift_months(mulai, months) - timedelta(days=1)


def evaluasi_out(evaluasi: EvaluasiPeriodik, skp: Skp, periode: PeriodeSkp) -> EvaluasiOut:
    mulai, selesai = subperiode(skp.tahun, periode.evaluasi, evaluasi.ke)
    fields = {name: getattr(evaluasi, name) for name in EvaluasiOut.model_fields if hasattr(evaluasi, name)}
    predikat = load_skp().predikat[evaluasi.predikat]
    extra = {"evaluasi": periode.evaluasi, "mulai": mulai, "selesai": selesai, "predikat_nama": predikat.nama}
    return EvaluasiOut.model_validate({**fields, **extra}, from_attributes=True)


async def get_evaluasi(session: Session, skp: Skp, ke: int) -> EvaluasiPeriodik | None:
    return await queries.get_evaluasi(session, skp.id, ke)


async def list_evaluasi(session: Session, skp: Skp, page: PageParams) -> PageOf[EvaluasiOut]:
    periode = await get_periode(session, skp.periode_id)
    return await paginate(session, queries.evaluasi_statement(skp.id), page, lambda r: evaluasi_out(r[0], skp, periode))


def _set(record: T, **values: Any) -> T:
    for key, value in values.items():
        setattr(record, key, value)
    return record


async def put_evaluasi(
    session: Session, scope: Scope, skp: Skp, ke: int, data: EvaluasiIn, current: EvaluasiPeriodik | None
) -> EvaluasiOut:
    """Record (or change) the evaluation of sub-period `ke`: by the rating supervisor or an
    admin (403), while the SKP is agreed or rated and not final (409), for a sub-period of the
    period (422 naming `ke`) that has started (422). Rows of work results and core values are
    changed in place and dropped ones deleted by name, so the audit log holds each one's
    before and after."""
    require_penilai(scope, skp)
    require_status(skp, *DIEVALUASI)
    periode = await get_periode(session, skp.periode_id)
    mulai, _ = subperiode(skp.tahun, periode.evaluasi, ke)
    if mulai > today():
        raise UnprocessableEntity(
            "skp-evaluasi-belum-mulai", ke=ke, evaluasi=periode.evaluasi, tahun=skp.tahun, mulai=mulai.isoformat()
        )
    ids = [h.id for h in data.hasil_kerja]
    if len(set(ids)) != len(ids):
        raise UnprocessableEntity("skp-evaluasi-rencana-twice")
    check_rating(skp, ids, data.perilaku)
    evaluasi = current
    if evaluasi is None:
        evaluasi = EvaluasiPeriodik(id=uuid.uuid4(), skp_id=skp.id, ke=ke, hasil_kerja=[], perilaku=[])
        session.add(evaluasi)
    place = {i.id: i.urutan for i in skp.rencana}
    held = {h.rhk_id: h for h in evaluasi.hasil_kerja}
    for gone in set(held) - set(ids):  # deleted by name, so that the audit log records it
        await session.delete(held[gone])
    evaluasi.hasil_kerja = [
        _set(
            held.get(h.id) or EvaluasiHasilKerja(evaluasi_id=evaluasi.id, rhk_id=h.id),
            urutan=place[h.id],
            realisasi=h.realisasi,
            umpan_balik=h.umpan_balik,
        )
        for h in sorted(data.hasil_kerja, key=lambda h: place[h.id])
    ]
    rated = {p.nilai: p for p in evaluasi.perilaku}
    evaluasi.perilaku = [
        _set(
            rated.get(p.nilai) or EvaluasiPerilaku(evaluasi_id=evaluasi.id, nilai=p.nilai),
            urutan=n,
            rating=p.rating,
            catatan=p.catatan,
        )
        for n, p in in_berakhlak_order(data.perilaku)
    ]
    evaluasi.rating_hasil_kerja = data.rating_hasil_kerja
    evaluasi.rating_perilaku_kerja, evaluasi.predikat = rating_of(data.rating_hasil_kerja, data.perilaku)
    evaluasi.catatan_penilai = data.catatan
    evaluasi.dinilai_oleh = scope.principal.sub
    evaluasi.dinilai_oleh_nip = scope.self_nip
    evaluasi.dinilai_pada = datetime.now(UTC)
    await session.flush()
    return evaluasi_out(evaluasi, skp, periode)


def _due(row: Any) -> EvaluasiJatuhTempo:
    fields = columns(row)
    mulai, selesai = subperiode(fields["tahun"], fields["evaluasi"], fields["ke"])
    return EvaluasiJatuhTempo(**fields, mulai=mulai, selesai=selesai)


async def due(session: Session, scope: Scope, page: PageParams, tahun: int | None) -> PageOf[EvaluasiJatuhTempo]:
    """The sub-periods of the year (this one when not given) that have ended without an
    evaluation, of the SKPs the caller may evaluate: those it is the rating supervisor of and,
    for an admin, those of the employees it reaches. One statement."""
    day = today()
    year = tahun or day.year
    ended = {
        kind: sum(1 for ke in range(1, n + 1) if subperiode(year, kind, ke)[1] < day)
        for kind, n in load_skp().periodic_evaluation.items()
    }
    nips = await scope.nips_in_reach() if _admin(scope) else frozenset()
    statement = queries.due_statement(year, ended, nips, scope.self_nip)
    return await paginate(session, statement, page, _due, plain=True)


# --- reads ------------------------------------------------------------------------------


def as_out(skp: Skp) -> SkpOut:
    predikat = load_skp().predikat.get(skp.predikat) if skp.predikat else None
    fields = {name: getattr(skp, name) for name in SkpOut.model_fields if name != "predikat_nama"}
    return SkpOut.model_validate({**fields, "predikat_nama": predikat.nama if predikat else None}, from_attributes=True)


async def list_skp(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    nip: str | None,
    tahun: int | None,
    status: str | None,
    penilai_nip: str | None,
) -> PageOf[SkpOut]:
    stmt = queries.list_statement(
        await scope.nips_in_reach(), scope.self_nip, nip=nip, tahun=tahun, status=status, penilai_nip=penilai_nip
    )
    return await paginate(session, stmt, page, lambda row: as_out(row[0]))


def _tahun(row: tuple[object, ...]) -> PredikatTahun:
    _, tahun, predikat, sumber, skala, nilai = row
    known = load_skp().predikat.get(str(predikat))
    return PredikatTahun(
        tahun=int(str(tahun)),
        predikat=str(predikat),
        predikat_nama=known.nama if known else str(predikat),
        sumber=sumber,
        skala=str(skala) if skala is not None else None,
        nilai=float(str(nilai)) if nilai is not None else None,
    )


async def predikat_bulk(session: Session, scope: Scope, raw_nips: list[str] | None, years: int) -> dict[str, Any]:
    """The latest final predikat and the recent history of many employees: one read of reach
    (none for a caller that reaches everyone), one statement, and the answer built as plain
    dicts (10,000 people as pydantic models cost several times the query; PostgreSQL building
    the JSON cost more still: 139 ms against 34 ms for the rows, measured). `raw_nips` None: every
    employee the caller reads that has a predikat (for one that reaches everyone, with no list)."""
    reached = await scope.nips_in_reach()
    every = raw_nips is None and reached is None
    nips = valid_nips(raw_nips) if raw_nips is not None else sorted(reached or ())
    found = [n for n in nips if reached is None or n in reached]
    since = date.today().year - years
    names = {k: p.nama for k, p in load_skp().predikat.items()}
    by_nip: dict[str, list[dict[str, Any]]] = {n: [] for n in found}
    # A year's entry depends only on its values, of which there are few (years x predikat): one
    # dict each, shared by everyone who has it, rather than 20,000 alike (59 ms -> 13 ms, measured).
    entries: dict[tuple[object, ...], dict[str, Any]] = {}
    for nip, *values in await queries.history(session, None if every else found, None):
        key = tuple(values)
        entry = entries.get(key)
        if entry is None:
            tahun, predikat, sumber, skala, nilai = values
            entry = entries[key] = {
                "tahun": tahun,
                "predikat": predikat,
                "predikat_nama": names.get(str(predikat), predikat),
                "sumber": sumber,
                "skala": skala,
                "nilai": float(nilai) if nilai is not None else None,  # type: ignore[arg-type]  # numeric(5,2)
            }
        by_nip.setdefault(str(nip), []).append(entry)
    return {
        "items": [
            {"nip": n, "terakhir": h[0] if h else None, "riwayat": [t for t in h if t["tahun"] >= since]}
            for n, h in by_nip.items()
        ],
        "missing": [n for n in nips if n not in by_nip],
    }


async def low_performers(session: Session, roster: list[Record], tahun: int) -> KinerjaRendahOut:
    names = {p["nip"]: nama_of(p) for p in roster}
    history: dict[str, list[PredikatTahun]] = {}
    for row in await queries.history(session, list(names), tahun - 2):
        history.setdefault(str(row[0]), []).append(_tahun(row))
    rules = load_skp()
    items = []
    for nip, rows in sorted(history.items(), key=lambda kv: names[kv[0]]):
        this_year = next((r for r in rows if r.tahun == tahun and r.sumber == "skp"), None)
        if this_year and this_year.predikat in rules.predikat and rules.is_low(this_year.predikat):
            items.append(
                KinerjaRendah(
                    nip=nip,
                    nama=names[nip],
                    predikat=this_year.predikat,
                    predikat_nama=this_year.predikat_nama,
                    riwayat=[r for r in rows if r.tahun <= tahun],
                )
            )
    return KinerjaRendahOut(tahun=tahun, items=items)


def legacy_predikat(skala: str, nilai: float) -> str:
    scale = load_skp().legacy[skala]
    if nilai > scale["max"]:
        raise UnprocessableEntity("skp-lama-nilai", nilai=str(nilai), skala=skala, max=scale["max"])
    return next(name for name, lowest in scale["bands"] if nilai >= lowest)


async def create_lama(session: Session, data: SkpLamaIn) -> SkpLama:
    if await queries.get_lama(session, data.nip, data.tahun):
        raise Conflict("skp-lama-exists", nip=data.nip, tahun=data.tahun)
    predikat = legacy_predikat(data.skala, data.nilai)
    nilai = Decimal(str(round(data.nilai, 2)))
    record = SkpLama(nip=data.nip, tahun=data.tahun, skala=data.skala, nilai=nilai, predikat=predikat)
    session.add(record)
    await session.flush()
    return record


async def cascade(session: Session, roster: list[Record], tahun: int) -> PohonOut:
    """The unit's cascade of work results (one statement), and the gaps in it."""
    rows = await queries.cascade_items(session, [p["nip"] for p in roster], tahun)
    nodes = {
        r[0]: SimpulPohon(
            id=r[0], uraian=str(r[1]), target=str(r[2]), skp_id=r[4], nip=str(r[5]), nama=str(r[7]), dukungan=[]
        )
        for r in rows
    }
    with_skp = {str(r[5]) for r in rows}
    roots, gaps = [], []
    for item_id, uraian, _, supports, _, nip, penilai, nama in rows:
        parent = nodes.get(supports) if supports is not None else None
        if parent is not None:
            parent.dukungan.append(nodes[item_id])
            continue
        roots.append(nodes[item_id])
        if supports is None and penilai in with_skp:
            gaps.append(
                TidakMendukung(id=item_id, uraian=str(uraian), nip=str(nip), nama=str(nama), penilai_nip=str(penilai))
            )
    return PohonOut(tahun=tahun, pohon=roots, tidak_mendukung=gaps)


async def rekap(session: Session, unit_id: uuid.UUID, roster: list[Record], tahun: int) -> dict[str, Any]:
    """Of a unit's serving employees (the roster from pegawai), how many have an SKP of the year,
    agreed, and final with a predikat."""
    return {
        "unit_id": unit_id,
        "tahun": tahun,
        "jumlah_pegawai": len(roster),
        **await queries.rekap(session, {p["nip"] for p in roster}, tahun),
    }
