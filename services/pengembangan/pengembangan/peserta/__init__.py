"""Enrollment (peserta): the participants an approval enrolled, their attendance and outcome."""
