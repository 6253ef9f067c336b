// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: where a cell's regions may lie on the board
 * (windows, hypervisor memory, GIC frames, hypervisor console, what every
 * cell sees emulated in guest space). Each check is tested both ways.
 */
#include "config_test_harness.h"

TEST(ram_region_in_ram_window, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->phys_start = 0x7ffff000;	/* the last page of RAM */
	expect_valid(set);
	data->phys_start = 0x80000000;
	expect_problem(set, CELL_B, "/memory/data", "phys 0x80000000-0x80000fff "
		       "is not inside a RAM window");
	data->phys_start = 0x09040000;	/* a device, but not marked io */
	expect_problem(set, CELL_B, "/memory/data", "or \"io\" for device "
		       "memory");
}

TEST(io_region_in_device_window, ROOTLESS)
{
	struct cb_memory_region *rtc = region_of(set, CELL_A, "rtc");

	rtc->phys_start = rtc->guest_start = 0x09040000;	/* uart1 */
	expect_valid(set);
	rtc->size = 0x2000;
	expect_problem(set, CELL_A, "/memory/rtc", "phys 0x9040000-0x9041fff is "
		       "not inside a device window");
	rtc->size = 0x1000;
	rtc->phys_start = 0x50100000;	/* RAM marked io */
	expect_problem(set, CELL_A, "/memory/rtc", "is not inside a device "
		       "window");
}

TEST(region_hypervisor_memory, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->phys_start = 0x41000000;	/* right after the hypervisor */
	expect_valid(set);
	data->phys_start = 0x40fff000;
	expect_problem(set, CELL_B, "/memory/data", "phys 0x40fff000-0x40ffffff "
		       "overlaps the hypervisor's memory 0x40000000-0x40ffffff");
}

TEST(region_gic_frames, ROOTLESS)
{
	struct cb_memory_region *rtc = region_of(set, CELL_A, "rtc");

	/* Between the distributor and the redistributors, inside the GIC's
	   window, is no frame of a GICv3. */
	rtc->phys_start = 0x08010000;
	expect_valid(set);
	rtc->phys_start = 0x0800f000;
	expect_problem(set, CELL_A, "/memory/rtc", "overlaps the GIC "
		       "distributor frame at 0x8000000");
	rtc->phys_start = 0x080ff000;	/* the last page of CPU 2's GICR */
	expect_problem(set, CELL_A, "/memory/rtc", "overlaps the GIC "
		       "redistributor frame at 0x80e0000");
	rtc->phys_start = 0x08130000;	/* a fifth CPU's, which is none */
	expect_valid(set);
	system_of(set)->gic.its = 0x08080000;
	rtc->phys_start = 0x08090000;
	expect_problem(set, CELL_A, "/memory/rtc", "overlaps the GIC ITS frame "
		       "at 0x8080000");
}

TEST(region_hypervisor_console, ROOTLESS)
{
	struct cb_memory_region *rtc = region_of(set, CELL_A, "rtc");

	rtc->phys_start = 0x09040000;	/* uart1: another UART is fine */
	expect_valid(set);
	rtc->phys_start = 0x09000000;
	expect_problem(set, CELL_A, "/memory/rtc", "phys 0x9000000-0x9000fff "
		       "overlaps the hypervisor console's UART 0x9000000-"
		       "0x9000fff (expected no cell to reach it");
}

/* Passing the hypervisor's UART through was once the way to give it to a
   cell; now nothing does. */
TEST(passthrough_hypervisor_console, ROOTLESS)
{
	struct cb_cell_console *con = &cell_of(set, CELL_A)->console;

	region_of(set, CELL_A, "rtc")->phys_start = 0x09040000;	/* uart1 */
	con->flags |= CB_CELL_CONSOLE_PASSTHROUGH;
	con->passthrough = 0x09040000;
	expect_valid(set);
	region_of(set, CELL_A, "rtc")->phys_start = 0x09000000;
	con->passthrough = 0x09000000;
	expect_problem(set, CELL_A, "/console", "passthrough 0x9000000 is the "
		       "hypervisor console's UART (expected a UART of the cell's "
		       "own: the hypervisor's console is never given to a "
		       "cell)");
	expect_problem(set, CELL_A, "/memory/rtc", "overlaps the hypervisor "
		       "console's UART");
	interrupts_of(set, CELL_A)[0] = 33;	/* nor its interrupt */
	expect_problem(set, CELL_A, "/", "interrupts: 33 is the hypervisor "
		       "console's (expected it to stay with the hypervisor)");
}

TEST(subpage_hypervisor_console, ROOTLESS)
{
	struct cb_memory_region *gpio = region_of(set, CELL_B, "gpio");

	/* A trapped window on the console's page: the page holds only the
	   console's registers, so any part of it is refused. */
	gpio->phys_start = gpio->guest_start = 0x09000ff0;
	gpio->size = 0x10;
	expect_problem(set, CELL_B, "/memory/gpio", "phys 0x9000ff0-0x9000fff "
		       "overlaps the hypervisor console's UART");
	gpio->phys_start = gpio->guest_start = 0x09040000;	/* uart1 */
	expect_valid(set);
}

TEST(dma_window_untrusted, ROOTLESS)
{
	struct cb_system_config *s = system_of(set);
	struct cb_window *w = (struct cb_window *)cb_system_devices(s);
	unsigned rtc = 2;	/* gic, uart0, rtc, gpio, uart1 */

	w[rtc].flags = CB_WINDOW_DMA;
	expect_problem(set, CELL_A, "/memory/rtc", "phys 0x9010000-0x9010fff is "
		       "in device window /devices/rtc, a bus master (expected "
		       "\"dma-trusted\" on the cell: no DMA isolation exists, "
		       "so the cell could read and write all memory through "
		       "the device)");
	cell_of(set, CELL_A)->flags = CB_CELL_DMA_TRUSTED;
	expect_valid(set);
}

TEST(dma_window_subpage, ROOTLESS)
{
	struct cb_system_config *s = system_of(set);
	struct cb_window *w = (struct cb_window *)cb_system_devices(s);
	unsigned gpio = 3;

	/* 0x100 bytes of a bus master's registers may program it all. */
	w[gpio].flags = CB_WINDOW_DMA;
	expect_problem(set, CELL_B, "/memory/gpio", "phys 0x9030000-0x90300ff is "
		       "in device window /devices/gpio, a bus master");
	cell_of(set, CELL_B)->flags = CB_CELL_DMA_TRUSTED;
	expect_valid(set);
}

TEST(guest_gic_frames, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->guest_start = 0x08010000;
	expect_valid(set);
	data->guest_start = 0x08000000;
	expect_problem(set, CELL_B, "/memory/data", "guest 0x8000000-0x8000fff "
		       "overlaps the GIC distributor frame at 0x8000000 that the "
		       "hypervisor emulates there");
	data->guest_start = 0x08100000;	/* CPU 3's GICR: another cell's */
	expect_problem(set, CELL_B, "/memory/data", "overlaps the GIC "
		       "redistributor frame at 0x8100000");
}

TEST(guest_vpci_window, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->guest_start = 0x08f00000;	/* right after the ECAM bus */
	expect_valid(set);
	data->guest_start = 0x08eff000;
	expect_problem(set, CELL_B, "/memory/data", "guest 0x8eff000-0x8efffff "
		       "overlaps the virtual PCI ECAM window 0x8e00000-"
		       "0x8efffff");
}

TEST(comm_region_guest_only, ROOTLESS)
{
	/* The comm page has no phys: phys checks do not apply to it. */
	region_of(set, CELL_A, "comm")->guest_start = 0x50000000;
	expect_valid(set);
	region_of(set, CELL_A, "comm")->guest_start = 0x08e00000;
	expect_problem(set, CELL_A, "/memory/comm", "overlaps the virtual PCI "
		       "ECAM window");
}

TEST(region_gic_stride, ROOTLESS)
{
	struct cb_memory_region *rtc = region_of(set, CELL_A, "rtc");

	/* GICv4-style stride: 0x40000 per CPU, VLPI frames in the upper
	   half. They make the GIC write memory: no cell maps them. */
	system_of(set)->gic.redistributor_stride = 0x40000;
	rtc->phys_start = 0x081a0000 + 0x40000;	/* past CPU 3's stride */
	expect_valid(set);
	rtc->phys_start = 0x080a0000 + 0x20000;	/* CPU 0's VLPI frame */
	expect_problem(set, CELL_A, "/memory/rtc", "overlaps the GIC "
		       "redistributor frame at 0x80a0000");
}
