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
