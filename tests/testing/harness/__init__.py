"""Tests of the test harness: clock, faults, call record, state access, pytest plugin."""
