// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPUs: bring-up through firmware PSCI, per-CPU EL2 set-up, entering and
 * leaving cells, cross-CPU requests (an IPI on HV_SGI_IPI), and the idle
 * loop, which waits in WFI (under QEMU's -icount a polling loop would burn
 * virtual time).
 */
#include <asm/cpu.h>
#include <asm/el1_reset.h>
#include <asm/el2_setup.h>
#include <asm/el2_timer.h>
#include <asm/gicv3.h>
#include <asm/irq.h>
#include <asm/layout.h>
#include <asm/mmu.h>
#include <asm/percpu.h>
#include <asm/smccc.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>
#include <hv/watchdog.h>

struct percpu percpu[HV_MAX_CPUS];
/* Per CPU: guard page, then the stack (layout.h). */
uint8_t hv_stacks[HV_MAX_CPUS][HV_STACK_STRIDE]
	__attribute__((aligned(4096), section(".noinit")));
static uint8_t fault_stacks[HV_MAX_CPUS][HV_FAULT_STACK_SIZE]
	__attribute__((aligned(16), section(".noinit")));

void percpu_set_fault_stack(unsigned int cpu)
{
	percpu[cpu].fault_sp = (uint64_t)(uintptr_t)(fault_stacks[cpu] +
						     HV_FAULT_STACK_SIZE);
}

uint64_t percpu_stack_guard(unsigned int cpu)
{
	return (uint64_t)(uintptr_t)hv_stacks[cpu];
}

extern char hv_vectors[], secondary_entry[];
void guest_enter(struct trap_frame *frame) __attribute__((noreturn));
void secondary_main(unsigned int cpu) __attribute__((noreturn));

struct trap_frame *percpu_frame(unsigned int cpu)
{
	return (struct trap_frame *)(hv_stacks[cpu] + HV_STACK_STRIDE -
				     FRAME_SIZE);
}

unsigned int arch_this_cpu(void)
{
	return this_percpu()->cpu;
}

const uint64_t *arch_cpu_stats(unsigned int cpu)
{
	return percpu[cpu].stats;
}

void arch_cpu_stats_clear(unsigned int cpu)
{
	memset(percpu[cpu].stats, 0, sizeof(percpu[cpu].stats));
}

uint64_t arch_counter(void)
{
	isb();	/* not read ahead of what came before */
	return read_sysreg(cntpct_el0);
}

uint64_t arch_counter_frequency(void)
{
	return read_sysreg(cntfrq_el0);
}

/* YIELD (ARM ARM C6.2): a no-op on hardware; QEMU's single-threaded round
   robin switches to the next CPU on it, so the CPU being waited for runs
   at once, not after this one's time slice. */
void arch_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

void arch_cpu_halt(void)
{
	for (;;)
		wfi();
}

/* What every CPU's EL2 needs before its interrupt controller: both boot
   paths (linux_cpu.c for the Linux-managed one). */
void cpu_init_el2_common(unsigned int cpu)
{
	percpu_set_fault_stack(cpu);
	write_sysreg(tpidr_el2, &percpu[cpu]);
	write_sysreg(vbar_el2, hv_vectors);
	mmu_enable();
	stage2_init_cpu();
	el2_setup_cpu(&percpu[cpu]);
}

static void cpu_init_el2(unsigned int cpu)
{
	cpu_init_el2_common(cpu);
	gicv3_init_cpu();
	el2_timer_init_cpu();
}

/*
 * A started CPU reports in by moving its state from CPU_STARTING to
 * CPU_ONLINE; the boot CPU gives up on it by moving it to CPU_ABANDONED.
 * One compare-and-swap decides, so a late CPU is never half used.
 */
static int set_cpu_state(unsigned int cpu, int state)
{
	int expected = CPU_STARTING;

	return __atomic_compare_exchange_n(&percpu[cpu].online, &expected,
					   state, 0, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

void secondary_main(unsigned int cpu)
{
	cpu_init_el2(cpu);
	if (!set_cpu_state(cpu, CPU_ONLINE))
		arch_cpu_halt();	/* too late: its cells were skipped */
	gicv3_send_sgi(percpu[0].mpidr, HV_SGI_IPI);
	arch_cpu_idle();
}

/* How long a started CPU may take to report in: 100 ms of counter time.
   On hardware a CPU answers within microseconds; the margin is for
   emulators on a loaded host, where 10 ms of real time was seen to pass. */
#define CPU_START_TIMEOUT_US 100000

/*
 * Waits in WFI until CPU @cpu reports in (its IPI wakes us) or the EL2
 * physical timer (PPI 26, the hypervisor's: its boot slot) passes
 * @deadline.
 */
static int __boot wait_online(unsigned int cpu, uint64_t deadline)
{
	while (__atomic_load_n(&percpu[cpu].online, __ATOMIC_ACQUIRE) !=
	       CPU_ONLINE) {
		if (read_sysreg(cntpct_el0) >= deadline &&
		    set_cpu_state(cpu, CPU_ABANDONED))
			return 0;
		wfi();
		irq_take_idle();
	}
	return 1;
}

/* percpu[] from the system config: both boot paths. */
void __boot cpus_describe(void)
{
	const uint64_t *mpidr = cb_system_mpidrs(system_config);
	unsigned int cpu;

	for (cpu = 0; cpu < system_config->cpu_count; cpu++) {
		percpu[cpu].cpu = cpu;
		percpu[cpu].mpidr = mpidr[cpu];
		percpu[cpu].redistributor =
			system_config->gic.redistributor +
			cpu * system_config->gic.redistributor_stride;
		percpu[cpu].sgi_base =
			percpu[cpu].redistributor + GICR_SGI_BASE;
	}
}

void __boot arch_boot_cpus(void)
{
	const uint64_t *mpidr = cb_system_mpidrs(system_config);
	uint64_t deadline;
	unsigned int cpu;
	int64_t result;

	cpus_describe();
	smccc_probe_firmware();
	gicv3_init_distributor(system_config->gic.distributor);
	cpu_init_el2(0);
	percpu[0].online = CPU_ONLINE;
	deadline = read_sysreg(cntpct_el0) +
		   read_sysreg(cntfrq_el0) * CPU_START_TIMEOUT_US / 1000000;
	el2_timer_arm(EL2_TIMER_BOOT, deadline);
	for (cpu = 1; cpu < system_config->cpu_count; cpu++) {
		if (percpu[cpu].online == CPU_ABSENT)
			continue;	/* said so by arch_board_check() */
		result = smccc_firmware_call(PSCI_CPU_ON_64, mpidr[cpu],
					     (uint64_t)(uintptr_t)secondary_entry,
					     cpu);
		if (result != PSCI_SUCCESS)
			hv_printf("CPU %u (mpidr 0x%llx) did not start: PSCI "
				  "CPU_ON returned %lld", cpu,
				  (unsigned long long)mpidr[cpu],
				  (long long)result);
		else if (!wait_online(cpu, deadline))
			hv_printf("CPU %u (mpidr 0x%llx) did not report in "
				  "within %u us", cpu,
				  (unsigned long long)mpidr[cpu],
				  CPU_START_TIMEOUT_US);
	}
	el2_timer_disarm(EL2_TIMER_BOOT);
}

int arch_cpu_online(unsigned int cpu)
{
	return __atomic_load_n(&percpu[cpu].online, __ATOMIC_ACQUIRE) ==
	       CPU_ONLINE;
}

void cpu_request(unsigned int cpu, uint32_t bits)
{
	__atomic_fetch_or(&percpu[cpu].requests, bits, __ATOMIC_RELEASE);
	gicv3_send_sgi(percpu[cpu].mpidr, HV_SGI_IPI);
}

/*
 * The CPU run state (enum cpu_run_state, hv/arch.h) moves only by
 * compare-and-swap, so two CPU_ONs cannot both claim a CPU and a stop never
 * misses a start:
 *
 *   OFF --start (any CPU)--> ON_PENDING --REQ_START taken--> ON
 *   ON_PENDING, ON --stop (any CPU)--> STOPPING --REQ_STOP taken--> OFF
 *   ON --the CPU itself (CPU_OFF, cell stopped)--> OFF
 *
 * A stopper waits for OFF, which the CPU sets only once it has left its
 * cell: the stop is acknowledged. A request bit whose state no longer
 * matches (a stop for a CPU that went off by itself) is ignored.
 */
static int move_state(struct percpu *pc, int from, int to)
{
	return __atomic_compare_exchange_n(&pc->state, &from, to, 0,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/* What a CPU may leave armed in its cell that would keep interrupting it
   once it is off: its timers and PMU overflow interrupts. A CPU that comes
   back on starts from reset values anyway. */
#define PMCR_P (1ull << 1)	/* reset the event counters */
#define PMCR_C (1ull << 2)	/* reset the cycle counter */

static void quiet_cpu_sources(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	write_sysreg(pmintenclr_el1, ~0ull);
	write_sysreg(pmcntenclr_el0, ~0ull);
	write_sysreg(pmovsclr_el0, ~0ull);
	/* PMCR_EL0.E and the rest reset to 0 (D13.4.6): counters off and
	   cleared, as a warm reset leaves them. */
	write_sysreg(pmcr_el0, PMCR_P | PMCR_C);
	write_sysreg(pmuserenr_el0, 0);
	isb();
}

/* Enters the cell of this CPU at @entry with x0 = @context, fresh: the
   general registers 0 but x0, PSTATE EL1h with DAIF masked, every EL1
   register at its reset value (el1_reset.c). */
static void __attribute__((noreturn)) enter_cell(uint64_t entry,
						 uint64_t context)
{
	struct percpu *pc = this_percpu();
	struct trap_frame *frame = percpu_frame(pc->cpu);
	struct cell *cell = pc->cell;

	cell_entering(cell);
	watchdog_entering(cell);
	memset(frame, 0, sizeof(*frame));
	frame->x[0] = context;
	frame->elr = entry;
	frame->spsr = SPSR_EL1H_MASKED;
	quiet_cpu_sources();
	el1_reset_cpu();
	write_sysreg(vttbr_el2, cell->stage2_root | ((uint64_t)cell->vmid << 48));
	isb();
	__asm__ volatile("tlbi vmalls12e1\n dsb nsh\n isb" ::: "memory");
	vgic_reset_cpu();
	irq_release_held(cell);
	guest_enter(frame);
}

void arch_cpu_idle(void)
{
	struct percpu *pc = this_percpu();

	quiet_cpu_sources();
	irq_drop_resampling();
	el2_timer_disarm(EL2_TIMER_WATCHDOG);	/* only a running CPU watches */
	vgic_reset_cpu();
	write_sysreg(ICH_HCR_EL2, 0);	/* no maintenance interrupts */
	arch_cpu_mark_off();
	for (;;) {
		uint32_t requests = __atomic_exchange_n(&pc->requests, 0,
							__ATOMIC_ACQUIRE);

		/* A stop overtakes a start not yet acted on. */
		if ((requests & REQ_STOP) &&
		    move_state(pc, CPU_STOPPING, CPU_OFF))
			__asm__ volatile("sev");
		if ((requests & REQ_START) &&
		    move_state(pc, CPU_ON_PENDING, CPU_ON))
			enter_cell(pc->start_entry, pc->start_context);
		wfi();
		irq_take_idle();
	}
}

void arch_cpu_mark_off(void)
{
	struct percpu *pc = this_percpu();
	int state;

	/* From ON or STOPPING only: ON_PENDING means it was OFF already and
	   someone has started it again since. */
	do {
		state = arch_cpu_state(pc->cpu);
		if (state == CPU_OFF || state == CPU_ON_PENDING)
			return;
	} while (!move_state(pc, state, CPU_OFF));
	__asm__ volatile("sev");	/* arch_cpu_wait_off() */
}

int arch_cpu_state(unsigned int cpu)
{
	return __atomic_load_n(&percpu[cpu].state, __ATOMIC_ACQUIRE);
}

int arch_cpu_start(unsigned int cpu, uint64_t entry, uint64_t context)
{
	struct percpu *pc = &percpu[cpu];

	if (cpu == this_percpu()->cpu) {
		/* The caller leaves its cell for a fresh start of it. */
		pc->state = CPU_ON;
		enter_cell(entry, context);
	}
	if (!move_state(pc, CPU_OFF, CPU_ON_PENDING))
		return -1;
	pc->start_entry = entry;
	pc->start_context = context;
	cpu_request(cpu, REQ_START);	/* release: entry is visible first */
	return 0;
}

void arch_cpu_stop(unsigned int cpu)
{
	struct percpu *pc = &percpu[cpu];

	for (;;) {
		int state = arch_cpu_state(cpu);

		if (state == CPU_OFF || state == CPU_STOPPING)
			return;
		if (move_state(pc, state, CPU_STOPPING)) {
			cpu_request(cpu, REQ_STOP);
			return;
		}
	}
}

void arch_cpu_wait_off(unsigned int cpu)
{
	while (arch_cpu_state(cpu) != CPU_OFF)
		__asm__ volatile("wfe");
}

void cpu_handle_requests(void)
{
	struct percpu *pc = this_percpu();
	uint32_t requests = __atomic_exchange_n(&pc->requests, 0,
						__ATOMIC_ACQUIRE);

	if ((requests & REQ_STOP) && arch_cpu_state(pc->cpu) == CPU_STOPPING)
		arch_cpu_idle();
	if (requests & REQ_SGI)
		vgic_take_sgis();
}

void arch_machine_off(void)
{
	smccc_firmware_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	arch_cpu_halt();
}

void arch_cpu_bind(unsigned int cpu, struct cell *cell)
{
	percpu[cpu].cell = cell;
}

int __boot mmu_build_for_boot(const struct cb_system_config *s)
{
	if (mmu_build(s) == 0)
		return 0;
	hv_printf("system: the hypervisor's page pool is too small for the "
		  "board's windows; nothing started");
	return -1;
}
