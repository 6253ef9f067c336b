// SPDX-License-Identifier: GPL-2.0-only
/*
 * park: a cell does something the hypervisor refuses, so that the
 * hypervisor's park line can be checked whole.
 *
 * fault=0, a 64-bit fault address: TTBR1_EL1 gets a table (T1SZ 32, the
 * top 4 GiB of the address space, 1 GiB blocks) with the cell's RAM at
 * 0xffffffff40000000, an alias of the code, and 0xffffffff00000000 mapped
 * to IPA 0xc0000000, where the cell has nothing. The load runs from the
 * alias and reads 0xffffffff08000100 (IPA 0xc8000100): a stage-2 fault
 * whose PC and FAR both take 16 hex digits, as a kernel's would, making
 * one of the longest park lines there is (with a 31-character cell name).
 *
 * fault=1, a refused HVC: `hvc #1` with w0 = PSCI_VERSION. SMCCC calls use
 * immediate 0 (the same call through `hvc #0` is answered first, as a
 * control); any other immediate is refused. There is no fault address.
 *
 * In-QEMU test protocol (check.h): RUN park-far (or park-hvc), the setup
 * checks (the alias reads what the code reads; PSCI_VERSION through
 * `hvc #0` is 1.1), PASS ... checks=N, then one line announcing the
 * refused instruction and its address. The rest is the hypervisor's line;
 * should the instruction complete, the inmate prints FAIL.
 *
 * Parameters:
 *   fault     0: the 64-bit fault address, 1: hvc #1 (default 0)
 *   delay_us  wait before (default 0)
 */
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/smccc.h>
#include <inmate/sysreg.h>
#include <inmate/timer.h>

#define ALIAS_BASE 0xffffffff00000000ull
#define FAULT_ADDRESS 0xffffffff08000100ull
#define NOWHERE_IPA 0xc0000000ull	/* what ALIAS_BASE maps to */

/* Level 1 block descriptors, as head.S makes them. */
#define BLOCK_DEVICE 0x0060000000000401ull	/* attr 0, PXN, UXN */
#define BLOCK_NORMAL 0x0040000000000705ull	/* attr 1, inner shareable */

/* TCR_EL1 fields of the TTBR1 walk (ARM ARM D13.2.131). */
#define TCR_T1SZ_SHIFT 16
#define TCR_T1SZ_MASK (0x3full << TCR_T1SZ_SHIFT)
#define TCR_EPD1 (1ull << 23)
#define TCR_IRGN1_WB (1ull << 24)
#define TCR_ORGN1_WB (1ull << 26)
#define TCR_SH1_INNER (3ull << 28)
#define TCR_TG1_4K (2ull << 30)
#define TCR_TTBR1_MASK (TCR_T1SZ_MASK | TCR_EPD1 | (3ull << 24) |              \
			(3ull << 26) | (3ull << 28) | (3ull << 30))


__asm__(".text\n"
	".global park_load\n"
	".type park_load, %function\n"
	"park_load:\n"
	"	ldr	x0, [x0]\n"
	"	ret\n"
	".global park_hvc1\n"
	".type park_hvc1, %function\n"
	"park_hvc1:\n"
	"	mov	x0, #0x84000000\n"
	".global park_hvc1_insn\n"
	"park_hvc1_insn:\n"
	"	hvc	#1\n"
	"	ret\n");
uint64_t park_load(uint64_t address);
int64_t park_hvc1(void);
extern const char park_hvc1_insn[];

static uint64_t ttbr1_table[4] __attribute__((aligned(4096)));

static void map_top(void)
{
	uint64_t tcr = read_sysreg(tcr_el1);

	ttbr1_table[0] = NOWHERE_IPA | BLOCK_DEVICE;
	ttbr1_table[1] = 0x40000000ull | BLOCK_NORMAL;
	dsb_ish();
	write_sysreg(ttbr1_el1, (uintptr_t)ttbr1_table);
	tcr = (tcr & ~TCR_TTBR1_MASK) | 32ull << TCR_T1SZ_SHIFT |
	      TCR_IRGN1_WB | TCR_ORGN1_WB | TCR_SH1_INNER | TCR_TG1_4K;
	write_sysreg(tcr_el1, tcr);
	isb();
	__asm__ __volatile__("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
}

static void far_load(void)
{
	uintptr_t code = (uintptr_t)park_load;
	uint64_t (*alias)(uint64_t) =
		(uint64_t (*)(uint64_t))(ALIAS_BASE + code);
	uint64_t value;

	check_begin("park-far");
	map_top();
	CHECK_EQ(*(volatile uint32_t *)(ALIAS_BASE + code),
		 *(volatile uint32_t *)code);
	check_pass();
	console_printf("park: loading from 0x%llx (IPA 0x%llx) at pc 0x%llx\n",
		       FAULT_ADDRESS,
		       NOWHERE_IPA + (FAULT_ADDRESS - ALIAS_BASE),
		       (unsigned long long)(ALIAS_BASE + code));
	value = alias(FAULT_ADDRESS);
	check_fail("the load returned 0x%llx", (unsigned long long)value);
}

static void hvc1(void)
{
	int64_t result;

	check_begin("park-hvc");
	CHECK_EQ(smccc_call(SMCCC_HVC, PSCI_VERSION, 0, 0, 0),
		 PSCI_VERSION_1_1);
	check_pass();
	console_printf("park: hvc #1 with w0 0x%x (PSCI_VERSION) at pc 0x%llx\n",
		       PSCI_VERSION,
		       (unsigned long long)(uintptr_t)park_hvc1_insn);
	result = park_hvc1();
	check_fail("hvc #1 returned %lld", (long long)result);
}

int inmate_main(void)
{
	static const char *const keys[] = { "fault", "delay_us", NULL };
	unsigned long fault, delay_us;

	params_check_keys(keys);
	fault = params_get_ulong("fault", 0, 0, 1);
	delay_us = params_get_ulong("delay_us", 0, 0, 1000000000);
	if (delay_us) {
		if (gic_init())
			runtime_panic("park: no interrupt controller");
		timer_delay_us(delay_us);
	}
	if (fault)
		hvc1();
	else
		far_load();
	return 0;
}
