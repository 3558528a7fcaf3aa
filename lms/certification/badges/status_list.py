"""W3C Bitstring Status List encoding. Pure: no Django.

Bit i is set when the credential with statusListIndex i is revoked. Index 0 is
the most significant (left-most) bit of the first byte; the bitstring is GZIP
compressed, base64url encoded without padding and given the multibase prefix
"u". The list is at least 16 KB (131,072 entries), the spec's minimum for herd
privacy, and grows by that much at a time.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable

from .jws import b64url, b64url_decode

MIN_ENTRIES = 131_072


def list_length(max_index: int) -> int:
    blocks = max_index // MIN_ENTRIES + 1
    return blocks * MIN_ENTRIES


def encode_bits(set_indexes: Iterable[int], *, length: int) -> str:
    bits = bytearray(length // 8)
    for index in set_indexes:
        if not 0 <= index < length:
            raise ValueError(f"status index {index} outside 0..{length - 1}")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same list gives the same bytes.
    return "u" + b64url(gzip.compress(bytes(bits), mtime=0))


def bit_is_set(encoded_list: str, index: int) -> bool:
    """What a verifier does with the list: read one credential's bit."""
    if not encoded_list.startswith("u"):
        raise ValueError("encodedList must be multibase base64url ('u' prefix)")
    bits = gzip.decompress(b64url_decode(encoded_list[1:]))
    if not 0 <= index < len(bits) * 8:
        raise ValueError(f"status index {index} outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
