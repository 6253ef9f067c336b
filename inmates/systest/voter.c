// SPDX-License-Identifier: GPL-2.0-only
/*
 * voter: a cell with a comm region (tests/system/vote_tests.py). It
 * prints the header it finds (magic, revision, header size, cell ID,
 * state, counter frequency, CPU count, flags, vote timeout, watchdog
 * period, the message words), then a heartbeat line every beat_us
 * (proof that it runs), and every message the hypervisor sends it, with
 * how it came (the comm interrupt, or polled) and what it answers; then
 * it powers off (SYSTEM_OFF: a voting cell may stop itself at any time).
 *
 * Parameters (and the library's `comm` and `comm_irq`, inmate/comm.h):
 *   answer      1 approve (default), 2 deny, 0 ignore: never answer
 *   answer2     the same for the second message and those after it
 *               (default: as answer)
 *   answer_seq  added to the message's sequence in the answer (default
 *               0; 1: an answer to another message, which is none)
 *   answer_us   wait this long before answering (default 0; longer than
 *               the vote timeout: a late answer)
 *   scribble    1: first overwrite every header word but the message and
 *               the answer with garbage and print the header again
 *   probe       1: write the answer words, 2: jump into the page, both
 *               before the heartbeat (a read-only, never executable
 *               region: the cell is parked)
 *   beats       heartbeat lines before powering off (default 10)
 *   beat_us     between them (default 1000)
 *   poll_us     how often the page is polled when there is no comm
 *               interrupt, or while its handler keeps it masked (default
 *               100)
 *   kept        guest address of a run counter in a kept region (default
 *               0: none); each run prints its number
 *   reset       runs 1 to reset end with SYSTEM_RESET instead (needs kept)
 *   ask, ask_beat  after heartbeat ask_beat (default 1), shut cell ID ask
 *               down (CB_HC_CELL_SHUTDOWN) and print the result and the
 *               counter ticks the call took
 *   second, off_us  start the cell's CPU with MPIDR second, which waits
 *               off_us and then ends the cell with SYSTEM_OFF
 */
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/timer.h>
#include <inmate/wait.h>

#define GARBAGE 0xdeadbeefu
#define RUNS_MAGIC 0x564f5452u /* "VOTR" */

struct run_counter {
	uint32_t magic;
	uint32_t runs;
};

static struct comm comm;

struct voter {
	unsigned long ask, ask_beat; /* ask 0: none */
	uint32_t answer, answer2;
	uint32_t answer_seq;
	unsigned int messages; /* taken so far */
	uint64_t answer_ticks;
	uint64_t poll_ticks;
	unsigned int interrupts; /* comm.interrupts seen */
	bool pending;		 /* an answer waits for answer_at */
	uint64_t answer_at;
	struct comm_message message;
};

static void print_header(const char *when)
{
	volatile struct cb_comm_region *c = comm.page;

	console_printf("voter: %s: magic 0x%x revision %u header %u bytes\n",
		       when, c->magic, c->revision, c->header_size);
	console_printf("voter: cell %u state %u (%s) frequency %llu Hz cpus %u "
		       "flags 0x%x vote timeout %u us watchdog %u us\n",
		       c->cell_id, c->cell_state,
		       cb_cell_state_name(c->cell_state),
		       (unsigned long long)c->counter_frequency, c->cpu_count,
		       c->flags, c->vote_timeout_us, c->watchdog_us);
	console_printf("voter: interrupt %u, message %u sequence %u requester "
		       "%u, reply %u sequence %u\n",
		       c->interrupt, c->message, c->sequence, c->requester,
		       c->reply,
		       c->reply_sequence);
}

/* Every word the hypervisor writes but the message (left NONE, so the
   cell's own poll finds nothing) and the answer words. */
static void scribble(void)
{
	volatile struct cb_comm_region *c = comm.page;
	unsigned int i;

	c->magic = GARBAGE;
	c->revision = (uint16_t)GARBAGE;
	c->header_size = (uint16_t)GARBAGE;
	c->cell_id = GARBAGE;
	c->cell_state = GARBAGE;
	c->counter_frequency = GARBAGE;
	c->cpu_count = GARBAGE;
	c->flags = GARBAGE;
	c->vote_timeout_us = GARBAGE;
	c->watchdog_us = GARBAGE;
	c->sequence = GARBAGE;
	c->requester = GARBAGE;
	c->interrupt = GARBAGE;
	for (i = 0; i < sizeof(c->reserved) / sizeof(c->reserved[0]); i++)
		c->reserved[i] = GARBAGE;
	print_header("scribbled");
}

static void __attribute__((noreturn)) probe(unsigned long how)
{
	volatile struct cb_comm_region *c = comm.page;

	if (how == 1) {
		console_printf("voter: writing the comm region's answer\n");
		c->reply = CB_COMM_REPLY_APPROVED;
		console_printf("voter: written\n");
	} else {
		console_printf("voter: jumping into the comm region\n");
		((void (*)(void))(uintptr_t)c)();
		console_printf("voter: came back\n");
	}
	psci_system_off();
}

static void answer(struct voter *v, const struct comm_message *m)
{
	struct comm_message a = *m;
	uint32_t reply = v->messages > 1 ? v->answer2 : v->answer;

	a.sequence += v->answer_seq;
	console_printf("voter: answering %s to sequence %u (the page shows "
		       "message %s)\n",
		       comm_reply_name(reply), a.sequence,
		       comm_message_name(comm.page->message));
	comm_answer(&comm, &a, reply);
}

static void take_messages(struct voter *v)
{
	bool by_interrupt = comm.interrupts != v->interrupts;
	struct comm_message m;

	v->interrupts = comm.interrupts;
	if (comm_ended(&comm))
		console_printf("voter: request %u ended\n", comm.seen);
	if (!comm_poll(&comm, &m))
		return;
	console_printf("voter: message %s, sequence %u, from cell %u (%s)\n",
		       comm_message_name(m.message), m.sequence, m.requester,
		       by_interrupt ? "interrupt" : "polled");
	if ((++v->messages > 1 ? v->answer2 : v->answer) ==
	    CB_COMM_REPLY_NONE) {
		console_printf("voter: not answering\n");
	} else if (v->answer_ticks) {
		v->pending = true;
		v->message = m;
		v->answer_at = timer_counter() + v->answer_ticks;
	} else {
		answer(v, &m);
	}
}

/* The call's result and how long it took, as the caller's own counter
   shows it (the voter's wait included). */
static void ask(unsigned long id)
{
	uint64_t start = timer_counter(), took;
	int64_t result = cb_cell_shutdown(id);

	took = timer_counter() - start;
	console_printf("voter: shutdown %lu: %s after %llu counter ticks\n", id,
		       cb_hc_error_name(result), (unsigned long long)took);
}

/* Microseconds until counter @deadline, rounded up: the wait ends at it
   or after, never before. */
static uint64_t us_until(uint64_t deadline)
{
	uint64_t now = timer_counter(), hz = timer_frequency();

	return deadline > now ? ((deadline - now) * 1000000 + hz - 1) / hz : 0;
}

static void run(struct voter *v, unsigned long beats, uint64_t beat_ticks)
{
	uint64_t next_beat = timer_counter() + beat_ticks, until;
	unsigned long beat = 1;

	while (beat <= beats) {
		if (v->pending && timer_counter() >= v->answer_at) {
			v->pending = false;
			answer(v, &v->message);
		}
		if (timer_counter() >= next_beat) {
			console_printf("voter: alive %lu\n", beat);
			if (v->ask && beat == v->ask_beat)
				ask(v->ask - 1);
			beat++;
			next_beat += beat_ticks;
			continue;
		}
		take_messages(v);
		until = next_beat;
		if (v->pending && v->answer_at < until)
			until = v->answer_at;
		/* Polled, also while the handler keeps the line masked: the
		   next request may come before this one's end is seen. */
		if ((!comm.intid || comm.masked) &&
		    timer_counter() + v->poll_ticks < until)
			until = timer_counter() + v->poll_ticks;
		wait_change(&comm.interrupts, v->interrupts, us_until(until));
	}
}

/* Which run this is, counted in a kept region (0: no counter). */
static uint32_t count_run(void)
{
	volatile struct run_counter *counter =
	    (volatile struct run_counter *)params_get_ulong(
		"kept", 0, 0x40000000ul, 0x7ffffff0ul);

	if (!counter)
		return 0;
	if (counter->magic != RUNS_MAGIC) {
		counter->magic = RUNS_MAGIC;
		counter->runs = 0;
	}
	console_printf("voter: run %u\n", counter->runs + 1);
	return ++counter->runs;
}

static void second_cpu(void *arg)
{
	if (gic_init_cpu())
		return;
	timer_delay_us((uint64_t)(uintptr_t)arg);
	console_printf("voter: cpu %u ends the cell\n", cpu_index());
	psci_system_off();
}

int inmate_main(void)
{
	static const char *const keys[] = { COMM_PARAM_KEYS, "answer",
					    "answer2", "answer_seq",
					    "answer_us", "scribble", "probe",
					    "beats", "beat_us", "poll_us",
					    "kept", "reset", "ask", "ask_beat",
					    "second", "off_us", NULL };
	struct voter v = { 0 };
	unsigned long beats, beat_us, how, second, reset;
	uint32_t run_number;

	if (params_check_keys(keys) || params_truncated())
		runtime_panic("voter: bad parameters, nothing done");
	v.answer = (uint32_t)params_get_ulong("answer", CB_COMM_REPLY_APPROVED,
					      0, CB_COMM_REPLY_DENIED);
	v.answer2 = (uint32_t)params_get_ulong("answer2", v.answer, 0,
					       CB_COMM_REPLY_DENIED);
	v.answer_seq = (uint32_t)params_get_ulong("answer_seq", 0, 0, 1000);
	v.answer_ticks =
	    timer_us_to_ticks(params_get_ulong("answer_us", 0, 0, 100000000));
	v.poll_ticks =
	    timer_us_to_ticks(params_get_ulong("poll_us", 100, 1, 1000000));
	beats = params_get_ulong("beats", 10, 0, 100000);
	beat_us = params_get_ulong("beat_us", 1000, 1, 10000000);
	how = params_get_ulong("probe", 0, 0, 2);
	reset = params_get_ulong("reset", 0, 0, 100);
	/* Stored as ID + 1: 0 is "none". */
	v.ask = params_get_ulong("ask", ~0ul, 0, 63) + 1;
	v.ask_beat = params_get_ulong("ask_beat", 1, 1, 100000);
	second = params_get_ulong("second", 0, 0, MPIDR_AFFINITY_MASK);
	run_number = count_run();
	if (comm_open(&comm))
		psci_system_off();
	print_header("comm region");
	if (how)
		probe(how);
	if (params_get_ulong("scribble", 0, 0, 1))
		scribble();
	if (gic_init())
		runtime_panic("voter: no interrupt controller");
	wait_init();
	comm_irq_enable(&comm);
	if (second && cpu_start(second, second_cpu,
				(void *)(uintptr_t)params_get_ulong(
				    "off_us", 1000, 1, 10000000)))
		runtime_panic("voter: CPU 0x%lx did not start", second);
	run(&v, beats, timer_us_to_ticks(beat_us));
	if (run_number && run_number <= reset) {
		console_printf("voter: done, resetting\n");
		psci_system_reset();
	}
	console_printf("voter: done, powering off\n");
	psci_system_off();
}
