// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the boot checks of the machine before relying on it: the exception
 * level it was entered at, and that the interrupt controller is the GICv3
 * the system config describes, with one redistributor per configured CPU
 * whose affinity is that CPU's MPIDR. A board that does not match gets one
 * line naming what was found and what the config says; then the machine
 * stops (a CPU whose redistributor is missing is only left out, and its
 * cells are skipped). Every probe of a frame uses arch_probe_read(), so a
 * frame with nothing behind it is an answer, not a hypervisor fault.
 */
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>

extern char hv_vectors[], halt_vectors[];

#define CURRENT_EL() ((unsigned int)(read_sysreg(CurrentEL) >> 2) & 3)
#define ID_AA64PFR0_GIC(v) (((v) >> 24) & 0xf)	/* D13.2.64 */
#define PIDR2_ARCHREV(v) (((v) >> 4) & 0xf)	/* GICv3 spec 12.1.13 */

/*
 * Not at EL2, the hypervisor cannot run at all. At EL1 the firmware's PSCI
 * answers HVC (QEMU without virtualization=on does); should nothing answer,
 * the exception lands in halt_vectors. At EL3 there is no firmware to ask.
 */
static void __boot __attribute__((noreturn)) stop_at(unsigned int el)
{
	if (el == 1) {
		write_sysreg(vbar_el1, halt_vectors);
		isb();
		__asm__ volatile("mov x0, %0\n hvc #0" : : "r"((uint64_t)
				 PSCI_SYSTEM_OFF) : "x0", "memory");
	}
	arch_cpu_halt();
}

void __boot arch_boot_early(const char *version)
{
	unsigned int el = CURRENT_EL();

	if (el != 2) {
		hv_printf("cellblock %s entered at EL%u: it runs at EL2 only "
			  "(firmware must enter it at EL2; QEMU: -machine "
			  "virtualization=on); stopping", version, el);
		stop_at(el);
	}
	/* From here an abort at EL2 is reported (or answers a probe)
	   instead of looping at an unset vector. */
	percpu_set_fault_stack(0);
	write_sysreg(tpidr_el2, &percpu[0]);
	write_sysreg(vbar_el2, hv_vectors);
	isb();
}

static uint64_t typer_affinity(uint64_t mpidr)
{
	return ((mpidr >> 8) & 0xff000000ull) | (mpidr & 0xffffff);
}

static int __boot check_distributor(const struct cb_system_config *s)
{
	uint64_t pidr2;

	if (!ID_AA64PFR0_GIC(read_sysreg(id_aa64pfr0_el1))) {
		hv_printf("board: the CPU has no GICv3 system-register "
			  "interface (ID_AA64PFR0_EL1.GIC = 0: a GICv2?), the "
			  "system config's /gic says version 3; nothing started");
		return -1;
	}
	if (arch_probe_read(s->gic.distributor + GICD_PIDR2, 4, &pidr2)) {
		hv_printf("board: no interrupt distributor at 0x%llx (the "
			  "access aborted), the system config's /gic says a "
			  "GICv3 there; nothing started",
			  (unsigned long long)s->gic.distributor);
		return -1;
	}
	if (PIDR2_ARCHREV(pidr2) != 3 && PIDR2_ARCHREV(pidr2) != 4) {
		hv_printf("board: the distributor at 0x%llx is not a GICv3 or "
			  "v4 (GICD_PIDR2 0x%llx, ArchRev %u), the system "
			  "config's /gic says version 3; nothing started",
			  (unsigned long long)s->gic.distributor,
			  (unsigned long long)pidr2,
			  (unsigned int)PIDR2_ARCHREV(pidr2));
		return -1;
	}
	return 0;
}

/*
 * Frame @cpu of the redistributor region must belong to that CPU's MPIDR.
 * A frame that aborts, or one past the frame marked Last, means the board
 * has fewer CPUs than the config: that CPU is left out. A frame of another
 * affinity means the config's MPIDRs or stride are wrong: refused.
 */
static int __boot check_redistributor(const struct cb_system_config *s,
				      unsigned int cpu, int *past_last)
{
	uint64_t frame = s->gic.redistributor +
			 cpu * s->gic.redistributor_stride;
	uint64_t mpidr = cb_system_mpidrs(s)[cpu], typer;

	if (*past_last || arch_probe_read(frame + GICR_TYPER, 8, &typer)) {
		hv_printf("CPU %u (mpidr 0x%llx): no redistributor at 0x%llx: "
			  "the board has fewer CPUs than the system config; "
			  "CPU left out", cpu, (unsigned long long)mpidr,
			  (unsigned long long)frame);
		percpu[cpu].online = CPU_ABSENT;
		return 0;
	}
	*past_last = !!(typer & GICR_TYPER_LAST);
	if ((typer >> 32) == typer_affinity(mpidr))
		return 0;
	hv_printf("system: /cpus/cpu@%u: mpidr 0x%llx, but the redistributor "
		  "at 0x%llx is affinity 0x%llx's (GICR_TYPER); nothing started",
		  cpu, (unsigned long long)mpidr, (unsigned long long)frame,
		  (unsigned long long)(typer >> 32));
	return -1;
}

int __boot arch_board_check(const struct cb_system_config *s)
{
	unsigned int cpu;
	int past_last = 0;

	uint64_t boot_mpidr = read_sysreg(mpidr_el1) & 0xff00ffffffull;

	if (boot_mpidr != cb_system_mpidrs(s)[0]) {
		hv_printf("system: /cpus/cpu@0: mpidr 0x%llx, but the boot CPU "
			  "is 0x%llx (cpu@0 must be the CPU firmware boots); "
			  "nothing started",
			  (unsigned long long)cb_system_mpidrs(s)[0],
			  (unsigned long long)boot_mpidr);
		return -1;
	}
	if (check_distributor(s))
		return -1;
	for (cpu = 0; cpu < s->cpu_count; cpu++)
		if (check_redistributor(s, cpu, &past_last))
			return -1;
	if (percpu[0].online == CPU_ABSENT) {
		hv_printf("CPU 0, the boot CPU, has no redistributor: nothing "
			  "started");
		return -1;
	}
	return 0;
}
