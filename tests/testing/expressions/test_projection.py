"""Projection expressions and AttributesToGet."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from dynantic.testing.engine.values import Item
from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import ExpressionAttributes, attributes_to_get

ITEM: Item = {
    "pk": "k",
    "n": Decimal(1),
    "l": [Decimal(1), Decimal(2), Decimal(3)],
    "m": {"x": "y", "deep": {"z": Decimal(5), "w": Decimal(6)}},
    "lm": [{"a": Decimal(1), "b": Decimal(2)}, {"a": Decimal(3)}],
}


def project(text: str, names: dict[str, str] | None = None) -> Item:
    attributes = ExpressionAttributes(names)
    bound = attributes.bind_projection(text)
    attributes.check_unused()
    return bound.project(ITEM)


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(ServiceError) as info:
        call()
    return info.value.message


def test_projection_selects_top_level_attributes() -> None:
    assert project("pk, n, nope") == {"pk": "k", "n": Decimal(1)}


def test_projection_selects_nested_map_keys() -> None:
    assert project("m.deep.z, m.x") == {"m": {"deep": {"z": Decimal(5)}, "x": "y"}}


def test_projected_list_elements_come_back_compacted_in_list_order() -> None:
    assert project("l[2], l[0]") == {"l": [Decimal(1), Decimal(3)]}


def test_projection_through_list_elements_keeps_the_selected_parts() -> None:
    assert project("lm[0].b, lm[1].a") == {"lm": [{"b": Decimal(2)}, {"a": Decimal(3)}]}


@pytest.mark.parametrize("text", ["l[9]", "m.nope", "n.x", "m[0]", "l.x", "lm[1].b"])
def test_paths_that_lead_nowhere_contribute_nothing(text: str) -> None:
    assert project(text) == {}


def test_projection_resolves_name_placeholders() -> None:
    assert project("#m.#d.z", {"#m": "m", "#d": "deep"}) == {"m": {"deep": {"z": Decimal(5)}}}


@pytest.mark.parametrize(
    ("text", "one", "two"),
    [("n, n", "[n]", "[n]"), ("m, m.x", "[m]", "[m, x]"), ("m.x, m", "[m, x]", "[m]")],
)
def test_overlapping_projection_paths_are_refused(text: str, one: str, two: str) -> None:
    assert refusal(lambda: project(text)) == (
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove "
        f"or rewrite one of these paths; path one: {one}, path two: {two}"
    )


def test_placeholders_standing_for_one_name_overlap() -> None:
    assert refusal(lambda: project("#a, #b", {"#a": "n", "#b": "n"})).endswith(
        "path one: [n], path two: [n]"
    )


def test_conflicting_projection_paths_are_refused() -> None:
    assert refusal(lambda: project("l[0], l.x")) == (
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove "
        "or rewrite one of these paths; path one: [l, [0]], path two: [l, x]"
    )


def test_projection_results_share_values_with_the_item() -> None:
    assert project("m")["m"] is ITEM["m"]


def test_attributes_to_get_takes_names_literally() -> None:
    assert attributes_to_get(["pk", "m.x", "name"]).project(ITEM) == {"pk": "k"}


def test_attributes_to_get_refuses_duplicates() -> None:
    assert refusal(lambda: attributes_to_get(["pk", "pk"])) == (
        "One or more parameter values were invalid: Duplicate value in attribute name: pk"
    )
