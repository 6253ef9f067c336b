// SPDX-License-Identifier: GPL-2.0-only
/*
 * Trap dispatch: a const table indexed by exception class (ESR_EL2.EC), an
 * empty slot meaning the cell did something it may not: the cell is parked
 * with one line naming cell, CPU, class, syndrome and address.
 */
#include <asm/gicv3.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/id_regs.h>
#include <asm/smccc.h>
#include <asm/sysreg.h>
#include <asm/vgic.h>
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/comm.h>
#include <hv/console.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <asm/stats.h>

#include "format.h"

void trap_sync(struct trap_frame *frame);
void trap_fiq(struct trap_frame *frame) __attribute__((noreturn));
void trap_serror(struct trap_frame *frame) __attribute__((noreturn));
void hv_fault(uint64_t esr, uint64_t elr, uint64_t far)
	__attribute__((noreturn));

/* A handler handles its trap, or refuses it (fault(), refuse()). */
typedef void (*trap_handler)(struct cell *cell, struct trap_frame *frame,
			     uint64_t esr);

/* FAR_EL2 is valid for aborts and PC alignment faults only (D13.2.40);
   for any other class it holds whatever an earlier abort left. */
static int far_valid(unsigned int ec)
{
	return ec == EC_IABT_LOW || ec == EC_PC_ALIGN || ec == EC_DABT_LOW;
}

static void __attribute__((noreturn))
refuse(struct cell *cell, struct trap_frame *frame, uint64_t esr,
       const char *what)
{
	unsigned int ec = ESR_EC(esr), cpu = this_percpu()->cpu;

	/* HVC returns past itself (D1.10.4): name the HVC, as for SMC. */
	uint64_t pc = ec == EC_HVC64 ? frame->elr - 4 : frame->elr;

	if (far_valid(ec))
		cell_fail(cell, cpu, "%s (EC 0x%02x, ESR 0x%08llx, PC 0x%llx, "
			  "FAR 0x%llx)", what, ec, (unsigned long long)esr,
			  (unsigned long long)pc,
			  (unsigned long long)read_sysreg(far_el2));
	cell_fail(cell, cpu, "%s (EC 0x%02x, ESR 0x%08llx, PC 0x%llx)", what,
		  ec, (unsigned long long)esr, (unsigned long long)pc);
}

/* Past the trapped instruction: 2 bytes for a 16-bit T32 one (IL clear,
   from AArch32 EL0), else 4. */
static void skip_instruction(struct trap_frame *frame, uint64_t esr)
{
	frame->elr += 2 + 2 * ((esr & ESR_IL) >> 25);
}

/*
 * The cell's CPU takes an Undefined Instruction exception at EL1, as the
 * architecture defines for a system register it does not give that EL
 * (D1.10.2: the vector by where the exception came from; ESR_EL1 with EC 0,
 * "unknown reason"; PSTATE EL1h with DAIF masked).
 */
#define SPSR_M_AARCH32 (1ull << 4)
#define SPSR_M_EL1 (1ull << 2)
#define SPSR_M_SP_ELX (1ull << 0)

/* The synchronous exception @esr_el1 at EL1, from where the cell was. */
static void inject_sync(struct trap_frame *frame, uint64_t esr_el1)
{
	uint64_t spsr = frame->spsr, offset;

	if (spsr & SPSR_M_AARCH32)
		offset = 0x600;		/* lower EL, AArch32 */
	else if (!(spsr & SPSR_M_EL1))
		offset = 0x400;		/* lower EL (EL0), AArch64 */
	else
		offset = spsr & SPSR_M_SP_ELX ? 0x200 : 0x000;
	write_sysreg(elr_el1, frame->elr);
	write_sysreg(spsr_el1, spsr);
	write_sysreg(esr_el1, esr_el1);
	frame->elr = read_sysreg(vbar_el1) + offset;
	frame->spsr = SPSR_EL1H_MASKED;
}

static void inject_undefined(struct trap_frame *frame, uint64_t esr)
{
	inject_sync(frame, esr & ESR_IL);	/* EC 0: unknown reason */
}

/*
 * The synchronous external abort the cell's access would take on hardware
 * with nothing behind its address (D13.2.37): instruction or data abort,
 * "taken without a change of EL" from EL1 and from a lower EL from EL0,
 * fault status 0x10, the data abort's WnR kept, FAR_EL1 the address.
 */
#define FSC_EXTERNAL_ABORT 0x10u
#define ESR_WNR (1u << 6)

static void inject_abort(struct trap_frame *frame, uint64_t esr)
{
	unsigned int ec = ESR_EC(esr);
	int from_el1 = !(frame->spsr & SPSR_M_AARCH32) &&
		       (frame->spsr & SPSR_M_EL1);
	uint64_t iss = FSC_EXTERNAL_ABORT;

	if (ec == EC_DABT_LOW)
		iss |= esr & ESR_WNR;
	write_sysreg(far_el1, read_sysreg(far_el2));
	inject_sync(frame, (uint64_t)(ec + (from_el1 ? 1 : 0)) << 26 |
			   (esr & ESR_IL) | iss);
}

/*
 * A cell access the hypervisor refuses: the cell is parked, or, if its
 * config says `faults-as-aborts` and the access is a load, store or fetch,
 * takes the abort.
 */
static void fault(struct cell *cell, struct trap_frame *frame, uint64_t esr,
		 const char *what)
{
	unsigned int ec = ESR_EC(esr);

	if (!(cell->config->flags & CB_CELL_ABORTS) ||
	    (ec != EC_DABT_LOW && ec != EC_IABT_LOW))
		refuse(cell, frame, esr, what);
	inject_abort(frame, esr);
}

/*
 * HVC #0 and SMC #0 are SMC Calling Convention calls, every one answered
 * by the service table (smccc.c). SMCCC reserves other immediates for
 * conventions of their own (an SMCCC call has immediate 0);
 * cellblock defines none, so such a call is not a request the hypervisor
 * can answer, and its meaning for the caller is unknown: the cell is
 * parked (fail closed), with the immediate and the function ID in w0.
 */
static void __attribute__((noreturn))
refuse_call(struct cell *cell, struct trap_frame *frame, uint64_t esr,
	    const char *instruction)
{
	char what[96];

	format_string(what, sizeof(what), "%s #%u with function ID 0x%08x "
		      "refused: SMCCC calls take #0", instruction,
		      (unsigned int)(esr & 0xffff), (uint32_t)frame->x[0]);
	refuse(cell, frame, esr, what);
}

static void trap_hvc(struct cell *cell, struct trap_frame *frame,
		     uint64_t esr)
{
	/* The preferred return address of HVC is the next instruction. */
	if ((esr & 0xffff) != 0)
		refuse_call(cell, frame, esr, "HVC");
	smccc_handle(cell, frame, SMCCC_CONDUIT_HVC);
}

static void trap_smc(struct cell *cell, struct trap_frame *frame,
		     uint64_t esr)
{
	if ((esr & 0xffff) != 0)
		refuse_call(cell, frame, esr, "SMC");
	/* A trapped SMC returns to itself: step over it (D1.10.4). */
	skip_instruction(frame, esr);
	smccc_handle(cell, frame, SMCCC_CONDUIT_SMC);
}

/* ISS of a trapped MSR/MRS (D13.2.37, EC 0x18). */
#define SYSREG_ISS_MASK 0x3ffc1eu
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	((op0) << 20 | (op2) << 17 | (op1) << 14 | (crn) << 10 | (crm) << 1)
#define ISS_ICC_SGI1R SYSREG_ISS(3u, 0u, 12u, 11u, 5u)
#define ISS_ACTLR_EL1 SYSREG_ISS(3u, 0u, 1u, 0u, 1u)
#define ISS_DC_ISW SYSREG_ISS(1u, 0u, 7u, 6u, 2u)
#define ISS_DC_CSW SYSREG_ISS(1u, 0u, 7u, 10u, 2u)
#define ISS_DC_CISW SYSREG_ISS(1u, 0u, 7u, 14u, 2u)
/* Op0 3, Op1 0, CRn 0: the ID register space, CRm and Op2 any. */
#define ISS_ID_SPACE_MASK SYSREG_ISS(3u, 7u, 15u, 0u, 0u)
#define ISS_ID_SPACE SYSREG_ISS(3u, 0u, 0u, 0u, 0u)
#define ISS_CRM(esr) ((unsigned int)((esr) >> 1) & 0xfu)
#define ISS_OP2(esr) ((unsigned int)((esr) >> 17) & 0x7u)

/*
 * A set/way operand (D7.4.4: level in [3:1], set from bit log2(line), way
 * from bit 32 - log2(ways)) naming a level, set or way the caches do not
 * have is UNPREDICTABLE: such an operation is not done at EL2, where it
 * could stop the machine. CCSIDR_EL1 is read for the level through
 * CSSELR_EL1, the cell's, which is put back.
 */
static int set_way_valid(uint64_t value)
{
	unsigned int level = (value >> 1) & 7, line, ways, sets, way_bits;
	uint64_t csselr, ccsidr;

	if ((value & 1) || level >= ((read_sysreg(clidr_el1) >> 24) & 7))
		return 0;
	csselr = read_sysreg(csselr_el1);
	write_sysreg(csselr_el1, level << 1);
	isb();
	ccsidr = read_sysreg(ccsidr_el1);
	write_sysreg(csselr_el1, csselr);
	isb();
	line = (unsigned int)(ccsidr & 7) + 4;
	ways = (unsigned int)((ccsidr >> 3) & 0x3ff) + 1;
	sets = (unsigned int)((ccsidr >> 13) & 0x7fff) + 1;
	way_bits = ways > 1 ? 32 - (unsigned int)__builtin_clz(ways - 1) : 0;
	if (way_bits && (value >> (32 - way_bits) & 0xffffffffull) >= ways)
		return 0;
	return ((value & 0xffffffffull) >> line &
		((1ull << (32 - way_bits - line)) - 1)) < sets &&
	       !(value >> 32);
}

/*
 * What HCR_EL2 traps (el2_setup.c): the ID registers (read as id_regs.c
 * says), the SGI register (emulated), set/way cache maintenance (done as a
 * clean and invalidate of the same set and way, which loses nobody's
 * data), ACTLR_EL1 (reads as zero, writes ignored), and the
 * implementation-defined registers, which the cell's CPU finds UNDEFINED.
 */
static void trap_sysreg(struct cell *cell, struct trap_frame *frame,
			uint64_t esr)
{
	unsigned int rt = (esr >> 5) & 0x1f;
	uint64_t value = rt == 31 ? 0 : frame->x[rt];
	int is_read = esr & 1;

	/* The ID registers (HCR_EL2.TID3, el2_setup.c): reads only trap,
	   the space being read-only. */
	if ((esr & ISS_ID_SPACE_MASK) == ISS_ID_SPACE && is_read &&
	    ISS_CRM(esr) >= 1 && ISS_CRM(esr) <= 7) {
		if (rt != 31)
			frame->x[rt] = id_reg_read(ISS_CRM(esr), ISS_OP2(esr));
		skip_instruction(frame, esr);
		return;
	}
	switch (esr & SYSREG_ISS_MASK) {
	case ISS_ICC_SGI1R:
		if (is_read) {	/* write-only (GICv3 spec 12.11.27) */
			inject_undefined(frame, esr);
			return;
		}
		stats_count(STAT_SGI);
		vgic_sgi_write(cell, value);
		break;
	case ISS_DC_ISW:
	case ISS_DC_CSW:
	case ISS_DC_CISW:
		if (set_way_valid(value))
			__asm__ volatile("dc cisw, %0" : : "r"(value)
					 : "memory");
		break;
	case ISS_ACTLR_EL1:
		if (is_read && rt != 31)
			frame->x[rt] = 0;
		break;
	default:
		inject_undefined(frame, esr);
		return;
	}
	skip_instruction(frame, esr);
}

/* ISS of a data abort (D13.2.39, EC 0x24). */
#define DABT_ISV (1u << 24)	/* the fields below are valid */
#define DABT_SAS(esr) (((unsigned int)(esr) >> 22) & 3)	/* log2 size */
#define DABT_SSE (1u << 21)	/* a load sign-extends */
#define DABT_SRT(esr) (((esr) >> 16) & 0x1f)	/* 31: XZR */
#define DABT_SF (1u << 15)	/* a 64-bit register */

/*
 * An access the emulation does not take (@result): the cell is refused,
 * named as what it touched. Out of line, so that the way that succeeds
 * keeps nothing for it: the emulated regions are scanned once there.
 */
static void __attribute__((noinline))
data_abort_refused(struct trap_frame *frame, uint64_t esr, uint64_t address,
		   enum mmio_result result)
{
	struct cell *cell = this_percpu()->cell;
	const char *part = ivshmem_describe(cell, address);
	char what[128];

	if (result == MMIO_ABORTED)
		fault(cell, frame, esr, "device access aborted (bus error)");
	else if (mmio_emulated(cell, address))
		fault(cell, frame, esr, "access to an emulated device refused");
	else if (part || (part = comm_describe(cell, address))) {
		format_string(what, sizeof(what), "%s %s",
			      esr & ESR_WNR ? "write to" : "read of", part);
		fault(cell, frame, esr, what);
	} else
		fault(cell, frame, esr, "data access outside the cell");
}

/* What a load (of 1 << SAS bytes) puts in its register: zero-extended, or
   sign-extended (SSE) with the top half cleared for a W register (SF
   clear; a zero-extended load of at most 32 bits leaves it clear). */
static uint64_t loaded_value(uint64_t value, uint64_t esr)
{
	unsigned int unused = (3 - DABT_SAS(esr)) * 8;	/* 64 - 8 * size */

	if (likely(!(esr & DABT_SSE)))
		return value << unused >> unused;
	value = (uint64_t)((int64_t)(value << unused) >> unused);
	return esr & DABT_SF ? value : value & 0xffffffffull;
}

/* Emulated MMIO, the trap cells make most: trap_sync() tries it first,
   inline. x[31] is the zero register (percpu.h). */
static inline void trap_data_abort(struct cell *cell,
				   struct trap_frame *frame, uint64_t esr)
{
	struct mmio_access a;
	enum mmio_result result;

	/* HPFAR_EL2 holds the faulting IPA's page for any stage-2 fault. */
	a.address = ((read_sysreg(hpfar_el2) & ~0xfull) << 8) |
		    (read_sysreg(far_el2) & 0xfff);
	a.size = 1u << DABT_SAS(esr);
	/* No syndrome to emulate from (ISV clear: a pair, an exclusive, a
	   writeback), or misaligned: device registers take neither. */
	if (unlikely(!(esr & DABT_ISV) || (a.address & (a.size - 1)))) {
		data_abort_refused(frame, esr, a.address, MMIO_REFUSED);
		return;
	}
	a.is_write = !!(esr & ESR_WNR);
	a.value = a.is_write ? frame->x[DABT_SRT(esr)] : 0;
	result = mmio_dispatch(cell, &a);
	if (unlikely(result != MMIO_HANDLED)) {
		data_abort_refused(frame, esr, a.address, result);
		return;
	}
	/* From the syndrome again rather than @a: kept in a register. */
	if (!(esr & ESR_WNR))
		frame->x[DABT_SRT(esr)] = loaded_value(a.value, esr);
	skip_instruction(frame, esr);
}

/* Data aborts (EC_DABT_LOW) come first, before the table (trap_sync()). */
static const trap_handler handlers[64] = {
	[EC_HVC64] = trap_hvc,
	[EC_SMC64] = trap_smc,
	[EC_SYSREG] = trap_sysreg,
};

static const char *const class_names[64] = {
	[EC_UNKNOWN] = "unknown instruction",
	[EC_SYSREG] = "system register access refused",
	[EC_IABT_LOW] = "instruction fetch outside the cell",
	[EC_DABT_LOW] = "data access outside the cell",
};

void trap_sync(struct trap_frame *frame)
{
	struct percpu *pc = this_percpu();
	struct cell *cell;
	uint64_t esr;
	unsigned int ec;

	if (unlikely(pc->resampling))	/* level semantics: see irq.c */
		irq_resample(pc);
	/* Read after it, so that none is kept across the call. */
	cell = pc->cell;
	esr = read_sysreg(esr_el2);
	ec = ESR_EC(esr);
	if (likely(ec == EC_DABT_LOW))
		trap_data_abort(cell, frame, esr);
	else if (handlers[ec])
		handlers[ec](cell, frame, esr);
	else
		fault(cell, frame, esr,
		      class_names[ec] ? class_names[ec] : "trap refused");
	vgic_refill();
}

/*
 * No cell gets FIQs (every interrupt is Group 1): one that arrives comes
 * from a Group 0 interrupt firmware set up, and parks the cell. An FIQ
 * sets no syndrome: the line names only where the cell was. An SError's
 * ESR is its own (ISS of EC 0x2f); no FAR goes with it.
 */
void trap_fiq(struct trap_frame *frame)
{
	cell_fail(this_percpu()->cell, this_percpu()->cpu,
		  "FIQ refused (PC 0x%llx)", (unsigned long long)frame->elr);
}

void trap_serror(struct trap_frame *frame)
{
	cell_fail(this_percpu()->cell, this_percpu()->cpu,
		  "SError (ESR 0x%08llx, PC 0x%llx)",
		  (unsigned long long)read_sysreg(esr_el2),
		  (unsigned long long)frame->elr);
}

/* An exception at EL2 that no probe expected: a hypervisor bug. Fail-stop:
   one line (from the first CPU to fault only), then the machine stops. */
void hv_fault(uint64_t esr, uint64_t elr, uint64_t far)
{
	static int faulted;

	if (!__atomic_exchange_n(&faulted, 1, __ATOMIC_ACQ_REL))
		hv_printf_fatal("hypervisor fault on CPU %u: ESR 0x%llx PC "
				"0x%llx FAR 0x%llx; stopping the machine",
				this_percpu()->cpu, (unsigned long long)esr,
				(unsigned long long)elr,
				(unsigned long long)far);
	arch_machine_off();
}
