/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Linux-managed boot (docs/linux-managed.md): the contracts between the
 * `cellblock` command, the Linux module (driver/) and the hypervisor.
 *
 * The command hands the module hypervisor.bin and a compiled system config
 * with a root cell (the running Linux) through ioctls on /dev/cellblock.
 * The module copies both into the config's /hypervisor region, which Linux
 * must not use (a reserved-memory no-map node or mem=), laid out as:
 *
 *   hypervisor_start: hypervisor.bin, then zeros up to its image_size
 *                     (struct cb_arm64_header, include/cellblock/image.h)
 *   config_start = hypervisor_start + ALIGN_UP(image_size, 4 KiB):
 *                     the system config, its total_size bytes
 *   from ALIGN_UP(config_start + total_size, 4 KiB): the hypervisor's page
 *                     pool, to the end of the region or to restart_start
 *   restart_start (optional, page-aligned, at the region's end): what the
 *                     hypervisor restarts the root cell from when it
 *                     fails (struct cb_root_restart, then its payloads)
 *
 * Then, on every online CPU in turn, with interrupts masked, it makes two
 * calls through Linux's EL2 hyp stub (Linux's
 * Documentation/virt/kvm/arm/hyp-abi.rst):
 *   hvc #0, x0 = CB_HVC_SET_VECTORS, x1 = hypervisor_start +
 *     header.res3 (the hypervisor's entry vectors, CB_ENTRY_VECTORS_*);
 *   hvc #0, x0 = CB_HVC_ENTER, x1 = config_start, x2 = its size, x3 = the
 *     number of CPUs that will enter (the root cell's), x4 = restart_start
 *     (0: none; every CPU passes the same),
 *   which returns at EL1 where it was called, x0 = 0 (the CPU runs Linux
 *   as the root cell now) or a negative CB_HC_E* (nothing changed on it;
 *   the reason is on the hypervisor's console). x1-x30 are preserved.
 *
 * The entry vectors behave as Linux's hyp stub for the stub's own calls
 * (SET_VECTORS, SOFT_RESTART, RESET_VECTORS; others return CB_HVC_STUB_ERR),
 * so a CPU whose entry failed, and every CPU after `cellblock disable`, has
 * a working stub at EL2 (VBAR_EL2 stays on these vectors: Linux's own stub
 * cannot be named from a module).
 *
 * Disabling: on every CPU in turn, CB_HC_DISABLE (hypercall.h) from the
 * root cell; the first refuses (CB_HC_EBUSY) while a cell other than the
 * root exists.
 */
#ifndef CELLBLOCK_DRIVER_H
#define CELLBLOCK_DRIVER_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <stdint.h>
#if __STDC_HOSTED__	/* the hypervisor (freestanding) uses no ioctl */
#include <sys/ioctl.h>
#endif
#endif

/* 2: the root cell's restart payloads (x4 of CB_HVC_ENTER). */
#define CB_DRIVER_REVISION 2

/* Linux's hyp-stub calls (arch/arm64/include/asm/virt.h). */
#define CB_HVC_SET_VECTORS 0
#define CB_HVC_SOFT_RESTART 1
#define CB_HVC_RESET_VECTORS 2
#define CB_HVC_STUB_ERR 0xbadca11
/* Enters the hypervisor on this CPU: none of the stub's numbers. */
#define CB_HVC_ENTER 0x63620001

/* header.res4 of a hypervisor.bin that has entry vectors: this magic and
   the revision of this contract. */
#define CB_ENTRY_MAGIC 0x43424c5800000000ull /* "CBLX" */
#define CB_ENTRY_TAG (CB_ENTRY_MAGIC | CB_DRIVER_REVISION)

#define CB_DEVICE_NAME "cellblock"

/*
 * The hypervisor's console log: the first CB_CONSOLE_LOG_SIZE bytes of the
 * page pool (from ALIGN_UP(config_start + total_size, 4 KiB)) once the
 * first CPU has entered: every byte the hypervisor's console sent, the
 * last @size of them kept, byte n at data[n % size]; @written counts them
 * all (written last, with release semantics). The root cell has these
 * pages mapped read-only at their physical address, the only memory of
 * the hypervisor's it sees; the module reads them there (sysfs
 * "console").
 */
#define CB_CONSOLE_LOG_MAGIC 0x474f4c43u	/* "CLOG" */
#define CB_CONSOLE_LOG_SIZE 0x4000u

struct cb_console_log {
	uint32_t magic;
	uint32_t size;			/* of data[] */
	uint64_t written;
	char data[];
};

/*
 * What the root cell restarts from (`cellblock enable --restart`, a Linux
 * boot laid out as linux_layout.h lays out a cell's): a root cell whose
 * config has on-failure = "restart" and fails (its watchdog expires, a
 * trap is refused) or calls PSCI SYSTEM_RESET gets its RAM cleared (not
 * its lendable regions: cells have those), these payloads copied to their
 * guest-physical addresses, each in a loadable region of the root cell's,
 * and its first CPU started at its config's entry with x0 = @x0 (the
 * device tree's address). It is no longer the Linux cellblock was enabled
 * from then: it cannot disable the hypervisor.
 */
#define CB_ROOT_RESTART_MAGIC 0x52524243u	/* "CBRR" */
#define CB_ROOT_RESTART_PAYLOADS 3		/* kernel, initrd, device tree */

struct cb_root_restart_payload {
	uint64_t offset;		/* from restart_start, page-aligned,
					   past this header */
	uint64_t size;
	uint64_t address;		/* guest-physical, in the root cell */
};

struct cb_root_restart {
	uint32_t magic;			/* CB_ROOT_RESTART_MAGIC */
	uint32_t count;			/* 1 to CB_ROOT_RESTART_PAYLOADS */
	uint64_t x0;			/* one payload's address */
	struct cb_root_restart_payload payload[CB_ROOT_RESTART_PAYLOADS];
};

/* CB_IOCTL_ENABLE: user-space buffers, each read once; @restart[0 ..
   @restart_count) the root cell's restart payloads (@data their bytes),
   none with @restart_count 0. */
struct cb_enable_restart {
	uint64_t data;
	uint64_t size;
	uint64_t address;
};

struct cb_enable_args {
	uint64_t hypervisor;		/* hypervisor.bin */
	uint64_t hypervisor_size;
	uint64_t config;		/* the system config */
	uint64_t config_size;
	uint32_t restart_count;
	uint32_t reserved;		/* 0 */
	uint64_t restart_x0;
	struct cb_enable_restart restart[CB_ROOT_RESTART_PAYLOADS];
};

/*
 * The cell ioctls, while enabled (else -EINVAL). Each is one or a few
 * hypercalls from the root cell (hypercall.h), whose errors become errno
 * values: CB_HC_EINVAL -EINVAL, EPERM -EPERM, ENOENT -ENOENT, EBUSY
 * -EBUSY, EFROZEN -EROFS, EDENIED -EACCES, ETIMEDOUT -ETIMEDOUT.
 *
 * CB_IOCTL_CELL_CREATE: the cell config (compiled, config.h); the module
 *   takes the config's CPUs offline in Linux first (remove_cpu(); a CPU
 *   Linux cannot offline: -EBUSY, and the CPUs taken offline come back),
 *   then CB_HC_CELL_CREATE with a copy in its own memory; on a refusal
 *   the CPUs come back online. Returns the new cell's ID (>= 0).
 * CB_IOCTL_CELL_LOAD: @size bytes at user @data into cell @id at its
 *   guest-physical @address (CB_HC_CELL_LOAD, a page at a time); a cell
 *   that is stopped or failed is made loadable first
 *   (CB_HC_CELL_SET_LOADABLE: its RAM is cleared).
 * CB_IOCTL_CELL_START, _SHUTDOWN: the cell @id (struct cb_cell_id_args);
 *   START passes @params (0: none) as CB_HC_CELL_START's x2: the guest
 *   address of the parameters a created cell's first CPU gets in x0.
 * CB_IOCTL_CELL_DESTROY: CB_HC_CELL_DESTROY, then the cell's CPUs come
 *   back online in Linux (add_cpu()).
 * CB_IOCTL_CELL_COUNT: returns the number of cells (IDs 0 to it - 1).
 * CB_IOCTL_CELL_INFO, _STATS: struct cb_cell_info or cb_cell_stats of
 *   cell @id written to user @buffer (@size bytes at least the
 *   structure's, hypercall.h).
 */
struct cb_cell_config_args {
	uint64_t config;
	uint64_t config_size;
};

struct cb_cell_load_args {
	uint32_t id;
	uint32_t reserved;		/* 0 */
	uint64_t data;
	uint64_t size;
	uint64_t address;
};

struct cb_cell_id_args {
	uint32_t id;
	uint32_t reserved;		/* 0 */
	uint64_t params;		/* START only; else 0 */
};

struct cb_cell_query_args {
	uint32_t id;
	uint32_t reserved;		/* 0 */
	uint64_t buffer;
	uint64_t size;
};

#define CB_IOCTL_MAGIC 0xcb
#define CB_IOCTL_ENABLE _IOW(CB_IOCTL_MAGIC, 0, struct cb_enable_args)
#define CB_IOCTL_DISABLE _IO(CB_IOCTL_MAGIC, 1)
#define CB_IOCTL_CELL_CREATE _IOW(CB_IOCTL_MAGIC, 2, struct cb_cell_config_args)
#define CB_IOCTL_CELL_LOAD _IOW(CB_IOCTL_MAGIC, 3, struct cb_cell_load_args)
#define CB_IOCTL_CELL_START _IOW(CB_IOCTL_MAGIC, 4, struct cb_cell_id_args)
#define CB_IOCTL_CELL_SHUTDOWN _IOW(CB_IOCTL_MAGIC, 5, struct cb_cell_id_args)
#define CB_IOCTL_CELL_DESTROY _IOW(CB_IOCTL_MAGIC, 6, struct cb_cell_id_args)
#define CB_IOCTL_CELL_COUNT _IO(CB_IOCTL_MAGIC, 7)
#define CB_IOCTL_CELL_INFO _IOW(CB_IOCTL_MAGIC, 8, struct cb_cell_query_args)
#define CB_IOCTL_CELL_STATS _IOW(CB_IOCTL_MAGIC, 9, struct cb_cell_query_args)

#endif /* CELLBLOCK_DRIVER_H */
