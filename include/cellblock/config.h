/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Binary configuration format: the contract between the `cellblock` host
 * tool, the hypervisor, inmates and the Linux driver.
 *
 * A config is one little-endian blob: a fixed header, a fixed-size body, then
 * arrays of fixed-size elements whose counts the body gives. Nothing in it
 * needs parsing beyond bounds checks: no strings except names, no device
 * trees. Two kinds exist: the system config (board and hypervisor, with an
 * optional embedded root cell) and the cell config (what one cell owns).
 *
 * Every reserved field and every undefined flag bit must be zero; a later
 * revision that gives them a meaning also bumps CB_CONFIG_REVISION, so an
 * older hypervisor refuses the config instead of ignoring the new field.
 * The source format (device-tree source) is documented in docs/config.md.
 */
#ifndef CELLBLOCK_CONFIG_H
#define CELLBLOCK_CONFIG_H

#include <stdint.h>

/* "CBCF" as bytes in memory. */
#define CB_CONFIG_MAGIC 0x46434243u
/* 2: window flags (dma) and cell flags (dma-trusted).
   3: shared-memory links in the system config; region flag 7 is "kept"
      (memory is shared only through links).
   4: management permissions of cells (flags and the manage list) and the
      system's freeze-after-boot flag.
   5: cells' watchdog, failure policy, voting and comm interrupt.
   6: region flag 9, "lendable" (the root cell's, for created cells). */
#define CB_CONFIG_REVISION 6

enum cb_config_kind {
	CB_CONFIG_KIND_SYSTEM = 1,
	CB_CONFIG_KIND_CELL = 2,
};

/* Granule of stage-2 mappings; regions are multiples of it (see SUBPAGE). */
#define CB_PAGE_SIZE 0x1000ull

/* Names: 1..31 printable ASCII characters, NUL-terminated, NUL-padded.
   A cell's name is narrower still (see docs/config.md): the console
   prefixes its lines with it. */
#define CB_NAME_SIZE 32

/* Bounds of the arrays; they bound the validator's work too. */
#define CB_MAX_CPUS 64		/* a cell's CPU set is a 64-bit mask */
#define CB_MAX_RAM_WINDOWS 8
#define CB_MAX_DEVICE_WINDOWS 32
#define CB_MAX_REGIONS 64
#define CB_MAX_INTERRUPTS 988	/* every SPI of a GICv3 */
#define CB_MAX_CELLS 64
#define CB_MAX_LINKS 16
#define CB_MAX_LINK_PEERS 8

/* GICv3 interrupt ID ranges (GIC architecture specification, 2.2). */
#define CB_INTID_PPI_FIRST 16
#define CB_INTID_SPI_FIRST 32
#define CB_INTID_SPI_LIMIT 1020	/* first ID past the SPI range */

struct cb_config_header {
	uint32_t magic;		/* CB_CONFIG_MAGIC */
	uint16_t revision;	/* CB_CONFIG_REVISION */
	uint16_t kind;		/* enum cb_config_kind */
	uint32_t total_size;	/* bytes, header included */
	uint32_t crc32;		/* CRC-32 (IEEE 802.3) of total_size bytes,
				   computed with this field zero */
};

enum cb_window_flag {
	/* A bus master: the device behind this device window reads and
	   writes memory on its own (DMA), and no IOMMU confines it. */
	CB_WINDOW_DMA = 1u << 0,
};
#define CB_WINDOW_FLAGS_DEFINED 0x1u

/* A named physical address range of the board (RAM or device window). */
struct cb_window {
	char name[CB_NAME_SIZE];
	uint64_t start;
	uint64_t size;
	uint32_t flags;		/* enum cb_window_flag; 0 for RAM windows */
	uint32_t reserved;
};

enum cb_console_type {
	CB_CONSOLE_NONE = 0,
	CB_CONSOLE_PL011 = 1,
};

/* Size of the register frame of every supported UART type. */
#define CB_CONSOLE_FRAME_SIZE 0x1000ull

/* The hypervisor's own console. */
struct cb_console_config {
	uint32_t type;		/* enum cb_console_type, not NONE */
	uint32_t interrupt;	/* INTID of the UART (kept from cells), 0 none */
	uint64_t address;	/* physical base of the register frame */
};

/* GICv3 distributor/redistributor frame sizes (GICv3 spec, 12.1). */
#define CB_GICD_SIZE 0x10000ull
#define CB_GICR_SIZE 0x20000ull	/* RD_base + SGI_base frames */
#define CB_GITS_SIZE 0x20000ull

struct cb_gic_config {
	uint32_t version;		/* 3 */
	uint32_t maintenance_interrupt;	/* a PPI INTID */
	uint32_t interrupt_count;	/* INTIDs implemented (32 + SPIs) */
	uint32_t reserved;
	uint64_t distributor;		/* physical base of GICD */
	uint64_t redistributor;		/* physical base of CPU 0's GICR */
	uint64_t redistributor_stride;	/* distance between CPUs' GICRs */
	uint64_t its;			/* physical base of the ITS, 0 none */
};

/* ECAM space of one PCI bus: 32 devices x 8 functions x 4 KiB. */
#define CB_VPCI_BUS_SIZE 0x100000ull

/* Virtual PCI host bridge the hypervisor emulates in every cell; the
   devices on its bus 0 are the cell's links (struct cb_link). */
struct cb_vpci_config {
	uint64_t ecam;			/* guest-physical base, 0: no vPCI */
	uint32_t bus_count;
	uint32_t interrupt_base;	/* first SPI INTID used for INTx */
	uint32_t interrupt_count;	/* SPIs reserved from interrupt_base */
	uint32_t reserved;
};

enum cb_system_flag {
	/* Management is frozen once every cell has started: every
	   management hypercall fails from then on (hypercall.h). */
	CB_SYSTEM_FREEZE_AFTER_BOOT = 1u << 0,
};
#define CB_SYSTEM_FLAGS_DEFINED 0x1u

/*
 * The system config. Followed, in this order, by:
 *   uint64_t mpidr[cpu_count];          CPU i is the i-th entry
 *   struct cb_window ram[ram_count];
 *   struct cb_window device[device_count];
 *   struct cb_link link[link_count];
 *   struct cb_cell_config root_cell;    root_cell_size bytes, if any
 */
struct cb_system_config {
	struct cb_config_header header;
	char model[CB_NAME_SIZE];
	uint64_t hypervisor_start;	/* physical memory only the */
	uint64_t hypervisor_size;	/* hypervisor ever maps */
	struct cb_console_config console;
	struct cb_gic_config gic;
	struct cb_vpci_config vpci;
	uint32_t flags;			/* enum cb_system_flag */
	uint32_t cpu_count;
	uint32_t ram_count;
	uint32_t device_count;
	uint32_t root_cell_size;	/* 0: root-less system */
	uint32_t link_count;
	uint64_t reserved[4];		/* must be zero */
};

enum cb_region_flag {
	CB_REGION_READ = 1u << 0,
	CB_REGION_WRITE = 1u << 1,
	CB_REGION_EXECUTE = 1u << 2,
	CB_REGION_IO = 1u << 3,		/* device memory */
	CB_REGION_DMA = 1u << 4,	/* devices of the cell may DMA here */
	CB_REGION_LOADABLE = 1u << 5,	/* payloads may be loaded here */
	CB_REGION_COMM = 1u << 6,	/* the hypervisor's comm page */
	CB_REGION_KEPT = 1u << 7,	/* kept over the cell's restarts */
	CB_REGION_SUBPAGE = 1u << 8,	/* unaligned io, access trapped */
	CB_REGION_LENDABLE = 1u << 9,	/* root cell only: its running Linux
					   does not use it, so cells created
					   later may take it (and give it back
					   when destroyed) */
};
#define CB_REGION_FLAGS_DEFINED 0x3ffu

struct cb_memory_region {
	char name[CB_NAME_SIZE];
	uint64_t phys_start;	/* 0 for the comm region (the hypervisor's) */
	uint64_t guest_start;
	uint64_t size;
	uint32_t flags;		/* enum cb_region_flag */
	uint32_t reserved;
};

enum cb_cell_console_flag {
	CB_CELL_CONSOLE_EMULATED = 1u << 0,
	CB_CELL_CONSOLE_PASSTHROUGH = 1u << 1,
};
#define CB_CELL_CONSOLE_FLAGS_DEFINED 0x3u

struct cb_cell_console {
	uint32_t flags;		/* enum cb_cell_console_flag */
	uint32_t reserved;
	uint64_t emulated;	/* guest-physical base of the emulated PL011 */
	uint64_t passthrough;	/* physical base of a UART the cell owns */
};

/*
 * A cell config. Followed, in this order, by:
 *   struct cb_memory_region region[region_count];
 *   uint32_t interrupt[interrupt_count];   SPI INTIDs the cell owns
 *   char manage[manage_count][CB_NAME_SIZE];  cells it may manage
 */
enum cb_cell_flag {
	/* The cell may own parts of bus-master device windows: with no DMA
	   isolation, it can read and write all memory through them. */
	CB_CELL_DMA_TRUSTED = 1u << 0,
	/* An access outside the cell's memory is delivered to the cell as
	   the synchronous external abort hardware would raise, instead of
	   parking the cell (for OSes and test suites that handle faults). */
	CB_CELL_ABORTS = 1u << 1,
	/* The cell may read other cells' information and statistics
	   (hypercall.h; its own it always may). */
	CB_CELL_READ_CELLS = 1u << 2,
	/* It may manage every other cell (else only those of its manage
	   list, which must then be empty). */
	CB_CELL_MANAGE_ALL = 1u << 3,
	/* It may freeze management (CB_HC_FREEZE). */
	CB_CELL_MAY_FREEZE = 1u << 4,
	/* Voting: a shutdown, restart or destroy of this cell that another
	   cell asks for is first sent to it as a message in its comm region
	   (include/cellblock/comm.h), with its comm interrupt; it happens
	   only if the cell answers approved within vote_timeout_us. */
	CB_CELL_VOTING = 1u << 5,
};
#define CB_CELL_FLAGS_DEFINED 0x3fu

/* What the hypervisor does when a cell fails: a trap it refuses, or its
   watchdog expiring. */
enum cb_failure_policy {
	CB_FAILURE_POLICY_PARK = 0,	/* it stays failed (parked) */
	/* It restarts from its payloads, RAM cleared, up to restart_limit
	   times since it was last started by the boot or a management call;
	   the failure after that parks it. */
	CB_FAILURE_POLICY_RESTART = 1,
};

struct cb_cell_config {
	struct cb_config_header header;
	char name[CB_NAME_SIZE];
	uint32_t flags;		/* enum cb_cell_flag */
	uint32_t region_count;
	uint32_t interrupt_count;
	uint32_t manage_count;	/* names in the manage list */
	uint64_t cpu_set;	/* bit i: CPU i of the system config */
	uint64_t entry;		/* guest-physical address of the first
				   instruction */
	struct cb_cell_console console;
	/* 0: no watchdog; else the cell must pet it (CB_HC_WATCHDOG_PET)
	   at least this often, in microseconds
	   (CB_LIMIT_WATCHDOG_US_MIN to _MAX), or it fails. */
	uint32_t watchdog_us;
	uint16_t on_failure;		/* enum cb_failure_policy */
	uint16_t restart_limit;		/* RESTART: 1 to CB_LIMIT_RESTARTS;
					   PARK: 0 */
	/* The virtual SPI through which the hypervisor signals a new
	   message in the comm region (0: none; needs a comm region). */
	uint32_t comm_interrupt;
	/* Voting: how long a request waits for the answer, in microseconds
	   (1 to CB_LIMIT_VOTE_TIMEOUT_US); 0 when not voting. */
	uint32_t vote_timeout_us;
	/* Must be zero in revision 5. (A cell's links are in the system
	   config.) */
	uint64_t reserved[6];
};

/*
 * A shared-memory link (ivshmem-like): physical RAM that 2 to
 * CB_MAX_LINK_PEERS cells share, laid out so that no peer can overwrite
 * what another wrote. From phys_start, each part page-aligned:
 *   the state table, CB_LINK_STATE_TABLE_SIZE bytes: peer i's state word
 *     (uint32_t) at 4 * i, written by the hypervisor only (every peer maps
 *     it read-only);
 *   the common section, rw_size bytes (0: none), read/write for all;
 *   peer_count output sections of output_size bytes, in peer-ID order:
 *     peer i's is read/write for peer i, read-only for the others.
 * Nothing of it is executable. Each peer sees the link as a PCI device on
 * its virtual host bridge (include/cellblock/ivshmem.h): the memory
 * above as BAR 2 at its peer's guest address, rounded up to a power of
 * two (the rest of the BAR is unmapped), then the register frame as BAR 0
 * right after it.
 */
#define CB_LINK_STATE_TABLE_SIZE 0x1000ull

struct cb_link_peer {
	char cell[CB_NAME_SIZE];	/* the member cell's name */
	uint64_t guest;			/* guest-physical base of its BARs */
};

struct cb_link {
	char name[CB_NAME_SIZE];
	uint64_t phys_start;
	uint64_t rw_size;
	uint64_t output_size;
	uint32_t peer_count;		/* 2 to CB_MAX_LINK_PEERS */
	uint32_t flags;			/* none defined: must be zero */
	/* Peer IDs are indices; entries from peer_count on are zero. */
	struct cb_link_peer peer[CB_MAX_LINK_PEERS];
};

_Static_assert(sizeof(struct cb_config_header) == 16, "ABI");
_Static_assert(sizeof(struct cb_window) == 56, "ABI");
_Static_assert(sizeof(struct cb_console_config) == 16, "ABI");
_Static_assert(sizeof(struct cb_gic_config) == 48, "ABI");
_Static_assert(sizeof(struct cb_vpci_config) == 24, "ABI");
_Static_assert(sizeof(struct cb_system_config) == 208, "ABI");
_Static_assert(sizeof(struct cb_memory_region) == 64, "ABI");
_Static_assert(sizeof(struct cb_link_peer) == 40, "ABI");
_Static_assert(sizeof(struct cb_link) == 384, "ABI");
_Static_assert(sizeof(struct cb_cell_console) == 24, "ABI");
_Static_assert(sizeof(struct cb_cell_config) == 168, "ABI");

/* Array accessors; only valid once the config's sizes have been checked. */
static inline const uint64_t *cb_system_mpidrs(const struct cb_system_config *s)
{
	return (const uint64_t *)(s + 1);
}

static inline const struct cb_window *
cb_system_ram(const struct cb_system_config *s)
{
	return (const struct cb_window *)(cb_system_mpidrs(s) + s->cpu_count);
}

static inline const struct cb_window *
cb_system_devices(const struct cb_system_config *s)
{
	return cb_system_ram(s) + s->ram_count;
}

static inline const struct cb_link *
cb_system_links(const struct cb_system_config *s)
{
	return (const struct cb_link *)(cb_system_devices(s) + s->device_count);
}

static inline const struct cb_cell_config *
cb_system_root_cell(const struct cb_system_config *s)
{
	if (!s->root_cell_size)
		return 0;
	return (const struct cb_cell_config *)(cb_system_links(s) +
					       s->link_count);
}

/* Bytes of a link's memory: state table, common and output sections. */
static inline uint64_t cb_link_size(const struct cb_link *l)
{
	return CB_LINK_STATE_TABLE_SIZE + l->rw_size +
	       (uint64_t)l->peer_count * l->output_size;
}

/* Size of BAR 2: the link's memory rounded up to a power of two. Only
   valid for a link whose sizes have been checked (no overflow). */
static inline uint64_t cb_link_bar_size(const struct cb_link *l)
{
	uint64_t size = CB_LINK_STATE_TABLE_SIZE;

	while (size < cb_link_size(l))
		size <<= 1;
	return size;
}

static inline const struct cb_memory_region *
cb_cell_regions(const struct cb_cell_config *c)
{
	return (const struct cb_memory_region *)(c + 1);
}

static inline const uint32_t *cb_cell_interrupts(const struct cb_cell_config *c)
{
	return (const uint32_t *)(cb_cell_regions(c) + c->region_count);
}

/* The manage list: names of the cells this one may manage. */
static inline const char (*cb_cell_manages(const struct cb_cell_config *c))
	[CB_NAME_SIZE]
{
	return (const char (*)[CB_NAME_SIZE])(cb_cell_interrupts(c) +
					      c->interrupt_count);
}

#endif /* CELLBLOCK_CONFIG_H */
