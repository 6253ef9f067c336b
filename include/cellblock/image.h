/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Boot image format: the contract between `cellblock image` (which packs)
 * and the hypervisor's boot code (which unpacks, at EL2, once).
 *
 * Layout of an image file, little-endian:
 *
 *   0                 the hypervisor binary, starting with an arm64 Image
 *                     header, so QEMU's -kernel and u-boot's booti enter it
 *                     at EL2; zero-padded to its memory footprint (text,
 *                     data and bss: the header's image_size as built),
 *                     rounded up to CB_IMAGE_TABLE_ALIGN
 *   table_offset      struct cb_image_table
 *   ...               blobs, each a struct cb_image_blob followed by
 *                     `size` bytes of data, padded to CB_IMAGE_ALIGN
 *
 * The arm64 header's image_size covers the whole file, so loaders keep
 * their own data (the DTB, say) clear of the blobs. Blobs come in order:
 * the system config, then each cell config followed by that cell's
 * payloads. Every blob carries its own magic, size and CRC-32 (over its
 * header too, so a damaged load address or kind is caught), and the
 * table's CRC-32 covers the table and the hypervisor binary. The table
 * starts at a 4 KiB-aligned offset and blob headers at 16-byte aligned
 * ones, so an image loaded 8-byte aligned has its configs 8-byte aligned;
 * padding is zero; total_size ends with the last blob's padding.
 *
 * A payload's data is the file, then optionally its parameter string
 * (params_size bytes: printable ASCII, then one NUL). The boot code copies
 * all of it to load_address in the cell's guest-physical space (inside one
 * region of the cell flagged loadable); the cell's first CPU
 * starts at the cell config's entry with x0 = the guest-physical address of
 * the parameter string (load_address + size - params_size), or 0 when no
 * payload of the cell has one. At most one payload per cell has one.
 *
 * A device-tree blob is a payload too, loaded the same way, whose data is a
 * flattened device tree (magic 0xd00dfeed, its totalsize at most the blob's
 * size) at an 8-byte aligned load address: the first CPU gets its
 * guest-physical address in x0 instead, as Linux's arm64 boot protocol
 * wants (Documentation/arch/arm64/booting.rst). A cell has at most one and
 * then no parameter string.
 *
 * While the hypervisor runs, the image occupies [link_address,
 * link_address + image_size) (it moves itself there at entry, see head.S),
 * and the page tables come from the hypervisor's memory past it: both
 * `cellblock image` and the boot refuse an image whose span and
 * CB_LIMIT_POOL_MIN_PAGES pages past it do not fit in the system config's
 * /hypervisor region.
 *
 * The hypervisor is linked position-independent: its R_AARCH64_RELATIVE
 * relocations are in the file (struct cb_hv_relocs, after the arm64
 * header). `cellblock image` keeps the link address when the region holds
 * the image there, and otherwise applies them for the region's start,
 * which becomes the link address (the table is updated too, so the image
 * stays self-consistent); wherever a loader puts the image, it moves
 * itself there.
 */
#ifndef CELLBLOCK_IMAGE_H
#define CELLBLOCK_IMAGE_H

#include <stdint.h>

#define CB_IMAGE_MAGIC 0x4d494243u	/* "CBIM" */
#define CB_IMAGE_BLOB_MAGIC 0x4c424243u	/* "CBBL" */
#define CB_IMAGE_REVISION 1
#define CB_IMAGE_ALIGN 16
#define CB_IMAGE_TABLE_ALIGN 0x1000
#define CB_IMAGE_MAX_BLOBS 256

/* arm64 Image header (Linux Documentation/arch/arm64/booting.rst). */
struct cb_arm64_header {
	uint32_t code0;		/* branch to the entry code */
	uint32_t code1;
	uint64_t text_offset;	/* 0: load 2 MiB-aligned */
	uint64_t image_size;	/* bytes the loader must reserve */
	uint64_t flags;		/* bit 0 LE, bits 1-2 page size, bit 3 any */
	uint64_t link_address;	/* reserved (0) in Linux's header; the
				   hypervisor's: where it runs */
	uint64_t res3, res4;
	uint32_t magic;		/* CB_ARM64_MAGIC */
	uint32_t res5;
};
#define CB_ARM64_MAGIC 0x644d5241u	/* "ARM\x64" */

/* Right after the hypervisor's arm64 header: its relocation table, each
   entry an Elf64_Rela (r_offset a link-time address, r_info, r_addend),
   every one of type R_AARCH64_RELATIVE or R_AARCH64_NONE (0: spare
   entries the link leaves, which change nothing). */
struct cb_hv_relocs {
	uint32_t magic;		/* CB_HV_RELOCS_MAGIC */
	uint32_t reserved;
	uint64_t offset;	/* file offset of the table */
	uint64_t size;		/* bytes: a multiple of 24 */
};
#define CB_HV_RELOCS_MAGIC 0x4c524243u	/* "CBRL" */
#define CB_HV_RELOC_SIZE 24
#define CB_R_AARCH64_RELATIVE 1027

struct cb_image_table {
	uint32_t magic;		/* CB_IMAGE_MAGIC */
	uint16_t revision;	/* CB_IMAGE_REVISION */
	uint16_t reserved0;
	uint32_t blob_count;	/* 1 (system) + cells + payloads */
	uint32_t crc32;		/* of hypervisor bytes [0, table_offset) and
				   of this table with this field zero */
	uint64_t table_offset;	/* file offset of this table */
	uint64_t total_size;	/* file size, table and blobs included */
	uint64_t reserved[2];	/* must be zero */
};

enum cb_image_blob_kind {
	CB_BLOB_SYSTEM_CONFIG = 1,	/* exactly one, first */
	CB_BLOB_CELL_CONFIG = 2,	/* starts a cell */
	CB_BLOB_PAYLOAD = 3,		/* belongs to the last cell config */
	CB_BLOB_DEVICE_TREE = 4,	/* a payload whose address is x0 */
};

struct cb_image_blob {
	uint32_t magic;		/* CB_IMAGE_BLOB_MAGIC */
	uint32_t kind;		/* enum cb_image_blob_kind */
	uint64_t size;		/* bytes of data after this header */
	uint32_t crc32;		/* of this header with this field zero,
				   then of the data */
	uint32_t params_size;	/* payload: bytes of its parameter string
				   at the end of the data, 0 for none;
				   configs: 0 */
	uint64_t load_address;	/* payload: guest-physical load address;
				   configs: 0 */
	char name[32];		/* file name, for messages: 1-31
				   printable characters, NUL-padded */
};

_Static_assert(sizeof(struct cb_arm64_header) == 64, "ABI");
_Static_assert(sizeof(struct cb_image_table) == 48, "ABI");
_Static_assert(sizeof(struct cb_image_blob) == 64, "ABI");

#endif /* CELLBLOCK_IMAGE_H */
