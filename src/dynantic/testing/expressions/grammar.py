"""The tables that define DynamoDB's expression languages for the parser.

One parser serves every language; what differs (keywords, infix operators,
functions, the order in which the service reports problems) is data here.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

__all__ = [
    "BINDING_POWER",
    "FOREIGN_FUNCTIONS",
    "FUNCTIONS",
    "INFIX",
    "KEYWORDS",
    "MAX_IN_OPERANDS",
    "MAX_OPERATORS",
    "PARSE_ERROR_ORDER",
    "VALUE_TYPED",
    "Language",
]

Language: TypeAlias = Literal["condition", "update", "projection"]

# Infix operators and how tightly they bind: OR < AND < NOT (prefix) <
# comparisons, BETWEEN, IN < arithmetic.
BINDING_POWER: dict[str, int] = {
    "OR": 10,
    "AND": 20,
    "NOT": 30,
    "=": 40,
    "<>": 40,
    "<": 40,
    "<=": 40,
    ">": 40,
    ">=": 40,
    "BETWEEN": 40,
    "IN": 40,
    "+": 50,
    "-": 50,
}
INFIX: dict[Language, frozenset[str]] = {
    "condition": frozenset({"OR", "AND", "=", "<>", "<", "<=", ">", ">=", "BETWEEN", "IN"}),
    "update": frozenset({"+", "-"}),
    "projection": frozenset(),
}
KEYWORDS: dict[Language, frozenset[str]] = {
    "condition": frozenset({"AND", "OR", "NOT", "BETWEEN", "IN"}),
    "update": frozenset({"SET", "REMOVE", "ADD", "DELETE"}),
    "projection": frozenset(),
}
# Function names (case-sensitive) and their operand counts.
FUNCTIONS: dict[Language, dict[str, int]] = {
    "condition": {
        "attribute_exists": 1,
        "attribute_not_exists": 1,
        "attribute_type": 2,
        "begins_with": 2,
        "contains": 2,
        "size": 1,
    },
    "update": {"if_not_exists": 2, "list_append": 2},
    "projection": {},
}
# Functions the service knows from another language: in a condition,
# if_not_exists and list_append are misused rather than unknown.
FOREIGN_FUNCTIONS: dict[Language, frozenset[str]] = {
    "condition": frozenset({"if_not_exists", "list_append"}),
    "update": frozenset(),
    "projection": frozenset(),
}
# Problems found while parsing, in the order the service reports them.
PARSE_ERROR_ORDER: dict[Language, tuple[str, ...]] = {
    "condition": ("parens", "unknown_function", "misused_function", "reserved"),
    "update": ("reserved", "unknown_function", "misused_function", "section"),
    "projection": ("reserved",),
}
# Functions whose operands' types are checked once values are bound.
VALUE_TYPED = frozenset({"begins_with", "attribute_type", "size", "list_append", "+", "-"})
MAX_IN_OPERANDS = 100
MAX_OPERATORS = 300
