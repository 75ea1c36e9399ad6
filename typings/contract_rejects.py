"""What the seam rejects: every marked line must stay an error (never run).

mypy runs with ``warn_unused_ignores`` and pyright with
``reportUnnecessaryTypeIgnoreComment``: if one of these lines stops being an
error, its ``type: ignore`` becomes unused and the gate fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import boto3

from dynantic import DynamoDBClient, set_client, using_client
from dynantic.testing import FakeDynamoDBClient

from .handwritten import ClientWithoutScan, HandWrittenClient

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.type_defs import GetItemOutputTypeDef, PutItemInputTypeDef
    from typing_extensions import Unpack


class WrongParameterType(HandWrittenClient):
    """get_item takes the wrong parameters."""

    def get_item(self, key: int) -> GetItemOutputTypeDef:  # type: ignore[override]
        raise NotImplementedError


class WrongReturnType(HandWrittenClient):
    """put_item returns something else than the stubs' output type."""

    def put_item(self, **kwargs: Unpack[PutItemInputTypeDef]) -> str:  # type: ignore[override]
        raise NotImplementedError


def a_class_missing_a_method_is_rejected() -> None:
    set_client(ClientWithoutScan())  # type: ignore[arg-type]


def a_wrong_parameter_type_is_rejected() -> None:
    set_client(WrongParameterType())  # type: ignore[arg-type]


def a_wrong_return_type_is_rejected() -> None:
    with using_client(WrongReturnType()):  # type: ignore[type-var]
        pass


def a_plain_object_is_rejected() -> None:
    set_client(object())  # type: ignore[arg-type]
    seam: DynamoDBClient = object()  # type: ignore[assignment]
    del seam


def none_and_strings_are_rejected() -> None:
    set_client(None)  # type: ignore[arg-type]
    with using_client("dynamodb"):  # type: ignore[type-var]
        pass


def a_boto3_resource_is_rejected() -> None:
    # pyright strict flags boto3.resource's overloads for services without stubs.
    resource = boto3.resource("dynamodb")  # pyright: ignore[reportUnknownMemberType]
    set_client(resource)  # type: ignore[arg-type]


def an_error_faults_cannot_program_is_rejected() -> None:
    FakeDynamoDBClient().faults.fail("Throttling")  # type: ignore[arg-type]


def fault_options_are_keyword_only() -> None:
    FakeDynamoDBClient().faults.fail("ThrottlingException", "put_item")  # type: ignore[call-arg]


def leave_unprocessed_is_for_batches_only() -> None:
    FakeDynamoDBClient().faults.leave_unprocessed(operation="put_item")  # type: ignore[arg-type]


def attaching_a_client_instead_of_a_session_is_rejected() -> None:
    fake = FakeDynamoDBClient()
    with fake.attached(fake.boto3_client()):  # type: ignore[arg-type]
        pass
