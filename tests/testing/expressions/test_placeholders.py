"""Binding a request's placeholders: undefined, unused, empty and malformed ones."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from dynantic.testing.engine.value_layers import checks_in_older_layer
from dynantic.testing.engine.values import AttributeValue
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import (
    ExpressionAttributes,
    bind_expressions,
    decode_expression_values,
)


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(ServiceError) as info:
        call()
    assert info.value.code == "ValidationException"
    return info.value.message


def test_an_undefined_name_is_refused_with_the_expression_kind() -> None:
    attributes = ExpressionAttributes(None, {":v": "x"})
    assert refusal(lambda: attributes.bind_condition("#n = :v")) == (
        "Invalid ConditionExpression: An expression attribute name used in the document path "
        "is not defined; attribute name: #n"
    )


def test_an_undefined_value_is_refused_with_the_expression_kind() -> None:
    attributes = ExpressionAttributes()
    assert refusal(lambda: attributes.bind_filter("a = :v")) == (
        "Invalid FilterExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :v"
    )


def test_a_condition_reports_the_first_undefined_placeholder_in_text_order() -> None:
    attributes = ExpressionAttributes({"#x": "x"}, {":x": "x"})
    assert refusal(lambda: attributes.bind_condition(":v = #n")).endswith("attribute value: :v")


def test_an_update_reports_undefined_names_before_undefined_values() -> None:
    attributes = ExpressionAttributes({"#x": "x"}, {":x": "x"})
    assert refusal(lambda: attributes.bind_update("SET a = :v, #n = :x")).endswith(
        "attribute name: #n"
    )


def test_unused_names_are_refused_after_every_expression_is_bound() -> None:
    attributes = ExpressionAttributes({"#a": "a", "#b": "b", "#c": "c"}, {":v": "x"})
    attributes.bind_condition("#a = :v")
    attributes.bind_projection("#c")
    assert refusal(attributes.check_unused) == (
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"
    )


def test_unused_values_are_refused_after_unused_names() -> None:
    attributes = ExpressionAttributes({"#a": "a"}, {":v": "x", ":w": "y", ":z": "z"})
    attributes.bind_condition("a = :v")
    assert "ExpressionAttributeNames unused" in refusal(attributes.check_unused)
    attributes.bind_condition("#a = :v")
    assert refusal(attributes.check_unused) == (
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w, :z}"
    )


def test_placeholders_used_by_any_expression_of_the_request_count_as_used() -> None:
    attributes = ExpressionAttributes({"#a": "a"}, {":v": "x", ":w": "y"})
    attributes.bind_update("SET #a = :v")
    attributes.bind_condition("b = :w")
    attributes.check_unused()


def test_empty_maps_are_refused() -> None:
    assert refusal(lambda: ExpressionAttributes({}, None)) == (
        "ExpressionAttributeNames must not be empty"
    )
    assert refusal(lambda: ExpressionAttributes(None, {})) == (
        "ExpressionAttributeValues must not be empty"
    )


def test_names_are_checked_before_values() -> None:
    assert refusal(lambda: ExpressionAttributes.from_wire({}, {})) == (
        "ExpressionAttributeNames must not be empty"
    )


def test_malformed_placeholder_keys_are_refused() -> None:
    assert refusal(lambda: ExpressionAttributes({"n": "a"})) == (
        'ExpressionAttributeNames contains invalid key: Syntax error; key: "n"'
    )
    assert refusal(lambda: ExpressionAttributes(None, {"#v": "a"})) == (
        'ExpressionAttributeValues contains invalid key: Syntax error; key: "#v"'
    )


def test_placeholder_keys_longer_than_255_bytes_are_refused_before_their_syntax() -> None:
    assert ExpressionAttributes({"#" + "a" * 254: "a"}, {":" + "v" * 254: "x"}).names
    assert refusal(lambda: ExpressionAttributes({"#" + "a" * 255: "a"})) == (
        "ExpressionAttributeNames contains invalid key: The expression attribute map "
        "contains a key that is too long; size of key: 256"
    )
    assert refusal(lambda: ExpressionAttributes({"#" + "é" * 128 + "-": "a"})) == (
        "ExpressionAttributeNames contains invalid key: The expression attribute map "
        "contains a key that is too long; size of key: 258"
    )
    assert refusal(lambda: ExpressionAttributes(None, {":" + "v" * 255 + "-": "x"})) == (
        "ExpressionAttributeValues contains invalid key: The expression attribute map "
        "contains a key that is too long;"
    )


def test_placeholders_hold_at_most_2_mb_together() -> None:
    limit = 2 * 1024 * 1024
    name = "n" * 65535
    names = {f"#n{index:02}": name for index in range(31)}  # 4 + 65,535 bytes each
    names_size = 31 * (4 + 65535)
    assert ExpressionAttributes(names).names
    assert refusal(lambda: ExpressionAttributes({**names, "#n31": name, "#n32": name})) == (
        "ExpressionAttributeNames exceeds max size"
    )
    room = limit - names_size
    fits: dict[str, AttributeValue] = {":v": "x" * (room - 2)}  # key 2 bytes, value the rest
    assert ExpressionAttributes(names, fits).values
    over: dict[str, AttributeValue] = {":v": "x" * (room - 1)}
    assert refusal(lambda: ExpressionAttributes(names, over)) == (
        "Combined size of ExpressionAttributeNames and ExpressionAttributeValues exceeds max size"
    )
    values: dict[str, AttributeValue] = {f":v{index}": "x" * 400_000 for index in range(6)}
    assert refusal(lambda: ExpressionAttributes({"#a": "a"}, values)) == (
        "ExpressionAttributeValues exceeds max size"
    )
    # A request like an earlier one, whose binding is remembered, is held to it too.
    condition = " OR ".join(f"a = :v{index}" for index in range(6))
    small = {f":v{index}": {"S": "x"} for index in range(6)}
    assert bind_expressions(None, small, ConditionExpression=condition).condition
    large = {f":v{index}": {"S": "x" * 400_000} for index in range(6)}
    assert refusal(lambda: bind_expressions(None, large, ConditionExpression=condition)) == (
        "ExpressionAttributeValues exceeds max size"
    )


def test_an_empty_attribute_name_is_refused_naming_its_key() -> None:
    assert refusal(lambda: ExpressionAttributes({"#a": ""})) == (
        "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a"
    )


def test_an_invalid_value_is_refused_naming_its_key_in_the_older_layer() -> None:
    with checks_in_older_layer():
        assert refusal(lambda: decode_expression_values({":v": {"N": "12e"}})) == (
            "ExpressionAttributeValues contains invalid value: The parameter cannot be "
            "converted to a numeric value: 12e for key :v"
        )
        assert refusal(lambda: ExpressionAttributes.from_wire(None, {":s": {"NS": []}})) == (
            "ExpressionAttributeValues contains invalid value: One or more parameter values "
            "were invalid: An number set  may not be empty for key :s"
        )


def test_an_invalid_value_is_refused_bare_in_the_current_layer() -> None:
    assert refusal(lambda: decode_expression_values({":v": {"N": "12e"}})) == (
        "The parameter cannot be converted to a numeric value: 12e"
    )


def test_from_wire_decodes_values() -> None:
    attributes = ExpressionAttributes.from_wire(None, {":v": {"N": "1.50"}})
    assert attributes.values == {":v": Decimal("1.5")}


def test_names_resolved_per_request_share_one_cached_parse() -> None:
    first = ExpressionAttributes({"#n": "a"}, {":v": "x"}).bind_condition("#n = :v")
    second = ExpressionAttributes({"#n": "b"}, {":v": "x"}).bind_condition("#n = :v")
    assert first.parsed is second.parsed
    assert first.evaluate({"a": "x"})
    assert not second.evaluate({"a": "x"})
    assert second.evaluate({"b": "x"})


def test_comparing_a_path_with_itself_is_refused() -> None:
    attributes = ExpressionAttributes({"#a": "a"})
    assert refusal(lambda: attributes.bind_condition("#a = a")) == (
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: =, first operand: [a]"
    )
    assert "operator: begins_with, first operand: [a, b]" in refusal(
        lambda: ExpressionAttributes().bind_condition("begins_with(a.b, a.b)")
    )


@pytest.mark.parametrize(
    ("text", "values", "message"),
    [
        (
            "begins_with(a, :v)",
            {":v": Decimal(1)},
            "Incorrect operand type for operator or function; "
            "operator or function: begins_with, operand type: N",
        ),
        (
            "attribute_type(a, :t)",
            {":t": "X"},
            "Invalid attribute type name found; type: X, "
            "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
        ),
        (
            "attribute_type(a, :t)",
            {":t": Decimal(1)},
            "Incorrect operand type for operator or function; "
            "operator or function: attribute_type, operand type: N",
        ),
        (
            "size(:v) = :n",
            {":v": Decimal(2), ":n": Decimal(1)},
            "Incorrect operand type for operator or function; "
            "operator or function: size, operand type: N",
        ),
        (
            "a < :v",
            {":v": True},
            "Incorrect operand type for operator or function; "
            "operator or function: <, operand type: BOOL",
        ),
        (
            "a BETWEEN :a AND :b",
            {":a": Decimal(2), ":b": Decimal(1)},
            "The BETWEEN operator requires upper bound to be greater than or equal to lower "
            "bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: "
            "AttributeValue: {N:1}",
        ),
        (
            "a BETWEEN :a AND :b",
            {":a": Decimal(2), ":b": "x"},
            "The BETWEEN operator requires same data type for lower and upper bounds; lower "
            "bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {S:x}",
        ),
        (
            "a BETWEEN :a AND :b",
            {":a": None, ":b": None},
            "Incorrect operand type for operator or function; "
            "operator or function: BETWEEN, operand type: NULL",
        ),
    ],
)
def test_operand_types_known_from_the_values_are_checked_when_binding(
    text: str, values: dict[str, AttributeValue], message: str
) -> None:
    attributes = ExpressionAttributes(None, values)
    assert refusal(lambda: attributes.bind_condition(text)) == (
        f"Invalid ConditionExpression: {message}"
    )


def test_wrong_operand_counts_are_reported_after_undefined_placeholders() -> None:
    assert refusal(lambda: ExpressionAttributes().bind_condition("begins_with(a, :v, :w)")) == (
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :v"
    )
    attributes = ExpressionAttributes(None, {":v": "x", ":w": "y"})
    assert refusal(lambda: attributes.bind_condition("begins_with(a, :v, :w)")) == (
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
        "operator or function: begins_with, number of operands: 3"
    )


_DEEP_PATH = "a" + ".b" * 31 + "[0]"  # 33 levels


@pytest.mark.parametrize(
    ("kind", "bind"),
    [
        ("ConditionExpression", lambda a: a.bind_condition(f"attribute_exists({_DEEP_PATH})")),
        ("FilterExpression", lambda a: a.bind_filter(f"{_DEEP_PATH} = :v")),
        ("UpdateExpression", lambda a: a.bind_update(f"SET {_DEEP_PATH} = :v")),
        ("ProjectionExpression", lambda a: a.bind_projection(_DEEP_PATH)),
    ],
)
def test_a_document_path_deeper_than_32_levels_is_refused_in_every_expression(
    kind: str, bind: Callable[[ExpressionAttributes], object]
) -> None:
    assert refusal(lambda: bind(ExpressionAttributes(None, {":v": "x"}))) == (
        f"Invalid {kind}: The document path has too many nesting levels; nesting levels: 33"
    )
    ExpressionAttributes().bind_projection("a" + ".b" * 30 + "[0]")  # 32 levels


def test_a_path_too_deep_is_reported_after_undefined_names() -> None:
    attributes = ExpressionAttributes()
    assert refusal(lambda: attributes.bind_projection("#a" + ".b" * 32)) == (
        "Invalid ProjectionExpression: An expression attribute name used in the document path "
        "is not defined; attribute name: #a"
    )


def test_functions_needing_a_path_refuse_a_value() -> None:
    attributes = ExpressionAttributes(None, {":v": "x"})
    assert refusal(lambda: attributes.bind_condition("attribute_exists(:v)")) == (
        "Invalid ConditionExpression: Operator or function requires a document path; "
        "operator or function: attribute_exists"
    )


def test_equality_accepts_values_of_any_type() -> None:
    attributes = ExpressionAttributes(None, {":v": True, ":w": None})
    assert not attributes.bind_condition("a = :v AND b <> :w").evaluate({"a": "x"})


def test_bind_all_binds_in_the_services_order_then_checks_unused() -> None:
    attributes = ExpressionAttributes({"#a": "a"}, {":v": "x"})
    assert refusal(
        lambda: attributes.bind_all(UpdateExpression="SET b = :nope", ConditionExpression="c =")
    ).startswith("Invalid UpdateExpression:")
    attributes = ExpressionAttributes({"#a": "a"}, {":v": "x"})
    bound = attributes.bind_all(
        UpdateExpression="SET #a = :v", ConditionExpression="attribute_exists(pk)"
    )
    assert bound.update is not None
    assert bound.condition is not None
    assert bound.projection is None
    assert refusal(
        lambda: ExpressionAttributes({"#a": "a"}).bind_all(ProjectionExpression="b")
    ).startswith("Value provided in ExpressionAttributeNames unused")


def test_bound_expressions_name_the_attributes_they_reach_into() -> None:
    attributes = ExpressionAttributes({"#k": "pk"}, {":v": "x"})
    condition = attributes.bind_condition("#k = :v AND m.a = :v AND size(l[0]) > :v")
    assert condition.top_level_names == {"pk", "m", "l"}
    assert condition.nested_names == {"m", "l"}
    update = ExpressionAttributes(None, {":v": "x"}).bind_update("SET a = gsi.x, b.c = :v")
    assert update.nested_names == {"gsi", "b"}
    projection = ExpressionAttributes().bind_projection("a, b.c, l[0]")
    assert projection.top_level_names == {"a", "b", "l"}
    assert projection.nested_names == {"b", "l"}
