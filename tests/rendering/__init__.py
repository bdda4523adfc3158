"""Tests of templates: filled, checked, built byte for byte; PDFs."""
