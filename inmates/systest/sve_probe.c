// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * sve_probe: what a cell gets on a CPU with SVE (QEMU -cpu max): the
 * hypervisor leaves SVE untrapped (CPTR_EL2.TZ clear) at the CPU's
 * largest vector length (ZCR_EL2.LEN all ones), so once the cell enables
 * it for EL1 (CPACR_EL1.ZEN) and asks for the largest length
 * (ZCR_EL1.LEN all ones), RDVL reports the CPU's maximum. It also reads
 * a RAM word (`scratch`) the test filled with garbage before boot: the
 * hypervisor cleared the cell's RAM, so it reads 0.
 *
 *   sve_probe: SVE 1, vector length N bytes
 *   sve_probe: scratch 0x.. reads 0x..
 *
 * Then SYSTEM_OFF. Without SVE it prints `SVE 0` and skips RDVL.
 */
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#define CPACR_ZEN (3ul << 16)
#define CPACR_FPEN (3ul << 20)

static uint64_t rdvl(void)
{
	register uint64_t x0 __asm__("x0");

	/* RDVL x0, #1 (not in the general-registers-only assembler set) */
	__asm__ __volatile__(".inst 0x04bf5020" : "=r"(x0));
	return x0;
}

int inmate_main(void)
{
	static const char *const keys[] = { "scratch", NULL };
	unsigned long scratch;
	uint64_t sve = (read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf;

	params_check_keys(keys);
	scratch = params_get_ulong("scratch", 0x40300000ul, 0x40000000ul,
				   0x7ffffff8ul);
	if (sve) {
		write_sysreg(cpacr_el1, read_sysreg(cpacr_el1) | CPACR_ZEN |
					       CPACR_FPEN);
		isb();
		write_sysreg(S3_0_C1_C2_0, 0xf);	/* ZCR_EL1.LEN */
		isb();
		console_printf("sve_probe: SVE %llu, vector length %llu bytes\n",
			       (unsigned long long)sve,
			       (unsigned long long)rdvl());
	} else {
		console_printf("sve_probe: SVE 0\n");
	}
	console_printf("sve_probe: scratch 0x%lx reads 0x%llx\n", scratch,
		       (unsigned long long)*(volatile uint64_t *)scratch);
	return 0;
}
