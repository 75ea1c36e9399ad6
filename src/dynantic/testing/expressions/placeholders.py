"""One request's ExpressionAttributeNames and ExpressionAttributeValues.

:class:`ExpressionAttributes` binds each of the request's expressions in turn
(parsing through the cache), reporting undefined placeholders and the rules
that depend on their values with the expression's own message prefix; once
every expression is bound, :meth:`~ExpressionAttributes.check_unused` reports
the names and values no expression used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache, partial
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from dynantic.testing import messages
from dynantic.testing.engine.value_layers import in_current_layer
from dynantic.testing.engine.values import (
    AttributeValue,
    WireValue,
    decode_item_sized,
    decode_value,
    item_size,
    string_size,
)
from dynantic.testing.errors import ServiceError, validation_error
from dynantic.testing.expressions import ast
from dynantic.testing.expressions.evaluate import BoundCondition
from dynantic.testing.expressions.parsed import ExpressionError, Parsed
from dynantic.testing.expressions.parsing import (
    ConditionKind,
    ExpressionKind,
    invalid_expression,
    parse_condition,
    parse_projection,
    parse_update,
)
from dynantic.testing.expressions.paths import Trie
from dynantic.testing.expressions.projection import BoundProjection, projection_trie
from dynantic.testing.expressions.update import BoundUpdate, update_trie
from dynantic.testing.expressions.validate import (
    CheckRule,
    check_message,
    check_rules,
    operand_placeholders,
)

__all__ = [
    "BoundExpressions",
    "ExpressionAttributes",
    "bind_expressions",
    "decode_expression_values",
]

RootT = TypeVar("RootT")
_NAME_KEY = re.compile(r"#[0-9A-Za-z_]+")
_VALUE_KEY = re.compile(r":[0-9A-Za-z_]+")
MAX_KEY_BYTES = 255
"""The longest placeholder key, its prefix included, in UTF-8 bytes."""
MAX_SUBSTITUTION_BYTES = 2 * 1024 * 1024
"""The most a request's ExpressionAttributeNames and ExpressionAttributeValues
hold together, each entry counted as its key's UTF-8 bytes and its name's or its
value's size (AWS's quotas page: "The maximum length of all substitution
variables in an expression is 2 MB")."""
_CONDITION_CHECKS = ("operand", "distinct", "function")
_UPDATE_CHECKS = ("operand", "function")
_PROJECTION_CHECKS = ("operand",)  # only a path too deep: projections call no function


def _names_size(names: Mapping[str, str] | None) -> int:
    """The names' share of ``MAX_SUBSTITUTION_BYTES``, refused alone over it."""
    if not names:
        return 0
    size = sum(string_size(key) + string_size(name) for key, name in names.items())
    if size > MAX_SUBSTITUTION_BYTES:
        raise validation_error(messages.NAMES_TOO_LARGE)
    return size


def _check_values_size(names_size: int, size: int) -> None:
    """Refuse values of ``size`` over ``MAX_SUBSTITUTION_BYTES`` alone, then with
    the names."""
    if size > MAX_SUBSTITUTION_BYTES:
        raise validation_error(messages.VALUES_TOO_LARGE)
    if names_size + size > MAX_SUBSTITUTION_BYTES:
        raise validation_error(messages.SUBSTITUTIONS_TOO_LARGE)


@lru_cache(maxsize=4096)
def _name_key_refusal(key: str) -> str | None:
    """Why ``key`` cannot be a name placeholder (its length is checked first), or ``None``."""
    size = string_size(key)
    if size > MAX_KEY_BYTES:
        return messages.NAMES_KEY_TOO_LONG.format(size=size)
    if _NAME_KEY.fullmatch(key) is None:
        return messages.NAMES_INVALID_KEY.format(key=key)
    return None


@lru_cache(maxsize=4096)
def _value_key_refusal(key: str) -> str | None:
    """Why ``key`` cannot be a value placeholder (its length is checked first), or ``None``."""
    if string_size(key) > MAX_KEY_BYTES:
        return messages.VALUES_KEY_TOO_LONG
    if _VALUE_KEY.fullmatch(key) is None:
        return messages.VALUES_INVALID_KEY.format(key=key)
    return None


def _check_names(names: Mapping[str, str] | None) -> None:
    if names is None:
        return
    if not names:
        raise validation_error(messages.NAMES_EMPTY)
    for key, name in names.items():
        refusal = _name_key_refusal(key)
        if refusal is not None:
            raise validation_error(refusal)
        if not name:
            raise validation_error(messages.NAMES_EMPTY_NAME.format(key=key))


def _check_value_keys(values: Mapping[str, object] | None) -> None:
    if values is None:
        return
    if not values:
        raise validation_error(messages.VALUES_EMPTY)
    for key in values:
        refusal = _value_key_refusal(key)
        if refusal is not None:
            raise validation_error(refusal)


def decode_expression_values(wire: Mapping[str, WireValue]) -> dict[str, AttributeValue]:
    """Decode wire-form ExpressionAttributeValues, naming the key of a bad value."""
    return _decode_values_sized(wire)[0]


def _decode_values_sized(wire: Mapping[str, WireValue]) -> tuple[dict[str, AttributeValue], int]:
    """:func:`decode_expression_values`, with the values' share of
    ``MAX_SUBSTITUTION_BYTES`` (keys and values, as an item's names and values)."""
    try:
        return decode_item_sized(wire)
    except ServiceError:
        pass
    for key, value in wire.items():  # again, one by one, to name the first bad one
        try:
            decode_value(value)
        except ServiceError as error:
            if in_current_layer():  # the current layer names no key
                raise
            raise validation_error(
                messages.VALUES_INVALID_VALUE.format(detail=error.message, key=key)
            ) from None
    raise AssertionError("a value failed to decode only once")  # pragma: no cover


# Tries depend on the text and on what its "#n" stand for: cache on both.
@lru_cache(maxsize=2048)
def _update_trie(parsed: Parsed[ast.UpdateExpression], resolved: tuple[str, ...]) -> Trie:
    return update_trie(parsed, dict(zip(parsed.name_placeholders, resolved, strict=True)))


@lru_cache(maxsize=2048)
def _projection_trie(parsed: Parsed[ast.ProjectionExpression], resolved: tuple[str, ...]) -> Trie:
    return projection_trie(parsed, dict(zip(parsed.name_placeholders, resolved, strict=True)))


def _earlier_failure(
    parsed: Parsed[RootT],
    undefined: str,
    names: Mapping[str, str],
    values: Mapping[str, AttributeValue],
) -> str | None:
    """The first check that fails ahead of the undefined value ``undefined``.

    A key condition is judged clause by clause in the order it is written, so an
    operand of the wrong type written before an undefined value is reported
    instead of it. A check stands where its first value placeholder first
    appears; checks that need an undefined value, or no value, are left out.
    """
    order = {placeholder: index for index, placeholder in enumerate(parsed.placeholders)}
    limit = order[undefined]
    placed: list[tuple[int, str]] = []
    for check in parsed.checks:
        used = operand_placeholders(check.node)
        if check.category == "distinct" or check.message is not None or not used:
            continue
        if any(name not in values for name in used):
            continue
        position = min(order[name] for name in used)
        if position < limit:
            message = check_message(check, names, values)
            if message is not None:
                placed.append((position, message))
    return min(placed)[1] if placed else None


class BoundExpressions(NamedTuple):
    """Every expression of one request, bound (``None`` where not given)."""

    update: BoundUpdate | None = None
    condition: BoundCondition | None = None
    key_condition: BoundCondition | None = None
    filter: BoundCondition | None = None
    projection: BoundProjection | None = None


# NamedTuple's generated constructor is a Python function; this makes the same
# tuple in C, from the fields in order (a request's binding makes one).
if TYPE_CHECKING:

    def _new_bound(
        fields: tuple[
            BoundUpdate | None,
            BoundCondition | None,
            BoundCondition | None,
            BoundCondition | None,
            BoundProjection | None,
        ],
        /,
    ) -> BoundExpressions: ...
else:
    _new_bound = partial(tuple.__new__, BoundExpressions)


class ExpressionAttributes:
    """The placeholders of one request, and which of them its expressions used."""

    __slots__ = ("_used", "names", "values")

    def __init__(
        self,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, AttributeValue] | None = None,
        *,
        values_size: int | None = None,
    ) -> None:
        """Take already-decoded values (whose share of ``MAX_SUBSTITUTION_BYTES``
        is measured unless given); refuse empty maps, malformed keys and
        placeholders too large together."""
        _check_names(names)
        _check_value_keys(values)
        if values_size is None:
            values_size = item_size(values) if values else 0
        _check_values_size(_names_size(names), values_size)
        self.names: Mapping[str, str] = names if names is not None else {}
        self.values: Mapping[str, AttributeValue] = values if values is not None else {}
        self._used: set[str] = set()

    @classmethod
    def from_wire(
        cls, names: Mapping[str, str] | None, values: Mapping[str, WireValue] | None
    ) -> ExpressionAttributes:
        """Validate in the service's order (names, value keys, values, their
        sizes) and decode."""
        _check_names(names)
        _check_value_keys(values)
        if values is None:
            return cls(names)
        decoded, size = _decode_values_sized(values)
        return cls(names, decoded, values_size=size)

    # ------------------------------------------------------------ binding
    def _bind(self, parsed: Parsed[RootT], kind: ExpressionKind) -> None:
        """Refuse undefined placeholders and note the used ones.

        An update reports its first undefined name before its first undefined
        value; the other expressions report whichever comes first.
        """
        names, values = self.names, self.values
        undefined_value: str | None = None
        for placeholder in parsed.placeholders:
            if placeholder[0] == "#":
                if placeholder not in names:
                    message = messages.NAME_NOT_DEFINED.format(name=placeholder)
                    raise invalid_expression(kind, message)
            elif placeholder not in values:
                if kind != "UpdateExpression":
                    message = messages.VALUE_NOT_DEFINED.format(name=placeholder)
                    if kind == "KeyConditionExpression":
                        message = _earlier_failure(parsed, placeholder, names, values) or message
                    raise invalid_expression(kind, message)
                undefined_value = undefined_value or placeholder
        if undefined_value is not None:
            message = messages.VALUE_NOT_DEFINED.format(name=undefined_value)
            raise invalid_expression(kind, message)
        self._used.update(parsed.placeholders)

    def _check(self, parsed: Parsed[RootT], kind: ExpressionKind, order: tuple[str, ...]) -> None:
        if not parsed.checks:
            return
        names, values = self.names, self.values
        for rule in check_rules(parsed, order):
            message = rule(names, values)
            if message is not None:
                raise invalid_expression(kind, message)

    def bind_condition(
        self, text: str, kind: ConditionKind = "ConditionExpression"
    ) -> BoundCondition:
        """Parse and bind a ConditionExpression (or a FilterExpression with ``kind``)."""
        parsed = parse_condition(text, kind)
        self._bind(parsed, kind)
        self._check(parsed, kind, _CONDITION_CHECKS)
        return BoundCondition(parsed, self.names, self.values)

    def bind_filter(self, text: str) -> BoundCondition:
        """Parse and bind a FilterExpression."""
        return self.bind_condition(text, "FilterExpression")

    def bind_key_condition(self, text: str) -> BoundCondition:
        """Parse and bind a KeyConditionExpression (see :func:`key_conditions`)."""
        return self.bind_condition(text, "KeyConditionExpression")

    def bind_update(self, text: str) -> BoundUpdate:
        """Parse and bind an UpdateExpression, refusing overlapping paths."""
        parsed = parse_update(text)
        self._bind(parsed, "UpdateExpression")
        names = self.names
        resolved = tuple(names[name] for name in parsed.name_placeholders) if names else ()
        try:
            trie = _update_trie(parsed, resolved)
        except ExpressionError as error:
            raise invalid_expression("UpdateExpression", error.detail) from None
        self._check(parsed, "UpdateExpression", _UPDATE_CHECKS)
        return BoundUpdate(parsed, self.names, self.values, trie)

    def bind_projection(self, text: str) -> BoundProjection:
        """Parse and bind a ProjectionExpression, refusing overlapping paths."""
        parsed = parse_projection(text)
        self._bind(parsed, "ProjectionExpression")
        self._check(parsed, "ProjectionExpression", _PROJECTION_CHECKS)
        names = self.names
        resolved = tuple(names[name] for name in parsed.name_placeholders) if names else ()
        try:
            trie = _projection_trie(parsed, resolved)
        except ExpressionError as error:
            raise invalid_expression("ProjectionExpression", error.detail) from None
        return BoundProjection(parsed, trie)

    def bind_all(
        self,
        *,
        UpdateExpression: str | None = None,
        ConditionExpression: str | None = None,
        KeyConditionExpression: str | None = None,
        FilterExpression: str | None = None,
        ProjectionExpression: str | None = None,
    ) -> BoundExpressions:
        """Bind a request's expressions (named as in the request) in the order the
        service checks them, then refuse unused placeholders."""
        update, condition = UpdateExpression, ConditionExpression
        key_condition, filtering = KeyConditionExpression, FilterExpression
        projection = ProjectionExpression
        bound = BoundExpressions(
            update=self.bind_update(update) if update is not None else None,
            condition=self.bind_condition(condition) if condition is not None else None,
            key_condition=(
                self.bind_key_condition(key_condition) if key_condition is not None else None
            ),
            filter=self.bind_filter(filtering) if filtering is not None else None,
            projection=self.bind_projection(projection) if projection is not None else None,
        )
        self.check_unused()
        return bound

    # ------------------------------------------------------------ after binding
    def check_unused(self) -> None:
        """Refuse names, then values, that no bound expression used."""
        used = self._used
        unused = [key for key in self.names if key not in used]
        if unused:
            raise validation_error(messages.NAMES_UNUSED.format(keys=", ".join(unused)))
        unused = [key for key in self.values if key not in used]
        if unused:
            raise validation_error(messages.VALUES_UNUSED.format(keys=", ".join(unused)))


# ---------------------------------------------------------------- binding, remembered


class _Binding(NamedTuple):
    """What binding a request's expressions found that depends only on their
    texts, the names and the keys of the values: the parsed trees, their path
    tries, and the checks that still depend on the values, in reporting order.
    A request without values is bound entirely by these: ``bound`` is its
    binding, shared (it holds no part of any request)."""

    update: tuple[Parsed[ast.UpdateExpression], Trie] | None
    condition: Parsed[ast.Condition] | None
    key_condition: Parsed[ast.Condition] | None
    filter: Parsed[ast.Condition] | None
    projection: BoundProjection | None
    rules: tuple[tuple[ExpressionKind, CheckRule], ...]
    bound: BoundExpressions | None
    names_size: int

    @classmethod
    def of(
        cls, bound: BoundExpressions, names: Mapping[str, str] | None, names_size: int
    ) -> _Binding:
        """What ``bound`` shows for later requests; ``names`` (a copy of the
        request's, or ``None``) when the request had no values; ``names_size``
        the request's names' share of ``MAX_SUBSTITUTION_BYTES``."""
        rules: list[tuple[ExpressionKind, CheckRule]] = []
        if bound.update is not None:
            kind: ExpressionKind = "UpdateExpression"
            rules.extend((kind, rule) for rule in check_rules(bound.update.parsed, _UPDATE_CHECKS))
        conditions: tuple[tuple[ExpressionKind, BoundCondition | None], ...] = (
            ("ConditionExpression", bound.condition),
            ("KeyConditionExpression", bound.key_condition),
            ("FilterExpression", bound.filter),
        )
        for kind, condition in conditions:
            if condition is not None:
                parsed = condition.parsed
                rules.extend((kind, rule) for rule in check_rules(parsed, _CONDITION_CHECKS))
        binding = cls(
            None if bound.update is None else (bound.update.parsed, bound.update.trie),
            None if bound.condition is None else bound.condition.parsed,
            None if bound.key_condition is None else bound.key_condition.parsed,
            None if bound.filter is None else bound.filter.parsed,
            bound.projection,
            tuple(rules),
            None,
            names_size,
        )
        if names is None:
            return binding
        return binding._replace(bound=binding.bind(names, _NO_VALUES))

    def bind(
        self, names: Mapping[str, str], values: Mapping[str, AttributeValue]
    ) -> BoundExpressions:
        """The expressions bound to these names and values, after the checks on the values."""
        for kind, rule in self.rules:
            message = rule(names, values)
            if message is not None:
                raise invalid_expression(kind, message)
        update, condition, key_condition, filtering = (
            self.update,
            self.condition,
            self.key_condition,
            self.filter,
        )
        return _new_bound(
            (
                None if update is None else BoundUpdate(update[0], names, values, update[1]),
                None if condition is None else BoundCondition(condition, names, values),
                None if key_condition is None else BoundCondition(key_condition, names, values),
                None if filtering is None else BoundCondition(filtering, names, values),
                self.projection,
            )
        )


_BindingKey = tuple[
    "str | None",
    "str | None",
    "str | None",
    "str | None",
    "str | None",
    "tuple[tuple[str, str], ...] | None",
    "tuple[str, ...] | None",
]
_BINDINGS: dict[_BindingKey, _Binding] = {}
_MAX_BINDINGS = 2048
_EMPTY_NAMES: Mapping[str, str] = {}
_NO_VALUES: Mapping[str, AttributeValue] = {}


def bind_expressions(
    names: Mapping[str, str] | None,
    values: Mapping[str, WireValue] | None,
    *,
    UpdateExpression: str | None = None,
    ConditionExpression: str | None = None,
    KeyConditionExpression: str | None = None,
    FilterExpression: str | None = None,
    ProjectionExpression: str | None = None,
    decoded_values: tuple[Mapping[str, AttributeValue], int] | None = None,
) -> BoundExpressions:
    """``ExpressionAttributes.from_wire(names, values).bind_all(...)``, with what
    does not depend on the values remembered from the last request that sent
    the same texts, names and value keys, so a repeated request only decodes its
    values and runs the checks that depend on them.

    ``decoded_values``: ``values`` decoded already, with their size, as
    :func:`decode_item_sized` gives them (by a caller that checked them)."""
    key: _BindingKey = (
        UpdateExpression,
        ConditionExpression,
        KeyConditionExpression,
        FilterExpression,
        ProjectionExpression,
        None if names is None else tuple(names.items()),
        None if values is None else tuple(values),
    )
    binding = _BINDINGS.get(key)
    if binding is None:
        bound = ExpressionAttributes.from_wire(names, values).bind_all(
            UpdateExpression=UpdateExpression,
            ConditionExpression=ConditionExpression,
            KeyConditionExpression=KeyConditionExpression,
            FilterExpression=FilterExpression,
            ProjectionExpression=ProjectionExpression,
        )
        if len(_BINDINGS) >= _MAX_BINDINGS:
            _BINDINGS.clear()
        # Without values, the binding is kept whole, over a copy of the names.
        kept_names = None if values is not None else dict(names or _EMPTY_NAMES)
        _BINDINGS[key] = _Binding.of(bound, kept_names, _names_size(names))
        return bound
    if binding.bound is not None:
        return binding.bound
    decoded: Mapping[str, AttributeValue] = _NO_VALUES
    if values is not None:
        decoded, size = decoded_values or _decode_values_sized(values)
        _check_values_size(binding.names_size, size)
    return binding.bind(names if names is not None else _EMPTY_NAMES, decoded)
