/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU state of the hypervisor. Other CPUs write only the request
 * fields (under the atomic operations below) and then send an IPI.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <asm/el2_timer.h>
#include <asm/layout.h>
#include <hv/stats.h>
#include <stdint.h>

#define REQ_START (1u << 0)	/* ON_PENDING: enter the cell at start_entry */
#define REQ_STOP (1u << 1)	/* STOPPING: leave the cell and idle */
/* Virtual interrupts another CPU sent: SGIs pending in sgi_pending, and
   virtual lines to look at again when vline_sync is set (vgic.c). */
#define REQ_SGI (1u << 2)


/* CPU_ABSENT: the board has no redistributor for it (board.c). */
enum { CPU_STARTING, CPU_ONLINE, CPU_ABANDONED, CPU_ABSENT };

/*
 * A cell's registers while the hypervisor runs on its CPU. x[31] stands
 * for the zero register as an operand: a synchronous trap stores 0 there
 * (vectors.S), and a result written there is never loaded, so a register
 * number from a syndrome (31: XZR) indexes x[] with no special case.
 */
struct trap_frame {
	uint64_t x[32];
	uint64_t elr;
	uint64_t spsr;
};

/* vectors.S and head.S use the offsets of layout.h. */
_Static_assert(__builtin_offsetof(struct trap_frame, x[19]) == FRAME_X(19),
	       "FRAME_X");
_Static_assert(__builtin_offsetof(struct trap_frame, elr) == FRAME_ELR &&
	       FRAME_X(31) + 8 == FRAME_ELR, "FRAME_ELR: after x[31]");
_Static_assert(__builtin_offsetof(struct trap_frame, spsr) == FRAME_SPSR &&
	       FRAME_ELR + 8 == FRAME_SPSR, "FRAME_SPSR: stp ELR, SPSR");
_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE &&
	       FRAME_SIZE % 16 == 0, "FRAME_SIZE");

struct percpu {
	uint64_t fault_sp;		/* first: vectors.S el2_fault reads it */
	unsigned int cpu;
	uint64_t mpidr;
	uint64_t redistributor;		/* physical base of its GICR */
	uint64_t sgi_base;		/* its GICR's SGI_base frame */
	struct cell *cell;		/* owner, fixed after boot */
	volatile int online;		/* CPU_STARTING, _ONLINE, ... */
	int state;			/* enum cpu_run_state (cpu.c) */
	uint32_t private_held;		/* SGIs/PPIs held active (irq.c) */
	int lpi_reported;		/* an LPI was said once (irq.c) */
	/* Level semantics (irq.c): the SPI last injected here, and one
	   taken again while the cell masked it, waiting for a resample. */
	uint32_t last_spi;
	uint32_t resampling;		/* 0: none */
	struct el2_timer el2_timer;	/* its users' deadlines (el2_timer.c) */

	volatile uint32_t requests;	/* REQ_* */
	uint64_t start_entry, start_context;
	volatile uint32_t sgi_pending;	/* bit n: virtual SGI n */
	volatile uint32_t vline_sync;	/* its cell's virtual lines changed */

	/* Interrupts waiting for a free list register (vgic.c): a bit per
	   INTID, and which of them a physical interrupt backs. */
	uint32_t virq_queued[1024 / 32];
	uint32_t virq_hw[1024 / 32];
	unsigned int virq_count;
	int underflow_irq;		/* ICH_HCR_EL2.UIE is set */

	uint64_t stats[STAT_KINDS];	/* hv/stats.h: counted here */
};

extern struct percpu percpu[HV_MAX_CPUS];

/* TPIDR_EL2 holds the CPU's own struct percpu: one instruction away. */
static inline struct percpu *this_percpu(void)
{
	struct percpu *pc;

	__asm__("mrs %0, tpidr_el2" : "=r"(pc));
	return pc;
}

/** percpu_set_fault_stack() - give CPU @cpu its stack for EL2 faults. */
void percpu_set_fault_stack(unsigned int cpu);

/** percpu_stack_guard() - address of CPU @cpu's stack guard page. */
uint64_t percpu_stack_guard(unsigned int cpu);

/** percpu_frame() - the guest register frame at the top of @cpu's stack. */
struct trap_frame *percpu_frame(unsigned int cpu);

/** cpu_request() - set @bits in @cpu's requests and interrupt it. */
void cpu_request(unsigned int cpu, uint32_t bits);

/** cpu_handle_requests() - act on this CPU's requests (from the IPI). */
void cpu_handle_requests(void);

#endif /* ASM_PERCPU_H */
