"""The account passwords' check on the PC's cores gives argon2-cffi's own answers, hash for hash.

Hashes of every kind the program may meet (the production cost's shape at a small memory,
other lane counts, argon2i/d, another digest length, argon2's old version) are checked by the
project's hasher with fewer threads than lanes and by argon2-cffi's ``PasswordHasher``: both
accept the right password and refuse a wrong one with the same exception; a damaged hash
gets the same exception class from both. The check's memory is Linux's huge pages: asked for,
on 2 MiB boundaries, given back after every check, and a mapping refused falls back to malloc
with the same answers.
"""

from __future__ import annotations

import mmap
import os
import threading
from typing import Any

import pytest
from argon2 import PasswordHasher, Type
from argon2.exceptions import HashingError, InvalidHashError, VerificationError
from argon2.low_level import ffi, hash_secret, hash_secret_raw

from koopbis_desktop.store import password_hash
from koopbis_desktop.store.password_hash import (
    HUGE_PAGE,
    CoreBoundHasher,
    HugePageMemory,
    derive_key,
    huge_page_memory,
    processor_cores,
    threads_for,
)

LIBRARY = PasswordHasher()
PASSWORDS = ("bench-memur-2015", "şifre-ĞÜŞİÖÇ-ığüşöç", "", "x" * 300)


def made(password: str, **cost: Any) -> str:
    parameters: dict[str, Any] = {"time_cost": 2, "memory_cost": 512, "parallelism": 4, "type": Type.ID}
    return PasswordHasher(**(parameters | cost)).hash(password)


def answer(hasher: PasswordHasher, encoded: str | bytes, password: str | bytes) -> str:
    try:
        hasher.verify(encoded, password)
    except VerificationError as exc:  # VerifyMismatchError is one
        return type(exc).__name__
    except InvalidHashError:
        return "InvalidHashError"
    return "ok"


@pytest.mark.parametrize("cores", [1, 2, 3])
@pytest.mark.parametrize("password", PASSWORDS)
def test_fewer_threads_than_lanes_accept_the_right_password_and_refuse_a_wrong_one(
    cores: int, password: str
) -> None:
    encoded = made(password, parallelism=4)
    hasher = CoreBoundHasher(cores=cores)
    assert answer(hasher, encoded, password) == answer(LIBRARY, encoded, password) == "ok"
    assert answer(hasher, encoded.encode("ascii"), password.encode("utf-8")) == "ok"
    for wrong in {password + "1", password[:-1], password.upper(), "a"} - {password}:
        assert answer(hasher, encoded, wrong) == answer(LIBRARY, encoded, wrong) == "VerifyMismatchError"


@pytest.mark.parametrize(
    "cost",
    [
        {"parallelism": 1},
        {"parallelism": 2},
        {"parallelism": 8},
        {"parallelism": 5, "time_cost": 1},
        {"type": Type.I},
        {"type": Type.D},
        {"hash_len": 16},
        {"hash_len": 64, "salt_len": 32},
    ],
)
def test_every_kind_of_hash_gets_the_librarys_answer(cost: dict[str, Any]) -> None:
    encoded = made("parola-123", **cost)
    for cores in (1, 2):
        hasher = CoreBoundHasher(cores=cores)
        assert answer(hasher, encoded, "parola-123") == "ok"
        assert answer(hasher, encoded, "parola-124") == answer(LIBRARY, encoded, "parola-124")


def test_a_hash_of_argon2s_old_version_gets_the_librarys_answer() -> None:
    encoded = hash_secret(
        b"parola-123",
        b"tuz-tuz-tuz-tuz!",
        time_cost=1,
        memory_cost=256,
        parallelism=4,
        hash_len=32,
        type=Type.ID,
        version=16,
    ).decode("ascii")
    assert "$v=16$" in encoded
    hasher = CoreBoundHasher(cores=1)
    assert answer(hasher, encoded, "parola-123") == answer(LIBRARY, encoded, "parola-123") == "ok"
    assert (
        answer(hasher, encoded, "parola-12") == answer(LIBRARY, encoded, "parola-12") == "VerifyMismatchError"
    )


def damaged(encoded: str) -> list[str]:
    fields = encoded.split("$")
    salt, digest = fields[4], fields[5]
    return [
        "",
        "parola",
        "$argon2id$",
        encoded[:-10],  # a cut digest
        encoded.replace("$v=19", ""),  # no version
        encoded.replace("m=512", "m=abc"),
        encoded.replace("m=512", "m=1"),  # below argon2's minimum memory
        encoded.replace("t=2", "t=0"),
        encoded.replace("p=4", "p=0"),
        encoded.replace(salt, "!" + salt[1:]),  # not base64
        encoded.replace(salt, salt[:3]),  # a salt too short
        encoded.replace(digest, digest[:-1] + ("A" if digest[-1] != "A" else "B")),  # another digest
        encoded.replace("$argon2id$", "$argon2x$"),
        encoded + "$extra",
        "$argon2id$v=19$m=512,t=2,p=4$" + salt + "$" + digest + "=",
    ]


def test_a_damaged_hash_is_refused_as_the_library_refuses_it() -> None:
    encoded = made("parola-123")
    for broken in damaged(encoded):
        ours = answer(CoreBoundHasher(cores=1), broken, "parola-123")
        assert ours != "ok", broken
        assert ours == answer(LIBRARY, broken, "parola-123"), broken


def test_the_production_cost_uses_the_pcs_cores_and_gives_the_same_answers() -> None:
    """The shape the program stores: argon2id, 64 MiB, three passes, four lanes (lowered memory here)."""
    encoded = made("bench-memur-2015", time_cost=3, memory_cost=8 * 1024, parallelism=4)
    hasher = CoreBoundHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)
    assert hasher.cores == processor_cores() >= 1
    assert threads_for(4, hasher.cores) == min(4, hasher.cores)
    assert answer(hasher, encoded, "bench-memur-2015") == "ok"
    assert answer(hasher, encoded, "bench-memur-2016") == "VerifyMismatchError"
    assert not hasher.check_needs_rehash(made("x", time_cost=3, memory_cost=64 * 1024, parallelism=4))


def test_threads_never_exceed_the_lanes_nor_the_cores() -> None:
    assert [threads_for(lanes, 2) for lanes in (1, 2, 4, 8)] == [1, 2, 2, 2]
    assert [threads_for(4, cores) for cores in (1, 2, 4, 16)] == [1, 2, 4, 4]


def test_fewer_threads_run_the_lanes_on_no_more_threads_than_cores() -> None:
    """The check's threads are argon2's own (C threads): counted from Linux's /proc at the process's
    busiest, while one check runs on two cores and one on four, a thread per lane (as the library runs it)."""
    encoded = made("parola-123", time_cost=4, memory_cost=16 * 1024, parallelism=4)
    counted: dict[int, int] = {}

    def busiest(cores: int) -> int:
        done = threading.Event()
        most = 0

        def watch() -> None:
            nonlocal most
            while not done.is_set():
                most = max(most, len(os.listdir("/proc/self/task")))

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            CoreBoundHasher(cores=cores).verify(encoded, "parola-123")
        finally:
            done.set()
            watcher.join()
        return most

    baseline = len(os.listdir("/proc/self/task"))
    for cores in (2, 4):
        counted[cores] = busiest(cores) - baseline - 1  # less the watcher itself
    assert counted[4] >= 3  # argon2's four lanes, a thread each (one may end before another starts)
    assert counted[2] <= 2


def test_the_c_librarys_codes_are_the_bindings_own() -> None:
    import importlib

    lib = importlib.import_module("_argon2_cffi_bindings").lib  # argon2-cffi's compiled binding
    assert password_hash.ARGON2_OK == lib.ARGON2_OK
    assert password_hash.ARGON2_VERIFY_MISMATCH == lib.ARGON2_VERIFY_MISMATCH
    assert password_hash.ARGON2_DEFAULT_FLAGS == lib.ARGON2_DEFAULT_FLAGS
    assert password_hash.ARGON2_MEMORY_ALLOCATION_ERROR == lib.ARGON2_MEMORY_ALLOCATION_ERROR


def vm_flags_at(address: int) -> list[str]:
    """The kernel's flags of the mapping that holds ``address`` (``hg``: huge pages asked for)."""
    with open("/proc/self/smaps", encoding="ascii") as smaps:
        inside = False
        for line in smaps:
            head = line.split()[0]
            if "-" in head and ":" not in head:
                low, high = (int(part, 16) for part in head.split("-"))
                inside = low <= address < high
            elif inside and head == "VmFlags:":
                return line.split()[1:]
    raise AssertionError(f"no mapping holds {address:#x}")


def test_the_checks_memory_is_huge_pages_on_2_mib_boundaries_and_given_back() -> None:
    """What argon2's allocation callback hands out (64 MiB, the production cost): a private mapping
    that asked Linux for huge pages, starting on a 2 MiB boundary, writable to its end; freed, it
    is unmapped."""
    memory = huge_page_memory()
    assert memory is not None  # Linux with madvise's huge pages: the program's own platform here
    pointer = ffi.new("uint8_t **")
    size = 64 * 1024 * 1024
    assert memory.allocate(pointer, size) == password_hash.ARGON2_OK
    address = int(ffi.cast("uintptr_t", pointer[0]))
    try:
        assert address % HUGE_PAGE == 0
        assert len(memory.mappings) == 1
        ffi.memmove(pointer[0] + size - 4, b"last", 4)  # its last bytes are ours
        assert bytes(ffi.buffer(pointer[0] + size - 4, 4)) == b"last"
        if os.path.isdir("/sys/kernel/mm/transparent_hugepage"):
            assert "hg" in vm_flags_at(address)
    finally:
        memory.free(pointer[0], size)
    assert len(memory.mappings) == 0
    with open("/proc/self/maps", encoding="ascii") as maps:
        spans = [[int(part, 16) for part in line.split()[0].split("-")] for line in maps]
    assert not any(low <= address < high for low, high in spans)


@pytest.mark.parametrize("cores", [1, 2, 4])
def test_checks_in_huge_pages_and_with_malloc_give_the_same_answers(cores: int) -> None:
    encoded = made("şifre-ĞÜŞİÖÇ-ığüşöç", time_cost=3, memory_cost=4 * 1024, parallelism=4)
    in_huge_pages = CoreBoundHasher(cores=cores)
    with_malloc = CoreBoundHasher(cores=cores, huge_pages=False)
    memory = huge_page_memory()
    assert memory is not None
    for password in ("şifre-ĞÜŞİÖÇ-ığüşöç", "sifre-GUSIOC-igusoc", ""):
        assert answer(in_huge_pages, encoded, password) == answer(with_malloc, encoded, password)
        assert answer(in_huge_pages, encoded, password) == answer(LIBRARY, encoded, password)
        assert len(memory.mappings) == 0


def test_a_mapping_refused_falls_back_to_malloc_with_the_same_answers(
    monkeypatch: pytest.MonkeyPatch, expect_log: Any
) -> None:
    """No memory to map (or a limit on mappings): the check is made with argon2's malloc instead,
    right and wrong passwords as ever; the refusal is logged, not printed."""
    refusing = HugePageMemory()

    def no_mapping(*args: Any, **kwargs: Any) -> Any:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(mmap, "mmap", no_mapping)
    monkeypatch.setattr(password_hash, "huge_page_memory", lambda: refusing)
    encoded = made("parola-123")
    hasher = CoreBoundHasher(cores=2)
    with expect_log(r"could not be mapped: .*Cannot allocate memory", logger=password_hash.__name__) as seen:
        assert answer(hasher, encoded, "parola-123") == "ok"
        assert answer(hasher, encoded, "parola-124") == "VerifyMismatchError"
    assert len(seen) == 2  # one refusal a check
    assert len(refusing.mappings) == 0


def test_two_checks_at_once_each_get_their_own_memory() -> None:
    """Two sign-ins checked on two threads at the same moment (an office server's PCs, a lock screen
    beside a sign-in): each its own mapping, each the right answer, nothing left mapped."""
    encoded = made("parola-123", time_cost=3, memory_cost=8 * 1024, parallelism=4)
    hasher = CoreBoundHasher(cores=2)
    answers: dict[str, str] = {}
    start = threading.Barrier(2)

    def check(password: str) -> None:
        start.wait()
        answers[password] = answer(hasher, encoded, password)

    threads = [threading.Thread(target=check, args=(password,)) for password in ("parola-123", "parola-12")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {"parola-123": "ok", "parola-12": "VerifyMismatchError"}
    memory = huge_page_memory()
    assert memory is not None and len(memory.mappings) == 0


@pytest.mark.parametrize(
    "cost",
    [
        {"time_cost": 3, "memory_cost": 8 * 1024, "parallelism": 4, "hash_len": 32},
        {"time_cost": 1, "memory_cost": 256, "parallelism": 1, "hash_len": 32},
        {"time_cost": 2, "memory_cost": 1024, "parallelism": 8, "hash_len": 16},
    ],
)
def test_a_key_slots_key_is_argon2_cffis_raw_hash_byte_for_byte(cost: dict[str, int]) -> None:
    """The key file's slot key (``store.keyfile``) made on the PC's cores in huge pages: the very
    bytes argon2-cffi's ``hash_secret_raw`` gives, or the file's slots would no longer open."""
    for secret in ("şifre-ĞÜŞİÖÇ-ığüşöç".encode(), b"", b"x" * 300):
        salt = os.urandom(16)
        assert derive_key(secret, salt, **cost) == hash_secret_raw(secret, salt, type=Type.ID, **cost)
    memory = huge_page_memory()
    assert memory is not None and len(memory.mappings) == 0


def test_a_key_slots_key_without_a_mapping_and_with_impossible_costs(
    monkeypatch: pytest.MonkeyPatch, expect_log: Any
) -> None:
    """A mapping refused: the same key from argon2-cffi's own function; costs argon2 refuses (too
    little memory): argon2-cffi's HashingError, as before."""
    cost = {"time_cost": 2, "memory_cost": 1024, "parallelism": 4, "hash_len": 32}
    salt = os.urandom(16)
    expected = hash_secret_raw(b"parola-123", salt, type=Type.ID, **cost)
    with pytest.raises(HashingError):
        derive_key(b"parola-123", salt, time_cost=2, memory_cost=1, parallelism=4, hash_len=32)

    def no_mapping(*args: Any, **kwargs: Any) -> Any:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(mmap, "mmap", no_mapping)
    refusing = HugePageMemory()
    monkeypatch.setattr(password_hash, "huge_page_memory", lambda: refusing)
    with expect_log(r"could not be mapped", logger=password_hash.__name__):
        assert derive_key(b"parola-123", salt, **cost) == expected
