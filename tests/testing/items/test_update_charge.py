"""UpdateItem's statement charge: besides the finished item, a standalone update
is refused when what its statement writes, priced per clause, passes 409,600
bytes (paritysuite/dynamodb-conformance
tests/tier3/limits/itemSizeBySurface.test.ts, live in us-east-1 among 22
regions). Each case puts the padding ``SET b = :pad`` beside the clause under
test at a two-byte key, so the charge rather than the item is what binds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient

from .conftest import SIMPLE, SORTED, Refuses, Wire

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

LIMIT = 409_600
TOO_LARGE = "Item size to update has exceeded the maximum allowed size"
# 3 for the update, 19 for a SET, 1 for the name "b".
PADDING_CLAUSE = 3 + 19 + 1
TEN: AttributeValueTypeDef = {"S": "y" * 10}
ONE: AttributeValueTypeDef = {"N": "1"}  # one digit: 2 bytes


def read(*elements: str | int) -> int:
    """A path operand's charge."""
    return 1 + sum(14 + len(str(element)) for element in elements)


def target(first: str, *rest: str | int) -> int:
    """A target path's charge."""
    return len(first) + sum(4 + len(str(element)) for element in rest)


def _update(
    fake: FakeDynamoDBClient,
    pk: str,
    expression: str,
    values: dict[str, AttributeValueTypeDef],
    *,
    seed: Wire | None = None,
    names: dict[str, str] | None = None,
) -> None:
    if seed:
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": pk}, **seed})
    fake.update_item(
        TableName=SIMPLE,
        Key={"pk": {"S": pk}},
        UpdateExpression=expression,
        ExpressionAttributeValues=values,
        **({"ExpressionAttributeNames": names} if names else {}),  # type: ignore[arg-type]
    )


def _ceiling_is(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    clause: str,
    charge: int,
    *,
    values: dict[str, AttributeValueTypeDef] | None = None,
    seed: Wire | None = None,
) -> None:
    """``SET b = :pad`` beside ``clause`` is accepted at the padding the charge
    leaves and refused one byte over."""
    padding = LIMIT - PADDING_CLAUSE - charge
    if clause.startswith("SET "):
        expression = f"SET b = :pad, {clause[4:]}"
    else:
        expression = f"SET b = :pad {clause}"

    def values_for(size: int) -> dict[str, AttributeValueTypeDef]:
        return {**(values or {}), ":pad": {"S": "x" * size}}

    _update(fake, "C", expression, values_for(padding), seed=seed)
    stored = fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "C"}})["Item"]
    assert len(stored["b"].get("S", "")) == padding
    if seed:
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "D"}, **seed})
    with refuses("ValidationException", TOO_LARGE):
        _update(fake, "D", expression, values_for(padding + 1))


CASES: list[tuple[str, int, dict[str, AttributeValueTypeDef], Wire]] = [
    # A path operand: 1, plus 14 and the element for each element; the value is free.
    ("SET c = abcdefghij", 19 + target("c") + read("abcdefghij"), {}, {"abcdefghij": TEN}),
    ("SET c = big", 19 + target("c") + read("big"), {}, {"big": TEN}),
    ("SET c = m.z", 19 + target("c") + read("m", "z"), {}, {"m": {"M": {"z": TEN}}}),
    (
        "SET c = m.a.z",
        19 + target("c") + read("m", "a", "z"),
        {},
        {"m": {"M": {"a": {"M": {"z": TEN}}}}},
    ),
    (
        "SET c = l[10]",
        19 + target("c") + read("l", 10),
        {},
        {"l": {"L": [*([{"S": "e"}] * 10), TEN]}},
    ),
    # list_append: 37 plus both operands (a list value: 3, and 1 plus each element).
    (
        "SET l = list_append(l, :new)",
        19 + target("l") + 37 + read("l") + (3 + 1 + 10),
        {":new": {"L": [TEN]}},
        {"l": {"L": [{"S": "e"}]}},
    ),
    (
        "SET l = list_append(:a, :c)",
        19 + target("l") + 37 + (3 + 1 + 1) + (3 + 1 + 10),
        {":a": {"L": [{"S": "e"}]}, ":c": {"L": [TEN]}},
        {"l": {"L": [{"S": "e"}]}},
    ),
    # if_not_exists: 39 plus both operands, whether or not the path exists; a
    # map value: 3, and 1 plus the key and the value for each entry.
    (
        "SET c = if_not_exists(c, :m)",
        19 + target("c") + 39 + read("c") + (3 + 1 + 1 + 100),
        {":m": {"M": {"a": {"S": "y" * 100}}}},
        {"c": {"S": "c"}},
    ),
    (
        "SET c = if_not_exists(c, :v)",
        19 + target("c") + 39 + read("c") + 1,
        {":v": {"S": "v"}},
        {"c": TEN},
    ),
    ("SET c = if_not_exists(c, :v)", 19 + target("c") + 39 + read("c") + 10, {":v": TEN}, {}),
    # A value used twice is charged twice.
    (
        "SET c = if_not_exists(c, :s), d = if_not_exists(d, :s)",
        2 * (19 + 1 + 39 + read("c") + 100),
        {":s": {"S": "s" * 100}},
        {"c": {"S": "c"}, "d": {"S": "d"}},
    ),
    # Arithmetic: 34 for +, 37 for -, plus both operands; the result is free.
    ("SET n = n + :one", 19 + target("n") + 34 + read("n") + 2, {":one": ONE}, {"n": ONE}),
    (
        "SET n = n + :one",
        19 + target("n") + 34 + read("n") + 2,
        {":one": ONE},
        {"n": {"N": "12345678901234567890"}},
    ),
    ("SET n = n - :one", 19 + target("n") + 37 + read("n") + 2, {":one": ONE}, {"n": ONE}),
    # ADD: 19, the target and the value added.
    ("ADD abcdefghij :one", 19 + target("abcdefghij") + 2, {":one": ONE}, {"abcdefghij": ONE}),
    (
        "ADD ss :new",
        19 + target("ss") + 500,
        {":new": {"SS": ["s" * 500]}},
        {"ss": {"SS": ["p" * 5]}},
    ),
    # REMOVE and DELETE: 1 and the target; nothing removed is charged.
    ("REMOVE abcdefghij", 1 + target("abcdefghij"), {}, {"abcdefghij": {"S": "r" * 5}}),
    (
        "REMOVE m.yyyyyyyyyy",
        1 + target("m", "yyyyyyyyyy"),
        {},
        {"m": {"M": {"x": TEN, "yyyyyyyyyy": {"S": "r"}}}},
    ),
    (
        "REMOVE abcdefghij[1]",
        1 + target("abcdefghij", 1),
        {},
        {"abcdefghij": {"L": [TEN, {"S": "r"}]}},
    ),
    ("REMOVE l[10]", 1 + target("l", 10), {}, {"l": {"L": [{"S": "e"}] * 11}}),
    (
        "DELETE abcdefghij :rm",
        1 + target("abcdefghij"),
        {":rm": {"SS": ["q" * 20]}},
        {"abcdefghij": {"SS": ["p" * 5, "q" * 20]}},
    ),
    (
        "DELETE ss :rm",
        1 + target("ss"),
        {":rm": {"SS": ["q" * 20, "r" * 30]}},
        {"ss": {"SS": ["p" * 5, "q" * 20, "r" * 30]}},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_each_kind_of_clause_is_charged(
    fake: FakeDynamoDBClient,
    refuses: Refuses,
    case: tuple[str, int, dict[str, AttributeValueTypeDef], Wire],
) -> None:
    clause, charge, values, seed = case
    _ceiling_is(fake, refuses, clause, charge, values=values, seed=seed)


def test_a_second_set_costs_19_whatever_it_writes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # The value written counts too, so the ceiling moves by 19, the name and it.
    _ceiling_is(fake, refuses, "SET c = :c", 19 + 1 + 1, values={":c": {"S": "y"}})


def test_the_alias_is_not_charged_but_the_name_is(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    padding = LIMIT - PADDING_CLAUSE
    names = {"#twelvechars": "b"}
    _update(fake, "C", "SET #twelvechars = :p", {":p": {"S": "x" * padding}}, names=names)
    with refuses("ValidationException", TOO_LARGE):
        _update(fake, "D", "SET #twelvechars = :p", {":p": {"S": "x" * (padding + 1)}}, names=names)


def test_the_key_and_untouched_attributes_are_not_charged(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # With an untouched attribute of 11 bytes the finished item may be 11 bytes
    # larger than without; the charge is what refuses the next byte either way.
    padding = LIMIT - PADDING_CLAUSE
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "C"}, "u": TEN})
    _update(fake, "C", "SET b = :p", {":p": {"S": "x" * padding}})
    item = fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "C"}})["Item"]
    assert item["b"] == {"S": "x" * padding}
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "D"}, "u": TEN})
    with refuses("ValidationException", TOO_LARGE):
        _update(fake, "D", "SET b = :p", {":p": {"S": "x" * (padding + 1)}})


def test_a_long_key_leaves_the_finished_item_to_bind(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    pk = "k" * 100
    padding = LIMIT - (2 + 100) - 1  # the finished item: the key, "b" and the padding
    _update(fake, pk, "SET b = :p", {":p": {"S": "x" * padding}})
    assert fake.service.database.table(SIMPLE).size_bytes == LIMIT
    other = "j" * 100
    with refuses("ValidationException", TOO_LARGE):
        _update(fake, other, "SET b = :p", {":p": {"S": "x" * (padding + 1)}})


def test_a_sort_key_is_not_charged_either(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    padding = LIMIT - PADDING_CLAUSE

    def send(pk: str, size: int) -> None:
        fake.update_item(
            TableName=SORTED,
            Key={"pk": {"S": pk}, "sk": {"N": "1"}},
            UpdateExpression="SET b = :p",
            ExpressionAttributeValues={":p": {"S": "x" * size}},
        )

    send("C", padding)
    with refuses("ValidationException", TOO_LARGE):
        send("D", padding + 1)


def test_a_document_path_target_costs_what_writing_the_document_does(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # SET d = {"leaf": pad} costs 1 + (3 + 1 + 4 + pad); SET d.leaf = pad costs
    # (1 + 4 + 4) + pad: the same. SET d[0] = pad costs (1 + 4 + 1) + pad, one
    # more than SET d = [pad] at 1 + (3 + 1 + pad).
    for document, path, start in (
        ({"M": {"leaf": {"S": "s"}}}, "d.leaf", 3 + 19 + 1 + 3 + 1 + 4),
        ({"L": [{"S": "s"}]}, "d[0]", 3 + 19 + 1 + 3 + 1 + 1),
    ):
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "C"}, "d": document})
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "D"}, "d": document})
        padding = LIMIT - start
        _update(fake, "C", f"SET {path} = :p", {":p": {"S": "x" * padding}})
        with refuses("ValidationException", TOO_LARGE):
            _update(fake, "D", f"SET {path} = :p", {":p": {"S": "x" * (padding + 1)}})


HUGE: AttributeValueTypeDef = {"S": "h" * 409_700}


@pytest.mark.parametrize("condition", ["attribute_exists(nope)", "attribute_exists(c)", None])
def test_the_charge_is_checked_before_the_condition(
    fake: FakeDynamoDBClient, refuses: Refuses, condition: str | None
) -> None:
    # The finished item keeps its small "c"; only the statement is over.
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "c": {"S": "x"}})
    with refuses("ValidationException", TOO_LARGE):
        fake.update_item(
            TableName=SIMPLE,
            Key={"pk": {"S": "a"}},
            UpdateExpression="SET c = if_not_exists(c, :huge)",
            ExpressionAttributeValues={":huge": HUGE},
            **({"ConditionExpression": condition} if condition else {}),  # type: ignore[arg-type]
        )


def test_attribute_updates_size_only_the_finished_item(fake: FakeDynamoDBClient) -> None:
    padding = LIMIT - 3 - 1
    fake.update_item(
        TableName=SIMPLE,
        Key={"pk": {"S": "C"}},
        AttributeUpdates={"b": {"Action": "PUT", "Value": {"S": "x" * padding}}},
    )
    assert fake.service.database.table(SIMPLE).size_bytes == LIMIT


def test_a_transaction_s_update_sizes_only_the_finished_item(fake: FakeDynamoDBClient) -> None:
    # us-east-1 does not charge a transacted Update for its statement (the
    # source records only three other regions starting to).
    padding = LIMIT - 3 - 1
    fake.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": SIMPLE,
                    "Key": {"pk": {"S": "C"}},
                    "UpdateExpression": "SET b = :p",
                    "ExpressionAttributeValues": {":p": {"S": "x" * padding}},
                }
            }
        ]
    )
    assert fake.service.database.table(SIMPLE).size_bytes == LIMIT
