"""Tokens of the expression languages, each with its span in the text.

The lexer never fails: a character it does not know becomes a one-character
``UNKNOWN`` token, so the parser reports it as the service does, as a syntax
error naming that token.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["EOF", "Token", "TokenKind", "syntax_error_detail", "tokenize"]


class TokenKind:
    """Token kinds (plain strings: cheap to compare)."""

    NAME = "NAME"  # attribute or function name, or a keyword
    NAME_PLACEHOLDER = "NAME_PLACEHOLDER"  # #name
    VALUE_PLACEHOLDER = "VALUE_PLACEHOLDER"  # :value
    NUMBER = "NUMBER"  # digits, as in a list index
    PUNCTUATION = "PUNCTUATION"  # ( ) [ ] , . = <> < <= > >= + -
    UNKNOWN = "UNKNOWN"
    EOF = "EOF"


class Token(NamedTuple):
    kind: str
    text: str
    start: int
    end: int


EOF = "<EOF>"

_TOKEN = re.compile(
    r"""
    (?P<NAME>[A-Za-z][A-Za-z0-9_]*)
  | (?P<NAME_PLACEHOLDER>\#[A-Za-z0-9_]+)
  | (?P<VALUE_PLACEHOLDER>:[A-Za-z0-9_]+)
  | (?P<NUMBER>[0-9]+)
  | (?P<PUNCTUATION><>|<=|>=|[()\[\],.=<>+\-])
  | (?P<UNKNOWN>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_SPACE = re.compile(r"[ \t\r\n]*")


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match is not None else position


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, whitespace skipped, ending with an EOF token."""
    tokens: list[Token] = []
    append = tokens.append
    position = _skip_space(text, 0)
    size = len(text)
    while position < size:
        match = _TOKEN.match(text, position)
        assert match is not None  # the UNKNOWN alternative matches any character
        kind = match.lastgroup
        assert kind is not None
        end = match.end()
        append(Token(kind, match.group(), position, end))
        position = _skip_space(text, end)
    append(Token(TokenKind.EOF, EOF, size, size))
    return tokens


def syntax_error_detail(text: str, tokens: list[Token], index: int) -> tuple[str, str]:
    """The ``token`` and ``near`` the service names for a syntax error at ``index``.

    ``near`` is the text from the token before the offending one to the token
    after it; at the end of the text, from the token before to the end.
    """
    token = tokens[index]
    start = tokens[index - 1].start if index > 0 else token.start
    if token.kind == TokenKind.EOF:
        return EOF, text[start:]
    following = tokens[index + 1]
    end = following.end if following.kind != TokenKind.EOF else token.end
    return token.text, text[start:end]
