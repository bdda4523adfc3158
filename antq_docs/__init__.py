"""antq-docs: documents of the movement "Toàn dân bảo vệ an ninh Tổ quốc", generated from data."""

__version__ = "0.1.0"
