"""The pegawai service: organisation units, positions (jabatan) and employees (pegawai)."""
