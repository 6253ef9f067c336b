// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * subpage_rw: every access width through sub-page regions over QEMU virt's
 * PL061 GPIO (tests/system/configs/subpage_gpio.dts): the hypervisor
 * replays each trapped load and store on the device at its own width
 * (hypervisor/core/subpage.c, arch/arm64/probe.S), so the cell sees what
 * it would see bare metal.
 *
 *   - 8-, 16-, 32- and 64-bit loads of the PL061's identification
 *     registers (0xfe0-0xfff, a read-only region): PeriphID0 0x61 at
 *     0xfe0, PeriphID1 0x10 at 0xfe4, and 0xff8-0xfff as one 64-bit load
 *     (CellID2 0x05, CellID3 0xb1);
 *   - 8-, 16-, 32- and 64-bit stores to GPIODIR (0x400, an 8-bit register)
 *     and GPIOIS (0x404), each read back: a 16-bit store of 0x1234 leaves
 *     0x34, as on the device, and the 64-bit store sets both registers;
 *   - last, a byte store to the read-only identification region: the
 *     hypervisor refuses it and parks the cell (the test reads that line).
 *
 * Prints one line per access, `PASS subpage_rw checks=N` (or FAIL lines)
 * before the refused store.
 */
#include <inmate/console.h>
#include <inmate/mmio.h>
#include <inmate/runtime.h>

#define GPIO 0x09030000ul
#define GPIODIR (GPIO + 0x400)
#define GPIOIS (GPIO + 0x404)
#define PERIPHID0 (GPIO + 0xfe0)
#define PERIPHID1 (GPIO + 0xfe4)
#define CELLID2 (GPIO + 0xff8)

static unsigned int checks, failures;

static void expect(const char *what, uintptr_t address, uint64_t got,
		   uint64_t want)
{
	console_printf("subpage_rw: %s 0x%lx: 0x%llx\n", what,
		       (unsigned long)address, (unsigned long long)got);
	checks++;
	if (got != want) {
		failures++;
		console_printf("FAIL subpage_rw: %s 0x%lx: expected 0x%llx\n",
			       what, (unsigned long)address,
			       (unsigned long long)want);
	}
}

int inmate_main(void)
{
	expect("read8", PERIPHID0, mmio_read8(PERIPHID0), 0x61);
	expect("read16", PERIPHID0, mmio_read16(PERIPHID0), 0x61);
	expect("read32", PERIPHID1, mmio_read32(PERIPHID1), 0x10);
	expect("read64", CELLID2, mmio_read64(CELLID2), 0xb100000005ull);

	mmio_write8(GPIODIR, 0xa5);
	expect("write8 0xa5, read32", GPIODIR, mmio_read32(GPIODIR), 0xa5);
	mmio_write16(GPIODIR, 0x1234);
	expect("write16 0x1234, read8", GPIODIR, mmio_read8(GPIODIR), 0x34);
	mmio_write32(GPIODIR, 0x5a);
	expect("write32 0x5a, read16", GPIODIR, mmio_read16(GPIODIR), 0x5a);
	mmio_write64(GPIODIR, 0x11000000c3ull);
	expect("write64 0x11000000c3, read64", GPIODIR, mmio_read64(GPIODIR),
	       0x11000000c3ull);
	expect("then read32", GPIOIS, mmio_read32(GPIOIS), 0x11);
	mmio_write64(GPIODIR, 0);

	if (!failures)
		console_printf("PASS subpage_rw checks=%u\n", checks);
	console_printf("subpage_rw: writing 1 byte to 0x%lx (read-only)\n",
		       (unsigned long)PERIPHID0);
	mmio_write8(PERIPHID0, 0);
	console_printf("FAIL subpage_rw: the read-only store completed\n");
	return 1;
}
