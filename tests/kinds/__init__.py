"""Tests of each document kind's text, read back from the .docx."""
