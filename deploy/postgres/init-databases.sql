-- One database per service (each service owns its schema; none reads another's).
CREATE DATABASE pegawai;
CREATE DATABASE kompetensi;
CREATE DATABASE kinerja;
CREATE DATABASE pengembangan;
