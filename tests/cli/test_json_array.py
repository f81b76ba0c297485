"""``print_json_array`` streams the very text ``print_json`` prints for the whole list."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stdout
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from koopbis_desktop.cli.common import print_json, print_json_array

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='aışİ\n"\\{}[], é'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)


def printed(write: Callable[[], None]) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        write()
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(items=st.lists(JSON, max_size=5))
def test_the_streamed_array_is_the_printed_list(items: list[Any]) -> None:
    assert printed(lambda: print_json_array(iter(items))) == printed(lambda: print_json(items))
