// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux-managed boot, the arm64 side (include/cellblock/driver.h): a CPU
 * running Linux at EL1 arrives at EL2 through entry.S with its registers in
 * linux_saved, and goes back to it as a CPU of the root cell; disabling
 * undoes exactly that. What Linux set up stays as it was: the
 * distributor, the CPU's private interrupts but the hypervisor's own
 * three, the EL1 state and its timers. Its CPU interface settings (ICC_*,
 * which an EL1 access reaches as ICV_* from now on) move into the virtual
 * interface, and back when it leaves.
 */
#include <asm/cpu.h>
#include <asm/el2_timer.h>
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/smccc.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/devices.h>
#include <hv/lib.h>
#include <hv/watchdog.h>

extern struct trap_frame linux_saved;		/* entry.S */
extern char entry_vectors[], __hv_start[];
void guest_enter(struct trap_frame *frame) __attribute__((noreturn));
void linux_return(struct trap_frame *frame, uint64_t sctlr)
	__attribute__((noreturn));
void linux_adopt_cpu(unsigned int cpu, struct trap_frame *frame)
	__attribute__((noreturn));

/* EL2 as Linux's hyp stub left it, restored when the CPU leaves. The MMU
   registers are not kept: with the MMU off (SCTLR_EL2, kept) they do
   nothing. */
struct stub_el2 {
	uint64_t hcr, cptr, mdcr, hstr, cnthctl, cntvoff, vpidr, vmpidr;
	uint64_t vtcr, vttbr, sctlr, tpidr, ich_hcr;
};

static struct stub_el2 stub_el2[HV_MAX_CPUS];

static void save_stub_el2(struct stub_el2 *s)
{
	s->hcr = read_sysreg(hcr_el2);
	s->cptr = read_sysreg(cptr_el2);
	s->mdcr = read_sysreg(mdcr_el2);
	s->hstr = read_sysreg(hstr_el2);
	s->cnthctl = read_sysreg(cnthctl_el2);
	s->cntvoff = read_sysreg(cntvoff_el2);
	s->vpidr = read_sysreg(vpidr_el2);
	s->vmpidr = read_sysreg(vmpidr_el2);
	s->vtcr = read_sysreg(vtcr_el2);
	s->vttbr = read_sysreg(vttbr_el2);
	s->sctlr = read_sysreg(sctlr_el2);
	s->tpidr = read_sysreg(tpidr_el2);
	s->ich_hcr = read_sysreg(ICH_HCR_EL2);
}

static void restore_stub_el2(const struct stub_el2 *s)
{
	write_sysreg(hcr_el2, s->hcr);
	write_sysreg(cptr_el2, s->cptr);
	write_sysreg(mdcr_el2, s->mdcr);
	write_sysreg(hstr_el2, s->hstr);
	write_sysreg(cnthctl_el2, s->cnthctl);
	write_sysreg(cntvoff_el2, s->cntvoff);
	write_sysreg(vpidr_el2, s->vpidr);
	write_sysreg(vmpidr_el2, s->vmpidr);
	write_sysreg(vtcr_el2, s->vtcr);
	write_sysreg(vttbr_el2, s->vttbr);
	write_sysreg(tpidr_el2, s->tpidr);
	write_sysreg(ICH_HCR_EL2, s->ich_hcr);
	isb();
}

/* ICH_VMCR_EL2 (GICv3 spec 12.4.10) from ICC_* and back: VENG1 bit 1,
   VCBPR bit 4, VEOIM bit 9, VBPR1 bits 20:18, VPMR bits 31:24. Group 0 is
   unused: Linux runs group 1 only. */
#define VMCR_VENG1 (1ull << 1)
#define VMCR_VCBPR (1ull << 4)
#define VMCR_VEOIM (1ull << 9)
#define VMCR_VBPR1(v) (((v) >> 18) & 7)
#define VMCR_VPMR(v) (((v) >> 24) & 0xff)
#define CTLR_CBPR (1ull << 0)
#define CTLR_EOIMODE (1ull << 1)

static uint64_t vmcr_from_cpu_interface(void)
{
	uint64_t ctlr = read_sysreg(ICC_CTLR_EL1);

	return ((read_sysreg(ICC_PMR_EL1) & 0xff) << 24) |
	       ((read_sysreg(ICC_BPR1_EL1) & 7) << 18) |
	       (ctlr & CTLR_EOIMODE ? VMCR_VEOIM : 0) |
	       (ctlr & CTLR_CBPR ? VMCR_VCBPR : 0) |
	       (read_sysreg(ICC_IGRPEN1_EL1) & 1 ? VMCR_VENG1 : 0);
}

static void cpu_interface_from_vmcr(uint64_t vmcr)
{
	uint64_t ctlr = read_sysreg(ICC_CTLR_EL1) & ~(CTLR_EOIMODE | CTLR_CBPR);

	write_sysreg(ICC_CTLR_EL1, ctlr | (vmcr & VMCR_VEOIM ? CTLR_EOIMODE : 0) |
				   (vmcr & VMCR_VCBPR ? CTLR_CBPR : 0));
	write_sysreg(ICC_BPR1_EL1, VMCR_VBPR1(vmcr));
	write_sysreg(ICC_PMR_EL1, VMCR_VPMR(vmcr));
	write_sysreg(ICC_IGRPEN1_EL1, vmcr & VMCR_VENG1 ? 1 : 0);
	isb();
}

int __boot arch_linux_prepare(const struct cb_system_config *s)
{
	cpus_describe();
	smccc_probe_firmware();
	gicv3_adopt_distributor(s->gic.distributor);
	return 0;
}

int arch_this_cpu_index(const struct cb_system_config *s)
{
	uint64_t mpidr = read_sysreg(mpidr_el1) & 0xff00ffffffull;
	const uint64_t *m = cb_system_mpidrs(s);
	unsigned int i;

	for (i = 0; i < s->cpu_count; i++)
		if (m[i] == mpidr)
			return (int)i;
	return -1;
}

/* From entry.S, on CPU @cpu's stack, @frame its frame area. */
void linux_adopt_cpu(unsigned int cpu, struct trap_frame *frame)
{
	struct percpu *pc = &percpu[cpu];
	uint64_t vmcr;

	*frame = linux_saved;
	frame->x[0] = 0;	/* CB_HVC_ENTER's result */
	frame->x[31] = 0;
	save_stub_el2(&stub_el2[cpu]);
	vmcr = vmcr_from_cpu_interface();
	cpu_init_el2_common(cpu);
	gicv3_cpu_interface_on();
	el2_timer_init_cpu();
	watchdog_entering(pc->cell);
	vgic_adopt_cpu(vmcr);
	write_sysreg(vttbr_el2, pc->cell->stage2_root |
				((uint64_t)pc->cell->vmid << 48));
	isb();
	__asm__ volatile("tlbi vmalls12e1\n dsb nsh\n isb" ::: "memory");
	pc->state = CPU_ON;
	__atomic_store_n(&pc->online, CPU_ONLINE, __ATOMIC_RELEASE);
	guest_enter(frame);
}

void arch_linux_leave(struct cell *cell)
{
	struct percpu *pc = this_percpu();
	const struct stub_el2 *s = &stub_el2[pc->cpu];
	struct trap_frame *frame = percpu_frame(pc->cpu);
	uint64_t vmcr = read_sysreg(ICH_VMCR_EL2);
	unsigned int slot;

	(void)cell;
	for (slot = 0; slot < EL2_TIMER_SLOTS; slot++)
		el2_timer_disarm((enum el2_timer_slot)slot);
	mmio_write32(pc->sgi_base + GICD_ICENABLER, HV_RESERVED_PRIVATE);
	vgic_hand_back_cpu();
	cpu_interface_from_vmcr(vmcr);
	pc->state = CPU_OFF;
	__atomic_store_n(&pc->online, CPU_STARTING, __ATOMIC_RELEASE);
	frame->x[0] = 0;
	/* Nothing of the hypervisor's may stay dirty in a cache once its MMU
	   is off: the module writes the next hypervisor there uncached. */
	arch_dcache_clean_invalidate(__hv_start, system_config->hypervisor_size);
	restore_stub_el2(s);
	write_sysreg(vbar_el2, entry_vectors);
	isb();
	linux_return(frame, s->sctlr);
}
