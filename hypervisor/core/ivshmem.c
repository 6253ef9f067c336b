// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared-memory links (see ivshmem.h). The memory is mapped into each
 * member's stage 2 once, at boot, with its sections' permissions, and is
 * never remapped: the hypervisor is not on the data path. It is on the
 * signalling path only: the register frame (BAR 0) traps here, and a
 * doorbell or a state change sets the pending bit of other peers, whose
 * INTx line (a virtual line of their cell) follows pending, enabled and
 * not INTx-disabled, as a level-triggered PCI interrupt does.
 *
 * The state table is written by the hypervisor only, through a device
 * mapping of its page: what a peer reads, uncached, is what was written.
 *
 * Lock order: a cell's pci_lock (vpci.c), then a link's lock. Every
 * peer's registers are under its link's lock.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/ivshmem.h>
#include <hv/lib.h>
#include <hv/vline.h>
#include <hv/vpci.h>

#include <cellblock/ivshmem.h>

#include "format.h"

#include <stddef.h>

struct link;

struct peer {
	struct vpci_function fn;	/* first: peer_of() */
	struct link *link;
	struct cell *cell;		/* NULL: not a running member */
	unsigned int id;
	unsigned int line;		/* its cell's virtual line */
	uint32_t int_control, int_status, doorbell_result;
};

struct link {
	const struct cb_link *config;	/* NULL: no member was created */
	spinlock_t lock;
	volatile uint32_t *state;	/* the state table, device-mapped */
	struct peer peer[CB_MAX_LINK_PEERS];
};

static struct link links[CB_MAX_LINKS];

static struct peer *peer_of(struct vpci_function *fn)
{
	return (struct peer *)((char *)fn - offsetof(struct peer, fn));
}

static uint64_t memory_guest(const struct peer *p)
{
	return p->fn.bar[1].address;
}

static uint64_t registers_guest(const struct peer *p)
{
	return p->fn.bar[0].address;
}

/* Under the link's lock. */
static void update_line(struct peer *p)
{
	int level = (p->int_status & CB_IVSHMEM_INT_PENDING) &&
		    (p->int_control & CB_IVSHMEM_INT_ENABLE) &&
		    !(p->fn.command & PCI_COMMAND_INTX_DISABLE);

	vline_set(p->cell, p->line, level);
}

static int peer_up(const struct peer *p)
{
	return p->cell && p->cell->state == CELL_RUNNING;
}

/* Under the link's lock: @p's interrupt, if its cell runs. */
static void raise(struct peer *p)
{
	if (!peer_up(p))
		return;
	p->int_status |= CB_IVSHMEM_INT_PENDING;
	update_line(p);
}

/* Under the link's lock: @p's state word is @value now; on a change,
   every other peer hears of it. */
static void set_state(struct peer *p, uint32_t value)
{
	struct link *link = p->link;
	unsigned int i;

	if (link->state[p->id] == value)
		return;
	link->state[p->id] = value;
	for (i = 0; i < link->config->peer_count; i++)
		if (i != p->id)
			raise(&link->peer[i]);
}

static uint32_t ring(struct peer *p, uint32_t value)
{
	unsigned int target = value >> CB_IVSHMEM_DOORBELL_PEER_SHIFT;
	unsigned int vector = value & 0xffff;

	if (target >= p->link->config->peer_count)
		return CB_IVSHMEM_DOORBELL_NO_PEER;
	if (target == p->id)
		return CB_IVSHMEM_DOORBELL_SELF;
	if (vector >= CB_IVSHMEM_VECTORS)
		return CB_IVSHMEM_DOORBELL_VECTOR;
	if (!peer_up(&p->link->peer[target]))
		return CB_IVSHMEM_DOORBELL_DOWN;
	raise(&p->link->peer[target]);
	return CB_IVSHMEM_DOORBELL_OK;
}

static uint64_t register_read(const struct peer *p, uint64_t offset)
{
	const struct cb_link *l = p->link->config;

	switch (offset) {
	case CB_IVSHMEM_ID:
		return p->id;
	case CB_IVSHMEM_PEERS:
		return l->peer_count;
	case CB_IVSHMEM_INT_CONTROL:
		return p->int_control;
	case CB_IVSHMEM_DOORBELL:
		return p->doorbell_result;
	case CB_IVSHMEM_STATE:
		return p->link->state[p->id];
	case CB_IVSHMEM_INT_STATUS:
		return p->int_status;
	case CB_IVSHMEM_STATE_TABLE_SIZE:
		return CB_LINK_STATE_TABLE_SIZE;
	case CB_IVSHMEM_RW_SIZE:
		return l->rw_size;
	case CB_IVSHMEM_RW_SIZE + 4:
		return l->rw_size >> 32;
	case CB_IVSHMEM_OUTPUT_SIZE:
		return l->output_size;
	case CB_IVSHMEM_OUTPUT_SIZE + 4:
		return l->output_size >> 32;
	}
	return 0;
}

static void register_write(struct peer *p, uint64_t offset, uint32_t value)
{
	switch (offset) {
	case CB_IVSHMEM_INT_CONTROL:
		p->int_control = value & CB_IVSHMEM_INT_ENABLE;
		update_line(p);
		break;
	case CB_IVSHMEM_DOORBELL:
		p->doorbell_result = ring(p, value);
		break;
	case CB_IVSHMEM_STATE:
		set_state(p, value);
		break;
	case CB_IVSHMEM_INT_STATUS:
		p->int_status &= ~(value & CB_IVSHMEM_INT_PENDING);
		update_line(p);
		break;
	}
}

static struct peer *peer_at(const struct cell *cell, uint64_t registers)
{
	unsigned int i;

	for (i = 0; i < cell->pci_function_count; i++) {
		struct peer *p = peer_of(cell->pci_function[i]);

		if (registers_guest(p) == registers)
			return p;
	}
	return NULL;
}

static enum mmio_result register_access(struct cell *cell,
					struct mmio_access *a, uint64_t offset)
{
	struct peer *p = peer_at(cell, a->address - offset);
	int wide = offset == CB_IVSHMEM_RW_SIZE ||
		   offset == CB_IVSHMEM_OUTPUT_SIZE;

	/* Invariant: the region is a peer's (ivshmem_cell_create()). */
	CHECK(p);
	if (a->size != 4 && !(a->size == 8 && wide && !a->is_write))
		return MMIO_REFUSED;
	/* Memory space disabled: the frame does not decode (PCI's master
	   abort: reads all ones, writes dropped). */
	if (!(p->fn.command & PCI_COMMAND_MEMORY)) {
		if (!a->is_write)
			a->value = a->size == 8 ? ~0ull : 0xffffffffull;
		return MMIO_HANDLED;
	}
	spin_lock(&p->link->lock);
	if (!a->is_write)
		a->value = a->size == 8 ? register_read(p, offset) :
			   (uint32_t)register_read(p, offset);
	else
		register_write(p, offset, (uint32_t)a->value);
	spin_unlock(&p->link->lock);
	return MMIO_HANDLED;
}

static int interrupt_status(struct vpci_function *fn)
{
	const struct peer *p = peer_of(fn);

	return (__atomic_load_n(&p->int_status, __ATOMIC_RELAXED) &
		CB_IVSHMEM_INT_PENDING) &&
	       (__atomic_load_n(&p->int_control, __ATOMIC_RELAXED) &
		CB_IVSHMEM_INT_ENABLE);
}

static void command_written(struct vpci_function *fn)
{
	struct peer *p = peer_of(fn);

	spin_lock(&p->link->lock);
	update_line(p);
	spin_unlock(&p->link->lock);
}

/* Stage 2 of peer @id: the state table read-only, the common section
   read/write, its own output section read/write, the others read-only. */
static int __boot map_memory(struct cell *cell, const struct cb_link *l,
			     unsigned int id, uint64_t guest)
{
	uint64_t offset = CB_LINK_STATE_TABLE_SIZE + l->rw_size;
	unsigned int i;

	if (arch_cell_map(cell, guest, l->phys_start, CB_LINK_STATE_TABLE_SIZE,
			  CB_REGION_READ))
		return -1;
	if (l->rw_size &&
	    arch_cell_map(cell, guest + CB_LINK_STATE_TABLE_SIZE,
			  l->phys_start + CB_LINK_STATE_TABLE_SIZE, l->rw_size,
			  CB_REGION_READ | CB_REGION_WRITE))
		return -1;
	for (i = 0; i < l->peer_count && l->output_size;
	     i++, offset += l->output_size)
		if (arch_cell_map(cell, guest + offset, l->phys_start + offset,
				  l->output_size, CB_REGION_READ |
				  (i == id ? CB_REGION_WRITE : 0)))
			return -1;
	return 0;
}

static int __boot add_peer(struct cell *cell, unsigned int index,
			   unsigned int id)
{
	struct link *link = &links[index];
	const struct cb_link *l = &cb_system_links(system_config)[index];
	struct peer *p = &link->peer[id];
	uint64_t guest = l->peer[id].guest, bar_size = cb_link_bar_size(l);
	int device, line;

	if (!link->config) {
		if (arch_map_el2_device(l->phys_start, CB_LINK_STATE_TABLE_SIZE))
			goto out_of_pages;
		link->config = l;
		link->state = (volatile uint32_t *)(uintptr_t)l->phys_start;
	}
	*p = (struct peer){
		.fn = {
			.vendor = CB_IVSHMEM_VENDOR,
			.device = CB_IVSHMEM_DEVICE,
			.subsystem_vendor = CB_IVSHMEM_VENDOR,
			.subsystem = (uint16_t)index,
			.class_revision = CB_IVSHMEM_CLASS << 8 |
					  CB_IVSHMEM_REVISION,
			.bar = { { guest + bar_size, CB_IVSHMEM_REG_SIZE, 0 },
				 { guest, bar_size, VPCI_BAR_PREFETCH } },
			.interrupt_status = interrupt_status,
			.command_written = command_written,
		},
		.link = link,
		.id = id,
	};
	device = vpci_add(cell, &p->fn);
	line = device < 0 ? -1 :
	       vline_add(cell, system_config->vpci.interrupt_base +
				       (unsigned int)device);
	if (line < 0 || mmio_register(cell, guest + bar_size,
				      CB_IVSHMEM_REG_SIZE, register_access,
				      STAT_MMIO_IVSHMEM)) {
		hv_printf("cell %s: /links/%s: no room for another emulated "
			  "device in this build; cell skipped", cell->name,
			  l->name);
		return -1;
	}
	if (map_memory(cell, l, id, guest))
		goto out_of_pages;
	p->line = (unsigned int)line;
	p->cell = cell;
	return 0;

out_of_pages:
	hv_printf("cell %s: /links/%s: the hypervisor's page pool is "
		  "exhausted; cell skipped", cell->name, l->name);
	return -1;
}

int __boot ivshmem_cell_create(struct cell *cell)
{
	const struct cb_link *l = cb_system_links(system_config);
	unsigned int i, id;

	for (i = 0; i < system_config->link_count; i++)
		for (id = 0; id < l[i].peer_count; id++)
			if (!strncmp(l[i].peer[id].cell, cell->name,
				     CB_NAME_SIZE) &&
			    add_peer(cell, i, id))
				return -1;
	return 0;
}

void __boot ivshmem_cell_exit(struct cell *cell)
{
	unsigned int i, id;

	for (i = 0; i < system_config->link_count; i++)
		for (id = 0; id < CB_MAX_LINK_PEERS; id++)
			if (links[i].peer[id].cell == cell)
				links[i].peer[id].cell = NULL;
}

void ivshmem_clear(void)
{
	unsigned int i;

	for (i = 0; i < system_config->link_count; i++)
		if (links[i].config)
			arch_clear_ram(links[i].config->phys_start,
				       cb_link_size(links[i].config));
}

void ivshmem_cell_reset(struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < cell->pci_function_count; i++) {
		struct peer *p = peer_of(cell->pci_function[i]);

		spin_lock(&p->link->lock);
		p->int_control = 0;
		p->int_status = 0;
		p->doorbell_result = 0;
		update_line(p);
		set_state(p, 0);
		spin_unlock(&p->link->lock);
	}
}

const char *ivshmem_describe(const struct cell *cell, uint64_t address)
{
	static char what[CB_LIMIT_CPUS][96];
	char *buf = what[arch_this_cpu()];
	unsigned int i;

	for (i = 0; i < cell->pci_function_count; i++) {
		const struct peer *p = peer_of(cell->pci_function[i]);
		const struct cb_link *l = p->link->config;
		uint64_t offset = address - memory_guest(p);
		uint64_t outputs = CB_LINK_STATE_TABLE_SIZE + l->rw_size;

		if (offset >= p->fn.bar[1].size)
			continue;
		if (offset < CB_LINK_STATE_TABLE_SIZE)
			format_string(buf, sizeof(what[0]), "link %s's state "
				      "table (read-only)", l->name);
		else if (offset < outputs)
			format_string(buf, sizeof(what[0]), "link %s's common "
				      "section", l->name);
		else if (offset < cb_link_size(l))
			format_string(buf, sizeof(what[0]), "link %s's output "
				      "section of peer %u%s", l->name,
				      (unsigned int)((offset - outputs) /
						     l->output_size),
				      (offset - outputs) / l->output_size ==
				      p->id ? "" : " (read-only)");
		else
			format_string(buf, sizeof(what[0]), "link %s's BAR 2 "
				      "past its memory (unmapped)", l->name);
		return buf;
	}
	return NULL;
}
