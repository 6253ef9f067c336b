// SPDX-License-Identifier: GPL-2.0-only
/*
 * load CPU MS: a CPU- and memory-heavy load for one CPU of a Linux cell,
 * a static Linux arm64 program with no C library (raw system calls) for
 * the initramfs (scripts/make-initramfs.sh). It pins itself to CPU, then
 * for MS milliseconds of the virtual counter sweeps a buffer of
 * LOAD_BYTES, 64 KiB at a time: writes a pattern, reads it back into a
 * checksum and gives the pages back to the kernel (MADV_DONTNEED), so
 * that the next sweep page-faults every page in again: user-space stores
 * and loads plus the kernel's page faults, page allocation, zeroing and
 * TLB invalidation. /init starts one on every CPU. Then it prints
 *
 *   load: cpu C start S end E passes P sum X
 *
 * (C the CPU it ended on, S and E the counter when it began and ended, P
 * whole sweeps), which `make bench` reads to check that the load covered
 * its measurement. Exit status 1 if it could not pin itself or was
 * misused.
 */
#include "raw.h"
#include "text.h"

#define MADV_DONTNEED 4

/* 8 MiB per CPU: 2048 pages faulted in again every sweep. */
#define LOAD_BYTES (8u << 20)
#define LOAD_WORDS (LOAD_BYTES / sizeof(uint64_t))
#define CHUNK_WORDS (65536 / sizeof(uint64_t))
#define PAGE_WORDS (4096 / sizeof(uint64_t))

static uint64_t load_buffer[LOAD_WORDS] __attribute__((aligned(65536)));

static uint64_t counter_hz(void)
{
	uint64_t value;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(value));
	return value & 0xffffffff;
}

/*
 * YIELD after every page: a hint that costs an A57 nothing, but QEMU
 * under -icount runs the CPUs in turns, and a CPU that never yields keeps
 * its turn until the next timer event anywhere, as late as Linux's 4 ms
 * tick; the measuring CPU's interrupt would wait for that, with or
 * without a hypervisor (docs/benchmarks.md, figure 6).
 */
static inline void end_turn(void)
{
	__asm__ volatile("yield" ::: "memory");
}

/* One chunk: write it, read it back, give its pages back. */
static uint64_t load_chunk(volatile uint64_t *words, uint64_t seed)
{
	uint64_t sum = 0;

	for (uint64_t i = 0; i < CHUNK_WORDS; i++) {
		words[i] = seed + i;
		if (i % PAGE_WORDS == PAGE_WORDS - 1)
			end_turn();
	}
	for (uint64_t i = 0; i < CHUNK_WORDS; i++) {
		sum += words[i];
		if (i % PAGE_WORDS == PAGE_WORDS - 1)
			end_turn();
	}
	syscall3(SYS_MADVISE, (long)words, CHUNK_WORDS * sizeof(uint64_t),
		 MADV_DONTNEED);
	return sum;
}

static void say(const char *text)
{
	struct line l;

	l.length = 0;
	line_text(&l, text);
	line_write(&l, 2);
}

static void report(unsigned int cpu, uint64_t start, uint64_t end,
		   uint64_t passes, uint64_t sum)
{
	struct line l;

	l.length = 0;
	line_text(&l, "load: cpu ");
	line_number(&l, cpu);
	line_text(&l, " start ");
	line_number(&l, start);
	line_text(&l, " end ");
	line_number(&l, end);
	line_text(&l, " passes ");
	line_number(&l, passes);
	line_text(&l, " sum ");
	line_number(&l, sum);
	line_write(&l, 1);
}

static int load_main(long argc, char **argv)
{
	int64_t cpu = argc == 3 ? parse_decimal(argv[1]) : -1;
	int64_t ms = argc == 3 ? parse_decimal(argv[2]) : -1;
	uint64_t mask, start, end, passes = 0, sum = 0, at = 0;
	unsigned int cpu_now = 0;

	if (cpu < 0 || cpu > 63 || ms < 0) {
		say("usage: load CPU MS (CPU 0-63, MS milliseconds)");
		return 1;
	}
	mask = 1ull << cpu;
	if (syscall3(SYS_SCHED_SETAFFINITY, 0, sizeof(mask), (long)&mask)) {
		say("load: cannot pin itself to that CPU");
		return 1;
	}
	start = counter();
	end = start + (uint64_t)ms * (counter_hz() / 1000);
	while (counter() < end) {
		sum += load_chunk(load_buffer + at, passes);
		at += CHUNK_WORDS;
		if (at == LOAD_WORDS) {
			at = 0;
			passes++;
		}
	}
	end = counter();
	syscall3(SYS_GETCPU, (long)&cpu_now, 0, 0);
	report(cpu_now, start, end, passes, sum);
	return 0;
}

void load_entry(long *stack) __attribute__((noreturn, used));

/* The kernel's initial stack: argc, then argv[] (ELF ABI). */
void load_entry(long *stack)
{
	syscall3(SYS_EXIT, load_main(stack[0], (char **)(stack + 1)), 0, 0);
	__builtin_unreachable();
}

/* _start in assembly: the compiler may move sp before C could read it. */
__asm__(".globl _start\n"
	"_start:\n"
	"	mov x0, sp\n"
	"	b load_entry\n");
