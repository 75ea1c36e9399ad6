"""BatchWriteItem: what it writes and answers, and each rule it refuses a call by."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pytest

from dynantic.testing import FakeDynamoDBClient
from tests.testing.items.conftest import INDEXED, SIMPLE, SORTED, Refuses, answer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import BatchWriteItemInputTypeDef

SCHEMA_MISMATCH = "The provided key element does not match the schema"


def batch_write(
    fake: FakeDynamoDBClient, request_items: dict[str, list[dict[str, object]]], **options: str
) -> dict[str, object]:
    """``batch_write_item`` with wire-form requests built freely (malformed on purpose
    in some tests), answered without ``ResponseMetadata``."""
    request = cast("BatchWriteItemInputTypeDef", {"RequestItems": request_items, **options})
    return answer(fake.batch_write_item(**request))


def put(pk: str, **attributes: str) -> dict[str, object]:
    item: dict[str, object] = {"pk": {"S": pk}}
    item.update({name: {"S": value} for name, value in attributes.items()})
    return {"PutRequest": {"Item": item}}


def test_batch_write_puts_and_deletes_over_tables_and_leaves_nothing_unprocessed(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "old"}})
    written = batch_write(
        fake,
        {
            SIMPLE: [put("a", v="1"), {"DeleteRequest": {"Key": {"pk": {"S": "old"}}}}],
            SORTED: [{"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1.50"}}}}],
        },
    )
    assert written == {"UnprocessedItems": {}}
    assert fake.table_items(SIMPLE, wire=True) == [{"pk": {"S": "a"}, "v": {"S": "1"}}]
    assert fake.table_items(SORTED, wire=True) == [{"pk": {"S": "b"}, "sk": {"N": "1.5"}}]


def test_deleting_a_missing_item_is_no_error(fake: FakeDynamoDBClient) -> None:
    written = batch_write(fake, {SIMPLE: [{"DeleteRequest": {"Key": {"pk": {"S": "nobody"}}}}]})
    assert written == {"UnprocessedItems": {}}


def test_more_than_25_requests_over_all_tables_are_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Too many items requested for the BatchWriteItem call"):
        batch_write(
            fake,
            {
                SIMPLE: [put(str(i)) for i in range(13)],
                INDEXED: [
                    {"PutRequest": {"Item": {"pk": {"S": str(i)}, "sk": {"S": "s"}}}}
                    for i in range(13)
                ],
            },
        )


@pytest.mark.parametrize(
    "write_request",
    [{}, {**put("a"), "DeleteRequest": {"Key": {"pk": {"S": "a"}}}}],
    ids=["neither", "both"],
)
def test_a_write_request_holds_exactly_one_put_or_delete(
    fake: FakeDynamoDBClient, refuses: Refuses, write_request: dict[str, object]
) -> None:
    with refuses(
        "ValidationException",
        "Supplied AttributeValue has more than one datatypes set, "
        "must contain exactly one of the supported datatypes",
    ):
        batch_write(fake, {SIMPLE: [put("x"), write_request]})


def test_the_same_key_twice_is_refused_and_nothing_is_written(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Provided list of item keys contains duplicates"):
        batch_write(
            fake, {SIMPLE: [put("x"), put("a"), {"DeleteRequest": {"Key": {"pk": {"S": "a"}}}}]}
        )


def test_numbers_equal_after_normalisation_name_the_same_item(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Provided list of item keys contains duplicates"):
        batch_write(
            fake,
            {
                SORTED: [
                    {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}}},
                    {"DeleteRequest": {"Key": {"pk": {"S": "a"}, "sk": {"N": "1.0"}}}},
                ]
            },
        )


def test_a_missing_table_is_refused_and_no_other_table_is_written(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ResourceNotFoundException", "Requested resource not found"):
        batch_write(fake, {SIMPLE: [put("a")], "nowhere": [put("b")]})


@pytest.mark.parametrize(
    "item",
    [{"other": {"S": "x"}}, {"pk": {"N": "5"}}, {"pk": {"L": [{"S": "x"}]}}],
    ids=["missing", "number", "list"],
)
def test_a_put_whose_key_is_missing_or_mistyped_is_a_schema_mismatch(
    fake: FakeDynamoDBClient, refuses: Refuses, item: dict[str, object]
) -> None:
    with refuses("ValidationException", SCHEMA_MISMATCH):
        batch_write(fake, {SIMPLE: [put("a"), {"PutRequest": {"Item": item}}]})


@pytest.mark.parametrize(
    "key", [{"pk": {"N": "5"}}, {"other": {"S": "x"}}, {"pk": {"S": "a"}, "v": {"S": "x"}}]
)
def test_a_delete_key_that_does_not_match_the_schema_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses, key: dict[str, object]
) -> None:
    with refuses("ValidationException", SCHEMA_MISMATCH):
        batch_write(fake, {SIMPLE: [{"DeleteRequest": {"Key": key}}]})


@pytest.mark.parametrize("kind", ["PutRequest", "DeleteRequest"])
def test_an_empty_key_value_is_refused_in_putitem_words(
    fake: FakeDynamoDBClient, refuses: Refuses, kind: str
) -> None:
    member = "Item" if kind == "PutRequest" else "Key"
    with refuses(
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk",
    ):
        batch_write(fake, {SIMPLE: [{kind: {member: {"pk": {"S": ""}}}}]})


def test_an_index_key_of_the_wrong_type_is_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    item = {"pk": {"S": "a"}, "sk": {"S": "s"}, "g": {"N": "1"}}
    with refuses(
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key g "
        "Expected: S Actual: N IndexName: by-g",
    ):
        batch_write(fake, {INDEXED: [{"PutRequest": {"Item": item}}]})


def test_an_item_over_400_kb_is_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    big = {"pk": {"S": "a"}, "v": {"S": "x" * (400 * 1024)}}
    with refuses("ValidationException", "Item size has exceeded the maximum allowed size"):
        batch_write(fake, {SIMPLE: [put("b"), {"PutRequest": {"Item": big}}]})


def test_consumed_capacity_is_summed_per_table_after_rounding_item_by_item(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "gone"}, "v": {"S": "x" * 1500}})
    written = batch_write(
        fake,
        {
            SIMPLE: [put("a", v="x" * 100), put("b", v="x" * 1500)],
            SORTED: [
                {"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}}},
            ],
        },
        ReturnConsumedCapacity="TOTAL",
    )
    assert written.get("ConsumedCapacity") == [
        {"TableName": SIMPLE, "CapacityUnits": 3.0},
        {"TableName": SORTED, "CapacityUnits": 1.0},
    ]
    # A delete is charged for the item it removes.
    deleted = batch_write(
        fake,
        {SIMPLE: [{"DeleteRequest": {"Key": {"pk": {"S": "gone"}}}}]},
        ReturnConsumedCapacity="TOTAL",
    )
    assert deleted.get("ConsumedCapacity") == [{"TableName": SIMPLE, "CapacityUnits": 2.0}]


def test_indexes_mode_reports_the_table_and_each_index_written(fake: FakeDynamoDBClient) -> None:
    item = {"pk": {"S": "a"}, "sk": {"S": "s"}, "g": {"S": "g"}, "gs": {"N": "1"}, "l": {"N": "1"}}
    written = batch_write(
        fake,
        {INDEXED: [{"PutRequest": {"Item": item}}]},
        ReturnConsumedCapacity="INDEXES",
    )
    assert written.get("ConsumedCapacity") == [
        {
            "TableName": INDEXED,
            "CapacityUnits": 4.0,
            "Table": {"CapacityUnits": 1.0},
            "GlobalSecondaryIndexes": {
                "by-g": {"CapacityUnits": 1.0},
                "by-g-include": {"CapacityUnits": 1.0},
            },
            "LocalSecondaryIndexes": {"by-l": {"CapacityUnits": 1.0}},
        }
    ]


def test_item_collection_metrics_cover_the_tables_with_local_indexes(
    fake: FakeDynamoDBClient,
) -> None:
    written = batch_write(
        fake,
        {
            INDEXED: [{"PutRequest": {"Item": {"pk": {"S": "a"}, "sk": {"S": "s"}}}}],
            SIMPLE: [put("a")],
        },
        ReturnItemCollectionMetrics="SIZE",
    )
    assert written.get("ItemCollectionMetrics") == {
        INDEXED: [{"ItemCollectionKey": {"pk": {"S": "a"}}, "SizeEstimateRangeGB": [0.0, 1.0]}]
    }


def test_unprocessed_items_chosen_by_faults_are_not_written_and_come_back_as_sent(
    fake: FakeDynamoDBClient,
) -> None:
    fake.faults.leave_unprocessed(operation="batch_write_item", table=SIMPLE, count=1)
    written = batch_write(
        fake,
        {SIMPLE: [put("a", v="1.50"), put("b")]},
        ReturnConsumedCapacity="TOTAL",
    )
    assert written == {
        "UnprocessedItems": {SIMPLE: [put("a", v="1.50")]},
        "ConsumedCapacity": [{"TableName": SIMPLE, "CapacityUnits": 1.0}],
    }
    assert fake.table_items(SIMPLE, wire=True) == [{"pk": {"S": "b"}}]
    again = batch_write(
        fake, cast("dict[str, list[dict[str, object]]]", written["UnprocessedItems"])
    )
    assert again == {"UnprocessedItems": {}}
    assert len(fake.table_items(SIMPLE)) == 2


def test_unprocessed_items_can_be_chosen_by_their_request(fake: FakeDynamoDBClient) -> None:
    fake.faults.leave_unprocessed(where=lambda request: "DeleteRequest" in request)
    fake.put_item(TableName=SIMPLE, Item={"pk": {"S": "old"}})
    delete: dict[str, object] = {"DeleteRequest": {"Key": {"pk": {"S": "old"}}}}
    written = batch_write(fake, {SIMPLE: [put("a"), delete]})
    assert written == {"UnprocessedItems": {SIMPLE: [delete]}}
    assert fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "a"}}).get("Item") is not None
    assert fake.get_item(TableName=SIMPLE, Key={"pk": {"S": "old"}}).get("Item") is not None


def test_unprocessed_items_do_not_alias_the_request(fake: FakeDynamoDBClient) -> None:
    fake.faults.leave_unprocessed()
    request = put("a")
    written = batch_write(fake, {SIMPLE: [request]})
    returned = cast("dict[str, list[object]]", written["UnprocessedItems"])[SIMPLE][0]
    assert returned == request
    assert returned is not request
