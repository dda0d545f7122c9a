"""Further study (studi lanjut): tugas belajar and izin belajar of an employee, to graduation."""
