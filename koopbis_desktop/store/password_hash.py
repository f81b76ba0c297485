"""The account passwords' argon2id hasher: argon2-cffi's, its check run on the PC's cores.

An argon2 hash's output depends on its lanes (``p=4`` in the stored hash), not on how many
threads fill them: the reference implementation's ``threads`` is only how many lanes run at
once. argon2-cffi's check starts one thread per lane, so on a two-core office PC four threads
take turns at each of the algorithm's twelve synchronisation points (four per pass); two
threads, one per core, give the same answer ≈ 12 % sooner (a person's sign-in: 117 → 102 ms
inside the program; docs/benchmarks.md, "Start-up, thirteenth pass").

On Linux the check's 64 MiB are asked for as transparent huge pages (``madvise``, on a 2 MiB
boundary; a kernel set to give them only to memory that asks, as this project's test machine
is, otherwise gives 4 KiB pages): 32 page faults of 2 MiB instead of 16,384 of 4 KiB, and
argon2's reads, spread over the whole 64 MiB, miss the processor's address cache far less —
≈ 10 % less processor time for the same hash (docs/benchmarks.md, "Start-up, seventeenth
pass"). Where the kernel has no huge page to give, the mapping holds ordinary pages; on another
system, or when a mapping is refused, argon2 takes its memory from ``malloc`` as before.

Only the check and the key file's slot key (:func:`derive_key`) change: hashing, the cost and
``check_needs_rehash`` are argon2-cffi's. Both compute the hash with argon2's own ``argon2_ctx``
(argon2-cffi's documented low-level binding); the check from the stored parameters and salt,
compared with the stored digest in constant time. A hash it cannot read, or one with no more
lanes than the PC has cores when no huge-page memory is to be had, goes to argon2-cffi's own
check, and a mapping refused mid-check does too, so every answer is that library's:
``VerifyMismatchError`` for a wrong password, ``VerificationError`` or ``InvalidHashError`` for
a hash it cannot use.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import logging
import mmap
import os
import sys
from typing import Any, Literal

from argon2 import PasswordHasher, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.low_level import core, error_to_str, ffi

# argon2.h's codes and flags (the C library's ABI, the same in every release of it).
ARGON2_OK = 0
ARGON2_VERIFY_MISMATCH = -35
ARGON2_MEMORY_ALLOCATION_ERROR = -22
ARGON2_DEFAULT_FLAGS = 0

#: A transparent huge page on x86-64 and arm64 Linux (the alignment a mapping needs to get them).
HUGE_PAGE = 2 * 1024 * 1024

log = logging.getLogger(__name__)


def processor_cores() -> int:
    """The processor cores this process may run on (its affinity where the system tells it)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


def threads_for(lanes: int, cores: int) -> int:
    """How many threads fill ``lanes`` lanes on ``cores`` cores: one per core, never more than the lanes."""
    return max(1, min(lanes, cores))


def _phc_b64(text: str) -> bytes:
    """A PHC string's base64 field (standard alphabet, no padding), in its one canonical spelling."""
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidHashError from None
    if base64.b64encode(raw).decode("ascii").rstrip("=") != text:
        raise InvalidHashError  # padding, stray bits: not a field argon2 wrote
    return raw


class HugePageMemory:
    """argon2's working memory as a private mapping that asks Linux for transparent huge pages.

    ``allocate`` and ``free`` are C callbacks for ``argon2_context`` (``allocate_cbk``,
    ``free_cbk``); argon2 calls them on the checking thread, before its lane threads start and
    after they end. Each block is mapped 2 MiB larger than asked and handed out from its first
    2 MiB boundary, so every page of it can be a huge one. A mapping that fails leaves argon2's
    pointer empty, which argon2 reports as ``ARGON2_MEMORY_ALLOCATION_ERROR``.
    """

    def __init__(self) -> None:
        self.mappings: dict[int, tuple[mmap.mmap, Any]] = {}
        # A mapping refused (no memory, a limit on mappings) is logged, not printed by cffi;
        # argon2 then finds its pointer empty and the check is made again with malloc.
        self.allocate = ffi.callback(
            "int(uint8_t **, size_t)", self._allocate, ARGON2_MEMORY_ALLOCATION_ERROR, self._failed
        )
        self.free = ffi.callback("void(uint8_t *, size_t)", self._free)

    def _allocate(self, memory: Any, size: int) -> int:
        memory[0] = ffi.NULL  # what argon2 reads as "no memory" if anything below fails
        mapping = mmap.mmap(-1, size + HUGE_PAGE, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        with contextlib.suppress(OSError):  # a kernel built without huge pages: ordinary ones
            mapping.madvise(mmap.MADV_HUGEPAGE)
        view = ffi.from_buffer(mapping)
        start = int(ffi.cast("uintptr_t", view))
        aligned = (start + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1)
        self.mappings[aligned] = (mapping, view)
        memory[0] = ffi.cast("uint8_t *", aligned)
        return ARGON2_OK

    @staticmethod
    def _failed(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        log.warning("argon2's huge-page memory could not be mapped: %s", error)

    def _free(self, memory: Any, size: int) -> None:
        found = self.mappings.pop(int(ffi.cast("uintptr_t", memory)), None)
        if found is not None:
            mapping, view = found
            ffi.release(view)
            mapping.close()


@functools.cache
def huge_page_memory() -> HugePageMemory | None:
    """The process's :class:`HugePageMemory`, made at its first use; None where Linux's ``madvise``
    for huge pages is missing or the callbacks cannot be made (argon2 then uses ``malloc``)."""
    if sys.platform.startswith("linux") and hasattr(mmap, "MADV_HUGEPAGE"):
        try:
            return HugePageMemory()
        except Exception:  # e.g. a system that refuses cffi's callbacks executable memory
            log.warning("argon2's huge-page memory is not available; it uses malloc", exc_info=True)
    return None


def run_argon2(
    secret: bytes,
    salt: bytes,
    *,
    time_cost: int,
    memory_cost: int,
    lanes: int,
    threads: int,
    hash_len: int,
    kind: int,
    version: int,
    memory: HugePageMemory | None,
) -> tuple[int, bytes]:
    """argon2's raw hash of ``secret`` by ``argon2_ctx`` on ``threads`` threads: its result code
    and digest. ``memory``: where its working memory comes from (None: malloc)."""
    out = ffi.new("uint8_t[]", hash_len)
    c_secret = ffi.new("uint8_t[]", secret)
    c_salt = ffi.new("uint8_t[]", salt)
    context = ffi.new(
        "argon2_context *",
        {
            "out": out,
            "outlen": hash_len,
            "pwd": c_secret,
            "pwdlen": len(secret),
            "salt": c_salt,
            "saltlen": len(salt),
            "secret": ffi.NULL,
            "secretlen": 0,
            "ad": ffi.NULL,
            "adlen": 0,
            "t_cost": time_cost,
            "m_cost": memory_cost,
            "lanes": lanes,
            "threads": threads,
            "version": version,
            "allocate_cbk": memory.allocate if memory is not None else ffi.NULL,
            "free_cbk": memory.free if memory is not None else ffi.NULL,
            "flags": ARGON2_DEFAULT_FLAGS,
        },
    )
    result = core(context, kind)
    ffi.memmove(c_secret, bytes(len(secret)), len(secret))  # the typed password leaves this copy
    return result, bytes(ffi.buffer(out, hash_len))


def derive_key(
    secret: bytes, salt: bytes, *, time_cost: int, memory_cost: int, parallelism: int, hash_len: int
) -> bytes:
    """argon2id's raw hash, as argon2-cffi's ``hash_secret_raw`` gives it (a key file's slot key),
    on at most one thread per core and in huge pages where Linux has them."""
    from argon2.low_level import ARGON2_VERSION, Type, hash_secret_raw

    memory = huge_page_memory()
    result, raw = run_argon2(
        secret,
        salt,
        time_cost=time_cost,
        memory_cost=memory_cost,
        lanes=parallelism,
        threads=threads_for(parallelism, processor_cores()),
        hash_len=hash_len,
        kind=Type.ID.value,
        version=ARGON2_VERSION,
        memory=memory,
    )
    if result == ARGON2_OK:
        return raw
    # A mapping refused, or parameters argon2 rejects: the library's own answer (its HashingError).
    return hash_secret_raw(
        secret,
        salt,
        time_cost=time_cost,
        memory_cost=memory_cost,
        parallelism=parallelism,
        hash_len=hash_len,
        type=Type.ID,
    )


class CoreBoundHasher(PasswordHasher):
    """argon2-cffi's :class:`PasswordHasher` whose ``verify`` runs at most one thread per core,
    in huge pages where Linux has them.

    ``cores``: how many to use (default: :func:`processor_cores`, read once here).
    ``huge_pages``: take argon2's memory from :func:`huge_page_memory` (default: yes).
    """

    def __init__(self, *args: Any, cores: int | None = None, huge_pages: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cores = cores if cores is not None else processor_cores()
        self.huge_pages = huge_pages

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        try:
            encoded = hash.decode("ascii") if isinstance(hash, bytes) else hash
            parameters = extract_parameters(encoded)
            *_, salt_text, digest_text = encoded.split("$")
            salt, digest = _phc_b64(salt_text), _phc_b64(digest_text)
        except (UnicodeDecodeError, InvalidHashError):
            return super().verify(hash, password)  # what it cannot read: the library's own answer
        threads = threads_for(parameters.parallelism, self.cores)
        memory = huge_page_memory() if self.huge_pages else None
        if threads >= parameters.parallelism and memory is None:
            return super().verify(hash, password)  # a thread per lane and malloc: the library's own check
        secret = password.encode(self.encoding) if isinstance(password, str) else password
        result, computed = run_argon2(
            secret,
            salt,
            time_cost=parameters.time_cost,
            memory_cost=parameters.memory_cost,
            lanes=parameters.parallelism,
            threads=threads,
            hash_len=len(digest),
            kind=parameters.type.value,
            version=parameters.version,
            memory=memory,
        )
        if result == ARGON2_MEMORY_ALLOCATION_ERROR and memory is not None:
            return super().verify(hash, password)  # no mapping to be had: the library's check, with malloc
        if result != ARGON2_OK:
            raise VerificationError(error_to_str(result))
        # Here, not at import: hmac brings OpenSSL's hashes (≈ 5 ms), which the login's preloading
        # loads last, beside the check, not in its first step with the accounts.
        import hmac

        if not hmac.compare_digest(computed, digest):
            raise VerifyMismatchError(error_to_str(ARGON2_VERIFY_MISMATCH))
        return True
