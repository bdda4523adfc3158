"""Tests of check and lint."""
