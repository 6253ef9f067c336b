// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * C side of start-up: the first CPU's path to inmate_main(), starting more
 * CPUs through PSCI, and the per-CPU facts (index, MPIDR, entry EL).
 */
#include <inmate/console.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/sysreg.h>

#include "format.h"
#include "internal.h"

/* What a CPU started by cpu_start() runs; slot 0 is the first CPU. */
struct cpu_slot {
	void (*fn)(void *arg);
	void *arg;
	uint64_t mpidr;
	unsigned int entry_el;
};

static struct cpu_slot cpu_slots[INMATE_MAX_CPUS];
static unsigned int cpu_slots_used;

unsigned int cpu_index(void)
{
	return (unsigned int)read_sysreg(tpidr_el1);
}

uint64_t cpu_mpidr(void)
{
	return read_sysreg(mpidr_el1);
}

uint64_t cpu_mpidr_of(unsigned int index)
{
	return index < INMATE_MAX_CPUS ? cpu_slots[index].mpidr : 0;
}

unsigned int runtime_entry_el(void)
{
	return cpu_slots[cpu_index()].entry_el;
}

void runtime_primary_start(uint64_t entry_el)
{
	int status;

	cpu_slots[0].mpidr = cpu_mpidr();
	cpu_slots[0].entry_el = (unsigned int)entry_el;
	cpu_slots_used = 1;
	if (params_truncated())
		console_printf("inmate: parameter string longer than %u "
			       "characters, the rest is ignored\n",
			       INMATE_PARAMS_MAX - 1);
	status = inmate_main();
	if (status)
		console_printf("inmate: main returned %d\n", status);
	psci_system_off();
}

int32_t cpu_start(uint64_t mpidr, void (*fn)(void *arg), void *arg)
{
	unsigned int slot = cpu_slots_used;
	int32_t status;

	if (slot >= INMATE_MAX_CPUS)
		return PSCI_INTERNAL_FAILURE;
	cpu_slots[slot].fn = fn;
	cpu_slots[slot].arg = arg;
	/* The slot must be in memory before the CPU can look at it. */
	dsb_sy();
	status = psci_cpu_on(mpidr & MPIDR_AFFINITY_MASK,
			     (uintptr_t)secondary_entry, slot);
	if (status == PSCI_SUCCESS)
		cpu_slots_used = slot + 1;
	return status;
}

void runtime_secondary_start(uint64_t slot, uint64_t entry_el)
{
	struct cpu_slot *self = &cpu_slots[slot];

	self->mpidr = cpu_mpidr();
	self->entry_el = (unsigned int)entry_el;
	self->fn(self->arg);
	psci_cpu_off();
	console_printf("inmate: cpu %u: CPU_OFF failed\n", cpu_index());
	runtime_park();
}

void runtime_panic(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	format_vstring(line, sizeof(line), fmt, ap);
	va_end(ap);
	irq_mask();
	console_emergency("inmate: cpu %u: panic: %s\n", cpu_index(), line);
	psci_system_off();
}
