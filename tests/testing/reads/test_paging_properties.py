"""Paging over random tables, compared with a simple model of the service.

Pages of any size concatenate to the whole ordered result; every item falls in
exactly one scan segment, and a segment's pages cover it once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from dynantic.testing import FakeDynamoDBClient
from dynantic.testing.engine.partitions import tie_token

from .conftest import create_table, key_schema

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_dynamodb.type_defs import AttributeValueTypeDef

Row = tuple[str, int, int | None]  # pk, sk, g (None: absent from the index)

rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "Z", "é", "\U0001f600"]),
        st.integers(-20, 20),
        st.none() | st.integers(0, 3),
    ),
    max_size=40,
    unique_by=lambda row: (row[0], row[1]),
)


def _load(rows: list[Row]) -> FakeDynamoDBClient:
    fake = FakeDynamoDBClient(record_calls=False)
    create_table(
        fake,
        "things",
        types={"pk": "S", "sk": "N", "g": "N"},
        range_key="sk",
        global_indexes=[
            {
                "IndexName": "by-g",
                "KeySchema": key_schema(["g"], []),
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    )
    for pk, sk, g in rows:
        item: dict[str, AttributeValueTypeDef] = {"pk": {"S": pk}, "sk": {"N": str(sk)}}
        if g is not None:
            item["g"] = {"N": str(g)}
        fake.put_item(TableName="things", Item=item)
    return fake


def _pages(read: Callable[..., dict[str, object]], limit: int | None) -> list[tuple[str, int]]:
    """Every item of a paged read, following LastEvaluatedKey to the end."""
    seen: list[tuple[str, int]] = []
    extra: dict[str, object] = {"Limit": limit} if limit else {}
    for _ in range(200):
        page = read(**extra)
        items = page["Items"]
        assert isinstance(items, list)
        seen += [(item["pk"]["S"], int(Decimal(item["sk"]["N"]))) for item in items]
        if "LastEvaluatedKey" not in page:
            return seen
        extra["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    raise AssertionError("paging did not end")


@settings(max_examples=60, deadline=None)
@given(
    rows_strategy, st.sampled_from(["a", "b", "é"]), st.none() | st.integers(1, 7), st.booleans()
)
def test_query_pages_concatenate_to_the_ordered_partition(
    rows: list[Row], partition: str, limit: int | None, forward: bool
) -> None:
    fake = _load(rows)

    def read(**extra: object) -> dict[str, object]:
        return dict(
            fake.query(
                TableName="things",
                KeyConditionExpression="pk = :p AND sk >= :low",
                ExpressionAttributeValues={":p": {"S": partition}, ":low": {"N": "-5"}},
                ScanIndexForward=forward,
                **extra,  # type: ignore[arg-type]  # Limit and ExclusiveStartKey
            )
        )

    expected = sorted((pk, sk) for pk, sk, _ in rows if pk == partition and sk >= -5)
    assert _pages(read, limit) == (expected if forward else expected[::-1])


@settings(max_examples=60, deadline=None)
@given(rows_strategy, st.none() | st.integers(1, 7))
def test_scan_pages_visit_every_item_once_in_one_order(rows: list[Row], limit: int | None) -> None:
    fake = _load(rows)

    def read(**extra: object) -> dict[str, object]:
        return dict(fake.scan(TableName="things", **extra))  # type: ignore[arg-type]  # as above

    whole = _pages(read, None)
    assert sorted(whole) == sorted((pk, sk) for pk, sk, _ in rows)
    assert _pages(read, limit) == whole


@settings(max_examples=40, deadline=None)
@given(rows_strategy, st.integers(1, 9), st.none() | st.integers(1, 5))
def test_every_item_is_in_exactly_one_scan_segment(
    rows: list[Row], total: int, limit: int | None
) -> None:
    fake = _load(rows)
    seen: list[tuple[str, int]] = []
    for segment in range(total):

        def read(segment: int = segment, **extra: object) -> dict[str, object]:
            return dict(
                fake.scan(TableName="things", Segment=segment, TotalSegments=total, **extra)  # type: ignore[arg-type]  # as above
            )

        seen += _pages(read, limit)
    assert sorted(seen) == sorted((pk, sk) for pk, sk, _ in rows)


@settings(max_examples=40, deadline=None)
@given(rows_strategy, st.integers(0, 3), st.none() | st.integers(1, 4))
def test_index_query_pages_follow_index_order(rows: list[Row], g: int, limit: int | None) -> None:
    fake = _load(rows)

    def read(**extra: object) -> dict[str, object]:
        return dict(
            fake.query(
                TableName="things",
                IndexName="by-g",
                KeyConditionExpression="g = :g",
                ExpressionAttributeValues={":g": {"N": str(g)}},
                **extra,  # type: ignore[arg-type]  # as above
            )
        )

    # An index without a sort key orders its entries by the digest of the table key.
    expected = sorted(
        ((pk, sk) for pk, sk, value in rows if value == g),
        key=lambda key: (tie_token((key[0], Decimal(key[1]))), key),
    )
    assert _pages(read, limit) == expected


@settings(max_examples=40, deadline=None)
@given(rows_strategy, st.none() | st.integers(1, 4), st.integers(1, 3))
def test_index_scan_pages_and_segments_cover_the_index_once(
    rows: list[Row], limit: int | None, total: int
) -> None:
    fake = _load(rows)
    indexed = sorted((pk, sk) for pk, sk, g in rows if g is not None)
    seen: list[tuple[str, int]] = []
    for segment in range(total):

        def read(segment: int = segment, **extra: object) -> dict[str, object]:
            return dict(
                fake.scan(
                    TableName="things",
                    IndexName="by-g",
                    Segment=segment,
                    TotalSegments=total,
                    **extra,  # type: ignore[arg-type]  # Limit and ExclusiveStartKey
                )
            )

        seen += _pages(read, limit)
    assert sorted(seen) == indexed
