"""Helpers shared by the test suites: a real Voilà server, kernel counting, axe-core."""
