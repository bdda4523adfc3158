"""The modules of a document's QR code, made fast for the sizes a document identity takes.

An identity is some 40 to 100 bytes: versions 1 to 6 at error correction level M, always with
mask 0. For those, what is the same for every code of a version (the finder, timing and
alignment patterns, the format information: segno draws them once, and they are kept) and the
order in which data modules are filled are prepared once; a code is then its Reed-Solomon
codewords poured into those places, a few times faster than segno's general encoder, which
makes every longer code. tests/rendering/test_qrmark.py holds both to the same modules.
"""

from __future__ import annotations

import functools
import operator

import segno

# Error correction level M: per version, the codewords of error correction per block and the
# data codewords of each block (ISO/IEC 18004, table 9).
_BLOCKS: dict[int, tuple[int, tuple[int, ...]]] = {
    1: (10, (16,)),
    2: (16, (28,)),
    3: (26, (44,)),
    4: (18, (32, 32)),
    5: (24, (43, 43)),
    6: (16, (27, 27, 27, 27)),
}
# Where the alignment patterns are centred, per version (the rows and the columns alike).
_ALIGNMENT = {1: (), 2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34)}
# The ECI designator of UTF-8, so a reader never takes a Đ of the ký hiệu for Latin-1.
_UTF8_ECI = 26
# One mask for every code: choosing the best of eight takes segno four fifths of its time,
# and any mask reads back (the choice only avoids patterns that look like finder patterns).
MASK = 0


def modules(text: str) -> tuple[bytes, ...]:
    """The rows of the QR code of a text (1 a dark module), level M, mask 0, byte mode."""
    data = text.encode("utf-8")
    eci = not text.isascii()
    for version in _BLOCKS:
        if _capacity_bits(version) >= _header_bits(eci) + 8 * len(data):
            return _Version.of(version).code(data, eci)
    code = segno.make(
        data if not eci else text,
        mode="byte",
        error="m",
        micro=False,
        mask=MASK,
        boost_error=False,
        encoding=None if not eci else "utf-8",
        eci=eci,
    )
    return tuple(bytes(row) for row in code.matrix)


def _header_bits(eci: bool) -> int:
    """The bits before the data: the ECI marker, the mode and the count (versions 1 to 9)."""
    return (12 if eci else 0) + 4 + 8


def _capacity_bits(version: int) -> int:
    """The data bits a version holds at level M."""
    return 8 * sum(_BLOCKS[version][1])


def _gf_tables() -> tuple[list[int], list[int]]:
    """Exponents and logarithms of GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1."""
    exp, log = [0] * 512, [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for power in range(255, 512):
        exp[power] = exp[power - 255]
    return exp, log


_EXP, _LOG = _gf_tables()


@functools.cache
def _remainder_rows(length: int) -> tuple[int, ...]:
    """For each byte value f, f times the generator polynomial of `length` codewords, as an
    integer of `length` bytes: one XOR per data codeword then divides."""
    generator = [1]
    for power in range(length):
        nxt = [0] * (len(generator) + 1)
        for i, coefficient in enumerate(generator):
            nxt[i] ^= coefficient
            if coefficient:
                nxt[i + 1] ^= _EXP[_LOG[coefficient] + power]
        generator = nxt
    rows = []
    for factor in range(256):
        product = bytes(_EXP[_LOG[g] + _LOG[factor]] if g and factor else 0 for g in generator[1:])
        rows.append(int.from_bytes(product, "big"))
    return tuple(rows)


def _error_correction(block: bytes, length: int) -> bytes:
    """The Reed-Solomon codewords of a block."""
    rows = _remainder_rows(length)
    top = 8 * (length - 1)
    full = (1 << (8 * length)) - 1
    remainder = 0
    for byte in block:
        factor = (remainder >> top) ^ byte
        remainder = ((remainder << 8) & full) ^ rows[factor]
    return remainder.to_bytes(length, "big")


_BITS = tuple(bytes((value >> shift) & 1 for shift in range(7, -1, -1)) for value in range(256))


class _Version:
    """What every code of one version shares: its function modules and where data goes."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.size = 17 + 4 * version
        # segno draws the function patterns and the format information (level M, mask 0);
        # the data modules of this sample are all overwritten.
        sample = segno.make(
            b"\0", version=version, error="m", mask=MASK, boost_error=False, micro=False
        )
        self.base = b"".join(bytes(row) for row in sample.matrix)
        self.places = self._data_places()
        # Mask 0 darkens a module where row + column is even: XORed into the data bits.
        self.mask = int.from_bytes(
            bytes(1 if (p // self.size + p % self.size) % 2 == 0 else 0 for p in self.places),
            "big",
        )
        # Each module of the code, as an index into the data bits followed by this base: one
        # gather in C instead of a Python loop over the modules.
        data_index = {place: k for k, place in enumerate(self.places)}
        self.gather = operator.itemgetter(
            *(data_index.get(p, len(self.places) + p) for p in range(self.size * self.size))
        )

    @classmethod
    @functools.cache
    def of(cls, version: int) -> _Version:
        """The version prepared once per process."""
        return cls(version)

    def _reserved(self) -> set[int]:
        """The function modules: finders with separators and format areas, timing,
        alignment patterns, and the dark module."""
        n = self.size
        taken: set[int] = set()
        for r0, c0 in ((0, 0), (0, n - 8), (n - 8, 0)):
            taken.update((r0 + r) * n + c0 + c for r in range(8) for c in range(8))
        taken.update(8 * n + c for c in range(9))
        taken.update(r * n + 8 for r in range(9))
        taken.update(8 * n + c for c in range(n - 8, n))
        taken.update(r * n + 8 for r in range(n - 8, n))
        taken.update(6 * n + c for c in range(n))
        taken.update(r * n + 6 for r in range(n))
        centres = _ALIGNMENT[self.version]
        for r in centres:
            for c in centres:
                if (r, c) in ((6, 6), (6, centres[-1]), (centres[-1], 6)):
                    continue  # where a finder pattern is
                taken.update((r + dr) * n + c + dc for dr in range(-2, 3) for dc in range(-2, 3))
        return taken

    def _data_places(self) -> tuple[int, ...]:
        """The data modules in the order bits fill them: two columns at a time from the right,
        upwards then downwards, skipping the vertical timing pattern."""
        n = self.size
        taken = self._reserved()
        places = []
        upward = True
        column = n - 1
        while column > 0:
            if column == 6:
                column -= 1
            rows = range(n - 1, -1, -1) if upward else range(n)
            for r in rows:
                for c in (column, column - 1):
                    if r * n + c not in taken:
                        places.append(r * n + c)
            upward = not upward
            column -= 2
        return tuple(places)

    def code(self, data: bytes, eci: bool) -> tuple[bytes, ...]:
        """The rows of the code holding data."""
        ec_length, blocks = _BLOCKS[self.version]
        codewords = _data_codewords(data, eci, sum(blocks))
        split, start = [], 0
        for length in blocks:
            split.append(codewords[start : start + length])
            start += length
        ordered = [block[i] for i in range(max(blocks)) for block in split if i < len(block)]
        corrections = [_error_correction(block, ec_length) for block in split]
        ordered += [ec[i] for i in range(ec_length) for ec in corrections]
        bits = b"".join(_BITS[value] for value in ordered)
        bits += bytes(len(self.places) - len(bits))  # the remainder bits
        masked = (int.from_bytes(bits, "big") ^ self.mask).to_bytes(len(bits), "big")
        matrix = bytes(self.gather(masked + self.base))
        n = self.size
        return tuple(matrix[r * n : (r + 1) * n] for r in range(n))


def _data_codewords(data: bytes, eci: bool, capacity: int) -> bytes:
    """The data codewords: ECI marker, byte mode, count, data, terminator and padding."""
    header = ((0b0111 << 8 | _UTF8_ECI) << 12 if eci else 0) | 0b0100 << 8 | len(data)
    length = _header_bits(eci) + 8 * len(data)
    value = header << (8 * len(data)) | int.from_bytes(data, "big")
    terminator = min(4, 8 * capacity - length)
    # As segno pads (a whole zero byte after a terminator that ends on a byte boundary, room
    # permitting), so both encoders give the same modules; readers stop at the terminator.
    padding = 8 - (length + terminator) % 8
    if length + terminator + padding > 8 * capacity:
        padding = -(length + terminator) % 8
    length += terminator + padding
    out = (value << (terminator + padding)).to_bytes(length // 8, "big")
    pads = bytes((0xEC, 0x11)) * capacity
    return out + pads[: capacity - len(out)]
