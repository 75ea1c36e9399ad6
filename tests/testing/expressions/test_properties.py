"""Properties: any text and any placeholders give a result or a ValidationException,
and nothing ever modifies the item it works on."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dynantic.testing.engine.values import (
    AttributeValue,
    BinarySet,
    Item,
    NumberSet,
    StringSet,
)
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import ExpressionAttributes, key_conditions

TOKENS = [
    "a", "b", "c", "l", "m", "pk", "name", "#n", "#m", "#x", ":v", ":w", ":x",
    "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "NOT", "BETWEEN", "IN", "(", ")",
    ",", ".", "[0]", "[1]", "[7]", "[", "]", "0", "size", "attribute_exists",
    "attribute_not_exists", "attribute_type", "begins_with", "contains", "foo",
    "SET", "REMOVE", "ADD", "DELETE", "+", "-", "list_append", "if_not_exists", "#", ":", "!",
]  # fmt: skip

scalars = st.one_of(
    st.text(max_size=4),
    st.integers(-1000, 1000).map(Decimal),
    st.binary(max_size=3),
    st.booleans(),
    st.none(),
    st.sets(st.text(max_size=2), min_size=1, max_size=3).map(StringSet),
    st.sets(st.integers(0, 5).map(Decimal), min_size=1, max_size=3).map(NumberSet),
    st.sets(st.binary(max_size=2), min_size=1, max_size=3).map(BinarySet),
)
values_strategy: st.SearchStrategy[AttributeValue] = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b", "x"]), inner, max_size=3),
    ),
    max_leaves=6,
)
items = st.dictionaries(st.sampled_from(["a", "b", "c", "l", "m", "pk"]), values_strategy)
names_maps = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(["#n", "#m", "#x", "bad"]), st.sampled_from(["a", "l", "pk"])),
)
values_maps = st.one_of(
    st.none(), st.dictionaries(st.sampled_from([":v", ":w", ":x", "v"]), values_strategy)
)
texts = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join), st.text(max_size=20)
)
KINDS = ["condition", "filter", "key", "update", "projection"]


def failure(call: Callable[[], object]) -> str | None:
    """The error code ``call`` raises as the service would, or None."""
    try:
        call()
    except ServiceError as error:
        return error.code
    return None


def exercise(kind: str, text: str, attributes: ExpressionAttributes, item: Item) -> None:
    if kind == "update":
        result = attributes.bind_update(text).apply(item)
        result.updated_old()
        result.updated_new()
    elif kind == "projection":
        attributes.bind_projection(text).project(item)
    elif kind == "key":
        key_conditions(attributes.bind_key_condition(text))
    else:
        bound = attributes.bind_condition(
            text, "FilterExpression" if kind == "filter" else "ConditionExpression"
        )
        bound.evaluate(item)
        bound.evaluate(None)
    attributes.check_unused()


@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(KINDS), texts, names_maps, values_maps, items)
def test_any_input_gives_a_result_or_a_validation_exception_and_never_mutates(
    kind: str,
    text: str,
    names: dict[str, str] | None,
    values: dict[str, AttributeValue] | None,
    item: Item,
) -> None:
    before = copy.deepcopy(item)
    code = failure(lambda: exercise(kind, text, ExpressionAttributes(names, values), item))
    assert code in {None, "ValidationException"}
    assert item == before


PATHS = ["a", "b", "l[0]", "l[1]", "l[5]", "m.a", "m.x.a", "#n", "#n.a"]


@st.composite
def updates(draw: st.DrawFn) -> str:
    """Well-formed update expressions, so application itself is exercised."""
    sections = []
    for section in draw(
        st.lists(
            st.sampled_from(["SET", "REMOVE", "ADD", "DELETE"]), min_size=1, max_size=3, unique=True
        )
    ):
        paths = draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=3))
        if section == "SET":
            value = draw(
                st.sampled_from(
                    [
                        ":v",
                        ":w",
                        "a",
                        "a + :v",
                        ":v - :w",
                        "if_not_exists(b, :v)",
                        "list_append(l, :w)",
                    ]
                )
            )
            actions = [f"{path} = {value}" for path in paths]
        elif section == "REMOVE":
            actions = paths
        else:
            actions = [f"{path} {draw(st.sampled_from([':v', ':w']))}" for path in paths]
        sections.append(f"{section} {', '.join(actions)}")
    return " ".join(sections)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(updates(), values_strategy, values_strategy, items)
def test_applying_updates_never_raises_internally_nor_mutates(
    text: str, v: AttributeValue, w: AttributeValue, item: Item
) -> None:
    before = copy.deepcopy(item)
    attributes = ExpressionAttributes({"#n": "m"}, {":v": v, ":w": w})

    def apply() -> None:
        result = attributes.bind_update(text).apply(item)
        assert result.item is not item
        result.updated_new()

    assert failure(apply) in {None, "ValidationException"}
    assert item == before
