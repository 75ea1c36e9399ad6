"""The fast answer to "does this request break any constraint?".

The constraint graph of :mod:`.constraints` compiled into plain Python (see
:mod:`.codegen`): one function per container node that has something to check,
each rule inlined as its own expression, and nothing generated for the parts of
a request where the model constrains nothing. Most requests are valid, so this
is all they pay; only a request that fails is walked again by :mod:`.report`.

Values are expected to have the types their shapes call for (as botocore's
client lets them through, or as the HTTP endpoint has checked them), with
``None`` standing for an absent value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from botocore.model import StructureShape

from dynantic.testing.validation.codegen import Check, ShapeProgram, indent
from dynantic.testing.validation.constraints import ARN_PREFIX, Node, Rule

__all__ = ["compile_verdict"]

_QUICK_SKIP_AT_MOST = 3
"""A structure with this few constrained members is skipped inline when none is present."""


def compile_verdict(root: Node) -> Check:
    """``True`` for a request (a ``dict``) that breaks none of ``root``'s constraints."""
    program = ShapeProgram("service")
    entry = _VerdictCompiler(program).function(root)
    return program.compile(entry)


class _KnownGood(set[object]):
    """Strings that satisfied a node's rules, up to a bound."""

    _AT_MOST = 4096

    def __init__(self, node: Node) -> None:
        super().__init__()
        self._node = node

    def admit(self, value: object) -> bool:
        """Whether ``value`` satisfies the node's rules, remembering it if so."""
        if not all(rule.holds(value) for rule in self._node.rules_for(value)):
            return False
        if len(self) < self._AT_MOST:
            self.add(value)
        return True


class _VerdictCompiler:
    def __init__(self, program: ShapeProgram) -> None:
        self._program = program
        self._known_good: dict[Node, _KnownGood] = {}

    def function(self, node: Node) -> str:
        """The function checking what a value of ``node`` holds."""
        body: Callable[[], list[str]]
        if isinstance(node.shape, StructureShape):
            body = functools.partial(self._structure, node)
        elif node.key is not None:
            body = functools.partial(self._map, node)
        else:
            body = functools.partial(self._list, node)
        return self._program.function(node, node.shape.name, body)

    def expression(self, node: Node, var: str) -> str | None:
        """True when ``var`` (not ``None``) satisfies ``node``; ``None`` if nothing to check."""
        parts = [part for part in (self.rules(node, var), self._held(node, var)) if part]
        if len(parts) < 2:
            return parts[0] if parts else None
        return "(" + " and ".join(parts) + ")"

    def rules(self, node: Node, var: str) -> str | None:
        """``node``'s own rules on ``var``, or ``None`` when it has none.

        A pattern costs far more than the rest, and the strings held to one
        (table and index names) repeat from call to call, so a string that
        passed once is remembered as good.
        """
        if any(rule.kind == "pattern" for rule in (*node.rules, *(node.name_rules or ()))):
            known = self._known_good.setdefault(node, _KnownGood(node))
            name = self._program.constant(known, "known")
            return f"({var} in {name} or {name}.admit({var}))"
        rules = self._conjunction(node.rules, var)
        if node.name_rules is None:
            return rules
        names = self._conjunction(node.name_rules, var) or "True"
        return f"({rules or 'True'} if {var}.startswith({ARN_PREFIX!r}) else {names})"

    def _conjunction(self, rules: tuple[Rule, ...], var: str) -> str | None:
        if not rules:
            return None
        tests = [rule.expression.format(v=var, c=self._constant(rule)) for rule in rules]
        return "(" + " and ".join(tests) + ")"

    def _constant(self, rule: Rule) -> str:
        """A bound is written in place; sets and patterns are referred to by name."""
        if isinstance(rule.constant, int):
            return repr(rule.constant)
        return self._program.constant(rule.constant, rule.kind)

    def _held(self, node: Node, var: str) -> str | None:
        """The check of what ``var`` holds, skipped inline when nothing can fail."""
        if not self._holds_anything(node):
            return None
        call = f"{self.function(node)}({var})"
        constrained = [member for member in node.members if member.node.matters]
        if (
            node.members
            and not any(member.required for member in node.members)
            and len(constrained) <= _QUICK_SKIP_AT_MOST
        ):
            absent = " and ".join(f"{member.name!r} not in {var}" for member in constrained)
            return f"(({absent}) or {call})"
        return call

    @staticmethod
    def _holds_anything(node: Node) -> bool:
        if node.members:
            return any(member.required or member.node.matters for member in node.members)
        return any(child.matters for child in (node.key, node.element) if child is not None)

    def _structure(self, node: Node) -> list[str]:
        lines: list[str] = []
        for member in node.members:
            check = self.expression(member.node, "item") if member.node.matters else None
            if check is None and not member.required:
                continue
            lines.append(f"item = value.get({member.name!r})")
            if member.required:
                lines += ["if item is None:", "    return False"]
                if check is not None:
                    lines += [f"if not {check}:", "    return False"]
            else:
                lines += [f"if item is not None and not {check}:", "    return False"]
        return [*lines, "return True"]

    def _list(self, node: Node) -> list[str]:
        assert node.element is not None
        check = self.expression(node.element, "item")
        return [
            "for item in value:",
            f"    if item is not None and not {check}:",
            "        return False",
            "return True",
        ]

    def _map(self, node: Node) -> list[str]:
        assert node.key is not None
        assert node.element is not None
        keys = self.rules(node.key, "key") if node.key.matters else None
        values = self.expression(node.element, "item")
        if keys is None:
            loop = ["for item in value.values():"]
        elif values is None:
            loop = ["for key in value:"]
        else:
            loop = ["for key, item in value.items():"]
        checks = [] if keys is None else [f"if not {keys}:", "    return False"]
        if values is not None:
            checks += [f"if item is not None and not {values}:", "    return False"]
        return [*loop, *indent(checks), "return True"]
