"""Tests of the output folder, its journal and register, crashes and a full disk."""
