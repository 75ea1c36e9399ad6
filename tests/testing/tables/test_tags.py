"""TagResource, UntagResource and ListTagsOfResource."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from dynantic.testing.errors import ServiceError

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import StreamSpecificationTypeDef, TagTypeDef

    from dynantic.testing import FakeDynamoDBClient

Refuses = Callable[[str, str], AbstractContextManager[None]]
INVALID = "One or more parameter values were invalid: "
ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/things"


@pytest.fixture
def fake(fake: FakeDynamoDBClient) -> FakeDynamoDBClient:
    fake.create_table(
        TableName="things",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return fake


def tags(*pairs: tuple[str, str]) -> list[TagTypeDef]:
    return [{"Key": key, "Value": value} for key, value in pairs]


def test_tags_are_listed_by_key(fake: FakeDynamoDBClient) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("team", "blue"), ("Env", "prod"), ("app", "")))
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == tags(
        ("Env", "prod"), ("app", ""), ("team", "blue")
    )


def test_tagging_a_key_again_replaces_its_value(fake: FakeDynamoDBClient) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("team", "blue")))
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("team", "red")))
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == tags(("team", "red"))


def test_untagging_removes_present_keys_and_ignores_absent_ones(fake: FakeDynamoDBClient) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("a", "1"), ("b", "2")))
    fake.untag_resource(ResourceArn=ARN, TagKeys=["a", "never"])
    fake.untag_resource(ResourceArn=ARN, TagKeys=["never"])
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == tags(("b", "2"))


def test_list_tags_has_one_page_and_ignores_next_token(fake: FakeDynamoDBClient) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(*((f"k{n:02}", "v") for n in range(50))))
    listed = fake.list_tags_of_resource(ResourceArn=ARN, NextToken="anything")
    assert len(listed["Tags"]) == 50
    assert "NextToken" not in set(listed)


def test_tag_resource_needs_a_tag(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ValidationException", "Atleast one Tag needs to be provided as Input."):
        fake.tag_resource(ResourceArn=ARN, Tags=[])


def test_untag_resource_needs_a_key(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses("ValidationException", "Atleast one Tag Key needs to be provided as Input."):
        fake.untag_resource(ResourceArn=ARN, TagKeys=[])


@pytest.mark.parametrize("key", ["aws:owner", "AWS:owner", "Aws:"])
def test_aws_prefixed_keys_are_reserved(
    fake: FakeDynamoDBClient, refuses: Refuses, key: str
) -> None:
    with refuses("ValidationException", f"Tag Key cannot be prefixed with aws:, Key: {key}"):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("good", "x"), (key, "x")))
    with refuses("ValidationException", f"Tag Key cannot be prefixed with aws:, Key: {key}"):
        fake.untag_resource(ResourceArn=ARN, TagKeys=[key])


def test_keys_merely_containing_aws_are_allowed(fake: FakeDynamoDBClient) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("myaws:owner", "x")))
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == tags(("myaws:owner", "x"))


# Lengths are TagResource's own rules, not the generic check's: the service
# answers them in its tag words (ack-api-quirks catalogue, DDB-TABLE-107, live).
def test_keys_hold_up_to_128_characters(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("k" * 128, "x")))
    with refuses("ValidationException", f"The Tag Key provided is invalid, Key: {'k' * 129}"):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("k" * 129, "x")))


def test_values_hold_up_to_256_characters(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("k", "v" * 256)))
    with refuses("ValidationException", f"The Tag Value provided is invalid, Value: {'v' * 257}"):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("k", "v" * 257)))


@pytest.mark.parametrize(
    "text", ["ключ", "café", "表", "a b+c-d=e.f_g:h/i@j", " leading", "\u00a0nbsp"]
)
def test_letters_digits_spaces_and_some_punctuation_of_any_script_are_allowed(
    fake: FakeDynamoDBClient, text: str
) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags((text, text)))
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == tags((text, text))


@pytest.mark.parametrize("text", ["a#b", "100%", "a,b", "it's", "a&b", "key\U0001f511"])
def test_other_characters_are_refused(
    fake: FakeDynamoDBClient, refuses: Refuses, text: str
) -> None:
    with refuses("ValidationException", f"The Tag Key provided is invalid, Key: {text}"):
        fake.tag_resource(ResourceArn=ARN, Tags=tags((text, "x")))
    with refuses("ValidationException", f"The Tag Value provided is invalid, Value: {text}"):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("x", text)))


def test_a_key_given_twice_is_refused(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    with refuses(
        "ValidationException", "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup"
    ):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("dup", "1"), ("dup", "2")))


def test_a_table_holds_at_most_fifty_tags(fake: FakeDynamoDBClient, refuses: Refuses) -> None:
    fifty = tags(*((f"k{n:02}", "v") for n in range(50)))
    fake.tag_resource(ResourceArn=ARN, Tags=fifty)
    message = "Number of Tags exceed the current limit for the provided ResourceArn"
    with refuses("ValidationException", message):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("k00", "new"), ("k50", "v")))
    fake.tag_resource(ResourceArn=ARN, Tags=tags(*((f"k{n:02}", "w") for n in range(50))))
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"][0] == {"Key": "k00", "Value": "w"}


def test_fifty_one_tags_in_one_request_are_refused(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    message = "Number of Tags exceed the current limit for the provided ResourceArn"
    with refuses("ValidationException", message):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(*((f"k{n}", "v") for n in range(51))))
    with refuses("ValidationException", message):
        fake.untag_resource(ResourceArn=ARN, TagKeys=[f"k{n}" for n in range(51)])


def test_a_tag_set_holds_at_most_10240_bytes_after_the_merge(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    """Keys and values count in UTF-8 bytes, over the tags the table would hold."""
    wide = [(f"{n:02}".ljust(128, "k"), "v" * 128) for n in range(39)]  # 39 * 256 bytes
    fake.tag_resource(ResourceArn=ARN, Tags=tags(*wide))
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("é" * 8, "v" * 8)))  # 24 bytes: 10,008
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("last", "v" * 228)))  # 232 bytes: 10,240
    message = "Tag set size 10241 bytes is above max size limit of 10240 bytes"
    with refuses("ValidationException", message):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("z", "")))
    with refuses("ValidationException", message):
        fake.tag_resource(ResourceArn=ARN, Tags=tags(("last", "v" * 229)))
    assert len(fake.list_tags_of_resource(ResourceArn=ARN)["Tags"]) == 41


@pytest.mark.parametrize(
    ("arn", "message"),
    [
        ("things", INVALID + "ARNs must start with 'arn:': things"),
        ("arn:sth", INVALID + "Second colon partition not found: arn:sth"),
        ("arn:aws:dynamodb", INVALID + "Third colon vendor not found: arn:aws:dynamodb"),
        (
            "arn:aws:dynamodb:us-east-1",
            INVALID + "Fourth colon (region/namespace delimiter) not found: "
            "arn:aws:dynamodb:us-east-1",
        ),
        (
            "arn:aws:dynamodb:us-east-1:123456789012",
            INVALID + "Fifth colon (namespace/relative-id delimiter) not found: "
            "arn:aws:dynamodb:us-east-1:123456789012",
        ),
        (
            ARN + "/backup/01234567890123-abcdefgh",
            INVALID
            + "Provided Arn is not a DynamoDB resource arn: "
            + ARN
            + "/backup/01234567890123-abcdefgh",
        ),
        (
            ARN + "/index/by-x",
            INVALID + "Invalid resource arn provided, only table or stream is accepted. "
            "Provided resource arn: " + ARN + "/index/by-x",
        ),
        (
            "arn:aws:dynamodb:eu-west-1:123456789012:table/things",
            "Invalid TableArn: Invalid ResourceArn provided as input "
            "arn:aws:dynamodb:eu-west-1:123456789012:table/things",
        ),
    ],
    ids=[
        "bare-name",
        "no-partition",
        "no-vendor",
        "no-region",
        "no-account",
        "backup",
        "index",
        "other-region",
    ],
)
def test_resource_arns_name_a_table_of_this_region(
    fake: FakeDynamoDBClient, refuses: Refuses, arn: str, message: str
) -> None:
    with refuses("ValidationException", message):
        fake.tag_resource(ResourceArn=arn, Tags=tags(("k", "v")))
    with refuses("ValidationException", message):
        fake.untag_resource(ResourceArn=arn, TagKeys=["k"])
    with refuses("ValidationException", message):
        fake.list_tags_of_resource(ResourceArn=arn)


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:dynamodb:us-east-1:999999999999:table/t1",
        "arn:aws:dynamodb:eu-west-1:999999999999:table/t1",
        "arn:aws:s3:::things",
        "arn:aws:sqs:us-east-1:123456789012:things",
    ],
    ids=["other-account", "other-account-and-region", "other-service", "own-account-service"],
)
def test_another_accounts_table_or_another_service_is_access_denied(
    fake: FakeDynamoDBClient, refuses: Refuses, arn: str
) -> None:
    with refuses("AccessDeniedException", "Access is denied"):
        fake.tag_resource(ResourceArn=arn, Tags=tags(("k", "v")))
    with refuses("AccessDeniedException", "Access is denied"):
        fake.untag_resource(ResourceArn=arn, TagKeys=["k"])
    with refuses("AccessDeniedException", "Access is denied"):
        fake.list_tags_of_resource(ResourceArn=arn)


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:dynamodb:us-east-1:123456789012:table/missing",
        "arn:aws:dynamodb:us-east-1:123456789012:table/THINGS",
        ARN + "/stream/2026-01-01T00:00:00.000",
    ],
    ids=["missing", "other-case", "stream"],
)
def test_an_arn_of_no_table_is_not_found(
    fake: FakeDynamoDBClient, refuses: Refuses, arn: str
) -> None:
    message = f"Requested resource not found: ResourceArn: {arn} not found"
    with refuses("ResourceNotFoundException", message):
        fake.tag_resource(ResourceArn=arn, Tags=tags(("k", "v")))
    with refuses("ResourceNotFoundException", message):
        fake.untag_resource(ResourceArn=arn, TagKeys=["k"])
    with refuses("ResourceNotFoundException", message):
        fake.list_tags_of_resource(ResourceArn=arn)


def test_the_live_stream_holds_tags_of_its_own(fake: FakeDynamoDBClient) -> None:
    stream: StreamSpecificationTypeDef = {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    fake.update_table(TableName="things", StreamSpecification=stream)
    first = fake.describe_table(TableName="things")["Table"].get("LatestStreamArn", "")
    assert fake.list_tags_of_resource(ResourceArn=first)["Tags"] == []
    fake.tag_resource(ResourceArn=first, Tags=tags(("feed", "orders")))
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("team", "blue")))
    assert fake.list_tags_of_resource(ResourceArn=first)["Tags"] == tags(("feed", "orders"))
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == tags(("team", "blue"))
    fake.untag_resource(ResourceArn=first, TagKeys=["feed", "team"])
    assert fake.list_tags_of_resource(ResourceArn=first)["Tags"] == []
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == tags(("team", "blue"))


def test_a_new_stream_starts_without_tags_and_the_old_one_is_not_found(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    stream: StreamSpecificationTypeDef = {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    fake.update_table(TableName="things", StreamSpecification=stream)
    first = fake.describe_table(TableName="things")["Table"].get("LatestStreamArn", "")
    fake.tag_resource(ResourceArn=first, Tags=tags(("feed", "orders")))
    fake.update_table(TableName="things", StreamSpecification={"StreamEnabled": False})
    fake.clock.shift(timedelta(seconds=1))
    fake.update_table(TableName="things", StreamSpecification=stream)
    second = fake.describe_table(TableName="things")["Table"].get("LatestStreamArn", "")
    assert second != first
    assert fake.list_tags_of_resource(ResourceArn=second)["Tags"] == []
    with refuses(
        "ResourceNotFoundException", f"Requested resource not found: ResourceArn: {first} not found"
    ):
        fake.list_tags_of_resource(ResourceArn=first)


def test_tags_are_checked_before_the_table_is_looked_up(
    fake: FakeDynamoDBClient, refuses: Refuses
) -> None:
    with refuses("ValidationException", "Tag Key cannot be prefixed with aws:, Key: aws:x"):
        fake.tag_resource(
            ResourceArn="arn:aws:dynamodb:us-east-1:123456789012:table/missing",
            Tags=tags(("aws:x", "v")),
        )


def test_a_recreated_table_starts_without_tags(fake: FakeDynamoDBClient) -> None:
    fake.tag_resource(ResourceArn=ARN, Tags=tags(("k", "v")))
    fake.delete_table(TableName="things")
    fake.create_table(
        TableName="things",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    assert fake.list_tags_of_resource(ResourceArn=ARN)["Tags"] == []


def test_tag_and_untag_answer_nothing_but_metadata(fake: FakeDynamoDBClient) -> None:
    tagged = fake.tag_resource(ResourceArn=ARN, Tags=tags(("k", "v")))
    untagged = fake.untag_resource(ResourceArn=ARN, TagKeys=["k"])
    assert set(tagged) == set(untagged) == {"ResponseMetadata"}


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ({"Value": "v"}, "The Tag Key provided is invalid, Key: null"),
        ({"Key": "k"}, "The Tag Value provided is invalid, Value: null"),
    ],
    ids=["no key", "no value"],
)
def test_a_tag_missing_its_key_or_value_reads_null(
    fake: FakeDynamoDBClient, tag: dict[str, str], message: str
) -> None:
    # Only a request sent past boto3's own check can lack them (as over HTTP).
    request = {"ResourceArn": ARN, "Tags": [tag]}
    with pytest.raises(ServiceError) as refused:
        fake.service.invoke("TagResource", request)
    assert (refused.value.code, refused.value.message) == ("ValidationException", message)
