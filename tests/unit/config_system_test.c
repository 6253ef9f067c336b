// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: the system config (board windows, hypervisor,
 * console, GIC, virtual PCI host, CPUs). Each check is tested both ways.
 */
#include "config_test_harness.h"

#include <stdlib.h>
#include <string.h>

static struct cb_window *window(struct set *set, const char *name)
{
	struct cb_system_config *s = system_of(set);
	struct cb_window *w = (struct cb_window *)cb_system_ram(s);
	unsigned i;

	for (i = 0; i < s->ram_count + s->device_count; i++)
		if (!strcmp(w[i].name, name))
			return &w[i];
	abort();
}

TEST(model_name, ROOTLESS)
{
	char *model = system_of(set)->model;

	memset(model, 'm', CB_NAME_SIZE - 1);	/* 31 characters: the most */
	expect_valid(set);
	model[CB_NAME_SIZE - 1] = 'm';
	expect_problem(set, SYSTEM, "/", "model is not NUL-terminated within "
		       "32 bytes");
	memset(model, 0, CB_NAME_SIZE);
	expect_problem(set, SYSTEM, "/", "model is empty");
	set_name(model, "bad\001");
	expect_problem(set, SYSTEM, "/", "model has byte 0x01 at offset 3");
	set_name(model, "ok");
	model[5] = 'x';
	expect_problem(set, SYSTEM, "/", "model has non-zero bytes after its "
		       "end");
}

TEST(window_alignment, ROOTLESS)
{
	window(set, "main")->size = 0x3ffff000;	/* smaller, aligned */
	expect_valid(set);
	window(set, "main")->size = 0x3fffff00;
	expect_problem(set, SYSTEM, "/ram/main", "is not a non-empty "
		       "page-aligned range");
	window(set, "main")->size = 0x40000000;
	window(set, "uart1")->size = 0;
	expect_problem(set, SYSTEM, "/devices/uart1", "is not a non-empty "
		       "page-aligned range");
}

TEST(window_overflow, ROOTLESS)
{
	window(set, "uart1")->start = 0xfffffffffffff000ull;
	window(set, "uart1")->size = 0x2000;
	expect_problem(set, SYSTEM, "/devices/uart1", "overflows the address "
		       "space");
}

TEST(window_flags, ROOTLESS)
{
	window(set, "uart1")->flags = CB_WINDOW_DMA;
	expect_valid(set);
	window(set, "uart1")->flags = 0x3;
	expect_problem(set, SYSTEM, "/devices/uart1", "flags 0x3 has undefined "
		       "bits 0x2");
	window(set, "uart1")->flags = 0;
	window(set, "uart1")->reserved = 4;
	expect_problem(set, SYSTEM, "/devices/uart1", "reserved is 0x4 "
		       "(expected 0: reserved in format revision 6)");
	window(set, "uart1")->reserved = 0;
	window(set, "main")->flags = CB_WINDOW_DMA;	/* RAM masters nothing */
	expect_problem(set, SYSTEM, "/ram/main", "flags 0x1 are set on a RAM "
		       "window (expected 0: \"dma\" marks a device window)");
}

TEST(window_overlap, ROOTLESS)
{
	window(set, "uart1")->start = 0x80000000;	/* right after RAM */
	expect_valid(set);
	window(set, "uart1")->start = 0x7ffff000;
	expect_problem(set, SYSTEM, "/devices/uart1", "0x7ffff000-0x7fffffff "
		       "overlaps /ram/main");
}

TEST(window_names, ROOTLESS)
{
	set_name(window(set, "uart1")->name, "uart@9040000");
	expect_valid(set);
	set_name(window(set, "uart@9040000")->name, "rtc");
	expect_problem(set, SYSTEM, "/devices/rtc", "name \"rtc\" is used "
		       "twice");
	set_name(window(set, "gpio")->name, "gp io");
	expect_problem(set, SYSTEM, "/devices/gp io", "name has ' ' at "
		       "offset 2");
}

TEST(hypervisor_memory, ROOTLESS)
{
	system_of(set)->hypervisor_start = 0x7f000000; /* ends with RAM */
	expect_valid(set);
	system_of(set)->hypervisor_start = 0x7f001000;
	expect_problem(set, SYSTEM, "/hypervisor", "is not inside a RAM "
		       "window");
	system_of(set)->hypervisor_start = 0x40000800;
	expect_problem(set, SYSTEM, "/hypervisor", "not a non-empty "
		       "page-aligned range");
	system_of(set)->hypervisor_start = 0x40000000;
	system_of(set)->hypervisor_size = 0;
	expect_problem(set, SYSTEM, "/hypervisor", "not a non-empty "
		       "page-aligned range");
}

TEST(console, ROOTLESS)
{
	system_of(set)->console.address = 0x09040000;	/* uart1 */
	expect_valid(set);
	system_of(set)->console.address = 0x09050000;
	expect_problem(set, SYSTEM, "/console", "address 0x9050000 is not a "
		       "page-aligned frame inside a device window");
	system_of(set)->console.address = 0x09000000;
	system_of(set)->console.type = 7;
	expect_problem(set, SYSTEM, "/console", "type 7 is not a supported "
		       "console");
	system_of(set)->console.type = CB_CONSOLE_PL011;
	system_of(set)->console.interrupt = 0;	/* polled: no interrupt */
	expect_valid(set);
	system_of(set)->console.interrupt = 27;
	expect_problem(set, SYSTEM, "/console", "interrupt 27 is not an SPI "
		       "of this GIC");
	system_of(set)->console.interrupt = 288;
	expect_problem(set, SYSTEM, "/console", "interrupt 288 is not an SPI");
}

TEST(gic_version_and_interrupts, ROOTLESS)
{
	struct cb_gic_config *g = &system_of(set)->gic;

	g->interrupt_count = 1024;
	g->maintenance_interrupt = 16;
	expect_valid(set);
	g->version = 2;
	expect_problem(set, SYSTEM, "/gic", "version 2 is not supported");
	g->version = 3;
	g->maintenance_interrupt = 32;
	expect_problem(set, SYSTEM, "/gic", "maintenance-interrupt 32 is not "
		       "a PPI");
	g->maintenance_interrupt = 25;
	g->interrupt_count = 300;
	expect_problem(set, SYSTEM, "/gic", "interrupt-count 300 is not what "
		       "a GICv3 implements");
	g->interrupt_count = 1056;
	expect_problem(set, SYSTEM, "/gic", "interrupt-count 1056");
}

TEST(gic_frames, ROOTLESS)
{
	struct cb_gic_config *g = &system_of(set)->gic;

	g->its = 0x08080000;	/* QEMU's ITS: 128 KiB before the GICRs */
	expect_valid(set);
	g->its = 0x08090000;
	expect_problem(set, SYSTEM, "/gic", "ITS frame 0x8090000 overlaps the "
		       "redistributor frame 0x80a0000");
	g->its = 0;
	g->distributor = 0x09010000;	/* rtc window: 4 KiB only */
	expect_problem(set, SYSTEM, "/gic", "distributor frame 0x9010000 is "
		       "not a 64 KiB-aligned frame inside a device window");
	g->distributor = 0x08000000;
	g->redistributor = 0x08f80000;	/* CPU 3's GICR ends the window */
	expect_valid(set);
	g->redistributor = 0x08fa0000;	/* CPU 3's GICR is past it */
	expect_problem(set, SYSTEM, "/gic", "redistributor frame 0x9000000 is "
		       "not a 64 KiB-aligned frame inside a device window");
}

TEST(gic_redistributor_stride, ROOTLESS)
{
	system_of(set)->gic.redistributor_stride = 0x40000; /* GICv4 style */
	expect_valid(set);
	system_of(set)->gic.redistributor_stride = 0x10000;
	expect_problem(set, SYSTEM, "/gic", "redistributor-stride 0x10000 is "
		       "not usable");
	system_of(set)->gic.redistributor_stride = 0x28000;
	expect_problem(set, SYSTEM, "/gic", "redistributor-stride 0x28000");
}

TEST(vpci_window, ROOTLESS)
{
	struct cb_vpci_config *v = &system_of(set)->vpci;

	v->bus_count = 2;
	expect_valid(set);
	v->bus_count = 0;
	expect_problem(set, SYSTEM, "/vpci", "bus-count 0 is out of range");
	v->bus_count = 1;
	v->ecam = 0x08e80000;
	expect_problem(set, SYSTEM, "/vpci", "ecam 0x8e80000 is not a 1 "
		       "MiB-aligned window");
	v->ecam = 0x08000000;
	expect_problem(set, SYSTEM, "/vpci", "overlaps the GIC distributor "
		       "frame");
}

TEST(vpci_interrupts, ROOTLESS)
{
	struct cb_vpci_config *v = &system_of(set)->vpci;

	v->interrupt_base = 284;	/* the last four SPIs */
	expect_valid(set);
	v->interrupt_base = 285;
	expect_problem(set, SYSTEM, "/vpci", "interrupts 285-288 are not 1 to "
		       "32 SPIs of this GIC");
	v->interrupt_base = 30;
	expect_problem(set, SYSTEM, "/vpci", "interrupts 30-33 are not");
	v->interrupt_base = 32;
	expect_problem(set, SYSTEM, "/vpci", "include the console's interrupt "
		       "33");
	v->interrupt_base = 100;
	v->interrupt_count = 0;
	expect_problem(set, SYSTEM, "/vpci", "are not 1 to 32 SPIs");
}

TEST(vpci_absent, ROOTLESS)
{
	memset(&system_of(set)->vpci, 0, sizeof(struct cb_vpci_config));
	expect_problem(set, SYSTEM, "/links", "has 1 links but the system has "
		       "no virtual PCI host (expected a /vpci node with ecam: "
		       "the links are devices on its bus)");
	drop_links(set);
	expect_valid(set);
	system_of(set)->vpci.bus_count = 1;
	expect_problem(set, SYSTEM, "/vpci", "ecam is 0 but bus-count, "
		       "interrupt-base or interrupt-count is set");
}

TEST(cpu_mpidr, ROOTLESS)
{
	uint64_t *mpidr = (uint64_t *)cb_system_mpidrs(system_of(set));

	mpidr[3] = 0x0100000000ull;	/* Aff3 = 1 */
	expect_valid(set);
	mpidr[3] = 0x80000003ull;	/* bit 31 (RES1) is not affinity */
	expect_problem(set, SYSTEM, "/cpus/cpu@3", "mpidr 0x80000003 sets "
		       "bits outside the affinity fields");
	mpidr[3] = 0x1;
	expect_problem(set, SYSTEM, "/cpus/cpu@3", "mpidr 0x1 is also cpu@1's");
}
