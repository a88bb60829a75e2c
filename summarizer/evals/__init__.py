"""Evaluation of reports against golden files."""
