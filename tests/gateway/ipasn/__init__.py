"""The IP ASN pure core."""
