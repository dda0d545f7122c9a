"""The employee list's statement is built once per shape: every input either changes the shape or
is a bound value, and two requests of one shape share the statement but not their values."""

from __future__ import annotations

import dataclasses
import uuid

from pegawai.pegawai.queries import PegawaiFilter, _shape_of, list_query
from pegawai.pegawai.schemas import SortField
from pegawai.reach import Reached

EVERYTHING = Reached(None, None)
SAMPLES = {
    "unit_id": uuid.uuid4(),
    "include_sub_units": False,
    "jabatan_id": uuid.uuid4(),
    "jenis_jabatan": ["pelaksana"],
    "kelas_min": 5,
    "kelas_max": 9,
    "golongan_min_rank": 9,
    "golongan_max_rank": 12,
    "pendidikan_min_rank": 7,
    "rumpun": "kesehatan",
    "kedudukan": ["aktif"],
    "status_kepegawaian": ["PNS"],
    "q": "santoso",
}


def test_every_filter_changes_the_shape_or_is_a_value_of_it() -> None:
    assert set(SAMPLES) == {f.name for f in dataclasses.fields(PegawaiFilter)}, "a sample for every filter"
    base, _ = _shape_of(PegawaiFilter(), EVERYTHING, None, False)
    for name, value in SAMPLES.items():
        f = PegawaiFilter(**({"unit_id": SAMPLES["unit_id"]} if name == "include_sub_units" else {}), **{name: value})
        shape, _ = _shape_of(f, EVERYTHING, None, False)
        with_unit, _ = _shape_of(PegawaiFilter(unit_id=SAMPLES["unit_id"]), EVERYTHING, None, False)
        assert shape != (with_unit if name == "include_sub_units" else base), name
    # Reach, sort and direction are part of the shape too.
    opd = Reached(frozenset({uuid.uuid4()}), None)
    assert _shape_of(PegawaiFilter(), opd, None, False)[0] != base
    assert _shape_of(PegawaiFilter(), EVERYTHING, SortField.NIP, False)[0] != base
    assert _shape_of(PegawaiFilter(), EVERYTHING, SortField.NAMA, True)[0] != base


def test_one_shape_shares_its_statement_and_keeps_each_requests_values() -> None:
    a_stmt, a = list_query(PegawaiFilter(rumpun="kesehatan", q="budi"), EVERYTHING)
    b_stmt, b = list_query(PegawaiFilter(rumpun="pendidikan", q="ani"), EVERYTHING)
    assert a_stmt is b_stmt
    assert (a["rumpun"], a["q"]) == ("kesehatan", "budi") and (b["rumpun"], b["q"]) == ("pendidikan", "ani")
    # A NIP search is another statement than a name search (other columns).
    nip_stmt, nip = list_query(PegawaiFilter(q="19850312"), EVERYTHING)
    assert nip_stmt is not a_stmt and nip["q"] == "19850312"
