"""PutItem: what it stores and answers, and each rule it refuses a request by."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dynantic.testing import FakeDynamoDBClient

from .conftest import INDEXED, REPORT, SIMPLE, SORTED, Refuses, Wire, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef


def test_put_item_answers_nothing_by_default(fake: FakeDynamoDBClient) -> None:
    assert answer(fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}})) == {}


def test_put_item_replaces_the_whole_item(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"N": "1"}})
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "w": {"N": "2"}})
    assert fake.table_items(SIMPLE, wire=True) == [{"pk": {"S": "a"}, "w": {"N": "2"}}]


def test_put_item_return_values_all_old_returns_the_replaced_item(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"N": "1.50"}})
    put = fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}}, ReturnValues="ALL_OLD")
    assert answer(put) == {"Attributes": {"pk": {"S": "a"}, "v": {"N": "1.5"}}}


def test_put_item_return_values_all_old_of_a_new_item_returns_no_attributes(
    fake: FakeDynamoDBClient,
) -> None:
    put = fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}}, ReturnValues="ALL_OLD")
    assert answer(put) == {}


@pytest.mark.parametrize("mode", ["ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"])
def test_put_item_return_values_refuses_every_mode_but_none_and_all_old(
    fake: FakeDynamoDBClient, refuses: Refuses, mode: str
) -> None:
    with refuses("ValidationException", REPORT + "ReturnValues can only be ALL_OLD or NONE"):
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}}, ReturnValues=mode)  # type: ignore[arg-type]  # the stubs allow every mode; the service does not


def _item_of_size(size: int) -> Wire:
    """An item of exactly ``size`` bytes: "pk" + "a" (3) and "v" + the string."""
    return {"pk": {"S": "a"}, "v": {"S": "x" * (size - 4)}}


def test_put_item_accepts_an_item_of_exactly_400_kb(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=SIMPLE, Item=_item_of_size(409_600))
    assert fake.service.database.table(SIMPLE).size_bytes == 409_600


def test_put_item_refuses_an_item_one_byte_over_400_kb(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Item size has exceeded the maximum allowed size"):
        fake.put_item(TableName=SIMPLE, Item=_item_of_size(409_601))


def test_put_item_measures_strings_in_utf8_bytes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    # "é" is two bytes in UTF-8: 204,799 of them and "pk" "a" "v" make 409,602 bytes.
    with refuses("ValidationException", "Item size has exceeded the maximum allowed size"):
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "v": {"S": "é" * 204_799}})


@pytest.mark.parametrize("options", [{}, {"ReturnValues": "ALL_OLD"}])
def test_put_item_refuses_an_empty_attribute_name(
    fake: FakeDynamoDBClient, refuses: Refuses, options: dict[str, str]
) -> None:
    item: dict[str, AttributeValueTypeDef] = {"pk": {"S": "a"}, "": {"S": "x"}}
    with refuses("ValidationException", "Empty attribute name"):
        fake.put_item(TableName=SIMPLE, Item=item, **options)  # type: ignore[arg-type]
    assert fake.table_items(SIMPLE) == []


def test_put_item_checks_return_values_before_the_item_size(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", REPORT + "ReturnValues can only be ALL_OLD or NONE"):
        fake.put_item(TableName=SIMPLE, Item=_item_of_size(409_601), ReturnValues="ALL_NEW")


def test_put_item_checks_the_item_size_before_the_table_exists(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Item size has exceeded the maximum allowed size"):
        fake.put_item(TableName="missing", Item=_item_of_size(409_601))


def test_put_item_of_a_missing_table_is_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ResourceNotFoundException", "Requested resource not found"):
        fake.put_item(TableName="missing", Item={"pk": {"S": "a"}})


# ---------------------------------------------------------------- keys


def test_put_item_refuses_an_item_without_the_partition_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Missing the key pk in the item",
    ):
        fake.put_item(TableName=SIMPLE, Item={"v": {"S": "a"}})


def test_put_item_refuses_an_item_without_the_sort_key(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Missing the key sk in the item",
    ):
        fake.put_item(TableName=SORTED, Item={"pk": {"S": "a"}})


def test_put_item_refuses_a_key_of_the_wrong_type(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
    ):
        fake.put_item(TableName=SORTED, Item={"pk": {"S": "a"}, "sk": {"S": "1"}})


def test_put_item_refuses_an_empty_string_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": ""}})


@pytest.mark.parametrize(("characters", "accepted"), [(2048, True), (2049, False)])
def test_put_item_limits_the_partition_key_to_2048_bytes(
    fake: FakeDynamoDBClient, refuses: Refuses, characters: int, accepted: bool
) -> None:
    item: Wire = {"pk": {"S": "k" * characters}}
    if accepted:
        fake.put_item(TableName=SIMPLE, Item=item)
        return
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of2048 bytes",
    ):
        fake.put_item(TableName=SIMPLE, Item=item)


def test_put_item_measures_key_sizes_in_utf8_bytes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum "
        "size limit of2048 bytes",
    ):
        fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "é" * 1025}})


def test_put_item_limits_the_sort_key_to_1024_bytes(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    fake.create_table(
        TableName="binary-sorted",
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "B"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    fake.put_item(TableName="binary-sorted", Item={"pk": {"S": "a"}, "sk": {"B": b"x" * 1024}})
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Aggregated size of all range keys has "
        "exceeded the size limit of 1024 bytes",
    ):
        fake.put_item(TableName="binary-sorted", Item={"pk": {"S": "a"}, "sk": {"B": b"x" * 1025}})


def test_put_item_stores_numbers_normalised_so_equal_keys_are_one_item(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(TableName=SORTED, Item={"pk": {"S": "a"}, "sk": {"N": "1.0"}, "v": {"N": "010"}})
    fake.put_item(TableName=SORTED, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "w": {"N": "-0"}})
    assert fake.table_items(SORTED, wire=True) == [
        {"pk": {"S": "a"}, "sk": {"N": "1"}, "w": {"N": "0"}}
    ]


# ---------------------------------------------------------------- indexes


def test_put_item_refuses_an_index_key_of_the_wrong_type(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key gs Expected: N "
        "Actual: S IndexName: by-g",
    ):
        fake.put_item(
            TableName=INDEXED,
            Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "g": {"S": "x"}, "gs": {"S": "oops"}},
        )


def test_put_item_refuses_an_empty_index_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. A value specified for a secondary index key "
        "is not supported. The AttributeValue for a key attribute cannot contain an empty string "
        "value. IndexName: by-g, IndexKey: g",
    ):
        fake.put_item(TableName=INDEXED, Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "g": {"S": ""}})


def test_put_item_checks_local_index_keys_too(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key l Expected: N "
        "Actual: S IndexName: by-l",
    ):
        fake.put_item(TableName=INDEXED, Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "l": {"S": "x"}})


def test_put_item_of_an_item_without_index_keys_is_accepted(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=INDEXED, Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "v": {"S": ""}})
    indexes = fake.service.database.table(INDEXED).indexes
    assert [index.item_count for index in indexes.values()] == [0, 0, 0]


# ---------------------------------------------------------------- aliasing


def test_put_item_keeps_no_reference_to_the_request(fake: FakeDynamoDBClient) -> None:
    inner: list[AttributeValueTypeDef] = [{"S": "x"}]
    item: Wire = {"pk": {"S": "a"}, "l": {"L": inner}, "m": {"M": {"k": {"S": "v"}}}}
    fake.put_item(TableName=SIMPLE, Item=item)
    inner.append({"S": "y"})
    item["pk"] = {"S": "b"}
    assert fake.table_items(SIMPLE, wire=True) == [
        {"pk": {"S": "a"}, "l": {"L": [{"S": "x"}]}, "m": {"M": {"k": {"S": "v"}}}}
    ]


def test_put_item_answers_with_copies_of_the_stored_item(fake: FakeDynamoDBClient) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}, "l": {"L": [{"S": "x"}]}})
    old = fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "b"}}, ReturnValues="ALL_OLD")
    assert answer(old) == {}
    put = fake.put_item(
        TableName=SIMPLE, Item={"pk": {"S": "a"}, "l": {"L": []}}, ReturnValues="ALL_OLD"
    )
    returned = put["Attributes"]["l"].get("L")
    assert isinstance(returned, list)
    returned.append({"S": "changed"})
    again = fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "a"}}, ReturnValues="ALL_OLD")
    assert answer(again) == {"Attributes": {"pk": {"S": "a"}, "l": {"L": []}}}
