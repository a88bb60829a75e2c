"""Errors that end a command with a one-line message and a distinct exit code."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error the CLI turns into a one-line message."""

    exit_code = 1


class InputMissing(SummarizerError):
    exit_code = 3


class InputEmpty(SummarizerError):
    exit_code = 4


class InputBinary(SummarizerError):
    exit_code = 5


class InputUndecodable(SummarizerError):
    exit_code = 6


class NotAMeeting(SummarizerError):
    exit_code = 7


class ModelMissing(SummarizerError):
    exit_code = 8


class EndpointUnreachable(SummarizerError):
    exit_code = 9


class AuthenticationFailed(SummarizerError):
    exit_code = 10


class RequestTimeout(SummarizerError):
    exit_code = 11


class ValidationFailed(SummarizerError):
    exit_code = 12


class ConfigError(SummarizerError):
    exit_code = 13


class RegressionDetected(SummarizerError):
    exit_code = 14


# --- fetching a URL and reading a page ----------------------------------------------


class HttpClientError(SummarizerError):
    """The server answered 4xx: the page is gone, forbidden or the URL is wrong."""

    exit_code = 15


class HttpServerError(SummarizerError):
    """The server answered 5xx: it is failing, the page may come back later."""

    exit_code = 16


class FetchTimeout(SummarizerError):
    exit_code = 17


class HostUnreachable(SummarizerError):
    """No answer at all: the name does not resolve, the connection is refused or breaks,
    TLS fails, or the redirects never end."""

    exit_code = 18


class UnsupportedContent(SummarizerError):
    """Content that is neither an HTML page, a PDF, a Word .docx nor plain text."""

    exit_code = 19


class NoArticleText(SummarizerError):
    """A page or document read fine but holds no article text (an index page, a scan)."""

    exit_code = 20


# --- batches -------------------------------------------------------------------------


class BatchLocked(SummarizerError):
    """Another batch is writing the same results file; two writers would interleave lines."""

    exit_code = 21
