"""Tests of the web page (TestClient) and the browser tests (Playwright, slow)."""
