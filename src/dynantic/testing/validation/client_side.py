"""What a real boto3 client refuses before it sends anything.

botocore's ``ParamValidator`` walks the input shape on every call, which costs
more than the in-memory DynamoDB's whole budget per call. Here the same rules
are compiled once per operation into plain Python (see :mod:`.codegen`) that
only decides *whether* a request is acceptable. When it is not, botocore's own
validator writes the report, so the ``ParamValidationError`` text is botocore's
by construction.

The rules mirror ``botocore.validate`` exactly: structures and maps are
``dict``; lists are ``list`` or ``tuple``; strings ``str``; integers and longs
``int`` (so ``bool`` passes); floats and doubles ``float``, ``Decimal`` or
``int``; booleans ``bool``; blobs ``bytes``, ``bytearray``, ``str`` or anything
with ``read``; timestamps whatever botocore can parse. Only ``min`` is checked
(string and list lengths, number values; a host label has an implicit minimum
of 1), never ``max``, ``enum`` or ``pattern``, and a map's size is not checked
at all. Tagged unions take exactly one member.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable, Mapping
from typing import cast

from botocore.exceptions import ParamValidationError
from botocore.model import ListShape, MapShape, Shape, StructureShape
from botocore.utils import is_json_value_header, parse_to_aware_datetime
from botocore.validate import ParamValidator

from dynantic.testing.model import input_shape
from dynantic.testing.validation.codegen import Check, ShapeProgram, indent, shape_key

__all__ = ["check_request", "compile_input_check", "compile_shape_check"]


def check_request(operation_name: str, params: Mapping[str, object]) -> None:
    """Raise ``ParamValidationError`` exactly as a boto3 client would for ``params``."""
    check = _CHECKS.get(operation_name)
    if check is None:
        check = _CHECKS[operation_name] = compile_input_check(operation_name)
    if check(params):
        return
    report = ParamValidator().validate(params, input_shape(operation_name))
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())


_CHECKS: dict[str, Check] = {}


def compile_input_check(operation_name: str) -> Check:
    """The compiled verdict for one operation's input, as botocore would judge it."""
    return compile_shape_check(input_shape(operation_name))


def compile_shape_check(shape: Shape, *, bytes_blobs: bool = False) -> Check:
    """The compiled verdict for values of any one shape, as botocore would judge
    them; with ``bytes_blobs``, stricter in one respect: blobs only as ``bytes``
    or ``bytearray`` (not as ``str`` or a file object)."""
    program = ShapeProgram("bytes_blobs" if bytes_blobs else "client")
    program.helper("_Decimal", decimal.Decimal)
    program.helper("_is_timestamp", _is_timestamp)
    compiler = _ClientCompiler(program, bytes_blobs=bytes_blobs)
    if shape.type_name in ("list", "map") or (
        isinstance(shape, StructureShape) and not shape.is_document_type
    ):
        entry = compiler.function(shape)
    else:
        check = compiler.expression(shape, "value")
        entry = program.function(
            ("entry", shape_key(shape)), shape.name, lambda: [f"return {check}"]
        )
    return program.compile(entry)


def _is_timestamp(value: object) -> bool:
    """Whether botocore accepts ``value`` as a timestamp (a datetime or parseable text)."""
    try:
        parse_to_aware_datetime(value)  # type: ignore[arg-type]  # any value may be given; botocore tries them all
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def _delegate(shape: Shape) -> Callable[[object], bool]:
    """botocore's own verdict, for shapes with rules of their own (documents, JSON headers)."""

    def check(value: object) -> bool:
        params = cast("Mapping[str, object]", value)  # botocore walks any value from here
        return not ParamValidator().validate(params, shape).has_errors()

    return check


class _ClientCompiler:
    """Writes one function per container shape into a :class:`ShapeProgram`."""

    def __init__(self, program: ShapeProgram, *, bytes_blobs: bool) -> None:
        self._program = program
        self._bytes_blobs = bytes_blobs

    def function(self, shape: Shape) -> str:
        """The generated function name checking ``shape``."""
        body: Callable[[], list[str]]
        if isinstance(shape, StructureShape):
            body = functools.partial(self._structure, shape)
        elif isinstance(shape, ListShape):
            body = functools.partial(self._list, shape)
        else:
            assert isinstance(shape, MapShape)
            body = functools.partial(self._map, shape)
        return self._program.function(shape_key(shape), shape.name, body)

    def expression(self, shape: Shape, var: str) -> str:
        """A Python expression that is true when ``var`` is acceptable for ``shape``."""
        if is_json_value_header(shape) or (
            isinstance(shape, StructureShape) and shape.is_document_type
        ):
            name = self._program.constant(_delegate(shape), "special")
            return f"{name}({var})"
        kind = shape.type_name
        if kind == "structure":
            quick = _quick_structure(shape, var)
            full = f"{self.function(shape)}({var})"
            return f"({quick} or {full})" if quick else full
        if kind in ("list", "map"):
            return f"{self.function(shape)}({var})"
        if kind == "string":
            return _with_minimum(f"isinstance({var}, str)", f"len({var})", shape)
        if kind in ("integer", "long"):
            return _with_minimum(f"isinstance({var}, int)", var, shape)
        if kind in ("float", "double"):
            return _with_minimum(f"isinstance({var}, (float, _Decimal, int))", var, shape)
        if kind == "boolean":
            return f"isinstance({var}, bool)"
        if kind == "blob" and self._bytes_blobs:
            return f"isinstance({var}, (bytes, bytearray))"
        if kind == "blob":
            return f"(isinstance({var}, (bytes, bytearray, str)) or hasattr({var}, 'read'))"
        if kind == "timestamp":
            return f"_is_timestamp({var})"
        raise ValueError(f"botocore has no rule for shapes of type {kind!r}")

    def _structure(self, shape: StructureShape) -> list[str]:
        lines = ["if not isinstance(value, dict):", "    return False"]
        if shape.is_tagged_union:
            lines += ["if len(value) != 1:", "    return False"]
        required = shape.metadata.get("required", [])
        if required:
            present = " and ".join(f"{name!r} in value" for name in required)
            lines += [f"if not ({present}):", "    return False"]
        if not shape.members:
            return [*lines, "return not value"]
        lines.append("for key, item in value.items():")
        branch = "if"
        for group, members in self._members_by_check(shape).items():
            test = f"key == {members[0]!r}"
            if len(members) > 1:
                test = f"key in {self._program.constant(frozenset(members), 'names')}"
            lines += indent([f"{branch} {test}:", f"    if not {group}:", "        return False"])
            branch = "elif"
        lines += indent(["else:", "    return False"])
        return [*lines, "return True"]

    def _members_by_check(self, shape: StructureShape) -> dict[str, list[str]]:
        """Member names grouped by the check their values get, in model order."""
        groups: dict[str, list[str]] = {}
        for name, member in shape.members.items():
            groups.setdefault(self.expression(member, "item"), []).append(name)
        return groups

    def _list(self, shape: ListShape) -> list[str]:
        lines = ["if not isinstance(value, (list, tuple)):", "    return False"]
        minimum = _minimum(shape)
        if minimum is not None:
            lines += [f"if len(value) < {minimum!r}:", "    return False"]
        element = self.expression(shape.member, "item")
        return [
            *lines,
            "for item in value:",
            f"    if not {element}:",
            "        return False",
            "return True",
        ]

    def _map(self, shape: MapShape) -> list[str]:
        key = self.expression(shape.key, "key")
        value = self.expression(shape.value, "item")
        return [
            "if not isinstance(value, dict):",
            "    return False",
            "for key, item in value.items():",
            f"    if not ({key} and {value}):",
            "        return False",
            "return True",
        ]


# At most this many string members are tried by a structure's quick test.
_QUICK_MEMBERS_AT_MOST = 3


def _quick_structure(shape: Shape, var: str) -> str | None:
    """An expression accepting, without a call, the commonest acceptable value of
    a structure with no required members: a dict holding one string member with
    no minimum length (``{"S": "x"}`` for an AttributeValue). ``None`` where no
    such test applies; values it does not accept get the full check."""
    if not isinstance(shape, StructureShape) or shape.is_document_type:
        return None
    if shape.metadata.get("required"):
        return None
    names = [
        name
        for name, member in shape.members.items()
        if member.type_name == "string" and _minimum(member) is None
    ]
    if not names or len(names) > _QUICK_MEMBERS_AT_MOST:
        return None
    members = " or ".join(f"type({var}.get({name!r})) is str" for name in names)
    return f"(type({var}) is dict and len({var}) == 1 and ({members}))"


def _minimum(shape: Shape) -> object | None:
    """The lower bound botocore checks: the model's ``min``, or 1 for a host label."""
    if "min" in shape.metadata:
        minimum: object = shape.metadata["min"]
        return minimum
    if shape.serialization.get("hostLabel"):
        return 1
    return None


def _with_minimum(type_test: str, measured: str, shape: Shape) -> str:
    minimum = _minimum(shape)
    if minimum is None:
        return type_test
    # botocore refuses `measured < minimum`; `not (… < …)` keeps NaN on its side.
    return f"({type_test} and not ({measured} < {minimum!r}))"
