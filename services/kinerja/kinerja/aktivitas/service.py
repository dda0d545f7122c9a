"""The daily activity log: plain functions taking the session and the caller's scope.

Who does what: the employee writes its own entries (an admin may for those it reaches); its
direct supervisor (the atasan whose direct report it is) or an admin confirms or returns them.
Every rule below is checked before anything is written, and a refused request writes nothing:
- no two entries of one person overlap (also held by the database's exclusion constraint, and
  writers of one person's day take turns on an advisory lock);
- not in the future, inside the working day (settings AKTIVITAS_JAM_MULAI, AKTIVITAS_JAM_SELESAI,
  in the clock of AKTIVITAS_ZONA_WAKTU), at most AKTIVITAS_MAKS_PER_HARI a day;
- an entry of a week is written, changed or deleted until AKTIVITAS_TENGGANG_HARI days after
  that week's Sunday; then it is locked (409);
- each entry serves one work result of the employee's own SKP of the year, or one task of its
  position (the text is kept, since task lists change).
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from kinerja.aktivitas import queries
from kinerja.aktivitas.models import AktivitasHarian, as_time
from kinerja.aktivitas.schemas import (
    AktivitasIn,
    AktivitasItem,
    AktivitasOut,
    AktivitasUpdate,
    IndikasiPenempatan,
    IndikasiPenempatanOut,
    Ringkasan,
    RingkasanPegawaiOut,
    RingkasanUnitOut,
)
from kinerja.config import KinerjaSettings, get_settings
from shared.access import Capability, Record, Scope
from shared.db import Session
from shared.errors import Conflict, Forbidden, NotFound, UnprocessableEntity
from shared.pagination import PageOf, PageParams, entity, paginate


def settings() -> KinerjaSettings:
    return get_settings()


def now_local() -> datetime:
    """The wall clock entries are written in, without its offset."""
    return datetime.now(ZoneInfo(settings().aktivitas_zona_waktu)).replace(tzinfo=None)


def minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def hhmm(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_of(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def locked_after(day: date) -> date:
    """The last day an entry of `day` may still change: the grace period after its week's Sunday."""
    return week_of(day)[1] + timedelta(days=settings().aktivitas_tenggang_hari)


# --- who may see and act ----------------------------------------------------------------


async def get_visible(session: Session, scope: Scope, aktivitas_id: uuid.UUID) -> AktivitasHarian:
    """The entry, for its employee and whoever reads the employee (an atasan its direct
    reports); 404 for anyone else."""
    found = await queries.get(session, aktivitas_id)
    if found is None:
        raise NotFound("aktivitas-not-found", id=aktivitas_id)
    if not await scope.reads_pegawai(found.nip):
        raise NotFound("aktivitas-not-found", id=aktivitas_id)
    return found


def _admin(scope: Scope) -> bool:
    return scope.may(Capability.WRITE)


def require_writer_of(scope: Scope, nip: str) -> None:
    """Entries are the employee's own; an admin may write those of employees it reaches."""
    if not (_admin(scope) or scope.self_nip == nip):
        raise Forbidden("aktivitas-not-owner")


async def require_reviewer(scope: Scope, entry: AktivitasHarian) -> None:
    if _admin(scope) or entry.nip in await scope.direct_reports():
        return
    raise Forbidden("aktivitas-not-atasan")


# --- the rules of an entry --------------------------------------------------------------


def check_day(tanggal: date, spans: Sequence[tuple[int, int]]) -> None:
    """The rules of the day itself: not locked, not in the future, inside the working day."""
    now = now_local()
    conf = settings()
    start, end = minutes(conf.aktivitas_jam_mulai), minutes(conf.aktivitas_jam_selesai)
    for mulai, selesai in spans:
        if datetime.combine(tanggal, time()) + timedelta(minutes=selesai) > now:
            raise UnprocessableEntity("aktivitas-future", tanggal=tanggal.isoformat(), selesai=hhmm(selesai))
        if mulai < start or selesai > end:
            raise UnprocessableEntity(
                "aktivitas-outside-hours", mulai=hhmm(mulai), selesai=hhmm(selesai), dari=hhmm(start), sampai=hhmm(end)
            )
    check_lock(tanggal, now.date())


def check_lock(tanggal: date, today: date | None = None) -> None:
    last = locked_after(tanggal)
    if (today or now_local().date()) > last:
        raise Conflict("aktivitas-locked", tanggal=tanggal.isoformat(), batas=last.isoformat())


def check_overlaps(
    existing: Sequence[tuple[uuid.UUID, int, int]], new: Sequence[tuple[int, int]], skip: uuid.UUID | None = None
) -> None:
    """None of the new spans overlaps another new one or an existing entry (but `skip`), and the
    day holds no more than the daily maximum."""
    kept = [(m, s) for i, m, s in existing if i != skip]
    ordered = sorted(new)
    for (m1, s1), (m2, s2) in pairwise(ordered):
        if m2 < s1:
            raise UnprocessableEntity(
                "aktivitas-overlap-request", a=f"{hhmm(m1)}-{hhmm(s1)}", b=f"{hhmm(m2)}-{hhmm(s2)}"
            )
    for m, s in new:
        for em, es in kept:
            if m < es and em < s:
                raise Conflict("aktivitas-overlap", baru=f"{hhmm(m)}-{hhmm(s)}", ada=f"{hhmm(em)}-{hhmm(es)}")
    limit = settings().aktivitas_maks_per_hari
    if len(kept) + len(new) > limit:
        raise UnprocessableEntity("aktivitas-too-many", jumlah=len(kept) + len(new), maks=limit)


async def targets(
    session: Session,
    scope: Scope,
    nip: str,
    tanggal: date,
    pegawai: Record,
    wanted: Sequence[tuple[uuid.UUID | None, int | None]],
) -> list[dict[str, Any]]:
    """What each entry serves, checked: its work result in the employee's own SKP of the year,
    or its task in the position the employee holds (one statement, one lookup)."""
    rhk = {r for r, _ in wanted if r is not None}
    found = await queries.own_work_results(session, nip, tanggal.year, rhk)
    unknown = sorted(str(r) for r in rhk - found)
    if unknown:
        raise UnprocessableEntity("aktivitas-rhk-unknown", ids=", ".join(unknown[:5]), nip=nip, tahun=tanggal.year)
    jabatan_id = uuid.UUID(str(pegawai["jabatan_id"])) if pegawai.get("jabatan_id") else None
    tasks: list[str] = []
    if jabatan_id is not None and any(t is not None for _, t in wanted):
        jabatan = (await scope.directory.jabatan(scope, [jabatan_id])).get(jabatan_id) or {}
        tasks = list(jabatan.get("uraian_tugas") or [])
    out = []
    for rhk_id, tugas in wanted:
        if tugas is not None and tugas >= len(tasks):
            raise UnprocessableEntity("aktivitas-tugas-unknown", indeks=tugas, jumlah=len(tasks), nip=nip)
        out.append(
            {
                "rhk_id": rhk_id,
                "tugas_indeks": tugas,
                "tugas_uraian": tasks[tugas] if tugas is not None else None,
                "jabatan_id": jabatan_id,
            }
        )
    return out


# --- writes -----------------------------------------------------------------------------


def _row(nip: str, tanggal: date, item: AktivitasItem, target: dict[str, Any], at: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "version": 1,
        "created_at": at,
        "updated_at": at,
        "nip": nip,
        "tanggal": tanggal,
        "menit_mulai": minutes(item.mulai),
        "menit_selesai": minutes(item.selesai),
        "uraian": item.uraian,
        **target,
        "status": "diajukan",
        "catatan_atasan": None,
        "ditinjau_oleh": None,
        "ditinjau_pada": None,
    }


def as_out(row: dict[str, Any]) -> AktivitasOut:
    return AktivitasOut(
        **{k: v for k, v in row.items() if k in AktivitasOut.model_fields},
        mulai=as_time(row["menit_mulai"]),
        selesai=as_time(row["menit_selesai"]),
        menit=row["menit_selesai"] - row["menit_mulai"],
    )


async def create_many(
    session: Session, scope: Scope, nip: str, tanggal: date, items: Sequence[AktivitasItem], pegawai: Record
) -> list[AktivitasOut]:
    """Entries of one person's day, every rule checked first; then one INSERT and one audit INSERT."""
    spans = [(minutes(i.mulai), minutes(i.selesai)) for i in items]
    check_day(tanggal, spans)
    await queries.lock_day(session, nip, tanggal)
    check_overlaps(await queries.day_spans(session, nip, tanggal), spans)
    served = await targets(session, scope, nip, tanggal, pegawai, [(i.rhk_id, i.tugas_indeks) for i in items])
    at = datetime.now(UTC)
    rows = [_row(nip, tanggal, item, target, at) for item, target in zip(items, served, strict=True)]
    await queries.insert_entries(session, rows, nip, tanggal)
    return [as_out(r) for r in rows]


async def create(session: Session, scope: Scope, data: AktivitasIn, pegawai: Record) -> AktivitasOut:
    return (await create_many(session, scope, data.nip, data.tanggal, [data], pegawai))[0]


def _editable(scope: Scope, entry: AktivitasHarian) -> None:
    require_writer_of(scope, entry.nip)
    if entry.status == "dikonfirmasi":
        raise Conflict("aktivitas-confirmed", id=entry.id)
    check_lock(entry.tanggal)


async def update(session: Session, scope: Scope, entry: AktivitasHarian, data: AktivitasUpdate) -> AktivitasHarian:
    """A change by its writer; a returned entry goes back to the supervisor (diajukan)."""
    _editable(scope, entry)
    changes = data.model_dump(exclude_unset=True)
    for required in ("mulai", "selesai", "uraian"):
        if required in changes and changes[required] is None:
            raise UnprocessableEntity("field-cannot-be-emptied", field=required)
    mulai = minutes(changes["mulai"]) if "mulai" in changes else entry.menit_mulai
    selesai = minutes(changes["selesai"]) if "selesai" in changes else entry.menit_selesai
    if selesai <= mulai:
        raise UnprocessableEntity("aktivitas-urutan-jam", mulai=hhmm(mulai), selesai=hhmm(selesai))
    rhk_id = changes.get("rhk_id", entry.rhk_id)
    tugas = changes.get("tugas_indeks", entry.tugas_indeks)
    if (rhk_id is None) == (tugas is None):
        raise UnprocessableEntity("aktivitas-sasaran")
    check_day(entry.tanggal, [(mulai, selesai)])
    await queries.lock_day(session, entry.nip, entry.tanggal)
    check_overlaps(await queries.day_spans(session, entry.nip, entry.tanggal), [(mulai, selesai)], skip=entry.id)
    if "rhk_id" in changes or "tugas_indeks" in changes:
        pegawai = (await scope.require_pegawai([entry.nip]))[entry.nip]
        target = (await targets(session, scope, entry.nip, entry.tanggal, pegawai, [(rhk_id, tugas)]))[0]
        for key, value in target.items():
            setattr(entry, key, value)
    entry.menit_mulai, entry.menit_selesai = mulai, selesai
    if "uraian" in changes:
        entry.uraian = changes["uraian"]
    if entry.status == "dikembalikan":
        entry.status = "diajukan"
    await queries.flush(session, entry)
    return entry


async def delete(session: Session, scope: Scope, entry: AktivitasHarian) -> None:
    _editable(scope, entry)
    await queries.delete(session, entry)


async def review(
    session: Session, scope: Scope, entry: AktivitasHarian, status: str, catatan: str | None
) -> AktivitasHarian:
    """The supervisor (or an admin) confirms a submitted entry, or returns it with a note."""
    await require_reviewer(scope, entry)
    if entry.status != "diajukan":
        raise Conflict("aktivitas-status", status=entry.status, allowed="diajukan")
    entry.status = status
    entry.catatan_atasan = catatan
    entry.ditinjau_oleh = scope.self_nip or scope.principal.sub
    entry.ditinjau_pada = datetime.now(UTC)
    await queries.flush(session, entry)
    return entry


# --- reads ------------------------------------------------------------------------------


async def list_aktivitas(
    session: Session,
    scope: Scope,
    page: PageParams,
    *,
    nip: str | None,
    dari: date | None,
    sampai: date | None,
    status: str | None,
) -> PageOf[AktivitasOut]:
    stmt = queries.list_statement(await scope.nips_in_reach(), nip=nip, dari=dari, sampai=sampai, status=status)
    return await paginate(session, stmt, page, entity(AktivitasOut))


def period(periode: str, tanggal: date | None) -> tuple[date, date]:
    day = tanggal or now_local().date()
    return week_of(day) if periode == "minggu" else month_of(day)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _ringkasan(row: dict[str, Any], nama: str | None = None) -> Ringkasan:
    total = int(row["menit_efektif"])
    return Ringkasan(
        nip=row["nip"],
        nama=nama,
        jumlah_entri=int(row["jumlah_entri"]),
        menit_efektif=total,
        jam_efektif=round(total / 60, 2),
        menit_skp=int(row["menit_skp"]),
        menit_tugas_jabatan=int(row["menit_tugas_jabatan"]),
        persen_skp=_share(int(row["menit_skp"]), total),
        persen_tugas_jabatan=_share(int(row["menit_tugas_jabatan"]), total),
        menit_dikonfirmasi=int(row["menit_dikonfirmasi"]),
    )


def _nama(p: Record) -> str | None:
    return p.get("nama_lengkap") or p.get("nama")


async def summary_pegawai(session: Session, pegawai: Record, periode: str, tanggal: date | None) -> RingkasanPegawaiOut:
    dari, sampai = period(periode, tanggal)
    row = (await queries.summary(session, [pegawai["nip"]], dari, sampai))[0]
    return RingkasanPegawaiOut(
        **_ringkasan(row, _nama(pegawai)).model_dump(), periode=periode, dari=dari, sampai=sampai
    )


async def summary_unit(
    session: Session, unit_id: uuid.UUID, roster: list[Record], periode: str, tanggal: date | None
) -> RingkasanUnitOut:
    dari, sampai = period(periode, tanggal)
    names = {p["nip"]: _nama(p) for p in roster}
    items = [_ringkasan(r, names.get(r["nip"])) for r in await queries.summary(session, list(names), dari, sampai)]
    return RingkasanUnitOut(
        unit_id=unit_id,
        periode=periode,
        dari=dari,
        sampai=sampai,
        menit_efektif=sum(i.menit_efektif for i in items),
        items=items,
    )


async def placement_signal(
    session: Session, scope: Scope, unit_id: uuid.UUID, roster: list[Record], tahun: int, bulan: int
) -> IndikasiPenempatanOut:
    """Employees of a unit whose entries of a month read more like another position's tasks
    (of the positions held in the unit) than like their own: one lookup of the positions, one
    statement comparing every entry with every task (pg_trgm word similarity)."""
    dari, sampai = month_of(date(tahun, bulan, 1))
    people = [(str(p["nip"]), uuid.UUID(str(p["jabatan_id"])) if p.get("jabatan_id") else None) for p in roster]
    positions = await scope.directory.jabatan(scope, sorted({j for _, j in people if j is not None}))
    tasks = [(jid, str(t)) for jid, j in positions.items() for t in j.get("uraian_tugas") or []]
    conf = settings()
    rows = await queries.similarity(
        session,
        people,
        tasks,
        dari,
        sampai,
        min_entri=conf.aktivitas_indikasi_min_entri,
        selisih=conf.aktivitas_indikasi_selisih,
    )
    names = {p["nip"]: _nama(p) for p in roster}

    def jabatan_nama(jid: uuid.UUID | None) -> str | None:
        return positions.get(jid, {}).get("nama") if jid else None

    items = [
        IndikasiPenempatan(
            nip=r["nip"],
            nama=names.get(r["nip"]),
            jumlah_entri=int(r["jumlah_entri"]),
            jabatan_id=r["jabatan_id"],
            jabatan_nama=jabatan_nama(r["jabatan_id"]),
            skor_jabatan_sendiri=round(float(r["skor_sendiri"]), 3),
            jabatan_terdekat_id=r["terdekat_id"],
            jabatan_terdekat_nama=jabatan_nama(r["terdekat_id"]),
            skor_jabatan_terdekat=round(float(r["skor_terdekat"]), 3),
            selisih=round(float(r["skor_terdekat"]) - float(r["skor_sendiri"]), 3),
        )
        for r in rows
    ]
    return IndikasiPenempatanOut(unit_id=unit_id, dari=dari, sampai=sampai, items=items)
