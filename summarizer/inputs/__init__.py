"""Articles as analysts find them: text files, saved web pages, URLs, Word and PDF files.

``summarizer.inputs.load.load_article`` is the one entry; the modules beside it each do
one job: ``kinds`` (which reader), ``fetch`` and ``page_cache`` (URLs), ``charset``,
``page`` and ``published`` (HTML pages and their dates), ``word`` and ``pdf``
(documents), ``source`` (the report's ``source`` object). Nothing is imported here, so
that ``source`` can be used without loading the readers.
"""
