"""The fake's clock: real time by default, moved, shifted, frozen and resumed by tests."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest

from dynantic.testing import Clock, FakeDynamoDBClient

NEW_YEAR = datetime(2030, 1, 1, tzinfo=timezone.utc)


def test_a_new_clock_follows_real_time() -> None:
    clock = Clock()
    before = time.time()
    now = clock.now()
    assert before <= now <= time.time()
    assert clock.ticking
    assert clock.follows_real_time


def test_a_clock_can_start_at_a_given_instant() -> None:
    clock = Clock(NEW_YEAR, tick=False)
    assert clock.now_datetime() == NEW_YEAR
    assert not clock.ticking


def test_move_to_an_instant_keeps_ticking_from_there() -> None:
    clock = Clock()
    clock.move_to(NEW_YEAR.timestamp())
    assert clock.ticking
    assert 0 <= clock.now() - NEW_YEAR.timestamp() < 5


def test_move_to_with_tick_false_stands_still() -> None:
    clock = Clock()
    clock.move_to(NEW_YEAR, tick=False)
    first = clock.now()
    time.sleep(0.01)
    assert clock.now() == first == NEW_YEAR.timestamp()


def test_move_to_keeps_a_frozen_clock_frozen() -> None:
    clock = Clock(NEW_YEAR, tick=False)
    clock.move_to(NEW_YEAR + timedelta(days=1))
    assert not clock.ticking
    assert clock.now_datetime() == NEW_YEAR + timedelta(days=1)


def test_shift_moves_by_seconds_or_a_timedelta() -> None:
    clock = Clock(NEW_YEAR, tick=False)
    clock.shift(90)
    clock.shift(timedelta(minutes=-1))
    assert clock.now_datetime() == NEW_YEAR + timedelta(seconds=30)


def test_shift_moves_a_ticking_clock() -> None:
    clock = Clock()
    clock.shift(timedelta(hours=1))
    assert 3599 < clock.now() - time.time() < 3601


def test_freeze_stops_time_and_unfreeze_lets_it_pass_from_there() -> None:
    clock = Clock(NEW_YEAR)
    clock.freeze()
    frozen = clock.now()
    time.sleep(0.01)
    assert clock.now() == frozen
    clock.unfreeze()
    time.sleep(0.01)
    assert clock.ticking
    assert frozen < clock.now() < frozen + 5


def test_resume_returns_to_real_time() -> None:
    clock = Clock(NEW_YEAR, tick=False)
    clock.resume()
    assert clock.follows_real_time
    assert abs(clock.now() - time.time()) < 1


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^dynantic: .*aware datetime"):
        Clock().move_to(datetime(2030, 1, 1))


def test_a_time_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(TypeError, match=r"^dynantic: a time difference"):
        Clock().shift("60")  # type: ignore[arg-type]


def test_the_client_reads_the_clock_it_was_given() -> None:
    clock = Clock(NEW_YEAR, tick=False)
    assert FakeDynamoDBClient(clock=clock).clock is clock


def test_table_creation_time_follows_the_fake_clock() -> None:
    fake = FakeDynamoDBClient(clock=Clock(NEW_YEAR, tick=False))
    fake.create_table(
        TableName="users",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    table = fake.describe_table(TableName="users")["Table"]
    assert table["CreationDateTime"] == NEW_YEAR


def test_the_date_header_follows_the_fake_clock() -> None:
    fake = FakeDynamoDBClient(clock=Clock(NEW_YEAR, tick=False))
    fake.clock.shift(timedelta(days=2))
    headers = fake.list_tables()["ResponseMetadata"]["HTTPHeaders"]
    assert parsedate_to_datetime(headers["date"]) == NEW_YEAR + timedelta(days=2)
