"""Tests of the readers of inputs/ and the campaign form."""
