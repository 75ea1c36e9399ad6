"""One Pratt parser for DynamoDB's condition, update and projection languages.

Infix operators are driven by :data:`BINDING_POWER`; prefix forms (operands,
``NOT``, parentheses, function calls) by :meth:`_Parser.prefix`. Syntax errors
raise at once, as the service reports them. Other problems the text alone
reveals are sorted into two groups: those the service reports before it looks
at the placeholders (unknown functions, reserved words …) raise when the parse
ends, in the service's order; the rest (wrong operand counts, operand types …)
are kept on the parse result as :class:`Check` entries, for the binding step to
report after undefined placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, NoReturn, TypeAlias, TypeVar

from dynantic.testing import messages
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.lexer import Token, TokenKind, syntax_error_detail, tokenize
from dynantic.testing.expressions.reserved import is_reserved

__all__ = [
    "BINDING_POWER",
    "MAX_IN_OPERANDS",
    "MAX_OPERATORS",
    "Check",
    "ExpressionError",
    "Language",
    "Parsed",
    "parse_condition_text",
    "parse_projection_text",
    "parse_update_text",
]

Language: TypeAlias = Literal["condition", "update", "projection"]
Node: TypeAlias = "ast.Operand | ast.Condition"
RootT = TypeVar("RootT")

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
_INFIX: dict[Language, frozenset[str]] = {
    "condition": frozenset({"OR", "AND", "=", "<>", "<", "<=", ">", ">=", "BETWEEN", "IN"}),
    "update": frozenset({"+", "-"}),
    "projection": frozenset(),
}
_KEYWORDS: dict[Language, frozenset[str]] = {
    "condition": frozenset({"AND", "OR", "NOT", "BETWEEN", "IN"}),
    "update": frozenset({"SET", "REMOVE", "ADD", "DELETE"}),
    "projection": frozenset(),
}
# Function names (case-sensitive) and their operand counts.
_FUNCTIONS: dict[Language, dict[str, int]] = {
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
# Problems found while parsing, in the order the service reports them.
_PARSE_ERROR_ORDER: dict[Language, tuple[str, ...]] = {
    "condition": ("parens", "unknown_function", "misused_function", "reserved"),
    "update": ("reserved", "unknown_function", "section"),
    "projection": ("reserved",),
}
# Functions whose operands' types are checked once values are bound.
_VALUE_TYPED = frozenset({"begins_with", "attribute_type", "size", "list_append", "+", "-"})
MAX_IN_OPERANDS = 100
MAX_OPERATORS = 300
_MAX_NESTING = 100  # parentheses, NOT and function calls inside one another


class ExpressionError(Exception):
    """A problem with an expression; the caller prefixes ``Invalid <kind>: ``."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Check:
    """A rule to verify when placeholders are bound.

    ``category`` is ``"operand"``, ``"distinct"`` or ``"function"`` (the
    service reports them in that order); ``message`` is set when the text alone
    already breaks the rule.
    """

    category: str
    node: Node | ast.UpdateAction
    message: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Parsed(Generic[RootT]):
    """A parsed expression: the tree, plus what binding needs to know about it.

    Compared and hashed by identity: the parse cache hands out one per text,
    and the compiled forms are cached against it.
    """

    text: str
    root: RootT
    placeholders: tuple[str, ...]  # "#n" and ":v" in order of first appearance
    checks: tuple[Check, ...]
    name_placeholders: tuple[str, ...]  # the "#n" among them


class _Parser:
    def __init__(self, text: str, language: Language) -> None:
        self.text = text
        self.language: Language = language
        self.tokens = tokenize(text)
        if self.tokens[0].kind == TokenKind.EOF:
            raise ExpressionError(messages.EXPRESSION_EMPTY)
        self.index = 0
        self.keywords = _KEYWORDS[language]
        self.infix_operators = _INFIX[language]
        self.functions = _FUNCTIONS[language]
        self.errors: dict[str, str] = {}
        self.placeholders: dict[str, None] = {}
        self.checks: list[Check] = []
        self.grouped: set[int] = set()
        self.operators = 0
        self.depth = 0

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

    def nest(self) -> None:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise ExpressionError(messages.EXPRESSION_TOO_DEEP)

    # ------------------------------------------------------------ Pratt core
    def expression(self, power: int) -> Node:
        self.nest()
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
        self.depth -= 1
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
            right = self.condition(BINDING_POWER[operator])
            self.count_operator()
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
        """An operand where no condition may stand (``(`` groups an operand)."""
        token = self.advance()
        if token.kind == TokenKind.PUNCTUATION and token.text == "(":
            self.nest()
            inner = self.operand() if self.language == "condition" else self.set_value()
            self.expect(")")
            self.depth -= 1
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
                return ast.DocumentPath(tuple(elements))

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
        self.nest()
        self.index += 1  # "("
        args = [self.function_argument()]
        while self.at(","):
            self.index += 1
            args.append(self.function_argument())
        self.expect(")")
        self.depth -= 1
        self.count_operator()
        node = ast.FunctionCall(name, tuple(args))
        count = self.functions.get(name)
        if count is None:
            self.error("unknown_function", messages.FUNCTION_UNKNOWN.format(name=name))
            return node
        if self.language == "condition":
            self.check_misused(*node.args)
        if count != len(args):
            message = messages.OPERAND_COUNT.format(name=name, count=len(args))
            self.checks.append(Check("operand", node, message))
            return node
        if name in {"begins_with", "contains"}:
            self.check_distinct(name, node, node.args[0], node.args[1:])
        self.function_checks(name, node, node.args)
        return node

    def function_argument(self) -> ast.Operand:
        return self.set_value() if self.language == "update" else self.operand()

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
        if name in _VALUE_TYPED and any(isinstance(arg, ast.ValuePlaceholder) for arg in args):
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

    def update(self) -> ast.UpdateExpression:
        actions: list[ast.UpdateAction] = []
        seen: set[str] = set()
        while True:
            section = self.keyword(self.advance())
            if section is None:
                self.fail(self.index - 1)
            if section in seen:
                self.error("section", messages.UPDATE_SECTION_REPEATED.format(section=section))
            seen.add(section)
            actions.append(self.update_action(section))
            while self.at(","):
                self.index += 1
                actions.append(self.update_action(section))
            if self.peek().kind == TokenKind.EOF:
                return ast.UpdateExpression(tuple(actions))
            if self.keyword(self.peek()) is None:
                self.fail()

    def update_action(self, section: str) -> ast.UpdateAction:
        path = self.path(self.advance())
        if section == "REMOVE":
            return ast.RemoveAction(path)
        if section == "SET":
            self.expect("=")
            return ast.SetAction(path, self.set_value())
        token = self.advance()
        if token.kind != TokenKind.VALUE_PLACEHOLDER:
            self.fail(self.index - 1 if token.kind != TokenKind.EOF else self.index)
        self.placeholders[token.text] = None
        value = ast.ValuePlaceholder(token.text)
        action = ast.AddAction(path, value) if section == "ADD" else ast.DeleteAction(path, value)
        self.checks.append(Check("operand", action))
        return action

    # ------------------------------------------------------------ projection
    def projection(self) -> ast.ProjectionExpression:
        paths = [self.path(self.advance())]
        while self.at(","):
            self.index += 1
            paths.append(self.path(self.advance()))
        if self.peek().kind != TokenKind.EOF:
            self.fail()
        return ast.ProjectionExpression(tuple(paths))

    # ------------------------------------------------------------ entry
    def finish(self, root: RootT) -> Parsed[RootT]:
        """Raise the first problem found while parsing, else the parse result."""
        for category in _PARSE_ERROR_ORDER[self.language]:
            message = self.errors.get(category)
            if message is not None:
                raise ExpressionError(message)
        placeholders = tuple(self.placeholders)
        names = tuple(placeholder for placeholder in placeholders if placeholder[0] == "#")
        return Parsed(self.text, root, placeholders, tuple(self.checks), names)


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
    parser = _Parser(text, "condition")
    root = parser.condition(0)
    if parser.peek().kind != TokenKind.EOF:
        parser.fail()
    parser.check_size_misuse(root)
    return parser.finish(root)


def parse_update_text(text: str) -> Parsed[ast.UpdateExpression]:
    """Parse an update expression (uncached)."""
    parser = _Parser(text, "update")
    return parser.finish(parser.update())


def parse_projection_text(text: str) -> Parsed[ast.ProjectionExpression]:
    """Parse a projection expression (uncached)."""
    parser = _Parser(text, "projection")
    return parser.finish(parser.projection())
