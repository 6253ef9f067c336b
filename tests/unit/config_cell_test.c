// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validator unit tests: one cell config on its own and against its system.
 * Each check is tested both ways.
 */
#include "config_test_harness.h"

#include <string.h>

#define R CB_REGION_READ
#define W CB_REGION_WRITE
#define X CB_REGION_EXECUTE

TEST(cell_name, ROOTLESS)
{
	char *name = cell_of(set, CELL_A)->name;

	drop_links(set);	/* its link names the cell as "a" */
	set_name(name, "Cell_0.rt-2");	/* every character allowed */
	expect_valid(set);
	memset(name, 'n', CB_NAME_SIZE - 1);	/* 31 characters: the most */
	expect_valid(set);
	memset(name, 0, CB_NAME_SIZE);
	expect_problem(set, CELL_A, "/", "cell-name is empty");
	memset(name, 'n', CB_NAME_SIZE);
	expect_problem(set, CELL_A, "/", "cell-name is not NUL-terminated");
	set_name(name, "tab\there");
	expect_problem(set, CELL_A, "/", "cell-name has byte 0x09 at offset 3");
}

/* A name that would make "[name] " read as another writer's prefix. */
TEST(cell_name_console_prefix, ROOTLESS)
{
	char *name = cell_of(set, CELL_A)->name;

	set_name(name, "rt] tick 9");
	expect_problem(set, CELL_A, "/", "cell-name has ']' at offset 2 "
		       "(expected letters, digits, '-', '_' and '.': the console "
		       "prefixes the cell's lines with \"[cell-name] \")");
	set_name(name, "a b");
	expect_problem(set, CELL_A, "/", "cell-name has ' ' at offset 1");
	set_name(name, "[a");
	expect_problem(set, CELL_A, "/", "cell-name has '[' at offset 0");
	set_name(name, "a,b");	/* fine in a node name, not in a cell's */
	expect_problem(set, CELL_A, "/", "cell-name has ',' at offset 1");
}

TEST(cell_name_hypervisor_reserved, ROOTLESS)
{
	char *name = cell_of(set, CELL_A)->name;

	drop_links(set);	/* its link names the cell as "a" */
	set_name(name, "cellblock-2");	/* only the exact name is taken */
	expect_valid(set);
	set_name(name, "cellbloc");
	expect_valid(set);
	set_name(name, "cellblock");
	expect_problem(set, CELL_A, "/", "cell-name \"cellblock\" is the "
		       "hypervisor's (expected another name: the console "
		       "prefixes the hypervisor's own lines with \"[cellblock] "
		       "\")");
	set_name(name, "CellBlock");
	expect_problem(set, CELL_A, "/", "cell-name \"CellBlock\" is the "
		       "hypervisor's");
}

TEST(cell_flags, ROOTLESS)
{
	cell_of(set, CELL_A)->flags = CB_CELL_DMA_TRUSTED;
	expect_valid(set);
	cell_of(set, CELL_A)->flags = 0x80000001u;
	expect_problem(set, CELL_A, "/", "flags 0x80000001 has undefined bits "
		       "0x80000000");
}

TEST(cpus_empty, ROOTLESS)
{
	cell_of(set, CELL_A)->cpu_set = 0;
	expect_problem(set, CELL_A, "/", "cpus is empty (expected at least one "
		       "CPU)");
}

TEST(cpus_exist, ROOTLESS)
{
	cell_of(set, CELL_B)->cpu_set = 0x8e;	/* 1, 2, 3 and 7 */
	expect_problem(set, CELL_B, "/", "cpus: cpu 7 does not exist (the "
		       "system has cpus 0 to 3)");
}

TEST(region_flags_defined, ROOTLESS)
{
	region_of(set, CELL_B, "data")->flags = R | 0x400;
	expect_problem(set, CELL_B, "/memory/data", "flags 0x401 has undefined "
		       "bits 0x400");
}

TEST(region_flags_access, ROOTLESS)
{
	region_of(set, CELL_B, "data")->flags = X;	/* execute-only is fine */
	expect_valid(set);
	region_of(set, CELL_B, "data")->flags = CB_REGION_LOADABLE;
	expect_problem(set, CELL_B, "/memory/data", "flags grant no access");
}

TEST(region_flags_io_combinations, ROOTLESS)
{
	struct cb_memory_region *rtc = region_of(set, CELL_A, "rtc");

	rtc->flags = R | CB_REGION_IO;	/* read-only device: fine */
	expect_valid(set);
	rtc->flags = R | W | X | CB_REGION_IO;
	expect_problem(set, CELL_A, "/memory/rtc", "flags combine \"io\" with");
	rtc->flags = R | W | CB_REGION_IO | CB_REGION_LOADABLE;
	expect_problem(set, CELL_A, "/memory/rtc", "flags combine \"io\" with");
	rtc->flags = R | W | CB_REGION_IO | CB_REGION_KEPT;
	expect_problem(set, CELL_A, "/memory/rtc", "\"dma\" or \"kept\" "
		       "(device memory is never executed, loaded, a DMA target "
		       "or kept over a restart");
}

TEST(region_flags_subpage, ROOTLESS)
{
	struct cb_memory_region *gpio = region_of(set, CELL_B, "gpio");

	gpio->flags = R | W | CB_REGION_SUBPAGE;
	expect_problem(set, CELL_B, "/memory/gpio", "flags have \"subpage\" "
		       "without \"io\"");
}

TEST(region_flags_comm, ROOTLESS)
{
	struct cb_memory_region *comm = region_of(set, CELL_A, "comm");

	comm->flags = R | CB_REGION_COMM;	/* read-only comm page: fine */
	expect_valid(set);
	comm->flags = R | W | X | CB_REGION_COMM;
	expect_problem(set, CELL_A, "/memory/comm", "flags combine "
		       "\"comm-region\" with");
}

TEST(region_comm_shape, ROOTLESS)
{
	struct cb_memory_region *comm = region_of(set, CELL_A, "comm");

	comm->phys_start = 0x5e000000;
	expect_problem(set, CELL_A, "/memory/comm", "phys 0x5e000000 is set on "
		       "the comm region");
	comm->phys_start = 0;
	comm->size = 0x2000;
	expect_problem(set, CELL_A, "/memory/comm", "size 0x2000 of the comm "
		       "region is not one page");
	comm->size = 0x1000;
	region_of(set, CELL_A, "shm")->flags = R | W | CB_REGION_COMM;
	region_of(set, CELL_A, "shm")->phys_start = 0;
	region_of(set, CELL_A, "shm")->size = 0x1000;
	expect_problem(set, CELL_A, "/memory/shm", "is a second comm region");
}

TEST(region_size, ROOTLESS)
{
	region_of(set, CELL_B, "data")->size = 0;
	expect_problem(set, CELL_B, "/memory/data", "size is 0 (expected a "
		       "non-zero multiple of 0x1000)");
}

TEST(region_alignment, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->guest_start = 0x60000800;
	expect_problem(set, CELL_B, "/memory/data", "phys 0x52000000 guest "
		       "0x60000800 size 0x1000 are not all page-aligned");
	data->guest_start = 0x60000000;
	data->size = 0x1800;
	expect_problem(set, CELL_B, "/memory/data", "are not all page-aligned");
}

TEST(region_subpage_alignment, ROOTLESS)
{
	struct cb_memory_region *gpio = region_of(set, CELL_B, "gpio");

	gpio->phys_start = 0x09030010;	/* trapped: any byte range */
	gpio->guest_start = 0x09030010;
	gpio->size = 0x24;
	expect_valid(set);
	gpio->flags &= ~CB_REGION_SUBPAGE;
	expect_problem(set, CELL_B, "/memory/gpio", "or \"subpage\" for trapped "
		       "io");
}

TEST(region_overflow, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->guest_start = 0xffffffffffffe000ull;
	data->size = 0x2000;	/* ends on the last byte: past 2^39, sound */
	expect_problem(set, CELL_B, "/memory/data", "ends above 2^39");
	data->size = 0x3000;
	expect_problem(set, CELL_B, "/memory/data", "overflows the address "
		       "space");
}

TEST(region_guest_reach, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->guest_start = 0x7ffffff000ull;	/* the last page of 2^39 */
	expect_valid(set);
	data->guest_start = 0x8000000000ull;
	expect_problem(set, CELL_B, "/memory/data", "guest 0x8000000000-"
		       "0x8000000fff ends above 2^39 (expected to end at or below "
		       "0x8000000000: a cell's guest-physical space ends there)");
	data->guest_start = 0x7ffffff000ull;
	data->size = 0x2000;	/* straddles the limit */
	expect_problem(set, CELL_B, "/memory/data", "guest 0x7ffffff000-"
		       "0x8000000fff ends above 2^39");
}

/* On its own a cell's phys is bounded by stage 2's output size; against a
   system, by the windows it must lie in (2^39, tested there). */
TEST(region_phys_reach, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	set->alone = CELL_B;	/* as `config compile` checks a cell */
	data->phys_start = 0xfffffff000ull;	/* the last page of 2^40 */
	expect_valid(set);
	data->phys_start = 0x10000000000ull;
	expect_problem(set, CELL_B, "/memory/data", "phys 0x10000000000-"
		       "0x10000000fff ends above 2^40 (expected to end at or "
		       "below 0x10000000000: stage 2 outputs no physical "
		       "address above it)");
	/* 2^48 + a RAM address: the table code would map the RAM address. */
	data->phys_start = 0x1000052000000ull;
	expect_problem(set, CELL_B, "/memory/data", "phys 0x1000052000000-"
		       "0x1000052000fff ends above 2^40");
	set->alone = 0;
	expect_problem(set, CELL_B, "/memory/data", "phys 0x1000052000000-"
		       "0x1000052000fff is not inside a RAM window");
}

TEST(region_guest_overlap, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->guest_start = 0x41000000;	/* right after ram in guest space */
	expect_valid(set);
	data->guest_start = 0x40fff000;
	expect_problem(set, CELL_B, "/memory/data", "guest 0x40fff000-"
		       "0x40ffffff overlaps /memory/ram (guest 0x40000000-"
		       "0x40ffffff)");
}

TEST(region_phys_overlap, ROOTLESS)
{
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	data->phys_start = 0x51fff000;
	expect_problem(set, CELL_B, "/memory/data", "phys 0x51fff000-0x51ffffff "
		       "overlaps /memory/ram (phys 0x51000000-0x51ffffff)");
}

TEST(region_subpage_sharing_a_page, ROOTLESS)
{
	struct cb_memory_region *gpio = region_of(set, CELL_B, "gpio");
	struct cb_memory_region *data = region_of(set, CELL_B, "data");

	/* Two trapped windows in one page, byte-disjoint: fine. */
	data->phys_start = data->guest_start = 0x09030100;
	data->size = 0x100;
	data->flags = R | CB_REGION_IO | CB_REGION_SUBPAGE;
	expect_valid(set);
	data->phys_start = data->guest_start = 0x090300f0;
	expect_problem(set, CELL_B, "/memory/data", "overlaps /memory/gpio");
	/* A mapped page holding a trapped window would expose all of it. */
	gpio->size = 0x1000;
	gpio->flags &= ~CB_REGION_SUBPAGE;
	data->phys_start = data->guest_start = 0x09030100;
	expect_problem(set, CELL_B, "/memory/data", "overlaps /memory/gpio");
}

TEST(region_names, ROOTLESS)
{
	set_name(region_of(set, CELL_B, "data")->name, "data@52000000");
	expect_valid(set);
	set_name(region_of(set, CELL_B, "data@52000000")->name, "shm");
	expect_problem(set, CELL_B, "/memory/shm", "name is used twice");
	memset(region_of(set, CELL_B, "gpio")->name, 0, CB_NAME_SIZE);
	expect_problem(set, CELL_B, "/memory/#1", "name is empty");
}

TEST(interrupt_ranges, ROOTLESS)
{
	uint32_t *irq = interrupts_of(set, CELL_B);

	irq[0] = 287;	/* the last SPI of this GIC */
	expect_valid(set);
	irq[0] = 5;
	expect_problem(set, CELL_B, "/", "interrupts: 5 is an SGI");
	irq[0] = 27;
	expect_problem(set, CELL_B, "/", "interrupts: 27 is a PPI, which "
		       "belongs to the CPU's cell");
	irq[0] = 1020;
	expect_problem(set, CELL_B, "/", "interrupts: 1020 is not an SPI");
	irq[0] = 288;
	expect_problem(set, CELL_B, "/", "interrupts: 288 does not exist (the "
		       "GIC implements INTIDs up to 287)");
}

TEST(interrupt_twice, ROOTLESS)
{
	cell_of(set, CELL_A)->interrupt_count++;
	resize(set, CELL_A, set->size[CELL_A] + 4);
	cell_of(set, CELL_A)->header.total_size += 4;
	interrupts_of(set, CELL_A)[1] = 35;
	expect_valid(set);
	interrupts_of(set, CELL_A)[1] = 34;
	expect_problem(set, CELL_A, "/", "interrupts: 34 is listed twice");
}

TEST(interrupt_hypervisor_console, ROOTLESS)
{
	interrupts_of(set, CELL_A)[0] = 33;
	expect_problem(set, CELL_A, "/", "interrupts: 33 is the hypervisor "
		       "console's");
}

TEST(interrupt_vpci, ROOTLESS)
{
	interrupts_of(set, CELL_A)[0] = 104;	/* just past vPCI's 100-103 */
	expect_valid(set);
	interrupts_of(set, CELL_A)[0] = 103;
	expect_problem(set, CELL_A, "/", "interrupts: 103 is reserved for the "
		       "virtual PCI host (INTIDs 100 to 103)");
}

TEST(entry_point, ROOTLESS)
{
	struct cb_cell_config *a = cell_of(set, CELL_A);

	a->entry = 0x40fffffc;	/* last word of the executable ram */
	expect_valid(set);
	a->entry = 0x41000000;
	expect_problem(set, CELL_A, "/", "entry 0x41000000 is not inside an "
		       "executable region");
	a->entry = 0x40200002;
	expect_problem(set, CELL_A, "/", "entry 0x40200002 is not 4-byte "
		       "aligned");
	a->entry = 0x5f000000;	/* shm: read/write, not execute */
	expect_problem(set, CELL_A, "/", "entry 0x5f000000 is not inside an "
		       "executable region");
}

TEST(console_emulated, ROOTLESS)
{
	struct cb_cell_console *con = &cell_of(set, CELL_A)->console;

	con->emulated = 0x1c090000;
	expect_valid(set);
	con->emulated = 0x09000800;
	expect_problem(set, CELL_A, "/console", "emulated 0x9000800 is not "
		       "page-aligned");
	con->emulated = 0x40001000;
	expect_problem(set, CELL_A, "/console", "emulated 0x40001000 overlaps "
		       "/memory/ram in guest space");
	con->emulated = 0x080c0000;	/* CPU 1's redistributor */
	expect_problem(set, CELL_A, "/console", "emulated 0x80c0000-0x80c0fff "
		       "overlaps the GIC redistributor frame at 0x80c0000");
	con->emulated = 0x08e00000;
	expect_problem(set, CELL_A, "/console", "overlaps the virtual PCI ECAM "
		       "window");
}

TEST(console_flags, ROOTLESS)
{
	struct cb_cell_console *con = &cell_of(set, CELL_A)->console;

	con->flags = 0;
	con->emulated = 0;
	expect_valid(set);	/* a cell without a console */
	con->emulated = 0x09000000;
	expect_problem(set, CELL_A, "/console", "emulated 0x9000000 is set but "
		       "the emulated console is off");
	con->flags = 0x5;
	expect_problem(set, CELL_A, "/console", "flags 0x5 has undefined bits");
}

TEST(console_passthrough, ROOTLESS)
{
	struct cb_cell_console *con = &cell_of(set, CELL_A)->console;

	con->flags |= CB_CELL_CONSOLE_PASSTHROUGH;
	con->passthrough = 0x09010000;	/* the rtc io region, for shape */
	expect_valid(set);
	con->passthrough = 0x09040000;
	expect_problem(set, CELL_A, "/console", "passthrough 0x9040000 is not "
		       "the page-aligned base of a UART frame");
	/* A sub-page io region does not hold a whole UART frame. */
	con->passthrough = 0x09010000;
	region_of(set, CELL_A, "rtc")->size = 0x100;
	region_of(set, CELL_A, "rtc")->flags |= CB_REGION_SUBPAGE;
	expect_problem(set, CELL_A, "/console", "passthrough 0x9010000 is not "
		       "the page-aligned base of a UART frame");
}

/* "lendable": what a cell created later may take from the root cell. */
TEST(region_flags_lendable, ROOTED)
{
	struct cb_memory_region *ram = region_of(set, ROOT_CELL, "ram");
	struct cb_memory_region *rt = region_of(set, CELL_RT, "ram");

	ram->flags |= CB_REGION_LENDABLE;
	expect_valid(set);
	ram->flags |= CB_REGION_KEPT;
	expect_problem(set, ROOT_CELL, "/root-cell/memory/ram", "flags combine "
		       "\"lendable\" with comm-region, subpage or kept");
	ram->flags &= ~(CB_REGION_KEPT | CB_REGION_LENDABLE);
	rt->flags |= CB_REGION_LENDABLE;
	expect_problem(set, CELL_RT, "/memory/ram", "flags have \"lendable\" "
		       "outside the root cell (expected it only in /root-cell");
}
