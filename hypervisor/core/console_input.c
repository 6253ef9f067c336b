// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console's input (see console.h): what is typed on the system console
 * goes to one cell at a time, the focus, through its emulated UART
 * (vuart.c). The hypervisor owns the physical UART's receive interrupt
 * (the system config's console interrupt, never a cell's) and routes it to
 * a CPU of the focused cell only, the one that cell routes its UART's
 * interrupt to: typing never interrupts another cell's CPU, and the byte
 * is delivered on the CPU that takes it, with no cross-CPU request.
 *
 * The focus: at boot, the first cell (in the image's order) with an
 * emulated console. Ctrl-A typed three times in a row moves it to the next
 * running cell with one, round the list (as Xen's console does); those
 * three are not delivered, while fewer followed by another key are, as
 * typed. A cell that restarts keeps the focus (its UART is reset, and what
 * is typed meanwhile waits in it); one that stops or fails hands it to the
 * next running cell with an emulated console, or to none, when the input
 * interrupt is switched off. Every move is said in one line:
 *
 *     [cellblock] console input: NAME (Ctrl-A three times switches)
 *
 * Lock order: focus_lock, then a vUART's lock or the console lock.
 */
#include <hv/arch.h>
#include <hv/cell.h>
#include <hv/console.h>
#include <hv/lib.h>
#include <hv/vuart.h>

#define CTRL_A 0x01
#define SWITCH_PRESSES 3
/* Bytes taken per interrupt: the FIFO's depth, twice. More waiting keep
   the (level) interrupt asserted: it is taken again at once. */
#define INPUT_BURST 64

static spinlock_t focus_lock;
static struct cell *focus;
static unsigned int ctrl_a_typed;	/* in a row, not delivered yet */
static unsigned int input_intid;

struct cell *console_input_focus(void)
{
	return __atomic_load_n(&focus, __ATOMIC_ACQUIRE);
}

static int takes_input(const struct cell *cell)
{
	return vuart_line(cell) >= 0 && (cell->state == CELL_RUNNING ||
					 cell->state == CELL_RESETTING);
}

/* The first cell after @from (from the first, with NULL) that takes
   input, round the list; @from itself comes last. */
static struct cell *next_focus(const struct cell *from)
{
	unsigned int start = from ? from->index + 1 : 0, i;

	for (i = 0; i < cell_count; i++)
		if (takes_input(&cells[(start + i) % cell_count]))
			return &cells[(start + i) % cell_count];
	return NULL;
}

static unsigned int focus_cpu(void)
{
	return arch_vline_cpu(focus, (unsigned int)vuart_line(focus));
}

/* Under focus_lock. */
static void set_focus(struct cell *cell)
{
	__atomic_store_n(&focus, cell, __ATOMIC_RELEASE);
	ctrl_a_typed = 0;
	arch_irq_target(input_intid, cell ? (int)focus_cpu() : -1);
	if (cell)
		hv_printf("console input: %s (Ctrl-A three times switches)",
			  cell->name);
}

/* Under focus_lock, with a focus. */
static void input_byte(uint8_t byte)
{
	if (byte == CTRL_A) {
		if (++ctrl_a_typed == SWITCH_PRESSES)
			set_focus(next_focus(focus));
		return;
	}
	for (; ctrl_a_typed; ctrl_a_typed--)
		vuart_receive(focus, CTRL_A);
	vuart_receive(focus, byte);
}

/* The console's receive interrupt, at EL2 on a CPU of the focused cell. */
static void input_interrupt(void)
{
	unsigned int i;
	int byte;

	spin_lock(&focus_lock);
	for (i = 0; i < INPUT_BURST && (byte = console_getc()) >= 0; i++)
		if (focus)
			input_byte((uint8_t)byte);
	/* The cell routed its UART's interrupt elsewhere (or restarted):
	   follow it, so the next bytes arrive where they are taken. */
	if (focus && focus_cpu() != arch_this_cpu())
		arch_irq_target(input_intid, (int)focus_cpu());
	spin_unlock(&focus_lock);
}

void __boot console_input_start(void)
{
	struct cell *first = next_focus(NULL);

	if (!system_config->console.interrupt || !first)
		return;
	input_intid = system_config->console.interrupt;
	/* Invariant: the first hypervisor SPI, there is a slot. */
	CHECK(arch_irq_own(input_intid, input_interrupt) == 0);
	console_rx_irq_enable();
	spin_lock(&focus_lock);
	set_focus(first);
	spin_unlock(&focus_lock);
}

void console_input_stopped(struct cell *cell)
{
	spin_lock(&focus_lock);
	if (focus == cell)
		set_focus(next_focus(cell));
	spin_unlock(&focus_lock);
}
