"""A Query's key conditions checked against the key schema it reads, and turned
into the partition to read and the range of places within it.

A key condition names every partition-key attribute with ``=`` and, optionally,
sort-key attributes: a table or a local index has at most one, a global index up
to four (multi-attribute keys), which must be named from the left with ``=``, a
range condition (``<``, ``<=``, ``>``, ``>=``, ``BETWEEN``, ``begins_with``)
only on the last one named (AWS developer guide, "Multi-attribute keys pattern").
A partition key of several attributes is refused in the words of its sort-key
counterpart when one of them lacks its ``=``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from dynantic.testing import messages
from dynantic.testing.engine.partitions import Top
from dynantic.testing.engine.ranges import KeyRange, prefix_successor
from dynantic.testing.engine.values import AttributeValue, type_code
from dynantic.testing.errors import validation_error
from dynantic.testing.expressions import KeyCondition
from dynantic.testing.expressions.evaluate import compare_values

if TYPE_CHECKING:
    from dynantic.testing.engine.table import KeyAttribute, KeySchema
    from dynantic.testing.operations.read_target import OrderKey

__all__ = ["KeyQuery", "StartKeyCheck", "condition_holds", "plan_key_query", "sort_range"]

# The operators a key condition may use; legacy KeyConditions may carry others.
_INDEXABLE = frozenset({"EQ", "LT", "LE", "GT", "GE", "BETWEEN", "BEGINS_WITH"})

StartKeyCheck = Callable[["KeyAttribute", bool], None]
"""Checks ExclusiveStartKey's value of one key attribute (partition key or not)."""


@dataclass(frozen=True, slots=True)
class KeyQuery:
    """What a valid key condition selects: the partition, then sort conditions from
    the left (all ``EQ`` but the last)."""

    partition: dict[str, AttributeValue]
    sort: tuple[KeyCondition, ...]


def plan_key_query(
    schema: KeySchema,
    conditions: Mapping[str, KeyCondition],
    start_key: StartKeyCheck | None = None,
    *,
    index_name: str | None = None,
) -> KeyQuery:
    """Check ``conditions`` against ``schema`` in the service's order, attribute by
    attribute (each after ``start_key``'s check of the same attribute);
    ``index_name`` names the index ``schema`` is the key of, if any."""
    extra = [name for name in conditions if name not in schema.names]
    partition_count = len(schema.partition)
    if schema.sort and len(conditions) > len(schema.attributes):
        raise validation_error(
            messages.KEY_CONDITION_TOO_MANY.format(
                count=len(conditions), keys=len(schema.attributes)
            )
        )
    for position, attribute in enumerate(schema.attributes):
        is_partition = position < partition_count
        if start_key is not None:
            start_key(attribute, is_partition)
        if position == 0 and not schema.sort and len(conditions) > partition_count:
            raise validation_error(messages.KEY_CONDITION_NOT_SUPPORTED)
        condition = conditions.get(attribute.name)
        if condition is None:
            if is_partition and partition_count > 1:
                raise validation_error(
                    messages.KEY_CONDITION_PARTITION_EQUALITY.format(name=attribute.name)
                )
            if is_partition or extra:
                raise validation_error(
                    messages.KEY_CONDITION_MISSED_KEY.format(name=attribute.name)
                )
            continue
        _check_condition(
            condition,
            attribute,
            is_partition=is_partition,
            composite=partition_count > 1,
            index_name=index_name,
        )
    if extra:
        raise validation_error(messages.KEY_CONDITION_NOT_SUPPORTED)
    _check_sort_prefix(schema.sort, conditions)
    return KeyQuery(
        {a.name: conditions[a.name].values[0] for a in schema.partition},
        tuple(conditions[a.name] for a in schema.sort if a.name in conditions),
    )


def _check_condition(
    condition: KeyCondition,
    attribute: KeyAttribute,
    *,
    is_partition: bool,
    composite: bool,
    index_name: str | None,
) -> None:
    """One attribute's condition; ``composite`` when the partition key has several.

    An empty value for an index's key is refused naming the index (a Query of a
    global index through aws-sdk-go-v2 in 2024, praetorian-inc/chariot-ui issue
    353), as a write of an empty index key is."""
    if condition.operator not in _INDEXABLE:
        raise validation_error(messages.KEY_CONDITION_NOT_INDEXABLE)
    # A begins_with operand of a key type other than the attribute's (a string
    # against a number sort key) fails the schema check below; the expression's
    # own check has already refused operands no key could match.
    if any(type_code(value) != attribute.type for value in condition.values):
        raise validation_error(messages.KEY_CONDITION_TYPE_MISMATCH)
    if any(value in {"", b""} for value in condition.values):
        kind = "string" if attribute.type == "S" else "binary"
        if index_name is not None:
            raise validation_error(
                messages.INDEX_KEY_EMPTY.format(kind=kind, index=index_name, name=attribute.name)
            )
        raise validation_error(messages.ITEM_KEY_EMPTY.format(kind=kind, name=attribute.name))
    if is_partition and condition.operator != "EQ":
        if composite:
            raise validation_error(
                messages.KEY_CONDITION_PARTITION_EQUALITY.format(name=attribute.name)
            )
        raise validation_error(messages.KEY_CONDITION_NOT_SUPPORTED)


def _check_sort_prefix(
    sort: Sequence[KeyAttribute], conditions: Mapping[str, KeyCondition]
) -> None:
    """Every sort attribute before one that is named must be named with ``=``."""
    for later_position in range(1, len(sort)):
        later = sort[later_position].name
        if later not in conditions:
            continue
        for earlier_attribute in sort[:later_position]:
            earlier = conditions.get(earlier_attribute.name)
            if earlier is None or earlier.operator != "EQ":
                raise validation_error(
                    messages.KEY_CONDITION_SORT_KEY_GAP.format(
                        earlier=earlier_attribute.name, later=later
                    )
                )


def condition_holds(condition: KeyCondition, value: AttributeValue) -> bool:
    """Whether a key value satisfies one sort-key condition."""
    operator, operands = condition.operator, condition.values
    if operator == "BEGINS_WITH":
        prefix = operands[0]
        if isinstance(value, str) and isinstance(prefix, str):
            return value.startswith(prefix)
        return isinstance(value, bytes) and isinstance(prefix, bytes) and value.startswith(prefix)
    order = compare_values(value, operands[0])
    if order is None:
        return False
    if operator == "BETWEEN":
        upper = compare_values(value, operands[1])
        return order >= 0 and upper is not None and upper <= 0
    return {
        "EQ": order == 0,
        "LT": order < 0,
        "LE": order <= 0,
        "GT": order > 0,
        "GE": order >= 0,
    }[operator]


def sort_range(conditions: Sequence[KeyCondition], *, scalar: bool) -> KeyRange[OrderKey]:
    """The order keys the sort conditions select: scalars for a table, tuples
    (sort-key values, then the table key) for an index."""
    if not conditions:
        return KeyRange()
    if scalar:
        return _scalar_range(conditions[-1])
    prefix: tuple[AttributeValue | Top, ...] = tuple(c.values[0] for c in conditions[:-1])
    last = conditions[-1]
    values = last.values
    top = Top()
    # The whole of the partition's part that the equalities select.
    everything_lower: OrderKey | None = prefix or None
    everything_upper: OrderKey | None = (*prefix, top) if prefix else None
    operator = last.operator
    if operator == "EQ":
        return KeyRange((*prefix, values[0]), (*prefix, values[0], top))
    if operator in {"LT", "LE"}:
        upper = (*prefix, values[0]) if operator == "LT" else (*prefix, values[0], top)
        return KeyRange(everything_lower, upper, upper_inclusive=operator == "LE")
    if operator in {"GT", "GE"}:
        lower = (*prefix, values[0], top) if operator == "GT" else (*prefix, values[0])
        return KeyRange(lower, everything_upper, lower_inclusive=operator == "GE")
    if operator == "BETWEEN":
        return KeyRange((*prefix, values[0]), (*prefix, values[1], top))
    start = values[0]
    assert isinstance(start, str | bytes)
    successor = prefix_successor(start)
    upper_bound = (*prefix, top) if successor is None else (*prefix, successor)
    return KeyRange((*prefix, start), upper_bound, upper_inclusive=False)


def _scalar_range(condition: KeyCondition) -> KeyRange[OrderKey]:
    operator, values = condition.operator, condition.values
    bound = values[0]
    assert isinstance(bound, str | bytes | Decimal)  # key values were type-checked
    if operator == "EQ":
        return KeyRange(bound, bound)
    if operator == "LT":
        return KeyRange(upper=bound, upper_inclusive=False)
    if operator == "LE":
        return KeyRange(upper=bound)
    if operator == "GT":
        return KeyRange(lower=bound, lower_inclusive=False)
    if operator == "GE":
        return KeyRange(lower=bound)
    if operator == "BETWEEN":
        upper = values[1]
        assert isinstance(upper, str | bytes | Decimal)
        return KeyRange(bound, upper)
    assert isinstance(bound, str | bytes)
    return KeyRange(bound, prefix_successor(bound), upper_inclusive=False)
