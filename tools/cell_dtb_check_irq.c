// SPDX-License-Identifier: GPL-2.0-only
/*
 * The interrupts half of the check of a cell's device tree (see
 * cell_dtb_checker.h). Devicetree Specification v0.4, 2.4:
 * `interrupts-extended`, else `interrupts` to the inherited
 * `interrupt-parent`; GICv3 binding: type 0 SPI, 1 PPI, then the number.
 * Specifiers for another controller are that controller's business (its
 * own line to the GIC is checked as its node's); an interrupt nexus
 * (`interrupt-map`) is not followed but refused, but for the cell's PCI
 * host's (cell_dtb_check_pci.c).
 */
#include "cell_dtb_checker.h"

#include "board_fdt.h"

#include <libfdt.h>
#include <string.h>

int cell_dtb_is_gic(const void *fdt, int node)
{
	int i, count = fdt_stringlist_count(fdt, node, "compatible");

	if (fdt_get_phandle(fdt, node) == CELL_DTB_GIC_PHANDLE)
		return 1;
	for (i = 0; i < count; i++) {
		const char *s =
		    fdt_stringlist_get(fdt, node, "compatible", i, NULL);

		if (s && !strncmp(s, "arm,gic", 7))
			return 1;
	}
	return 0;
}

static int owns_spi(const struct cell_dtb_checker *c, uint32_t intid)
{
	const uint32_t *irq = cb_cell_interrupts(c->cell);
	unsigned int i;

	if ((c->cell->console.flags & CB_CELL_CONSOLE_EMULATED) &&
	    intid == c->system->console.interrupt)
		return 1;
	for (i = 0; i < c->cell->interrupt_count; i++)
		if (irq[i] == intid)
			return 1;
	return 0;
}

static void check_gic_specifier(struct cell_dtb_checker *c, int node,
				const char *property, const fdt32_t *spec)
{
	uint32_t type = fdt32_to_cpu(spec[0]), number = fdt32_to_cpu(spec[1]);
	uint32_t intid = CB_INTID_SPI_FIRST + number;

	if (type == CELL_DTB_PPI && number < 16)
		return;
	if (type == CELL_DTB_SPI &&
	    number < CB_INTID_SPI_LIMIT - CB_INTID_SPI_FIRST &&
	    owns_spi(c, intid))
		return;
	if (type == CELL_DTB_SPI)
		cell_dtb_problem(
		    c, node, property,
		    "%s: SPI %u (INTID %u) is not an "
		    "interrupt of cell %s (expected a PPI, one of its SPIs "
		    "(INTIDs %s) or its console's)",
		    property, number, intid, c->cell->name, c->spis);
	else if (type == CELL_DTB_PPI)
		cell_dtb_problem(c, node, property,
				 "%s: PPI %u does not exist "
				 "(expected 0 to 15)",
				 property, number);
	else
		cell_dtb_problem(c, node, property,
				 "%s: GIC interrupt type %u "
				 "(expected 0, an SPI, or 1, a PPI)",
				 property, type);
}

/* One specifier of @cells cells for @controller. */
static void check_specifier(struct cell_dtb_checker *c, int node,
			    const char *property, int controller,
			    const fdt32_t *spec, unsigned int cells)
{
	char path[256];

	bfdt_path(c->fdt, controller, path, sizeof(path));
	if (fdt_getprop(c->fdt, controller, "interrupt-map", NULL) &&
	    !fdt_getprop(c->fdt, controller, "interrupt-controller", NULL))
		cell_dtb_problem(
		    c, node, property,
		    "%s go through the interrupt-map "
		    "of %s, which cannot be checked (expected the GIC or "
		    "another interrupt controller)",
		    property, path);
	else if (!fdt_getprop(c->fdt, controller, "interrupt-controller", NULL))
		cell_dtb_problem(c, node, property,
				 "%s go to %s, which is not an "
				 "interrupt controller",
				 property, path);
	else if (cell_dtb_is_gic(c->fdt, controller) && cells < 2)
		cell_dtb_problem(c, node, property,
				 "%s: %s has #interrupt-cells %u "
				 "(expected 3)",
				 property, path, cells);
	else if (cell_dtb_is_gic(c->fdt, controller))
		check_gic_specifier(c, node, property, spec);
}

static void check_extended(struct cell_dtb_checker *c, int node,
			   const fdt32_t *p, unsigned int total)
{
	unsigned int i = 0, cells;
	int controller;

	while (i < total) {
		controller =
		    fdt_node_offset_by_phandle(c->fdt, fdt32_to_cpu(p[i]));
		cells = controller >= 0 ? bfdt_cells(c->fdt, controller,
						     "#interrupt-cells", 0)
					: 0;
		if (!cells || cells > 8 || i + 1 + cells > total) {
			cell_dtb_problem(
			    c, node, "interrupts-extended",
			    "interrupts-"
			    "extended: entry at cell %u names phandle %u, "
			    "which is no interrupt controller's or has "
			    "another #interrupt-cells",
			    i, fdt32_to_cpu(p[i]));
			return;
		}
		check_specifier(c, node, "interrupts-extended", controller,
				p + i + 1, cells);
		i += 1 + cells;
	}
}

void cell_dtb_check_interrupts(struct cell_dtb_checker *c, int node)
{
	int length, controller;
	const fdt32_t *p;
	unsigned int cells, i;

	p = fdt_getprop(c->fdt, node, "interrupts-extended", &length);
	if (p) {
		check_extended(c, node, p, (unsigned int)length / 4);
		return;
	}
	p = fdt_getprop(c->fdt, node, "interrupts", &length);
	if (!p)
		return;
	controller = bfdt_interrupt_parent(c->fdt, node);
	cells = controller >= 0
		    ? bfdt_cells(c->fdt, controller, "#interrupt-cells", 0)
		    : 0;
	if (!cells || cells > 8 || !length || length % (int)(4 * cells)) {
		cell_dtb_problem(
		    c, node, "interrupts",
		    "interrupts (%d bytes) cannot "
		    "be read: %s (expected whole specifiers of the "
		    "interrupt parent's #interrupt-cells)",
		    length,
		    controller < 0 ? "no interrupt parent was found"
				   : "it does not match #interrupt-cells");
		return;
	}
	for (i = 0; i < (unsigned int)length / 4; i += cells)
		check_specifier(c, node, "interrupts", controller, p + i,
				cells);
}
