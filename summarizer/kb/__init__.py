"""A knowledge base across articles: who met whom, and who promised what.

``store`` opens the SQLite file and migrates its schema; ``add`` reads inputs the way the
brief does and ``build`` writes articles and derives everything else through
:mod:`summarizer.identity`; ``roles`` decides an organization's role in an event;
``query`` answers the questions, ``decide`` records merges and splits made by hand,
``export`` writes the Excel workbook, ``datasette`` its metadata; ``commands`` is the CLI.
"""
