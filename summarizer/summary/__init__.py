"""The report's summary: how it is written and how it is checked."""
