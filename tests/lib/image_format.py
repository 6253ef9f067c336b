# SPDX-License-Identifier: GPL-2.0-only
"""The boot image format of include/cellblock/image.h, for tests that
parse or patch images independently of the tool (not a test module).

An image is the hypervisor (an arm64 Image header first), a table at a
4 KiB-aligned offset, then the blobs, each a header and its data padded
to 16 bytes. A blob's CRC-32 covers its header, with the CRC field zero,
and its data.
"""

import struct
import zlib

ARM64_HEADER = struct.Struct("<IIQQQQQQII")     # 64 bytes
TABLE = struct.Struct("<IHHIIQQQQ")             # 48 bytes
BLOB = struct.Struct("<IIQIIQ32s")              # 64 bytes
TABLE_MAGIC, BLOB_MAGIC = 0x4d494243, 0x4c424243
ARM64_MAGIC = 0x644d5241                        # "ARM\x64"
SYSTEM, CELL, PAYLOAD = 1, 2, 3                 # blob kinds
TABLE_CRC_AT, BLOB_CRC_AT, BLOB_LOAD_AT = 12, 16, 24


def blob_crc(data, at, size):
    """The CRC-32 of the blob whose header is at @at in @data and whose
    data is @size bytes long."""
    header = bytearray(data[at:at + BLOB.size])
    header[BLOB_CRC_AT:BLOB_CRC_AT + 4] = bytes(4)
    body = bytes(data[at + BLOB.size:at + BLOB.size + size])
    return zlib.crc32(bytes(header) + body)
