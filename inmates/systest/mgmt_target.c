// SPDX-License-Identifier: GPL-2.0-only
/*
 * mgmt_target: the cell another cell manages (tests/system/mgmt_tests.py).
 * A boot counter in a `kept` region (which the hypervisor keeps when it
 * starts the cell again; the rest of its RAM it clears) tells the runs
 * apart. Each run prints, first, its number and what it found: a RAM word
 * outside the image the previous run wrote (cleared RAM reads 0) and a
 * .data marker the previous run overwrote (re-copied payloads restore
 * it). Then it crashes, stays, or powers off.
 *
 * Parameters:
 *   crash     runs 1 to crash write outside the cell's RAM (default 0)
 *   delay_us  wait before that, or before powering off (default 1000)
 *   stay      1: after the wait, idle until stopped instead of SYSTEM_OFF
 *   counter   guest address of the boot counter (default 0x40f00000, in
 *             the kept region of tests/system/configs/mgmt_app.dts)
 *   scratch   the RAM word checked and written (default 0x40300000)
 */
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/wait.h>

#define TARGET_MAGIC 0x4d475431u	/* "MGT1" */
#define DATA_MARKER 0x600d1deau
#define DATA_SPOILED 0x0badf00du
#define SCRATCH_MARK 0x5c4a7c11u
#define CRASH_ADDRESS 0x7ff00000ul

struct boot_counter {
	uint32_t magic;
	uint32_t runs;
};

static volatile uint32_t data_marker = DATA_MARKER;
/* What the waits wait on: nothing, so only their deadline ends them. */
static volatile unsigned int never;

int inmate_main(void)
{
	static const char *const keys[] = { "crash", "delay_us", "stay",
					    "counter", "scratch", NULL };
	uint32_t marker = data_marker;
	unsigned long crash, delay_us, stay;
	volatile struct boot_counter *counter;
	volatile uint32_t *scratch;
	uint32_t run, found;

	params_check_keys(keys);
	crash = params_get_ulong("crash", 0, 0, 100);
	delay_us = params_get_ulong("delay_us", 1000, 0, 1000000000);
	stay = params_get_ulong("stay", 0, 0, 1);
	counter = (volatile struct boot_counter *)params_get_ulong(
		"counter", 0x40f00000ul, 0x40000000ul, 0x7ffffff0ul);
	scratch = (volatile uint32_t *)params_get_ulong(
		"scratch", 0x40300000ul, 0x40000000ul, 0x7ffffffcul);
	if (counter->magic != TARGET_MAGIC) {
		counter->magic = TARGET_MAGIC;
		counter->runs = 0;
	}
	run = ++counter->runs;
	found = *scratch;
	console_printf("target: run %u: RAM word 0x%x, data marker 0x%x\n",
		       run, found, marker);
	*scratch = SCRATCH_MARK;
	data_marker = DATA_SPOILED;
	if (gic_init())
		runtime_panic("target: no interrupt controller");
	/* Waits that take their timer interrupt, as the manager's do
	   (inmates/demos/manager.c): a WFI with one left pending would
	   spin, holding up the other CPUs under -icount. */
	wait_init();
	wait_change(&never, 0, delay_us);
	if (run <= crash) {
		console_printf("target: run %u: writing outside the cell\n", run);
		*(volatile uint32_t *)CRASH_ADDRESS = 0xdeadbeefu;
		runtime_panic("target: the write outside did not fault");
	}
	if (stay) {
		console_printf("target: run %u: staying\n", run);
		for (;;)
			wait_change(&never, 0, 1000000);
	}
	console_printf("target: run %u: powering off\n", run);
	psci_system_off();
}
