"""Properties: whatever a caller sends to PutItem, GetItem, UpdateItem or
DeleteItem, the fake answers or raises one of the service's own errors (or
botocore's ParamValidationError), never an internal exception, and a refused
request leaves every table exactly as it was."""

from __future__ import annotations

import re
from typing import Any

from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dynantic.testing import FakeDynamoDBClient

from .conftest import INDEXED, SIMPLE, SORTED, add_tables, stored_state

# The errors the item operations answer with.
SERVICE_ERRORS = frozenset(
    {"ValidationException", "ConditionalCheckFailedException", "ResourceNotFoundException"}
)
TABLES = [SIMPLE, SORTED, INDEXED, "missing"]
NAMES = ["pk", "sk", "a", "b", "l", "m", "g", "gs", "name", "x.y", ""]
TOKENS = [
    "pk", "sk", "a", "b", "l", "m", "g", "gs", "name", "#n", "#m", "#x", ":v", ":w", ":x",
    "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "NOT", "BETWEEN", "IN", "(", ")", ",",
    ".", "[0]", "[1]", "[9]", "size", "attribute_exists", "attribute_not_exists",
    "attribute_type", "begins_with", "contains", "SET", "REMOVE", "ADD", "DELETE", "+", "-",
    "list_append", "if_not_exists", "#", ":",
]  # fmt: skip
PATHS = ["a", "b", "pk", "g", "gs", "l[0]", "l[3]", "m.a", "m.x.y", "#n", "#n.a", "#m[1]"]
OPERANDS = [":v", ":w", "a", "a + :v", ":v - :w", "if_not_exists(b, :v)", "list_append(l, :w)"]
WELL_FORMED_OPERANDS = [
    ":v",
    ":n - :n",
    "if_not_exists(hits, :n) + :n",
    "list_append(if_not_exists(lst, :l), :l)",
]

numbers = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["", "abc", "1e126", "1E-131", "-0", "00.10", " 1", "+1", "NaN"]),
)
scalars: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.builds(lambda text: {"S": text}, st.text(max_size=5)),
    st.builds(lambda text: {"N": text}, numbers),
    st.builds(lambda data: {"B": data}, st.binary(max_size=4)),
    st.builds(lambda flag: {"BOOL": flag}, st.booleans()),
    st.builds(lambda flag: {"NULL": flag}, st.booleans()),
    st.builds(lambda texts: {"SS": texts}, st.lists(st.text(max_size=2), max_size=3)),
    st.builds(lambda texts: {"NS": texts}, st.lists(numbers, max_size=3)),
    st.builds(lambda data: {"BS": data}, st.lists(st.binary(max_size=2), max_size=3)),
    st.sampled_from([{}, {"S": "x", "N": "1"}]),
)
good_scalars: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.builds(lambda text: {"S": text}, st.text(max_size=5)),
    st.builds(lambda number: {"N": str(number)}, st.integers(-100, 100)),
    st.builds(
        lambda texts: {"SS": sorted(texts)}, st.sets(st.text(max_size=2), min_size=1, max_size=3)
    ),
    st.builds(
        lambda numbers: {"NS": [str(n) for n in sorted(numbers)]},
        st.sets(st.integers(0, 9), min_size=1, max_size=3),
    ),
    st.builds(lambda flag: {"BOOL": flag}, st.booleans()),
)
good_numbers = st.builds(lambda number: {"N": str(number)}, st.integers(-100, 100))
good_string_sets = st.builds(
    lambda texts: {"SS": sorted(texts)}, st.sets(st.text(max_size=2), min_size=1, max_size=3)
)
good_lists = st.builds(lambda elements: {"L": elements}, st.lists(good_numbers, max_size=2))
good_values: st.SearchStrategy[dict[str, Any]] = st.recursive(
    good_scalars,
    lambda inner: st.one_of(
        st.builds(lambda elements: {"L": elements}, st.lists(inner, max_size=3)),
        st.builds(
            lambda members: {"M": members},
            st.dictionaries(st.sampled_from(["a", "b", "x"]), inner, max_size=3),
        ),
    ),
    max_leaves=4,
)
values: st.SearchStrategy[dict[str, Any]] = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.builds(lambda elements: {"L": elements}, st.lists(inner, max_size=3)),
        st.builds(
            lambda members: {"M": members},
            st.dictionaries(st.sampled_from(["a", "b", "x"]), inner, max_size=3),
        ),
    ),
    max_leaves=5,
)
keyish = st.one_of(
    st.builds(lambda text: {"S": text}, st.text(max_size=3)),
    st.builds(lambda number: {"N": str(number)}, st.integers(-3, 3)),
    values,
)
items = st.dictionaries(
    st.sampled_from(NAMES),
    values,
    max_size=5,
).flatmap(
    lambda rest: st.fixed_dictionaries(
        {"pk": keyish}, optional={"sk": keyish, "g": keyish, "gs": keyish, "l": keyish}
    ).map(lambda keys: {**rest, **keys})
)
keys = st.fixed_dictionaries({"pk": keyish}, optional={"sk": keyish, "x": keyish})
texts = st.one_of(
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map(" ".join),
    st.text(max_size=12),
)


@st.composite
def update_expressions(draw: st.DrawFn, *, well_formed: bool = False) -> str:
    """Update expressions: any text, or sections of actions (``well_formed``: each
    section once, each path once, no key attribute), so applying them is exercised."""
    if not well_formed and draw(st.booleans()):
        return draw(texts)
    sections = []
    paths_left = [path for path in PATHS if not (well_formed and path == "pk")]
    for section in draw(
        st.lists(
            st.sampled_from(["SET", "REMOVE", "ADD", "DELETE"]),
            min_size=1,
            max_size=3,
            unique=well_formed,
        )
    ):
        if not paths_left:
            break
        paths = draw(st.lists(st.sampled_from(paths_left), min_size=1, max_size=2, unique=True))
        if well_formed:
            heads = {path.split(".")[0].split("[")[0] for path in paths}
            paths_left = [p for p in paths_left if p.split(".")[0].split("[")[0] not in heads]
        if section == "SET":
            operands = WELL_FORMED_OPERANDS if well_formed else OPERANDS
            actions = [f"{path} = {draw(st.sampled_from(operands))}" for path in paths]
        elif section == "REMOVE":
            actions = paths
        elif well_formed:
            actions = [f"{path} {':n' if section == 'ADD' else ':ss'}" for path in paths]
        else:
            actions = [f"{path} {draw(st.sampled_from([':v', ':w']))}" for path in paths]
        sections.append(f"{section} {', '.join(actions)}")
    return " ".join(sections)


conditions = st.one_of(
    texts,
    st.sampled_from(
        [
            "attribute_exists(pk)",
            "attribute_not_exists(pk)",
            "a = :v",
            "#n <> :w",
            "size(a) > :v",
            "begins_with(a, :v) OR contains(l, :w)",
            "a BETWEEN :v AND :w",
            "attribute_type(a, :v)",
        ]
    ),
)
options = st.fixed_dictionaries(
    {},
    optional={
        "ExpressionAttributeNames": st.dictionaries(
            st.sampled_from(["#n", "#m", "#x", "bad"]), st.sampled_from(["a", "m", "pk", "g", ""])
        ),
        "ExpressionAttributeValues": st.dictionaries(
            st.sampled_from([":v", ":w", ":x", "bad"]), values
        ),
        "ReturnValues": st.sampled_from(
            ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]
        ),
        "ReturnValuesOnConditionCheckFailure": st.sampled_from(["NONE", "ALL_OLD"]),
        "ReturnConsumedCapacity": st.sampled_from(["NONE", "TOTAL", "INDEXES"]),
        "ReturnItemCollectionMetrics": st.sampled_from(["NONE", "SIZE"]),
        "Expected": st.dictionaries(
            st.sampled_from(["a", "pk"]),
            st.fixed_dictionaries(
                {},
                optional={
                    "Exists": st.booleans(),
                    "Value": values,
                    "ComparisonOperator": st.sampled_from(["EQ", "GT", "NULL", "BETWEEN", "IN"]),
                    "AttributeValueList": st.lists(values, max_size=2),
                },
            ),
            max_size=2,
        ),
    },
)


_PLACEHOLDER = re.compile(r"[#:][0-9A-Za-z_]+")
# Valid keys of each table, for the requests that should reach the items.
_KEYS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    SIMPLE: st.builds(lambda pk: {"pk": {"S": pk}}, st.sampled_from(["a", "b", "c"])),
    SORTED: st.builds(
        lambda pk, sk: {"pk": {"S": pk}, "sk": {"N": sk}},
        st.sampled_from(["a", "b"]),
        st.sampled_from(["1", "2"]),
    ),
    INDEXED: st.builds(
        lambda pk, sk: {"pk": {"S": pk}, "sk": {"S": sk}},
        st.sampled_from(["a", "b"]),
        st.sampled_from(["1", "2"]),
    ),
}


def _placeholder_maps(draw: st.DrawFn, texts_used: list[str]) -> dict[str, Any]:
    """ExpressionAttributeNames and Values for exactly the placeholders the texts use."""
    used = sorted({found for text in texts_used for found in _PLACEHOLDER.findall(text)})
    names = {key: f"attribute{key[1:]}" for key in used if key[0] == "#"}
    roles = {":n": good_numbers, ":ss": good_string_sets, ":l": good_lists}
    values_ = {key: draw(roles.get(key, good_values)) for key in used if key[0] == ":"}
    maps: dict[str, Any] = {}
    if names:
        maps["ExpressionAttributeNames"] = names
    if values_:
        maps["ExpressionAttributeValues"] = values_
    return maps


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """An operation and a request for it: well-formed (to reach the stored items)
    or not, in every way the fake checks."""
    operation = draw(st.sampled_from(["put_item", "get_item", "update_item", "delete_item"]))
    if draw(st.booleans()):
        return operation, _well_formed(draw, operation)
    request: dict[str, Any] = {"TableName": draw(st.sampled_from(TABLES))}
    extra = draw(options)
    if operation == "put_item":
        request["Item"] = draw(items)
    else:
        request["Key"] = draw(keys)
    if operation == "get_item":
        for name in ("ReturnValues", "ReturnValuesOnConditionCheckFailure", "Expected"):
            extra.pop(name, None)
        extra.pop("ReturnItemCollectionMetrics", None)
        extra.pop("ExpressionAttributeValues", None)
        if draw(st.booleans()):
            request["ProjectionExpression"] = draw(
                st.one_of(texts, st.lists(st.sampled_from(PATHS), min_size=1).map(", ".join))
            )
        elif draw(st.booleans()):
            request["AttributesToGet"] = draw(st.lists(st.sampled_from(NAMES[:5]), min_size=1))
        request["ConsistentRead"] = draw(st.booleans())
    else:
        if draw(st.booleans()):
            request["ConditionExpression"] = draw(conditions)
        if operation == "update_item":
            if draw(st.integers(0, 3)):
                request["UpdateExpression"] = draw(update_expressions())
            else:
                request["AttributeUpdates"] = draw(
                    st.dictionaries(
                        st.sampled_from(["a", "l", "g", "pk"]),
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "Action": st.sampled_from(["PUT", "ADD", "DELETE"]),
                                "Value": values,
                            },
                        ),
                        max_size=3,
                    )
                )
    return operation, {**request, **extra}


def _well_formed(draw: st.DrawFn, operation: str) -> dict[str, Any]:
    """A request with a valid key and placeholders that match its expressions."""
    table = draw(st.sampled_from([SIMPLE, SORTED, INDEXED]))
    key = draw(_KEYS[table])
    request: dict[str, Any] = {"TableName": table}
    texts_used: list[str] = []
    if operation == "put_item":
        request["Item"] = {
            **draw(st.dictionaries(st.sampled_from(["a", "b", "m"]), good_values, max_size=3)),
            **key,
        }
    else:
        request["Key"] = key
    if operation == "get_item":
        if draw(st.booleans()):
            request["ProjectionExpression"] = draw(
                st.lists(st.sampled_from(PATHS), min_size=1, max_size=3).map(", ".join)
            )
            texts_used.append(request["ProjectionExpression"])
    else:
        if draw(st.booleans()):
            request["ConditionExpression"] = draw(conditions)
            texts_used.append(request["ConditionExpression"])
        if operation == "update_item":
            request["UpdateExpression"] = draw(update_expressions(well_formed=True))
            texts_used.append(request["UpdateExpression"])
        modes = ["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"]
        request["ReturnValues"] = draw(
            st.sampled_from(modes if operation == "update_item" else modes[:2])
        )
        request["ReturnValuesOnConditionCheckFailure"] = draw(st.sampled_from(["NONE", "ALL_OLD"]))
        request["ReturnItemCollectionMetrics"] = draw(st.sampled_from(["NONE", "SIZE"]))
    request["ReturnConsumedCapacity"] = draw(st.sampled_from(["NONE", "TOTAL", "INDEXES"]))
    if operation == "get_item":
        request.update(
            {
                key: value
                for key, value in _placeholder_maps(draw, texts_used).items()
                if key == "ExpressionAttributeNames"
            }
        )
    else:
        request.update(_placeholder_maps(draw, texts_used))
    return request


SEEDS: list[dict[str, Any]] = [
    {"pk": {"S": "a"}, "a": {"N": "1"}, "b": {"L": [{"N": "1"}]}, "m": {"M": {"a": {"S": "x"}}}},
    {"pk": {"S": "b"}, "a": {"SS": ["x"]}, "l": {"N": "2"}},
]


def _seeded() -> FakeDynamoDBClient:
    fake = FakeDynamoDBClient(record_calls=False)
    add_tables(fake)
    for item in SEEDS:
        fake.put_item(TableName=SIMPLE, Item=item)
        fake.put_item(TableName=SORTED, Item={**item, "sk": {"N": "1"}})
        fake.put_item(TableName=INDEXED, Item={**item, "sk": {"S": "1"}, "g": {"S": "x"}})
    return fake


@settings(
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(st.lists(requests(), min_size=1, max_size=3))
def test_item_operations_answer_or_refuse_as_the_service_and_refusals_change_nothing(
    calls: list[tuple[str, dict[str, Any]]],
) -> None:
    fake = _seeded()
    for operation, request in calls:
        before = stored_state(fake)
        refused: ClientError | ParamValidationError | None = None
        try:
            getattr(fake, operation)(**request)
        except (ClientError, ParamValidationError) as error:
            refused = error
        after = stored_state(fake)  # also checks every table's invariants
        if isinstance(refused, ClientError):
            assert refused.response["Error"]["Code"] in SERVICE_ERRORS
            assert refused.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        if refused is not None:
            assert after == before
