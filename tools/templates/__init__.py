"""Builders of the .docx templates in templates/, one module per template family."""
