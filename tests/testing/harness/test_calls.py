"""The call record: what the fake received, readable and assertable like unittest.mock."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from dynantic.testing import Call, CallAssertionError, FakeDynamoDBClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef


def put_user(fake: FakeDynamoDBClient, user_id: str, table: str = "users") -> None:
    fake.put_item(TableName=table, Item={"pk": {"S": user_id}})


def test_every_call_is_recorded_with_its_operation_and_parameters(
    fake: FakeDynamoDBClient,
) -> None:
    put_user(fake, "u1")
    fake.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    assert [call.operation for call in fake.calls] == ["put_item", "get_item"]
    assert [call.api_name for call in fake.calls] == ["PutItem", "GetItem"]
    assert fake.calls[0].params == {"TableName": "users", "Item": {"pk": {"S": "u1"}}}
    assert fake.calls.last.response == {"Item": {"pk": {"S": "u1"}}}
    assert fake.calls.last.error is None


def test_setting_up_tables_is_not_recorded(fake: FakeDynamoDBClient) -> None:
    assert not fake.calls.called


def test_mutating_the_passed_parameters_does_not_change_the_record(
    fake: FakeDynamoDBClient,
) -> None:
    pk: AttributeValueTypeDef = {"S": "u1"}
    tags: list[AttributeValueTypeDef] = [{"S": "a"}]
    fake.put_item(TableName="users", Item={"pk": pk, "tags": {"L": tags}})
    tags.append({"S": "b"})
    pk["S"] = "changed"
    assert fake.calls.last.params["Item"] == {"pk": {"S": "u1"}, "tags": {"L": [{"S": "a"}]}}


def test_mutating_the_response_does_not_change_the_record(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    response = fake.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    response["Item"]["pk"]["S"] = "changed"
    assert fake.calls.last.response == {"Item": {"pk": {"S": "u1"}}}


def test_a_plain_call_is_recorded_as_received_whatever_happens_afterwards(
    fake: FakeDynamoDBClient,
) -> None:
    # Strings and numbers in the service's own form are kept decoded and
    # encoded again when read: the record must not tell the difference.
    item: dict[str, AttributeValueTypeDef] = {
        "pk": {"S": "u1"},
        "ten": {"N": "10"},
        "big": {"N": "-12345678901234567890.5"},
        "name": {"S": "Zoë"},
    }
    names = {"#t": "ten"}
    values: dict[str, AttributeValueTypeDef] = {":t": {"N": "10"}}
    fake.put_item(Item=item, TableName="users")  # members in the caller's order
    fake.put_item(
        TableName="users",
        Item=item,
        ConditionExpression="#t = :t",
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=values,
    )
    got = fake.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    item["ten"]["N"] = "11"
    item["extra"] = {"S": "x"}
    names["#t"] = "other"
    values[":t"] = {"S": "changed"}
    got["Item"]["name"] = {"S": "changed"}
    fake.update_item(
        TableName="users",
        Key={"pk": {"S": "u1"}},
        UpdateExpression="SET #n = :n",
        ExpressionAttributeNames={"#n": "name"},
        ExpressionAttributeValues={":n": {"S": "later"}},
    )
    first, second, read = fake.calls[0], fake.calls[1], fake.calls[2]
    recorded = {
        "pk": {"S": "u1"},
        "ten": {"N": "10"},
        "big": {"N": "-12345678901234567890.5"},
        "name": {"S": "Zoë"},
    }
    assert list(first.params) == ["Item", "TableName"]
    assert first.params == {"Item": recorded, "TableName": "users"}
    assert first.response == {}
    assert second.params == {
        "TableName": "users",
        "Item": recorded,
        "ConditionExpression": "#t = :t",
        "ExpressionAttributeNames": {"#t": "ten"},
        "ExpressionAttributeValues": {":t": {"N": "10"}},
    }
    assert read.response == {"Item": recorded}
    # Each read is a new copy.
    read.params["Key"]["pk"]["S"] = "changed"  # type: ignore[index]  # a dict of dicts
    assert read.params == {"TableName": "users", "Key": {"pk": {"S": "u1"}}}


def test_a_read_is_recorded_as_answered_after_updates_inside_the_item(
    fake: FakeDynamoDBClient,
) -> None:
    fake.put_item(
        TableName="users",
        Item={"pk": {"S": "u1"}, "m": {"M": {"l": {"L": [{"N": "1"}]}}}, "s": {"SS": ["a"]}},
    )
    answer = dict(fake.get_item(TableName="users", Key={"pk": {"S": "u1"}}))
    del answer["ResponseMetadata"]
    for expression in ("SET m.l[0] = :n, m.k = :n ADD s :s", "SET m.l = list_append(m.l, :l)"):
        fake.update_item(
            TableName="users",
            Key={"pk": {"S": "u1"}},
            UpdateExpression=expression,
            ExpressionAttributeValues={":n": {"N": "2"}, ":s": {"SS": ["b"]}}
            if ":s" in expression
            else {":l": {"L": [{"N": "3"}]}},
        )
    assert fake.calls[1].response == answer


def test_numbers_not_in_the_service_form_are_recorded_as_written(
    fake: FakeDynamoDBClient,
) -> None:
    item: dict[str, AttributeValueTypeDef] = {
        "pk": {"S": "u1"},
        "n": {"N": "1.50"},
        "m": {"N": "007"},
        "e": {"N": "1e2"},
    }
    fake.put_item(TableName="users", Item=item)
    assert fake.calls.last.params["Item"] == item
    assert fake.get_item(TableName="users", Key={"pk": {"S": "u1"}})["Item"] == {
        "pk": {"S": "u1"},
        "n": {"N": "1.5"},
        "m": {"N": "7"},
        "e": {"N": "100"},
    }


def test_a_refused_call_is_recorded_with_its_error_code(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ClientError):
        fake.get_item(TableName="missing", Key={"pk": {"S": "u1"}})
    assert fake.calls.last.error == "ResourceNotFoundException"
    assert fake.calls.last.failed
    assert fake.calls.last.response is None


def test_a_param_validation_error_is_recorded(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ParamValidationError):
        fake.get_item(TableName="users")  # type: ignore[call-arg]
    assert fake.calls.last.error == "ParamValidationError"
    assert fake.calls.last.params == {"TableName": "users"}


def test_calls_reaching_the_service_directly_are_recorded(fake: FakeDynamoDBClient) -> None:
    fake.service.invoke("PutItem", {"TableName": "users", "Item": {"pk": {"S": "u9"}}})
    assert fake.calls.last.operation == "put_item"


def test_filter_by_operation_table_and_outcome(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    fake.put_item(TableName="orders", Item={"customer": {"S": "c"}, "placed": {"N": "1"}})
    with pytest.raises(ClientError):
        put_user(fake, "u2", table="missing")
    assert fake.calls.filter(operation="put_item").call_count == 3
    assert fake.calls.filter(operation="PutItem", table="users").call_count == 1
    assert fake.calls.filter(failed=True)[0].table == "missing"
    assert fake.calls.filter(error="ResourceNotFoundException").call_count == 1
    assert fake.calls.filter(where=lambda call: call.table == "orders").call_count == 1


def test_filter_refuses_an_unknown_operation_naming_the_valid_ones(
    fake: FakeDynamoDBClient,
) -> None:
    with pytest.raises(ValueError, match=r"^dynantic: 'put_itme' .*Did you mean 'put_item'"):
        fake.calls.filter(operation="put_itme")


def test_last_without_calls_is_an_assertion_error(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(CallAssertionError, match=r"^dynantic: no call was recorded"):
        _ = fake.calls.last


def test_counts_and_clear(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    put_user(fake, "u2")
    assert (len(fake.calls), fake.calls.call_count, fake.calls.called) == (2, 2, True)
    fake.calls.clear()
    assert (len(fake.calls), fake.calls.called) == (0, False)


def test_the_record_is_a_sequence(fake: FakeDynamoDBClient) -> None:
    for user in ("u1", "u2", "u3"):
        put_user(fake, user)
    assert [call.params["Item"] for call in fake.calls[-2:]] == [
        {"pk": {"S": "u2"}},
        {"pk": {"S": "u3"}},
    ]


def test_assert_called_counts_matching_calls(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    put_user(fake, "u2")
    assert len(fake.calls.assert_called(operation="put_item", table="users", times=2)) == 2
    with pytest.raises(CallAssertionError) as raised:
        fake.calls.assert_called(operation="put_item", times=3)
    message = str(raised.value)
    assert message.startswith("dynantic: expected 3 calls to put_item, got 2.")
    assert "1. put_item(TableName='users', Item={'pk': {'S': 'u1'}})" in message
    assert isinstance(raised.value, AssertionError)
    with pytest.raises(CallAssertionError, match=r"expected 1 call to put_item, got 2\."):
        fake.calls.assert_called(operation="put_item", times=1)


def test_assert_called_without_times_needs_one_call(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(CallAssertionError, match=r"expected calls to delete_item on table"):
        fake.calls.assert_called(operation="delete_item", table="users")


def test_assert_called_once_returns_the_call(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    call = fake.calls.assert_called_once(operation="put_item")
    assert call.params["TableName"] == "users"


def test_assert_not_called(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    fake.calls.assert_not_called(operation="delete_item")
    with pytest.raises(CallAssertionError, match="expected no calls to put_item, got 1"):
        fake.calls.assert_not_called(operation="put_item")


def test_assert_last_call_compares_the_named_parameters(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    fake.calls.assert_last_call("put_item", TableName="users")
    with pytest.raises(CallAssertionError, match=r"Item is \{'pk': \{'S': 'u1'\}\}, expected"):
        fake.calls.assert_last_call("put_item", Item={"pk": {"S": "u2"}})
    with pytest.raises(CallAssertionError, match="expected get_item, got put_item"):
        fake.calls.assert_last_call("get_item")


def test_assert_any_call_finds_an_earlier_call(fake: FakeDynamoDBClient) -> None:
    put_user(fake, "u1")
    put_user(fake, "u2")
    call = fake.calls.assert_any_call("put_item", Item={"pk": {"S": "u1"}})
    assert call is fake.calls[0]
    with pytest.raises(CallAssertionError, match=r"expected a call put_item\(Item="):
        fake.calls.assert_any_call("put_item", Item={"pk": {"S": "u3"}})


def test_recording_can_be_switched_off() -> None:
    fake = FakeDynamoDBClient(record_calls=False)
    fake.list_tables()
    assert not fake.calls.called
    fake.calls.recording = True
    fake.list_tables()
    assert fake.calls.call_count == 1


def test_a_call_reads_like_the_call_that_was_made() -> None:
    call = Call("GetItem", {"TableName": "users", "Key": {"pk": {"S": "u1"}}}, error="X")
    assert repr(call) == "get_item(TableName='users', Key={'pk': {'S': 'u1'}}) -> X"


@pytest.mark.parametrize(
    ("api_name", "params", "tables"),
    [
        ("Scan", {"TableName": "arn:aws:dynamodb:us-east-1:1:table/users"}, ("users",)),
        ("BatchWriteItem", {"RequestItems": {"a": [], "b": []}}, ("a", "b")),
        (
            "TransactWriteItems",
            {"TransactItems": [{"Put": {"TableName": "a"}}, {"Delete": {"TableName": "a"}}]},
            ("a",),
        ),
        ("TagResource", {"ResourceArn": "arn:aws:dynamodb:r:1:table/t"}, ("t",)),
        ("ListTables", {}, ()),
    ],
)
def test_a_call_knows_the_tables_it_names(
    api_name: str, params: dict[str, object], tables: tuple[str, ...]
) -> None:
    assert Call(api_name, params).tables == tables
