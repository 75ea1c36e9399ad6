"""One Pratt parser for DynamoDB's condition, update and projection languages.

Infix operators are driven by :data:`BINDING_POWER`; prefix forms (operands,
``NOT``, parentheses, function calls) by :meth:`Parser.prefix`. Syntax errors
raise at once, as the service reports them. Other problems the text alone
reveals are sorted into two groups: those the service reports before it looks
at the placeholders (unknown functions, reserved words …) raise when the parse
ends, in the service's order; the rest (wrong operand counts, operand types …)
are kept on the parse result as :class:`Check` entries, for the binding step to
report after undefined placeholders.
"""

from __future__ import annotations

from typing import Literal, NoReturn, TypeVar

from dynantic.testing import messages
from dynantic.testing.engine.values import MAX_NESTING_DEPTH
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.grammar import (
    BINDING_POWER,
    FOREIGN_FUNCTIONS,
    FUNCTIONS,
    INFIX,
    KEYWORDS,
    MAX_IN_OPERANDS,
    MAX_OPERATORS,
    PARSE_ERROR_ORDER,
    VALUE_TYPED,
    Language,
)
from dynantic.testing.expressions.lexer import Token, TokenKind, syntax_error_detail, tokenize
from dynantic.testing.expressions.parsed import Check, ExpressionError, Node, Parsed
from dynantic.testing.expressions.reserved import is_reserved

# Re-exported: the parse results are part of this module's interface.
__all__ = [
    "Check",
    "ExpressionError",
    "Parsed",
    "Parser",
    "parse_condition_text",
]

RootT = TypeVar("RootT")


class Parser:
    """Reads one expression's tokens; :mod:`.statements` adds updates and projections."""

    def __init__(self, text: str, language: Language) -> None:
        self.text = text
        self.language: Language = language
        self.tokens = tokenize(text)
        if self.tokens[0].kind == TokenKind.EOF:
            raise ExpressionError(messages.EXPRESSION_EMPTY)
        self.index: int = 0
        self.keywords = KEYWORDS[language]
        self.infix_operators = INFIX[language]
        self.functions = FUNCTIONS[language]
        self.errors: dict[str, str] = {}
        self.placeholders: dict[str, None] = {}
        self.checks: list[Check] = []
        self.paths: list[ast.DocumentPath] = []
        self.grouped: set[int] = set()
        self.operators: int = 0

    # ------------------------------------------------------------ tokens
    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != TokenKind.EOF:
            self.index += 1
        return token

    def fail(self, index: int | None = None) -> NoReturn:
        token, near = syntax_error_detail(
            self.text, self.tokens, self.index if index is None else index
        )
        raise ExpressionError(messages.EXPRESSION_SYNTAX_ERROR.format(token=token, near=near))

    def expect(self, text: str) -> None:
        token = self.peek()
        if token.kind != TokenKind.PUNCTUATION or token.text != text:
            self.fail()
        self.index += 1

    def at(self, text: str) -> bool:
        token = self.tokens[self.index]
        return token.kind == TokenKind.PUNCTUATION and token.text == text

    def keyword(self, token: Token) -> str | None:
        if token.kind == TokenKind.NAME:
            upper = token.text.upper()
            if upper in self.keywords:
                return upper
        return None

    def error(self, category: str, message: str) -> None:
        self.errors.setdefault(category, message)

    def count_operator(self) -> None:
        self.operators += 1
        if self.operators > MAX_OPERATORS:
            raise ExpressionError(
                messages.EXPRESSION_TOO_MANY_OPERATORS.format(count=self.operators)
            )

    # ------------------------------------------------------------ Pratt core
    def expression(self, power: int) -> Node:
        left = self.prefix(self.advance())
        while True:
            token = self.peek()
            if token.kind == TokenKind.PUNCTUATION:
                operator = token.text
            else:
                operator = self.keyword(token) or ""
            if operator not in self.infix_operators or BINDING_POWER[operator] <= power:
                break
            self.index += 1
            left = self.infix(operator, left)
        return left

    def prefix(self, token: Token) -> Node:
        word = self.keyword(token)
        if word == "NOT" and self.language == "condition":
            self.count_operator()
            return ast.Not(self.condition(BINDING_POWER["NOT"]))
        if token.kind == TokenKind.PUNCTUATION and token.text == "(":
            inner = self.expression(0)
            self.expect(")")
            if id(inner) in self.grouped:
                self.error("parens", messages.EXPRESSION_REDUNDANT_PARENTHESES)
            self.grouped.add(id(inner))
            return inner
        return self.atom(token)

    def atom(self, token: Token) -> ast.Operand:
        """A path, a ``:value`` or a function call (``token`` is consumed)."""
        if token.kind == TokenKind.VALUE_PLACEHOLDER:
            self.placeholders[token.text] = None
            return ast.ValuePlaceholder(token.text)
        if token.kind == TokenKind.NAME and self.keyword(token) is None and self.at("("):
            return self.function_call(token.text)
        return self.path(token)

    def infix(self, operator: str, left: Node) -> Node:
        if operator in {"AND", "OR"}:
            left_condition = _as_condition(left)
            if left_condition is None:
                self.fail(self.index - 1)
            self.count_operator()
            right = self.condition(BINDING_POWER[operator])
            self.check_size_misuse(left_condition)
            self.check_size_misuse(right)
            if operator == "AND":
                return ast.And(left_condition, right)
            return ast.Or(left_condition, right)
        operand = _as_operand(left)
        if operand is None:
            self.fail(self.index - 1)
        self.count_operator()
        comparator = _COMPARATORS.get(operator)
        if comparator is not None:
            return self.comparison(comparator, operand)
        if operator == "BETWEEN":
            return self.between(operand)
        if operator == "IN":
            return self.in_list(operand)
        return self.arithmetic("+" if operator == "+" else "-", operand)

    # ------------------------------------------------------------ conditions
    def condition(self, power: int) -> ast.Condition:
        node = self.expression(power)
        condition = _as_condition(node)
        if condition is None:
            self.fail()
        return condition

    def operand(self) -> ast.Operand:
        """An operand where no condition may stand.

        In a condition ``(`` groups an operand; in an update, function
        arguments and the right side of ``+``/``-`` are bare operands.
        """
        token = self.advance()
        if token.kind == TokenKind.PUNCTUATION and token.text == "(":
            if self.language != "condition":
                self.fail(self.index - 1)
            inner = self.operand()
            self.expect(")")
            if id(inner) in self.grouped:
                self.error("parens", messages.EXPRESSION_REDUNDANT_PARENTHESES)
            self.grouped.add(id(inner))
            return inner
        return self.atom(token)

    def comparison(self, operator: ast.ComparisonOperator, left: ast.Operand) -> ast.Comparison:
        right = self.operand()
        node = ast.Comparison(operator, left, right)
        self.check_misused(left, right)
        self.check_distinct(operator, node, left, (right,))
        if operator not in {"=", "<>"}:
            self.checks.append(Check("function", node))
        return node

    def between(self, operand: ast.Operand) -> ast.Between:
        lower = self.operand()
        if self.keyword(self.peek()) != "AND":
            self.fail()
        self.index += 1
        upper = self.operand()
        node = ast.Between(operand, lower, upper)
        self.check_misused(operand, lower, upper)
        self.checks.append(Check("function", node))
        return node

    def in_list(self, operand: ast.Operand) -> ast.In:
        self.expect("(")
        candidates = [self.operand()]
        while self.at(","):
            self.index += 1
            candidates.append(self.operand())
        self.expect(")")
        if len(candidates) > MAX_IN_OPERANDS:
            raise ExpressionError(messages.IN_TOO_MANY_OPERANDS.format(count=len(candidates)))
        node = ast.In(operand, tuple(candidates))
        self.check_misused(operand, *candidates)
        return node

    def check_misused(self, *operands: ast.Operand) -> None:
        """Only ``size`` may stand where a value is compared."""
        for operand in operands:
            if isinstance(operand, ast.FunctionCall) and operand.name != "size":
                self.error("misused_function", messages.FUNCTION_MISUSED.format(name=operand.name))

    def check_size_misuse(self, condition: ast.Condition) -> None:
        """``size`` alone is a value, not a condition."""
        if isinstance(condition, ast.FunctionCall) and condition.name == "size":
            self.error("misused_function", messages.FUNCTION_MISUSED.format(name="size"))

    def check_distinct(
        self, operator: str, node: Node, first: ast.Operand, rest: tuple[ast.Operand, ...]
    ) -> None:
        if isinstance(first, ast.DocumentPath) and any(
            isinstance(other, ast.DocumentPath) and len(other.elements) == len(first.elements)
            for other in rest
        ):
            self.checks.append(Check("distinct", node))

    # ------------------------------------------------------------ operands
    def path(self, token: Token) -> ast.DocumentPath:
        elements: list[ast.PathElement] = [self.path_name(token)]
        while True:
            if self.at("."):
                self.index += 1
                elements.append(self.path_name(self.advance()))
            elif self.at("["):
                self.index += 1
                number = self.peek()
                if number.kind != TokenKind.NUMBER:
                    self.fail()
                self.index += 1
                self.expect("]")
                elements.append(int(number.text))
            else:
                path = ast.DocumentPath(tuple(elements))
                self.paths.append(path)
                if len(elements) > MAX_NESTING_DEPTH:
                    # Each name and each [index] is a level, as in a stored value.
                    message = messages.PATH_TOO_DEEP.format(levels=len(elements))
                    self.checks.append(Check("operand", path, message))
                return path

    def path_name(self, token: Token) -> str | ast.NamePlaceholder:
        if token.kind == TokenKind.NAME_PLACEHOLDER:
            self.placeholders[token.text] = None
            return ast.NamePlaceholder(token.text)
        if token.kind != TokenKind.NAME or self.keyword(token) is not None:
            self.fail(self.index - 1 if token.kind != TokenKind.EOF else self.index)
        if is_reserved(token.text):
            self.error("reserved", messages.RESERVED_KEYWORD.format(name=token.text))
        return token.text

    def function_call(self, name: str) -> ast.FunctionCall:
        """``name(args)``; function calls do not count towards the operator limit."""
        self.index += 1  # "("
        args = [self.operand()]
        while self.at(","):
            self.index += 1
            args.append(self.operand())
        self.expect(")")
        node = ast.FunctionCall(name, tuple(args))
        count = self.functions.get(name)
        if count is None:
            if name in FOREIGN_FUNCTIONS[self.language]:
                self.error("misused_function", messages.FUNCTION_MISUSED.format(name=name))
            else:
                self.error("unknown_function", messages.FUNCTION_UNKNOWN.format(name=name))
            return node
        if self.language == "condition":
            self.check_misused(*node.args)
        elif any(isinstance(arg, ast.FunctionCall) and arg.name == "list_append" for arg in args):
            # list_append nests in no function, not even in itself.
            self.error("misused_function", messages.FUNCTION_MISUSED.format(name="list_append"))
        if count != len(args):
            message = messages.OPERAND_COUNT.format(name=name, count=len(args))
            self.checks.append(Check("operand", node, message))
            return node
        if name in {"begins_with", "contains"}:
            self.check_distinct(name, node, node.args[0], node.args[1:])
        self.function_checks(name, node, node.args)
        return node

    def function_checks(self, name: str, node: Node, args: tuple[ast.Operand, ...]) -> None:
        """Record the operand rules of ``name``; report at once those the text breaks."""
        if name in {"attribute_exists", "attribute_not_exists", "if_not_exists"}:
            if not isinstance(args[0], ast.DocumentPath):
                message = messages.OPERAND_NOT_PATH.format(name=name)
                self.checks.append(Check("function", node, message))
            return
        # size() yields a number: never a valid operand of these.
        if name in {"begins_with", "size", "attribute_type"} and any(
            isinstance(arg, ast.FunctionCall) and arg.name == "size" for arg in args
        ):
            message = messages.OPERAND_TYPE.format(name=name, type="N")
            self.checks.append(Check("function", node, message))
            return
        if name == "attribute_type" and not isinstance(args[1], ast.ValuePlaceholder):
            message = messages.OPERAND_TYPE.format(name=name, type=messages.ATTRIBUTE_TYPE_ANY)
            self.checks.append(Check("function", node, message))
            return
        if name in VALUE_TYPED and any(isinstance(arg, ast.ValuePlaceholder) for arg in args):
            self.checks.append(Check("function", node))

    # ------------------------------------------------------------ update
    def set_value(self) -> ast.Operand:
        node = self.expression(0)
        operand = _as_operand(node)
        assert operand is not None  # the update language has no conditions
        return operand

    def arithmetic(self, operator: Literal["+", "-"], left: ast.Operand) -> ast.Arithmetic:
        if isinstance(left, ast.Arithmetic) and id(left) not in self.grouped:
            self.fail(self.index - 1)
        right = self.operand()
        node = ast.Arithmetic(operator, left, right)
        self.function_checks(operator, node, (left, right))
        return node

    # ------------------------------------------------------------ entry
    def finish(self, root: RootT) -> Parsed[RootT]:
        """Raise the first problem found while parsing, else the parse result."""
        for category in PARSE_ERROR_ORDER[self.language]:
            message = self.errors.get(category)
            if message is not None:
                raise ExpressionError(message)
        placeholders = tuple(self.placeholders)
        names = tuple(placeholder for placeholder in placeholders if placeholder[0] == "#")
        return Parsed(self.text, root, placeholders, tuple(self.checks), names, tuple(self.paths))


def _as_condition(node: Node) -> ast.Condition | None:
    if isinstance(
        node, ast.Comparison | ast.Between | ast.In | ast.And | ast.Or | ast.Not | ast.FunctionCall
    ):
        return node
    return None


def _as_operand(node: Node) -> ast.Operand | None:
    if isinstance(
        node, ast.DocumentPath | ast.ValuePlaceholder | ast.FunctionCall | ast.Arithmetic
    ):
        return node
    return None


_COMPARATORS: dict[str, ast.ComparisonOperator] = {
    "=": "=",
    "<>": "<>",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
}


def parse_condition_text(text: str) -> Parsed[ast.Condition]:
    """Parse a condition, filter or key condition (uncached)."""
    parser = Parser(text, "condition")
    root = parser.condition(0)
    if parser.peek().kind != TokenKind.EOF:
        parser.fail()
    parser.check_size_misuse(root)
    return parser.finish(root)
