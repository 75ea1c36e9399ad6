"""Update and projection expressions: section and path lists over the core parser."""

from __future__ import annotations

from dynantic.testing import messages
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.lexer import TokenKind
from dynantic.testing.expressions.parsed import Check, Parsed
from dynantic.testing.expressions.parser import Parser

__all__ = ["parse_projection_text", "parse_update_text"]


class _StatementParser(Parser):
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


def parse_update_text(text: str) -> Parsed[ast.UpdateExpression]:
    """Parse an update expression (uncached)."""
    parser = _StatementParser(text, "update")
    return parser.finish(parser.update())


def parse_projection_text(text: str) -> Parsed[ast.ProjectionExpression]:
    """Parse a projection expression (uncached)."""
    parser = _StatementParser(text, "projection")
    return parser.finish(parser.projection())
