"""What users read: charts, Dutch sentences (narrative), tables, maps and the report (PDF,
slides)."""
