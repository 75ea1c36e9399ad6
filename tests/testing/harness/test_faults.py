"""Failures on purpose: programmed errors fire exactly when told and change nothing."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, ParamValidationError

from dynantic.testing import FakeDynamoDBClient, FaultCode


def put_user(fake: FakeDynamoDBClient, user_id: str, table: str = "users") -> None:
    fake.put_item(TableName=table, Item={"pk": {"S": user_id}})


def error_code(fake: FakeDynamoDBClient, user_id: str, table: str = "users") -> str | None:
    try:
        put_user(fake, user_id, table)
    except ClientError as error:
        return error.response["Error"]["Code"]
    return None


def test_a_fault_fails_the_next_matching_call_only(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ThrottlingException", operation="put_item", table="users")
    assert error_code(fake, "u1") == "ThrottlingException"
    assert error_code(fake, "u2") is None


def test_a_failed_call_changes_nothing(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("InternalServerError", operation="put_item")
    with pytest.raises(fake.exceptions.InternalServerError):
        put_user(fake, "u1")
    assert fake.table_items("users") == []


def test_nth_lets_earlier_matching_calls_through(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ThrottlingException", operation="put_item", nth=3)
    assert [error_code(fake, f"u{i}") for i in range(4)] == [
        None,
        None,
        "ThrottlingException",
        None,
    ]


def test_times_none_fails_every_matching_call(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ProvisionedThroughputExceededException", operation="put_item", times=None)
    assert {error_code(fake, f"u{i}") for i in range(5)} == {
        "ProvisionedThroughputExceededException"
    }


def test_times_counts_the_failures(fake: FakeDynamoDBClient) -> None:
    rule = fake.faults.fail("ThrottlingException", operation="put_item", nth=2, times=2)
    codes = [error_code(fake, f"u{i}") for i in range(5)]
    assert codes == [None, "ThrottlingException", "ThrottlingException", None, None]
    assert (rule.seen, rule.fired, rule.done) == (3, 2, True)


def test_a_fault_for_one_table_leaves_other_tables_alone(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ThrottlingException", table="users", times=None)
    fake.put_item(TableName="orders", Item={"customer": {"S": "c"}, "placed": {"N": "1"}})
    assert error_code(fake, "u1") == "ThrottlingException"


def test_a_fault_matches_a_table_named_by_arn(fake: FakeDynamoDBClient) -> None:
    arn = fake.describe_table(TableName="users")["Table"]["TableArn"]
    fake.faults.fail("ThrottlingException", operation="get_item", table="users")
    with pytest.raises(ClientError, match="ThrottlingException"):
        fake.get_item(TableName=arn, Key={"pk": {"S": "u1"}})


def test_operations_may_be_named_by_api_name_and_several_at_once(
    fake: FakeDynamoDBClient,
) -> None:
    rule = fake.faults.fail("ThrottlingException", operation=["PutItem", "get_item"], times=2)
    assert rule.operations == ("get_item", "put_item")
    with pytest.raises(ClientError):
        fake.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    assert error_code(fake, "u1") == "ThrottlingException"


def test_an_unknown_operation_is_refused_naming_the_valid_ones(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ValueError, match=r"^dynantic: 'put_itme' .*'put_item'.*Valid operations"):
        fake.faults.fail("ThrottlingException", operation="put_itme")


def test_an_error_the_operation_never_answers_is_refused(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ValueError, match=r"never answers create_table with Provisioned.*put_item"):
        fake.faults.fail("ProvisionedThroughputExceededException", operation="create_table")


def test_an_operation_the_fake_does_not_answer_is_refused(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ValueError, match=r"does not answer execute_statement, so no fault"):
        fake.faults.fail("ThrottlingException", operation=["put_item", "execute_statement"])
    assert "execute_statement" not in fake.faults.fail("ThrottlingException").operations
    assert len(fake.faults.rules) == 1


def test_an_unknown_error_is_refused_naming_the_valid_ones(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ValueError, match=r"^dynantic: 'Throttling' .*ThrottlingException"):
        fake.faults.fail("Throttling")  # type: ignore[arg-type]


def test_bad_counts_are_refused(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ValueError, match=r"^dynantic: nth"):
        fake.faults.fail("ThrottlingException", nth=0)
    with pytest.raises(ValueError, match=r"^dynantic: times"):
        fake.faults.fail("ThrottlingException", times=0)
    with pytest.raises(ValueError, match=r"^dynantic: probability"):
        fake.faults.fail("ThrottlingException", probability=1.5)


def test_without_an_operation_a_fault_waits_for_one_that_can_answer_it(
    fake: FakeDynamoDBClient,
) -> None:
    fake.faults.fail("ProvisionedThroughputExceededException")
    fake.add_tables(more="pk")
    fake.describe_table(TableName="users")
    assert error_code(fake, "u1") == "ProvisionedThroughputExceededException"


def failures(seed: int) -> list[bool]:
    fake = FakeDynamoDBClient()
    fake.add_tables(users="pk")
    fake.faults.fail("ThrottlingException", operation="put_item", probability=0.3, seed=seed)
    return [error_code(fake, f"u{i}") is not None for i in range(40)]


def test_a_seeded_probability_fails_the_same_calls_every_run() -> None:
    first = failures(seed=7)
    assert first == failures(seed=7)
    assert first != failures(seed=8)
    assert 0 < sum(first) < 40


def test_a_probability_applies_to_every_call_unless_times_says_otherwise(
    fake: FakeDynamoDBClient,
) -> None:
    rule = fake.faults.fail("ThrottlingException", operation="put_item", probability=1.0)
    assert {error_code(fake, f"u{i}") for i in range(3)} == {"ThrottlingException"}
    assert rule.times is None


DOCUMENTED: list[tuple[FaultCode, str, str, int]] = [
    (
        "ProvisionedThroughputExceededException",
        "put_item",
        "The level of configured provisioned throughput for the table was exceeded. "
        "Consider increasing your provisioning level with the UpdateTable API.",
        400,
    ),
    (
        "ThrottlingException",
        "put_item",
        "Throughput exceeds the current capacity of your table or index. DynamoDB is "
        "automatically scaling your table or index so please try again shortly. If exceptions "
        "persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/"
        "latest/developerguide/bp-partition-key-design.html",
        400,
    ),
    (
        "RequestLimitExceeded",
        "put_item",
        "Throughput exceeds the current throughput limit for your account. Please contact "
        "AWS Support at https://aws.amazon.com/support request a limit increase",
        400,
    ),
    ("InternalServerError", "put_item", "Internal server error", 500),
    ("TransactionConflictException", "put_item", "Transaction is ongoing for the item", 400),
    (
        "TransactionInProgressException",
        "transact_write_items",
        "The transaction with the given request token is already in progress",
        400,
    ),
    ("ItemCollectionSizeLimitExceededException", "put_item", "Collection size exceeded", 400),
    ("LimitExceededException", "create_table", "Too many operations for a given subscriber", 400),
]


@pytest.mark.parametrize(("code", "operation", "message", "status"), DOCUMENTED)
def test_a_fault_answers_with_the_services_error(
    fake: FakeDynamoDBClient, code: FaultCode, operation: str, message: str, status: int
) -> None:
    fake.faults.fail(code, operation=operation)
    with pytest.raises(ClientError) as raised:
        _call(fake, operation)
    error = raised.value
    assert isinstance(error, getattr(fake.exceptions, code))
    assert error.response["Error"] == {"Code": code, "Message": message}
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == status


def _call(fake: FakeDynamoDBClient, operation: str) -> None:
    if operation == "put_item":
        put_user(fake, "u1")
    elif operation == "create_table":
        fake.create_table(
            TableName="things",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    else:
        fake.transact_write_items(
            TransactItems=[{"Put": {"TableName": "users", "Item": {"pk": {"S": "u1"}}}}]
        )


def test_throttling_a_table_operation_has_the_control_plane_text(
    fake: FakeDynamoDBClient,
) -> None:
    fake.faults.fail("ThrottlingException", operation="describe_table")
    with pytest.raises(ClientError) as raised:
        fake.describe_table(TableName="users")
    assert raised.value.response["Error"]["Message"] == (
        "Rate of requests exceeds the allowed throughput"
    )


def test_throughput_errors_name_the_throttled_table(fake: FakeDynamoDBClient) -> None:
    arn = fake.describe_table(TableName="users")["Table"]["TableArn"]
    fake.faults.fail("ProvisionedThroughputExceededException", operation="get_item")
    with pytest.raises(ClientError) as raised:
        fake.get_item(TableName="users", Key={"pk": {"S": "u1"}})
    assert raised.value.response.get("ThrottlingReasons") == [
        {"reason": "TableReadProvisionedThroughputExceeded", "resource": arn}
    ]


def test_a_fault_may_carry_its_own_message(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("InternalServerError", message="boom")
    with pytest.raises(ClientError, match="boom"):
        put_user(fake, "u1")


def test_a_malformed_request_is_refused_before_faults_are_consulted(
    fake: FakeDynamoDBClient,
) -> None:
    rule = fake.faults.fail("ThrottlingException", operation="get_item")
    with pytest.raises(ParamValidationError):
        fake.get_item(TableName="users")  # type: ignore[call-arg]
    assert (rule.seen, rule.fired) == (0, 0)


def test_rules_are_consulted_in_the_order_they_were_added(fake: FakeDynamoDBClient) -> None:
    first = fake.faults.fail("InternalServerError", operation="put_item")
    second = fake.faults.fail("ThrottlingException", operation="put_item")
    assert error_code(fake, "u1") == "InternalServerError"
    assert error_code(fake, "u1") == "ThrottlingException"
    assert (first.fired, second.fired, second.seen) == (1, 1, 1)


def test_faults_apply_to_requests_reaching_the_service_directly(
    fake: FakeDynamoDBClient,
) -> None:
    fake.faults.fail("ThrottlingException", operation="put_item")
    with pytest.raises(Exception, match="Throughput exceeds") as raised:
        fake.service.invoke("PutItem", {"TableName": "users", "Item": {"pk": {"S": "u1"}}})
    assert getattr(raised.value, "code", None) == "ThrottlingException"


def test_a_fired_fault_is_recorded_as_the_calls_error(fake: FakeDynamoDBClient) -> None:
    fake.faults.fail("ThrottlingException", operation="put_item")
    error_code(fake, "u1")
    assert fake.calls.last.error == "ThrottlingException"


def test_clear_and_remove_forget_rules(fake: FakeDynamoDBClient) -> None:
    kept = fake.faults.fail("ThrottlingException", operation="get_item")
    dropped = fake.faults.fail("ThrottlingException", operation="put_item")
    fake.faults.remove(dropped)
    assert fake.faults.rules == (kept,)
    assert error_code(fake, "u1") is None
    assert programmed(fake)
    fake.faults.clear()
    assert not programmed(fake)
    assert not fake.faults.rules


def programmed(fake: FakeDynamoDBClient) -> bool:
    """Read anew each time (an attribute read inline stays narrowed for mypy)."""
    return fake.faults.programmed


def test_removing_the_last_error_rule_lets_calls_take_the_lane_again(
    fake: FakeDynamoDBClient,
) -> None:
    assert not programmed(fake)
    rule = fake.faults.fail("ThrottlingException", operation="get_item")
    assert programmed(fake)
    fake.faults.leave_unprocessed(operation="batch_write_item")
    fake.faults.remove(rule)
    assert not programmed(fake)  # batch rules do not concern single calls
    assert error_code(fake, "u1") is None


# ---------------------------------------------------------------- partial batches

WRITES = {
    "users": [{"PutRequest": {"Item": {"pk": {"S": f"u{i}"}}}} for i in range(4)],
    "orders": [{"DeleteRequest": {"Key": {"customer": {"S": "c"}, "placed": {"N": "1"}}}}],
}


def test_no_rule_leaves_nothing_unprocessed(fake: FakeDynamoDBClient) -> None:
    assert fake.service.database.faults.unprocessed("BatchWriteItem", WRITES) == {}


def test_leave_unprocessed_selects_every_request_of_a_table(fake: FakeDynamoDBClient) -> None:
    rule = fake.faults.leave_unprocessed(operation="batch_write_item", table="orders")
    faults = fake.service.database.faults
    assert faults.unprocessed("BatchWriteItem", WRITES) == {"orders": frozenset({0})}
    assert faults.unprocessed("BatchWriteItem", WRITES) == {}
    assert rule.fired == 1


def test_leave_unprocessed_count_takes_requests_in_order(fake: FakeDynamoDBClient) -> None:
    fake.faults.leave_unprocessed(count=3)
    chosen = fake.service.database.faults.unprocessed("BatchWriteItem", WRITES)
    assert chosen == {"users": frozenset({0, 1, 2})}


def test_leave_unprocessed_where_picks_requests_by_content(fake: FakeDynamoDBClient) -> None:
    def user_two(request: object) -> bool:
        return request == {"PutRequest": {"Item": {"pk": {"S": "u2"}}}}

    fake.faults.leave_unprocessed(operation="BatchWriteItem", where=user_two)
    faults = fake.service.database.faults
    assert faults.unprocessed("BatchGetItem", WRITES) == {}
    assert faults.unprocessed("BatchWriteItem", WRITES) == {"users": frozenset({2})}


def test_leave_unprocessed_counts_only_calls_it_selects_from(fake: FakeDynamoDBClient) -> None:
    rule = fake.faults.leave_unprocessed(table="orders", nth=2)
    faults = fake.service.database.faults
    users_only = {"users": WRITES["users"]}
    assert faults.unprocessed("BatchWriteItem", users_only) == {}
    assert faults.unprocessed("BatchWriteItem", WRITES) == {}
    assert faults.unprocessed("BatchWriteItem", WRITES) == {"orders": frozenset({0})}
    assert (rule.seen, rule.fired) == (2, 1)


def test_leave_unprocessed_is_only_for_batches(fake: FakeDynamoDBClient) -> None:
    with pytest.raises(ValueError, match=r"^dynantic: 'put_item' .*batch_get_item, batch_write"):
        fake.faults.leave_unprocessed(operation="put_item")  # type: ignore[arg-type]


def test_a_rule_describes_itself(fake: FakeDynamoDBClient) -> None:
    rule = fake.faults.fail("ThrottlingException", operation="put_item", table="users", nth=2)
    assert repr(rule) == (
        "<FaultRule ThrottlingException for put_item on table 'users', call 2 on, 1x: fired 0>"
    )
