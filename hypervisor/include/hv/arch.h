/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The whole interface between the generic hypervisor (core/) and an
 * architecture (arch/<arch>/). Generic code includes nothing else of the
 * architecture's.
 */
#ifndef HV_ARCH_H
#define HV_ARCH_H

#include <stdint.h>

struct cell;
struct cb_system_config;

/** arch_cpu_halt() - stop this CPU for good (WFI forever). */
void arch_cpu_halt(void) __attribute__((noreturn));

/**
 * arch_boot_early() - first thing on the boot CPU, with the console up: if
 * it was not entered at the exception level the hypervisor runs at, prints
 * one line naming the level found and the one needed (@version in it) and
 * stops the machine; else installs the exception vectors, so that a fault
 * while booting is reported.
 */
void arch_boot_early(const char *version);

/**
 * arch_board_check() - whether the board is what the validated system
 * config @s says: interrupt controller, CPUs. Returns 0, or -1 after
 * printing one line (nothing may start). A CPU the board lacks is only
 * left out: arch_cpu_online() is false for it.
 */
int arch_board_check(const struct cb_system_config *s);

/**
 * arch_probe_read() - read @size (1, 2, 4 or 8) bytes at physical @address
 * into @value, where there may be no device: 0, or -1 if the bus aborted
 * the access (then @value is unchanged).
 */
int arch_probe_read(uint64_t address, unsigned int size, uint64_t *value);

/** arch_probe_write() - as arch_probe_read(), for a write of @value. */
int arch_probe_write(uint64_t address, unsigned int size, uint64_t value);

/** arch_counter() - the system counter (the cells' CNTVCT). */
uint64_t arch_counter(void);

/**
 * arch_cpu_relax() - a hint that this CPU spins waiting for another CPU's
 * write (it may run on meanwhile; under QEMU's round robin the other CPUs
 * run at once). A wait that uses it is bounded by arch_counter().
 */
void arch_cpu_relax(void);

/** arch_counter_frequency() - the counter's ticks per second (CNTFRQ). */
uint64_t arch_counter_frequency(void);

/**
 * arch_watchdog_arm() - this CPU, while it runs its cell, calls
 * watchdog_alarm() (hv/watchdog.h) once the counter reaches @deadline,
 * from an interrupt of the hypervisor's own timer that the cell can
 * neither mask nor see; it replaces the deadline armed before. A CPU that
 * leaves its cell (arch_cpu_idle()) forgets it. Only this CPU is ever
 * interrupted for it.
 */
void arch_watchdog_arm(uint64_t deadline);

/** arch_this_cpu() - index of the calling CPU in the system config. */
unsigned int arch_this_cpu(void);

/** mmu_build_for_boot() - the hypervisor's own address space; 0 or -1
 * after printing why. */
int mmu_build_for_boot(const struct cb_system_config *s);

/** arch_cpu_online() - whether CPU @cpu came up at boot. */
int arch_cpu_online(unsigned int cpu);

/** arch_cpu_bind() - CPU @cpu belongs to @cell from now on. */
void arch_cpu_bind(unsigned int cpu, struct cell *cell);

/** arch_pool_init() - page tables come from [start, end) from now on. */
void arch_pool_init(uint64_t start, uint64_t end);

/** arch_pool_alloc_pages() - @pages contiguous zeroed pages from the pool,
 * for good (never given back), or 0. */
uint64_t arch_pool_alloc_pages(unsigned int pages);

/** arch_boot_cpus() - per-CPU init of the boot CPU, then start the others
 * through firmware; returns when every CPU has reported in. */
void arch_boot_cpus(void);

/**
 * arch_cell_create() - build @cell's address space (stage 2 of its RAM
 * and io regions) and its interrupt controller's emulation. Its other
 * emulated devices are the generic core's (hv/devices.h), which then
 * calls arch_cell_devices_ready(). Returns 0, or -1 after printing why
 * (the cell is then skipped).
 */
int arch_cell_create(struct cell *cell);

/** arch_cell_devices_ready() - boot: @cell's devices have all their
 * virtual lines (hv/vline.h); its interrupt controller takes them in. */
void arch_cell_devices_ready(struct cell *cell);

/**
 * arch_cell_map_page() - boot: a fresh zeroed page of the hypervisor's
 * memory, mapped into @cell at @guest as normal memory with the read and
 * write permissions of region @flags, never executable. Its hypervisor
 * address, or NULL when the pool runs out.
 */
void *arch_cell_map_page(struct cell *cell, uint64_t guest, uint32_t flags);

/*
 * A CPU's run state. It changes only by compare-and-swap (arch code):
 * OFF -> ON_PENDING (a start, from any CPU) -> ON (the CPU entered its
 * cell); ON_PENDING or ON -> STOPPING (a stop, from any CPU) -> OFF (the
 * CPU left its cell: the stop is acknowledged); ON -> OFF (the CPU itself).
 */
enum cpu_run_state { CPU_OFF, CPU_ON_PENDING, CPU_ON, CPU_STOPPING };

/**
 * arch_cpu_start() - CPU @cpu, which must be OFF, enters its cell at
 * @entry with x0 = @context. Returns 0 (it is ON_PENDING now), or -1 when
 * it is not OFF (nothing changes). @cpu may be the caller, which then
 * leaves whatever cell it ran and does not return.
 */
int arch_cpu_start(unsigned int cpu, uint64_t entry, uint64_t context);

/** arch_cpu_stop() - ask CPU @cpu to leave its cell (STOPPING), unless it
 * is OFF or stopping already; arch_cpu_wait_off() waits for the answer. */
void arch_cpu_stop(unsigned int cpu);

/** arch_cpu_wait_off() - wait until CPU @cpu is OFF. */
void arch_cpu_wait_off(unsigned int cpu);

/** arch_cpu_state() - CPU @cpu's enum cpu_run_state. */
int arch_cpu_state(unsigned int cpu);

/** arch_cpu_mark_off() - this CPU leaves its cell: OFF from now on (a stop
 * waiting for it is answered). arch_cpu_idle() does it too. */
void arch_cpu_mark_off(void);

/** arch_cpu_idle() - this CPU leaves its cell, quiets what it left armed,
 * and waits for a start request, in WFI. Never returns. */
void arch_cpu_idle(void) __attribute__((noreturn));

/** arch_unmap_boot_code() - remove the boot-only code from the
 * hypervisor's address space, on every CPU. */
void arch_unmap_boot_code(void);

/**
 * arch_cell_map() - boot: map guest [@guest, @guest + @size) of @cell to
 * physical @phys as normal memory with the permissions of region @flags
 * (CB_REGION_READ, _WRITE, _EXECUTE). 0, or -1 when the pool runs out.
 */
int arch_cell_map(struct cell *cell, uint64_t guest, uint64_t phys,
		  uint64_t size, uint32_t flags);

/**
 * arch_map_el2_device() - boot: map physical [@phys, @phys + @size) for
 * the hypervisor, at the same address, as device memory (what it writes
 * there is visible at once to cells reading it uncached). 0, or -1 when
 * the page pool runs out.
 */
int arch_map_el2_device(uint64_t phys, uint64_t size);

/**
 * arch_cell_map_el2() - boot: map for the hypervisor what it touches of
 * @cell: the pages of its sub-page devices, on which it replays the cell's
 * accesses. Never the cell's RAM. 0, or -1 when the page pool runs out.
 */
int arch_cell_map_el2(const struct cell *cell);

/**
 * arch_ram_windows_init() - boot, after every cell is created: the per-CPU
 * windows through which arch_clear_ram(), arch_copy_to_ram() and
 * arch_copy_ram() reach a cell's RAM. 0, or -1 when the page pool runs
 * out.
 */
int arch_ram_windows_init(void);

/**
 * arch_clear_ram() - zero [@phys, @phys + @size) of a cell's RAM (page-
 * aligned), mapped for the calling CPU only while it does so, and make
 * the zeros visible to a cell that starts with its MMU and caches off.
 */
void arch_clear_ram(uint64_t phys, uint64_t size);

/**
 * arch_copy_to_ram() - copy @size bytes from @data to a cell's RAM at
 * @phys the same way, then discard stale instructions.
 */
void arch_copy_to_ram(uint64_t phys, const void *data, uint64_t size);

/**
 * arch_dcache_clean() - what the hypervisor wrote to [@va, @va + @size)
 * of its own memory has reached the point of coherency, where a cell with
 * its caches off reads it, when this returns.
 */
void arch_dcache_clean(const volatile void *va, uint64_t size);

/**
 * arch_dcache_clean_invalidate() - as arch_dcache_clean(), and the lines
 * leave the caches: the next access to them reads memory, where a cell
 * with its caches off wrote.
 */
void arch_dcache_clean_invalidate(const volatile void *va, uint64_t size);

/**
 * arch_copy_ram() - copy @size bytes of RAM from physical @from (a cell's,
 * which it may have written with its caches on or off) to physical @to
 * (another cell's), both mapped for the calling CPU only while it does so
 * (@from read-only), the bytes made visible as arch_copy_to_ram() does.
 * Any alignment; the ranges do not overlap. Management's CB_HC_CELL_LOAD.
 */
void arch_copy_ram(uint64_t to, uint64_t from, uint64_t size);

/**
 * arch_vline_update() - the level of @cell's virtual line @line changed
 * (hv/vline.h), or the cell's configuration of it did: make the CPU the
 * cell routes it to take it if it is now pending and enabled, or withdraw
 * it if it is no longer (one the cell has taken stays until it ends it).
 * Any CPU may call it; only CPUs of @cell are interrupted.
 */
void arch_vline_update(struct cell *cell, unsigned int line);

/** arch_vline_cpu() - the CPU @cell routes its virtual line @line to. */
unsigned int arch_vline_cpu(const struct cell *cell, unsigned int line);

/**
 * arch_irq_own() - boot: the hypervisor takes physical SPI @intid for
 * itself (level-triggered); @handler runs at EL2, on the CPU it is routed
 * to, each time it is asserted, and must quiet the device (the interrupt
 * is ended after it returns). It starts disabled: see arch_irq_target().
 * Returns 0, or -1 when no slot is left.
 */
int arch_irq_own(unsigned int intid, void (*handler)(void));

/** arch_irq_target() - route the hypervisor's SPI @intid to CPU @cpu and
 * enable it; @cpu < 0: disable it. Any CPU, at any time. */
void arch_irq_target(unsigned int intid, int cpu);

/** arch_cell_reset() - quiesce @cell's interrupt lines before a restart. */
void arch_cell_reset(struct cell *cell);

/** arch_machine_off() - power the machine off (firmware SYSTEM_OFF). */
void arch_machine_off(void) __attribute__((noreturn));

/*
 * The Linux-managed boot (core/linux_boot.c, arch/arm64/linux_cpu.c).
 */
/** arch_linux_prepare() - the CPUs and the interrupt controller as the
 * running Linux set them up, taken over as they are: 0 or -1. */
int arch_linux_prepare(const struct cb_system_config *s);

/** arch_this_cpu_index() - this CPU's index in the system config, by its
 * MPIDR, or -1. */
int arch_this_cpu_index(const struct cb_system_config *s);

/**
 * arch_cell_unmap_lent() - guest [@guest, @guest + @size) of @cell, inside
 * one of its lendable regions (CB_REGION_LENDABLE), is unmapped, and no
 * CPU's TLB holds it any more when this returns; arch_cell_map_lent() maps
 * it again to @phys with the attributes of region @flags.
 */
void arch_cell_unmap_lent(struct cell *cell, uint64_t guest, uint64_t size);
void arch_cell_map_lent(struct cell *cell, uint64_t guest, uint64_t phys,
			uint64_t size, uint32_t flags);

/** arch_cell_lend() - the interrupt lines of @to's config that @from has
 * are @to's now; arch_cell_return() - @cell, destroyed, gives them back
 * to @to, and its stage-2 tables to the pool. */
void arch_cell_lend(struct cell *from, struct cell *to);
void arch_cell_return(struct cell *cell, struct cell *to);

/** arch_linux_leave() - this CPU leaves the hypervisor: the interrupt
 * controller and EL2 as Linux had them, and back to the root cell's Linux,
 * x0 = 0. */
void arch_linux_leave(struct cell *cell) __attribute__((noreturn));

#endif /* HV_ARCH_H */
