"""Disciplinary sanctions (hukuman disiplin, PP 94/2021): never public."""
