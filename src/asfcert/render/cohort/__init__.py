"""The cohort report: terminal, HTML dashboard, CSV and XLSX."""
