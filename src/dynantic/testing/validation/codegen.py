"""Compiling checks over botocore shapes into Python source, once.

A check is one generated function per container shape (structure, list, map)
that answers ``True`` when a value is acceptable; scalar checks are inlined into
their container's function as expressions, so a request costs a handful of
function calls however many attributes it holds. Functions call each other by
name, which is how recursive shapes (``AttributeValue`` → ``M`` → ``AttributeValue``)
compile without special cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import cast

from botocore.model import Shape

__all__ = ["Check", "ShapeProgram", "indent", "shape_key"]

Check = Callable[[object], bool]
"""A compiled verdict: ``True`` when the value is acceptable."""

_NOT_IDENTIFIER = re.compile(r"\W")


def shape_key(shape: Shape) -> Hashable:
    """What makes two botocore shapes check alike: the name and its traits.

    A member reference can add traits to the shape it names, so the name alone
    is not enough to share one compiled function between two uses.
    """
    return (shape.name, repr(shape.metadata), repr(shape.serialization))


def indent(lines: list[str], depth: int = 1) -> list[str]:
    """``lines`` nested ``depth`` levels deeper."""
    prefix = "    " * depth
    return [prefix + line for line in lines]


class ShapeProgram:
    """Source code for one family of checks, built up function by function.

    ``function`` hands out a function's name before its body is written, so
    a body may refer to itself through its members. ``compile`` executes the
    whole source once; the functions then live in one namespace together with
    the constants (sets, patterns, helpers) their bodies refer to.
    """

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._names: dict[Hashable, str] = {}
        self._definitions: list[str] = []
        self._namespace: dict[str, object] = {}
        self._constants: dict[int, str] = {}

    def function(self, key: Hashable, label: str, body: Callable[[], list[str]]) -> str:
        """The name of the function for ``key``, writing it with ``body`` the first time.

        ``body`` returns the statements of ``def name(value):``.
        """
        name = self._names.get(key)
        if name is None:
            name = f"_{self._prefix}_{len(self._names)}_{_NOT_IDENTIFIER.sub('_', label)}"
            self._names[key] = name
            lines = [f"def {name}(value):", *indent(body())]
            self._definitions.append("\n".join(lines))
        return name

    def constant(self, value: object, label: str = "c") -> str:
        """A name under which generated code can refer to ``value`` (this very object)."""
        found = self._constants.get(id(value))
        if found is None:
            found = f"_{label}_{len(self._constants)}"
            self._constants[id(value)] = found
            self._namespace[found] = value  # kept alive here, so its id stays its own
        return found

    def helper(self, name: str, function: Callable[..., object]) -> str:
        """Make ``function`` callable from generated code as ``name``."""
        self._namespace[name] = function
        return name

    @property
    def source(self) -> str:
        """The generated source, for reading when a check surprises."""
        return "\n\n".join(self._definitions) + "\n"

    def compile(self, entry: str) -> Check:
        """Execute the source and return the function named ``entry``."""
        code = compile(self.source, f"<dynantic {self._prefix} checks>", "exec")
        exec(code, self._namespace)  # the source is generated here, from the model
        return cast("Check", self._namespace[entry])
