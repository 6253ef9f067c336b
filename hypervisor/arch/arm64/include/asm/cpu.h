/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What cpu.c shares with the Linux-managed boot's CPU code (linux_cpu.c).
 */
#ifndef ASM_CPU_H
#define ASM_CPU_H

/** cpus_describe() - percpu[] (MPIDR, redistributor) from the system
 * config. */
void cpus_describe(void);

/** cpu_init_el2_common() - CPU @cpu's EL2: its percpu, vectors, MMU,
 * stage-2 control and traps; not its interrupt controller or timer. */
void cpu_init_el2_common(unsigned int cpu);

#endif /* ASM_CPU_H */
