"""Applying update expressions."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal

import pytest

from dynantic.testing.engine.values import AttributeValue, Item, NumberSet, StringSet
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import ExpressionAttributes, UpdateResult, check_key_updates


def base() -> Item:
    return {
        "pk": "k",
        "n": Decimal(5),
        "s": "x",
        "l": [Decimal(1), Decimal(2), Decimal(3)],
        "m": {"a": "b", "deep": {"z": Decimal(1)}},
        "ss": StringSet(["a", "b"]),
        "ns": NumberSet([Decimal(1), Decimal(2)]),
    }


def update(
    text: str,
    values: dict[str, AttributeValue] | None = None,
    names: dict[str, str] | None = None,
    item: Item | None = None,
) -> UpdateResult:
    attributes = ExpressionAttributes(names, values)
    bound = attributes.bind_update(text)
    attributes.check_unused()
    return bound.apply(base() if item is None else item)


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(ServiceError) as info:
        call()
    assert info.value.code == "ValidationException"
    return info.value.message


def test_set_creates_and_replaces_attributes() -> None:
    item = update("SET s = :v, fresh = :w", {":v": "y", ":w": Decimal(1)}).item
    assert item["s"] == "y"
    assert item["fresh"] == Decimal(1)


def test_set_adds_and_subtracts_numbers() -> None:
    item = update("SET n = n + :one, o = :ten - n", {":one": Decimal(1), ":ten": Decimal(10)}).item
    assert item["n"] == Decimal(6)
    assert item["o"] == Decimal(5)


def test_arithmetic_results_come_back_normalised() -> None:
    item = update("SET n = :a + :b", {":a": Decimal("1.5"), ":b": Decimal("1.5")}).item
    assert str(item["n"]) == "3"


def test_arithmetic_on_a_non_number_is_an_incorrect_data_type() -> None:
    assert refusal(lambda: update("SET n = s + :one", {":one": Decimal(1)})) == (
        "An operand in the update expression has an incorrect data type"
    )


def test_arithmetic_with_a_non_number_value_is_refused_when_binding() -> None:
    assert refusal(lambda: update("SET n = n + :v", {":v": "x"})) == (
        "Invalid UpdateExpression: Incorrect operand type for operator or function; "
        "operator or function: +, operand type: S"
    )


def test_arithmetic_beyond_the_number_range_overflows() -> None:
    big = Decimal("9.9999999999999999999999999999999999999E+125")
    assert refusal(lambda: update("SET n = :a + :a", {":a": big})) == (
        "Number overflow. Attempting to store a number with magnitude larger than supported range"
    )


def test_arithmetic_needing_more_than_38_digits_is_refused_as_an_overflow() -> None:
    assert refusal(
        lambda: update("SET n = :a + :b", {":a": Decimal("1E+30"), ":b": Decimal("1E-30")})
    ) == (
        "Number overflow. Attempting to store a number with magnitude larger than supported range"
    )


def test_reading_a_missing_attribute_in_set_is_refused() -> None:
    assert refusal(lambda: update("SET n = nope")) == (
        "The provided expression refers to an attribute that does not exist in the item"
    )


def test_if_not_exists_keeps_an_existing_value_or_takes_the_default() -> None:
    item = update(
        "SET n = if_not_exists(n, :d), c = if_not_exists(c, :d) + :one",
        {":d": Decimal(0), ":one": Decimal(1)},
    ).item
    assert item["n"] == Decimal(5)
    assert item["c"] == Decimal(1)


def test_list_append_joins_lists_in_order() -> None:
    values: dict[str, AttributeValue] = {":head": [Decimal(0)], ":tail": [Decimal(4)]}
    item = update("SET l = list_append(:head, l), e = list_append(:head, :tail)", values).item
    assert item["l"] == [Decimal(0), Decimal(1), Decimal(2), Decimal(3)]
    assert item["e"] == [Decimal(0), Decimal(4)]


def test_list_append_of_a_non_list_is_an_incorrect_data_type() -> None:
    assert refusal(lambda: update("SET l = list_append(s, :v)", {":v": [Decimal(1)]})) == (
        "An operand in the update expression has an incorrect data type"
    )
    assert refusal(lambda: update("SET l = list_append(l, :v)", {":v": "x"})) == (
        "Invalid UpdateExpression: Incorrect operand type for operator or function; "
        "operator or function: list_append, operand type: S"
    )


def test_setting_a_list_index_replaces_that_element() -> None:
    assert update("SET l[1] = :v", {":v": "x"}).item["l"] == [Decimal(1), "x", Decimal(3)]


def test_setting_list_indexes_beyond_the_end_appends_in_index_order() -> None:
    item = update("SET l[9] = :nine, l[5] = :five", {":nine": "9", ":five": "5"}).item
    assert item["l"] == [Decimal(1), Decimal(2), Decimal(3), "5", "9"]


def test_set_into_nested_maps_and_lists() -> None:
    item = update("SET m.deep.z = m.deep.z + :one, m.added = :one", {":one": Decimal(1)}).item
    assert item["m"] == {"a": "b", "deep": {"z": Decimal(2)}, "added": Decimal(1)}


@pytest.mark.parametrize(
    "text", ["SET nope.x = :v", "SET s.x = :v", "SET l.x = :v", "SET m[0] = :v", "SET l[5].x = :v"]
)
def test_a_path_through_a_missing_or_wrong_typed_parent_is_invalid(text: str) -> None:
    assert refusal(lambda: update(text, {":v": "x"})) == (
        "The document path provided in the update expression is invalid for update"
    )


def test_remove_deletes_attributes_map_keys_and_list_elements() -> None:
    item = update("REMOVE s, m.a, l[1], nope").item
    assert "s" not in item
    assert item["m"] == {"deep": {"z": Decimal(1)}}
    assert item["l"] == [Decimal(1), Decimal(3)]


def test_remove_list_elements_resolve_against_the_item_before_the_update() -> None:
    assert update("REMOVE l[0], l[2]").item["l"] == [Decimal(2)]


def test_remove_beyond_the_end_of_a_list_changes_nothing() -> None:
    assert update("REMOVE l[7]").item["l"] == [Decimal(1), Decimal(2), Decimal(3)]


def test_set_and_remove_in_one_list_both_use_the_old_indexes() -> None:
    assert update("SET l[1] = :v REMOVE l[0]", {":v": "x"}).item["l"] == ["x", Decimal(3)]


def test_add_sums_numbers_and_creates_missing_ones() -> None:
    item = update("ADD n :two, fresh :two", {":two": Decimal(2)}).item
    assert item["n"] == Decimal(7)
    assert item["fresh"] == Decimal(2)


def test_add_joins_sets_and_creates_missing_ones() -> None:
    item = update(
        "ADD ss :s, ns :n, fresh :s", {":s": StringSet(["c", "a"]), ":n": NumberSet([Decimal(3)])}
    ).item
    strings, numbers = item["ss"], item["ns"]
    assert isinstance(strings, StringSet)
    assert sorted(strings) == ["a", "b", "c"]
    assert isinstance(numbers, NumberSet)
    assert set(numbers) == {Decimal(1), Decimal(2), Decimal(3)}
    assert item["fresh"] == StringSet(["c", "a"])


def test_adding_an_equal_number_to_a_number_set_changes_nothing() -> None:
    item = update("ADD ns :n", {":n": NumberSet([Decimal("1.0")])}).item
    assert item["ns"] == NumberSet([Decimal(1), Decimal(2)])


def test_add_to_a_different_type_is_an_incorrect_data_type() -> None:
    assert refusal(lambda: update("ADD s :n", {":n": Decimal(1)})) == (
        "An operand in the update expression has an incorrect data type"
    )
    assert refusal(lambda: update("ADD ss :n", {":n": NumberSet([Decimal(1)])})) == (
        "An operand in the update expression has an incorrect data type"
    )


@pytest.mark.parametrize(
    ("text", "value", "shown"),
    [
        ("ADD n :v", "x", "STRING"),
        ("ADD n :v", [Decimal(1)], "LIST"),
        ("ADD n :v", {"a": "b"}, "MAP"),
        ("DELETE ss :v", Decimal(1), "NUMBER"),
        ("DELETE ss :v", True, "BOOLEAN"),
    ],
)
def test_add_and_delete_refuse_operand_types_they_cannot_take(
    text: str, value: AttributeValue, shown: str
) -> None:
    operator = text.split(maxsplit=1)[0]
    assert refusal(lambda: update(text, {":v": value})) == (
        "Invalid UpdateExpression: Incorrect operand type for operator or function; "
        f"operator: {operator}, operand type: {shown}, typeSet: ALLOWED_FOR_{operator}_OPERAND"
    )


def test_delete_removes_set_members() -> None:
    assert update("DELETE ss :v", {":v": StringSet(["a", "z"])}).item["ss"] == StringSet(["b"])


def test_deleting_the_last_members_removes_the_attribute() -> None:
    assert "ss" not in update("DELETE ss :v", {":v": StringSet(["a", "b"])}).item


def test_delete_from_a_missing_attribute_changes_nothing() -> None:
    assert "nope" not in update("DELETE nope :v", {":v": StringSet(["a"])}).item


def test_delete_from_a_different_set_type_is_an_incorrect_data_type() -> None:
    assert refusal(lambda: update("DELETE ns :v", {":v": StringSet(["a"])})) == (
        "An operand in the update expression has an incorrect data type"
    )


@pytest.mark.parametrize(
    ("text", "one", "two"),
    [
        ("SET a = :v, a = :v", "[a]", "[a]"),
        ("SET m = :v REMOVE m.a", "[m]", "[m, a]"),
        ("REMOVE m.a SET m = :v", "[m, a]", "[m]"),
        ("SET #x = :v, x = :v", "[x]", "[x]"),
    ],
)
def test_overlapping_paths_are_refused(text: str, one: str, two: str) -> None:
    names = {"#x": "x"} if "#x" in text else None
    assert refusal(lambda: update(text, {":v": "v"}, names)) == (
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        f"rewrite one of these paths; path one: {one}, path two: {two}"
    )


def test_conflicting_paths_are_refused() -> None:
    assert refusal(lambda: update("SET l[0] = :v REMOVE l.x", {":v": "v"})) == (
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
        "rewrite one of these paths; path one: [l, [0]], path two: [l, x]"
    )


def test_sibling_paths_do_not_overlap() -> None:
    item = update("SET m.a = :v, m.b = :v, l[0] = :v, l[1] = :v", {":v": "v"}).item
    assert item["m"] == {"a": "v", "b": "v", "deep": {"z": Decimal(1)}}
    assert item["l"] == ["v", "v", Decimal(3)]


def test_the_input_item_is_never_modified() -> None:
    item = base()
    before = copy.deepcopy(item)
    result = update(
        "SET m.deep.z = :v, l[0] = :v REMOVE s ADD ns :n DELETE ss :s",
        {":v": "v", ":n": NumberSet([Decimal(9)]), ":s": StringSet(["a"])},
        item=item,
    )
    assert item == before
    assert result.item is not item


def test_unchanged_values_are_shared_and_updated_containers_copied() -> None:
    item = base()
    result = update("SET m.a = :v", {":v": "v"}, item=item).item
    old_map, new_map = item["m"], result["m"]
    assert result["l"] is item["l"]
    assert isinstance(old_map, dict)
    assert isinstance(new_map, dict)
    assert new_map is not old_map
    assert new_map["deep"] is old_map["deep"]


def test_an_update_of_no_item_starts_from_an_empty_one() -> None:
    attributes = ExpressionAttributes(None, {":v": Decimal(1)})
    assert attributes.bind_update("ADD c :v").apply(None).item == {"c": Decimal(1)}


def test_updated_new_and_old_hold_only_the_updated_paths() -> None:
    result = update("SET l[1] = :v, m.a = :v", {":v": "new"})
    assert result.updated_new() == {"l": ["new"], "m": {"a": "new"}}
    assert result.updated_old() == {"l": [Decimal(2)], "m": {"a": "b"}}


def test_updated_new_leaves_out_removed_paths() -> None:
    result = update("REMOVE s SET n = :v", {":v": Decimal(0)})
    assert result.updated_new() == {"n": Decimal(0)}
    assert result.updated_old() == {"s": "x", "n": Decimal(5)}


def test_touched_names_the_top_level_attributes_and_nesting() -> None:
    attributes = ExpressionAttributes({"#p": "pk"}, {":v": "v"})
    bound = attributes.bind_update("SET #p = :v, m.a = :v REMOVE s")
    assert bound.touched == {"pk": False, "m": True, "s": False}


def test_key_attributes_cannot_be_updated() -> None:
    bound = ExpressionAttributes(None, {":v": "v"}).bind_update("SET pk = :v")
    assert refusal(lambda: check_key_updates(bound.touched, ("pk", "sk"))) == (
        "One or more parameter values were invalid: Cannot update attribute pk. "
        "This attribute is part of the key"
    )


def test_remove_from_an_item_that_does_not_exist_does_nothing() -> None:
    attributes = ExpressionAttributes(None, {":v": "v"})
    result = attributes.bind_update("REMOVE x.y, z[0] SET a = :v").apply(None)
    assert result.item == {"a": "v"}


def test_remove_through_a_missing_parent_of_an_existing_item_is_invalid() -> None:
    assert refusal(lambda: update("REMOVE nope.x")) == (
        "The document path provided in the update expression is invalid for update"
    )


def test_a_removed_map_key_or_list_element_can_leave_an_empty_container() -> None:
    item: Item = {"m": {"a": "b"}, "l": [Decimal(1)]}
    assert update("REMOVE m.a, l[0]", item=item).item == {"m": {}, "l": []}


def test_list_append_cannot_be_nested_in_a_function() -> None:
    assert refusal(
        lambda: update(
            "SET l = list_append(list_append(:a, :b), :c)", {":a": [], ":b": [], ":c": []}
        )
    ) == (
        "Invalid UpdateExpression: The function is not allowed to be used this way in an "
        "expression; function: list_append"
    )


def test_if_not_exists_nests_in_list_append_and_in_itself() -> None:
    item = update(
        "SET l = list_append(if_not_exists(nope, :empty), :v), "
        "n = if_not_exists(x, if_not_exists(n, :z))",
        {":empty": [], ":v": [Decimal(9)], ":z": Decimal(0)},
    ).item
    assert item["l"] == [Decimal(9)]
    assert item["n"] == Decimal(5)


def test_arithmetic_goes_around_function_calls_not_inside_them() -> None:
    values: dict[str, AttributeValue] = {":one": Decimal(1), ":two": Decimal(2)}
    assert update("SET c = if_not_exists(c, :one)+:two", values).item["c"] == Decimal(3)
    assert refusal(lambda: update("SET c = if_not_exists(c, :one+:two)", values)) == (
        'Invalid UpdateExpression: Syntax error; token: "+", near: ":one+:two"'
    )


def test_reaching_inside_an_index_key_attribute_is_refused() -> None:
    bound = ExpressionAttributes(None, {":v": "v"}).bind_update("SET a = g.x")
    assert refusal(
        lambda: check_key_updates(
            bound.touched, ("pk",), nested_names=bound.nested_names, index_key_attributes=("g",)
        )
    ) == (
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: IndexKey: g"
    )
