// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * fault_probe: accesses outside the cell, for a cell whose config says
 * `faults-as-aborts`: each must arrive here as the synchronous external
 * abort hardware would raise (EC 0x25 from EL1, fault status 0x10, WnR for
 * the store, FAR_EL1 the address), and the inmate goes on. In-cell test
 * protocol: `PASS fault_probe checks=N` or `FAIL fault_probe: ...`.
 * Without the flag the hypervisor parks the cell at the first access.
 *
 *   - a load from 0x7ff00000 (no region there);
 *   - a store to it;
 *   - a 64-bit load of GICD_ISENABLER0-1 (the emulated distributor
 *     refuses a width the GIC does not define).
 */
#include <inmate/console.h>
#include <inmate/mmio.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#define OUTSIDE 0x7ff00000ul
#define GICD_ISENABLER0 0x08000100ul
#define ESR_EC(esr) ((unsigned int)((esr) >> 26) & 0x3f)
#define ESR_DFSC(esr) ((unsigned int)(esr) & 0x3f)
#define ESR_WNR(esr) ((unsigned int)((esr) >> 6) & 1)

static volatile uint64_t taken_esr, taken_far, taken_count;
static unsigned int checks, failures;

static int take_abort(uint64_t esr, uint64_t elr)
{
	(void)elr;
	taken_esr = esr;
	taken_far = read_sysreg(far_el1);
	taken_count++;
	return 1;
}

static void expect(const char *what, uint64_t far, unsigned int wnr,
		   uint64_t count_before)
{
	int ok = taken_count == count_before + 1 && ESR_EC(taken_esr) == 0x25 &&
		 ESR_DFSC(taken_esr) == 0x10 && ESR_WNR(taken_esr) == wnr &&
		 taken_far == far;

	console_printf("fault_probe: %s: abort EC 0x%x DFSC 0x%x WnR %u FAR "
		       "0x%llx\n", what, ESR_EC(taken_esr), ESR_DFSC(taken_esr),
		       ESR_WNR(taken_esr), (unsigned long long)taken_far);
	checks++;
	if (!ok) {
		failures++;
		console_printf("FAIL fault_probe: %s: expected EC 0x25 DFSC 0x10 "
			       "WnR %u FAR 0x%llx, once\n", what, wnr,
			       (unsigned long long)far);
	}
}

int inmate_main(void)
{
	uint64_t before;

	exception_set_handler(take_abort);
	before = taken_count;
	(void)mmio_read32(OUTSIDE);
	expect("load outside", OUTSIDE, 0, before);
	before = taken_count;
	mmio_write32(OUTSIDE, 0xdeadbeef);
	expect("store outside", OUTSIDE, 1, before);
	before = taken_count;
	(void)mmio_read64(GICD_ISENABLER0);
	expect("64-bit GICD load", GICD_ISENABLER0, 0, before);
	exception_set_handler(0);
	if (!failures)
		console_printf("PASS fault_probe checks=%u\n", checks);
	return 0;
}
