"""summarizer: structured summaries of Chinese reports on business-association meetings."""

__version__ = "0.1.0"
