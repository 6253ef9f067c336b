// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * spec_idregs: prints every ID register of the space HCR_EL2.TID3 traps
 * (Op0 3, Op1 0, CRn 0, CRm 1-7, Op2 0-7), as the CPU it runs on reads
 * them: `spec_idregs: C<crm> <op2> 0x<value>`, one line each, then SYSTEM_OFF.
 * tests/system/spec_tests.py runs it bare metal (the hardware's values)
 * and in a cell (what the hypervisor lets a cell see) and compares the
 * two field by field (hypervisor/arch/arm64/id_regs.c).
 */
#include <inmate/console.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#define ID(crm, op2)                                                           \
	console_printf("spec_idregs: C%u %u 0x%016llx\n", crm, op2,            \
		       (unsigned long long)read_sysreg(S3_0_C0_C##crm##_##op2))
#define ID_ROW(crm)                                                            \
	do {                                                                   \
		ID(crm, 0); ID(crm, 1); ID(crm, 2); ID(crm, 3);                \
		ID(crm, 4); ID(crm, 5); ID(crm, 6); ID(crm, 7);                \
	} while (0)

int inmate_main(void)
{
	ID_ROW(1);
	ID_ROW(2);
	ID_ROW(3);
	ID_ROW(4);
	ID_ROW(5);
	ID_ROW(6);
	ID_ROW(7);
	return 0;
}
