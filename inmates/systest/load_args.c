// SPDX-License-Identifier: GPL-2.0-only
/*
 * load_args: CB_HC_CELL_SET_LOADABLE, CB_HC_CELL_LOAD and
 * CB_HC_CELL_DESTROY with every bad argument, in every state of the
 * target (tests/system/load_tests.py). Each call prints one line,
 * `load_args: CALL: RESULT`, and is checked against the answer the ABI
 * promises (include/cellblock/hypercall.h). In the granted mode, app
 * (inmates/systest/mgmt_target.c without parameters: it powers off after
 * 1 ms) is running at first; this cell then shuts it down, makes it
 * loadable, tries each bad load, loads a program (the bytes at `source`,
 * a second payload of the image: hello) in two pieces and starts it,
 * waits for it to stop, destroys it, and finds every call on it EBUSY
 * after. Then `PASS load-args checks=N` and SYSTEM_OFF.
 *
 * The cell: tests/system/configs/load_manager.dts (read-cells,
 * manage-cells = "app"; its RAM, then a write-only region, the GPIO's io
 * region, a comm region) or mgmt_plain.dts (no permission). app:
 * load_app.dts (loadable RAM at 0x40000000 and 0x40400000 side by side,
 * RAM not loadable at 0x40600000, a kept region at 0x40f00000).
 *
 * Parameters:
 *   mode    0: granted (load_manager.dts), 1: plain (mgmt_plain.dts),
 *           2: frozen (load_manager.dts, management frozen at boot)
 *   source  guest address of the program to load (default 0x40300000)
 *   size    its size in bytes (default 0: in the plain mode)
 *   self, rt, app  the cells' IDs (default 0, 1, 2: the image's order)
 */
#include <stddef.h>

#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/gic.h>
#include <inmate/hypercall.h>
#include <inmate/params.h>
#include <inmate/psci.h>
#include <inmate/runtime.h>
#include <inmate/wait.h>

#define RAM_END 0x40400000ull /* write-only region from here */
#define WRITE_ONLY RAM_END
#define IO_REGION 0x09030000ull
#define COMM_REGION 0x40500000ull
#define OUTSIDE 0x7ff00000ull
#define UNKNOWN_ID 3ull
/* app's regions (load_app.dts) */
#define APP_ENTRY 0x40200000ull
#define APP_HIGH 0x40400000ull /* loadable, 1 MiB, after ram */
#define APP_HIGH_END 0x40500000ull
#define APP_DATA 0x40600000ull /* not loadable */
#define APP_KEPT 0x40f00000ull
/* How long app may take to stop after its start (hello prints six
   lines), in polls 500 us apart. */
#define STOP_POLLS 100
/* The target prints its first line at once, powers off after 1 ms: the
   shutdown comes between. */
#define SHUTDOWN_AFTER_US 300

enum mode { GRANTED, PLAIN, FROZEN };

static uint64_t self, rt, app, source, size;
static struct cb_cell_info info;
/* What the waits wait on: nothing, so only their deadline ends them. */
static volatile unsigned int never;

static void expect(const char *what, int64_t got, int64_t want)
{
	cb_hc_expect("load_args", what, got, want);
}

static int64_t load(uint64_t id, uint64_t from, uint64_t bytes, uint64_t to)
{
	return cb_cell_load(id, (const void *)(uintptr_t)from, bytes, to);
}

/* app's state is @want, as CELL_INFO says. */
static void expect_state(uint32_t want)
{
	expect("info(app)", cb_cell_info(app, &info), 0);
	console_printf("load_args: app is %s\n",
		       cb_cell_state_name(info.state));
	CHECK_EQ(info.state, want);
}

/* The checks before the state: unknown IDs, the caller's own, a cell it
   may not manage, and app (0: not here). */
static void ids(int64_t want_unknown, int64_t want_self, int64_t want_rt,
		int64_t want_app)
{
	expect("loadable(3)", cb_cell_set_loadable(UNKNOWN_ID), want_unknown);
	expect("load(3)", load(UNKNOWN_ID, source, 16, APP_ENTRY),
	       want_unknown);
	expect("destroy(3)", cb_cell_destroy(UNKNOWN_ID), want_unknown);
	expect("destroy(~0)", cb_cell_destroy(~0ull), want_unknown);
	/* An ID cut to 32 bits would be app. */
	expect("load(2^32 + app)",
	       load((1ull << 32) | app, source, 16, APP_ENTRY), want_unknown);
	expect("loadable(self)", cb_cell_set_loadable(self), want_self);
	expect("load(self)", load(self, source, 16, APP_ENTRY), want_self);
	expect("destroy(self)", cb_cell_destroy(self), want_self);
	expect("loadable(rt)", cb_cell_set_loadable(rt), want_rt);
	expect("load(rt)", load(rt, source, 16, APP_ENTRY), want_rt);
	expect("destroy(rt)", cb_cell_destroy(rt), want_rt);
	if (want_app) {
		expect("loadable(app)", cb_cell_set_loadable(app), want_app);
		expect("load(app)", load(app, source, 16, APP_ENTRY), want_app);
		expect("destroy(app)", cb_cell_destroy(app), want_app);
	}
}

/* Each refused: a size, a source or a destination out of bounds. Those
   with a bad source write to app's entry, where the program goes next:
   a byte copied there would show when it runs. SOURCE: the program's. */
#define SOURCE 1ull

static void bad_loads(void)
{
	static const struct {
		const char *what;
		uint64_t from, bytes, to;
	} bad[] = {
	    {"load size 0", SOURCE, 0, APP_ENTRY},
	    {"load source outside the caller's RAM", OUTSIDE, 16, APP_ENTRY},
	    {"load source at 0", 0, 16, APP_ENTRY},
	    {"load source in the io region", IO_REGION, 16, APP_ENTRY},
	    {"load source in the comm region", COMM_REGION, 16, APP_ENTRY},
	    {"load source in the write-only region", WRITE_ONLY, 16, APP_ENTRY},
	    {"load source straddling the RAM's end", RAM_END - 16, 32,
	     APP_ENTRY},
	    {"load source wrapping past 2^64", ~0ull - 15, 32, APP_ENTRY},
	    {"load size 2^64 - 1", SOURCE, ~0ull, APP_ENTRY},
	    {"load destination outside the cell", SOURCE, 16, OUTSIDE},
	    {"load destination in RAM not loadable", SOURCE, 16, APP_DATA},
	    {"load destination in the kept region", SOURCE, 16, APP_KEPT},
	    {"load destination straddling two loadable regions", SOURCE, 32,
	     APP_HIGH - 16},
	    {"load destination past the region's end", SOURCE, 32,
	     APP_HIGH_END - 16},
	    {"load destination wrapping past 2^64", SOURCE, 32, ~0ull - 15},
	};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect(bad[i].what,
		       load(app, bad[i].from == SOURCE ? source : bad[i].from,
			    bad[i].bytes, bad[i].to),
		       CB_HC_EINVAL);
}

/* The program in two pieces (a kernel comes in many), and single bytes
   at the very ends of the regions allowed. */
static void good_loads(void)
{
	uint64_t first = size / 2;

	expect("load the program's first half",
	       load(app, source, first, APP_ENTRY), 0);
	expect("load the program's second half",
	       load(app, source + first, size - first, APP_ENTRY + first), 0);
	expect("load the caller's last RAM byte to app's last loadable byte",
	       load(app, RAM_END - 1, 1, APP_HIGH_END - 1), 0);
	expect("load 1 MiB, all of app's high region",
	       load(app, 0x40000000ull, APP_HIGH_END - APP_HIGH, APP_HIGH), 0);
}

/* The program powers off by itself. */
static void wait_stopped(void)
{
	unsigned int i;

	for (i = 0; i < STOP_POLLS; i++) {
		CHECK_EQ(cb_cell_info(app, &info), 0);
		if (info.state != CB_CELL_RUNNING)
			break;
		wait_change(&never, 0, 500);
	}
	expect_state(CB_CELL_STOPPED);
}

static void destroyed(void)
{
	expect("start(app), destroyed", cb_cell_start(app), CB_HC_EBUSY);
	expect("restart(app), destroyed", cb_cell_restart(app), CB_HC_EBUSY);
	expect("shutdown(app), destroyed", cb_cell_shutdown(app), CB_HC_EBUSY);
	expect("loadable(app), destroyed", cb_cell_set_loadable(app),
	       CB_HC_EBUSY);
	expect("load(app), destroyed", load(app, source, 16, APP_ENTRY),
	       CB_HC_EBUSY);
	expect("destroy(app), destroyed", cb_cell_destroy(app), CB_HC_EBUSY);
	expect_state(CB_CELL_DESTROYED);
}

static void granted(void)
{
	ids(CB_HC_ENOENT, CB_HC_EINVAL, CB_HC_EPERM, 0);
	expect_state(CB_CELL_RUNNING);
	expect("loadable(app), running", cb_cell_set_loadable(app),
	       CB_HC_EBUSY);
	expect("load(app), running", load(app, source, 16, APP_ENTRY),
	       CB_HC_EBUSY);
	wait_change(&never, 0, SHUTDOWN_AFTER_US);
	expect("shutdown(app)", cb_cell_shutdown(app), 0);
	expect("load(app), stopped", load(app, source, 16, APP_ENTRY),
	       CB_HC_EBUSY);
	expect("loadable(app)", cb_cell_set_loadable(app), 0);
	expect("loadable(app), loadable", cb_cell_set_loadable(app),
	       CB_HC_EBUSY);
	expect_state(CB_CELL_LOADABLE);
	bad_loads();
	expect_state(CB_CELL_LOADABLE);
	good_loads();
	expect("start(app)", cb_cell_start(app), 0);
	wait_stopped();
	expect("destroy(app)", cb_cell_destroy(app), 0);
	destroyed();
}

int inmate_main(void)
{
	static const char *const keys[] = {"mode", "source", "size", "self",
					   "rt",   "app",    NULL};
	unsigned long mode;

	params_check_keys(keys);
	mode = params_get_ulong("mode", GRANTED, GRANTED, FROZEN);
	source =
	    params_get_ulong("source", 0x40300000ul, 0x40000000ul, RAM_END - 1);
	size = params_get_ulong("size", 0, 0, RAM_END - source);
	self = params_get_ulong("self", 0, 0, 63);
	rt = params_get_ulong("rt", 1, 0, 63);
	app = params_get_ulong("app", 2, 0, 63);
	if (gic_init())
		runtime_panic("load_args: no interrupt controller");
	wait_init();
	check_begin("load-args");
	CHECK_EQ(cb_cell_self(), self);
	if (mode == GRANTED) {
		CHECK_EQ(size > 1, 1);
		granted();
	} else if (mode == PLAIN) {
		ids(CB_HC_ENOENT, CB_HC_EINVAL, CB_HC_EPERM, CB_HC_EPERM);
	} else {
		ids(CB_HC_EFROZEN, CB_HC_EFROZEN, CB_HC_EFROZEN, CB_HC_EFROZEN);
	}
	check_pass();
	psci_system_off();
}
