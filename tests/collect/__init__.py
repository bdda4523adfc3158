"""Tests of init and the collection forms."""
