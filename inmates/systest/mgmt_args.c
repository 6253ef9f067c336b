// SPDX-License-Identifier: GPL-2.0-only
/*
 * mgmt_args: every cell and management hypercall with bad arguments and
 * without permission (tests/system/mgmt_tests.py). Each call prints one
 * line, `mgmt_args: CALL: RESULT`, and is checked against the answer the
 * ABI promises (include/cellblock/hypercall.h); a refused call with a
 * buffer must leave the buffer's bytes as they were. At the end the other
 * cells are asked once more that nothing changed (still running, started
 * once, never failed), then `PASS mgmt-args checks=N` and SYSTEM_OFF.
 *
 * The cell: tests/system/configs/mgmt_args.dts (read-cells, manage-cells
 * = "app") or mgmt_plain.dts (no permission): 4 MiB of RAM at guest
 * 0x40000000, a read-only region right above it, the GPIO's io region.
 *
 * Parameters:
 *   mode  0: granted (mgmt_args.dts), 1: plain (mgmt_plain.dts),
 *         2: frozen (mgmt_args.dts, management frozen at boot)
 *   self, rt, app  the cells' IDs (default 0, 1, 2: the image's order)
 */
#include <stddef.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/hypercall.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/smccc.h>

#define RAM_END 0x40400000ull		/* read-only region from here */
#define READ_ONLY RAM_END
#define IO_REGION 0x09030000ull
#define OUTSIDE 0x7ff00000ull
#define PATTERN 0xa5u
#define UNKNOWN_ID 3ull

enum mode { GRANTED, PLAIN, FROZEN };

static uint64_t self, rt, app;
/* The buffer of the calls that may write; bytes past a structure must
   stay PATTERN too. */
static uint8_t area[128] __attribute__((aligned(16)));

static void fill(volatile uint8_t *p, size_t n)
{
	while (n--)
		*p++ = PATTERN;
}

/* Counts one check: @n bytes at @p still PATTERN. */
static void expect_pattern(const char *what, volatile uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && p[i] == PATTERN; i++)
		;
	if (i < n)
		check_fail("%s: byte %u of the buffer changed to 0x%x", what,
			   (unsigned int)i, p[i]);
	CHECK_EQ(i, n);
}

static void expect(const char *what, int64_t got, int64_t want)
{
	cb_hc_expect("mgmt_args", what, got, want);
}

static int64_t raw(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return cb_hc_call(fn, a1, a2, a3);
}

/* A refused buffer at @buf, in area (or NULL): untouched. */
static void refused_buffer(const char *what, uint32_t fn, uint64_t id,
			   uint64_t buf, uint64_t size)
{
	fill(area, sizeof(area));
	expect(what, raw(fn, id, buf, size), CB_HC_EINVAL);
	expect_pattern(what, area, sizeof(area));
}

static void bad_buffers(void)
{
	static volatile uint8_t *const ram_tail =
		(volatile uint8_t *)(uintptr_t)(RAM_END - 16);
	uint64_t a = (uintptr_t)area;
	uint8_t ro[16];
	size_t i;

	refused_buffer("info(self) buffer outside the cell's RAM",
		       CB_HC_CELL_INFO, self, OUTSIDE,
		       sizeof(struct cb_cell_info));
	refused_buffer("info(self) buffer at 0", CB_HC_CELL_INFO, self, 0,
		       sizeof(struct cb_cell_info));
	refused_buffer("info(self) buffer in the read-only region",
		       CB_HC_CELL_INFO, self, READ_ONLY,
		       sizeof(struct cb_cell_info));
	refused_buffer("stats(self) buffer in the io region",
		       CB_HC_CELL_STATS, self, IO_REGION,
		       sizeof(struct cb_cell_stats));
	refused_buffer("info(self) buffer wrapping past 2^64",
		       CB_HC_CELL_INFO, self, ~0ull - 15,
		       sizeof(struct cb_cell_info));
	refused_buffer("info(self) buffer straddling the RAM's start",
		       CB_HC_CELL_INFO, self, 0x40000000ull - 16,
		       sizeof(struct cb_cell_info));
	refused_buffer("info(self) size 47", CB_HC_CELL_INFO, self, a,
		       sizeof(struct cb_cell_info) - 1);
	refused_buffer("stats(self) size 71", CB_HC_CELL_STATS, self, a,
		       CB_CELL_STATS_SIZE_1_1 - 1);
	refused_buffer("stats(self) size 0", CB_HC_CELL_STATS, self, a, 0);

	/* The RAM's last 16 bytes, then the read-only region. */
	for (i = 0; i < sizeof(ro); i++)
		ro[i] = ((volatile uint8_t *)(uintptr_t)READ_ONLY)[i];
	fill(ram_tail, 16);
	expect("stats(self) buffer straddling the RAM's end",
	       raw(CB_HC_CELL_STATS, self, RAM_END - 16,
		   sizeof(struct cb_cell_stats)),
	       CB_HC_EINVAL);
	expect_pattern("the RAM's end", ram_tail, 16);
	for (i = 0; i < sizeof(ro); i++)
		CHECK_EQ(((volatile uint8_t *)(uintptr_t)READ_ONLY)[i], ro[i]);

	/* A larger buffer is fine: only the structure's bytes are written. */
	fill(area, sizeof(area));
	expect("info(self) size 128", raw(CB_HC_CELL_INFO, self, a,
					  sizeof(area)), 0);
	expect_pattern("past the structure", area + sizeof(struct cb_cell_info),
		       sizeof(area) - sizeof(struct cb_cell_info));
	/* A caller of revision 1.1 gets its 72 bytes, nothing past them. */
	fill(area, sizeof(area));
	expect("stats(self) size 72 (revision 1.1)",
	       raw(CB_HC_CELL_STATS, self, a, CB_CELL_STATS_SIZE_1_1), 0);
	expect_pattern("past the revision-1.1 structure",
		       area + CB_CELL_STATS_SIZE_1_1,
		       sizeof(area) - CB_CELL_STATS_SIZE_1_1);
}

static void unknown_ids(void)
{
	uint64_t a = (uintptr_t)area;

	expect("info(3)", raw(CB_HC_CELL_INFO, UNKNOWN_ID, a, sizeof(area)),
	       CB_HC_ENOENT);
	expect("stats(3)", raw(CB_HC_CELL_STATS, UNKNOWN_ID, a, sizeof(area)),
	       CB_HC_ENOENT);
	/* An ID cut to 32 bits would be cell 0 (or self). */
	expect("info(2^32 + self)", raw(CB_HC_CELL_INFO, (1ull << 32) | self,
					a, sizeof(area)),
	       CB_HC_ENOENT);
	expect("info(~0)", raw(CB_HC_CELL_INFO, ~0ull, a, sizeof(area)),
	       CB_HC_ENOENT);
}

static void management(int64_t want_unknown, int64_t want_self,
		       int64_t want_app_start, int64_t want_app,
		       int64_t want_rt, int64_t want_freeze)
{
	expect("shutdown(3)", cb_cell_shutdown(UNKNOWN_ID), want_unknown);
	expect("start(3)", cb_cell_start(UNKNOWN_ID), want_unknown);
	expect("restart(3)", cb_cell_restart(UNKNOWN_ID), want_unknown);
	expect("restart(~0)", cb_cell_restart(~0ull), want_unknown);
	expect("shutdown(2^32 + app)", cb_cell_shutdown((1ull << 32) | app),
	       want_unknown);
	expect("shutdown(self)", cb_cell_shutdown(self), want_self);
	expect("start(self)", cb_cell_start(self), want_self);
	expect("restart(self)", cb_cell_restart(self), want_self);
	expect("start(app), running", cb_cell_start(app), want_app_start);
	if (want_app != 0) {
		expect("shutdown(app)", cb_cell_shutdown(app), want_app);
		expect("restart(app)", cb_cell_restart(app), want_app);
	}
	expect("shutdown(rt)", cb_cell_shutdown(rt), want_rt);
	expect("start(rt)", cb_cell_start(rt), want_rt);
	expect("restart(rt)", cb_cell_restart(rt), want_rt);
	expect("freeze", cb_freeze(), want_freeze);
	/* Over SMC these are no calls at all (SMCCC NOT_SUPPORTED). */
	expect("shutdown(app) over smc",
	       (int32_t)smccc_call(SMCCC_SMC, CB_HC_CELL_SHUTDOWN, app, 0, 0),
	       CB_HC_ENOSYS);
}

/* Another cell as the granted and frozen modes see it. */
static void expect_untouched(const char *name, const char *info_call,
			     const char *stats_call, uint64_t id)
{
	static struct cb_cell_info info;
	static struct cb_cell_stats stats;
	size_t i;

	expect(info_call, cb_cell_info(id, &info), 0);
	for (i = 0; name[i]; i++)
		CHECK_EQ(info.name[i], name[i]);
	CHECK_EQ(info.name[i], '\0');
	CHECK_EQ(info.id, id);
	CHECK_EQ(info.state, CB_CELL_RUNNING);
	expect(stats_call, cb_cell_stats(id, &stats), 0);
	CHECK_EQ(stats.starts, 1);
	CHECK_EQ(stats.failures, 0);
	console_printf("mgmt_args: %s: id %u running, starts 1, failures 0\n",
		       info.name, info.id);
}

int inmate_main(void)
{
	static const char *const keys[] = { "mode", "self", "rt", "app",
					    NULL };
	static struct cb_cell_info info;
	static struct cb_cell_stats stats;
	unsigned long mode;

	params_check_keys(keys);
	mode = params_get_ulong("mode", GRANTED, GRANTED, FROZEN);
	self = params_get_ulong("self", 0, 0, 63);
	rt = params_get_ulong("rt", 1, 0, 63);
	app = params_get_ulong("app", 2, 0, 63);
	check_begin("mgmt-args");
	CHECK_EQ(cb_cell_self(), self);
	CHECK_EQ(cb_cell_count(), 3);
	expect("info(self)", cb_cell_info(self, &info), 0);
	CHECK_EQ(info.state, CB_CELL_RUNNING);
	CHECK_EQ(info.cpu_set, 1);
	expect("stats(self)", cb_cell_stats(self, &stats), 0);
	CHECK_EQ(stats.starts, 1);
	bad_buffers();
	unknown_ids();
	switch (mode) {
	case GRANTED:
		management(CB_HC_ENOENT, CB_HC_EINVAL, CB_HC_EBUSY, 0,
			   CB_HC_EPERM, CB_HC_EPERM);
		break;
	case PLAIN:
		expect("info(rt)", cb_cell_info(rt, &info), CB_HC_EPERM);
		expect("stats(rt)", cb_cell_stats(rt, &stats), CB_HC_EPERM);
		expect("info(app)", cb_cell_info(app, &info), CB_HC_EPERM);
		management(CB_HC_ENOENT, CB_HC_EINVAL, CB_HC_EPERM,
			   CB_HC_EPERM, CB_HC_EPERM, CB_HC_EPERM);
		break;
	default:
		management(CB_HC_EFROZEN, CB_HC_EFROZEN, CB_HC_EFROZEN,
			   CB_HC_EFROZEN, CB_HC_EFROZEN, CB_HC_EFROZEN);
	}
	if (mode != PLAIN) {
		expect_untouched("rt", "info(rt)", "stats(rt)", rt);
		expect_untouched("app", "info(app)", "stats(app)", app);
	}
	check_pass();
	psci_system_off();
}
