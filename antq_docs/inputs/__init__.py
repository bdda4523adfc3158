"""Reading the inputs: tables (CSV, XLSX), the units roster, the campaign file."""
