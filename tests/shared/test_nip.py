"""NIP parsing: every part decoded and each wrong part named."""

from datetime import date

import pytest

from shared.messages import locale_var
from shared.nip import InvalidNIP, JenisKelamin, make_nip, parse_nip


def test_decodes_every_part():
    nip = parse_nip("19850312 201001 2 003")
    assert nip.value == "198503122010012003"
    assert nip.tanggal_lahir == date(1985, 3, 12)
    assert (nip.tmt_tahun, nip.tmt_bulan) == (2010, 1)
    assert nip.jenis_kelamin == JenisKelamin.PEREMPUAN
    assert nip.nomor_urut == 3


def test_make_and_parse_round_trip():
    value = make_nip(date(1990, 12, 31), 2015, 6, JenisKelamin.LAKI_LAKI, 42)
    assert parse_nip(value).tanggal_lahir == date(1990, 12, 31)
    assert parse_nip(value).nomor_urut == 42


@pytest.mark.parametrize(
    ("raw", "code", "fragment"),
    [
        ("12345", "nip-length", "18 digits"),
        ("19850312201001100A", "nip-length", "18 digits"),
        ("198502302010011003", "nip-birth-date", "not a date"),  # 30 February
        ("198503122010131003", "nip-tmt-month", "month 13"),
        ("198503122000011003", "nip-tmt-too-early", "before the employee turned 18"),
        ("198503122010013003", "nip-gender", "digit 15"),
        ("198503122010011000", "nip-sequence", "000"),
        ("185003122010011003", "nip-birth-year", "not plausible"),
        ("198503129999011003", "nip-tmt-future", "future"),
    ],
)
def test_each_wrong_part_is_named(raw, code, fragment):
    token = locale_var.set("en")
    try:
        with pytest.raises(InvalidNIP) as err:
            parse_nip(raw)
    finally:
        locale_var.reset(token)
    assert err.value.code == code
    assert fragment in str(err.value)


def test_many_nips_at_once_follow_the_same_rules_in_the_given_order():
    import random

    from shared.nip import split_nips, validate_nip

    rng = random.Random(3)
    good = [
        make_nip(
            date(1970 + i % 30, 1 + i % 12, 1 + i % 28), 2000 + i % 20, 1 + i % 12, JenisKelamin.PEREMPUAN, 1 + i % 999
        )
        for i in range(2000)
    ]
    edges = [
        "198402292010011001",
        "198502292010011001",
        "190001011918011001",
        "189912311918011001",
        "200001012018011001",
        "200001012017121001",
        "198503122010131003",
        "198503122010013003",
        "19850312 201001 1 003",
    ]
    # Single-digit changes hit every rule: dates, months, ages, gender digit, sequence.
    mutated = []
    for nip in good:
        chars = list(nip)
        chars[rng.randrange(18)] = str(rng.randrange(10))
        mutated.append("".join(chars))
    for batch in (good, good + edges, mutated, edges):
        expected_valid, expected_invalid = [], []
        for raw in batch:
            try:
                expected_valid.append(validate_nip(raw))
            except InvalidNIP as exc:
                expected_invalid.append((raw, str(exc)))
        assert split_nips(batch) == (expected_valid, expected_invalid)
    assert split_nips([]) == ([], [])
    assert split_nips(mutated)[1], "the mutations include invalid NIPs"
