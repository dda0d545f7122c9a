"""Import and export of positions and employees as XLSX or CSV."""
