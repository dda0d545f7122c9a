"""Import of SKP history from a workbook, for an instansi moving from spreadsheets."""
