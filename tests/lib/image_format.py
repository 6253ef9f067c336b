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


CONFIG_CRC_AT = 12          # struct cb_config_header.crc32
SYSTEM_HV_START_AT = 48     # struct cb_system_config.hypervisor_start
SYSTEM_HV_SIZE_AT = 56      # and .hypervisor_size


def system_blob_at(data):
    """The offset of the system config's blob header (the first blob)."""
    for at in range(0x1000, len(data) - TABLE.size, 0x1000):
        magic, = struct.unpack_from("<I", data, at)
        if magic == TABLE_MAGIC and \
                struct.unpack_from("<Q", data, at + 16)[0] == at:
            return at + TABLE.size
    raise ValueError("no image table")


def patch_system_config(data, fields):
    """@data (a bytearray holding an image) with the system config's u64
    fields at the offsets in @fields set to their values, the config's
    and the blob's CRCs made to match again: an image the tool would not
    write, for what the boot says about it."""
    at = system_blob_at(data)
    size = BLOB.unpack_from(data, at)[2]
    config = at + BLOB.size
    for offset, value in fields.items():
        struct.pack_into("<Q", data, config + offset, value)
    struct.pack_into("<I", data, config + CONFIG_CRC_AT, 0)
    struct.pack_into("<I", data, config + CONFIG_CRC_AT,
                     zlib.crc32(bytes(data[config:config + size])))
    struct.pack_into("<I", data, at + BLOB_CRC_AT, blob_crc(data, at, size))
    return data
